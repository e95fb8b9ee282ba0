//! An article and its body blocks: the types, decoding and encoding.

use crate::decode::*;
use crate::error::*;
use crate::*;
use serde_json::{Map, Value};

pub use crate::photo::Image;

/// One block of an article's body. Every text is plain text, rendered as text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
            minutes: Some(self.reading_minutes()),
        }
    }

    /// Minutes to read the lead and the body ([`crate::reading_time`]).
    pub fn reading_minutes(&self) -> u32 {
        use crate::reading_time::{minutes, words};
        let lead = self.lead.as_deref().map_or(0, words);
        let body: usize = self
            .body
            .iter()
            .map(|block| match block {
                Block::Paragraph { text } | Block::Heading { text } => words(text),
                Block::Quote { text, cite } => words(text) + cite.as_deref().map_or(0, words),
                Block::List { items, .. } => items.iter().map(|i| words(i)).sum(),
                Block::Figure { caption, .. } => caption.as_deref().map_or(0, words),
            })
            .sum();
        minutes(lead + body)
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
                if let Some(image) = image {
                    put("image", image.to_json());
                } else {
                    // As the shipped files write it: a figure whose photo
                    // did not come with the text says so.
                    put("image", Value::Null);
                }
            }
        }
        Value::Object(map)
    }
}
