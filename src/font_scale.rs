//! The reader's text size: a fixed ladder of percentages of the browser's own
//! default size. Pure Rust, no `web_sys`: parsing, formatting and stepping are
//! tested natively.

use std::fmt;
use std::str::FromStr;

/// The steps, in percent of the reader's browser default (rem-relative).
/// Below 100% for people on big screens, up to 200% for WCAG 1.4.4.
pub const STEPS: [u16; 8] = [80, 90, 100, 110, 125, 150, 175, 200];

/// Index of 100% in [`STEPS`].
const DEFAULT_INDEX: usize = 2;

/// One of the [`STEPS`]. Holding an index (not a free number) makes an
/// out-of-range size unrepresentable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FontScale(usize);

impl Default for FontScale {
    fn default() -> Self {
        FontScale(DEFAULT_INDEX)
    }
}

impl FontScale {
    /// The smallest step.
    pub const MIN: FontScale = FontScale(0);
    /// The largest step.
    pub const MAX: FontScale = FontScale(STEPS.len() - 1);

    /// The size in percent, e.g. `125`.
    pub fn percent(self) -> u16 {
        STEPS[self.0]
    }

    /// The value for the `--font-scale` CSS custom property, e.g. `"1.25"`.
    pub fn css_value(self) -> String {
        let p = self.percent();
        // Integer arithmetic keeps the string exact ("1.1", not "1.1000000000000001").
        let (whole, frac) = (p / 100, p % 100);
        match frac {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}.{}", f / 10),
            f => format!("{whole}.{f:02}"),
        }
    }

    /// The next larger step, or `None` at the top.
    pub fn larger(self) -> Option<FontScale> {
        (self.0 + 1 < STEPS.len()).then_some(FontScale(self.0 + 1))
    }

    /// The next smaller step, or `None` at the bottom.
    pub fn smaller(self) -> Option<FontScale> {
        self.0.checked_sub(1).map(FontScale)
    }

    pub fn is_default(self) -> bool {
        self == FontScale::default()
    }

    /// Interprets a stored value. Anything that is not exactly one of the
    /// steps written as a plain integer (`"125"`) is `None`; the caller then
    /// uses the default. Lenient about surrounding whitespace only.
    pub fn from_stored(raw: &str) -> Option<FontScale> {
        raw.trim().parse().ok()
    }

    /// The value written to storage, e.g. `"125"`.
    pub fn to_stored(self) -> String {
        self.percent().to_string()
    }

    /// What the toolbar's live region says once the reader picked this size:
    /// `"Cỡ chữ 125%"`.
    pub fn announcement(self) -> String {
        format!("Cỡ chữ {self}")
    }

    /// Every step, smallest first.
    pub fn all() -> impl Iterator<Item = FontScale> {
        (0..STEPS.len()).map(FontScale)
    }

    /// The position of this step in [`STEPS`].
    pub fn index(self) -> usize {
        self.0
    }
}

/// Why a string is not a font scale.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseFontScaleError {
    #[error("not a whole number of percent: {0:?}")]
    NotAnInteger(String),
    #[error("{0}% is not one of the text-size steps")]
    NotAStep(u32),
}

impl FromStr for FontScale {
    type Err = ParseFontScaleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Only ASCII digits with no leading zero: rejects "+125", "-5",
        // "125.5", "1e2", "NaN", "0125" — we only ever write the plain form.
        if s.is_empty()
            || s.len() > 4
            || s.starts_with('0')
            || !s.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(ParseFontScaleError::NotAnInteger(
                s.chars().take(32).collect(),
            ));
        }
        let n: u32 = s
            .parse()
            .map_err(|_| ParseFontScaleError::NotAnInteger(s.to_owned()))?;
        STEPS
            .iter()
            .position(|&p| u32::from(p) == n)
            .map(FontScale)
            .ok_or(ParseFontScaleError::NotAStep(n))
    }
}

impl fmt::Display for FontScale {
    /// How the toolbar shows it: `"125%"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_100_percent() {
        assert_eq!(FontScale::default().percent(), 100);
        assert!(FontScale::default().is_default());
        assert_eq!(FontScale::default().to_string(), "100%");
    }

    #[test]
    fn steps_span_below_100_to_at_least_200() {
        assert!(FontScale::MIN.percent() < 100);
        assert!(FontScale::MAX.percent() >= 200);
        assert!(STEPS.windows(2).all(|w| w[0] < w[1]), "steps ascend");
    }

    #[test]
    fn larger_and_smaller_walk_every_step_and_stop_at_the_ends() {
        let mut s = FontScale::MIN;
        let mut seen = vec![s.percent()];
        while let Some(next) = s.larger() {
            s = next;
            seen.push(s.percent());
        }
        assert_eq!(seen, STEPS);
        assert_eq!(s, FontScale::MAX);
        assert_eq!(FontScale::MAX.larger(), None);
        assert_eq!(FontScale::MIN.smaller(), None);
        assert_eq!(
            FontScale::default().larger().map(|s| s.percent()),
            Some(110)
        );
        assert_eq!(
            FontScale::default().smaller().map(|s| s.percent()),
            Some(90)
        );
    }

    #[test]
    fn css_value_is_exact_decimal() {
        let values: Vec<String> = STEPS
            .iter()
            .map(|p| p.to_string().parse::<FontScale>().unwrap().css_value())
            .collect();
        assert_eq!(
            values,
            ["0.8", "0.9", "1", "1.1", "1.25", "1.5", "1.75", "2"]
        );
    }

    #[test]
    fn stored_round_trip() {
        for p in STEPS {
            let s = FontScale::from_stored(&p.to_string()).expect("a step parses");
            assert_eq!(s.to_stored(), p.to_string());
        }
        assert_eq!(
            FontScale::from_stored(" 125\n").map(|s| s.percent()),
            Some(125)
        );
    }

    #[test]
    fn corrupt_or_out_of_range_stored_values_are_rejected() {
        for raw in [
            "",
            "abc",
            "99999",
            "-5",
            "NaN",
            "1e309",
            "125.5",
            "+125",
            "{\"v\":125}",
            "[125]",
            "null",
            "true",
            "0",
            "100%",
            "１２５",
            "125 125",
            "0125",
            "4294967296",
            "18446744073709551616",
            "\u{0}",
            "Infinity",
            "101",
            "250",
        ] {
            assert_eq!(FontScale::from_stored(raw), None, "{raw:?} must not parse");
        }
    }

    #[test]
    fn parse_errors_say_why() {
        assert_eq!(
            "101".parse::<FontScale>(),
            Err(ParseFontScaleError::NotAStep(101))
        );
        assert!(matches!(
            "x".parse::<FontScale>(),
            Err(ParseFontScaleError::NotAnInteger(_))
        ));
    }

    #[test]
    fn all_walks_the_steps_in_order_and_announces_each() {
        let all: Vec<FontScale> = FontScale::all().collect();
        assert_eq!(all.len(), STEPS.len());
        assert_eq!(all[FontScale::default().index()], FontScale::default());
        assert_eq!(all.first(), Some(&FontScale::MIN));
        assert_eq!(all.last(), Some(&FontScale::MAX));
        assert_eq!(FontScale::MAX.announcement(), "Cỡ chữ 200%");
    }

    /// Property tests (host only: proptest is not built for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;

        proptest::proptest! {
            #[test]
            fn any_string_parses_or_is_rejected_without_panicking(s in ".*") {
                if let Some(scale) = FontScale::from_stored(&s) {
                    proptest::prop_assert!(STEPS.contains(&scale.percent()));
                }
            }
        }
    }
}
