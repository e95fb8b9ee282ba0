//! The reader's preferences in localStorage, and the app-wide text-size state.
//!
//! Contract (after leptos-use's `use_storage`): storage errors are values that
//! get logged, never panics; nothing is written until the reader changes
//! something; a corrupt stored value means the default and is left alone until
//! the reader picks a size; other tabs follow through the `storage` event.

use crate::font_scale::FontScale;
use crate::reading::{Choice, LineSpacing, Theme, Typeface, Width};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The localStorage key for the text size, holding the integer percentage (`"125"`).
/// `index.html`'s no-flash script reads the same key.
pub const FONT_SCALE_KEY: &str = "bantin.font-scale";
/// The CSS custom property on `<html>` that every article text size derives from.
pub const FONT_SCALE_PROPERTY: &str = "--font-scale";

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PrefsError {
    #[error("localStorage is not available: {0}")]
    Unavailable(String),
    #[error("localStorage refused the write: {0}")]
    WriteFailed(String),
}

fn describe(err: &JsValue) -> String {
    err.dyn_ref::<web_sys::DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| format!("{err:?}"))
}

/// The storage object, or why there is none (blocked cookies and private modes
/// make the `localStorage` getter itself throw `SecurityError`).
fn local_storage() -> Result<web_sys::Storage, PrefsError> {
    let window = web_sys::window().ok_or_else(|| PrefsError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(PrefsError::Unavailable("localStorage is null".into())),
        Err(e) => Err(PrefsError::Unavailable(describe(&e))),
    }
}

fn read_item(key: &str) -> Result<Option<String>, PrefsError> {
    local_storage()?
        .get_item(key)
        .map_err(|e| PrefsError::Unavailable(describe(&e)))
}

/// Stores a value (`QuotaExceededError` and friends come back as errors).
fn write_item(key: &str, value: &str) -> Result<(), PrefsError> {
    local_storage()?
        .set_item(key, value)
        .map_err(|e| PrefsError::WriteFailed(describe(&e)))
}

/// Forgets a value: back to the default, and nothing of ours left stored.
fn remove_item(key: &str) -> Result<(), PrefsError> {
    local_storage()?
        .remove_item(key)
        .map_err(|e| PrefsError::WriteFailed(describe(&e)))
}

/// The stored text size. `Ok(None)` when nothing usable is stored (absent,
/// corrupt or not one of the steps).
pub fn read_font_scale() -> Result<Option<FontScale>, PrefsError> {
    Ok(read_item(FONT_SCALE_KEY)?
        .as_deref()
        .and_then(FontScale::from_stored))
}

/// Stores the text size.
pub fn write_font_scale(scale: FontScale) -> Result<(), PrefsError> {
    write_item(FONT_SCALE_KEY, &scale.to_stored())
}

/// Applies the size: one write of the custom property on `<html>`; the
/// browser reflows, nothing is re-rendered.
pub fn apply_font_scale(scale: FontScale) {
    let root = root_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        if let Err(e) = root
            .style()
            .set_property(FONT_SCALE_PROPERTY, &scale.css_value())
        {
            warn(&format!("could not apply the text size: {}", describe(&e)));
        }
    }
}

fn root_element() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
}

/// Whether a `storage` event for `key` touches `ours`: the key is null when
/// another tab cleared all of storage.
fn concerns(key: Option<&str>, ours: &str) -> bool {
    key.is_none_or(|k| k == ours)
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("bantin: {message}")));
}

/// The text size shared by the toolbar and the page: a newtype over the
/// signals, provided once by `App`.
#[derive(Clone, Copy)]
pub struct FontScaleCtx {
    scale: RwSignal<FontScale>,
    /// What the polite live region says after the reader changes the size.
    announcement: RwSignal<String>,
}

impl FontScaleCtx {
    /// Reads the stored size (default on any problem), applies it, listens
    /// for other tabs, and provides the context.
    pub fn provide() -> FontScaleCtx {
        let initial = read_font_scale().unwrap_or_else(|e| {
            warn(&e.to_string());
            None
        });
        let initial = initial.unwrap_or_default();
        apply_font_scale(initial);
        let ctx = FontScaleCtx {
            scale: RwSignal::new(initial),
            announcement: RwSignal::new(String::new()),
        };
        // Another tab changed the size: follow it, without writing back.
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            if concerns(ev.key().as_deref(), FONT_SCALE_KEY) {
                let scale = ev
                    .new_value()
                    .as_deref()
                    .and_then(FontScale::from_stored)
                    .unwrap_or_default();
                ctx.show(scale);
            }
        });
        on_cleanup(move || handle.remove());
        provide_context(ctx);
        ctx
    }

    /// The context provided by `App`. Panics only if a component is used
    /// outside `App` (a programmer error the browser tests catch).
    pub fn expect() -> FontScaleCtx {
        expect_context::<FontScaleCtx>()
    }

    /// The current size (tracked).
    pub fn get(self) -> FontScale {
        self.scale.get()
    }

    /// The current size, without subscribing (for event handlers).
    pub fn current(self) -> FontScale {
        self.scale.get_untracked()
    }

    /// The live region's text (tracked).
    pub fn announcement(self) -> String {
        self.announcement.get()
    }

    /// The reader picked a size: apply it, announce it, remember it. A
    /// storage failure is logged; the size still holds for this page.
    pub fn choose(self, scale: FontScale) {
        self.show_and_announce(scale);
        if let Err(e) = write_font_scale(scale) {
            warn(&e.to_string());
        }
    }

    /// Back to 100%, announced, with nothing left stored.
    pub fn reset(self) {
        self.show_and_announce(FontScale::default());
        if let Err(e) = remove_item(FONT_SCALE_KEY) {
            warn(&e.to_string());
        }
    }

    fn show_and_announce(self, scale: FontScale) {
        self.show(scale);
        self.announcement.set(format!("Cỡ chữ {scale}"));
    }

    fn show(self, scale: FontScale) {
        if self.current() != scale {
            self.scale.set(scale);
        }
        apply_font_scale(scale);
    }
}

/// One reading preference (line spacing, width, theme or typeface), with the
/// same contract as the size: read once, applied as an attribute on `<html>`,
/// written only when the reader chooses, followed across tabs.
pub struct Pref<T: Choice> {
    value: RwSignal<T>,
}

// Derived impls would demand `T: Clone`, which `Choice` already is; spelled
// out so `Pref<T>` is `Copy` for any `T`.
impl<T: Choice> Clone for Pref<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Choice> Copy for Pref<T> {}

impl<T: Choice> Pref<T> {
    fn load() -> Pref<T> {
        let stored = read_item(T::KEY).unwrap_or_else(|e| {
            warn(&e.to_string());
            None
        });
        let initial = stored
            .as_deref()
            .and_then(T::from_stored)
            .unwrap_or_default();
        apply_choice(initial);
        Pref {
            value: RwSignal::new(initial),
        }
    }

    /// The current choice (tracked).
    pub fn get(self) -> T {
        self.value.get()
    }

    /// The reader chose: apply it and remember it. A storage failure is
    /// logged; the choice still holds for this page.
    pub fn choose(self, choice: T) {
        self.show(choice);
        if let Err(e) = write_item(T::KEY, choice.name()) {
            warn(&e.to_string());
        }
    }

    fn reset(self) {
        self.show(T::default());
        if let Err(e) = remove_item(T::KEY) {
            warn(&e.to_string());
        }
    }

    /// Another tab changed storage.
    fn follow(self, key: Option<&str>, new_value: Option<&str>) {
        if concerns(key, T::KEY) {
            self.show(new_value.and_then(T::from_stored).unwrap_or_default());
        }
    }

    fn show(self, choice: T) {
        if self.value.get_untracked() != choice {
            self.value.set(choice);
        }
        apply_choice(choice);
    }
}

/// One attribute write on `<html>`; `style/main.css` does the rest.
fn apply_choice<T: Choice>(choice: T) {
    if let Some(root) = root_element() {
        if let Err(e) = root.set_attribute(T::ATTRIBUTE, choice.name()) {
            warn(&format!("could not apply {}: {}", T::KEY, describe(&e)));
        }
    }
}

/// The reading preferences besides the size, provided once by `App`.
#[derive(Clone, Copy)]
pub struct ReadingPrefs {
    pub spacing: Pref<LineSpacing>,
    pub width: Pref<Width>,
    pub theme: Pref<Theme>,
    pub typeface: Pref<Typeface>,
}

impl ReadingPrefs {
    /// Reads and applies every stored preference, follows other tabs, and
    /// provides the context.
    pub fn provide() -> ReadingPrefs {
        let prefs = ReadingPrefs {
            spacing: Pref::load(),
            width: Pref::load(),
            theme: Pref::load(),
            typeface: Pref::load(),
        };
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            let (key, new_value) = (ev.key(), ev.new_value());
            let (key, new_value) = (key.as_deref(), new_value.as_deref());
            prefs.spacing.follow(key, new_value);
            prefs.width.follow(key, new_value);
            prefs.theme.follow(key, new_value);
            prefs.typeface.follow(key, new_value);
        });
        on_cleanup(move || handle.remove());
        provide_context(prefs);
        prefs
    }

    /// The context provided by `App` (a programmer error elsewhere).
    pub fn expect() -> ReadingPrefs {
        expect_context::<ReadingPrefs>()
    }

    /// Whether anything differs from the defaults, the size included (tracked).
    pub fn all_default(self, size: FontScaleCtx) -> bool {
        size.get().is_default()
            && self.spacing.get().is_default()
            && self.width.get().is_default()
            && self.theme.get().is_default()
            && self.typeface.get().is_default()
    }

    /// Every preference and the size back to the defaults, and nothing left stored.
    pub fn reset_all(self, size: FontScaleCtx) {
        size.reset();
        self.spacing.reset();
        self.width.reset();
        self.theme.reset();
        self.typeface.reset();
    }
}
