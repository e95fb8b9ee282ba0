//! One article, rendered as text (never as HTML).

use crate::components::saved_notice::SavedNotice;
use crate::components::toolbar::Toolbar;
use crate::model::{Article, Block, Image};
use crate::offline::SavedAt;
use crate::takeover::Takeover;
use leptos::prelude::*;

/// The article: toolbar, title (the page's `h1`), lead, body blocks and
/// author. Paragraphs get stable ids `p-1`, `p-2`, … for deep links.
#[component]
pub fn ArticleView(
    /// The validated article to show.
    article: Article,
    /// Set when this is a copy saved for offline reading.
    #[prop(default = None)]
    saved: Option<SavedAt>,
) -> impl IntoView {
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
    Effect::new(|| {
        Takeover::ready();
        // Frame callbacks run in order: after the swap, the paragraph in view
        // is the app's own.
        request_animation_frame(scroll_to_fragment);
    });

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
            <Toolbar date=published link=slug.route() />
            <SavedNotice saved what="bài viết" />
            <header class="article-header">
                <h1 class="article-title">{title}</h1>
                {lead.map(|l| view! { <p class="lead">{l}</p> })}
            </header>
            <div class="article-body">{blocks}</div>
            {skipped_note}
            {author.map(|a| view! { <p class="author">{a}</p> })}
            <footer class="print-footer">
                "Bản tin · " <time datetime=published.iso()>{published.vi()}</time> " · "
                <span class="print-url">{slug.route()}</span>
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
        // A brief highlight shows which paragraph the link meant (style/main.css).
        if let Err(e) = element.class_list().add_1("is-target") {
            web_sys::console::warn_2(&"bantin: could not highlight the paragraph:".into(), &e);
        }
    }
}

/// `p-` followed by 1–6 digits.
pub fn is_paragraph_id(id: &str) -> bool {
    id.strip_prefix("p-")
        .is_some_and(|n| (1..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}
