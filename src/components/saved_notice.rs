//! The notice over a copy saved for offline reading.

use crate::offline::{local_time, saved_notice_vi, SavedAt};
use leptos::prelude::*;

/// "Không tải được bản mới nên đây là … đã lưu trên máy này lúc …", when
/// `saved` says the page shows a saved copy; nothing otherwise.
#[component]
pub fn SavedNotice(
    /// When the copy was saved, or `None` for a fresh copy.
    saved: Option<SavedAt>,
    /// What is shown, e.g. "bài viết" or "danh sách bài viết".
    what: &'static str,
    /// A sentence to add, e.g. how to tell which articles can be read.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    saved.map(|saved| {
        view! {
            <p class="note saved-notice" role="status" data-testid="saved-notice">
                {saved_notice_vi(what, local_time(saved))}
                {hint.map(|h| format!(" {h}"))}
            </p>
        }
    })
}
