fn main() {
    bantin::crash::install_panic_hook();
    bantin::takeover::start();
}
