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
fn the_list_is_cut_into_pages_of_twenty_in_its_order() {
    let index = summaries(45);
    let pages = ListPage::paginate(&index);
    assert_eq!(pages.len(), 3);
    assert_eq!(
        pages
            .iter()
            .map(|p| p.index.articles.len())
            .collect::<Vec<_>>(),
        [20, 20, 5]
    );
    let again: Vec<ArticleSummary> = pages
        .iter()
        .flat_map(|p| p.index.articles.clone())
        .collect();
    assert_eq!(
        again, index.articles,
        "every article once, in the list's order"
    );
    assert!(pages.iter().all(|p| p.pages == 3 && p.total == 45));
    assert_eq!((pages[0].newer(), pages[0].older()), (None, Some(2)));
    assert_eq!((pages[1].newer(), pages[1].older()), (Some(1), Some(3)));
    assert_eq!((pages[2].newer(), pages[2].older()), (Some(2), None));
    assert_eq!(ListPage::paginate(&summaries(20)).len(), 1);
    assert_eq!(ListPage::paginate(&summaries(21)).len(), 2);
}

#[test]
fn an_empty_archive_has_one_empty_page() {
    let pages = ListPage::paginate(&ArticleIndex::default());
    assert_eq!(pages.len(), 1);
    assert_eq!((pages[0].number, pages[0].pages, pages[0].total), (1, 1, 0));
    assert_eq!((pages[0].newer(), pages[0].older()), (None, None));
}

#[test]
fn a_page_survives_its_data_file() {
    for page in ListPage::paginate(&summaries(45)) {
        let text = page.to_json().to_string();
        assert_eq!(ListPage::from_json(&text, page.number).unwrap(), page);
    }
}

#[test]
fn page_addresses() {
    assert_eq!(ListPage::route(1), "/");
    assert_eq!(ListPage::route(2), "/trang/2");
    assert_eq!(ListPage::data_url(1), "/trang/1.json");
    assert_eq!(ListPage::number_in("2"), Some(2));
    assert_eq!(ListPage::number_in("1"), Some(1));
    assert_eq!(ListPage::number_in("9999999"), Some(9_999_999));
    for bad in [
        "", "0", "01", "abc", "2.5", "-1", "+2", " 2", "2a", "10000000", "٣",
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
    let ok = json!({"page": 2, "pages": 3, "total": 41, "articles": []});
    assert!(page(ok).is_ok());
    assert_eq!(
        page(json!({"page": 3, "pages": 3, "total": 41, "articles": []})),
        invalid("page"),
        "another page's file"
    );
    assert_eq!(
        page(json!({"page": 2, "pages": 1, "total": 41, "articles": []})),
        invalid("pages")
    );
    assert_eq!(
        page(json!({"page": 2, "pages": 3, "total": 0,
            "articles": [{"slug": "a", "title": "A", "published": "2020-01-01"}]})),
        invalid("total")
    );
    assert_eq!(
        page(json!({"pages": 3, "total": 41, "articles": []})),
        Err(DataError::Missing("page".into()))
    );
    assert_eq!(
        page(json!({"page": "2", "pages": 3, "total": 41, "articles": []})),
        Err(DataError::WrongType {
            field: "page".into(),
            expected: "a whole number"
        })
    );
    assert_eq!(
        page(json!({"page": -2, "pages": 3, "total": 41, "articles": []})),
        Err(DataError::WrongType {
            field: "page".into(),
            expected: "a whole number"
        })
    );
    let skipped = page(json!({"page": 2, "pages": 3, "total": 41,
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
