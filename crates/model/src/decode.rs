//! Decoding helpers: typed access to a JSON object's fields with errors
//! that name each field by its path.

use crate::error::*;
use crate::*;
use serde_json::{Map, Value};

/// Parses text into a JSON object map. A leading byte-order mark is dropped
/// (some editors write one); serde_json's recursion limit refuses deep nesting
/// with an error instead of exhausting the stack.
pub(crate) fn parse_object(text: &str) -> Result<Map<String, Value>, DataError> {
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
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(map: &'a Map<String, Value>, path: impl Into<String>) -> Self {
        Fields {
            map,
            path: path.into(),
        }
    }

    pub(crate) fn name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// A field that may be absent or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub(crate) fn wrong(&self, key: &str, expected: &'static str) -> DataError {
        DataError::WrongType {
            field: self.name(key),
            expected,
        }
    }

    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<&'a str>, DataError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(self.wrong(key, "a string")),
        }
    }

    /// A string that must be present (and, trimmed, not empty).
    pub(crate) fn req_text(&self, key: &str) -> Result<String, DataError> {
        let s = self
            .opt_str(key)?
            .ok_or_else(|| DataError::Missing(self.name(key)))?;
        if s.trim().is_empty() {
            return Err(DataError::Empty(self.name(key)));
        }
        Ok(s.to_owned())
    }

    /// An optional text; blank counts as absent.
    pub(crate) fn opt_text(&self, key: &str) -> Result<Option<String>, DataError> {
        Ok(self
            .opt_str(key)?
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned))
    }

    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>, DataError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(key, "a boolean")),
        }
    }

    pub(crate) fn opt_dimension(&self, key: &str) -> Result<Option<u32>, DataError> {
        self.opt_whole(key, MAX_IMAGE_DIMENSION)
    }

    /// An optional whole number from 1 to `max`.
    pub(crate) fn opt_whole(&self, key: &str, max: u64) -> Result<Option<u32>, DataError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) if (1..=max).contains(&v) => Ok(u32::try_from(v).ok()),
                Some(_) => Err(DataError::Invalid {
                    field: self.name(key),
                    reason: REASON_RANGE,
                }),
                None => Err(self.wrong(key, "a whole number")),
            },
            Some(_) => Err(self.wrong(key, "a whole number")),
        }
    }

    /// A whole number that must be present (a count or a page number).
    pub(crate) fn count(&self, key: &str) -> Result<usize, DataError> {
        match self.get(key) {
            None => Err(DataError::Missing(self.name(key))),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|v| usize::try_from(v).ok())
                .ok_or_else(|| self.wrong(key, "a whole number")),
            Some(_) => Err(self.wrong(key, "a whole number")),
        }
    }

    pub(crate) fn req_array(&self, key: &str) -> Result<&'a Vec<Value>, DataError> {
        match self.get(key) {
            None => Err(DataError::Missing(self.name(key))),
            Some(Value::Array(a)) => Ok(a),
            Some(_) => Err(self.wrong(key, "an array")),
        }
    }

    pub(crate) fn slug(&self, key: &str) -> Result<Slug, DataError> {
        let raw = self.req_text(key)?;
        Slug::parse(&raw).ok_or(DataError::Invalid {
            field: self.name(key),
            reason: REASON_SLUG,
        })
    }

    pub(crate) fn date(&self, key: &str) -> Result<Date, DataError> {
        let raw = self.req_text(key)?;
        Date::parse_iso(&raw).ok_or(DataError::Invalid {
            field: self.name(key),
            reason: REASON_DATE,
        })
    }
}

pub(crate) fn check_schema(fields: &Fields) -> Result<(), DataError> {
    match fields.get("schema") {
        None => Ok(()),
        Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION) => Ok(()),
        Some(Value::Number(n)) if n.as_u64().is_some() => {
            Err(DataError::UnsupportedSchema(n.to_string()))
        }
        Some(_) => Err(fields.wrong("schema", "a whole number")),
    }
}

pub(crate) fn valid_lang(tag: &str) -> bool {
    (1..=35).contains(&tag.len())
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !tag.starts_with('-')
}

/// A same-site path (`/img/a.jpg`, `img/a.jpg`) or an `https:` URL. Refuses
/// `javascript:`, `data:`, protocol-relative `//host` and everything else.
pub fn valid_image_src(src: &str) -> bool {
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

/// `Ok(None)` for a block whose type this version does not know.
pub(crate) fn decode_block(value: &Value, index: usize) -> Result<Option<Block>, DataError> {
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
                Some(v) => Some(crate::photo::decode_image(v, &f.name("image"))?),
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
