//! "Nghe bài viết": the control beside the article's date and reading time.
//! Plain markup, not an island: the page's script shows it where the device
//! has a Vietnamese voice (`html[data-voice]`) and, on the first press,
//! loads the speaking part (`src/bin/listen.rs`, `crate::read_aloud`), which
//! then works every button. Only readers who listen download it: the
//! article page's own WASM stays within its budget (docs/speed.md).

use crate::speech::{rate_label, RATES};
use leptos::prelude::*;

/// The control's class.
pub const CONTROL_CLASS: &str = "listen";
/// The attribute naming each button's action ([`PLAY`], [`STOP`], [`RATE`]).
pub const ACTION_ATTRIBUTE: &str = "data-listen";
pub const PLAY: &str = "play";
pub const STOP: &str = "stop";
pub const RATE: &str = "rate";
/// The control's state (`idle`, `speaking`, `paused`): the stylesheet shows
/// the play button's label for it, and the other buttons while reading.
pub const STATE_ATTRIBUTE: &str = "data-state";
/// On `<html>` where the device has a Vietnamese voice (the page's script).
pub const VOICE_ATTRIBUTE: &str = "data-voice";
/// On `<html>` once the speaking part has started: the page's script then
/// leaves the buttons to it.
pub const READY_ATTRIBUTE: &str = "data-listen-ready";
/// The control's live region.
pub const STATUS_SELECTOR: &str = ".listen [role=status]";
/// The module the first press adds to the page: it loads the speaking part
/// (written by the build step `listen`).
pub const MODULE: &str = "/listen.js";
/// The event that module sends when the speaking part failed to load.
pub const FAILED_EVENT: &str = "bantin-listen-failed";
/// What the live region says while the speaking part loads, and if it fails.
pub const LOADING: &str = "Đang chuẩn bị đọc bài…";
pub const LOAD_FAILED: &str = "Không tải được phần đọc bài. Hãy kiểm tra kết nối mạng rồi bấm lại.";

/// `[data-listen=play]`, the selector of an action's button.
pub fn button_selector(action: &str) -> String {
    format!("[{ACTION_ATTRIBUTE}={action}]")
}

/// The control: "Nghe" (then "Tạm dừng" / "Nghe tiếp"), "Dừng" and the
/// speed, and a polite live region announcing each change. Hidden until the
/// page's script finds a Vietnamese voice.
#[component]
pub fn Listen() -> impl IntoView {
    view! {
        <span class=CONTROL_CLASS data-state="idle">
            <button type="button" class="listen-play" data-listen=PLAY>
                <span class="when-idle">"Nghe"<span class="visually-hidden">" bài viết"</span></span>
                <span class="when-speaking">"Tạm dừng"</span>
                <span class="when-paused">"Nghe tiếp"</span>
            </button>
            <button type="button" class="listen-stop" data-listen=STOP>"Dừng"</button>
            <button type="button" class="listen-rate" data-listen=RATE aria-label=rate_label(0)>
                {RATES[0].shown}
            </button>
            <span class="visually-hidden" role="status" data-testid="listen-status"></span>
        </span>
    }
}
