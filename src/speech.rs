//! "Nghe bài viết": what is read aloud, in which voice and at which speed.
//! Pure Rust, tested natively; `crate::listen` speaks it with the
//! browser's speech synthesis, and the page's script shows the control only
//! where [`is_vietnamese`] finds a voice.
//!
//! An article is read as *pieces*: the title, the lead, then the body's
//! paragraphs, headings, quotes and list items, each cut into sentences of
//! at most [`MAX_PIECE`] characters. One utterance per piece: Chrome stops a
//! long utterance after about 15 s, and a short one lets pause, resume and a
//! change of speed start again from the sentence being read.

/// The language every utterance is spoken in.
pub const LANG: &str = "vi-VN";

/// The language subtag of a Vietnamese voice (`vi`, `vi-VN`, `vi_VN`); the
/// page's script tests voices with it too (src/page_script.js).
pub const VOICE_LANG: &str = "vi";

/// The longest piece spoken as one utterance, in characters: about 12 s at
/// the usual speed, under Chrome's cut-off.
pub const MAX_PIECE: usize = 220;

/// Whether a voice of this BCP 47 `lang` speaks Vietnamese. Never an English
/// voice reading Vietnamese: the control is not shown without one.
pub fn is_vietnamese(lang: &str) -> bool {
    let lang = lang.trim();
    lang.get(..VOICE_LANG.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(VOICE_LANG))
        && matches!(
            lang.as_bytes().get(VOICE_LANG.len()),
            None | Some(b'-' | b'_')
        )
}

/// A voice the device offers, as much of it as the choice needs.
#[derive(Clone, Copy, Debug)]
pub struct Voice<'a> {
    /// `SpeechSynthesisVoice.lang`.
    pub lang: &'a str,
    /// `localService`: spoken by the device, so it works offline.
    pub local: bool,
}

/// The voice to read with (its index in `voices`): Vietnamese only; a
/// device's own before a network one (it works offline); then `vi-VN`, then
/// a bare `vi`, then a regional variant (espeak-ng lists its Northern voice
/// as `vi`, and `vi-VN-x-central`, `vi-VN-x-south`); otherwise the first
/// listed (the system's order).
pub fn pick_voice(voices: &[Voice]) -> Option<usize> {
    let standard = |lang: &str| {
        let lang = lang.trim();
        if lang.len() == 5 && lang[3..].eq_ignore_ascii_case("vn") {
            2
        } else {
            u8::from(lang.len() == VOICE_LANG.len())
        }
    };
    voices
        .iter()
        .enumerate()
        .filter(|(_, v)| is_vietnamese(v.lang))
        .max_by_key(|(i, v)| (v.local, standard(v.lang), usize::MAX - i))
        .map(|(i, _)| i)
}

/// Where reading starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// From the title.
    Title,
    /// From the body's paragraph `n` (`#p-n`).
    Paragraph(usize),
}

/// One utterance: a sentence (or part of a long one) of block `block`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The index of its block in the list given to [`pieces`].
    pub block: usize,
    pub text: String,
}

/// What is read from `start`: `blocks` are the article's readable blocks in
/// order, each with its paragraph number if it has one (`p-n`). From a
/// paragraph that is not there, reading starts at the title.
pub fn pieces(blocks: &[(Option<usize>, String)], start: Start) -> Vec<Piece> {
    let first = match start {
        Start::Title => 0,
        Start::Paragraph(n) => blocks
            .iter()
            .position(|(number, _)| *number == Some(n))
            .unwrap_or(0),
    };
    blocks
        .iter()
        .enumerate()
        .skip(first)
        .flat_map(|(block, (_, text))| {
            sentences(text)
                .into_iter()
                .map(move |text| Piece { block, text })
        })
        .collect()
}

/// `text` as sentences of at most [`MAX_PIECE`] characters, with its runs
/// of white space made one space. A sentence ends at `.`, `!`, `?` or `…`
/// (and any closing quotes or brackets) before a space and a capital or a
/// digit; a longer one is cut after its last comma or semicolon within the
/// limit, else at its last space, else (one word that long) at the limit.
pub fn sentences(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, word) in words.iter().enumerate() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        let next_starts = words
            .get(i + 1)
            .and_then(|next| next.chars().next())
            .is_none_or(starts_sentence);
        if ends_sentence(word) && next_starts {
            out.extend(cut(&current));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.extend(cut(&current));
    }
    out
}

/// Whether `word` ends a sentence (closing quotes and brackets aside).
fn ends_sentence(word: &str) -> bool {
    word.trim_end_matches(['"', '\'', '”', '’', ')', '»'])
        .ends_with(['.', '!', '?', '…'])
}

/// Whether a word starting with `c` may start a sentence: a capital, a
/// digit, or an opening quote or bracket. Vietnamese capitals are tested by
/// their code points, which keeps `char::is_uppercase`'s Unicode tables
/// out of the WASM (a test holds the two to the same answer).
fn starts_sentence(c: char) -> bool {
    let code = c as u32;
    c.is_ascii_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '(' | '«' | '\'')
        // À–Ý (Latin-1), except ×
        || ((0xC0..=0xDD).contains(&code) && code != 0xD7)
        // Ă Đ Ĩ Ũ Ơ Ư: capitals at even code points (Ư is at an odd one)
        || matches!(code, 0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF)
        // Ạ … Ỹ: the capital of each pair is at the even code point
        || ((0x1EA0..=0x1EF9).contains(&code) && code.is_multiple_of(2))
}

/// A sentence of any length as pieces of at most [`MAX_PIECE`] characters.
fn cut(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = sentence.trim();
    while rest.chars().count() > MAX_PIECE {
        let limit = rest
            .char_indices()
            .nth(MAX_PIECE)
            .map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let at = head
            .rfind([',', ';'])
            .map(|i| i + 1)
            .filter(|&i| i > 0 && head[..i].trim().chars().count() > 1)
            .or_else(|| head.rfind(' ').filter(|&i| i > 0))
            .unwrap_or(limit);
        out.push(rest[..at].trim().to_string());
        rest = rest[at..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// A reading speed, as the speed button shows it and as it is stored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rate {
    /// `SpeechSynthesisUtterance.rate` (1 is the voice's usual speed).
    pub value: f32,
    /// As shown: "1,25×" (a Vietnamese decimal comma).
    pub shown: &'static str,
    /// As stored under [`RATE_KEY`].
    pub stored: &'static str,
}

/// The speeds, in the order the speed button goes through them: a reader
/// still learning Vietnamese takes it slower, a practised listener faster.
pub const RATES: [Rate; 4] = [
    Rate {
        value: 1.0,
        shown: "1×",
        stored: "1",
    },
    Rate {
        value: 1.25,
        shown: "1,25×",
        stored: "1.25",
    },
    Rate {
        value: 1.5,
        shown: "1,5×",
        stored: "1.5",
    },
    Rate {
        value: 0.75,
        shown: "0,75×",
        stored: "0.75",
    },
];

/// Where the reader's speed is kept (localStorage).
pub const RATE_KEY: &str = "bantin.speech-rate";

/// The speed after `RATES[i]`, around again after the last.
pub fn next_rate(i: usize) -> usize {
    (i + 1) % RATES.len()
}

/// The speed stored as `raw`; the usual speed (`0`) for anything else.
pub fn rate_from_stored(raw: Option<&str>) -> usize {
    raw.and_then(|raw| RATES.iter().position(|r| r.stored == raw))
        .unwrap_or(0)
}

/// What the speed button's accessible name says at `RATES[i]`.
pub fn rate_label(i: usize) -> String {
    format!("Tốc độ đọc: {}", RATES[i % RATES.len()].shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_vietnamese_voice_reads_vietnamese() {
        for lang in ["vi", "vi-VN", "VI-vn", "vi_VN", " vi-VN "] {
            assert!(is_vietnamese(lang), "{lang}");
        }
        for lang in ["", "v", "en-US", "vie", "zh-VI", "en", "fr-VI"] {
            assert!(!is_vietnamese(lang), "{lang}");
        }
    }

    #[test]
    fn the_voice_is_vietnamese_and_the_devices_own_first() {
        let v = |lang, local| Voice { lang, local };
        assert_eq!(pick_voice(&[v("en-US", true), v("en-GB", true)]), None);
        assert_eq!(pick_voice(&[]), None);
        assert_eq!(
            pick_voice(&[v("en-US", true), v("vi-VN", false), v("vi-VN", true)]),
            Some(2)
        );
        assert_eq!(pick_voice(&[v("vi", true), v("vi-VN", true)]), Some(1));
        assert_eq!(pick_voice(&[v("vi-VN", true), v("vi-VN", true)]), Some(0));
        assert_eq!(pick_voice(&[v("fr-FR", true), v("vi", false)]), Some(1));
        // espeak-ng's: the Northern voice (`vi`) before the regional ones.
        assert_eq!(
            pick_voice(&[
                v("vi-VN-X-CENTRAL", true),
                v("vi", true),
                v("vi-VN-X-SOUTH", true)
            ]),
            Some(1)
        );
        assert_eq!(pick_voice(&[v("vi", true), v("vi_VN", true)]), Some(1));
    }

    fn blocks(texts: &[(Option<usize>, &str)]) -> Vec<(Option<usize>, String)> {
        texts.iter().map(|(n, t)| (*n, t.to_string())).collect()
    }

    #[test]
    fn the_article_is_read_from_the_title_or_from_a_paragraph() {
        let article = blocks(&[
            (None, "Khai mạc hội chợ"),
            (None, "Sáng nay, hội chợ mở cửa."),
            (Some(1), "Có 200 gian hàng. Đông khách từ sớm!"),
            (None, "Các sản phẩm"),
            (Some(2), "Miến dong, chè Shan tuyết."),
        ]);
        let texts = |from| -> Vec<(usize, String)> {
            pieces(&article, from)
                .into_iter()
                .map(|p| (p.block, p.text))
                .collect()
        };
        assert_eq!(
            texts(Start::Title),
            [
                (0, "Khai mạc hội chợ".to_string()),
                (1, "Sáng nay, hội chợ mở cửa.".to_string()),
                (2, "Có 200 gian hàng.".to_string()),
                (2, "Đông khách từ sớm!".to_string()),
                (3, "Các sản phẩm".to_string()),
                (4, "Miến dong, chè Shan tuyết.".to_string()),
            ]
        );
        assert_eq!(
            texts(Start::Paragraph(2)),
            [(4, "Miến dong, chè Shan tuyết.".to_string())]
        );
        // A paragraph that is not there: from the title.
        assert_eq!(texts(Start::Paragraph(9)).len(), 6);
        assert!(pieces(&[], Start::Title).is_empty());
    }

    #[test]
    fn sentences_end_before_a_capital_not_inside_numbers_or_names() {
        assert_eq!(
            sentences("Ông Nguyễn Văn A. phát biểu.  Giá 1.500 đồng/kg? “Rẻ lắm.” Ủy ban họp."),
            [
                "Ông Nguyễn Văn A. phát biểu.",
                "Giá 1.500 đồng/kg?",
                "“Rẻ lắm.”",
                "Ủy ban họp."
            ]
        );
        assert_eq!(sentences("  \n "), Vec::<String>::new());
        assert_eq!(sentences("Không dấu chấm"), ["Không dấu chấm"]);
    }

    #[test]
    fn a_long_sentence_is_cut_at_a_comma_then_a_space_and_loses_no_word() {
        let clause = "huyện Ba Bể tổ chức lễ hội mùa xuân trên hồ";
        let long = [clause; 12].join(", ") + ".";
        let pieces = sentences(&long);
        assert!(pieces.len() > 1);
        for p in &pieces {
            assert!(p.chars().count() <= MAX_PIECE, "{p}");
            assert!(p.ends_with(',') || p.ends_with('.'), "cut at a comma: {p}");
        }
        assert_eq!(pieces.join(" "), long);
        let no_commas = ["Bắc Kạn"; 60].join(" ");
        let pieces = sentences(&no_commas);
        assert!(pieces.iter().all(|p| p.chars().count() <= MAX_PIECE));
        assert_eq!(pieces.join(" "), no_commas);
        let one_word = "ư".repeat(500);
        let pieces = sentences(&one_word);
        assert_eq!(pieces.concat(), one_word);
        assert!(pieces.iter().all(|p| p.chars().count() <= MAX_PIECE));
    }

    #[test]
    fn vietnamese_capitals_are_found_without_unicode_tables() {
        let letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
        for lower in letters.chars() {
            let upper = lower.to_uppercase().next().expect("a capital");
            assert!(starts_sentence(upper), "{upper}");
            assert!(!starts_sentence(lower), "{lower}");
        }
        assert!(!starts_sentence('×'));
    }

    #[test]
    fn the_speed_goes_round_and_is_stored_by_name() {
        assert_eq!(rate_from_stored(None), 0);
        assert_eq!(rate_from_stored(Some("garbage")), 0);
        assert_eq!(rate_from_stored(Some("1.5")), 2);
        assert_eq!(RATES[0].value, 1.0);
        let mut i = 0;
        let mut seen = Vec::new();
        for _ in 0..RATES.len() {
            i = next_rate(i);
            seen.push(RATES[i].shown);
        }
        assert_eq!(seen, ["1,25×", "1,5×", "0,75×", "1×"]);
        assert_eq!(rate_label(1), "Tốc độ đọc: 1,25×");
    }
}
