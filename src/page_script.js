// The page's own script: the one inline script of every page, in <head>, run
// before anything is painted and long before the WebAssembly arrives.
//
// 1. Applies the reader's stored text size and reading choices (no flash).
// 2. On a pre-rendered page, makes the size controls work from the first
//    paint: A−, A+, "Đặt lại" and the keys + = - _ 0, with the app's steps,
//    limits, storage key, announcement and disabled states.
// 3. Hands over without losing a click: the islands, when they hydrate,
//    starts from the size shown (stored, or on <html> if storage is blocked)
//    and removes the page's mark; from then on it alone works the controls.
// 4. Puts the focus in the header's search field when a phone opens it.
// 5. If the app's WebAssembly traps (a bug: the release build aborts on a
//    panic, src/crash.rs), replaces the frozen page with a plain message
//    and a link that reloads it.
// 6. Shows "Nghe bài viết" where the device has a Vietnamese voice, and
//    loads the speaking part on its first press.
// 7. Marks <html> as scripted (the stylesheet shows the controls only
//    then), and as able to share where it has navigator.share, and on the shell, where the whole app cannot run (no
//    WebAssembly, or its file failed to load), says so instead of leaving
//    the page blank (src/fallback.rs).
//
// Every name and number comes from the app's Rust constants: the build step
// `script` (crates/site/src/steps/script.rs) writes them in place of CONFIG
// (src/page_script.rs). Plain ES5, no modules: it must run everywhere.
(function (C) {
  "use strict";
  var root = document.documentElement;
  root.setAttribute(C.scripted, "");
  // A share sheet: the copy button reads "Chia sẻ" (src/components/copy_link.rs).
  if (typeof navigator.share === "function") root.setAttribute(C.shares, "");
  // For the printed footer: the site's address, as a CSS string.
  root.style.setProperty("--page-origin", JSON.stringify(location.origin));

  var storage = null;
  try {
    storage = window.localStorage;
  } catch (e) {
    /* Storage blocked: choices hold for this page only. */
  }
  function stored(key) {
    try {
      return storage ? storage.getItem(key) : null;
    } catch (e) {
      return null;
    }
  }
  function store(key, value) {
    try {
      if (!storage) return;
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, value);
    } catch (e) {
      /* Full or blocked: the change still holds for this page. */
    }
  }

  // The reading choices: [attribute, name, name, ...] per storage key.
  for (var key in C.choices) {
    var choice = C.choices[key], value = stored(key);
    if (value !== null && choice.indexOf(value) > 0) root.setAttribute(choice[0], value);
  }

  // The text size: an index into C.steps, each [stored value, CSS value,
  // announcement, label]. The pre-rendered toolbar's label is C.sizeLabel's
  // (a CSS string), until the islands label it themselves.
  var steps = C.steps, size = C.defaultStep;
  for (var i = 0; i < steps.length; i++) {
    if (steps[i][0] === stored(C.sizeKey)) size = i;
  }
  function label(i) {
    root.style.setProperty(C.sizeLabel, JSON.stringify(steps[i][3]));
  }
  function show(i) {
    size = i;
    root.style.setProperty(C.sizeProperty, steps[i][1]);
    root.setAttribute(C.sizeAttribute, steps[i][0]);
    label(i);
    sync();
  }
  if (size !== C.defaultStep) show(size);
  else label(size);

  // A pre-rendered page whose islands have not yet hydrated.
  function prerendered() {
    return document.body !== null && document.body.hasAttribute(C.prerendered);
  }
  // The buttons' disabled states, as the app sets them.
  function sync() {
    if (!prerendered()) return;
    var ends = [[C.smaller, 0], [C.larger, steps.length - 1], [C.reset, C.defaultStep]];
    for (var j = 0; j < ends.length; j++) {
      var button = document.querySelector("." + ends[j][0]);
      if (button) button.disabled = size === ends[j][1];
    }
  }
  // The script's own polite live region, after the app's content (the app's
  // nodes must stay exactly as the host rendered them, for hydration); the
  // app removes it when it takes over.
  function status() {
    var region = document.getElementById(C.statusId);
    if (!region && document.body) {
      region = document.createElement("p");
      region.id = C.statusId;
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }
  // A step stores its value; "Đặt lại" (`reset`) leaves nothing stored.
  function choose(i, reset) {
    if (i < 0 || i >= steps.length || i === size) return;
    show(i);
    var value = reset ? null : steps[i][0];
    store(C.sizeKey, value);
    var region = status();
    if (region) region.textContent = steps[i][2];
  }
  var actions = {
    larger: function () { choose(size + 1); },
    smaller: function () { choose(size - 1); },
    reset: function () { choose(C.defaultStep, true); }
  };

  document.addEventListener("click", function (ev) {
    var button = ev.target && ev.target.closest ? ev.target.closest("button") : null;
    if (!button || !prerendered()) return;
    for (var name in actions) {
      if (button.classList.contains(C[name])) return actions[name]();
    }
  });

  function typing(el) {
    if (!el || !el.tagName) return false;
    if (el.tagName === "INPUT") return C.notText.indexOf((el.getAttribute("type") || "").toLowerCase()) < 0;
    return el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable;
  }
  document.addEventListener("keydown", function (ev) {
    var action = Object.prototype.hasOwnProperty.call(C.keys, ev.key) ? C.keys[ev.key] : null;
    if (!action || !prerendered() || ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    actions[action]();
    ev.preventDefault();
  });

  // A phone's "Tìm" opens the header's search form (a popover, opened by the
  // browser): the field gets the focus, so the reader can type at once.
  document.addEventListener("toggle", function (ev) {
    var field = document.getElementById(C.search[1]);
    if (ev.target && ev.target.id === C.search[0] && ev.newState === "open" && field) field.focus();
  }, true);

  // A plain message in a <main>: a heading, a text and one link ([title,
  // text, link's text]).
  function message(main, t, href) {
    var heading = document.createElement("h1"), text = document.createElement("p");
    var link = document.createElement("a");
    heading.textContent = t[0];
    text.textContent = t[1];
    link.href = href;
    link.textContent = t[2];
    main.appendChild(heading);
    main.appendChild(text);
    main.appendChild(link);
    return link;
  }
  function trap(error) {
    return typeof WebAssembly === "object" && error instanceof WebAssembly.RuntimeError;
  }
  // A trap reaches the page as an uncaught WebAssembly.RuntimeError: from an
  // event the app handled (`error`) or from one of its tasks
  // (`unhandledrejection`). Other errors are left be, but on the shell
  // before the app has started (below).
  var stopped = false;
  function crashed(error) {
    var body = document.body;
    if (stopped || !trap(error) || !body) return;
    stopped = true;
    if (window.console) console.error("bantin: the app stopped:", error);
    var main = document.createElement("main");
    main.setAttribute("role", "alert");
    main.className = C.crash[0];
    // Without its #fragment, so following the link really reloads; rel=external
    // keeps the (now dead) app's router from taking the click.
    message(main, C.crash.slice(1), location.href.split("#")[0]).rel = "external";
    body.textContent = "";
    body.appendChild(main);
  }

  // The shell is an empty page that the whole app fills, and the search
  // page's form searches with its islands. Without WebAssembly, or when the
  // WASM's files fail to load (a script's load error reaches the window only
  // while capturing), the page says why instead.
  var started = false;
  function withoutApp() {
    var body = document.body;
    if (!C.noApp || started || stopped || !body || document.getElementById(C.noApp[0])) return;
    var t = location.pathname === C.noApp[1] ? C.noApp.slice(2, 5) : C.noApp.slice(5, 8);
    var main = document.createElement("main");
    main.id = C.noApp[0];
    message(main, t, "/");
    // The pre-rendered search page (the only pre-rendered page with these
    // messages): its form, which cannot search here, gives way to it.
    var page = prerendered() && document.getElementById("main");
    if (page) {
      page.style.display = "none";
      body.insertBefore(main, page);
    } else {
      body.appendChild(main);
    }
    document.title = t[0];
  }
  function failed(error, resource) {
    crashed(error);
    if (resource || !trap(error)) withoutApp();
  }
  window.addEventListener("error", function (ev) { failed(ev.error, ev.target !== window); }, true);
  window.addEventListener("unhandledrejection", function (ev) { failed(ev.reason, false); });
  window.addEventListener("TrunkApplicationStarted", function () {
    started = true;
    var shown = C.noApp && document.getElementById(C.noApp[0]);
    if (shown && shown.parentNode) shown.parentNode.removeChild(shown);
    var page = shown && document.getElementById("main");
    if (page) page.style.display = "";
  });
  function noWasm() {
    if (typeof WebAssembly !== "object") withoutApp();
  }

  // "Nghe bài viết" (src/components/listen.rs): shown only where the device
  // has a Vietnamese voice (the rule of src/speech.rs, is_vietnamese), which
  // may be listed late. The first press loads the speaking part
  // (src/read_aloud.rs), which reads at once and works the buttons from
  // then on: only readers who listen download it.
  var L = C.listen, synth = window.speechSynthesis, loading = false, tries = 0;
  function vietnamese(lang) {
    lang = String(lang || "").trim().toLowerCase();
    var rest = lang.slice(L.lang.length);
    return lang.indexOf(L.lang) === 0 && (rest === "" || "-_".indexOf(rest.charAt(0)) >= 0);
  }
  function voices() {
    var list = [];
    try {
      list = synth.getVoices() || [];
    } catch (e) {
      /* No voices to list. */
    }
    for (var v = 0; v < list.length; v++) {
      if (vietnamese(list[v].lang)) return root.setAttribute(L.voice, "");
    }
    root.removeAttribute(L.voice);
  }
  if (synth && typeof synth.getVoices === "function") {
    voices();
    if (synth.addEventListener) synth.addEventListener("voiceschanged", voices);
  }
  function said(text) {
    var region = document.querySelector(L.status);
    if (region) region.textContent = text;
  }
  function notLoaded() {
    loading = false;
    said(L.failed);
  }
  document.addEventListener(L.failedEvent, notLoaded);
  document.addEventListener("click", function (ev) {
    var button = ev.target && ev.target.closest ? ev.target.closest(L.play) : null;
    if (!button || loading || root.hasAttribute(L.ready)) return;
    loading = true;
    said(L.loading);
    var script = document.createElement("script");
    script.type = "module";
    // A module that failed stays failed at its address for this page: a
    // retry asks at another.
    script.src = tries++ ? L.module + "?" + tries : L.module;
    script.onerror = function () {
      if (script.parentNode) script.parentNode.removeChild(script);
      notLoaded();
    };
    document.head.appendChild(script);
  });

  // The pre-rendered toolbar arrives after this script: set its buttons as
  // soon as it is parsed.
  if (document.readyState === "loading") {
    var watch = window.MutationObserver ? new MutationObserver(sync) : null;
    if (watch) watch.observe(root, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", function () {
      if (watch) watch.disconnect();
      sync();
      if (prerendered()) status();
      noWasm();
    });
  } else {
    noWasm();
  }
})(/*CONFIG*/ null);
