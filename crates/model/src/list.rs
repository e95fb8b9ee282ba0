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
    /// Minutes to read it ([`crate::reading_time`]); search results, whose
    /// index does not say, have none.
    pub minutes: Option<u32>,
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
        if let Some(minutes) = self.minutes {
            map.insert("minutes".into(), minutes.into());
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
            minutes: f.opt_whole("minutes", crate::reading_time::MAX_MINUTES)?,
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

    /// Decodes `index.json`: `{"articles": [ {slug, title, published, lead?, author?, minutes?}, … ]}`.
    /// Invalid entries are skipped and counted; the rest are sorted newest
    /// first (then by title, so the order is stable).
    pub fn from_json(text: &str) -> Result<ArticleIndex, DataError> {
        let map = parse_object(text)?;
        let f = Fields::new(&map, "");
        check_schema(&f)?;
        ArticleIndex::entries(&f)
    }

    /// The `articles` array of a list file, each entry validated: the bad
    /// ones skipped and counted, the rest in the list's order.
    fn entries(f: &Fields) -> Result<ArticleIndex, DataError> {
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

/// How many articles a list page holds: `/` shows the newest, `/trang/2`
/// the next, and so on.
pub const PAGE_SIZE: usize = 20;
/// The most digits a page number in an address may have (100,000 articles
/// are 5,000 pages).
pub const MAX_PAGE_DIGITS: usize = 7;

/// One page of the article list, as its data file (`/trang/<n>.json`) holds
/// it: page 1 is the home page `/`, page `n` is `/trang/<n>`. Every page,
/// whatever the archive's size, is at most [`PAGE_SIZE`] entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPage {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has (at least 1: an empty archive has one
    /// empty page).
    pub pages: usize,
    /// How many articles the whole list has.
    pub total: usize,
    /// This page's entries, newest first.
    pub index: ArticleIndex,
}

impl ListPage {
    /// `index` cut into pages of [`PAGE_SIZE`], in its order; one empty
    /// page for an empty list.
    pub fn paginate(index: &ArticleIndex) -> Vec<ListPage> {
        let total = index.articles.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        (1..=pages)
            .map(|number| {
                let start = (number - 1) * PAGE_SIZE;
                let end = (start + PAGE_SIZE).min(total);
                ListPage {
                    number,
                    pages,
                    total,
                    index: ArticleIndex {
                        articles: index.articles[start..end].to_vec(),
                        skipped: 0,
                    },
                }
            })
            .collect()
    }

    /// The page's address: `/` for the first, `/trang/<n>` for the others.
    pub fn route(number: usize) -> String {
        match number {
            1 => "/".into(),
            n => format!("/trang/{n}"),
        }
    }

    /// Where page `number`'s data file is.
    pub fn data_url(number: usize) -> String {
        format!("/trang/{number}.json")
    }

    /// The page number an address segment names (`/trang/<segment>`): digits
    /// only, no leading zero, from 1. `0`, `01`, `abc`, `2.5`, `-1` and
    /// numbers of more than 7 digits name no page.
    pub fn number_in(segment: &str) -> Option<usize> {
        let digits = !segment.is_empty()
            && segment.len() <= MAX_PAGE_DIGITS
            && segment.bytes().all(|b| b.is_ascii_digit())
            && !segment.starts_with('0');
        digits.then(|| segment.parse().ok()).flatten()
    }

    /// The page of newer articles ("Trang trước"), if this is not the first.
    pub fn newer(&self) -> Option<usize> {
        (self.number > 1).then(|| self.number - 1)
    }

    /// The page of older articles ("Trang sau"), if this is not the last.
    pub fn older(&self) -> Option<usize> {
        (self.number < self.pages).then(|| self.number + 1)
    }

    /// The page's data file.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("schema".into(), SCHEMA_VERSION.into());
        map.insert("page".into(), self.number.into());
        map.insert("pages".into(), self.pages.into());
        map.insert("total".into(), self.total.into());
        map.insert(
            "articles".into(),
            self.index
                .articles
                .iter()
                .map(ArticleSummary::to_json)
                .collect(),
        );
        Value::Object(map)
    }

    /// Decodes page `expected`'s data file: `{"page", "pages", "total",
    /// "articles": [...]}`. A file for another page, or whose numbers do not
    /// add up, is refused; an entry that fails validation is skipped and
    /// counted, as in the whole list.
    pub fn from_json(text: &str, expected: usize) -> Result<ListPage, DataError> {
        let map = parse_object(text)?;
        let f = Fields::new(&map, "");
        check_schema(&f)?;
        let number = f.count("page")?;
        let pages = f.count("pages")?;
        let total = f.count("total")?;
        let out_of_range = |field: &str| DataError::Invalid {
            field: field.into(),
            reason: REASON_RANGE,
        };
        if number != expected || number == 0 {
            return Err(out_of_range("page"));
        }
        if pages < number {
            return Err(out_of_range("pages"));
        }
        let index = ArticleIndex::entries(&f)?;
        if total < index.articles.len() + index.skipped {
            return Err(out_of_range("total"));
        }
        Ok(ListPage {
            number,
            pages,
            total,
            index,
        })
    }
}
