//! The app's own toolbar and shortcuts dialog, each an island with the
//! contexts the app would otherwise provide around it.

use bantin::components::shortcuts::Shortcuts;
use bantin::components::toolbar::Toolbar;
use bantin::prefs::{FontScaleCtx, ReadingPrefs};
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

#[island]
pub fn ReaderToolbar(link: String) -> impl IntoView {
    FontScaleCtx::provide();
    ReadingPrefs::provide();
    view! { <Toolbar link /> }
}

#[island]
pub fn Help() -> impl IntoView {
    view! { <Shortcuts /> }
}

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::hydrate_islands();
}
