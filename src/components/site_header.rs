//! The header on every page.

use crate::components::shortcuts::Shortcuts;
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

/// The header's search form and the field in it: the page's script puts
/// the focus in the field when a phone's "Tìm" button opens the form.
pub const SEARCH_FORM_ID: &str = "site-search";
pub const SEARCH_FIELD_ID: &str = "site-search-q";

/// Closes the header's search form where it is open as a popover (a
/// phone's), after the app has gone to the results itself.
pub fn close_popover(form: &web_sys::HtmlElement) {
    let hide = js_sys::Reflect::get(form, &"hidePopover".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(hide) = hide {
        // Throws only when it is not open: nothing to do then.
        let _ = hide.call0(form);
    }
}

/// The query of the header's search form, if `ev` is its submission (the
/// search page then searches itself, with no page load), and closes the
/// form where a phone shows it as a popover.
pub fn header_form_query(ev: &web_sys::SubmitEvent) -> Option<String> {
    let form: web_sys::HtmlElement = ev.target()?.dyn_into().ok()?;
    if form.id() != SEARCH_FORM_ID {
        return None;
    }
    let field: web_sys::HtmlInputElement = form
        .owner_document()?
        .get_element_by_id(SEARCH_FIELD_ID)?
        .dyn_into()
        .ok()?;
    close_popover(&form);
    Some(field.value())
}

/// The header's search field: a plain GET form to the search page, which
/// works before the app has started; once it has, the app goes there itself.
/// On a phone the form is a popover behind the header's "Tìm" button
/// ([`SearchButton`]), so the article starts higher on the screen; on a
/// wider screen, or in a browser without popovers, it is always there
/// (style/main.css).
#[component]
fn SiteSearch() -> impl IntoView {
    use crate::search::{QUERY_PARAM, ROUTE};
    let navigate = leptos_router::hooks::use_navigate();
    let field = NodeRef::<leptos::html::Input>::new();
    let form = NodeRef::<leptos::html::Form>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Some(field) = field.get() {
            ev.prevent_default();
            navigate(&crate::search::address(&field.value()), Default::default());
            if let Some(form) = form.get() {
                close_popover(&form);
            }
        }
    };
    view! {
        <form id=SEARCH_FORM_ID node_ref=form popover="" class="site-search" role="search" aria-label="Tìm trong Bản tin" action=ROUTE method="get" on:submit=on_submit>
            <label class="visually-hidden" for=SEARCH_FIELD_ID>"Tìm bài viết"</label>
            <input id=SEARCH_FIELD_ID node_ref=field type="search" name=QUERY_PARAM placeholder="Tìm bài viết" maxlength=crate::search::MAX_QUERY_CHARS autocomplete="off" />
            <button type="submit">"Tìm"</button>
            <button type="button" class="search-close" popovertarget=SEARCH_FORM_ID popovertargetaction="hide">"Đóng"</button>
        </form>
    }
}

/// A phone's way to the search form: the browser opens and closes it
/// (`popovertarget`), with no script, and tells screen readers whether it
/// is open. Hidden where the form is always shown.
#[component]
fn SearchButton() -> impl IntoView {
    view! {
        <button type="button" class="search-open" popovertarget=SEARCH_FORM_ID aria-label="Tìm bài viết">
            "Tìm"
        </button>
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
                <SearchButton />
                <Shortcuts />
            </nav>
            <SiteSearch />
        </header>
    }
}
