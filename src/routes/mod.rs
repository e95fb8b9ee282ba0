//! One file per page.

pub mod article;
pub mod home;
pub mod not_found;
pub mod search_page;

/// The site name, the suffix of every page title.
pub const SITE_NAME: &str = "Bản tin";

/// Sets `document.title`. Call from an `Effect`, not from a render closure.
pub fn set_document_title(page: Option<&str>) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&document_title(page));
    }
}

/// The tab's title for a page: "<page> — Bản tin", or the site's name alone.
/// The pre-rendered pages use the same.
pub fn document_title(page: Option<&str>) -> String {
    match page {
        Some(page) => format!("{page} — {SITE_NAME}"),
        None => SITE_NAME.to_string(),
    }
}

/// A list page's own name for its title: none for the home page ("Bản
/// tin"), "Trang <k>" for the others.
pub fn list_title(number: usize) -> Option<String> {
    (number != crate::model::HOME).then(|| format!("Trang {number}"))
}
