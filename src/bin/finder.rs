//! The search page's WASM (`/tim-kiem`, pre-rendered like the others): its
//! islands only, the toolbar, the shortcuts and the search itself
//! (src/routes/search_page.rs). A binary of its own, so that an article
//! page's WASM (src/bin/reader.rs) carries no search and the search page's
//! none of an article's paragraph links; both start their islands with
//! `bantin::island_start::start`.

fn main() {
    bantin::crash::install_panic_hook();
    #[cfg(feature = "hydrate")]
    bantin::island_start::start(registry::view_of);
}

#[cfg(feature = "hydrate")]
mod registry {
    use bantin::components::shortcuts::Shortcuts;
    use bantin::components::toolbar::LinklessToolbar;
    use bantin::islands::{SEARCH, SHORTCUTS, TOOLBAR};
    use bantin::routes::search_page::SearchIsland;
    use leptos::prelude::*;

    /// The island `name`'s view from its `props`, as the host rendered it,
    /// or `None` for a name this build does not know.
    pub fn view_of(name: &str, _props: String) -> Option<AnyView> {
        let view = match name {
            // The search page has no link to copy.
            TOOLBAR => view! { <LinklessToolbar /> }.into_any(),
            SHORTCUTS => view! { <Shortcuts /> }.into_any(),
            SEARCH => view! { <SearchIsland /> }.into_any(),
            _ => return None,
        };
        Some(view)
    }
}
