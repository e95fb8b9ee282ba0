//! Hostile text: not JSON, BOMs, deep nesting, huge files, markup kept as text.

mod common;
use common::*;

#[test]
fn not_json_is_its_own_error() {
    for text in [
        "",
        "<!doctype html><html><body>index</body></html>",
        "{\"slug\":",
        "{'a':1}",
    ] {
        assert!(
            matches!(
                Article::from_json(text, &slug("a")),
                Err(DataError::NotJson(_))
            ),
            "{text}"
        );
    }
    for text in ["null", "[]", "\"x\"", "42"] {
        assert_eq!(
            Article::from_json(text, &slug("a")),
            Err(DataError::NotAnObject),
            "{text}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let text = format!("\u{feff}{}", minimal());
    assert!(Article::from_json(&text, &slug("a")).is_ok());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(matches!(
        Article::from_json(&text, &slug("a")),
        Err(DataError::NotJson(_))
    ));
    let mut v = minimal();
    let nested = format!("{}1{}", "{\"a\":".repeat(5000), "}".repeat(5000));
    v["extra"] = json!(null);
    let text = v.to_string().replace("null", &nested);
    assert!(matches!(
        Article::from_json(&text, &slug("a")),
        Err(DataError::NotJson(_))
    ));
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let text = " ".repeat(MAX_FILE_BYTES + 1);
    assert_eq!(
        Article::from_json(&text, &slug("a")),
        Err(DataError::TooLarge(MAX_FILE_BYTES + 1))
    );
}

#[test]
fn a_long_article_decodes() {
    let body: Vec<Value> = (0..5000)
        .map(|i| json!({ "type": "paragraph", "text": format!("Đoạn {i}: {}", "chữ ".repeat(40)) }))
        .collect();
    let a = decode(&with("body", Value::Array(body))).unwrap();
    assert_eq!(a.body.len(), 5000);
}

#[test]
fn markup_and_odd_characters_are_kept_verbatim_as_text() {
    let hostile =
        "<script>alert(1)</script><img src=x onerror=alert(1)> \u{0} 🙂 مرحبا e\u{301}\u{323}";
    let a = decode(&with("title", json!(hostile))).unwrap();
    assert_eq!(a.title, hostile);
}

#[test]
fn every_error_has_a_vietnamese_message() {
    let errors = [
        DataError::NotJson("x".into()),
        DataError::TooLarge(9 << 20),
        DataError::NotAnObject,
        DataError::UnsupportedSchema("2".into()),
        DataError::Missing("title".into()),
        DataError::WrongType {
            field: "title".into(),
            expected: "a string",
        },
        DataError::Empty("title".into()),
        DataError::Invalid {
            field: "published".into(),
            reason: "expected YYYY-MM-DD",
        },
        DataError::NoContent,
        DataError::SlugMismatch {
            expected: "a".into(),
            found: "b".into(),
        },
    ];
    for e in errors {
        let msg = e.message_vi();
        assert!(!msg.is_empty() && msg != e.to_string(), "{e:?}");
    }
    assert_eq!(
        DataError::Missing("title".into()).message_vi(),
        "thiếu trường “title”"
    );
}
