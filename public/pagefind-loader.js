// Pagefind's browser side, for the app's search page (src/search.rs). The
// app (WebAssembly) cannot import a JavaScript module itself, so it adds this
// module to the page, which imports Pagefind and hands it over. Built by the
// step `search` (crates/site/src/steps/search_index.rs) into /pagefind/.
import * as pagefind from "/pagefind/pagefind.js";
// A large archive is indexed in parts of SEARCH_SHARD articles, counted
// from the oldest: the newest articles (the open part) in /pagefind/ itself,
// each full part in /pagefind/<k>/, which never changes once full. The step
// lists the full parts here; they are merged in, so one query searches all.
import more from "/pagefind/parts.js";

// A promise of Pagefind, ready to search every part (set at once: the
// script's load event does not wait for the merging).
const ready = (async () => {
  // Ranking: a word typed with its diacritics ranks the articles with that
  // very form first ("đường" before "dương" and "đương"; the index keeps
  // each form, crates/site/src/steps/search_index.rs): Pagefind's boost for
  // it, 1.8x by default, raised to 5x, and no extra weight for the title's
  // metadata, which holds the title as written (with "đ", which Pagefind
  // cannot fold: its boost went to the other forms). The searched text
  // carries the title twice, so title words still rank first.
  await pagefind.options({ baseUrl: "/", ranking: { diacriticSimilarity: 4, metaWeights: { title: 1 } } });
  for (const part of more) {
    await pagefind.mergeIndex(part, { baseUrl: "/" });
  }
  return pagefind;
})();

// What the app asks (src/search.rs): the data ({url, content, meta}) of
// Pagefind's results `from` to `to` for `asked`, best first.
window.bantinResults = async (asked, from, to) => {
  const found = await (await ready).search(asked);
  return Promise.all(found.results.slice(from, to).map((result) => result.data()));
};
