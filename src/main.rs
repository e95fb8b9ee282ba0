fn main() {
    bantin::crash::install_panic_hook();
    leptos::mount::mount_to_body(bantin::App);
}
