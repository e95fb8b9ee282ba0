//! The whole app's WASM (the shell's: the search page, addresses with no
//! page of their own, a page read offline): it renders `App` into `<body>`.

fn main() {
    bantin::crash::install_panic_hook();
    leptos::mount::mount_to_body(bantin::App);
}
