//! Pre-rendering: each article as HTML at build time, rendered on the host
//! from the app itself, so a deep link paints before the WASM arrives, and
//! then only its islands come alive ([`crate::islands`]). The build step
//! `pages` (crates/site/src/build/pages.rs) renders [`App`](crate::App) with
//! Leptos's `ssr`, with the article given as a [`Prerendering`] context; the
//! page carries the article's data in `<head>`, which the offline worker
//! saves with no second request (public/sw.js). One markup, one source: a
//! new block type changes only the model, the view and the CSS.

use crate::model::share::{self, SiteUrl};
use crate::model::{Article, ListPage, Slug};
use crate::routes::SITE_NAME;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

/// The attribute on a pre-rendered page's `<body>` until its islands have
/// come alive: the page's script works the toolbar while it is there, and
/// the stylesheet labels the size from the stored value.
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";
/// The id of the `<script type="application/json">` data block in `<head>`
/// holding the pre-rendered article, which the offline worker saves.
pub const EMBEDDED_ARTICLE_ID: &str = "bantin-article";
/// The same for a pre-rendered list page (`/`, `/trang/<n>`).
pub const EMBEDDED_LIST_ID: &str = "bantin-list";

/// Data as the text of a data block: `<` is escaped, so no text in it can
/// close the element.
fn block_text(data: serde_json::Value) -> String {
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

/// An Open Graph tag: `<meta property=… content=…>` (`property` is not an
/// attribute the view macro knows, so the element is built directly).
fn og(property: &'static str, content: String) -> impl IntoView {
    leptos::html::meta()
        .add_any_attr(custom_attribute("property", property))
        .content(content)
}

/// What a shared link to the article shows, for the page's `<head>`: a
/// description, the canonical address, Open Graph and Twitter card tags, and
/// schema.org `NewsArticle` data. Crawlers run no script and some read only
/// the start of a page, so the build puts these right after `<title>`.
#[component]
pub fn ShareMeta(
    /// The pre-rendered article.
    article: Article,
    /// The site's public origin (`SITE_URL`).
    site: SiteUrl,
) -> impl IntoView {
    let url = site.join(&article.slug.route());
    let description = share::description(&article);
    let (image, width, height) = share::image(&article, &site);
    // A data block (never run, never parsed as HTML); `<` escaped so no text
    // can end the element.
    let data = block_text(share::news_article(&article, &site, SITE_NAME));
    view! {
        <meta name="description" content=description.clone() />
        <link rel="canonical" href=url.clone() />
        {og("og:type", "article".into())}
        {og("og:site_name", SITE_NAME.into())}
        {og("og:locale", "vi_VN".into())}
        {og("og:title", article.title.clone())}
        {og("og:description", description)}
        {og("og:url", url)}
        {og("og:image", image)}
        {og("og:image:width", width.to_string())}
        {og("og:image:height", height.to_string())}
        {og("article:published_time", share::published_time(article.published))}
        <meta name="twitter:card" content="summary_large_image" />
        <script type="application/ld+json" inner_html=data></script>
    }
}

/// What a shared link to a list page shows: its canonical address, the
/// site's card, and (but for the home page, which keeps the site's) a
/// description of the page.
#[component]
pub fn ListMeta(
    /// The pre-rendered page.
    page: ListPage,
    /// The site's public origin (`SITE_URL`).
    site: SiteUrl,
) -> impl IntoView {
    let url = site.join(&ListPage::route(page.number));
    let description = share::list_description(&page);
    let (image, width, height) = share::SITE_IMAGE;
    view! {
        {description.clone().map(|d| view! { <meta name="description" content=d /> })}
        <link rel="canonical" href=url.clone() />
        {og("og:type", "website".into())}
        {og("og:site_name", SITE_NAME.into())}
        {og("og:locale", "vi_VN".into())}
        {og("og:title", crate::routes::document_title(crate::routes::list_title(page.number).as_deref()))}
        {description.map(|d| og("og:description", d))}
        {og("og:url", url)}
        {og("og:image", site.join(image))}
        {og("og:image:width", width.to_string())}
        {og("og:image:height", height.to_string())}
        <meta name="twitter:card" content="summary_large_image" />
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
