//! The keyboard shortcuts' listener and their help dialog.

use crate::components::paragraph_links::ParagraphLinkKey;
use crate::islands::{island, SHORTCUTS};
use crate::keymap::{input_takes_text, shortcut, KeyPress, Shortcut, HELP};
use crate::prefs::FontScaleCtx;
use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether keys typed now go into a text field.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    match el.tag_name().as_str() {
        // Radio buttons and checkboxes take no text: the preferences panel
        // keeps the size keys working.
        "INPUT" => input_takes_text(&el.get_attribute("type").unwrap_or_default()),
        "TEXTAREA" | "SELECT" => true,
        _ => el.is_content_editable(),
    }
}

/// The shortcut a key press means, if any.
pub fn shortcut_for(ev: &web_sys::KeyboardEvent) -> Option<Shortcut> {
    let key = ev.key();
    shortcut(KeyPress {
        key: &key,
        ctrl: ev.ctrl_key(),
        meta: ev.meta_key(),
        alt: ev.alt_key(),
        in_text_field: typing_in(ev.target()),
    })
}

/// "N": presses the article's "Nghe" (start, pause or resume), where it is
/// shown (src/components/listen.rs); `false` where it is not.
fn press_listen() -> bool {
    use crate::components::listen::{button_selector, PLAY, VOICE_ATTRIBUTE};
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let shown = document
        .document_element()
        .is_some_and(|root| root.has_attribute(VOICE_ATTRIBUTE));
    match document.query_selector(&button_selector(PLAY)) {
        Ok(Some(button)) if shown => match button.dyn_into::<web_sys::HtmlElement>() {
            Ok(button) => {
                button.click();
                true
            }
            Err(_) => false,
        },
        _ => false,
    }
}

/// Listens for the shortcuts on the whole page and shows the "?" dialog; also
/// renders a "?" button that opens it. An island ([`SHORTCUTS`]), with no
/// props.
#[component]
pub fn Shortcuts() -> impl IntoView {
    island(SHORTCUTS, String::new(), shortcuts)
}

/// The island's view ([`Shortcuts`]).
fn shortcuts() -> impl IntoView {
    let ctx = FontScaleCtx::expect();
    let dialog = NodeRef::<Dialog>::new();
    let open_help = move || {
        if let Some(d) = dialog.get_untracked() {
            if !d.open() {
                if let Err(e) = d.show_modal() {
                    web_sys::console::warn_2(&"bantin: could not open the help:".into(), &e);
                }
            }
        }
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(action) = shortcut_for(&ev) else {
            return;
        };
        let now = ctx.current();
        let size_key = matches!(
            action,
            Shortcut::Larger | Shortcut::Smaller | Shortcut::Reset
        );
        if size_key && crate::takeover::prerendered() {
            return; // the page's script has the size keys until the app takes over
        }
        match action {
            Shortcut::Larger => now.larger().into_iter().for_each(|s| ctx.choose(s)),
            Shortcut::Smaller => now.smaller().into_iter().for_each(|s| ctx.choose(s)),
            // Like the "Đặt lại" button: back to 100%, nothing left stored.
            Shortcut::Reset if !now.is_default() => ctx.reset(),
            Shortcut::Reset => {}
            Shortcut::Help => open_help(),
            Shortcut::CopyParagraphLink => {
                if !ParagraphLinkKey::run() {
                    return; // not an article: the key is the browser's
                }
            }
            Shortcut::Listen => {
                if !press_listen() {
                    return; // no article, or no Vietnamese voice
                }
            }
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());

    view! {
        <button type="button" class="help-button" title="Phím tắt" on:click=move |_| open_help()>
            <span aria-hidden="true">"?"</span>
            <span class="visually-hidden">"Phím tắt"</span>
        </button>
        <dialog node_ref=dialog class="help" aria-labelledby="help-title">
            <h2 id="help-title">"Phím tắt"</h2>
            <dl>
                {HELP
                    .iter()
                    .map(|(keys, what)| view! { <dt><kbd>{*keys}</kbd></dt> <dd>{*what}</dd> })
                    .collect_view()}
            </dl>
            <p class="help-note">
                "Ctrl/⌘ cùng + − 0 vẫn phóng to cả trang như thường lệ. Phím tắt không hoạt động khi đang gõ chữ."
            </p>
            <form method="dialog">
                <button type="submit" class="help-close">"Đóng"</button>
            </form>
        </dialog>
    }
}
