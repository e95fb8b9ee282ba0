//! "Chép liên kết": puts the article's address on the clipboard.

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

/// A button that copies the absolute address of `path`, and says whether it
/// worked (and, if not, the address to copy by hand).
#[component]
pub fn CopyLink(
    /// The page's path, e.g. `/articles/abc`.
    path: String,
) -> impl IntoView {
    let status = CopyStatus::find();
    let copy = move |_| status.copy(path.clone(), "Đã chép liên kết.".into(), || ());
    view! {
        <button type="button" class="copy-link" title="Chép liên kết" on:click=copy><span class="button-text">"Chép liên kết"</span></button>
        <p class="copy-status" role="status" aria-live="polite" data-testid="copy-status">{move || Some(status.0.get()).filter(|s| !s.is_empty())}</p>
    }
}
