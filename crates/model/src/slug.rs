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

    /// The slug for an article titled `title`: Vietnamese diacritics folded
    /// ([`fold`]), lowercase ASCII letters and digits, everything else one
    /// hyphen, at most [`MAX_SLUG_LEN`] characters cut at a hyphen. `None`
    /// when nothing of the title is left (a title of only punctuation).
    pub fn from_title(title: &str) -> Option<Slug> {
        let mut slug = String::new();
        for c in fold(title).chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        if slug.len() > MAX_SLUG_LEN {
            let cut = slug[..=MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
            slug.truncate(cut);
        }
        Slug::parse(slug.trim_end_matches('-'))
    }

    /// This slug with a suffix, for a second article with the same title:
    /// `abc` → `abc-2`, shortened first so the result still fits.
    pub fn with_suffix(&self, n: u32) -> Slug {
        let suffix = format!("-{n}");
        let keep = self.0.len().min(MAX_SLUG_LEN - suffix.len());
        let stem = self.0[..keep].trim_end_matches('-');
        Slug(format!("{stem}{suffix}"))
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

/// Text without its diacritics, for slugs and for matching what readers type:
/// every letter decomposed (Unicode NFD) and its combining marks dropped,
/// and `đ`/`Đ`, which Unicode does not decompose, as `d`/`D`.
/// "Lồng Tồng, Đồng" → "Long Tong, Dong".
pub fn fold(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    fold_unmarked(text.nfd().filter(|c| !is_combining_mark(*c)))
}

/// Text as the search index holds it and as a query is searched: as
/// written, but with `đ`/`Đ` as `ď`/`Ď` (d with a caron). Pagefind (1.5 and
/// later) finds a word by its form without diacritics (Unicode's
/// decomposition, its marks dropped) and ranks first the pages with the form
/// as typed. Unicode does not decompose `đ`, so "duong" would never find
/// "đường"; `ď` decomposes into `d` and a caron, so "duong" finds "ďường",
/// and "đường" (searched as "ďường") still ranks it above "dương" and
/// "đương". No Vietnamese word has a `ď`, and no reader sees one: a result
/// shows the article's own title and lead.
pub fn searchable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'đ' => 'ď',
            'Đ' => 'Ď',
            c => c,
        })
        .collect()
}

/// [`fold`] for text whose diacritics are already gone (decomposed, its
/// combining marks dropped): `đ`/`Đ` as `d`/`D`. The browser drops the
/// marks itself (`String.prototype.normalize` and a regular expression), so
/// the app folds a search query with this one rule and without Unicode's
/// tables in its WASM.
pub fn fold_unmarked(unmarked: impl Iterator<Item = char>) -> String {
    unmarked
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}
