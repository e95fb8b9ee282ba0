//! `/articles/:slug`: one article.

use super::not_found::{Missing, NotFound};
use super::set_document_title;
use crate::api::{self, ApiError};
use crate::components::article_view::ArticleView;
use crate::components::load_error::LoadError;
use crate::model::Slug;
use leptos::prelude::*;
use leptos::Params;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

#[derive(Params, PartialEq, Clone, Debug)]
struct ArticleParams {
    slug: Option<String>,
}

/// Validates the slug before anything touches the network; a malformed slug
/// is "not found" at once.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params::<ArticleParams>();
    let slug = Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.slug.as_deref().and_then(Slug::parse))
    });
    // A new slug builds a new loader; dropping the old one aborts its request,
    // so a late answer can never replace the article now on screen.
    move || match slug.get() {
        Some(slug) => view! { <ArticleLoader slug /> }.into_any(),
        None => view! { <NotFound what=Missing::Article /> }.into_any(),
    }
}

/// Loads one article and shows it, or says why it cannot.
#[component]
fn ArticleLoader(
    /// The (already validated) article to load.
    slug: Slug,
) -> impl IntoView {
    let article = LocalResource::new(move || api::fetch_article(slug.clone()));
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Đang tải bài viết…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(article) => {
                        let title = article.title.clone();
                        Effect::new(move || {
                            set_document_title(Some(&title));
                            // After the next frame the article is in the document.
                            request_animation_frame(scroll_to_fragment);
                        });
                        view! { <ArticleView article /> }.into_any()
                    }
                    Err(ApiError::NotFound(_)) => view! { <NotFound what=Missing::Article /> }.into_any(),
                    Err(error) => {
                        Effect::new(move || set_document_title(Some("Lỗi tải bài viết")));
                        view! { <LoadError error on_retry=Callback::new(move |_| article.refetch()) /> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A deep link like `/articles/x#p-7`: bring paragraph 7 into view once the
/// article is on screen.
fn scroll_to_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(hash) = window.location().hash() else {
        return;
    };
    let Some(id) = hash.strip_prefix('#').filter(|id| is_paragraph_id(id)) else {
        return;
    };
    if let Some(element) = window.document().and_then(|d| d.get_element_by_id(id)) {
        element.scroll_into_view();
    }
}

/// `p-` followed by 1–6 digits.
fn is_paragraph_id(id: &str) -> bool {
    id.strip_prefix("p-")
        .is_some_and(|n| (1..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::is_paragraph_id;

    #[test]
    fn only_paragraph_fragments_scroll() {
        assert!(is_paragraph_id("p-1"));
        assert!(is_paragraph_id("p-123456"));
        for bad in ["", "p-", "p-x", "p-1234567", "main", "p-1;alert(1)", "P-1"] {
            assert!(!is_paragraph_id(bad), "{bad}");
        }
    }
}
