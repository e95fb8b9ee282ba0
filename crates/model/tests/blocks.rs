//! Every block kind, and unknown kinds skipped with a count.

mod common;
use common::*;

#[test]
fn every_block_kind_decodes() {
    let v = with(
        "body",
        json!([
            { "type": "heading", "text": "Mục" },
            { "type": "quote", "text": "Trích", "cite": "Ai đó" },
            { "type": "list", "ordered": true, "items": ["một", "hai"] },
            { "type": "figure", "caption": "Ảnh", "image": { "src": "/img/a.jpg", "alt": "Mô tả", "width": 800, "height": 600 } },
            { "type": "figure", "image": { "src": "https://example.org/b.png" } }
        ]),
    );
    let a = decode(&v).unwrap();
    assert_eq!(
        a.body,
        vec![
            Block::Heading {
                text: "Mục".into()
            },
            Block::Quote {
                text: "Trích".into(),
                cite: Some("Ai đó".into())
            },
            Block::List {
                ordered: true,
                items: vec!["một".into(), "hai".into()]
            },
            Block::Figure {
                caption: Some("Ảnh".into()),
                image: Some(Image {
                    src: "/img/a.jpg".into(),
                    alt: "Mô tả".into(),
                    width: Some(800),
                    height: Some(600),
                    copies: None
                }),
            },
            Block::Figure {
                caption: None,
                image: Some(Image {
                    src: "https://example.org/b.png".into(),
                    alt: String::new(),
                    width: None,
                    height: None,
                    copies: None
                }),
            },
        ]
    );
}

#[test]
fn unknown_block_types_are_skipped_and_counted() {
    let v = with(
        "body",
        json!([{ "type": "video", "src": "x" }, { "type": "paragraph", "text": "ở lại" }, { "type": "poll" }]),
    );
    let a = decode(&v).unwrap();
    assert_eq!(
        a.body,
        vec![Block::Paragraph {
            text: "ở lại".into()
        }]
    );
    assert_eq!(a.skipped_blocks, 2);
}
