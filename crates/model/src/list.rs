//! The article list (`index.json`): entries, newest first; bad entries are
//! skipped and counted.

use crate::decode::*;
use crate::error::*;
use crate::*;
use serde_json::{Map, Value};

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

impl ArticleSummary {
    /// The entry in the list file's format (the key order of the shipped file
    /// where the map keeps order).
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("slug".into(), self.slug.as_str().into());
        map.insert("title".into(), self.title.clone().into());
        map.insert("published".into(), self.published.iso().into());
        if let Some(lead) = &self.lead {
            map.insert("lead".into(), lead.clone().into());
        }
        if let Some(author) = &self.author {
            map.insert("author".into(), author.clone().into());
        }
        Value::Object(map)
    }

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
    /// The list of `articles` as the app shows it: newest first, and on the
    /// same day by title, then by address, so the order never depends on the
    /// order the files were read in.
    pub fn of(mut articles: Vec<ArticleSummary>) -> ArticleIndex {
        articles.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        ArticleIndex {
            articles,
            skipped: 0,
        }
    }

    /// The list file (`index.json`, schema 1).
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("schema".into(), SCHEMA_VERSION.into());
        map.insert(
            "articles".into(),
            self.articles.iter().map(ArticleSummary::to_json).collect(),
        );
        Value::Object(map)
    }

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
        let skipped = index.skipped;
        Ok(ArticleIndex {
            skipped,
            ..ArticleIndex::of(index.articles)
        })
    }
}
