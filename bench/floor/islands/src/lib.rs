//! The same toolbar-like control as an island: the rest of the page is the
//! host's HTML and is never hydrated, and there is no client-side router.

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

#[island]
pub fn Toolbar() -> impl IntoView {
    let (size, set_size) = signal(100u32);
    view! {
        <div role="toolbar">
            <button on:click=move |_| set_size.update(|s| *s -= 10) disabled=move || size.get() <= 80>"A−"</button>
            <output>{move || format!("{}%", size.get())}</output>
            <button on:click=move |_| set_size.update(|s| *s += 10) disabled=move || size.get() >= 200>"A+"</button>
        </div>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::hydrate_islands();
}
