//! The article list: newest first, bad entries skipped, a broken list refused.

mod common;
use common::*;

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

fn summaries(n: usize) -> ArticleIndex {
    // Three a day, so pages cut through days; ties ordered by title.
    let articles = (0..n)
        .map(|i| ArticleSummary {
            slug: Slug::parse(&format!("bai-{i}")).unwrap(),
            title: format!("Bài {i:06}"),
            published: Date::new(2020, 1, 1 + (i / 3 % 28) as u8).unwrap(),
            lead: None,
            author: None,
            minutes: Some(1 + (i % 7) as u32),
        })
        .collect();
    ArticleIndex::of(articles)
}

#[test]
fn pages_are_counted_from_the_oldest_and_the_home_page_holds_the_newest() {
    let index = summaries(45);
    let pages = ListPage::paginate(&index);
    let numbers: Vec<usize> = pages.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [HOME, 1, 2], "the home page, then the full pages");
    let sizes: Vec<usize> = pages.iter().map(|p| p.index.articles.len()).collect();
    assert_eq!(
        sizes,
        [25, 20, 20],
        "home: the 5 not in a full page and the newest page"
    );
    let newest_first =
        |range: std::ops::Range<usize>| -> Vec<ArticleSummary> { index.articles[range].to_vec() };
    assert_eq!(pages[0].index.articles, newest_first(0..25));
    assert_eq!(
        pages[1].index.articles,
        newest_first(25..45),
        "page 1: the 20 oldest"
    );
    assert_eq!(pages[2].index.articles, newest_first(5..25));
    let links: Vec<_> = pages.iter().map(|p| (p.newer, p.older)).collect();
    assert_eq!(
        links,
        [(None, Some(1)), (Some(HOME), None), (Some(HOME), Some(1))],
        "home leads to page 1; page 2 is on the home page, so both go back there"
    );
    assert_eq!(ListPage::paginate(&summaries(19)).len(), 1);
    assert_eq!(ListPage::paginate(&summaries(20)).len(), 2);
    assert_eq!(ListPage::paginate(&summaries(20))[0].older, None);
}

/// Every article exactly once, in the list's order, on the way from the home
/// page through "Trang sau" to the oldest page; and back through "Trang
/// trước".
#[test]
fn the_older_links_reach_every_article_once_and_the_newer_links_come_back() {
    for n in [0, 1, 19, 20, 21, 39, 40, 41, 59, 60, 61, 99, 100, 101, 333] {
        let index = summaries(n);
        let pages = ListPage::paginate(&index);
        let at = |number: usize| pages.iter().find(|p| p.number == number).unwrap();
        let mut seen = Vec::new();
        let mut path = vec![HOME];
        let mut page = at(HOME);
        loop {
            seen.extend(page.index.articles.clone());
            match page.older {
                Some(older) => {
                    let next = at(older);
                    assert_eq!(next.newer, Some(page.number), "{n}: {older} goes back");
                    path.push(older);
                    page = next;
                }
                None => break,
            }
        }
        assert_eq!(
            seen, index.articles,
            "{n} articles: every one once, in order"
        );
        assert!(pages
            .iter()
            .all(|p| p.number == HOME || p.index.articles.len() == PAGE_SIZE));
        assert!(pages.iter().all(|p| p.index.articles.len() < 2 * PAGE_SIZE));
        if n >= PAGE_SIZE {
            assert!(at(HOME).index.articles.len() >= PAGE_SIZE, "{n}: {path:?}");
        }
    }
}

/// The point of counting from the oldest: publishing an article changes the
/// home page, and when it fills a page, adds that page and changes one more:
/// the page two before it, whose "Trang trước" was the home page (the page
/// before it was there) and is now the page after it.
#[test]
fn publishing_an_article_changes_the_home_page_and_at_most_one_other() {
    let all = summaries(130);
    for n in 1..all.articles.len() {
        let before = ArticleIndex {
            articles: all.articles[all.articles.len() - n..].to_vec(),
            skipped: 0,
        };
        let after = ArticleIndex {
            articles: all.articles[all.articles.len() - n - 1..].to_vec(),
            skipped: 0,
        };
        let (before, after) = (ListPage::paginate(&before), ListPage::paginate(&after));
        let changed: Vec<usize> = after
            .iter()
            .filter(|page| !before.contains(page))
            .map(|page| page.number)
            .collect();
        let fills = (n + 1) % PAGE_SIZE == 0;
        let full = (n + 1) / PAGE_SIZE;
        let expected: Vec<usize> = match (fills, full) {
            (false, _) => vec![HOME],
            (true, k) if k < 3 => vec![HOME, k],
            (true, k) => vec![HOME, k - 2, k],
        };
        assert_eq!(changed, expected, "publishing article {}", n + 1);
    }
}

#[test]
fn an_empty_archive_has_one_empty_home_page() {
    let pages = ListPage::paginate(&ArticleIndex::default());
    assert_eq!(pages.len(), 1);
    assert_eq!(
        (pages[0].number, pages[0].newer, pages[0].older),
        (HOME, None, None)
    );
    assert!(pages[0].index.articles.is_empty());
}

#[test]
fn a_page_survives_its_data_file() {
    for page in ListPage::paginate(&summaries(85)) {
        let text = page.to_json().to_string();
        assert_eq!(
            ListPage::from_json(&text, page.number).unwrap(),
            page,
            "{text}"
        );
    }
}

#[test]
fn page_addresses() {
    assert_eq!(ListPage::route(HOME), "/");
    assert_eq!(ListPage::route(1), "/trang/1");
    assert_eq!(ListPage::route(2), "/trang/2");
    assert_eq!(ListPage::data_url(HOME), "/trang/moi-nhat.json");
    assert_eq!(ListPage::data_url(1), "/trang/1.json");
    assert_eq!(ListPage::number_in("2"), Some(2));
    assert_eq!(ListPage::number_in("1"), Some(1));
    assert_eq!(ListPage::number_in("9999999"), Some(9_999_999));
    for bad in [
        "", "0", "01", "abc", "2.5", "-1", "+2", " 2", "2a", "10000000", "٣", "moi-nhat",
    ] {
        assert_eq!(ListPage::number_in(bad), None, "{bad:?}");
    }
}

#[test]
fn a_wrong_or_inconsistent_page_file_is_refused() {
    let page = |v: serde_json::Value| ListPage::from_json(&v.to_string(), 2);
    let invalid = |field: &str| {
        Err(DataError::Invalid {
            field: field.into(),
            reason: "number out of range",
        })
    };
    assert!(page(json!({"page": 2, "newer": 3, "older": 1, "articles": []})).is_ok());
    assert!(page(json!({"page": 2, "newer": 0, "articles": []})).is_ok());
    assert_eq!(
        page(json!({"page": 3, "newer": 4, "articles": []})),
        invalid("page"),
        "another page's file"
    );
    assert_eq!(
        page(json!({"page": 2, "newer": 1, "articles": []})),
        invalid("newer"),
        "a newer page that is older"
    );
    assert_eq!(
        page(json!({"page": 2, "articles": []})),
        invalid("newer"),
        "a numbered page always has newer articles"
    );
    assert_eq!(
        page(json!({"page": 2, "newer": 3, "older": 2, "articles": []})),
        invalid("older")
    );
    assert_eq!(
        page(json!({"page": 2, "newer": 3, "older": 0, "articles": []})),
        invalid("older")
    );
    let home = |v: serde_json::Value| ListPage::from_json(&v.to_string(), HOME);
    assert!(home(json!({"page": 0, "older": 41, "articles": []})).is_ok());
    assert_eq!(
        home(json!({"page": 0, "newer": 3, "articles": []})),
        invalid("newer"),
        "nothing is newer than the home page"
    );
    assert_eq!(
        page(json!({"newer": 3, "articles": []})),
        Err(DataError::Missing("page".into()))
    );
    for bad in [json!("2"), json!(-2), json!(2.5)] {
        assert_eq!(
            page(json!({"page": bad, "newer": 3, "articles": []})),
            Err(DataError::WrongType {
                field: "page".into(),
                expected: "a whole number"
            })
        );
    }
    assert_eq!(
        page(json!({"page": 2, "newer": "3", "articles": []})),
        Err(DataError::WrongType {
            field: "newer".into(),
            expected: "a whole number"
        })
    );
    let skipped = page(json!({"page": 2, "newer": 3,
        "articles": ["x", {"slug": "a", "title": "A", "published": "2020-01-01"}]}))
    .unwrap();
    assert_eq!(
        (skipped.index.articles.len(), skipped.index.skipped),
        (1, 1)
    );
}

#[test]
fn an_entry_may_say_its_reading_time_and_a_bad_one_is_skipped() {
    let entry = |minutes: serde_json::Value| {
        let text = json!({ "articles": [
            { "slug": "bai", "title": "Bài", "published": "2021-05-02", "minutes": minutes },
        ]})
        .to_string();
        ArticleIndex::from_json(&text).unwrap()
    };
    assert_eq!(entry(json!(4)).articles[0].minutes, Some(4));
    for bad in [json!(0), json!(-1), json!(2.5), json!("4"), json!(100_001)] {
        let index = entry(bad.clone());
        assert_eq!((index.articles.len(), index.skipped), (0, 1), "{bad}");
    }
    let text =
        json!({ "articles": [{ "slug": "bai", "title": "Bài", "published": "2021-05-02" }] });
    let index = ArticleIndex::from_json(&text.to_string()).unwrap();
    assert_eq!(index.articles[0].minutes, None, "an older list without it");
    assert_eq!(
        entry(json!(null)).articles[0].minutes,
        None,
        "null is absent, as for every optional field"
    );
}
