// Pagefind's browser side, for the app's search page (src/search.rs). The
// app (WebAssembly) cannot import a JavaScript module itself, so it adds this
// module to the page, which imports Pagefind and hands it over. Built by the
// step `search` (crates/site/src/steps/search_index.rs) into /pagefind/.
import * as pagefind from "/pagefind/pagefind.js";
// A large archive is indexed in parts of SEARCH_SHARD articles, counted
// from the oldest: the newest articles (the open part) in /pagefind/ itself,
// each full part in /pagefind/<k>/, which never changes once full. The step
// writes parts.js: the part merged at once with the open one (`first`: the
// newest articles), the older parts, newest first (`older`, each with the
// label of its button and what a search then covers), what a first search
// covers (`searched`, empty when it is the whole archive), and the page's
// place for them (`id`) with its other words.
import parts from "/pagefind/parts.js";

// The pre-rendered search page's place under the results
// (src/routes/search_page.rs). The whole app has none: it merges every
// part at once, as a search of every article.
const place = document.getElementById(parts.id);
const older = place ? parts.older.slice() : [];
let searched = place ? parts.searched : "";

// A promise of Pagefind, ready to search (set at once: the script's load
// event does not wait for the merging); none for a site without articles,
// whose index Pagefind cannot start from.
const ready = parts.empty ? null : (async () => {
  // Ranking: a word typed with its diacritics ranks the articles with that
  // very form first ("đường" before "dương" and "đương"; the index keeps
  // each form, crates/site/src/steps/search_index.rs): Pagefind's boost for
  // it, 1.8x by default, raised to 5x, and no extra weight for the title's
  // metadata, which holds the title as written (with "đ", which Pagefind
  // cannot fold: its boost went to the other forms). The searched text
  // carries the title twice, so title words still rank first.
  await pagefind.options({ baseUrl: "/", ranking: { diacriticSimilarity: 4, metaWeights: { title: 1 } } });
  const now = place ? parts.first : parts.first.concat(parts.older.map((part) => part.url));
  for (const part of now) {
    await pagefind.mergeIndex(part, { baseUrl: "/" });
  }
  return pagefind;
})();

// The next older part, merged: its entry file is asked first, so that a
// part out of reach (offline, a failed request) is not half merged.
let widening = null;
const widen = () => {
  widening ??= (async () => {
    const next = older[0];
    const entry = await fetch(next.url + "pagefind-entry.json");
    if (!entry.ok) throw new Error(`${next.url}: ${entry.status}`);
    await (await ready).mergeIndex(next.url, { baseUrl: "/" });
    older.shift();
    searched = next.searched;
  })().finally(() => {
    widening = null;
  });
  return widening;
};

// What the place shows: what was searched (with, while the next part
// loads, that it is on its way, or that it could not come), and the
// button that adds the next part. The button stays enabled while a part
// loads (a disabled button would lose the focus; a second press waits for
// the same part).
const note = document.createElement("p");
note.className = "search-count";
note.setAttribute("role", "status");
note.tabIndex = -1;
const button = document.createElement("button");
button.type = "button";
const field = () => document.getElementById(parts.field);
const show = (state) => {
  if (!place) return;
  const asked = field()?.value.trim();
  place.hidden = !searched || !asked;
  note.textContent = { loading: parts.loading, failed: `${searched} ${parts.failed}` }[state] ?? searched;
  button.setAttribute("aria-busy", String(state === "loading"));
  if (older.length) {
    button.textContent = older[0].more;
    if (!button.isConnected) place.append(note, button);
  } else {
    if (button.contains(document.activeElement)) note.focus();
    button.remove();
    if (!note.isConnected) place.append(note);
  }
};
button.addEventListener("click", async () => {
  show("loading");
  try {
    await widen();
  } catch (e) {
    console.warn("bantin: the older articles' index did not load:", e);
    show("failed");
    return;
  }
  show();
  // The search again, now with the older articles: as if the query had
  // been typed again (the island searches on its field's input).
  field()?.dispatchEvent(new Event("input", { bubbles: true }));
});
// A field emptied (typed, or Back to no query): nothing searched to tell.
const hideIfEmpty = () => queueMicrotask(() => show());
window.addEventListener("input", hideIfEmpty);
window.addEventListener("popstate", hideIfEmpty);

// What the app asks (src/search.rs): the data ({url, content, meta}) of
// Pagefind's results `from` to `to` for `asked`, best first.
window.bantinResults = async (asked, from, to) => {
  if (!ready) return [];
  const found = await (await ready).search(asked);
  const data = await Promise.all(found.results.slice(from, to).map((result) => result.data()));
  show();
  return data;
};
