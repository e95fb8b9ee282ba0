//! `/tim-kiem?q=…`: the articles that match a query, best first, as links
//! with their date and lead. The query is read from the address, so a
//! search can be shared, reloaded, and reached from the header's form before
//! the app has started (a plain GET form). Typing in the page's own field
//! searches as you type.
//!
//! The page is pre-rendered like the others (step `pages`, as
//! `tim-kiem.html`), with its form and results as an island
//! ([`SEARCH`]): the islands' WASM searches, not the whole app, and the
//! island takes its query from the address once it is alive (the host knows
//! none). In the whole app (the shell: the page read offline, `make dev`)
//! the same view follows the router's address.

use super::set_document_title;
use crate::components::article_card::ArticleCard;
use crate::components::site_header::header_form_query;
use crate::components::toolbar::Toolbar;
use crate::islands::{island, SEARCH};
use crate::model::ArticleSummary;
use crate::search::{self, QUERY_PARAM, ROUTE};
use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the page searches (the results then
/// show within the time one search takes; `bench/scale.py` measures both
/// together, to the 300 ms target).
const TYPING_PAUSE: Duration = Duration::from_millis(60);

/// The page's form and its field: the listeners find them by these.
pub const FORM_ID: &str = "search-page";
pub const FIELD_ID: &str = "search-page-q";

#[component]
pub fn SearchPage() -> impl IntoView {
    let prerendering = matches!(
        use_context::<crate::prerender::Prerendering>(),
        Some(crate::prerender::Prerendering::Search)
    );
    // The pre-rendered page's place for the loader's "older articles"
    // ([`search::OLDER_ID`]), outside the island: the island's WASM pays
    // nothing for it.
    let results = if prerendering {
        view! {
            <SearchIsland />
            <div id=search::OLDER_ID class="search-older" hidden></div>
        }
        .into_any()
    } else {
        routed().into_any()
    };
    view! {
        <section class="search-page">
            <Toolbar />
            <h1>"Tìm kiếm"</h1>
            <form
                id=FORM_ID
                class="search-form"
                role="search"
                aria-label="Tìm bài viết"
                action=ROUTE
                method="get"
            >
                <label for=FIELD_ID>"Từ khoá (có dấu hay không dấu đều được)"</label>
                <div class="search-row">
                    <input
                        id=FIELD_ID
                        type="search"
                        name=QUERY_PARAM
                        maxlength=search::MAX_QUERY_CHARS
                        autocomplete="off"
                        spellcheck="false"
                    />
                    <button type="submit">"Tìm"</button>
                </div>
            </form>
            {results}
        </section>
    }
}

/// The results as an island ([`SEARCH`]), on the pre-rendered page: the
/// query is the address's, read once the island is alive and again on Back
/// and Forward; a query typed goes to the address through the history (no
/// router here). The form stays the host's HTML (a plain GET form before
/// the island is alive); the island takes its events ([`listen_to_forms`]),
/// and the header's form's too, with no page load.
#[component]
pub fn SearchIsland() -> impl IntoView {
    island(SEARCH, String::new(), search_island)
}

/// The island's view ([`SearchIsland`]).
fn search_island() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let from_address = move || {
        let asked = search::query_in_address();
        put_in_field(&asked);
        query.set(asked);
    };
    // Once alive: the host rendered the page with no query.
    Effect::new(from_address);
    let back = window_event_listener(leptos::ev::popstate, move |_| from_address());
    on_cleanup(move || back.remove());
    listen_to_forms(move |typed: String, at_once: bool| {
        search::show_address(&typed, at_once);
        query.set(typed);
    });
    results_view(query.into())
}

/// The whole app's: the query is the router's, and a query typed goes to
/// the address through the router.
fn routed() -> impl IntoView {
    use leptos_router::hooks::{use_navigate, use_query_map};
    use leptos_router::NavigateOptions;
    let params = use_query_map();
    let query = Memo::new(move |_| params.read().get(QUERY_PARAM).unwrap_or_default());
    // Once the form is there: the address's query in its field.
    Effect::new(move || put_in_field(&query.get_untracked()));
    let navigate = use_navigate();
    listen_to_forms(move |typed: String, at_once: bool| {
        let options = NavigateOptions {
            replace: !at_once,
            scroll: at_once,
            ..Default::default()
        };
        navigate(&search::address(&typed), options)
    });
    results_view(query.into())
}

/// The page's field, if it is there.
fn field() -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    document.get_element_by_id(FIELD_ID)?.dyn_into().ok()
}

/// Shows `query` in the page's field (a query from the address or the
/// header's form).
fn put_in_field(query: &str) {
    if let Some(field) = field() {
        field.set_value(query);
    }
}

/// Takes the forms' events, from the window, for as long as the view
/// lives: typing in the page's field hands the query, after a pause, to
/// `go(typed, false)` (which replaces the history entry, so Back leaves the
/// search); the page's form, submitted, to `go(typed, true)` at once, and so
/// does the header's (its query shown in the page's field) unless the app
/// took it already (the whole app's header goes to the search itself).
fn listen_to_forms(go: impl Fn(String, bool) + Clone + 'static) {
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let cancel_pending = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    };
    let typing = {
        let go = go.clone();
        window_event_listener(leptos::ev::input, move |ev| {
            let Some(field) = field().filter(|f| ev.target().as_ref() == Some(f.as_ref())) else {
                return;
            };
            cancel_pending();
            let (go, typed) = (go.clone(), field.value());
            let handle = set_timeout_with_handle(move || go(typed, false), TYPING_PAUSE);
            pending.set_value(handle.ok());
        })
    };
    let submitted = window_event_listener(leptos::ev::submit, move |ev| {
        if ev.default_prevented() {
            return;
        }
        let asked = match header_form_query(&ev) {
            Some(asked) => {
                put_in_field(&asked);
                asked
            }
            None if form_id(&ev).as_deref() == Some(FORM_ID) => {
                field().map(|f| f.value()).unwrap_or_default()
            }
            None => return,
        };
        ev.prevent_default();
        cancel_pending();
        go(asked, true);
    });
    on_cleanup(move || {
        typing.remove();
        submitted.remove();
    });
}

/// The id of the form `ev` submits.
fn form_id(ev: &web_sys::SubmitEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    Some(ev.target()?.dyn_into::<web_sys::Element>().ok()?.id())
}

/// What the results' place shows.
#[derive(Clone)]
enum Shown {
    /// No query yet.
    Prompt,
    /// The first search, under way.
    Searching,
    /// The results for a query (kept on screen while the next is searched).
    Found(String, Vec<ArticleSummary>),
    /// The search could not be made.
    Failed,
}

/// The results for `query`, which the search follows, and the page's
/// title.
fn results_view(query: Signal<String>) -> impl IntoView {
    Effect::new(move || set_document_title(Some(&search::title(&query.get()))));
    let shown = RwSignal::new(Shown::Prompt);
    Effect::new(move || {
        let asked = query.get();
        if asked.trim().is_empty() {
            shown.set(Shown::Prompt);
            return;
        }
        if !matches!(shown.get_untracked(), Shown::Found(..)) {
            shown.set(Shown::Searching);
        }
        leptos::task::spawn_local(async move {
            let found = search::search(asked.clone()).await;
            // A newer query's search is on its way: this one is stale.
            if query.get_untracked() == asked {
                shown.set(match found {
                    Ok(results) => Shown::Found(asked, results),
                    Err(_) => Shown::Failed,
                });
            }
        });
    });
    move || match shown.get() {
        Shown::Prompt => view! { <p>"Nhập từ khoá để tìm bài viết."</p> }.into_any(),
        Shown::Searching => view! { <p class="loading" role="status">"Đang tìm…"</p> }.into_any(),
        Shown::Found(query, results) => view! { <Results query results /> }.into_any(),
        Shown::Failed => view! { <SearchFailed /> }.into_any(),
    }
}

/// The search could not be made (Pagefind's files did not arrive): why,
/// and a way to try again.
#[component]
fn SearchFailed() -> impl IntoView {
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
}

/// How many matched, and the matches as the home page lists articles.
#[component]
fn Results(query: String, results: Vec<ArticleSummary>) -> impl IntoView {
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
