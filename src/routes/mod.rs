//! One file per page.

pub mod article;
pub mod home;
pub mod not_found;

/// The site name, the suffix of every page title.
pub const SITE_NAME: &str = "Bản tin";

/// Sets `document.title`. Call from an `Effect`, not from a render closure.
pub fn set_document_title(page: Option<&str>) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        match page {
            Some(page) => document.set_title(&format!("{page} — {SITE_NAME}")),
            None => document.set_title(SITE_NAME),
        }
    }
}
