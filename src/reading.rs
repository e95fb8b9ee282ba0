//! The reading preferences besides the size: line spacing, text width, theme
//! and typeface. Each is a small closed set of choices, stored under its own
//! localStorage key as a short ASCII name and applied as one attribute on
//! `<html>` that `style/main.css` keys on. Pure Rust, tested natively.

/// One preference: its storage key, the attribute it sets on `<html>`, the
/// legend of its group in the panel, and its choices.
pub trait Choice: Copy + Eq + Default + Send + Sync + 'static {
    /// The localStorage key, e.g. `bantin.theme`.
    const KEY: &'static str;
    /// The attribute on `<html>`, e.g. `data-theme`.
    const ATTRIBUTE: &'static str;
    /// The group's name in the panel, e.g. "Màu nền".
    const LEGEND: &'static str;
    /// Every choice, in the order the panel lists them.
    const ALL: &'static [Self];

    /// The stored and attribute value, e.g. `"dark"`.
    fn name(self) -> &'static str;

    /// What the panel calls it, e.g. "Tối".
    fn label(self) -> &'static str;

    /// Interprets a stored value: exactly one of the names, or `None` (the
    /// caller then uses the default). Matches the page's script, which
    /// compares exactly.
    fn from_stored(raw: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.name() == raw)
    }

    fn is_default(self) -> bool {
        self == Self::default()
    }
}

/// Declares a preference enum and its [`Choice`] impl from one table.
macro_rules! choice {
    (
        $(#[$doc:meta])*
        $name:ident {
            key: $key:literal,
            attribute: $attr:literal,
            legend: $legend:literal,
            default: $default:ident,
            choices: { $($variant:ident => ($stored:literal, $label:literal)),+ $(,)? }
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                #[doc = $label]
                $variant,
            )+
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl Choice for $name {
            const KEY: &'static str = $key;
            const ATTRIBUTE: &'static str = $attr;
            const LEGEND: &'static str = $legend;
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn name(self) -> &'static str {
                match self { $($name::$variant => $stored),+ }
            }

            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

choice! {
    /// Space between the lines of the article text.
    LineSpacing {
        key: "bantin.line-spacing",
        attribute: "data-line-spacing",
        legend: "Giãn dòng",
        default: Normal,
        choices: {
            Tight => ("tight", "Hẹp"),
            Normal => ("normal", "Vừa"),
            Relaxed => ("relaxed", "Rộng"),
            Loose => ("loose", "Rất rộng"),
        }
    }
}

choice! {
    /// The widest the column of text gets on a large screen.
    Width {
        key: "bantin.width",
        attribute: "data-width",
        legend: "Độ rộng cột chữ",
        default: Standard,
        choices: {
            Narrow => ("narrow", "Hẹp"),
            Standard => ("standard", "Vừa"),
            Wide => ("wide", "Rộng"),
        }
    }
}

choice! {
    /// Colours. `Auto` follows the system's light or dark setting.
    Theme {
        key: "bantin.theme",
        attribute: "data-theme",
        legend: "Màu nền",
        default: Auto,
        choices: {
            Auto => ("auto", "Theo hệ thống"),
            Light => ("light", "Sáng"),
            Dark => ("dark", "Tối"),
            Sepia => ("sepia", "Sepia"),
        }
    }
}

choice! {
    /// The typeface of the article text.
    Typeface {
        key: "bantin.typeface",
        attribute: "data-typeface",
        legend: "Kiểu chữ",
        default: Sans,
        choices: {
            Sans => ("sans", "Không chân"),
            Serif => ("serif", "Có chân"),
        }
    }
}

/// Every preference's key, attribute and names, in the shape of the page
/// script's table (`{"key": ["attribute", "name", …]}`, src/page_script.rs).
pub fn no_flash_table() -> Vec<(&'static str, Vec<&'static str>)> {
    fn row<T: Choice>() -> (&'static str, Vec<&'static str>) {
        let mut v = vec![T::ATTRIBUTE];
        v.extend(T::ALL.iter().map(|c| c.name()));
        (T::KEY, v)
    }
    vec![
        row::<LineSpacing>(),
        row::<Width>(),
        row::<Theme>(),
        row::<Typeface>(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<T: Choice>() -> Vec<&'static str> {
        T::ALL.iter().map(|c| c.name()).collect()
    }

    #[test]
    fn each_preference_has_the_choices_the_reader_needs() {
        assert!(LineSpacing::ALL.len() >= 3, "at least three spacings");
        assert_eq!(names::<Width>(), ["narrow", "standard", "wide"]);
        assert_eq!(names::<Theme>(), ["auto", "light", "dark", "sepia"]);
        assert_eq!(names::<Typeface>(), ["sans", "serif"]);
        assert_eq!(Theme::default(), Theme::Auto);
        assert_eq!(Width::default(), Width::Standard);
        assert_eq!(LineSpacing::default(), LineSpacing::Normal);
        assert_eq!(Typeface::default(), Typeface::Sans);
    }

    #[test]
    fn stored_names_round_trip_and_anything_else_is_refused() {
        fn check<T: Choice + std::fmt::Debug>() {
            for &c in T::ALL {
                assert_eq!(T::from_stored(c.name()), Some(c));
            }
            for raw in [
                "",
                " dark",
                "DARK",
                "Dark",
                "null",
                "1",
                "{}",
                "data-theme",
                "\u{0}",
            ] {
                assert_eq!(T::from_stored(raw), None, "{raw:?}");
            }
        }
        check::<LineSpacing>();
        check::<Width>();
        check::<Theme>();
        check::<Typeface>();
    }

    #[test]
    fn keys_and_attributes_are_distinct() {
        let table = no_flash_table();
        let mut keys: Vec<_> = table.iter().map(|(k, _)| *k).collect();
        keys.push(crate::prefs::FONT_SCALE_KEY);
        let mut attrs: Vec<_> = table.iter().map(|(_, v)| v[0]).collect();
        keys.sort_unstable();
        keys.dedup();
        attrs.sort_unstable();
        attrs.dedup();
        assert_eq!(keys.len(), 5);
        assert_eq!(attrs.len(), 4);
    }
}
