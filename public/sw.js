// bantin's service worker: offline reading. Plain JavaScript, no framework.
//
// - The app shell (index.html and the hashed JS, WASM and CSS of this build)
//   is cached at install, in a cache named after the build. A new build
//   installs beside it, takes over, and deletes the old shell caches.
// - Page loads and article data go to the network first; a good answer is
//   used (and, for data, a copy kept), so readers always get the newest text.
//   Only when the network fails does a saved copy answer: the shell for any
//   page, and the list or an article read before. Saved copies carry the
//   X-Bantin-Saved-At header (milliseconds since 1970), which the app turns
//   into "bản đã lưu" notice (src/offline.rs).
// - Opening a pre-rendered article page saves the article from its embedded
//   data block (the app never asks for that JSON). Being installed while an
//   article or the list is open saves what it shows: the first article a
//   reader opens is kept too.
//
// The build step `worker` (crates/site/src/build/worker.rs) fills in BUILD and
// SHELL_FILES for each release build.

const BUILD = "__BANTIN_BUILD__";
const SHELL_FILES = ["/"]; /* __BANTIN_SHELL_FILES__ */
const SHELL = "bantin-shell-" + BUILD;
// Saved articles outlive builds: the app validates whatever it reads.
const ARTICLES = "bantin-articles-v1";
const SAVED_AT = "X-Bantin-Saved-At";
// The app's own slug rule (src/model.rs, Slug::parse).
const ARTICLE_PAGE = /^\/articles\/([a-z0-9-]{1,200})$/;
const ARTICLE_DATA = /^\/articles\/[a-z0-9-]{1,200}\.json$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_FILES))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("bantin-shell-") && name !== SHELL)
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
      // The pages open now loaded before this worker existed: save what they show.
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((pages) => Promise.all(pages.map((p) => saveFor(new URL(p.url).pathname))))
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname === "/articles/index.json" || ARTICLE_DATA.test(url.pathname)) {
    event.respondWith(data(event, url.pathname));
  } else if (SHELL_FILES.includes(url.pathname)) {
    // Hashed build files never change under the same name.
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});

async function page(event, url) {
  try {
    const response = await fetch(event.request);
    if (response.ok && ARTICLE_PAGE.test(url.pathname)) {
      event.waitUntil(saveEmbedded(url.pathname, response.clone()));
    }
    return response;
  } catch (offline) {
    const shell = await caches.match("/", { cacheName: SHELL });
    if (shell) return shell;
    throw offline;
  }
}

async function data(event, path) {
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(keep(path, response.clone()));
    return response;
  } catch (offline) {
    const saved = await caches.match(path, { cacheName: ARTICLES });
    if (saved) return saved;
    throw offline;
  }
}

// A pre-rendered article page carries its article as a JSON data block
// (src/prerender.rs): save that, with no second request. Other pages make the
// app fetch the JSON itself, which data() saves.
const EMBEDDED = /<script type="application\/json" id="bantin-article">([^<]*)<\/script>/;

async function saveEmbedded(pathname, response) {
  const found = EMBEDDED.exec(await response.text());
  if (!found) return;
  const json = new Response(found[1], { headers: { "Content-Type": "application/json; charset=utf-8" } });
  await keep(pathname + ".json", json);
}

// Saves the data behind a page: an article's JSON, or the list for "/".
function saveFor(pathname) {
  const article = ARTICLE_PAGE.exec(pathname);
  if (article) return saveData("/articles/" + article[1] + ".json");
  if (pathname === "/") return saveData("/articles/index.json");
  return Promise.resolve();
}

async function saveData(path) {
  try {
    const response = await fetch(path);
    if (response.ok) await keep(path, response);
  } catch (e) {
    // Not saved this time; the article is still on screen.
  }
}

// Stores a copy stamped with when it was saved.
async function keep(path, response) {
  const type = response.headers.get("Content-Type") || "";
  if (!type.includes("json")) return; // an HTML error page is not an article
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(Date.now()));
  const body = await response.blob();
  const cache = await caches.open(ARTICLES);
  await cache.put(path, new Response(body, { status: 200, headers }));
}
