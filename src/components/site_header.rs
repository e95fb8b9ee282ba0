//! The header on every page.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use super::shortcuts::Shortcuts;
use wasm_bindgen::JsCast;

/// Moves keyboard focus into `<main>` (it has `tabindex="-1"`), so the next
/// Tab starts past the header. Browsers only move the scroll position for a
/// fragment link, and the router would otherwise treat it as a navigation.
fn skip_to_content(ev: MouseEvent) {
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        ev.prevent_default();
        if let Err(e) = main.focus() {
            web_sys::console::warn_2(&"bantin: could not focus the content:".into(), &e);
        }
    }
}

/// A skip link, the site name and the way home ("Trang chủ").
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>
            "Bỏ qua đến nội dung"
        </a>
        <header class="site-header">
            <span class="site-name" lang="vi">"Bản tin"</span>
            <nav aria-label="Điều hướng chính">
                <A href="/">"Trang chủ"</A>
                <Shortcuts />
            </nav>
        </header>
    }
}
