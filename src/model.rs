//! Articles and the article list: decoding and validation of the JSON files in
//! `public/articles/`. Pure Rust (serde_json, no `web_sys`), tested natively.
//!
//! Policy, decided once (the README documents it):
//! - A file that is not JSON, not an object, lacks a required field, has a field
//!   of the wrong type, or a known block of the wrong shape is refused whole,
//!   with a [`DataError`] that names the field.
//! - A body block whose `type` this version does not know is skipped, and the
//!   article says that part of it could not be shown (forward compatibility).
//! - Unknown top-level fields are ignored.
//! - In the list (`index.json`), an entry that fails validation is skipped and
//!   counted; one bad entry does not hide the others.

use serde_json::{Map, Value};
use std::fmt;

/// The newest schema version this build understands (`"schema"` field; absent means 1).
pub const SCHEMA_VERSION: u64 = 1;
/// Largest article or index file accepted, in bytes of text.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Longest slug accepted.
pub const MAX_SLUG_LEN: usize = 200;
/// Largest image dimension accepted, in CSS pixels.
pub const MAX_IMAGE_DIMENSION: u64 = 20_000;

// ---------------------------------------------------------------------------
// Slug

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

// ---------------------------------------------------------------------------
// Date

/// A calendar date (publication day), without time or zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// `None` unless `y-m-d` is a real day between years 1000 and 9999.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Parses exactly `YYYY-MM-DD` (ISO 8601 calendar date).
    pub fn parse_iso(raw: &str) -> Option<Date> {
        let b = raw.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u16> {
            raw.get(r.clone())
                .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|s| s.parse().ok())
        };
        let year = digits(0..4)?;
        let month = u8::try_from(digits(5..7)?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// `2020-08-21`, for `<time datetime>`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `21/08/2020`, the way Vietnamese readers write dates.
    pub fn vi(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

// ---------------------------------------------------------------------------
// Article

/// An image in a figure. `src` is a same-site path or an `https:` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// One block of an article's body. Every text is plain text, rendered as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        cite: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Figure {
        caption: Option<String>,
        image: Option<Image>,
    },
}

/// A validated article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub slug: Slug,
    /// BCP 47 language tag, `"vi"` when absent.
    pub lang: String,
    pub title: String,
    pub published: Date,
    pub lead: Option<String>,
    pub body: Vec<Block>,
    pub author: Option<String>,
    /// Body blocks of a type this version does not know, left out.
    pub skipped_blocks: usize,
}

/// One entry of the article list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleSummary {
    pub slug: Slug,
    pub title: String,
    pub published: Date,
    pub lead: Option<String>,
    pub author: Option<String>,
}

/// The article list, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ArticleIndex {
    pub articles: Vec<ArticleSummary>,
    /// Entries left out because they failed validation.
    pub skipped: usize,
}

// ---------------------------------------------------------------------------
// Errors

/// Why a file was refused. `Display` is for developers; [`DataError::message_vi`]
/// is what the reader sees.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("file is {0} bytes, over the limit")]
    TooLarge(usize),
    #[error("top level is not a JSON object")]
    NotAnObject,
    #[error("schema version {0} is newer than this app understands")]
    UnsupportedSchema(String),
    #[error("missing field `{0}`")]
    Missing(String),
    #[error("field `{field}` should be {expected}")]
    WrongType {
        field: String,
        expected: &'static str,
    },
    #[error("field `{0}` is empty")]
    Empty(String),
    #[error("field `{field}` is not valid: {reason}")]
    Invalid { field: String, reason: &'static str },
    #[error("article has neither a lead nor any body block")]
    NoContent,
    #[error("file is for article `{found}`, expected `{expected}`")]
    SlugMismatch { expected: String, found: String },
}

impl DataError {
    /// What the reader is told, in Vietnamese, naming the faulty field.
    pub fn message_vi(&self) -> String {
        match self {
            DataError::NotJson(_) => "tệp không phải JSON hợp lệ".into(),
            DataError::TooLarge(n) => format!("tệp quá lớn ({} MB)", n / (1024 * 1024)),
            DataError::NotAnObject => "tệp không phải một đối tượng JSON".into(),
            DataError::UnsupportedSchema(v) => {
                format!("định dạng phiên bản {v} chưa được ứng dụng này hỗ trợ")
            }
            DataError::Missing(f) => format!("thiếu trường “{f}”"),
            DataError::WrongType { field, expected } => {
                format!("trường “{field}” sai kiểu (cần {})", expected_vi(expected))
            }
            DataError::Empty(f) => format!("trường “{f}” đang trống"),
            DataError::Invalid { field, reason } => {
                format!("trường “{field}” không hợp lệ ({})", reason_vi(reason))
            }
            DataError::NoContent => "bài viết không có nội dung".into(),
            DataError::SlugMismatch { .. } => "tệp thuộc về một bài viết khác".into(),
        }
    }
}

fn expected_vi(expected: &str) -> &'static str {
    match expected {
        "a string" => "chuỗi ký tự",
        "an array" => "mảng",
        "an object" => "đối tượng",
        "a boolean" => "true/false",
        "a whole number" => "số nguyên",
        _ => "kiểu khác",
    }
}

fn reason_vi(reason: &str) -> &'static str {
    match reason {
        REASON_SLUG => "chỉ gồm a-z, 0-9 và dấu gạch ngang",
        REASON_DATE => "cần ngày dạng YYYY-MM-DD",
        REASON_LANG => "mã ngôn ngữ",
        REASON_SRC => "chỉ nhận đường dẫn trong trang hoặc https",
        REASON_RANGE => "số nằm ngoài khoảng cho phép",
        _ => "giá trị không dùng được",
    }
}

const REASON_SLUG: &str = "only a-z, 0-9 and hyphens";
const REASON_DATE: &str = "expected YYYY-MM-DD";
const REASON_LANG: &str = "expected a language tag";
const REASON_SRC: &str = "expected a same-site path or an https URL";
const REASON_RANGE: &str = "number out of range";

// ---------------------------------------------------------------------------
// Decoding

/// Parses text into a JSON object map. A leading byte-order mark is dropped
/// (some editors write one); serde_json's recursion limit refuses deep nesting
/// with an error instead of exhausting the stack.
fn parse_object(text: &str) -> Result<Map<String, Value>, DataError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(DataError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(DataError::NotAnObject),
        Err(e) => Err(DataError::NotJson(e.to_string())),
    }
}

/// Typed access to one JSON object's fields, with errors that name the field
/// by its path (e.g. `body[3].text`).
struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Fields<'a> {
    fn new(map: &'a Map<String, Value>, path: impl Into<String>) -> Self {
        Fields {
            map,
            path: path.into(),
        }
    }

    fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// A field that may be absent or `null`.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn wrong(&self, key: &str, expected: &'static str) -> DataError {
        DataError::WrongType {
            field: self.name(key),
            expected,
        }
    }

    fn opt_str(&self, key: &str) -> Result<Option<&'a str>, DataError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(self.wrong(key, "a string")),
        }
    }

    /// A string that must be present (and, trimmed, not empty).
    fn req_text(&self, key: &str) -> Result<String, DataError> {
        let s = self
            .opt_str(key)?
            .ok_or_else(|| DataError::Missing(self.name(key)))?;
        if s.trim().is_empty() {
            return Err(DataError::Empty(self.name(key)));
        }
        Ok(s.to_owned())
    }

    /// An optional text; blank counts as absent.
    fn opt_text(&self, key: &str) -> Result<Option<String>, DataError> {
        Ok(self
            .opt_str(key)?
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned))
    }

    fn opt_bool(&self, key: &str) -> Result<Option<bool>, DataError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(key, "a boolean")),
        }
    }

    fn opt_dimension(&self, key: &str) -> Result<Option<u32>, DataError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) if (1..=MAX_IMAGE_DIMENSION).contains(&v) => Ok(u32::try_from(v).ok()),
                Some(_) => Err(DataError::Invalid {
                    field: self.name(key),
                    reason: REASON_RANGE,
                }),
                None => Err(self.wrong(key, "a whole number")),
            },
            Some(_) => Err(self.wrong(key, "a whole number")),
        }
    }

    fn req_array(&self, key: &str) -> Result<&'a Vec<Value>, DataError> {
        match self.get(key) {
            None => Err(DataError::Missing(self.name(key))),
            Some(Value::Array(a)) => Ok(a),
            Some(_) => Err(self.wrong(key, "an array")),
        }
    }

    fn slug(&self, key: &str) -> Result<Slug, DataError> {
        let raw = self.req_text(key)?;
        Slug::parse(&raw).ok_or(DataError::Invalid {
            field: self.name(key),
            reason: REASON_SLUG,
        })
    }

    fn date(&self, key: &str) -> Result<Date, DataError> {
        let raw = self.req_text(key)?;
        Date::parse_iso(&raw).ok_or(DataError::Invalid {
            field: self.name(key),
            reason: REASON_DATE,
        })
    }
}

fn check_schema(fields: &Fields) -> Result<(), DataError> {
    match fields.get("schema") {
        None => Ok(()),
        Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION) => Ok(()),
        Some(Value::Number(n)) if n.as_u64().is_some() => {
            Err(DataError::UnsupportedSchema(n.to_string()))
        }
        Some(_) => Err(fields.wrong("schema", "a whole number")),
    }
}

fn valid_lang(tag: &str) -> bool {
    (1..=35).contains(&tag.len())
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !tag.starts_with('-')
}

/// A same-site path (`/img/a.jpg`, `img/a.jpg`) or an `https:` URL. Refuses
/// `javascript:`, `data:`, protocol-relative `//host` and everything else.
fn valid_image_src(src: &str) -> bool {
    let src = src.trim();
    if src.is_empty() || src.chars().any(|c| c.is_control() || c == '\\') {
        return false;
    }
    if let Some(rest) = src.strip_prefix("https://") {
        return !rest.is_empty();
    }
    if src.starts_with("//") {
        return false;
    }
    // A relative reference must not contain a scheme: no ':' before the first '/', '?' or '#'.
    let head = src.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

fn decode_image(value: &Value, path: &str) -> Result<Image, DataError> {
    let Value::Object(map) = value else {
        return Err(DataError::WrongType {
            field: path.to_owned(),
            expected: "an object",
        });
    };
    let f = Fields::new(map, path);
    let src = f.req_text("src")?;
    if !valid_image_src(&src) {
        return Err(DataError::Invalid {
            field: f.name("src"),
            reason: REASON_SRC,
        });
    }
    Ok(Image {
        src,
        // Absent alt means a decorative image (alt="").
        alt: f.opt_str("alt")?.unwrap_or("").to_owned(),
        width: f.opt_dimension("width")?,
        height: f.opt_dimension("height")?,
    })
}

/// `Ok(None)` for a block whose type this version does not know.
fn decode_block(value: &Value, index: usize) -> Result<Option<Block>, DataError> {
    let path = format!("body[{index}]");
    let Value::Object(map) = value else {
        return Err(DataError::WrongType {
            field: path,
            expected: "an object",
        });
    };
    let f = Fields::new(map, path.clone());
    let kind = f
        .opt_str("type")?
        .ok_or_else(|| DataError::Missing(f.name("type")))?;
    let block = match kind {
        "paragraph" => Block::Paragraph {
            text: f.req_text("text")?,
        },
        "heading" => Block::Heading {
            text: f.req_text("text")?,
        },
        "quote" => Block::Quote {
            text: f.req_text("text")?,
            cite: f.opt_text("cite")?,
        },
        "list" => {
            let items = f
                .req_array("items")?
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(DataError::WrongType {
                        field: format!("{path}.items[{i}]"),
                        expected: "a string",
                    }),
                })
                .collect::<Result<Vec<_>, _>>()?;
            if items.is_empty() {
                return Err(DataError::Empty(f.name("items")));
            }
            Block::List {
                ordered: f.opt_bool("ordered")?.unwrap_or(false),
                items,
            }
        }
        "figure" => {
            let caption = f.opt_text("caption")?;
            let image = match f.get("image") {
                None => None,
                Some(v) => Some(decode_image(v, &f.name("image"))?),
            };
            if caption.is_none() && image.is_none() {
                return Err(DataError::Empty(path));
            }
            Block::Figure { caption, image }
        }
        _ => return Ok(None),
    };
    Ok(Some(block))
}

impl Article {
    /// Decodes and validates an article file. `expected` is the slug the
    /// reader asked for; a file naming another article is refused.
    pub fn from_json(text: &str, expected: &Slug) -> Result<Article, DataError> {
        let map = parse_object(text)?;
        let f = Fields::new(&map, "");
        check_schema(&f)?;
        let slug = f.slug("slug")?;
        if &slug != expected {
            return Err(DataError::SlugMismatch {
                expected: expected.to_string(),
                found: slug.to_string(),
            });
        }
        let lang = match f.opt_text("lang")? {
            None => "vi".to_owned(),
            Some(tag) if valid_lang(&tag) => tag,
            Some(_) => {
                return Err(DataError::Invalid {
                    field: "lang".into(),
                    reason: REASON_LANG,
                })
            }
        };
        let title = f.req_text("title")?;
        let published = f.date("published")?;
        let lead = f.opt_text("lead")?;
        let author = f.opt_text("author")?;
        let mut body = Vec::new();
        let mut skipped_blocks = 0;
        for (i, value) in f.req_array("body")?.iter().enumerate() {
            match decode_block(value, i)? {
                Some(block) => body.push(block),
                None => skipped_blocks += 1,
            }
        }
        if body.is_empty() && lead.is_none() {
            return Err(DataError::NoContent);
        }
        Ok(Article {
            slug,
            lang,
            title,
            published,
            lead,
            body,
            author,
            skipped_blocks,
        })
    }

    /// The article in the file format (schema 1): what [`Article::from_json`]
    /// reads back. Skipped blocks are gone.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("schema".into(), SCHEMA_VERSION.into());
        map.insert("slug".into(), self.slug.as_str().into());
        map.insert("lang".into(), self.lang.clone().into());
        map.insert("title".into(), self.title.clone().into());
        map.insert("published".into(), self.published.iso().into());
        if let Some(lead) = &self.lead {
            map.insert("lead".into(), lead.clone().into());
        }
        map.insert(
            "body".into(),
            self.body.iter().map(Block::to_json).collect(),
        );
        if let Some(author) = &self.author {
            map.insert("author".into(), author.clone().into());
        }
        Value::Object(map)
    }

    /// The list entry for this article.
    pub fn summary(&self) -> ArticleSummary {
        ArticleSummary {
            slug: self.slug.clone(),
            title: self.title.clone(),
            published: self.published,
            lead: self.lead.clone(),
            author: self.author.clone(),
        }
    }
}

impl Block {
    /// The block in the file format.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        let mut put = |k: &str, v: Value| {
            map.insert(k.to_owned(), v);
        };
        match self {
            Block::Paragraph { text } => {
                put("type", "paragraph".into());
                put("text", text.clone().into());
            }
            Block::Heading { text } => {
                put("type", "heading".into());
                put("text", text.clone().into());
            }
            Block::Quote { text, cite } => {
                put("type", "quote".into());
                put("text", text.clone().into());
                if let Some(cite) = cite {
                    put("cite", cite.clone().into());
                }
            }
            Block::List { ordered, items } => {
                put("type", "list".into());
                put("ordered", (*ordered).into());
                put(
                    "items",
                    items.iter().map(|i| Value::from(i.clone())).collect(),
                );
            }
            Block::Figure { caption, image } => {
                put("type", "figure".into());
                if let Some(caption) = caption {
                    put("caption", caption.clone().into());
                }
                if let Some(Image {
                    src,
                    alt,
                    width,
                    height,
                }) = image
                {
                    let mut img = Map::new();
                    img.insert("src".into(), src.clone().into());
                    img.insert("alt".into(), alt.clone().into());
                    if let Some(w) = width {
                        img.insert("width".into(), (*w).into());
                    }
                    if let Some(h) = height {
                        img.insert("height".into(), (*h).into());
                    }
                    put("image", Value::Object(img));
                }
            }
        }
        Value::Object(map)
    }
}

impl ArticleSummary {
    fn from_value(value: &Value, index: usize) -> Result<ArticleSummary, DataError> {
        let path = format!("articles[{index}]");
        let Value::Object(map) = value else {
            return Err(DataError::WrongType {
                field: path,
                expected: "an object",
            });
        };
        let f = Fields::new(map, path);
        Ok(ArticleSummary {
            slug: f.slug("slug")?,
            title: f.req_text("title")?,
            published: f.date("published")?,
            lead: f.opt_text("lead")?,
            author: f.opt_text("author")?,
        })
    }
}

impl ArticleIndex {
    /// Decodes `index.json`: `{"articles": [ {slug, title, published, lead?, author?}, … ]}`.
    /// Invalid entries are skipped and counted; the rest are sorted newest
    /// first (then by title, so the order is stable).
    pub fn from_json(text: &str) -> Result<ArticleIndex, DataError> {
        let map = parse_object(text)?;
        let f = Fields::new(&map, "");
        check_schema(&f)?;
        let mut index = ArticleIndex::default();
        for (i, value) in f.req_array("articles")?.iter().enumerate() {
            match ArticleSummary::from_value(value, i) {
                Ok(summary) => index.articles.push(summary),
                Err(_) => index.skipped += 1,
            }
        }
        index.articles.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then_with(|| a.title.cmp(&b.title))
        });
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SEED_SLUG: &str = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
    const SEED_FILE: &str = include_str!(
        "../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
    );
    const SEED_INDEX: &str = include_str!("../public/articles/index.json");

    fn slug(s: &str) -> Slug {
        Slug::parse(s).expect("test slug is valid")
    }

    fn minimal() -> Value {
        json!({
            "slug": "a",
            "title": "Tiêu đề",
            "published": "2020-08-21",
            "body": [{ "type": "paragraph", "text": "Đoạn một." }]
        })
    }

    fn decode(v: &Value) -> Result<Article, DataError> {
        Article::from_json(&v.to_string(), &slug("a"))
    }

    fn with(field: &str, value: Value) -> Value {
        let mut v = minimal();
        v[field] = value;
        v
    }

    fn without(field: &str) -> Value {
        let mut v = minimal();
        v.as_object_mut().unwrap().remove(field);
        v
    }

    // --- slugs ---

    #[test]
    fn slugs_accept_only_lowercase_ascii_digits_and_hyphens() {
        assert!(Slug::parse(SEED_SLUG).is_some());
        assert!(Slug::parse("a-1-b").is_some());
        for bad in [
            "",
            "A",
            "Thanh-pho",
            "a b",
            "a/b",
            "../etc/passwd",
            "a.json",
            "a_b",
            "ă",
            "%2e%2e",
            "a?x=1",
            "a#p-1",
            "<script>",
            "a\u{0}",
            "javascript:alert(1)",
        ] {
            assert_eq!(Slug::parse(bad), None, "{bad:?} must be refused");
        }
        assert!(Slug::parse(&"a".repeat(MAX_SLUG_LEN)).is_some());
        assert_eq!(Slug::parse(&"a".repeat(MAX_SLUG_LEN + 1)), None);
    }

    #[test]
    fn slug_builds_route_and_data_url() {
        let s = slug("abc-1");
        assert_eq!(s.route(), "/articles/abc-1");
        assert_eq!(s.data_url(), "/articles/abc-1.json");
    }

    // --- dates ---

    #[test]
    fn dates_format_the_vietnamese_way() {
        let d = Date::parse_iso("2020-08-21").unwrap();
        assert_eq!(d.vi(), "21/08/2020");
        assert_eq!(d.iso(), "2020-08-21");
    }

    #[test]
    fn dates_must_be_real_days() {
        assert!(Date::parse_iso("2020-02-29").is_some(), "leap day");
        assert!(Date::parse_iso("2000-02-29").is_some(), "400-year leap day");
        for bad in [
            "2019-02-29",
            "1900-02-29",
            "2020-13-01",
            "2020-00-10",
            "2020-04-31",
            "2020-01-00",
            "2020-8-21",
            "21/08/2020",
            "2020-08-21T00:00:00Z",
            "",
            "hôm qua",
            "+020-08-21",
            "0999-01-01",
            "２０２０-08-21",
            "2020-08-2a",
            "2020_08_21",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad:?} must be refused");
        }
    }

    #[test]
    fn dates_order_chronologically() {
        let a = Date::parse_iso("2019-12-31").unwrap();
        let b = Date::parse_iso("2020-01-01").unwrap();
        assert!(a < b);
    }

    // --- the seed article ---

    #[test]
    fn the_seed_article_decodes_with_every_part_in_place() {
        let a = Article::from_json(SEED_FILE, &slug(SEED_SLUG)).expect("seed is valid");
        assert_eq!(
            a.title,
            "Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước"
        );
        assert_eq!(a.published.vi(), "21/08/2020");
        assert_eq!(a.lang, "vi");
        assert!(a
            .lead
            .as_deref()
            .unwrap()
            .starts_with("Thấm nhuần lời dạy của Bác Hồ"));
        assert_eq!(a.author.as_deref(), Some("Hương Dịu"));
        assert_eq!(a.skipped_blocks, 0);
        let paragraphs = a
            .body
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        assert_eq!(paragraphs, 8);
        // The photo caption sits between the 7th and the last paragraph. The
        // seed writes a no-break space inside it; the file keeps it verbatim.
        let Block::Figure {
            caption: Some(caption),
            image: None,
        } = &a.body[7]
        else {
            panic!("block 7 is the photo caption")
        };
        assert_eq!(
            caption.replace('\u{a0}', " "),
            "Những cá nhân điển hình tiên tiến giai đoạn 2015-2020 được UBND thành phố biểu dương"
        );
        let Block::Paragraph { text } = &a.body[8] else {
            panic!("last block is a paragraph")
        };
        assert!(text.starts_with("Với những kết quả đạt được"));
        assert!(text.ends_with("1.280 lượt cá nhân./."));
    }

    #[test]
    fn the_seed_contains_no_portal_chrome() {
        for chrome in [
            "PublishingPortal",
            "Block_BanTin",
            "Tăng cỡ chữ",
            "Giảm cỡ chữ",
        ] {
            assert!(
                !SEED_FILE.contains(chrome),
                "{chrome} is page chrome, not article text"
            );
        }
    }

    #[test]
    fn the_shipped_index_lists_the_seed() {
        let index = ArticleIndex::from_json(SEED_INDEX).expect("index is valid");
        assert_eq!(index.skipped, 0);
        let seed = Article::from_json(SEED_FILE, &slug(SEED_SLUG)).unwrap();
        assert!(
            index.articles.contains(&seed.summary()),
            "index entry matches the article file"
        );
    }

    #[test]
    fn the_design_docs_example_shape_loads() {
        let text = r#"{
          "slug": "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc",
          "lang": "vi",
          "title": "Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước",
          "published": "2020-08-21",
          "lead": "Thấm nhuần lời dạy của Bác Hồ …",
          "body": [
            { "type": "paragraph", "text": "Thi đua thực hiện các chỉ tiêu …" },
            { "type": "figure", "caption": "Những cá nhân điển hình …", "image": null }
          ],
          "author": "Hương Dịu"
        }"#;
        let a = Article::from_json(text, &slug(SEED_SLUG)).expect("design shape loads");
        assert_eq!(a.body.len(), 2);
    }

    // --- every block kind ---

    #[test]
    fn every_block_kind_decodes() {
        let v = with(
            "body",
            json!([
                { "type": "heading", "text": "Mục" },
                { "type": "quote", "text": "Trích", "cite": "Ai đó" },
                { "type": "list", "ordered": true, "items": ["một", "hai"] },
                { "type": "figure", "caption": "Ảnh", "image": { "src": "/img/a.jpg", "alt": "Mô tả", "width": 800, "height": 600 } },
                { "type": "figure", "image": { "src": "https://example.org/b.png" } }
            ]),
        );
        let a = decode(&v).unwrap();
        assert_eq!(
            a.body,
            vec![
                Block::Heading {
                    text: "Mục".into()
                },
                Block::Quote {
                    text: "Trích".into(),
                    cite: Some("Ai đó".into())
                },
                Block::List {
                    ordered: true,
                    items: vec!["một".into(), "hai".into()]
                },
                Block::Figure {
                    caption: Some("Ảnh".into()),
                    image: Some(Image {
                        src: "/img/a.jpg".into(),
                        alt: "Mô tả".into(),
                        width: Some(800),
                        height: Some(600)
                    }),
                },
                Block::Figure {
                    caption: None,
                    image: Some(Image {
                        src: "https://example.org/b.png".into(),
                        alt: String::new(),
                        width: None,
                        height: None
                    }),
                },
            ]
        );
    }

    #[test]
    fn unknown_block_types_are_skipped_and_counted() {
        let v = with(
            "body",
            json!([{ "type": "video", "src": "x" }, { "type": "paragraph", "text": "ở lại" }, { "type": "poll" }]),
        );
        let a = decode(&v).unwrap();
        assert_eq!(
            a.body,
            vec![Block::Paragraph {
                text: "ở lại".into()
            }]
        );
        assert_eq!(a.skipped_blocks, 2);
    }

    // --- refusals, each naming the field ---

    #[test]
    fn missing_required_fields_are_named() {
        for field in ["slug", "title", "published", "body"] {
            assert_eq!(
                decode(&without(field)),
                Err(DataError::Missing(field.into())),
                "{field}"
            );
        }
    }

    #[test]
    fn null_required_fields_count_as_missing() {
        assert_eq!(
            decode(&with("title", Value::Null)),
            Err(DataError::Missing("title".into()))
        );
    }

    #[test]
    fn wrong_types_in_every_field_are_refused() {
        let wrong_values = [json!(1), json!(true), json!([]), json!({}), json!(1.5)];
        for field in ["slug", "title", "published", "lead", "author", "lang"] {
            for v in &wrong_values {
                let err = decode(&with(field, v.clone())).unwrap_err();
                assert_eq!(
                    err,
                    DataError::WrongType {
                        field: field.into(),
                        expected: "a string"
                    },
                    "{field} = {v}"
                );
            }
        }
        for v in [json!("x"), json!(1), json!({})] {
            assert!(matches!(
                decode(&with("body", v)),
                Err(DataError::WrongType { .. })
            ));
        }
    }

    #[test]
    fn blank_title_is_refused() {
        assert_eq!(
            decode(&with("title", json!("  \n "))),
            Err(DataError::Empty("title".into()))
        );
    }

    #[test]
    fn a_bad_date_is_refused() {
        assert_eq!(
            decode(&with("published", json!("21/08/2020"))),
            Err(DataError::Invalid {
                field: "published".into(),
                reason: REASON_DATE
            })
        );
    }

    #[test]
    fn a_file_for_another_slug_is_refused() {
        assert!(matches!(
            decode(&with("slug", json!("b"))),
            Err(DataError::SlugMismatch { .. })
        ));
        assert!(matches!(
            decode(&with("slug", json!("B!"))),
            Err(DataError::Invalid { .. })
        ));
    }

    #[test]
    fn malformed_known_blocks_are_refused_with_their_position() {
        let cases = [
            (json!(["text"]), "body[0]"),
            (json!([{ "text": "no type" }]), "body[0].type"),
            (json!([{ "type": "paragraph" }]), "body[0].text"),
            (json!([{ "type": "paragraph", "text": 5 }]), "body[0].text"),
            (
                json!([{ "type": "list", "items": ["a", 1] }]),
                "body[0].items[1]",
            ),
            (json!([{ "type": "figure" }]), "body[0]"),
            (
                json!([{ "type": "figure", "image": { "src": "javascript:alert(1)" } }]),
                "body[0].image.src",
            ),
            (
                json!([{ "type": "figure", "image": { "src": "/a.jpg", "width": -1 } }]),
                "body[0].image.width",
            ),
            (
                json!([{ "type": "figure", "image": { "src": "/a.jpg", "width": 1e300 } }]),
                "body[0].image.width",
            ),
            (
                json!([{ "type": "figure", "image": { "src": "/a.jpg", "height": 99999999999u64 } }]),
                "body[0].image.height",
            ),
        ];
        for (body, field) in cases {
            let err = decode(&with("body", body.clone())).unwrap_err();
            let named = match &err {
                DataError::Missing(f) | DataError::Empty(f) => f.clone(),
                DataError::WrongType { field, .. } | DataError::Invalid { field, .. } => {
                    field.clone()
                }
                other => panic!("{body}: unexpected {other:?}"),
            };
            assert_eq!(named, field, "{body}");
        }
    }

    #[test]
    fn an_article_with_no_content_is_refused_but_a_lead_alone_is_enough() {
        assert_eq!(decode(&with("body", json!([]))), Err(DataError::NoContent));
        let mut v = with("body", json!([]));
        v["lead"] = json!("Chỉ có sapo.");
        assert!(decode(&v).is_ok());
    }

    #[test]
    fn newer_schemas_are_refused_and_version_1_accepted() {
        assert!(decode(&with("schema", json!(1))).is_ok());
        assert_eq!(
            decode(&with("schema", json!(2))),
            Err(DataError::UnsupportedSchema("2".into()))
        );
        assert!(matches!(
            decode(&with("schema", json!("1"))),
            Err(DataError::WrongType { .. })
        ));
    }

    #[test]
    fn image_sources_must_be_same_site_or_https() {
        for ok in [
            "/a.jpg",
            "img/a.jpg",
            "https://cdn.example/a.jpg",
            "a.jpg?x=1:2",
        ] {
            assert!(valid_image_src(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:image/png;base64,AA",
            "//evil.example/a.jpg",
            "http://example.org/a.jpg",
            "vbscript:x",
            "https://",
            "",
            "a\u{0}b",
            "\\\\host\\a",
        ] {
            assert!(!valid_image_src(bad), "{bad:?}");
        }
    }

    // --- hostile text ---

    #[test]
    fn not_json_is_its_own_error() {
        for text in [
            "",
            "<!doctype html><html><body>index</body></html>",
            "{\"slug\":",
            "{'a':1}",
        ] {
            assert!(
                matches!(
                    Article::from_json(text, &slug("a")),
                    Err(DataError::NotJson(_))
                ),
                "{text}"
            );
        }
        for text in ["null", "[]", "\"x\"", "42"] {
            assert_eq!(
                Article::from_json(text, &slug("a")),
                Err(DataError::NotAnObject),
                "{text}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let text = format!("\u{feff}{}", minimal());
        assert!(Article::from_json(&text, &slug("a")).is_ok());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let depth = 100_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(matches!(
            Article::from_json(&text, &slug("a")),
            Err(DataError::NotJson(_))
        ));
        let mut v = minimal();
        let nested = format!("{}1{}", "{\"a\":".repeat(5000), "}".repeat(5000));
        v["extra"] = json!(null);
        let text = v.to_string().replace("null", &nested);
        assert!(matches!(
            Article::from_json(&text, &slug("a")),
            Err(DataError::NotJson(_))
        ));
    }

    #[test]
    fn oversized_files_are_refused_before_parsing() {
        let text = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(
            Article::from_json(&text, &slug("a")),
            Err(DataError::TooLarge(MAX_FILE_BYTES + 1))
        );
    }

    #[test]
    fn a_long_article_decodes() {
        let body: Vec<Value> = (0..5000)
            .map(|i| json!({ "type": "paragraph", "text": format!("Đoạn {i}: {}", "chữ ".repeat(40)) }))
            .collect();
        let a = decode(&with("body", Value::Array(body))).unwrap();
        assert_eq!(a.body.len(), 5000);
    }

    #[test]
    fn markup_and_odd_characters_are_kept_verbatim_as_text() {
        let hostile =
            "<script>alert(1)</script><img src=x onerror=alert(1)> \u{0} 🙂 مرحبا e\u{301}\u{323}";
        let a = decode(&with("title", json!(hostile))).unwrap();
        assert_eq!(a.title, hostile);
    }

    #[test]
    fn every_error_has_a_vietnamese_message() {
        let errors = [
            DataError::NotJson("x".into()),
            DataError::TooLarge(9 << 20),
            DataError::NotAnObject,
            DataError::UnsupportedSchema("2".into()),
            DataError::Missing("title".into()),
            DataError::WrongType {
                field: "title".into(),
                expected: "a string",
            },
            DataError::Empty("title".into()),
            DataError::Invalid {
                field: "published".into(),
                reason: REASON_DATE,
            },
            DataError::NoContent,
            DataError::SlugMismatch {
                expected: "a".into(),
                found: "b".into(),
            },
        ];
        for e in errors {
            let msg = e.message_vi();
            assert!(!msg.is_empty() && msg != e.to_string(), "{e:?}");
        }
        assert_eq!(
            DataError::Missing("title".into()).message_vi(),
            "thiếu trường “title”"
        );
    }

    // --- the index ---

    #[test]
    fn the_index_is_sorted_newest_first_and_skips_bad_entries() {
        let text = json!({ "articles": [
            { "slug": "cu", "title": "Cũ", "published": "2019-01-01" },
            { "slug": "BAD", "title": "x", "published": "2020-01-01" },
            { "slug": "moi", "title": "Mới", "published": "2021-05-02", "lead": "L", "author": "A" },
            "garbage",
            { "slug": "giua", "title": "Giữa", "published": "2020-06-30" }
        ]})
        .to_string();
        let index = ArticleIndex::from_json(&text).unwrap();
        let slugs: Vec<&str> = index.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["moi", "giua", "cu"]);
        assert_eq!(index.skipped, 2);
    }

    #[test]
    fn a_broken_index_is_refused() {
        assert!(matches!(
            ArticleIndex::from_json("<html>"),
            Err(DataError::NotJson(_))
        ));
        assert_eq!(
            ArticleIndex::from_json("{}"),
            Err(DataError::Missing("articles".into()))
        );
        assert_eq!(ArticleIndex::from_json("[]"), Err(DataError::NotAnObject));
    }

    // --- properties ---

    /// Property tests (host only: proptest is not built for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text with at least one visible character (blank texts are "absent").
        fn text() -> impl Strategy<Value = String> {
            "[^\\s\\p{C}][^\\p{C}]{0,40}"
        }

        fn arb_image() -> impl Strategy<Value = Image> {
            (
                prop_oneof![
                    "/img/[a-z]{1,10}\\.jpg",
                    "https://example\\.org/[a-z]{1,10}\\.png"
                ],
                "[^\\p{C}]{0,20}",
                proptest::option::of(1u32..=20_000),
                proptest::option::of(1u32..=20_000),
            )
                .prop_map(|(src, alt, width, height)| Image {
                    src,
                    alt,
                    width,
                    height,
                })
        }

        fn arb_block() -> impl Strategy<Value = Block> {
            prop_oneof![
                text().prop_map(|text| Block::Paragraph { text }),
                text().prop_map(|text| Block::Heading { text }),
                (text(), proptest::option::of(text()))
                    .prop_map(|(text, cite)| Block::Quote { text, cite }),
                (
                    any::<bool>(),
                    proptest::collection::vec("[^\\p{C}]{0,20}", 1..5)
                )
                    .prop_map(|(ordered, items)| Block::List { ordered, items }),
                (proptest::option::of(text()), arb_image()).prop_map(|(caption, image)| {
                    Block::Figure {
                        caption,
                        image: Some(image),
                    }
                }),
                text().prop_map(|c| Block::Figure {
                    caption: Some(c),
                    image: None
                }),
            ]
        }

        prop_compose! {
            fn arb_article()(
                slug in "[a-z0-9-]{1,40}",
                lang in prop_oneof![Just("vi".to_owned()), Just("en".to_owned()), Just("zh-Hant".to_owned())],
                title in text(),
                (y, m, d) in (1000u16..=9999, 1u8..=12, 1u8..=28),
                lead in proptest::option::of(text()),
                body in proptest::collection::vec(arb_block(), 1..8),
                author in proptest::option::of(text()),
            ) -> Article {
                Article {
                    slug: Slug::parse(&slug).unwrap(),
                    lang,
                    title,
                    published: Date::new(y, m, d).unwrap(),
                    lead,
                    body,
                    author,
                    skipped_blocks: 0,
                }
            }
        }

        /// Any JSON, biased towards the names the decoder looks for.
        fn arb_json() -> impl Strategy<Value = Value> {
            let key = prop_oneof![
                Just("type".to_owned()),
                Just("text".to_owned()),
                Just("slug".to_owned()),
                Just("title".to_owned()),
                Just("body".to_owned()),
                Just("image".to_owned()),
                Just("src".to_owned()),
                Just("items".to_owned()),
                Just("width".to_owned()),
                "[a-z]{0,6}",
            ];
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                any::<u64>().prop_map(Value::from),
                any::<f64>().prop_map(Value::from),
                prop_oneof![
                    Just("paragraph".to_owned()),
                    Just("figure".to_owned()),
                    Just("list".to_owned()),
                    ".{0,12}"
                ]
                .prop_map(Value::from),
            ];
            leaf.prop_recursive(6, 64, 8, move |inner| {
                prop_oneof![
                    proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
                    proptest::collection::btree_map(key.clone(), inner, 0..8)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

            #[test]
            fn any_text_decodes_or_errors_without_panicking(text in ".{0,400}") {
                let _ = Article::from_json(&text, &slug("a"));
                let _ = ArticleIndex::from_json(&text);
            }

            #[test]
            fn any_slug_that_parses_is_safe_in_a_path(raw in ".{0,50}") {
                if let Some(s) = Slug::parse(&raw) {
                    proptest::prop_assert!(!s.as_str().contains(['/', '.', '%', '?', '#']));
                }
            }

            #[test]
            fn any_valid_article_round_trips_through_the_file_format(a in arb_article()) {
                let text = a.to_json().to_string();
                proptest::prop_assert_eq!(Article::from_json(&text, &a.slug), Ok(a));
            }

            #[test]
            fn any_json_value_decodes_or_errors_without_panicking(v in arb_json()) {
                let text = v.to_string();
                let _ = Article::from_json(&text, &slug("a"));
                let _ = ArticleIndex::from_json(&text);
            }

            #[test]
            fn the_seed_with_any_field_replaced_never_panics(
                field in proptest::sample::select(vec!["slug", "lang", "title", "published", "lead", "body", "author", "schema"]),
                v in arb_json(),
            ) {
                let mut seed: Value = serde_json::from_str(SEED_FILE).unwrap();
                seed[field] = v;
                let _ = Article::from_json(&seed.to_string(), &slug(SEED_SLUG));
            }

            #[test]
            fn any_block_replaced_by_any_value_never_panics(v in arb_json()) {
                let mut seed: Value = serde_json::from_str(SEED_FILE).unwrap();
                seed["body"][0] = v;
                let _ = Article::from_json(&seed.to_string(), &slug(SEED_SLUG));
            }

            #[test]
            fn any_valid_date_round_trips(y in 1000u16..=9999, m in 1u8..=12, d in 1u8..=31) {
                if let Some(date) = Date::new(y, m, d) {
                    proptest::prop_assert_eq!(Date::parse_iso(&date.iso()), Some(date));
                }
            }
        }
    }
}
