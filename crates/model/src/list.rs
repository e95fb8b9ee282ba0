//! The article list (`index.json`): entries, newest first; bad entries are
//! skipped and counted.

use crate::decode::*;
use crate::error::*;
use crate::*;
use serde_json::{Map, Value};

/// One entry of the article list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
#[derive(Clone, Debug, PartialEq, Eq, Default, Hash)]
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

/// How many articles a numbered list page holds.
pub const PAGE_SIZE: usize = 20;
/// The most digits a page number in an address may have (100,000 articles
/// are 5,000 pages).
pub const MAX_PAGE_DIGITS: usize = 7;
/// The home page's number among the list pages: `/`, the newest articles.
/// The numbered pages `/trang/<k>` count from 1, the oldest.
pub const HOME: usize = 0;
/// The home page's data file (a numbered page's is `/trang/<k>.json`).
pub const HOME_DATA: &str = "/trang/moi-nhat.json";

/// One page of the article list, as its data file holds it.
///
/// The numbered pages are counted from the **oldest** article: `/trang/1`
/// holds the 20 oldest, `/trang/2` the next 20, and so on, each newest
/// first. A page is only made once it is full, and then never changes but
/// for its "newer" link, once: publishing an article (newer than the rest)
/// changes the home page alone, and only when it fills a page is a page
/// added. The home page `/` holds the newest articles: those not yet in a
/// full page (fewer than [`PAGE_SIZE`]) and the newest full page, so from 20
/// to 39 once the archive has 20, and "Trang sau" leads to the page before
/// that one. Every article is on exactly one page of the chain from `/` to
/// `/trang/1`; the newest full page is also at its own address, for links
/// that were made to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ListPage {
    /// [`HOME`], or the page's number from the oldest (1, 2, …).
    pub number: usize,
    /// The page of newer articles ("Trang trước"): [`HOME`] or a number;
    /// none on the home page.
    pub newer: Option<usize>,
    /// The page of older articles ("Trang sau"), if any.
    pub older: Option<usize>,
    /// This page's entries, newest first.
    pub index: ArticleIndex,
}

impl ListPage {
    /// `index` (newest first) as its list pages: the home page first, then
    /// the full pages from the oldest, `/trang/1`. An empty list is one
    /// empty home page.
    pub fn paginate(index: &ArticleIndex) -> Vec<ListPage> {
        let articles = &index.articles;
        let total = articles.len();
        let full = total / PAGE_SIZE;
        // Page k's articles: positions [(k-1)·20, k·20) from the oldest.
        let entries = |start: usize, end: usize| ArticleIndex {
            articles: articles[start..end].to_vec(),
            skipped: 0,
        };
        let open = total - full * PAGE_SIZE;
        let on_home = if full > 0 { open + PAGE_SIZE } else { open };
        let mut pages = vec![ListPage {
            number: HOME,
            newer: None,
            older: full.checked_sub(1).filter(|&k| k > 0),
            index: entries(0, on_home),
        }];
        pages.extend((1..=full).map(|k| ListPage {
            number: k,
            // The newest full page is on the home page, and so is the next.
            newer: Some(if k + 1 >= full { HOME } else { k + 1 }),
            older: (k > 1).then(|| k - 1),
            index: entries(total - k * PAGE_SIZE, total - (k - 1) * PAGE_SIZE),
        }));
        pages
    }

    /// The page's address: `/` for the home page, `/trang/<k>` for the others.
    pub fn route(number: usize) -> String {
        match number {
            HOME => "/".into(),
            k => format!("/trang/{k}"),
        }
    }

    /// Where page `number`'s data file is.
    pub fn data_url(number: usize) -> String {
        match number {
            HOME => HOME_DATA.into(),
            k => format!("/trang/{k}.json"),
        }
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

    /// The page's data file: `newer` is 0 for the home page.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("schema".into(), SCHEMA_VERSION.into());
        map.insert("page".into(), self.number.into());
        if let Some(newer) = self.newer {
            map.insert("newer".into(), newer.into());
        }
        if let Some(older) = self.older {
            map.insert("older".into(), older.into());
        }
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

    /// Decodes page `expected`'s data file: `{"page", "newer"?, "older"?,
    /// "articles": [...]}`. A file for another page, or whose links go the
    /// wrong way (a newer page that is older, a numbered page with no
    /// newer one, a home page with one), is refused; an entry that fails
    /// validation is skipped and counted, as in the whole list.
    pub fn from_json(text: &str, expected: usize) -> Result<ListPage, DataError> {
        let map = parse_object(text)?;
        let f = Fields::new(&map, "");
        check_schema(&f)?;
        let number = f.count("page")?;
        let link = |key: &str| match f.get(key) {
            None => Ok(None),
            Some(_) => f.count(key).map(Some),
        };
        let (newer, older) = (link("newer")?, link("older")?);
        let out_of_range = |field: &str| DataError::Invalid {
            field: field.into(),
            reason: REASON_RANGE,
        };
        if number != expected {
            return Err(out_of_range("page"));
        }
        let newer_right = match (number, newer) {
            (HOME, None) => true,
            (HOME, Some(_)) | (_, None) => false,
            (_, Some(n)) => n == HOME || n > number,
        };
        if !newer_right {
            return Err(out_of_range("newer"));
        }
        if older.is_some_and(|o| o == HOME || (number != HOME && o >= number)) {
            return Err(out_of_range("older"));
        }
        Ok(ListPage {
            number,
            newer,
            older,
            index: ArticleIndex::entries(&f)?,
        })
    }
}
