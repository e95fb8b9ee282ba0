//! What a shared link shows: the origin setting, the description, the card's
//! picture and the structured data.

mod common;
use bantin_model::share::{self, SiteUrl, MAX_DESCRIPTION_CHARS};
use common::*;

fn seed() -> Article {
    Article::from_json(SEED_FILE, &slug(SEED_SLUG)).unwrap()
}

fn site() -> SiteUrl {
    SiteUrl::parse("https://baobackan.vn/").unwrap()
}

#[test]
fn the_site_url_must_be_an_absolute_origin() {
    assert_eq!(site().as_str(), "https://baobackan.vn");
    assert_eq!(
        site().join("/articles/a"),
        "https://baobackan.vn/articles/a"
    );
    assert!(SiteUrl::parse("http://127.0.0.1:8080").is_ok());
    for bad in [
        "",
        "/",
        "baobackan.vn",
        "//baobackan.vn",
        "ftp://x.vn",
        "https://",
        "https://x.vn/tin",
        "https://x.vn?a",
        "javascript:alert(1)",
    ] {
        assert!(SiteUrl::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn the_description_is_the_lead_cut_between_words() {
    let d = share::description(&seed());
    assert!(d.chars().count() <= MAX_DESCRIPTION_CHARS, "{d}");
    assert!(d.starts_with("Thấm nhuần lời dạy của Bác Hồ"));
    assert!(d.ends_with('…'));
    let kept = d.trim_end_matches('…');
    assert!(
        seed().lead.unwrap().starts_with(kept),
        "whole words of the lead"
    );
    let next = seed().lead.unwrap()[kept.len()..].chars().next();
    assert!(matches!(next, Some(' ' | ',')), "cut between words: {d}");
    assert_eq!(share::cut("  ngắn   gọn ", 160), "ngắn gọn");
    assert_eq!(share::cut("abcdefghij", 5), "abcd…");
}

#[test]
fn an_article_without_a_lead_is_described_by_its_first_paragraph() {
    let mut a = seed();
    a.lead = None;
    assert!(share::description(&a).starts_with("Thi đua thực hiện các chỉ tiêu"));
}

#[test]
fn the_card_shows_the_first_photo_of_known_size_else_the_site_picture() {
    let mut a = seed();
    assert_eq!(
        card(&a),
        ("https://baobackan.vn/share.png".into(), 1200, 630)
    );
    a.body.insert(
        0,
        Block::Figure {
            caption: None,
            image: Some(Image {
                src: "/anh/a.jpg".into(),
                alt: "".into(),
                width: Some(800),
                height: None,
                copies: None,
            }),
        },
    );
    assert_eq!(card(&a).1, 1200, "no height: not usable for a card");
    a.body.insert(
        1,
        Block::Figure {
            caption: None,
            image: Some(Image {
                src: "/anh/b.jpg".into(),
                alt: "".into(),
                width: Some(800),
                height: Some(450),
                copies: None,
            }),
        },
    );
    assert_eq!(
        card(&a),
        ("https://baobackan.vn/anh/b.jpg".into(), 800, 450)
    );
}

fn card(a: &bantin_model::Article) -> (String, u32, u32) {
    let image = share::image(a, &site());
    (image.url, image.width, image.height)
}

#[test]
fn the_card_shows_the_built_photos_share_copy_with_its_alt() {
    let mut a = seed();
    a.body.insert(
        2,
        Block::Figure {
            caption: Some("Chợ phiên".into()),
            image: Some(Image {
                src: "/anh/cho-800-0123abcd.jpg".into(),
                alt: "Người dân mua bán ở chợ phiên".into(),
                width: Some(4000),
                height: Some(3000),
                copies: Some(bantin_model::Copies {
                    path: "/anh/cho".into(),
                    hash: "0123abcd".into(),
                    widths: vec![480, 800, 1200, 1600],
                    formats: vec![
                        bantin_model::PhotoFormat::Avif,
                        bantin_model::PhotoFormat::Jpeg,
                    ],
                }),
            }),
        },
    );
    assert_eq!(
        share::image(&a, &site()),
        share::ShareImage {
            url: "https://baobackan.vn/anh/cho-1200-0123abcd.jpg".into(),
            width: 1200,
            height: 900,
            alt: Some("Người dân mua bán ở chợ phiên".into()),
        }
    );
    let ld = share::news_article(&a, &site(), "Bản tin");
    assert_eq!(
        ld["image"]["url"],
        "https://baobackan.vn/anh/cho-1200-0123abcd.jpg"
    );
    assert_eq!(ld["image"]["height"], 900);
}

#[test]
fn the_structured_data_is_a_news_article_with_the_vietnam_offset() {
    let ld = share::news_article(&seed(), &site(), "Bản tin");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], seed().title);
    assert_eq!(ld["datePublished"], "2020-08-21T00:00:00+07:00");
    assert_eq!(ld["author"]["name"], "Hương Dịu");
    assert_eq!(ld["publisher"]["name"], "Bản tin");
    assert_eq!(ld["image"]["url"], "https://baobackan.vn/share.png");
    assert_eq!(
        ld["mainEntityOfPage"],
        format!("https://baobackan.vn/articles/{SEED_SLUG}")
    );
}

#[test]
fn the_plain_text_has_the_lead_and_every_block() {
    let text = share::plain_text(&seed());
    let parts: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(parts.len(), 1 + 9, "the lead, 8 paragraphs and the caption");
    assert!(parts[0].starts_with("Thấm nhuần"));
    assert!(
        parts[8].starts_with("Những cá nhân điển hình"),
        "the caption where it stands"
    );
}

#[test]
fn a_list_page_says_which_page_and_which_days() {
    let entry = |slug: &str, day: u8| ArticleSummary {
        slug: Slug::parse(slug).unwrap(),
        title: slug.into(),
        published: Date::new(2020, 1, day).unwrap(),
        lead: None,
        author: None,
        minutes: None,
    };
    let all = ArticleIndex::of(
        (0..45)
            .map(|i| entry(&format!("b-{i}"), 1 + (i / 2) as u8))
            .collect(),
    );
    let pages = ListPage::paginate(&all);
    assert_eq!(
        share::list_description(&pages[0]),
        None,
        "the home keeps the site's"
    );
    assert_eq!(
        share::list_description(&pages[2]).unwrap(),
        "Trang 2: 20 bài viết từ 11/01/2020 đến 20/01/2020."
    );
    let one_day = ListPage::paginate(&ArticleIndex::of(
        (0..21).map(|i| entry(&format!("c-{i}"), 5)).collect(),
    ));
    assert_eq!(
        share::list_description(&one_day[1]).unwrap(),
        "Trang 1: 20 bài viết ngày 05/01/2020."
    );
}
