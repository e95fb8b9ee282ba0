//! Pre-rendering: each article as HTML at build time, rendered from the app's
//! own components, so a deep link paints before the WASM arrives. The build
//! step `pages` (crates/site/src/build/pages.rs) renders [`PrerenderedArticle`]
//! on the host with Leptos's `ssr` and puts it in the shell; the app then
//! mounts hidden beside it and swaps itself in once its own view is ready
//! ([`crate::takeover`]). One markup, one source: a new block type changes
//! only the model, the view and the CSS.

use crate::components::article_view::ArticleView;
use crate::components::site_header::SiteHeader;
use crate::model::Article;
use crate::prefs::{FontScaleCtx, ReadingPrefs};
use leptos::prelude::*;
use leptos_router::components::Router;

/// The id of the element that wraps pre-rendered content.
pub const PRERENDERED_ID: &str = "prerendered";
/// The id of the `<script type="application/json">` data block holding the
/// pre-rendered article, so the app needs no second request for it.
pub const EMBEDDED_ARTICLE_ID: &str = "bantin-article";

/// The article's data for the app, as the text of its data block. `<` is
/// escaped, so no text in the article can close the element.
pub fn embedded_json(article: &Article) -> String {
    article.to_json().to_string().replace('<', "\\u003c")
}

/// A pre-rendered article page's content: the app's header and article view,
/// exactly as the app renders them, and the article's data for the app.
/// Needs a `RequestUrl` (the article's address) in context when rendered.
#[component]
pub fn PrerenderedArticle(
    /// The validated article.
    article: Article,
) -> impl IntoView {
    FontScaleCtx::provide();
    ReadingPrefs::provide();
    let data = embedded_json(&article);
    view! {
        <Router>
            <div id=PRERENDERED_ID>
                <SiteHeader />
                <main id="main" tabindex="-1">
                    <ArticleView article />
                </main>
                // A data block, never executed (the CSP does not apply) and
                // never parsed as HTML: its text is JSON, written as is.
                <script type="application/json" id=EMBEDDED_ARTICLE_ID inner_html=data></script>
            </div>
        </Router>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stylesheet_labels_every_size_for_the_prerendered_toolbar() {
        let css = include_str!("../style/main.css");
        for p in crate::font_scale::STEPS.iter().filter(|&&p| p != 100) {
            let rule = format!(
                r#"html[data-font-scale="{p}"] #prerendered .size-value::before {{ content: "{p}%"; }}"#
            );
            assert!(css.contains(&rule), "missing: {rule}");
        }
    }
}
