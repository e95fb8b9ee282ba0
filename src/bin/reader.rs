//! The pre-rendered pages' WASM: their islands only (src/islands.rs), no
//! router, no loaders, no article rendering. This binary owns the islands'
//! registry (which name is which component, from which props) and their
//! start; the components wrap themselves as islands with
//! `bantin::islands::island`.

fn main() {
    bantin::crash::install_panic_hook();
    #[cfg(feature = "hydrate")]
    registry::start();
}

#[cfg(feature = "hydrate")]
mod registry {
    use bantin::components::copy_link::CopyStatus;
    use bantin::components::paragraph_links::ParagraphLinks;
    use bantin::components::shortcuts::Shortcuts;
    use bantin::components::toolbar::{link_from_props, Toolbar};
    use bantin::islands::{ISLAND_TAG, PARAGRAPHS, SHORTCUTS, TOOLBAR};
    use bantin::prefs::{FontScaleCtx, ReadingPrefs};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    /// The island `name`'s view from its `props`, as the host rendered it,
    /// or `None` for a name this build does not know.
    fn view_of(name: &str, props: String) -> Option<AnyView> {
        let view = match name {
            TOOLBAR => view! { <Toolbar link=link_from_props(props) /> }.into_any(),
            SHORTCUTS => view! { <Shortcuts /> }.into_any(),
            PARAGRAPHS => view! { <ParagraphLinks route=props /> }.into_any(),
            _ => return None,
        };
        Some(view)
    }

    /// The reader's start on a pre-rendered page: the preferences and the
    /// copy status shared by every island, then each island hydrated where
    /// it is, each in a task of its own so that a reader's tap or key is
    /// never kept waiting behind the whole start (on a slow phone the start
    /// is about 100 ms of the main thread, most of it the WASM's functions
    /// compiled as they are first called; `make bench` reports the longest
    /// task after the first paint).
    /// The toolbar comes last, in one task with `bantin::takeover::finish`:
    /// until then the page's script works the size controls (the shortcuts
    /// island leaves the size keys to it while the page is marked), so a
    /// click counts once, whichever task it falls between. Then the worker
    /// is registered.
    pub fn start() {
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
            in_a_task(&owner, move || hydrate(&el));
        }
        in_a_task(&owner, move || {
            toolbar.iter().for_each(hydrate);
            size.show_label();
            bantin::takeover::finish();
            bantin::offline::register_service_worker();
        });
    }

    /// Runs `task` under `owner` in a task of its own, after those queued
    /// before.
    fn in_a_task(owner: &Owner, task: impl FnOnce() + 'static) {
        let owner = owner.clone();
        set_timeout(move || owner.with(task), std::time::Duration::ZERO);
    }

    /// Attaches the island `el` to the nodes the host rendered.
    fn hydrate(el: &web_sys::HtmlElement) {
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
