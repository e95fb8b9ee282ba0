//! Slugs: an article's identifier in URLs and file names.

use crate::MAX_SLUG_LEN;
use std::fmt;

/// An article's identifier in URLs and file names: lowercase ASCII letters,
/// digits and hyphens. Checked before any request is made, so a hostile URL
/// never reaches the network.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    /// `None` for anything outside `[a-z0-9-]{1,200}`.
    pub fn parse(raw: &str) -> Option<Slug> {
        let ok = !raw.is_empty()
            && raw.len() <= MAX_SLUG_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| Slug(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The app route of this article, e.g. `/articles/abc`.
    pub fn route(&self) -> String {
        format!("/articles/{}", self.0)
    }

    /// Where the article's JSON lives, e.g. `/articles/abc.json`.
    pub fn data_url(&self) -> String {
        format!("/articles/{}.json", self.0)
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
