//! `site generate <folder> <count> [--photos <n> [--photo-width <px>]]`: a
//! made-up archive of `count` articles (the first `n` with a photo) in
//! the portal's voice, for the scale tests and `make bench` (issue: the
//! 10,000 and 100,000-article archives). Deterministic: article `i` is the
//! same on every machine and every run, so two runs measure the same site.
//! Titles mix words with and without diacritics (and with đ; the names in
//! [`RARE`] in one title in every few), dates run back from 2026 a few
//! articles a day with ties on the same day, and bodies are a few paragraphs
//! long, like the seed.

use bantin::model::{Date, Slug};
use serde_json::{json, Value};
use std::path::Path;

/// Words of the portal's headlines and articles.
const WORDS: [&str; 37] = [
    "Bắc Kạn",
    "thành phố",
    "huyện",
    "xã",
    "thi đua",
    "yêu nước",
    "nông thôn mới",
    "điện",
    "lễ hội",
    "đầu tư",
    "giao thông",
    "giáo dục",
    "y tế",
    "du lịch",
    "mùa vụ",
    "phòng chống",
    "thiên tai",
    "bảo vệ rừng",
    "chuyển đổi số",
    "hội nghị",
    "tổng kết",
    "năm học",
    "học sinh",
    "đồng bào",
    "dân tộc",
    "cây trồng",
    "chăn nuôi",
    "hợp tác xã",
    "sản phẩm OCOP",
    "cán bộ",
    "đảng viên",
    "an ninh",
    "trật tự",
    "Ba Bể",
    "Chợ Đồn",
    "Na Rì",
    "Pác Nặm",
];

/// Rarer names, each in the title of one article in `every` (from article
/// `from`): what the search tests look for, with and without diacritics,
/// and words that differ from others only by their marks (with "đường" and
/// the common "Bắc Kạn" and "Ba Bể"), whose exact form must rank first.
pub const RARE: [(&str, usize, usize); 7] = [
    ("Lồng Tồng", 5, 1),
    ("đường dây", 7, 2),
    ("Đồng Hỷ", 11, 3),
    ("dương", 13, 4),
    ("đương", 17, 6),
    ("bà bé", 19, 8),
    ("bắc cạn", 23, 10),
];

const AUTHORS: [&str; 4] = ["Hương Dịu", "Nguyễn Đức", "Hà Linh", "Triệu Đông"];

/// How many articles a day the archive has (so same-day ties are common).
const PER_DAY: usize = 4;

/// A small deterministic generator (SplitMix64), seeded by the article's
/// number.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn words(&mut self, min: usize, max: usize) -> String {
        let n = min + self.below(max - min + 1);
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The day `days` days before 2026-11-27.
fn day_before(days: usize) -> Date {
    let (mut year, mut month, mut day) = (2026u16, 11u8, 27u8);
    for _ in 0..days {
        if day > 1 {
            day -= 1;
            continue;
        }
        if month > 1 {
            month -= 1;
        } else {
            month = 12;
            year -= 1;
        }
        day = (28..=31)
            .rev()
            .find(|&d| Date::new(year, month, d).is_some())
            .unwrap_or(28);
    }
    Date::new(year, month, day).unwrap_or(Date::new(2026, 1, 1).expect("a real day"))
}

fn sentence(mix: &mut Mix) -> String {
    let text = mix.words(6, 14);
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

/// Article `i` of the archive (0 is the newest), as its file's JSON.
pub fn article(i: usize) -> Value {
    let mut mix = Mix(i as u64);
    let title = {
        let words = sentence(&mut mix);
        let rare: Vec<&str> = RARE
            .iter()
            .filter(|(_, every, from)| i % every == *from)
            .map(|(name, _, _)| *name)
            .collect();
        let rare = if rare.is_empty() {
            String::new()
        } else {
            format!(" {}", rare.join(" "))
        };
        format!("{}{rare} (số {})", words.trim_end_matches('.'), i + 1)
    };
    let slug = Slug::from_title(&title)
        .unwrap_or_else(|| Slug::parse("bai").expect("a slug"))
        .with_suffix(i as u32 + 1);
    let body: Vec<Value> = (0..3 + mix.below(6))
        .map(|_| {
            let text = (0..2 + mix.below(4))
                .map(|_| sentence(&mut mix))
                .collect::<Vec<_>>()
                .join(" ");
            json!({"type": "paragraph", "text": text})
        })
        .collect();
    let author = AUTHORS[mix.below(AUTHORS.len())];
    json!({
        "slug": slug.as_str(),
        "title": title,
        "published": day_before(i / PER_DAY).iso(),
        "lead": sentence(&mut mix),
        "author": author,
        "body": body,
    })
}

/// Photos for the first articles of a generated archive: each gets a photo
/// `width` pixels wide (4:3, as a camera takes them), `anh/<slug>.jpg` in the
/// content folder: after its first paragraph (articles 0, 2, 4…), or after
/// its last (1, 3, 5…).
#[derive(Clone, Copy, Debug)]
pub struct Photos {
    pub count: usize,
    pub width: u32,
}

/// Writes articles `0..count` into `folder` (made if missing) as
/// `<slug>.json`, the first `photos.count` with a photo; returns how many.
pub fn run(folder: &Path, count: usize) -> Result<usize, String> {
    run_with_photos(folder, count, Photos { count: 0, width: 0 })
}

pub fn run_with_photos(folder: &Path, count: usize, photos: Photos) -> Result<usize, String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for i in 0..count {
        let mut a = article(i);
        let slug = a["slug"].as_str().unwrap_or("bai").to_owned();
        if i < photos.count {
            let src = format!("anh/{slug}.jpg");
            let path = folder.join(&src);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            let width = photos.width.max(1);
            let scene =
                bantin_images::samples::numbered_scene(width, (width * 3 / 4).max(1), i as u64);
            std::fs::write(&path, bantin_images::samples::jpeg_of(&scene))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(body) = a["body"].as_array_mut() {
                // Every other one at the end: a photo the reader scrolls to.
                let at = if i % 2 == 0 {
                    1.min(body.len())
                } else {
                    body.len()
                };
                body.insert(
                    at,
                    json!({"type": "figure", "caption": format!("Ảnh minh họa số {}", i + 1),
                        "image": {"src": src, "alt": format!("Quang cảnh {}", WORDS[i % WORDS.len()])}}),
                );
            }
        }
        let slug = slug.as_str();
        let path = folder.join(format!("{slug}.json"));
        std::fs::write(&path, a.to_string()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin::model::Article;

    #[test]
    fn every_article_is_valid_and_the_same_every_time() {
        let mut slugs = std::collections::HashSet::new();
        for i in 0..2_000 {
            let a = article(i);
            assert_eq!(a, article(i), "deterministic");
            let slug = Slug::parse(a["slug"].as_str().unwrap()).unwrap();
            let parsed = Article::from_json(&a.to_string(), &slug).unwrap();
            assert!(parsed.body.len() >= 3);
            assert!(slugs.insert(slug), "one address per article");
        }
        assert_eq!(article(0)["published"], "2026-11-27");
        assert_eq!(article(3)["published"], "2026-11-27", "four a day");
        assert_eq!(article(4)["published"], "2026-11-26");
        assert_eq!(article(4 * 27)["published"], "2026-10-31");
        assert_eq!(article(4 * 365 * 4)["published"], "2022-11-28");
    }

    #[test]
    fn the_words_have_diacritics_and_d_with_stroke() {
        let titles: String = (0..200)
            .map(|i| article(i)["title"].as_str().unwrap().to_string())
            .collect();
        assert!(titles.contains('đ') || titles.contains('Đ'));
        for (name, every, from) in RARE {
            let expected = (0..200).filter(|i| i % every == from).count();
            assert_eq!(titles.matches(name).count(), expected, "{name}");
        }
    }
}
