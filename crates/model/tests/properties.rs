//! Property tests: any text decodes or errors without panicking; valid
//! articles round-trip through the file format.

mod common;
use bantin_model::{Copies, PhotoFormat};
use common::*;
use proptest::prelude::*;

/// Text with at least one visible character (blank texts are "absent").
fn text() -> impl Strategy<Value = String> {
    "[^\\s\\p{C}][^\\p{C}]{0,40}"
}

fn arb_image() -> impl Strategy<Value = Image> {
    (
        prop_oneof![
            "/img/[a-z]{1,10}\\.jpg",
            "https://example\\.org/[a-z]{1,10}\\.png"
        ],
        "[^\\p{C}]{0,20}",
        proptest::option::of(1u32..=20_000),
        proptest::option::of(1u32..=20_000),
        proptest::option::of(arb_copies()),
    )
        .prop_map(|(src, alt, width, height, copies)| Image {
            src,
            alt,
            width,
            height,
            copies,
        })
}

fn arb_copies() -> impl Strategy<Value = Copies> {
    (
        "/anh(/[a-z0-9_-]{1,12}){1,2}",
        "[0-9a-f]{8,64}",
        proptest::collection::btree_set(1u32..=20_000, 1..=8),
        proptest::bool::ANY,
    )
        .prop_map(|(path, hash, widths, avif)| Copies {
            path,
            hash,
            widths: widths.into_iter().collect(),
            formats: if avif {
                vec![PhotoFormat::Avif, PhotoFormat::Jpeg]
            } else {
                vec![PhotoFormat::Jpeg]
            },
        })
}

fn arb_block() -> impl Strategy<Value = Block> {
    prop_oneof![
        text().prop_map(|text| Block::Paragraph { text }),
        text().prop_map(|text| Block::Heading { text }),
        (text(), proptest::option::of(text())).prop_map(|(text, cite)| Block::Quote { text, cite }),
        (
            any::<bool>(),
            proptest::collection::vec("[^\\p{C}]{0,20}", 1..5)
        )
            .prop_map(|(ordered, items)| Block::List { ordered, items }),
        (proptest::option::of(text()), arb_image()).prop_map(|(caption, image)| {
            Block::Figure {
                caption,
                image: Some(image),
            }
        }),
        text().prop_map(|c| Block::Figure {
            caption: Some(c),
            image: None
        }),
    ]
}

prop_compose! {
    fn arb_article()(
        slug in "[a-z0-9-]{1,40}",
        lang in prop_oneof![Just("vi".to_owned()), Just("en".to_owned()), Just("zh-Hant".to_owned())],
        title in text(),
        (y, m, d) in (1000u16..=9999, 1u8..=12, 1u8..=28),
        lead in proptest::option::of(text()),
        body in proptest::collection::vec(arb_block(), 1..8),
        author in proptest::option::of(text()),
    ) -> Article {
        Article {
            slug: Slug::parse(&slug).unwrap(),
            lang,
            title,
            published: Date::new(y, m, d).unwrap(),
            lead,
            body,
            author,
            skipped_blocks: 0,
        }
    }
}

/// Any JSON, biased towards the names the decoder looks for.
fn arb_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("type".to_owned()),
        Just("text".to_owned()),
        Just("slug".to_owned()),
        Just("title".to_owned()),
        Just("body".to_owned()),
        Just("image".to_owned()),
        Just("src".to_owned()),
        Just("items".to_owned()),
        Just("width".to_owned()),
        "[a-z]{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop_oneof![
            Just("paragraph".to_owned()),
            Just("figure".to_owned()),
            Just("list".to_owned()),
            ".{0,12}"
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            proptest::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_decodes_or_errors_without_panicking(text in ".{0,400}") {
        let _ = Article::from_json(&text, &slug("a"));
        let _ = ArticleIndex::from_json(&text);
    }

    #[test]
    fn any_slug_that_parses_is_safe_in_a_path(raw in ".{0,50}") {
        if let Some(s) = Slug::parse(&raw) {
            proptest::prop_assert!(!s.as_str().contains(['/', '.', '%', '?', '#']));
        }
    }

    #[test]
    fn any_valid_article_round_trips_through_the_file_format(a in arb_article()) {
        let text = a.to_json().to_string();
        proptest::prop_assert_eq!(Article::from_json(&text, &a.slug), Ok(a));
    }

    #[test]
    fn any_json_value_decodes_or_errors_without_panicking(v in arb_json()) {
        let text = v.to_string();
        let _ = Article::from_json(&text, &slug("a"));
        let _ = ArticleIndex::from_json(&text);
    }

    #[test]
    fn the_seed_with_any_field_replaced_never_panics(
        field in proptest::sample::select(vec!["slug", "lang", "title", "published", "lead", "body", "author", "schema"]),
        v in arb_json(),
    ) {
        let mut seed: Value = serde_json::from_str(SEED_FILE).unwrap();
        seed[field] = v;
        let _ = Article::from_json(&seed.to_string(), &slug(SEED_SLUG));
    }

    #[test]
    fn any_block_replaced_by_any_value_never_panics(v in arb_json()) {
        let mut seed: Value = serde_json::from_str(SEED_FILE).unwrap();
        seed["body"][0] = v;
        let _ = Article::from_json(&seed.to_string(), &slug(SEED_SLUG));
    }

    #[test]
    fn any_valid_date_round_trips(y in 1000u16..=9999, m in 1u8..=12, d in 1u8..=31) {
        if let Some(date) = Date::new(y, m, d) {
            proptest::prop_assert_eq!(Date::parse_iso(&date.iso()), Some(date));
        }
    }
}
