//! The speaking part of "Nghe bài viết" (`bantin::read_aloud`): its own
//! small WASM, which the page's script loads on the first press of "Nghe",
//! so that readers who never listen never download it. No Leptos.

fn main() {
    bantin::crash::install_panic_hook();
    bantin::read_aloud::start();
}
