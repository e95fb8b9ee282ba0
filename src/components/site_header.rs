//! The header on every page.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos_router::components::A;

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

/// The header's search field: a plain GET form to the search page, which
/// works before the app has started; once it has, the app goes there itself.
#[component]
fn SiteSearch() -> impl IntoView {
    use crate::search::{QUERY_PARAM, ROUTE};
    let navigate = leptos_router::hooks::use_navigate();
    let field = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Some(field) = field.get() {
            ev.prevent_default();
            navigate(
                &crate::routes::search::address(&field.value()),
                Default::default(),
            );
        }
    };
    view! {
        <form class="site-search" role="search" aria-label="Tìm trong Bản tin" action=ROUTE method="get" on:submit=on_submit>
            <label class="visually-hidden" for="site-search-q">"Tìm bài viết"</label>
            <input id="site-search-q" node_ref=field type="search" name=QUERY_PARAM placeholder="Tìm bài viết" maxlength=crate::search::MAX_QUERY_CHARS autocomplete="off" />
            <button type="submit">"Tìm"</button>
        </form>
    }
}

/// A skip link, the site name, the way home ("Trang chủ") and the search
/// field.
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
                {crate::islands::shortcuts()}
            </nav>
            <SiteSearch />
        </header>
    }
}
