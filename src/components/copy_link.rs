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

/// A button that copies the absolute address of `path`, and says whether it
/// worked (and, if not, the address to copy by hand).
#[component]
pub fn CopyLink(
    /// The page's path, e.g. `/articles/abc`.
    path: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let url = format!("{origin}{path}");
        spawn_local(async move {
            match copy_text(&url).await {
                Ok(()) => status.set("Đã chép liên kết.".into()),
                Err(e) => {
                    web_sys::console::warn_1(&format!("bantin: copy failed: {e}").into());
                    status.set(format!("Không chép được. Liên kết: {url}"));
                }
            }
        });
    };
    view! {
        <button type="button" class="copy-link" on:click=copy>"Chép liên kết"</button>
        <p class="copy-status" role="status" aria-live="polite" data-testid="copy-status">{move || status.get()}</p>
    }
}
