//! How long an article takes to read, shown as "N phút đọc" beside its date.
//!
//! Words are counted as Vietnamese is written: one syllable between spaces
//! (a token counts when it has a letter or a digit, so "–" and "…" do not).
//! The speed, [`WORDS_PER_MINUTE`], is below the adult average for silent
//! reading of non-fiction, 238 words a minute in Brysbaert's meta-analysis
//! of 190 studies ("How many words do we read per minute?", Journal of
//! Memory and Language 109, 2019), because many of the portal's readers read
//! Vietnamese as a second language and a syllable is shorter than an English
//! word: an estimate a slower reader can trust, not a race.

/// Syllables (space-separated words) read in a minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// The largest reading time a list file may state: an article file is at
/// most [`crate::MAX_FILE_BYTES`], which holds about 21,000 minutes of words.
pub const MAX_MINUTES: u64 = 100_000;

/// The words in `text`: its space-separated tokens with a letter or a digit.
pub fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whole minutes to read `words` words, rounded up, and at least one.
pub fn minutes(words: usize) -> u32 {
    u32::try_from(words.div_ceil(WORDS_PER_MINUTE).max(1)).unwrap_or(u32::MAX)
}

/// What the reader sees: "5 phút đọc".
pub fn label(minutes: u32) -> String {
    format!("{minutes} phút đọc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_syllables_with_a_letter_or_digit() {
        assert_eq!(words("Thành phố Bắc Kạn đẩy mạnh"), 6);
        assert_eq!(words("  năm 2020 – ba   \n lần … "), 4);
        assert_eq!(words(""), 0);
        assert_eq!(words("— … !"), 0);
    }

    #[test]
    fn minutes_round_up_and_never_say_zero() {
        assert_eq!(minutes(0), 1);
        assert_eq!(minutes(1), 1);
        assert_eq!(minutes(WORDS_PER_MINUTE), 1);
        assert_eq!(minutes(WORDS_PER_MINUTE + 1), 2);
        assert_eq!(minutes(10 * WORDS_PER_MINUTE), 10);
        assert_eq!(minutes(usize::MAX), u32::MAX);
    }

    #[test]
    fn the_label_is_vietnamese() {
        assert_eq!(label(1), "1 phút đọc");
        assert_eq!(label(12), "12 phút đọc");
    }
}
