// Pagefind's browser side, for the app's search page (src/search.rs). The
// app (WebAssembly) cannot import a JavaScript module itself, so it adds this
// module to the page, which imports Pagefind and hands it over. Built by the
// step `search` (crates/site/src/steps/search_index.rs) into /pagefind/.
import * as pagefind from "/pagefind/pagefind.js";
// A very large archive is indexed in parts (SEARCH_SHARD articles each, the
// newest in /pagefind/ itself): the others, which the step lists here, are
// merged in, so one query searches them all.
import more from "/pagefind/parts.js";

// A promise of Pagefind, ready to search every part (set at once: the
// script's load event does not wait for the merging).
window.bantinPagefind = (async () => {
  await pagefind.options({ baseUrl: "/" });
  for (const part of more) {
    await pagefind.mergeIndex(part, { baseUrl: "/" });
  }
  return pagefind;
})();
