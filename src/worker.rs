//! The service worker's configuration (public/sw.js): every name, limit and
//! pattern it shares with the app, from the app's constants. The build step
//! `worker` writes it into the worker's one placeholder, as the step
//! `script` does for the page's script (src/page_script.rs), so the worker
//! types none of them.

use crate::model::{ListPage, Slug, HOME, MAX_PAGE_DIGITS, MAX_SLUG_LEN};
use crate::offline::{ARTICLES_CACHE, SAVED_AT_HEADER};
use crate::prerender::{EMBEDDED_ARTICLE_ID, EMBEDDED_LIST_ID};
use serde_json::{json, Value};

/// The template's place for the configuration. With `null` there, sw.js is
/// still valid JavaScript for editors and linters; the build fills it.
pub const PLACEHOLDER: &str = "/*CONFIG*/ null";

/// How many saved articles a device keeps; past that, the one read least
/// recently goes.
pub const MAX_SAVED_ARTICLES: usize = 200;
/// How many saved list pages a device keeps.
pub const MAX_SAVED_LISTS: usize = 20;
/// The copies of photos seen, kept for reading offline: an article's photo
/// (one copy, the width the reader's screen took) is about 50 KB, so the
/// limit is one a saved article, about 10 MB at most.
pub const MAX_SAVED_PHOTOS: usize = MAX_SAVED_ARTICLES;
/// The cache the photos' copies are kept in (their names never change, so
/// they outlive builds as saved articles do).
pub const PHOTOS_CACHE: &str = "bantin-photos";
/// On a saved copy: when it was last read or saved (milliseconds since
/// 1970), which decides the one that goes past the limits.
pub const READ_AT_HEADER: &str = "X-Bantin-Read-At";
/// The build's files are cached under this prefix and the build's name; a
/// new build deletes the caches of older ones.
pub const SHELL_CACHE_PREFIX: &str = "bantin-shell-";

/// A slug, as `Slug::parse` takes it.
fn slug_pattern() -> String {
    format!("[a-z0-9-]{{1,{MAX_SLUG_LEN}}}")
}

/// A list page's number, as `ListPage::number_in` takes it.
fn page_pattern() -> String {
    format!("[1-9][0-9]{{0,{}}}", MAX_PAGE_DIGITS - 1)
}

/// A data file's address as the text before and after its slug or number
/// (`marker` in `url`).
fn around(url: &str, marker: &str) -> Value {
    match url.split_once(marker) {
        Some((before, after)) => json!([before, after]),
        None => Value::Null,
    }
}

/// What the worker needs to know. The patterns are JavaScript `RegExp`
/// sources.
pub fn config() -> Value {
    let (slug, page) = (slug_pattern(), page_pattern());
    json!({
        "articlesCache": ARTICLES_CACHE,
        "shellCachePrefix": SHELL_CACHE_PREFIX,
        "savedAt": SAVED_AT_HEADER,
        "readAt": READ_AT_HEADER,
        "maxSavedArticles": MAX_SAVED_ARTICLES,
        "maxSavedLists": MAX_SAVED_LISTS,
        "photosCache": PHOTOS_CACHE,
        "maxSavedPhotos": MAX_SAVED_PHOTOS,
        "photoCopy": crate::model::photo::copy_pattern(),
        "homeListData": ListPage::data_url(HOME),
        "listDataUrl": around(&ListPage::data_url(1), "1"),
        "articleDataUrl": Slug::parse("x").map_or(Value::Null, |x| around(&x.data_url(), "x")),
        "articlePage": format!("^/articles/({slug})$"),
        "articleData": format!("^/articles/{slug}\\.json$"),
        "listPage": format!("^/trang/({page})$"),
        // A numbered page's data, or the home page's.
        "listData": format!(
            "^(?:/trang/{page}\\.json|{})$",
            ListPage::data_url(HOME).replace('.', "\\.")
        ),
        "embedded": format!(
            "<script type=\"application/json\" id=\"(?:{EMBEDDED_ARTICLE_ID}|{EMBEDDED_LIST_ID})\">([^<]*)</script>"
        ),
    })
}

/// `worker` (public/sw.js) with its configuration in place, or `None` if it
/// has no placeholder (already filled, or not the worker).
pub fn configured(worker: &str) -> Option<String> {
    let config = config().to_string();
    (worker.matches(PLACEHOLDER).count() == 1).then(|| worker.replacen(PLACEHOLDER, &config, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKER: &str = include_str!("../public/sw.js");

    #[test]
    fn the_worker_has_one_place_for_the_configuration_and_types_no_name() {
        let filled = configured(WORKER).expect("sw.js has its placeholder once");
        assert!(configured(&filled).is_none(), "filled once");
        for name in [
            ARTICLES_CACHE,
            SHELL_CACHE_PREFIX,
            SAVED_AT_HEADER,
            READ_AT_HEADER,
            PHOTOS_CACHE,
            &crate::model::photo::copy_pattern(),
            EMBEDDED_ARTICLE_ID,
            EMBEDDED_LIST_ID,
            &slug_pattern(),
            &page_pattern(),
        ] {
            assert!(!WORKER.contains(name), "sw.js types {name} again");
        }
        for limit in [MAX_SAVED_ARTICLES, MAX_SAVED_LISTS] {
            assert!(
                !WORKER.contains(&format!("= {limit};")),
                "sw.js types the limit {limit} again"
            );
        }
    }

    #[test]
    fn the_patterns_take_what_the_app_takes() {
        let config = config();
        assert_eq!(config["maxSavedArticles"], 200);
        assert_eq!(config["maxSavedLists"], 20);
        assert_eq!(config["maxSavedPhotos"], 200);
        assert_eq!(
            config["photoCopy"],
            "^/anh/[a-z0-9_-]+-[0-9]+-[0-9a-f]{16}\\.(avif|jpg)$"
        );
        assert_eq!(
            config["articlePage"], "^/articles/([a-z0-9-]{1,200})$",
            "the slug rule of crates/model/src/slug.rs"
        );
        assert_eq!(
            config["listData"],
            "^(?:/trang/[1-9][0-9]{0,6}\\.json|/trang/moi-nhat\\.json)$"
        );
        assert_eq!(config["homeListData"], "/trang/moi-nhat.json");
        assert_eq!(config["listDataUrl"], json!(["/trang/", ".json"]));
        assert_eq!(config["articleDataUrl"], json!(["/articles/", ".json"]));
    }
}
