//! The pre-rendered pages' WASM: their islands only (src/islands.rs), no
//! router, no loaders, no article rendering. This binary names its islands
//! (which name is which component, from which props); their start is
//! `bantin::island_start::start`, which the search page's binary
//! (src/bin/finder.rs) shares.

fn main() {
    bantin::crash::install_panic_hook();
    #[cfg(feature = "hydrate")]
    bantin::island_start::start(registry::view_of);
}

#[cfg(feature = "hydrate")]
mod registry {
    use bantin::components::paragraph_links::ParagraphLinks;
    use bantin::components::shortcuts::Shortcuts;
    use bantin::components::toolbar::{link_from_props, Toolbar};
    use bantin::islands::{PARAGRAPHS, SHORTCUTS, TOOLBAR};
    use leptos::prelude::*;

    /// The island `name`'s view from its `props`, as the host rendered it,
    /// or `None` for a name this build does not know.
    pub fn view_of(name: &str, props: String) -> Option<AnyView> {
        let view = match name {
            TOOLBAR => view! { <Toolbar link=link_from_props(props) /> }.into_any(),
            SHORTCUTS => view! { <Shortcuts /> }.into_any(),
            PARAGRAPHS => view! { <ParagraphLinks route=props /> }.into_any(),
            _ => return None,
        };
        Some(view)
    }
}
