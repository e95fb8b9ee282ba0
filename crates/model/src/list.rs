//! The article list (`index.json`): entries, newest first; bad entries are
//! skipped and counted.

use crate::decode::*;
use crate::error::*;
use crate::*;
use serde_json::Value;

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
