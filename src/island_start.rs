//! The islands' start in the browser, which each islands' binary calls
//! with the islands it knows (src/bin/reader.rs, src/bin/finder.rs): the
//! preferences and the copy status shared by every island, each island
//! hydrated where the host rendered it (`crate::islands`), then the worker.

#[cfg(feature = "hydrate")]
use leptos::prelude::AnyView;

/// A binary's islands: the view of the island `name` from its `props`, or
/// `None` for a name the binary does not know.
#[cfg(feature = "hydrate")]
pub type ViewOf = fn(&str, String) -> Option<AnyView>;

#[cfg(feature = "hydrate")]
pub use browser::start;

#[cfg(feature = "hydrate")]
mod browser {
    use super::ViewOf;
    use crate::components::copy_link::CopyStatus;
    use crate::islands::{ISLAND_TAG, TOOLBAR};
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
