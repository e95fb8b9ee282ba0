//! Slugs: only lowercase ASCII, digits and hyphens; routes and data URLs.

mod common;
use common::*;

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
