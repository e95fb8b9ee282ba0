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
/// The page's script (src/page_script.rs) reads and writes the same key.
pub const FONT_SCALE_KEY: &str = "bantin.font-scale";
/// The CSS custom property on `<html>` that every article text size derives from.
pub const FONT_SCALE_PROPERTY: &str = "--font-scale";
/// The attribute on `<html>` in which the page's script puts the stored size
/// (`"125"`): the islands start from it when storage is blocked.
pub const FONT_SCALE_ATTRIBUTE: &str = "data-font-scale";
/// The CSS custom property on `<html>` in which the page's script puts the
/// size's label as a CSS string (`"125%"`): the pre-rendered toolbar shows it
/// until the islands label it themselves, so the stylesheet types no step.
pub const FONT_SCALE_LABEL_PROPERTY: &str = "--font-scale-label";

/// False when the components are rendered on the host (the build's
/// pre-rendered pages): there is no window, storage or `<html>` to touch, and
/// the reader's stored choices are unknown until the page's own script runs.
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

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
    if !IN_BROWSER {
        return Err(PrefsError::Unavailable("not in a browser".into()));
    }
    let window = web_sys::window().ok_or_else(|| PrefsError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(PrefsError::Unavailable("localStorage is null".into())),
        Err(e) => Err(PrefsError::Unavailable(describe(&e))),
    }
}

pub(crate) fn read_item(key: &str) -> Result<Option<String>, PrefsError> {
    local_storage()?
        .get_item(key)
        .map_err(|e| PrefsError::Unavailable(describe(&e)))
}

/// Stores a value (`QuotaExceededError` and friends come back as errors).
pub(crate) fn write_item(key: &str, value: &str) -> Result<(), PrefsError> {
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

/// How a preference shows on the page: one write on `<html>`, after which
/// `style/main.css` does the rest and nothing is re-rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppliedAs {
    /// A CSS custom property (the size: `--font-scale`).
    Property(&'static str),
    /// An attribute (the reading choices: `data-theme`, …).
    Attribute(&'static str),
}

/// A preference kept in localStorage: the text size and each reading choice.
/// [`Pref`] gives every one of them the same behaviour.
pub trait Preference: Copy + Eq + Default + Send + Sync + 'static {
    /// The localStorage key. The page's script reads the same.
    const KEY: &'static str;
    const APPLIED_AS: AppliedAs;
    /// The attribute on `<html>` holding the stored form of what the page
    /// shows: set by the page's script and by [`apply`], read when storage
    /// is blocked (so a choice made before the app started is kept).
    const SHOWN_IN: &'static str;
    /// Interprets a stored value; `None` (absent, corrupt) means the default.
    fn from_stored(raw: &str) -> Option<Self>;
    fn to_stored(self) -> String;
    /// The property's or attribute's value.
    fn applied_value(self) -> String;
}

impl Preference for FontScale {
    const KEY: &'static str = FONT_SCALE_KEY;
    const APPLIED_AS: AppliedAs = AppliedAs::Property(FONT_SCALE_PROPERTY);
    const SHOWN_IN: &'static str = FONT_SCALE_ATTRIBUTE;
    fn from_stored(raw: &str) -> Option<Self> {
        FontScale::from_stored(raw)
    }
    fn to_stored(self) -> String {
        FontScale::to_stored(self)
    }
    fn applied_value(self) -> String {
        self.css_value()
    }
}

impl<T: Choice> Preference for T {
    const KEY: &'static str = T::KEY;
    const APPLIED_AS: AppliedAs = AppliedAs::Attribute(T::ATTRIBUTE);
    const SHOWN_IN: &'static str = T::ATTRIBUTE;
    fn from_stored(raw: &str) -> Option<Self> {
        <T as Choice>::from_stored(raw)
    }
    fn to_stored(self) -> String {
        self.name().to_string()
    }
    fn applied_value(self) -> String {
        self.name().to_string()
    }
}

/// The stored value of a preference. `Ok(None)` when nothing usable is stored
/// (absent, corrupt or not one of its values).
pub fn read<T: Preference>() -> Result<Option<T>, PrefsError> {
    Ok(read_item(T::KEY)?.as_deref().and_then(T::from_stored))
}

/// Stores a preference.
pub fn write<T: Preference>(value: T) -> Result<(), PrefsError> {
    write_item(T::KEY, &value.to_stored())
}

/// Applies a preference: one write on `<html>`.
pub fn apply<T: Preference>(value: T) {
    let Some(root) = root_element() else {
        return;
    };
    let done = match T::APPLIED_AS {
        AppliedAs::Property(name) => root
            .set_attribute(T::SHOWN_IN, &value.to_stored())
            .and_then(|()| match root.dyn_into::<web_sys::HtmlElement>() {
                Ok(root) => root.style().set_property(name, &value.applied_value()),
                Err(_) => Ok(()),
            }),
        AppliedAs::Attribute(name) => root.set_attribute(name, &value.applied_value()),
    };
    if let Err(e) = done {
        warn(&format!("could not apply {}: {}", T::KEY, describe(&e)));
    }
}

fn root_element() -> Option<web_sys::Element> {
    if !IN_BROWSER {
        return None;
    }
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
    if !IN_BROWSER {
        return; // pre-rendering on the host: "no storage" is expected
    }
    web_sys::console::warn_1(&JsValue::from_str(&format!("bantin: {message}")));
}

/// One preference on this page: read once (the default on any problem),
/// applied, written only when the reader chooses, followed across tabs.
pub struct Pref<T: Preference> {
    value: RwSignal<T>,
}

// Derived impls would demand `T: Clone`, which `Preference` already is;
// spelled out so `Pref<T>` is `Copy` for any `T`.
impl<T: Preference> Clone for Pref<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Preference> Copy for Pref<T> {}

impl<T: Preference> Pref<T> {
    /// Reads, applies, and follows other tabs for as long as the current owner lives.
    fn load() -> Pref<T> {
        let initial = read::<T>()
            .unwrap_or_else(|e| {
                warn(&e.to_string());
                // No storage: what the page shows (a choice made on the
                // pre-rendered page before the app started) still holds.
                root_element()
                    .and_then(|root| root.get_attribute(T::SHOWN_IN))
                    .as_deref()
                    .and_then(T::from_stored)
            })
            .unwrap_or_default();
        apply(initial);
        let pref = Pref {
            value: RwSignal::new(initial),
        };
        // Another tab changed storage: follow it, without writing back.
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            if concerns(ev.key().as_deref(), T::KEY) {
                pref.show(
                    ev.new_value()
                        .as_deref()
                        .and_then(T::from_stored)
                        .unwrap_or_default(),
                );
            }
        });
        on_cleanup(move || handle.remove());
        pref
    }

    /// The current value (tracked).
    pub fn get(self) -> T {
        self.value.get()
    }

    /// The current value, without subscribing (for event handlers).
    pub fn current(self) -> T {
        self.value.get_untracked()
    }

    /// The reader chose: apply it and remember it. A storage failure is
    /// logged; the choice still holds for this page.
    pub fn choose(self, value: T) {
        self.show(value);
        if let Err(e) = write(value) {
            warn(&e.to_string());
        }
    }

    /// Back to the default, with nothing left stored.
    fn reset(self) {
        self.show(T::default());
        if let Err(e) = remove_item(T::KEY) {
            warn(&e.to_string());
        }
    }

    fn show(self, value: T) {
        if self.current() != value {
            self.value.set(value);
        }
        apply(value);
    }
}

/// The text size shared by the toolbar and the page, provided once by `App` (or,
/// on a pre-rendered page, for all the islands, the islands' start in src/bin/reader.rs):
/// a [`Pref`] plus what the polite live region says after a change.
#[derive(Clone, Copy)]
pub struct FontScaleCtx {
    size: Pref<FontScale>,
    announcement: RwSignal<String>,
    /// Whether the toolbar's label is the app's: not on the host, and not
    /// until the islands have attached to a pre-rendered page's toolbar
    /// (whose label is CSS's, as the host rendered it).
    labelled: RwSignal<bool>,
}

impl FontScaleCtx {
    pub fn provide() -> FontScaleCtx {
        Self::provide_labelled(IN_BROWSER)
    }

    /// For a pre-rendered page's islands: the label stays the stylesheet's,
    /// as the host rendered it, until [`FontScaleCtx::show_label`] (once the
    /// toolbar is attached).
    pub fn provide_unlabelled() -> FontScaleCtx {
        Self::provide_labelled(false)
    }

    fn provide_labelled(labelled: bool) -> FontScaleCtx {
        let ctx = FontScaleCtx {
            size: Pref::load(),
            announcement: RwSignal::new(String::new()),
            labelled: RwSignal::new(labelled),
        };
        provide_context(ctx);
        ctx
    }

    /// The toolbar's label is the app's from now on.
    pub fn show_label(self) {
        self.labelled.set(true);
    }

    /// The context provided by `App`. Panics only if a component is used
    /// outside `App` (a programmer error the browser tests catch).
    pub fn expect() -> FontScaleCtx {
        expect_context::<FontScaleCtx>()
    }

    /// The current size (tracked).
    pub fn get(self) -> FontScale {
        self.size.get()
    }

    /// The current size, without subscribing (for event handlers).
    pub fn current(self) -> FontScale {
        self.size.current()
    }

    /// The size as the toolbar shows it ("125%"), or nothing when rendered
    /// on the host, where the reader's size is unknown, and until the islands
    /// have attached to the toolbar: the pre-rendered toolbar's label comes
    /// from CSS keyed on the size the page's script applies
    /// (`body[data-prerendered] .size-value::before`).
    pub fn label(self) -> Option<String> {
        self.labelled.get().then(|| self.get().to_string())
    }

    /// The live region's text (tracked).
    pub fn announcement(self) -> String {
        self.announcement.get()
    }

    /// The reader picked a size: applied, remembered, announced.
    pub fn choose(self, scale: FontScale) {
        self.size.choose(scale);
        self.announce();
    }

    /// Back to 100%, announced, with nothing left stored.
    pub fn reset(self) {
        self.size.reset();
        self.announce();
    }

    fn announce(self) {
        self.announcement.set(self.size.current().announcement());
    }
}

/// The reading preferences besides the size, provided once (as the size is).
#[derive(Clone, Copy)]
pub struct ReadingPrefs {
    pub spacing: Pref<LineSpacing>,
    pub width: Pref<Width>,
    pub theme: Pref<Theme>,
    pub typeface: Pref<Typeface>,
}

impl ReadingPrefs {
    pub fn provide() -> ReadingPrefs {
        let prefs = ReadingPrefs {
            spacing: Pref::load(),
            width: Pref::load(),
            theme: Pref::load(),
            typeface: Pref::load(),
        };
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
