//! The list of articles, newest first: `/` holds the newest, `/trang/<k>`
//! the k-th [`PAGE_SIZE`](crate::model::PAGE_SIZE) counted from the oldest,
//! so a page never changes once full ([`ListPage`]). Each page loads its own
//! small data file (or, pre-rendered, has it in the page), so a page costs
//! the same whatever the size of the archive.

use super::not_found::{Missing, NotFound};
use super::{list_title, set_document_title};
use crate::api::{self, ApiError, Resource};
use crate::components::article_card::ArticleCard;
use crate::components::load_error::LoadError;
use crate::components::saved_notice::SavedNotice;
use crate::components::toolbar::Toolbar;
use crate::model::{ArticleIndex, ListPage, HOME};
use crate::offline;
use leptos::prelude::*;
use leptos::Params;
use leptos_router::components::A;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

/// `/`: the newest articles.
#[component]
pub fn Home() -> impl IntoView {
    view! { <Listing number=HOME /> }
}

#[derive(Params, PartialEq, Clone, Debug)]
struct PageParams {
    n: Option<String>,
}

/// `/trang/<k>`: older articles. A number that names no page (`0`, `abc`)
/// is "not found" at once.
#[component]
pub fn OlderPage() -> impl IntoView {
    let params = use_params::<PageParams>();
    let number = Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.n.as_deref().and_then(ListPage::number_in))
    });
    move || match number.get() {
        Some(number) => view! { <Listing number /> }.into_any(),
        None => view! { <NotFound what=Missing::Page /> }.into_any(),
    }
}

/// List page `number`: its heading, its entries and the links to the
/// pages beside it.
#[component]
fn Listing(number: usize) -> impl IntoView {
    // A pre-rendered page holds its list: shown at once, with no request.
    let content = match crate::prerender::embedded_list(number) {
        Some(page) => view! { <PageOfList page offline=false /> }.into_any(),
        None => view! { <ListLoader number /> }.into_any(),
    };
    view! {
        <section class="home">
            <Toolbar />
            {content}
        </section>
    }
}

/// Loads page `number`'s data file and shows it, or says why it cannot.
#[component]
fn ListLoader(number: usize) -> impl IntoView {
    let data = LocalResource::new(move || api::fetch_list(number));
    view! {
        <Suspense fallback=|| {
            view! { <p class="loading" role="status">"Đang tải danh sách bài viết…"</p> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(api::Fetched { value, saved }) => {
                        view! {
                            <SavedNotice
                                saved
                                what="danh sách bài viết"
                                hint="Bài có dấu “Đã lưu” đọc được khi không có mạng."
                            />
                            <PageOfList page=value offline=saved.is_some() />
                        }
                            .into_any()
                    }
                    // Past the last page: there is no such page.
                    Err(ApiError::NotFound(_, Resource::List)) if number != HOME => {
                        view! { <NotFound what=Missing::Page /> }.into_any()
                    }
                    Err(error) => {
                        view! { <LoadError error on_retry=Callback::new(move |_| data.refetch()) /> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A page's entries and, below them, the way to newer and older pages.
#[component]
fn PageOfList(
    /// The page, already validated.
    page: ListPage,
    /// The page is a saved copy: mark the articles that can be read offline.
    offline: bool,
) -> impl IntoView {
    let number = page.number;
    Effect::new(move || set_document_title(list_title(number).as_deref()));
    let heading = match number {
        HOME => "Bài viết mới".to_string(),
        n => format!("Bài viết cũ hơn · Trang {n}"),
    };
    let pager = (page.newer.is_some() || page.older.is_some())
        .then(|| view! { <Pager page=page.clone() /> });
    let empty = number == HOME && page.index.articles.is_empty() && page.index.skipped == 0;
    view! {
        <h1 class="home-title">{heading}</h1>
        <ArticleList index=page.index offline empty />
        {pager}
    }
}

/// "Trang trước" (newer) and "Trang sau" (older), with where the reader is
/// (no total: it would change every page at every article).
#[component]
fn Pager(page: ListPage) -> impl IntoView {
    let newer = page.newer.map(|n| {
        view! { <A href=ListPage::route(n) attr:rel="prev">"Trang trước"</A> }
    });
    let older = page.older.map(|n| {
        view! { <A href=ListPage::route(n) attr:rel="next">"Trang sau"</A> }
    });
    let place = match page.number {
        HOME => "Mới nhất".to_string(),
        n => format!("Trang {n}"),
    };
    view! {
        <nav class="pager" aria-label="Chuyển trang danh sách">
            {newer}
            <span class="pager-where">{place}</span>
            {older}
        </nav>
    }
}

/// The list itself, with a note when entries had to be left out.
#[component]
fn ArticleList(
    /// The validated list, already sorted.
    index: ArticleIndex,
    /// The list is a saved copy: mark the articles that can be read offline.
    offline: bool,
    /// The archive has no article at all (not just this page).
    empty: bool,
) -> impl IntoView {
    let ArticleIndex { articles, skipped } = index;
    let saved = RwSignal::new(Vec::<String>::new());
    if offline {
        leptos::task::spawn_local(async move {
            // The list may be gone by then (the reader moved on).
            let _ = saved.try_set(offline::saved_slugs().await);
        });
    }
    let empty = empty.then(|| view! { <p>"Chưa có bài viết nào."</p> });
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
