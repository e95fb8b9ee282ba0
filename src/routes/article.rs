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
    // Pre-rendering on the host: the build gives the article, no request.
    if let Some(article) = crate::prerender::embedded_article(&slug) {
        return view! { <ArticleView article /> }.into_any();
    }
    let article = LocalResource::new(move || api::fetch_article(slug.clone()));
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Đang tải bài viết…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(api::Fetched { value: article, saved }) => {
                        let title = article.title.clone();
                        Effect::new(move || set_document_title(Some(&title)));
                        view! { <ArticleView article saved /> }.into_any()
                    }
                    Err(ApiError::NotFound(..)) => view! { <NotFound what=Missing::Article /> }.into_any(),
                    Err(error) => {
                        Effect::new(move || set_document_title(Some("Lỗi tải bài viết")));
                        view! { <LoadError error on_retry=Callback::new(move |_| article.refetch()) /> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use crate::components::paragraph_links::{
        is_paragraph_id, paragraph_being_read, paragraph_number,
    };

    #[test]
    fn only_paragraph_fragments_scroll() {
        assert!(is_paragraph_id("p-1"));
        assert!(is_paragraph_id("p-123456"));
        for bad in ["", "p-", "p-x", "p-1234567", "main", "p-1;alert(1)", "P-1"] {
            assert!(!is_paragraph_id(bad), "{bad}");
            assert_eq!(paragraph_number(bad), None, "{bad}");
        }
        assert_eq!(paragraph_number("p-7"), Some(7));
        assert_eq!(paragraph_number("p-000012"), Some(12));
    }

    #[test]
    fn the_paragraph_being_read_is_the_first_past_the_top_quarter() {
        // A 800 px window: quarter line at 200 px.
        let layout = [
            (1, -300.0, -20.0),
            (2, 0.0, 150.0),
            (3, 170.0, 400.0),
            (4, 420.0, 900.0),
        ];
        assert_eq!(paragraph_being_read(layout, 800.0), Some(3));
        assert_eq!(paragraph_being_read([(1, 100.0, 900.0)], 800.0), Some(1));
        assert_eq!(
            paragraph_being_read([(1, -900.0, -100.0)], 800.0),
            None,
            "all above"
        );
        assert_eq!(
            paragraph_being_read([(1, 900.0, 1200.0)], 800.0),
            None,
            "all below"
        );
        assert_eq!(paragraph_being_read([], 800.0), None);
    }
}
