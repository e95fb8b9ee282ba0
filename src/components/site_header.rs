//! The header on every page.

use leptos::prelude::*;
use leptos_router::components::A;

/// A skip link, the site name and the way home ("Trang chủ").
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Bỏ qua đến nội dung"</a>
        <header class="site-header">
            <span class="site-name" lang="vi">"Bản tin"</span>
            <nav aria-label="Điều hướng chính">
                <A href="/">"Trang chủ"</A>
            </nav>
        </header>
    }
}
