//! The last line of defence: if a bug panics anyway, the reader gets a plain
//! message and a reload link instead of a frozen page.

use wasm_bindgen::JsValue;

/// Installs the panic hook (once, from `main`).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!("bantin panicked: {info}")));
        show_crash_page();
    }));
}

/// Replaces the page body with a message built from DOM nodes (no HTML
/// strings, no inline script). Best effort: every step may fail silently,
/// since we are already failing.
fn show_crash_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    body.set_text_content(None);
    let section = document.create_element("main");
    let heading = document.create_element("h1");
    let text = document.create_element("p");
    let link = document.create_element("a");
    if let (Ok(section), Ok(heading), Ok(text), Ok(link)) = (section, heading, text, link) {
        let _ = section.set_attribute("role", "alert");
        let _ = section.set_attribute("class", "crash");
        heading.set_text_content(Some("Đã xảy ra lỗi"));
        text.set_text_content(Some(
            "Ứng dụng gặp sự cố ngoài dự kiến. Hãy tải lại trang để tiếp tục đọc.",
        ));
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            // Without its #fragment, so following the link really reloads.
            .and_then(|href| href.split('#').next().map(str::to_owned))
            .unwrap_or_else(|| "/".into());
        let _ = link.set_attribute("href", &href);
        // rel=external: the (now dead) router must not intercept the click.
        let _ = link.set_attribute("rel", "external");
        link.set_text_content(Some("Tải lại trang"));
        let _ = section.append_child(&heading);
        let _ = section.append_child(&text);
        let _ = section.append_child(&link);
        let _ = body.append_child(&section);
    }
}

/// Panics on purpose, so the end-to-end tests can prove on the release build
/// that the crash page appears. Trunk's loader exposes exports to scripts in
/// the page as `window.wasmBindings`; a script able to call this could already
/// do anything to the page, so it gives nothing away.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bantin_selftest_panic() {
    panic!("self-test: deliberate panic");
}
