//! One article, rendered as text (never as HTML).

use crate::components::copy_link::CopyStatus;
use crate::components::listen::Listen;
use crate::components::paragraph_links::ParagraphLinks;
use crate::components::saved_notice::SavedNotice;
use crate::components::toolbar::Toolbar;
use crate::model::photo::{PhotoFormat, LAZY_SIZES, SIZES};
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
    // In the whole app, leaving the article stops its reading aloud (a
    // pre-rendered page is never cleaned up: it stops on `pagehide`,
    // crate::read_aloud).
    on_cleanup(crate::read_aloud::silence);

    let mut paragraph_number = 0;
    // The first photo is fetched at once, ahead of the rest, when it is on
    // a phone's first screen or just below it: it is then the largest thing
    // painted. Every other photo waits until the reader scrolls near it.
    let first_photo = body
        .iter()
        .position(|b| matches!(b, Block::Figure { image: Some(_), .. }))
        .filter(|&i| i < FIRST_SCREEN_BLOCKS);
    let blocks = body
        .into_iter()
        .enumerate()
        .map(|(index, block)| match block {
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
                    {image.map(|image| figure_image(image, first_photo == Some(index)))}
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
                    <Listen />
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

/// A figure among the body's first this many blocks may be on the first
/// screen: with a lead of three lines, the first two paragraphs of a phone's
/// article end near the bottom of a 640 px screen.
const FIRST_SCREEN_BLOCKS: usize = 3;

/// The leading photo of a page (the one figure fetched first, `fetchpriority`
/// high), as a selector: the islands' loader waits for it
/// (`crates/site/src/steps/loader.rs`).
pub const LEADING_PHOTO: &str = "img[fetchpriority=high]";

/// The photo: where the build made copies of it, a `<picture>` offering the
/// AVIF copies and the JPEG ones, from which the browser takes the width the
/// column needs ([`SIZES`], or the width it is laid out at where lazy:
/// [`LAZY_SIZES`]); its real size, so its box is kept before it
/// arrives (no shift). `first`: fetched now and first, not lazily.
fn figure_image(image: Image, first: bool) -> impl IntoView {
    let Image {
        src,
        alt,
        width,
        height,
        copies,
    } = image;
    let loading = if first { "eager" } else { "lazy" };
    let priority = first.then_some("high");
    let sizes = if first { SIZES } else { LAZY_SIZES };
    match copies {
        Some(copies) => {
            let sources = copies
                .sources()
                .map(|format| view! { <source type=format.mime() srcset=copies.srcset(format) sizes=sizes /> })
                .collect_view();
            view! {
                <picture>
                    {sources}
                    <img
                        src=copies.fallback()
                        srcset=copies.srcset(PhotoFormat::Jpeg)
                        sizes=sizes
                        alt=alt
                        width=width
                        height=height
                        loading=loading
                        fetchpriority=priority
                        decoding="async"
                    />
                </picture>
            }
            .into_any()
        }
        None => view! {
            <img src=src alt=alt width=width height=height loading=loading fetchpriority=priority decoding="async" />
        }
        .into_any(),
    }
}
