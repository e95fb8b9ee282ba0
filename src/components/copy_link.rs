//! "Chép liên kết": puts the article's address on the clipboard; where the
//! browser has a share sheet (`navigator.share`: the phones readers use,
//! Android's Chrome and every iPhone browser), the same button is "Chia sẻ"
//! and opens it with the article's title and canonical address.
//!
//! One button, not two: on a phone the share sheet offers Zalo, Facebook and
//! "Copy" itself, and the toolbar must stay on one row of a 360 px screen
//! with the headline in the top fifth. Which label shows is decided before
//! the first paint (the page's script marks `<html>` with
//! [`crate::takeover::SHARES_ATTRIBUTE`]; the stylesheet shows one of the two texts), so
//! nothing shifts when the app starts. The paragraph links and `L` stay
//! copies: they are the pointer's and the keyboard's precise tools.

use crate::takeover::can_share;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Copies with the Clipboard API, or, where it is missing (old browsers,
/// insecure pages), with a selected text field and `execCommand("copy")`.
async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator = window.navigator();
    // Check before calling: a missing API must not throw through the WASM.
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if has_clipboard {
        match JsFuture::from(navigator.clipboard().write_text(text)).await {
            Ok(_) => return Ok(()),
            Err(e) => web_sys::console::warn_2(&"bantin: clipboard refused:".into(), &e),
        }
    }
    copy_with_selection(&window, text)
}

fn copy_with_selection(window: &web_sys::Window, text: &str) -> Result<(), String> {
    let document = window.document().ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let describe = |e: JsValue| format!("{e:?}");
    let area = document
        .create_element("textarea")
        .map_err(describe)?
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .map_err(|_| "not a textarea".to_owned())?;
    area.set_value(text);
    area.set_attribute("readonly", "").map_err(describe)?;
    area.set_attribute("class", "visually-hidden")
        .map_err(describe)?;
    body.append_child(&area).map_err(describe)?;
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .map(|d| d.exec_command("copy"))
        .unwrap_or(Ok(false));
    area.remove();
    match copied {
        Ok(true) => Ok(()),
        Ok(false) => Err("execCommand refused".into()),
        Err(e) => Err(describe(e)),
    }
}

/// The address to share for `path`: the page's canonical address where it
/// names this path (the site's public origin, `SITE_URL`), else this origin's,
/// with the `#p-N` the reader opened or chose.
fn shared_address(path: &str) -> String {
    let Some(window) = web_sys::window() else {
        return path.to_owned();
    };
    let origin = window.location().origin().unwrap_or_default();
    let canonical = window
        .document()
        .and_then(|d| d.query_selector("link[rel=canonical]").ok().flatten())
        .and_then(|l| l.get_attribute("href"))
        .filter(|href| href.ends_with(path) && href.starts_with("http"));
    let hash = window.location().hash().unwrap_or_default();
    let fragment = hash
        .strip_prefix("#p-")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map(|_| hash.clone())
        .unwrap_or_default();
    format!(
        "{}{fragment}",
        canonical.unwrap_or_else(|| format!("{origin}{path}"))
    )
}

/// Opens the share sheet with `title` and `url`. `Ok(false)`: the reader
/// closed it without sharing (an `AbortError`), which needs no message.
async fn share(title: &str, url: &str) -> Result<bool, JsValue> {
    let navigator = web_sys::window().ok_or(JsValue::NULL)?.navigator();
    let share: js_sys::Function = js_sys::Reflect::get(&navigator, &"share".into())?.dyn_into()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"title".into(), &title.into())?;
    js_sys::Reflect::set(&data, &"url".into(), &url.into())?;
    let promise: js_sys::Promise = share.call1(&navigator, &data)?.dyn_into()?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e)
            if js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .as_deref()
                == Some("AbortError") =>
        {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// What the copy buttons of one article report, in one polite live region
/// (the toolbar's): provided by the article view, so the paragraph links and
/// the "L" shortcut speak where the article's own button does.
#[derive(Clone, Copy)]
pub struct CopyStatus(RwSignal<String>);

impl CopyStatus {
    /// Provides a fresh status for the article being shown.
    pub fn provide() -> CopyStatus {
        let status = CopyStatus(RwSignal::new(String::new()));
        provide_context(status);
        status
    }

    /// The article's status, or a private one outside an article.
    pub fn find() -> CopyStatus {
        use_context::<CopyStatus>().unwrap_or_else(|| CopyStatus(RwSignal::new(String::new())))
    }

    /// Reports something other than a copy.
    pub fn say(self, message: &str) {
        self.0.set(message.to_owned());
    }

    /// Copies the absolute address of `path_and_fragment` and reports it:
    /// `done` on success, else the address to copy by hand. Calls `on_done`
    /// after a successful copy.
    pub fn copy(self, path_and_fragment: String, done: String, on_done: impl FnOnce() + 'static) {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let url = format!("{origin}{path_and_fragment}");
        let status = self.0;
        spawn_local(async move {
            match copy_text(&url).await {
                Ok(()) => {
                    status.set(done);
                    on_done();
                }
                Err(e) => {
                    web_sys::console::warn_1(&format!("bantin: copy failed: {e}").into());
                    status.set(format!("Không chép được. Liên kết: {url}"));
                }
            }
        });
    }
}

impl CopyStatus {
    /// Shares the article at `path` through the system's sheet where there is
    /// one, saying nothing when it is shared or closed; copies its link where
    /// there is none, or when the sheet fails.
    pub fn share_or_copy(self, path: String) {
        if !can_share() {
            return self.copy(path, COPIED.into(), || ());
        }
        let title = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".article-title").ok().flatten())
            .and_then(|h| h.text_content())
            .unwrap_or_default();
        let url = shared_address(&path);
        spawn_local(async move {
            match share(title.trim(), &url).await {
                Ok(_) => self.0.set(String::new()),
                Err(e) => {
                    web_sys::console::warn_2(&"bantin: the share sheet failed:".into(), &e);
                    self.copy(path, COPIED.into(), || ());
                }
            }
        });
    }
}

/// What the button says once the link is copied.
const COPIED: &str = "Đã chép liên kết.";

/// The button: "Chia sẻ" where the browser can share (the page is marked
/// [`crate::takeover::SHARES_ATTRIBUTE`]), "Chép liên kết" elsewhere, and whether it worked
/// (and, if a copy failed, the address to copy by hand).
#[component]
pub fn CopyLink(
    /// The page's path, e.g. `/articles/abc`.
    path: String,
) -> impl IntoView {
    let status = CopyStatus::find();
    let act = move |_| status.share_or_copy(path.clone());
    view! {
        <button type="button" class="copy-link" on:click=act>
            <span class="button-text copy-text">"Chép liên kết"</span>
            <span class="button-text share-text">"Chia sẻ"</span>
        </button>
        <p class="copy-status" role="status" aria-live="polite" data-testid="copy-status">{move || Some(status.0.get()).filter(|s| !s.is_empty())}</p>
    }
}
