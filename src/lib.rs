//! bantin — a news reader in the browser.

// Hydration types nest one level per element of the article page.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod crash;
pub mod fallback;
pub mod font_scale;
pub mod island_start;
pub mod islands;
pub mod keymap;
pub mod offline;
pub mod page_script;
pub mod prefs;
pub mod prerender;
pub mod read_aloud;
pub mod reading;
pub mod routes;
pub mod search;
pub mod share_meta;
pub mod speech;
pub mod takeover;
pub mod worker;

pub use app::App;
/// The article format lives in its own pure crate (crates/model); the app
/// reaches it as `bantin::model`.
pub use bantin_model as model;
