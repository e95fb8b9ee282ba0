//! Any bytes through every parser a file or URL reaches: the article, list
//! and list page decoders (with validation), slugs, page numbers, dates and
//! stored text sizes. The only failure is a panic (or a sanitizer report).
#![no_main]

use bantin::font_scale::FontScale;
use bantin::model::{Article, ArticleIndex, Date, ListPage, Slug, HOME};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let expected = Slug::parse("a").expect("a valid slug");
    if let Ok(article) = Article::from_json(&text, &expected) {
        // Whatever is accepted must survive its own round trip.
        let again = Article::from_json(&article.to_json().to_string(), &expected);
        assert!(again.is_ok(), "an accepted article failed its round trip");
    }
    let _ = ArticleIndex::from_json(&text);
    for number in [HOME, 2] {
        if let Ok(page) = ListPage::from_json(&text, number) {
            let again = ListPage::from_json(&page.to_json().to_string(), number);
            assert!(again.is_ok(), "an accepted list page failed its round trip");
        }
    }
    let _ = ListPage::number_in(&text);
    let _ = Slug::parse(&text);
    let _ = Date::parse_iso(&text);
    let _ = FontScale::from_stored(&text);
});
