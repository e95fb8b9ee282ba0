//! Keyboard shortcuts: the text size, help, a paragraph's link, listening. Pure Rust: which key does what is
//! decided here and tested natively; `components::shortcuts` listens.
//!
//! They never take the browser's own zoom (Ctrl/⌘ with + − 0), and never act
//! while the reader types in a text field.

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Larger,
    Smaller,
    Reset,
    Help,
    /// Copy the link to the paragraph being read (articles only).
    CopyParagraphLink,
    /// "Nghe bài viết": start, pause or resume reading aloud (articles, on
    /// a device with a Vietnamese voice).
    Listen,
}

/// The keys, as shown in the help dialog: (keys, what they do).
pub const HELP: [(&str, &str); 6] = [
    ("+ hoặc =", "Tăng cỡ chữ"),
    ("-", "Giảm cỡ chữ"),
    ("0", "Đặt lại cỡ chữ"),
    ("L", "Chép liên kết đến đoạn đang đọc (trong bài viết)"),
    (
        "N",
        "Nghe bài viết, tạm dừng hoặc nghe tiếp (trong bài viết)",
    ),
    ("?", "Mở bảng phím tắt này"),
];

/// The keys for the text size (`KeyboardEvent.key`). The page's script
/// handles the same keys on a pre-rendered page before the app starts.
pub const SIZE_KEYS: [(&str, Shortcut); 5] = [
    ("+", Shortcut::Larger),
    ("=", Shortcut::Larger),
    ("-", Shortcut::Smaller),
    ("_", Shortcut::Smaller),
    ("0", Shortcut::Reset),
];

/// The `<input type>`s that take no text: a size key pressed on one of them
/// (the preferences panel's radio buttons) is still a shortcut.
pub const NON_TEXT_INPUT_TYPES: [&str; 5] = ["radio", "checkbox", "button", "submit", "reset"];

/// Whether an `<input>` of this `type` attribute takes text (absent = text).
pub fn input_takes_text(kind: &str) -> bool {
    !NON_TEXT_INPUT_TYPES.contains(&kind.to_ascii_lowercase().as_str())
}

/// A key press, as much of it as matters here.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`, e.g. `"+"`.
    pub key: &'a str,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
    /// Focus is in an input, textarea, select or editable element.
    pub in_text_field: bool,
}

/// The shortcut a key press means, if any.
pub fn shortcut(press: KeyPress) -> Option<Shortcut> {
    if press.ctrl || press.meta || press.alt || press.in_text_field {
        return None;
    }
    if let Some((_, size)) = SIZE_KEYS.iter().find(|(k, _)| *k == press.key) {
        return Some(*size);
    }
    match press.key {
        "?" => Some(Shortcut::Help),
        "l" | "L" => Some(Shortcut::CopyParagraphLink),
        "n" | "N" => Some(Shortcut::Listen),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> KeyPress<'_> {
        KeyPress {
            key,
            ..KeyPress::default()
        }
    }

    #[test]
    fn plain_keys_map_to_their_shortcut() {
        assert_eq!(shortcut(key("+")), Some(Shortcut::Larger));
        assert_eq!(shortcut(key("=")), Some(Shortcut::Larger));
        assert_eq!(shortcut(key("-")), Some(Shortcut::Smaller));
        assert_eq!(shortcut(key("0")), Some(Shortcut::Reset));
        assert_eq!(shortcut(key("?")), Some(Shortcut::Help));
        assert_eq!(shortcut(key("l")), Some(Shortcut::CopyParagraphLink));
        assert_eq!(shortcut(key("L")), Some(Shortcut::CopyParagraphLink));
        assert_eq!(shortcut(key("n")), Some(Shortcut::Listen));
        assert_eq!(shortcut(key("N")), Some(Shortcut::Listen));
        for other in ["a", "1", "Enter", " ", "Escape", "", "++"] {
            assert_eq!(shortcut(key(other)), None, "{other:?}");
        }
    }

    #[test]
    fn the_browsers_zoom_keys_are_left_alone() {
        for k in ["+", "=", "-", "0", "l"] {
            assert_eq!(
                shortcut(KeyPress {
                    ctrl: true,
                    ..key(k)
                }),
                None
            );
            assert_eq!(
                shortcut(KeyPress {
                    meta: true,
                    ..key(k)
                }),
                None
            );
            assert_eq!(
                shortcut(KeyPress {
                    alt: true,
                    ..key(k)
                }),
                None
            );
        }
    }

    #[test]
    fn typing_in_a_field_is_never_a_shortcut() {
        for k in ["+", "-", "0", "?", "l", "n"] {
            assert_eq!(
                shortcut(KeyPress {
                    in_text_field: true,
                    ..key(k)
                }),
                None
            );
        }
    }

    #[test]
    fn the_help_lists_every_shortcut() {
        let listed: Vec<&str> = HELP.iter().map(|(_, what)| *what).collect();
        assert_eq!(
            listed,
            [
                "Tăng cỡ chữ",
                "Giảm cỡ chữ",
                "Đặt lại cỡ chữ",
                "Chép liên kết đến đoạn đang đọc (trong bài viết)",
                "Nghe bài viết, tạm dừng hoặc nghe tiếp (trong bài viết)",
                "Mở bảng phím tắt này"
            ]
        );
    }
}
