// Pagefind's browser side, for the app's search page (src/search.rs). The
// app (WebAssembly) cannot import a JavaScript module itself, so it adds this
// module to the page, which imports Pagefind and hands it over. Built by the
// step `search` (crates/site/src/build/search.rs) into /pagefind/.
import * as pagefind from "/pagefind/pagefind.js";

window.bantinPagefind = pagefind;
