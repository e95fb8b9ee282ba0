//! Pre-rendering: each article as HTML at build time, rendered on the host
//! from the app itself, so a deep link paints before the WASM arrives, and
//! then only its islands come alive ([`crate::islands`]). The build step
//! `pages` (crates/site/src/steps/pages.rs) renders [`App`](crate::App) with
//! Leptos's `ssr`, with the article given as a [`Prerendering`] context; the
//! page carries the article's data in `<head>`, which the offline worker
//! saves with no second request (public/sw.js). One markup, one source: a
//! new block type changes only the model, the view and the CSS. What a
//! shared link shows is src/share_meta.rs.

use crate::model::{Article, ListPage, Slug};
use leptos::prelude::*;

/// The id of the `<script type="application/json">` data block in `<head>`
/// holding the pre-rendered article, which the offline worker saves.
pub const EMBEDDED_ARTICLE_ID: &str = "bantin-article";
/// The same for a pre-rendered list page (`/`, `/trang/<k>`).
pub const EMBEDDED_LIST_ID: &str = "bantin-list";

/// Data as the text of a data block: `<` is escaped, so no text in it can
/// close the element.
pub fn block_text(data: serde_json::Value) -> String {
    data.to_string().replace('<', "\\u003c")
}

/// The article's data for the app, as the text of its data block.
pub fn embedded_json(article: &Article) -> String {
    block_text(article.to_json())
}

/// A list page's data for the app, as the text of its data block.
pub fn embedded_list_json(page: &ListPage) -> String {
    block_text(page.to_json())
}

/// What is being pre-rendered, provided by the build around [`crate::App`].
#[derive(Clone)]
pub enum Prerendering {
    Article(Article),
    List(ListPage),
    /// The search page, with no query (its island reads the address).
    Search,
}

/// The article being pre-rendered, if it is `slug`'s: the build's context
/// on the host; never in the browser, where the whole app only ever runs on
/// the shell (a pre-rendered page loads its islands instead).
pub fn embedded_article(slug: &Slug) -> Option<Article> {
    match use_context::<Prerendering>()? {
        Prerendering::Article(a) if &a.slug == slug => Some(a),
        _ => None,
    }
}

/// The list page being pre-rendered, if it is page `number`: as
/// [`embedded_article`] does for an article.
pub fn embedded_list(number: usize) -> Option<ListPage> {
    match use_context::<Prerendering>()? {
        Prerendering::List(page) if page.number == number => Some(page),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_prerendered_toolbar_is_labelled_by_the_page_script_and_the_stylesheet_types_no_step() {
        use crate::prefs::{FONT_SCALE_ATTRIBUTE, FONT_SCALE_LABEL_PROPERTY};
        let css = include_str!("../style/main.css");
        assert!(css.contains(&format!(
            "body[data-prerendered] .size-value::before {{ content: var({FONT_SCALE_LABEL_PROPERTY}); }}"
        )));
        assert!(
            !css.contains(&format!("[{FONT_SCALE_ATTRIBUTE}=")),
            "a rule per size"
        );
        for step in crate::font_scale::FontScale::all() {
            assert!(
                !css.contains(&format!("\"{step}\"")),
                "the label {step} typed in the stylesheet"
            );
        }
    }
}
