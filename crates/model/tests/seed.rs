//! The shipped seed article and list, and the design card's example.

mod common;
use common::*;

#[test]
fn the_seed_article_decodes_with_every_part_in_place() {
    let a = Article::from_json(SEED_FILE, &slug(SEED_SLUG)).expect("seed is valid");
    assert_eq!(
        a.title,
        "Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước"
    );
    assert_eq!(a.published.vi(), "21/08/2020");
    assert_eq!(a.lang, "vi");
    assert!(a
        .lead
        .as_deref()
        .unwrap()
        .starts_with("Thấm nhuần lời dạy của Bác Hồ"));
    assert_eq!(a.author.as_deref(), Some("Hương Dịu"));
    assert_eq!(a.skipped_blocks, 0);
    let paragraphs = a
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    assert_eq!(paragraphs, 8);
    // The photo caption sits between the 7th and the last paragraph. The
    // seed writes a no-break space inside it; the file keeps it verbatim.
    let Block::Figure {
        caption: Some(caption),
        image: None,
    } = &a.body[7]
    else {
        panic!("block 7 is the photo caption")
    };
    assert_eq!(
        caption.replace('\u{a0}', " "),
        "Những cá nhân điển hình tiên tiến giai đoạn 2015-2020 được UBND thành phố biểu dương"
    );
    let Block::Paragraph { text } = &a.body[8] else {
        panic!("last block is a paragraph")
    };
    assert!(text.starts_with("Với những kết quả đạt được"));
    assert!(text.ends_with("1.280 lượt cá nhân./."));
}

#[test]
fn the_seed_contains_no_portal_chrome() {
    for chrome in [
        "PublishingPortal",
        "Block_BanTin",
        "Tăng cỡ chữ",
        "Giảm cỡ chữ",
    ] {
        assert!(
            !SEED_FILE.contains(chrome),
            "{chrome} is page chrome, not article text"
        );
    }
}

#[test]
fn the_shipped_index_lists_the_seed() {
    let index = ArticleIndex::from_json(SEED_INDEX).expect("index is valid");
    assert_eq!(index.skipped, 0);
    let seed = Article::from_json(SEED_FILE, &slug(SEED_SLUG)).unwrap();
    assert!(
        index.articles.contains(&seed.summary()),
        "index entry matches the article file"
    );
}

#[test]
fn the_design_docs_example_shape_loads() {
    let text = r#"{
      "slug": "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc",
      "lang": "vi",
      "title": "Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước",
      "published": "2020-08-21",
      "lead": "Thấm nhuần lời dạy của Bác Hồ …",
      "body": [
        { "type": "paragraph", "text": "Thi đua thực hiện các chỉ tiêu …" },
        { "type": "figure", "caption": "Những cá nhân điển hình …", "image": null }
      ],
      "author": "Hương Dịu"
    }"#;
    let a = Article::from_json(text, &slug(SEED_SLUG)).expect("design shape loads");
    assert_eq!(a.body.len(), 2);
}

#[test]
fn the_seed_takes_a_few_minutes_to_read_and_its_list_entry_says_so() {
    let a = Article::from_json(SEED_FILE, &slug(SEED_SLUG)).expect("seed is valid");
    // Its lead and body, counted as the test sees them: syllables between spaces.
    let mut texts: Vec<&str> = a.lead.as_deref().into_iter().collect();
    for block in &a.body {
        match block {
            Block::Paragraph { text } | Block::Heading { text } => texts.push(text),
            Block::Quote { text, cite } => {
                texts.extend(std::iter::once(text.as_str()).chain(cite.as_deref()))
            }
            Block::List { items, .. } => texts.extend(items.iter().map(String::as_str)),
            Block::Figure { caption, .. } => texts.extend(caption.as_deref()),
        }
    }
    let words: usize = texts
        .iter()
        .map(|t| {
            t.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        })
        .sum();
    assert!(words > 300, "{words}");
    let minutes = words.div_ceil(bantin_model::reading_time::WORDS_PER_MINUTE) as u32;
    assert_eq!(a.reading_minutes(), minutes);
    assert_eq!(a.summary().minutes, Some(minutes));
}
