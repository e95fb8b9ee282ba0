//! Pre-rendering: each article as HTML at build time, rendered on the host
//! from the app itself, so a deep link paints before the WASM arrives and the
//! app then hydrates the page (attaches to its nodes, [`crate::takeover`])
//! instead of replacing it. The build step `pages` (crates/site/src/build/
//! pages.rs) renders [`App`](crate::App) with Leptos's `ssr`, with the article
//! given as a [`Prerendering`] context; the page carries the article's data
//! in `<head>` for the app. One markup, one source: a new block type changes
//! only the model, the view and the CSS.

use crate::model::{Article, Slug};
use crate::prefs::IN_BROWSER;
use leptos::prelude::*;

/// The attribute on a pre-rendered page's `<body>` until the app has
/// hydrated it: the page's script works the toolbar while it is there, and
/// the stylesheet labels the size from the stored value.
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";
/// The id of the `<script type="application/json">` data block in `<head>`
/// holding the pre-rendered article, so the app needs no request for it.
pub const EMBEDDED_ARTICLE_ID: &str = "bantin-article";

/// The article's data for the app, as the text of its data block. `<` is
/// escaped, so no text in the article can close the element.
pub fn embedded_json(article: &Article) -> String {
    article.to_json().to_string().replace('<', "\\u003c")
}

/// The article being pre-rendered, provided by the build around [`crate::App`].
#[derive(Clone)]
pub struct Prerendering(pub Article);

/// The article this page was pre-rendered with, if it is `slug`'s: from the
/// build's context on the host, from the data block in the browser (taken
/// out, so it serves the first render only).
pub fn embedded_article(slug: &Slug) -> Option<Article> {
    let article = if IN_BROWSER {
        take_data_block().and_then(|text| match Article::from_json(&text, slug) {
            Ok(article) => Some(article),
            // Another article's data, or damaged: ask the server instead.
            Err(e) => {
                web_sys::console::warn_1(&format!("bantin: embedded article unused: {e}").into());
                None
            }
        })
    } else {
        use_context::<Prerendering>().map(|p| p.0)
    };
    article.filter(|a| &a.slug == slug)
}

fn take_data_block() -> Option<String> {
    let element = web_sys::window()?
        .document()?
        .get_element_by_id(EMBEDDED_ARTICLE_ID)?;
    element.remove();
    element.text_content()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stylesheet_labels_every_size_for_the_prerendered_toolbar() {
        let css = include_str!("../style/main.css");
        for p in crate::font_scale::STEPS.iter().filter(|&&p| p != 100) {
            let rule = format!(
                r#"html[data-font-scale="{p}"] body[data-prerendered] .size-value::before {{ content: "{p}%"; }}"#
            );
            assert!(css.contains(&rule), "missing: {rule}");
        }
    }
}
