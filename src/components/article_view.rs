//! One article, rendered as text (never as HTML).

use crate::components::copy_link::CopyStatus;
use crate::components::paragraph_links::ParagraphLinks;
use crate::components::saved_notice::SavedNotice;
use crate::components::toolbar::Toolbar;
use crate::model::{reading_time, Article, Block, Image};
use crate::offline::SavedAt;
use leptos::prelude::*;

/// The article: toolbar, title (the page's `h1`), its date and reading
/// time, lead, body blocks and author. Paragraphs get stable ids `p-1`, `p-2`, … for deep links.
#[component]
pub fn ArticleView(
    /// The validated article to show.
    article: Article,
    /// Set when this is a copy saved for offline reading.
    #[prop(default = None)]
    saved: Option<SavedAt>,
) -> impl IntoView {
    let article_minutes = article.reading_minutes();
    let Article {
        slug,
        lang,
        title,
        published,
        lead,
        body,
        author,
        skipped_blocks,
        ..
    } = article;
    let route = slug.route();
    let reading = reading_time::label(article_minutes);
    CopyStatus::provide();

    let mut paragraph_number = 0;
    let blocks = body
        .into_iter()
        .map(|block| match block {
            Block::Paragraph { text } => {
                paragraph_number += 1;
                view! { <p id=format!("p-{paragraph_number}")>{text}</p> }.into_any()
            }
            Block::Heading { text } => view! { <h2>{text}</h2> }.into_any(),
            Block::Quote { text, cite } => view! {
                <blockquote>
                    <p>{text}</p>
                    {cite.map(|c| view! { <footer><cite>{c}</cite></footer> })}
                </blockquote>
            }
            .into_any(),
            Block::List { ordered: true, items } => {
                view! { <ol>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol> }
                    .into_any()
            }
            Block::List { ordered: false, items } => {
                view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                    .into_any()
            }
            Block::Figure { caption, image } => view! {
                <figure>
                    {image.map(figure_image)}
                    {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
                </figure>
            }
            .into_any(),
        })
        .collect_view();

    let skipped_note = (skipped_blocks > 0).then(|| {
        view! {
            <p class="note" role="note">
                {format!(
                    "{skipped_blocks} phần nội dung có định dạng mới, phiên bản này chưa hiển thị được nên đã được bỏ qua.",
                )}
            </p>
        }
    });

    view! {
        <article class="article" lang=lang>
            <Toolbar link=route.clone() />
            <SavedNotice saved what="bài viết" />
            <header class="article-header">
                <h1 class="article-title">{title}</h1>
                // Under the headline, as news sites have it: above it, the
                // date would push the headline down a phone's screen.
                <p class="article-meta">
                    <time datetime=published.iso()>{published.vi()}</time>
                    " · "
                    <span class="reading-time">{reading}</span>
                </p>
                {lead.map(|l| view! { <p class="lead">{l}</p> })}
            </header>
            <div class="article-body">
                {blocks}
                <ParagraphLinks route=route.clone() />
            </div>
            {skipped_note}
            {author.map(|a| view! { <p class="author">{a}</p> })}
            <footer class="print-footer">
                "Bản tin · " <time datetime=published.iso()>{published.vi()}</time> " · "
                <span class="print-url">{route}</span>
            </footer>
        </article>
    }
}

fn figure_image(image: Image) -> impl IntoView {
    let Image {
        src,
        alt,
        width,
        height,
    } = image;
    view! { <img src=src alt=alt width=width height=height loading="lazy" decoding="async" /> }
}
