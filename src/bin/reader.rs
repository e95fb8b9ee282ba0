//! The pre-rendered pages' WASM: their islands only (src/islands.rs).

fn main() {
    bantin::crash::install_panic_hook();
    #[cfg(feature = "hydrate")]
    bantin::islands::start();
}
