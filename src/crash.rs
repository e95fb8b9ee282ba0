//! The last line of defence: if a bug stops the app anyway, the reader gets a
//! plain message and a reload link instead of a frozen page.
//!
//! The release build aborts on a panic at once (`-Cpanic=immediate-abort`,
//! docs/speed.md, "Bytes"): no Rust runs after it, not even a panic hook. What the
//! browser sees is the WebAssembly trap, a `WebAssembly.RuntimeError` thrown
//! into the event or task that called the app; the page's own script
//! (src/page_script.js) catches it there, from the window's `error` and
//! `unhandledrejection` events, and shows the message below. A build that
//! still runs its panic hook (stable, `make dev`) logs the panic's message
//! first, then traps the same way.

use wasm_bindgen::JsValue;

/// The message's heading, text and link, and the class of its `<main>`.
/// The page's script shows them (src/page_script.rs passes them over).
pub const TITLE: &str = "Đã xảy ra lỗi";
pub const TEXT: &str = "Ứng dụng gặp sự cố ngoài dự kiến. Hãy tải lại trang để tiếp tục đọc.";
pub const RELOAD: &str = "Tải lại trang";
pub const CLASS: &str = "crash";

/// Installs the panic hook (once, from `main`): the panic's message in the
/// console, where a build that runs hooks has one.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!("bantin panicked: {info}")));
    }));
}

/// Panics on purpose, so the end-to-end tests can prove on the release build
/// that the message appears: at once (`later` false, as in an event
/// handler), or in a task (as in a loader). Trunk's loader exposes exports to
/// scripts in the page as `window.wasmBindings`; a script able to call this
/// could already do anything to the page, so it gives nothing away.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bantin_selftest_panic(later: bool) {
    if later {
        wasm_bindgen_futures::spawn_local(async {
            panic!("self-test: deliberate panic in a task")
        });
    } else {
        panic!("self-test: deliberate panic");
    }
}
