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

#[test]
fn a_title_folds_to_its_slug() {
    let slug = |t: &str| Slug::from_title(t).map(|s| s.as_str().to_owned());
    assert_eq!(
        slug("Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước").as_deref(),
        Some("thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc")
    );
    assert_eq!(
        slug("ĐƯỜNG DÂY 500kV: “Lồng Tồng” — Đồng Hỷ!").as_deref(),
        Some("duong-day-500kv-long-tong-dong-hy")
    );
    assert_eq!(slug("  --Ơn   nghĩa--  ").as_deref(), Some("on-nghia"));
    assert_eq!(slug("“…” — !"), None, "nothing left of the title");
    assert_eq!(slug(""), None);
}

#[test]
fn a_long_title_is_cut_at_a_hyphen_within_the_limit() {
    let title = "Thi đua yêu nước ".repeat(40);
    let slug = Slug::from_title(&title).unwrap();
    assert!(slug.as_str().len() <= bantin_model::MAX_SLUG_LEN);
    assert!(
        slug.as_str()
            .split('-')
            .all(|w| ["thi", "dua", "yeu", "nuoc"].contains(&w)),
        "cut between words: {slug}"
    );
    let suffixed = slug.with_suffix(12);
    assert!(suffixed.as_str().len() <= bantin_model::MAX_SLUG_LEN);
    assert!(suffixed.as_str().ends_with("-12"));
    assert_eq!(Slug::parse(suffixed.as_str()), Some(suffixed.clone()));
}

#[test]
fn folding_takes_every_vietnamese_mark_and_d_bar() {
    assert_eq!(
        bantin_model::fold("Lồng Tồng, LONG TONG, đường dây, Đồng"),
        "Long Tong, LONG TONG, duong day, Dong"
    );
    assert_eq!(
        bantin_model::fold("ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ỷỹỵ"),
        "aaaaa aaaaa eeeee ooooo ooooo uuuuu yyy"
    );
}

#[test]
fn the_searchable_form_keeps_minimal_pairs_apart_and_folds_like_the_text() {
    use bantin_model::{fold, searchable};
    // Told apart as typed: what Pagefind ranks by.
    let pairs = [
        "đường",
        "dương",
        "đương",
        "dường",
        "Bắc Kạn",
        "bắc cạn",
        "Ba Bể",
        "bà bé",
    ];
    for (i, a) in pairs.iter().enumerate() {
        for b in &pairs[i + 1..] {
            assert_ne!(searchable(a), searchable(b), "{a} / {b}");
        }
    }
    // Without its marks, what Pagefind finds by: as the text folds.
    for text in ["Đường dây Đồng Hỷ", "đương nhiên", "Lồng Tồng"] {
        assert_eq!(fold(&searchable(text)), fold(text), "{text}");
    }
    assert_eq!(searchable("Đường đi"), "Ďường ďi");
    assert_eq!(searchable("Ba Bể"), "Ba Bể", "only đ changes");
}
