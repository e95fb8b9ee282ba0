//! The islands' names, the one helper that makes a component an island,
//! and their start in the browser. On a pre-rendered page only the parts
//! that change after the first paint come alive, as *islands* (Leptos's
//! `Island`), and everything else stays the host's HTML, never touched.
//! Each island component (the toolbar, the shortcuts, the paragraph links,
//! the search) wraps itself with [`island`]; each islands' binary names the
//! islands it knows and starts them with `crate::island_start::start`.
//!
//! Every address a reader opens from a link (an article, a list page) is a
//! pre-rendered page, and those pages load the `reader` binary
//! (src/bin/reader.rs), which hydrates the islands below and nothing else:
//! no router, no loaders, no article rendering. The search page, pre-rendered
//! too, loads the `finder` binary (src/bin/finder.rs): the toolbar, the
//! shortcuts and the search. The shell (an address with no page of its own,
//! a page read offline) loads the whole app (src/main.rs), in which the same
//! islands are ordinary parts of the view. One markup, one source: the host
//! renders `App` (in islands mode, `crates/site/src/steps/pages.rs`), and the
//! browser hydrates each island from the same function the host rendered it
//! with.
//!
//! The islands here are named by the app, not by Leptos's `#[island]` macro,
//! which names them by a hash of their source as printed by the compiler
//! running it: the host (stable) and the release WASM (the pinned nightly)
//! could print it differently and never find each other's islands.

use leptos::prelude::*;
use leptos::tachys::html::islands::Island;
use leptos::tachys::reactive_graph::OwnedView;

/// The toolbar: the size controls, the reading panel, the copy-link button.
pub const TOOLBAR: &str = "bantin-toolbar";
/// The header's "?" button, its dialog and the keyboard shortcuts.
pub const SHORTCUTS: &str = "bantin-shortcuts";
/// An article's paragraph links (the pointer's button, "L") and the
/// highlight of a linked paragraph.
pub const PARAGRAPHS: &str = "bantin-paragraphs";

/// The search page's form and results (src/routes/search_page.rs).
pub const SEARCH: &str = "bantin-search";

/// The islands' binary (src/bin/reader.rs, and reader.html's Trunk link to
/// it): Trunk names its files `reader-<hash>.js` and `reader-<hash>_bg.wasm`,
/// which is how the build tells the WASMs apart.
pub const READER_BIN: &str = "reader";
/// The search page's binary (src/bin/finder.rs, finder.html's Trunk link):
/// the reader's islands but the paragraph links, and the search.
pub const FINDER_BIN: &str = "finder";

/// The element Leptos wraps each island in on the host (its
/// `data-component` names the island, its `data-props` holds the props).
/// The stylesheet lays it out as if it were not there.
pub const ISLAND_TAG: &str = "leptos-island";

/// `view` as the island `name`, with `props` (the text the browser gets it
/// back from: the islands' registry, src/bin/reader.rs): on the host,
/// wrapped in [`ISLAND_TAG`] with its hydration markers; in the whole app,
/// just the view. The view gets its own
/// reactive owner, as Leptos's `#[island]` gives one.
pub fn island<V: IntoView + 'static>(
    name: &'static str,
    props: String,
    view: impl FnOnce() -> V + 'static,
) -> impl IntoView {
    let owned = Owner::new()
        .with(|| Owner::with_hydration(move || OwnedView::new(view().into_view().into_any())));
    Island::new(name, owned).with_props(props)
}
