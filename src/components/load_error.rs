//! What the reader sees when something could not be loaded.

use crate::api::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;

/// A Vietnamese explanation of `error`, a "Thử lại" button when retrying can
/// help, and a way home.
#[component]
pub fn LoadError(
    /// What went wrong.
    error: ApiError,
    /// Runs when the reader presses "Thử lại".
    on_retry: Callback<()>,
) -> impl IntoView {
    // Developers get the technical reason in the console.
    let detail = format!("bantin: {error}");
    Effect::new(move || web_sys::console::warn_1(&detail.as_str().into()));
    let retry = error.retryable().then(|| {
        view! {
            <button type="button" class="retry" on:click=move |_| on_retry.run(())>
                "Thử lại"
            </button>
        }
    });
    view! {
        <section class="load-error" role="alert" data-testid="load-error">
            <h1>{error.title_vi()}</h1>
            <p>{error.message_vi()}</p>
            <p class="actions">{retry} <A href="/">"Về trang chủ"</A></p>
        </section>
    }
}
