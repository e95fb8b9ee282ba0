//! The portal's text export: the seed reproduces the shipped article byte
//! for byte; malformed exports are refused with their line and reason.
//! `exports/000_85488bca7d476926.txt` is `../shared/seeds/`'s seed export,
//! copied in so the repository tests itself.

use bantin_import::store::{file_text, save, Saved};
use bantin_import::{format_of, portal_text, Refusal};
use bantin_model::{Article, Block, Slug};
use std::path::Path;

const SEED_EXPORT: &[u8] = include_bytes!("exports/000_85488bca7d476926.txt");
const SEED_SLUG: &str = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
const SEED_FILE: &str = include_str!(
    "../../../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
);

fn refused(text: &str) -> Refusal {
    portal_text::parse(text.as_bytes()).expect_err("refused")
}

const GOOD: &str = "PublishingPortal - Block_BanTin_Toolbar\n\n01/02/2024\nTăng cỡ chữ Giảm cỡ chữ\nTiêu đề\nMở đầu.\n\n\u{a0}PublishingPortal - Block_BanTin_ViewData\n\nĐoạn một.\n\nTác giả";

#[test]
fn the_seed_export_imports_as_the_shipped_seed_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let draft = portal_text::parse(SEED_EXPORT).expect("the seed imports");
    assert_eq!(
        save(&draft, dir.path()),
        Ok(Saved::Written(Slug::parse(SEED_SLUG).unwrap()))
    );
    let written = std::fs::read_to_string(dir.path().join(format!("{SEED_SLUG}.json"))).unwrap();
    assert_eq!(written, SEED_FILE);
    let shipped = Article::from_json(SEED_FILE, &Slug::parse(SEED_SLUG).unwrap()).unwrap();
    assert!(
        matches!(&shipped.body[7], Block::Figure { caption: Some(c), image: None } if c.contains('\u{a0}'))
    );
    assert_eq!(file_text(&shipped), SEED_FILE);
}

#[test]
fn importing_the_same_export_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let draft = portal_text::parse(SEED_EXPORT).unwrap();
    save(&draft, dir.path()).unwrap();
    let index = std::fs::read_to_string(dir.path().join("index.json")).unwrap();
    let slug = Slug::parse(SEED_SLUG).unwrap();
    assert_eq!(save(&draft, dir.path()), Ok(Saved::Unchanged(slug)));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "the article and index.json"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("index.json")).unwrap(),
        index
    );
}

#[test]
fn a_different_article_with_the_same_title_gets_a_suffix_never_an_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let first = portal_text::parse(GOOD.as_bytes()).unwrap();
    let second = portal_text::parse(GOOD.replace("Đoạn một.", "Đoạn khác.").as_bytes()).unwrap();
    assert_eq!(
        save(&first, dir.path()),
        Ok(Saved::Written(Slug::parse("tieu-de").unwrap()))
    );
    assert_eq!(
        save(&second, dir.path()),
        Ok(Saved::Written(Slug::parse("tieu-de-2").unwrap()))
    );
    assert_eq!(
        save(&second, dir.path()),
        Ok(Saved::Unchanged(Slug::parse("tieu-de-2").unwrap()))
    );
    let kept = std::fs::read_to_string(dir.path().join("tieu-de.json")).unwrap();
    assert!(kept.contains("Đoạn một."), "the first is untouched");
    let index = std::fs::read_to_string(dir.path().join("index.json")).unwrap();
    assert_eq!(index.matches("\"slug\"").count(), 2);
}

#[test]
fn the_index_keeps_other_entries_and_puts_the_new_one_by_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.json"),
        r#"{"schema": 1, "articles": [{"slug": "moi", "title": "Mới", "published": "2025-01-01", "extra": true}, {"slug": "cu", "title": "Cũ", "published": "2020-01-01"}]}"#,
    )
    .unwrap();
    save(&portal_text::parse(GOOD.as_bytes()).unwrap(), dir.path()).unwrap();
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("index.json")).unwrap())
            .unwrap();
    let slugs: Vec<&str> = index["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["moi", "tieu-de", "cu"]);
    assert_eq!(
        index["articles"][0]["extra"], true,
        "other entries are kept as they are"
    );
}

#[test]
fn a_good_export_has_every_part() {
    let draft = portal_text::parse(GOOD.as_bytes()).unwrap();
    assert_eq!(draft.title, "Tiêu đề");
    assert_eq!(draft.published.iso(), "2024-02-01");
    assert_eq!(draft.lead.as_deref(), Some("Mở đầu."));
    assert_eq!(
        draft.body,
        [Block::Paragraph {
            text: "Đoạn một.".into()
        }]
    );
    assert_eq!(draft.author.as_deref(), Some("Tác giả"));
    let crlf = GOOD.replace('\n', "\r\n");
    assert_eq!(
        portal_text::parse(crlf.as_bytes()),
        Ok(draft),
        "Windows line ends"
    );
}

#[test]
fn malformed_exports_are_refused_with_the_line_and_the_reason() {
    let r = refused("");
    assert_eq!((r.line, r.reason.starts_with("no date")), (Some(1), true));
    let r = refused(&GOOD.replace("01/02/2024", "Tiêu đề trước"));
    assert_eq!(r.line, Some(3));
    assert!(r.reason.starts_with("no date: expected dd/mm/yyyy"), "{r}");
    let r = refused(&GOOD.replace("01/02/2024", "31/02/2024"));
    assert_eq!(r.to_string(), "line 3: 31/02/2024 is not a date");
    let r =
        refused("PublishingPortal - Block_BanTin_Toolbar\n\n01/02/2024\nTăng cỡ chữ Giảm cỡ chữ\n");
    assert_eq!(r.to_string(), "line 4: no title after the date");
    let r = refused(&GOOD.replace("Đoạn một.\n\nTác giả", ""));
    assert_eq!(r.reason, "the body is empty");
    let mut binary = GOOD.as_bytes().to_vec();
    binary.splice(20..20, [0u8, 159, 146, 150]);
    assert_eq!(
        portal_text::parse(&binary).unwrap_err().to_string(),
        "line 1: binary data, not a text export"
    );
    let r = portal_text::parse(&[b'0', b'1', b'\n', 0xff, 0xfe]).unwrap_err();
    assert_eq!(r.to_string(), "line 2: not UTF-8 text");
}

#[test]
fn text_exports_are_claimed_by_their_name() {
    assert!(format_of(Path::new("a/000_85488bca7d476926.txt")).is_some());
    assert!(format_of(Path::new("a/B.TXT")).is_some());
    assert!(format_of(Path::new("a/b.json")).is_none());
}
