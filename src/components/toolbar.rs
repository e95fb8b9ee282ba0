//! The reading toolbar: the text-size controls, the copy-link button and
//! the reading preferences, on one row from a phone's width up.

use crate::components::copy_link::CopyLink;
use crate::components::reading_panel::{PrefsPanel, PrefsToggle};
use crate::font_scale::FontScale;
use crate::islands::{island, TOOLBAR};
use crate::prefs::FontScaleCtx;
use leptos::prelude::*;

/// The size controls' classes: the stylesheet and the page's script (which
/// works them before the app starts) find the buttons by these.
pub const SMALLER_CLASS: &str = "size-smaller";
pub const LARGER_CLASS: &str = "size-larger";
pub const RESET_CLASS: &str = "size-reset";

/// "Giảm cỡ chữ" (A−), the current size, "Tăng cỡ chữ" (A+) and a reset.
/// Buttons are disabled at the ends of the scale; a polite live region
/// announces each change. An island ([`TOOLBAR`]): on a pre-rendered page it
/// comes alive by itself, from its props, the page's path
/// ([`link_from_props`]).
#[component]
pub fn Toolbar(
    /// The page's path, for the "Chép liên kết" button (articles only).
    #[prop(into, default = None)]
    link: Option<String>,
) -> impl IntoView {
    island(TOOLBAR, link.clone().unwrap_or_default(), move || {
        toolbar(
            link,
            |path| view! { <div class="share"><CopyLink path /></div> },
        )
    })
}

/// The toolbar of a page with no link of its own to copy (the search page),
/// as the islands of that page's binary (src/bin/finder.rs) hydrate it: the
/// same markup as [`Toolbar`] without a link, and without the copy-link
/// button's code (2.2 KB brotli of that binary).
#[component]
pub fn LinklessToolbar() -> impl IntoView {
    island(TOOLBAR, String::new(), || toolbar(None, |_| ()))
}

/// The toolbar's link from its island's props: a path, or none.
pub fn link_from_props(props: String) -> Option<String> {
    Some(props).filter(|l| l.starts_with('/'))
}

/// The island's view ([`Toolbar`]), with `share(link)` as the link's
/// button where there is a link.
fn toolbar<S: IntoView + 'static>(
    link: Option<String>,
    share: impl Fn(String) -> S + 'static,
) -> impl IntoView {
    let ctx = FontScaleCtx::expect();
    let panel_open = RwSignal::new(false);
    let toggle = NodeRef::new();
    view! {
        <div class="toolbar" role="toolbar" aria-label="Cỡ chữ">
            <div class="size-controls">
                <StepButton name="Giảm cỡ chữ" label="A−" class=SMALLER_CLASS step=FontScale::smaller />
                <output class="size-value" data-testid="font-size" aria-label="Cỡ chữ hiện tại">
                    {move || ctx.label()}
                </output>
                <StepButton name="Tăng cỡ chữ" label="A+" class=LARGER_CLASS step=FontScale::larger />
                <button
                    type="button"
                    class=RESET_CLASS
                    aria-label="Đặt lại cỡ chữ"
                    title="Đặt lại cỡ chữ"
                    disabled=move || ctx.get().is_default()
                    on:click=move |_| ctx.choose(FontScale::default())
                >
                    // An icon instead on a phone (style/main.css).
                    <span class="button-text">"Đặt lại"</span>
                </button>
            </div>
            {link.map(share)}
            // Last in the row, so Tab goes from it straight into the panel.
            <PrefsToggle open=panel_open node_ref=toggle />
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="font-size-announcement">
                // Nothing rather than "": an empty string renders as a space on the host.
                {move || Some(ctx.announcement()).filter(|s| !s.is_empty())}
            </p>
        </div>
        <PrefsPanel open=panel_open toggle />
    }
}

/// One step down or up the size ladder; disabled where the ladder ends. The
/// accessible name is the hidden text; the visible "A+" is hidden from
/// assistive technology so the two never disagree (WCAG 2.5.3).
#[component]
fn StepButton(
    /// The accessible name, e.g. "Tăng cỡ chữ".
    name: &'static str,
    /// The visible label, e.g. "A+".
    label: &'static str,
    /// The modifier class, `size-smaller` or `size-larger`.
    class: &'static str,
    /// The neighbouring size, or `None` at the end of the ladder.
    step: fn(FontScale) -> Option<FontScale>,
) -> impl IntoView {
    let ctx = FontScaleCtx::expect();
    let next = move || step(ctx.get());
    view! {
        <button
            type="button"
            class=format!("size-button {class}")
            title=name
            disabled=move || next().is_none()
            on:click=move |_| {
                if let Some(scale) = next() {
                    ctx.choose(scale);
                }
            }
        >
            <span aria-hidden="true">{label}</span>
            <span class="visually-hidden">{name}</span>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toolbar_props_come_back_as_they_went() {
        assert_eq!(
            link_from_props("/articles/a-b".into()).as_deref(),
            Some("/articles/a-b")
        );
        assert_eq!(link_from_props(String::new()), None);
        assert_eq!(link_from_props("javascript:x".into()), None, "not a path");
    }
}
