//! What a shared link shows, for a pre-rendered page's `<head>`: rendered
//! on the host by the build step `pages` (crates/site/src/steps/pages.rs)
//! from the model's share data (crates/model/src/share.rs).

use crate::model::share::{self, SiteUrl};
use crate::model::{Article, ListPage};
use crate::prerender::block_text;
use crate::routes::SITE_NAME;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

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
    let share::ShareImage {
        url: image,
        width,
        height,
        alt,
    } = share::image(&article, &site);
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
        {og("og:image", image.clone())}
        {og("og:image:width", width.to_string())}
        {og("og:image:height", height.to_string())}
        {alt.clone().map(|alt| og("og:image:alt", alt))}
        {og("article:published_time", share::published_time(article.published))}
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:image" content=image />
        {alt.map(|alt| view! { <meta name="twitter:image:alt" content=alt /> })}
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
