//! The reading toolbar: the article's date and the text-size controls.

use crate::font_scale::FontScale;
use crate::model::Date;
use crate::prefs::FontScaleCtx;
use leptos::prelude::*;

/// Date, "Giảm cỡ chữ" (A−), the current size, "Tăng cỡ chữ" (A+) and a reset.
/// Buttons are disabled at the ends of the scale; a polite live region
/// announces each change.
#[component]
pub fn Toolbar(
    /// The publication date shown at the start of the toolbar, if any.
    #[prop(optional)]
    date: Option<Date>,
) -> impl IntoView {
    let ctx = FontScaleCtx::expect();
    let smaller = move || ctx.get().smaller();
    let larger = move || ctx.get().larger();

    view! {
        <div class="toolbar" role="toolbar" aria-label="Cỡ chữ">
            {date.map(|d| view! { <time class="toolbar-date" datetime=d.iso()>{d.vi()}</time> })}
            <div class="size-controls">
                <button
                    type="button"
                    class="size-button"
                    aria-label="Giảm cỡ chữ"
                    title="Giảm cỡ chữ"
                    disabled=move || smaller().is_none()
                    on:click=move |_| {
                        if let Some(s) = smaller() {
                            ctx.choose(s);
                        }
                    }
                >
                    "A−"
                </button>
                <output class="size-value" data-testid="font-size" aria-label="Cỡ chữ hiện tại">
                    {move || ctx.get().to_string()}
                </output>
                <button
                    type="button"
                    class="size-button"
                    aria-label="Tăng cỡ chữ"
                    title="Tăng cỡ chữ"
                    disabled=move || larger().is_none()
                    on:click=move |_| {
                        if let Some(s) = larger() {
                            ctx.choose(s);
                        }
                    }
                >
                    "A+"
                </button>
                <button
                    type="button"
                    class="size-reset"
                    aria-label="Đặt lại cỡ chữ"
                    title="Đặt lại cỡ chữ"
                    disabled=move || ctx.get().is_default()
                    on:click=move |_| ctx.choose(FontScale::default())
                >
                    "Mặc định"
                </button>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="font-size-announcement">
                {move || ctx.announcement()}
            </p>
        </div>
    }
}
