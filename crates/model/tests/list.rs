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
