//! `/tim-kiem?q=…`: the articles that match a query, best first, as links
//! with their date and lead. The query is read from the address, so a
//! search can be shared, reloaded, and reached from the header's form before
//! the app has started (a plain GET form). Typing in the page's own field
//! searches as you type.

use super::set_document_title;
use crate::components::article_card::ArticleCard;
use crate::components::toolbar::Toolbar;
use crate::search::{self, QUERY_PARAM, ROUTE};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::time::Duration;

/// How long typing must pause before the page searches (the results then
/// show within the time one search takes; `bench/scale.py` measures both
/// together, to the 300 ms target).
const TYPING_PAUSE: Duration = Duration::from_millis(60);

#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.read().get(QUERY_PARAM).unwrap_or_default());
    Effect::new(move || set_document_title(Some(&search::title(&query.get()))));
    let found = LocalResource::new(move || search::search(query.get()));

    // Typing: after a pause, the address takes the query (replacing the
    // history entry, so Back leaves the search), and the search follows it.
    let navigate = use_navigate();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let navigate = navigate.clone();
        let handle = set_timeout_with_handle(
            move || {
                navigate(
                    &search::address(&typed),
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                )
            },
            TYPING_PAUSE,
        );
        pending.set_value(handle.ok());
    };
    // Enter searches at once.
    let field = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if let Some(field) = field.get() {
            navigate(&search::address(&field.value()), NavigateOptions::default());
        }
    };

    view! {
        <section class="search-page">
            <Toolbar />
            <h1>"Tìm kiếm"</h1>
            <form
                class="search-form"
                role="search"
                aria-label="Tìm bài viết"
                action=ROUTE
                method="get"
                on:submit=on_submit
            >
                <label for="search-page-q">"Từ khoá (có dấu hay không dấu đều được)"</label>
                <div class="search-row">
                    <input
                        id="search-page-q"
                        node_ref=field
                        type="search"
                        name=QUERY_PARAM
                        value=query.get_untracked()
                        maxlength=search::MAX_QUERY_CHARS
                        autocomplete="off"
                        spellcheck="false"
                        on:input=on_input
                    />
                    <button type="submit">"Tìm"</button>
                </div>
            </form>
            <Transition fallback=|| view! { <p class="loading" role="status">"Đang tìm…"</p> }>
                {move || Suspend::new(async move {
                    let q = query.get();
                    match found.await {
                        _ if q.trim().is_empty() => {
                            view! { <p>"Nhập từ khoá để tìm bài viết."</p> }.into_any()
                        }
                        Ok(results) => view! { <Results query=q results /> }.into_any(),
                        Err(_) => {
                            view! {
                                <section class="load-error" role="alert" data-testid="load-error">
                                    <p>
                                        "Không tải được công cụ tìm kiếm. Vui lòng kiểm tra kết nối mạng rồi thử lại."
                                    </p>
                                    <p class="actions">
                                        <button
                                            type="button"
                                            class="retry"
                                            on:click=move |_| {
                                                let _ = leptos::prelude::window().location().reload();
                                            }
                                        >
                                            "Thử lại"
                                        </button>
                                    </p>
                                </section>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// How many matched, and the matches as the home page lists articles.
#[component]
fn Results(query: String, results: Vec<crate::model::ArticleSummary>) -> impl IntoView {
    let shown: String = query.trim().chars().take(80).collect();
    let count = match results.len() {
        0 => format!("Không tìm thấy bài viết nào cho “{shown}”."),
        n if n >= search::MAX_RESULTS => {
            format!("{n} bài viết phù hợp nhất với “{shown}”.")
        }
        n => format!("Tìm thấy {n} bài viết cho “{shown}”."),
    };
    view! {
        <p class="search-count" role="status" data-testid="search-count">{count}</p>
        <ol class="article-list">
            {results
                .into_iter()
                .map(|summary| view! { <li><ArticleCard summary is_saved=|| false /></li> })
                .collect_view()}
        </ol>
    }
}
