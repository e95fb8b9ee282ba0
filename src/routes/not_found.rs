//! The page for unknown addresses and unknown articles.

use super::set_document_title;
use leptos::prelude::*;
use leptos_router::components::A;

/// What could not be found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Missing {
    /// An address the app has no page for.
    #[default]
    Page,
    /// An article slug that is malformed or has no file.
    Article,
}

impl Missing {
    fn heading(self) -> &'static str {
        match self {
            Missing::Page => crate::fallback::NOT_FOUND_TITLE,
            Missing::Article => "Không tìm thấy bài viết",
        }
    }

    fn explanation(self) -> &'static str {
        match self {
            Missing::Page => "Địa chỉ này không có trong Bản tin. Có thể đường dẫn đã bị gõ sai.",
            Missing::Article => "Bài viết này không có hoặc đã bị gỡ. Hãy kiểm tra lại đường dẫn.",
        }
    }
}

/// "Không tìm thấy …" with a link "Về trang chủ".
#[component]
pub fn NotFound(
    /// Whether a page or an article is missing.
    #[prop(optional)]
    what: Missing,
) -> impl IntoView {
    Effect::new(move || set_document_title(Some(what.heading())));
    view! {
        <section class="not-found" data-testid="not-found">
            <h1>{what.heading()}</h1>
            <p>{what.explanation()}</p>
            <p>
                <A href="/">{crate::fallback::HOME_LINK}</A>
            </p>
        </section>
    }
}
