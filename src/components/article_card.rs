//! One entry of a list of articles (the home page, a list page, search
//! results): the title as a link, the date, the reading time, the author and
//! the lead. The link is a plain `<a>`: the whole app's router takes its
//! click, and the search page's island has no router.

use crate::model::{reading_time, ArticleSummary};
use leptos::prelude::*;

/// One entry: the title as a link, the date and the lead.
#[component]
pub fn ArticleCard(
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
        minutes,
    } = summary;
    view! {
        <article class="card">
            <h2 class="card-title">
                <a href=slug.route()>{title}</a>
            </h2>
            <p class="card-meta">
                <time datetime=published.iso()>{published.vi()}</time>
                {minutes.map(|m| view! { " · " <span class="reading-time">{reading_time::label(m)}</span> })}
                {author.map(|a| view! { " · " <span>{a}</span> })}
                {move || is_saved().then(|| view! { " · " <span class="saved-badge">"Đã lưu"</span> })}
            </p>
            {lead.map(|l| view! { <p class="card-lead">{l}</p> })}
        </article>
    }
}
