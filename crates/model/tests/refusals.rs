//! Refusals, each naming the field.

mod common;
use common::*;

#[test]
fn missing_required_fields_are_named() {
    for field in ["slug", "title", "published", "body"] {
        assert_eq!(
            decode(&without(field)),
            Err(DataError::Missing(field.into())),
            "{field}"
        );
    }
}

#[test]
fn null_required_fields_count_as_missing() {
    assert_eq!(
        decode(&with("title", Value::Null)),
        Err(DataError::Missing("title".into()))
    );
}

#[test]
fn wrong_types_in_every_field_are_refused() {
    let wrong_values = [json!(1), json!(true), json!([]), json!({}), json!(1.5)];
    for field in ["slug", "title", "published", "lead", "author", "lang"] {
        for v in &wrong_values {
            let err = decode(&with(field, v.clone())).unwrap_err();
            assert_eq!(
                err,
                DataError::WrongType {
                    field: field.into(),
                    expected: "a string"
                },
                "{field} = {v}"
            );
        }
    }
    for v in [json!("x"), json!(1), json!({})] {
        assert!(matches!(
            decode(&with("body", v)),
            Err(DataError::WrongType { .. })
        ));
    }
}

#[test]
fn blank_title_is_refused() {
    assert_eq!(
        decode(&with("title", json!("  \n "))),
        Err(DataError::Empty("title".into()))
    );
}

#[test]
fn a_bad_date_is_refused() {
    assert_eq!(
        decode(&with("published", json!("21/08/2020"))),
        Err(DataError::Invalid {
            field: "published".into(),
            reason: "expected YYYY-MM-DD"
        })
    );
}

#[test]
fn a_file_for_another_slug_is_refused() {
    assert!(matches!(
        decode(&with("slug", json!("b"))),
        Err(DataError::SlugMismatch { .. })
    ));
    assert!(matches!(
        decode(&with("slug", json!("B!"))),
        Err(DataError::Invalid { .. })
    ));
}

#[test]
fn malformed_known_blocks_are_refused_with_their_position() {
    let cases = [
        (json!(["text"]), "body[0]"),
        (json!([{ "text": "no type" }]), "body[0].type"),
        (json!([{ "type": "paragraph" }]), "body[0].text"),
        (json!([{ "type": "paragraph", "text": 5 }]), "body[0].text"),
        (
            json!([{ "type": "list", "items": ["a", 1] }]),
            "body[0].items[1]",
        ),
        (json!([{ "type": "figure" }]), "body[0]"),
        (
            json!([{ "type": "figure", "image": { "src": "javascript:alert(1)" } }]),
            "body[0].image.src",
        ),
        (
            json!([{ "type": "figure", "image": { "src": "/a.jpg", "width": -1 } }]),
            "body[0].image.width",
        ),
        (
            json!([{ "type": "figure", "image": { "src": "/a.jpg", "width": 1e300 } }]),
            "body[0].image.width",
        ),
        (
            json!([{ "type": "figure", "image": { "src": "/a.jpg", "height": 99999999999u64 } }]),
            "body[0].image.height",
        ),
    ];
    for (body, field) in cases {
        let err = decode(&with("body", body.clone())).unwrap_err();
        let named = match &err {
            DataError::Missing(f) | DataError::Empty(f) => f.clone(),
            DataError::WrongType { field, .. } | DataError::Invalid { field, .. } => field.clone(),
            other => panic!("{body}: unexpected {other:?}"),
        };
        assert_eq!(named, field, "{body}");
    }
}

#[test]
fn an_article_with_no_content_is_refused_but_a_lead_alone_is_enough() {
    assert_eq!(decode(&with("body", json!([]))), Err(DataError::NoContent));
    let mut v = with("body", json!([]));
    v["lead"] = json!("Chỉ có sapo.");
    assert!(decode(&v).is_ok());
}

#[test]
fn newer_schemas_are_refused_and_version_1_accepted() {
    assert!(decode(&with("schema", json!(1))).is_ok());
    assert_eq!(
        decode(&with("schema", json!(2))),
        Err(DataError::UnsupportedSchema("2".into()))
    );
    assert!(matches!(
        decode(&with("schema", json!("1"))),
        Err(DataError::WrongType { .. })
    ));
}

#[test]
fn image_sources_must_be_same_site_or_https() {
    for ok in [
        "/a.jpg",
        "img/a.jpg",
        "https://cdn.example/a.jpg",
        "a.jpg?x=1:2",
    ] {
        assert!(valid_image_src(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:image/png;base64,AA",
        "//evil.example/a.jpg",
        "http://example.org/a.jpg",
        "vbscript:x",
        "https://",
        "",
        "a\u{0}b",
        "\\\\host\\a",
    ] {
        assert!(!valid_image_src(bad), "{bad:?}");
    }
}
