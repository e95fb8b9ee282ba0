//! A toolbar-like control on a routed page, hydrated: what every bantin
//! page pays before any feature of its own.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::prelude::wasm_bindgen;

#[component]
fn Page() -> impl IntoView {
    let (size, set_size) = signal(100u32);
    view! {
        <main>
            <div role="toolbar">
                <button on:click=move |_| set_size.update(|s| *s -= 10) disabled=move || size.get() <= 80>"A−"</button>
                <output>{move || format!("{}%", size.get())}</output>
                <button on:click=move |_| set_size.update(|s| *s += 10) disabled=move || size.get() >= 200>"A+"</button>
            </div>
            <p>"Bản tin"</p>
        </main>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "Không tìm thấy trang">
                <Route path=path!("/") view=Page />
            </Routes>
        </Router>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::hydrate_body(App);
}
