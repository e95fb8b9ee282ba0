//! `/`: the list of articles, newest first.

use super::set_document_title;
use crate::api;
use crate::components::load_error::LoadError;
use crate::components::saved_notice::SavedNotice;
use crate::components::toolbar::Toolbar;
use crate::model::{ArticleIndex, ArticleSummary};
use crate::offline;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    Effect::new(move || set_document_title(None));
    let index = LocalResource::new(api::fetch_index);
    view! {
        <section class="home">
            <Toolbar />
            <h1 class="home-title">"Bài viết mới"</h1>
            <Suspense fallback=|| {
                view! { <p class="loading" role="status">"Đang tải danh sách bài viết…"</p> }
            }>
                {move || Suspend::new(async move {
                    match index.await {
                        Ok(api::Fetched { value, saved }) => {
                            view! {
                                <SavedNotice
                                    saved
                                    what="danh sách bài viết"
                                    hint="Bài có dấu “Đã lưu” đọc được khi không có mạng."
                                />
                                <ArticleList index=value offline=saved.is_some() />
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! { <LoadError error on_retry=Callback::new(move |_| index.refetch()) /> }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The list itself, with a note when entries had to be left out.
#[component]
fn ArticleList(
    /// The validated list, already sorted.
    index: ArticleIndex,
    /// The list is a saved copy: mark the articles that can be read offline.
    offline: bool,
) -> impl IntoView {
    let ArticleIndex { articles, skipped } = index;
    let saved = RwSignal::new(Vec::<String>::new());
    if offline {
        leptos::task::spawn_local(async move {
            // The list may be gone by then (the reader moved on).
            let _ = saved.try_set(offline::saved_slugs().await);
        });
    }
    let empty = articles
        .is_empty()
        .then(|| view! { <p>"Chưa có bài viết nào."</p> });
    let note = (skipped > 0).then(|| {
        view! {
            <p class="note" role="note">
                {format!("{skipped} bài viết trong danh sách bị lỗi dữ liệu nên không được hiển thị.")}
            </p>
        }
    });
    view! {
        {empty}
        <ol class="article-list">
            {articles
                .into_iter()
                .map(|a| {
                    let slug = a.slug.as_str().to_owned();
                    let is_saved = move || saved.with(|list| list.contains(&slug));
                    view! { <li><ArticleCard summary=a is_saved /></li> }
                })
                .collect_view()}
        </ol>
        {note}
    }
}

/// One entry: the title as a link, the date and the lead.
#[component]
fn ArticleCard(
    /// The entry to show.
    summary: ArticleSummary,
    /// Whether it can be read offline (only asked when the list is a saved copy).
    is_saved: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let ArticleSummary {
        slug,
        title,
        published,
        lead,
        author,
    } = summary;
    view! {
        <article class="card">
            <h2 class="card-title">
                <A href=slug.route()>{title}</A>
            </h2>
            <p class="card-meta">
                <time datetime=published.iso()>{published.vi()}</time>
                {author.map(|a| view! { " · " <span>{a}</span> })}
                {move || is_saved().then(|| view! { " · " <span class="saved-badge">"Đã lưu"</span> })}
            </p>
            {lead.map(|l| view! { <p class="card-lead">{l}</p> })}
        </article>
    }
}
