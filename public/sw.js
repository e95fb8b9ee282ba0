// bantin's service worker: offline reading. Plain JavaScript, no framework.
//
// - The build's files (the hashed JS, WASM and CSS, the icon, the manifest)
//   are cached at install, in a cache named after the build: what a
//   pre-rendered page loads, already in the browser's cache. The whole app
//   (APP_FILES: shell.html, its WASM and glue and its stylesheet, 183 KB), which shows the
//   saved copies offline, is kept once the reader opens a second page, after
//   that page has arrived: a reader who opens one shared article and leaves
//   downloads nothing more. A new build installs beside it, takes over, and
//   deletes the old shell caches.
// - Page loads and data (articles, list pages) go to the network first; a
//   good answer is used (and, for data, a copy kept), so readers always get
//   the newest text. Only when the network fails does a saved copy answer:
//   the shell for any page, and a list page or an article read before. Saved
//   copies carry the SAVED_AT header (milliseconds since 1970),
//   which the app turns into "bản đã lưu" notice (src/offline.rs).
// - Opening a pre-rendered page (an article, the home page, /trang/<n>)
//   saves its data from the page's embedded data block (the app never asks
//   for that JSON). Being installed while such a page is open saves what it
//   shows: the first page a reader opens is kept too.
// - At most MAX_SAVED articles and MAX_SAVED_LISTS list pages are kept; past
//   that, the one read least recently goes (READ_AT, renewed each
//   time a saved copy is read or saved again).
// - The photos' copies a page shows (/anh/…, named by their bytes, so they
//   never change) are kept as they arrive, and answered from there first:
//   a saved article shows its photo offline. At most MAX_SAVED_PHOTOS; past
//   that, the ones kept first go.
//
// The build step `worker` (crates/site/src/steps/worker.rs) fills in BUILD,
// SHELL_FILES and APP_FILES for each release build, and C (below) for every
// build, `make dev`'s included.

const BUILD = "__BANTIN_BUILD__";
const SHELL_FILES = ["/"]; /* __BANTIN_SHELL_FILES__ */
const APP_FILES = ["/"]; /* __BANTIN_APP_FILES__ */
// Every name, limit and pattern this worker shares with the app, from the
// app's constants (src/worker.rs); the build step `worker` writes them here.
const C = /*CONFIG*/ null;
const SHELL = C.shellCachePrefix + BUILD;
// Saved articles outlive builds: the app validates whatever it reads.
const ARTICLES = C.articlesCache;
const SAVED_AT = C.savedAt;
const READ_AT = C.readAt;
// How many saved articles and list pages a device keeps (README, "Reading").
const MAX_SAVED = C.maxSavedArticles;
const MAX_SAVED_LISTS = C.maxSavedLists;
// The app's own slug rule (crates/model/src/slug.rs, Slug::parse).
const ARTICLE_PAGE = new RegExp(C.articlePage);
const ARTICLE_DATA = new RegExp(C.articleData);
// The list pages: "/" the newest, "/trang/<k>" the k-th from the oldest
// (ListPage::number_in); their data, the home page's too.
const LIST_PAGE = new RegExp(C.listPage);
const LIST_DATA = new RegExp(C.listData);
// The photos' copies (crates/model/src/photo.rs, copy_pattern).
const PHOTO_COPY = new RegExp(C.photoCopy);
const PHOTOS = C.photosCache;
const MAX_SAVED_PHOTOS = C.maxSavedPhotos;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_FILES.filter((f) => !APP_FILES.includes(f))))
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
            .filter((name) => name.startsWith(C.shellCachePrefix) && name !== SHELL)
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
  } else if (LIST_DATA.test(url.pathname) || ARTICLE_DATA.test(url.pathname)) {
    event.respondWith(data(event, url.pathname));
  } else if (PHOTO_COPY.test(url.pathname)) {
    event.respondWith(photo(event, request));
  } else if (SHELL_FILES.includes(url.pathname)) {
    // Hashed build files never change under the same name.
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});

async function page(event, url) {
  try {
    const response = await fetch(event.request);
    const path = dataOf(url.pathname);
    if (response.ok) {
      // A page this worker sees load is at least the reader's second (the
      // first loaded before the worker existed): once it has arrived, keep
      // the whole app too.
      const saved = path ? saveEmbedded(path, response.clone()) : response.clone().blob();
      event.waitUntil(saved.then(keepApp, keepApp));
    }
    return response;
  } catch (offline) {
    const shell = await caches.match(APP_FILES[0], { cacheName: SHELL });
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
    if (!saved) throw offline;
    event.waitUntil(touch(path, saved.clone()));
    return saved;
  }
}

// A photo's copy: the kept one if there is one (its name says its bytes),
// else the network's, kept for offline reading.
async function photo(event, request) {
  const cache = await caches.open(PHOTOS);
  const kept = await cache.match(request.url);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && (response.headers.get("Content-Type") || "").startsWith("image/")) {
    event.waitUntil(
      cache
        .put(request.url, response.clone())
        .then(() => evictPhotos(cache))
        .catch(() => {})
    );
  }
  return response;
}

// Past the limit, the photos kept first go (a cache lists them in the
// order they were put).
async function evictPhotos(cache) {
  const kept = await cache.keys();
  const over = kept.length - MAX_SAVED_PHOTOS;
  if (over > 0) await Promise.all(kept.slice(0, over).map((r) => cache.delete(r)));
}

// The data file behind a page's address, or null: "/" and "/trang/<n>" are
// list pages, "/articles/<slug>" an article.
function dataOf(pathname) {
  if (pathname === "/") return C.homeListData;
  const list = LIST_PAGE.exec(pathname);
  if (list) return C.listDataUrl[0] + list[1] + C.listDataUrl[1];
  const article = ARTICLE_PAGE.exec(pathname);
  if (article) return C.articleDataUrl[0] + article[1] + C.articleDataUrl[1];
  return null;
}

// A pre-rendered page carries its data as a JSON data block
// (src/prerender.rs): save that, with no second request. Other pages make the
// app fetch the JSON itself, which data() saves.
const EMBEDDED = new RegExp(C.embedded);

async function saveEmbedded(path, response) {
  const found = EMBEDDED.exec(await response.text());
  if (!found) return;
  const json = new Response(found[1], { headers: { "Content-Type": "application/json; charset=utf-8" } });
  await keep(path, json);
}

// The whole app, for reading offline: kept once (per build).
async function keepApp() {
  const cache = await caches.open(SHELL);
  const have = await Promise.all(APP_FILES.map((f) => cache.match(f)));
  if (have.every(Boolean)) return;
  try {
    await cache.addAll(APP_FILES);
  } catch (e) {
    // Not this time; the next page tries again.
  }
}

// Saves the data behind a page: an article's JSON, or a list page's.
function saveFor(pathname) {
  const path = dataOf(pathname);
  return path ? saveData(path) : Promise.resolve();
}

async function saveData(path) {
  try {
    const response = await fetch(path);
    if (response.ok) await keep(path, response);
  } catch (e) {
    // Not saved this time; the article is still on screen.
  }
}

// Stores a copy stamped with when it was saved (and read), then makes room.
async function keep(path, response) {
  const type = response.headers.get("Content-Type") || "";
  if (!type.includes("json")) return; // an HTML error page is not an article
  const now = String(Date.now());
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, now);
  headers.set(READ_AT, now);
  const body = await response.blob();
  const cache = await caches.open(ARTICLES);
  await cache.put(path, new Response(body, { status: 200, headers }));
  await evict(cache);
}

// A saved copy read again (offline): it is now the most recently read.
async function touch(path, saved) {
  const headers = new Headers(saved.headers);
  headers.set(READ_AT, String(Date.now()));
  const body = await saved.blob();
  const cache = await caches.open(ARTICLES);
  await cache.put(path, new Response(body, { status: 200, headers }));
}

// Past the limits, the copies read least recently go.
async function evict(cache) {
  const requests = await cache.keys();
  for (const [pattern, limit] of [[ARTICLE_DATA, MAX_SAVED], [LIST_DATA, MAX_SAVED_LISTS]]) {
    const mine = requests.filter((r) => pattern.test(new URL(r.url).pathname));
    if (mine.length <= limit) continue;
    const read = await Promise.all(
      mine.map(async (r) => {
        const saved = await cache.match(r);
        return [r, Number(saved && saved.headers.get(READ_AT)) || 0];
      })
    );
    read.sort((a, b) => a[1] - b[1]);
    await Promise.all(read.slice(0, mine.length - limit).map(([r]) => cache.delete(r)));
  }
}
