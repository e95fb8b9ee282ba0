//! The islands' names, the one helper that makes a component an island,
//! and their start in the browser. On a pre-rendered page only the parts
//! that change after the first paint come alive, as *islands* (Leptos's
//! `Island`), and everything else stays the host's HTML, never touched.
//! Each island component (the toolbar, the shortcuts, the paragraph links,
//! the search) wraps itself with [`island`]; each islands' binary names the
//! islands it knows and starts them with [`start`].
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

/// A binary's islands: the view of the island `name` from its `props`, or
/// `None` for a name the binary does not know.
#[cfg(feature = "hydrate")]
pub type ViewOf = fn(&str, String) -> Option<AnyView>;

#[cfg(feature = "hydrate")]
pub use start::start;

#[cfg(feature = "hydrate")]
mod start {
    use super::{ViewOf, ISLAND_TAG, TOOLBAR};
    use crate::components::copy_link::CopyStatus;
    use crate::prefs::{FontScaleCtx, ReadingPrefs};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    /// The islands' start on a pre-rendered page, with `view_of` the binary's
    /// islands (src/bin/reader.rs, src/bin/finder.rs): the preferences and the
    /// copy status shared by every island, then each island hydrated where
    /// it is, each in a task of its own so that a reader's tap or key is
    /// never kept waiting behind the whole start (on a slow phone the start
    /// is about 100 ms of the main thread, most of it the WASM's functions
    /// compiled as they are first called; `make bench` reports the longest
    /// task after the first paint).
    /// The toolbar comes last, in one task with `crate::takeover::finish`:
    /// until then the page's script works the size controls (the shortcuts
    /// island leaves the size keys to it while the page is marked), so a
    /// click counts once, whichever task it falls between. Then the worker
    /// is registered.
    pub fn start(view_of: ViewOf) {
        leptos::mount::hydrate_islands();
        // On the islands' common owner, so each finds them.
        let size = FontScaleCtx::provide_unlabelled();
        ReadingPrefs::provide();
        CopyStatus::provide();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(found) = document.query_selector_all(ISLAND_TAG) else {
            return;
        };
        let (toolbar, others): (Vec<_>, Vec<_>) = (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .partition(|el| el.get_attribute("data-component").as_deref() == Some(TOOLBAR));
        // `hydrate_islands` made the islands' common owner the current one.
        let Some(owner) = Owner::current() else {
            return;
        };
        for el in others {
            in_a_task(&owner, move || hydrate(&el, view_of));
        }
        in_a_task(&owner, move || {
            toolbar.iter().for_each(|el| hydrate(el, view_of));
            size.show_label();
            crate::takeover::finish();
            crate::offline::register_service_worker();
        });
    }

    /// Runs `task` under `owner` in a task of its own, after those queued
    /// before.
    fn in_a_task(owner: &Owner, task: impl FnOnce() + 'static) {
        let owner = owner.clone();
        set_timeout(move || owner.with(task), std::time::Duration::ZERO);
    }

    /// Attaches the island `el` to the nodes the host rendered.
    fn hydrate(el: &web_sys::HtmlElement, view_of: ViewOf) {
        use leptos::tachys::view::Position;
        let name = el.get_attribute("data-component").unwrap_or_default();
        let props = el.get_attribute("data-props").unwrap_or_default();
        match view_of(&name, props) {
            Some(view) => {
                std::mem::forget(view.hydrate_from_position::<true>(el, Position::Current))
            }
            None => web_sys::console::warn_1(&format!("bantin: no island named {name:?}").into()),
        }
    }
}
