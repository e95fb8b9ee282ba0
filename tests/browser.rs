//! Browser tests: the toolbar and the storage layer in headless Chromium, with
//! a real DOM and a real localStorage. Run by `make test-browser`.
#![cfg(target_arch = "wasm32")]

use bantin::components::toolbar::Toolbar;
use bantin::font_scale::FontScale;
use bantin::prefs::{
    self, FontScaleCtx, ReadingPrefs, FONT_SCALE_ATTRIBUTE, FONT_SCALE_KEY, FONT_SCALE_PROPERTY,
};
use bantin::reading::{Choice, LineSpacing, Theme, Typeface, Width};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

fn document() -> web_sys::Document {
    window().document().expect("a document")
}

fn storage() -> web_sys::Storage {
    window().local_storage().expect("storage").expect("storage")
}

fn stored() -> Option<String> {
    storage().get_item(FONT_SCALE_KEY).expect("readable")
}

fn root_scale() -> String {
    document()
        .document_element()
        .expect("<html>")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("html element")
        .style()
        .get_property_value(FONT_SCALE_PROPERTY)
        .expect("style readable")
}

/// A fresh start: empty storage, no size or choice on `<html>`, a new container.
fn fresh() -> web_sys::HtmlElement {
    storage().clear().expect("clear");
    let root = document()
        .document_element()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    root.style().remove_property(FONT_SCALE_PROPERTY).unwrap();
    for attribute in [
        FONT_SCALE_ATTRIBUTE,
        LineSpacing::ATTRIBUTE,
        Width::ATTRIBUTE,
        Theme::ATTRIBUTE,
        Typeface::ATTRIBUTE,
    ] {
        root.remove_attribute(attribute).unwrap();
    }
    let el = document()
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn mount_toolbar(el: web_sys::HtmlElement) -> impl Drop {
    mount_to(el, || {
        FontScaleCtx::provide();
        ReadingPrefs::provide();
        view! { <Toolbar /> }
    })
}

/// The button with this accessible name, inside `el`: its `aria-label`, or
/// else its text without the parts hidden from assistive technology.
fn button(el: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlButtonElement {
    let buttons = el.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| {
            buttons
                .item(i)?
                .dyn_into::<web_sys::HtmlButtonElement>()
                .ok()
        })
        .find(|b| {
            let label = b.get_attribute("aria-label").unwrap_or_else(|| {
                let visible = b
                    .query_selector("[aria-hidden=true]")
                    .unwrap()
                    .and_then(|h| h.text_content());
                let all = b.text_content().unwrap_or_default();
                all.replacen(visible.as_deref().unwrap_or(""), "", 1)
            });
            label.trim() == name
        })
        .unwrap_or_else(|| panic!("no button named {name}"))
}

fn shown_size(el: &web_sys::HtmlElement) -> String {
    el.query_selector("[data-testid=font-size]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
}

fn announcement(el: &web_sys::HtmlElement) -> String {
    el.query_selector("[role=status]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
}

async fn tick() {
    leptos::task::tick().await;
}

/// Replaces `window.localStorage` with a getter that throws, as when the
/// browser blocks storage; returns the original descriptor for restoring.
fn block_storage() -> JsValue {
    let descriptor = js_sys::Object::get_own_property_descriptor(&window(), &"localStorage".into());
    let getter = js_sys::Function::new_no_args(
        "throw new DOMException('The operation is insecure.', 'SecurityError')",
    );
    let blocked = js_sys::Object::new();
    js_sys::Reflect::set(&blocked, &"get".into(), &getter).unwrap();
    js_sys::Reflect::set(&blocked, &"configurable".into(), &true.into()).unwrap();
    js_sys::Object::define_property(&window(), &"localStorage".into(), &blocked);
    descriptor
}

fn restore_storage(descriptor: JsValue) {
    js_sys::Object::define_property(
        &window(),
        &"localStorage".into(),
        descriptor.unchecked_ref(),
    );
}

/// Makes `setItem` throw `QuotaExceededError`; returns the original method.
fn fill_quota() -> JsValue {
    let proto = js_sys::Reflect::get(&js_sys::global(), &"Storage".into())
        .and_then(|s| js_sys::Reflect::get(&s, &"prototype".into()))
        .unwrap();
    let original = js_sys::Reflect::get(&proto, &"setItem".into()).unwrap();
    let thrower = js_sys::Function::new_no_args(
        "throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')",
    );
    js_sys::Reflect::set(&proto, &"setItem".into(), &thrower).unwrap();
    original
}

fn restore_quota(original: JsValue) {
    let proto = js_sys::Reflect::get(&js_sys::global(), &"Storage".into())
        .and_then(|s| js_sys::Reflect::get(&s, &"prototype".into()))
        .unwrap();
    js_sys::Reflect::set(&proto, &"setItem".into(), &original).unwrap();
}

#[wasm_bindgen_test]
async fn starts_at_100_percent_and_writes_nothing() {
    let el = fresh();
    let _app = mount_toolbar(el.clone());
    tick().await;
    assert_eq!(shown_size(&el), "100%");
    assert_eq!(
        stored(),
        None,
        "no write of the default when nothing is stored"
    );
    assert_eq!(announcement(&el), "", "nothing announced on load");
    assert!(button(&el, "Đặt lại cỡ chữ").disabled());
}

#[wasm_bindgen_test]
async fn larger_applies_announces_and_stores_the_size() {
    let el = fresh();
    let _app = mount_toolbar(el.clone());
    button(&el, "Tăng cỡ chữ").click();
    tick().await;
    assert_eq!(shown_size(&el), "110%");
    assert_eq!(root_scale(), "1.1");
    assert_eq!(stored().as_deref(), Some("110"));
    assert_eq!(announcement(&el), "Cỡ chữ 110%");
    assert_eq!(
        el.query_selector("[role=status]")
            .unwrap()
            .unwrap()
            .get_attribute("aria-live")
            .as_deref(),
        Some("polite")
    );
    button(&el, "Giảm cỡ chữ").click();
    button(&el, "Giảm cỡ chữ").click();
    tick().await;
    assert_eq!(shown_size(&el), "90%");
    assert_eq!(stored().as_deref(), Some("90"));
    button(&el, "Đặt lại cỡ chữ").click();
    tick().await;
    assert_eq!(shown_size(&el), "100%");
    assert_eq!(root_scale(), "1");
}

#[wasm_bindgen_test]
async fn buttons_are_disabled_at_the_ends() {
    let el = fresh();
    let _app = mount_toolbar(el.clone());
    for _ in 0..20 {
        button(&el, "Tăng cỡ chữ").click();
        tick().await;
    }
    assert_eq!(shown_size(&el), "200%");
    assert!(button(&el, "Tăng cỡ chữ").disabled());
    assert!(!button(&el, "Giảm cỡ chữ").disabled());
    for _ in 0..20 {
        button(&el, "Giảm cỡ chữ").click();
        tick().await;
    }
    assert_eq!(shown_size(&el), "80%");
    assert!(button(&el, "Giảm cỡ chữ").disabled());
    assert!(!button(&el, "Tăng cỡ chữ").disabled());
}

#[wasm_bindgen_test]
async fn a_stored_size_is_read_back() {
    let el = fresh();
    storage().set_item(FONT_SCALE_KEY, "150").unwrap();
    let _app = mount_toolbar(el.clone());
    tick().await;
    assert_eq!(shown_size(&el), "150%");
    assert_eq!(root_scale(), "1.5");
}

#[wasm_bindgen_test]
async fn corrupt_stored_values_mean_the_default_and_are_not_overwritten() {
    for raw in [
        "abc",
        "99999",
        "-5",
        "",
        "NaN",
        "1e309",
        "125.5",
        "{\"v\":125}",
    ] {
        let el = fresh();
        storage().set_item(FONT_SCALE_KEY, raw).unwrap();
        let app = mount_toolbar(el.clone());
        tick().await;
        assert_eq!(shown_size(&el), "100%", "{raw:?}");
        assert_eq!(
            stored().as_deref(),
            Some(raw),
            "{raw:?} left alone until the reader acts"
        );
        drop(app);
    }
}

#[wasm_bindgen_test]
async fn blocked_storage_keeps_the_toolbar_working_in_memory() {
    let el = fresh();
    let saved = block_storage();
    assert!(prefs::read::<FontScale>().is_err(), "the getter throws");
    let app = mount_toolbar(el.clone());
    button(&el, "Tăng cỡ chữ").click();
    tick().await;
    assert_eq!(shown_size(&el), "110%");
    assert_eq!(root_scale(), "1.1");
    drop(app);
    restore_storage(saved);
    assert_eq!(stored(), None);
}

#[wasm_bindgen_test]
async fn with_storage_blocked_the_size_the_page_shows_is_kept() {
    // The page's script set 125% on <html> before the app started, and
    // could not store it: the app starts from what the reader sees.
    let el = fresh();
    let saved = block_storage();
    let root = document().document_element().unwrap();
    root.set_attribute(FONT_SCALE_ATTRIBUTE, "125").unwrap();
    root.set_attribute(Theme::ATTRIBUTE, "sepia").unwrap();
    let app = mount_toolbar(el.clone());
    tick().await;
    assert_eq!(shown_size(&el), "125%");
    assert_eq!(root_scale(), "1.25");
    assert_eq!(
        root.get_attribute(Theme::ATTRIBUTE).as_deref(),
        Some("sepia")
    );
    button(&el, "Tăng cỡ chữ").click();
    tick().await;
    assert_eq!(shown_size(&el), "150%");
    assert_eq!(
        root.get_attribute(FONT_SCALE_ATTRIBUTE).as_deref(),
        Some("150")
    );
    drop(app);
    restore_storage(saved);
}

#[wasm_bindgen_test]
async fn a_full_quota_keeps_the_size_for_this_page() {
    let el = fresh();
    let original = fill_quota();
    assert!(matches!(
        prefs::write(FontScale::MAX),
        Err(prefs::PrefsError::WriteFailed(_))
    ));
    let app = mount_toolbar(el.clone());
    button(&el, "Tăng cỡ chữ").click();
    tick().await;
    restore_quota(original);
    assert_eq!(shown_size(&el), "110%");
    assert_eq!(root_scale(), "1.1");
    assert_eq!(stored(), None);
    drop(app);
}

/// Another tab's change arrives as a `storage` event on this window.
fn storage_event(new_value: Option<&str>) -> web_sys::StorageEvent {
    storage_event_for(FONT_SCALE_KEY, new_value)
}

fn storage_event_for(key: &str, new_value: Option<&str>) -> web_sys::StorageEvent {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(new_value);
    web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap()
}

#[wasm_bindgen_test]
async fn another_tab_changing_the_size_is_followed_without_writing_back() {
    let el = fresh();
    let _app = mount_toolbar(el.clone());
    window()
        .dispatch_event(&storage_event(Some("175")))
        .unwrap();
    tick().await;
    assert_eq!(shown_size(&el), "175%");
    assert_eq!(root_scale(), "1.75");
    assert_eq!(stored(), None, "the event is not echoed into storage");

    window()
        .dispatch_event(&storage_event(Some("garbage")))
        .unwrap();
    tick().await;
    assert_eq!(
        shown_size(&el),
        "100%",
        "garbage from another tab means the default"
    );
    assert_eq!(stored(), None, "and is not written back");
}

fn root_attribute(name: &str) -> Option<String> {
    document().document_element().unwrap().get_attribute(name)
}

/// Opens "Tùy chọn" and clicks the radio button `value` of group `group`.
async fn choose(el: &web_sys::HtmlElement, group: &str, value: &str) {
    if el.query_selector("#reading-prefs").unwrap().is_none() {
        button(el, "Tùy chọn").click();
        tick().await;
    }
    el.query_selector(&format!("input[name={group}][value={value}]"))
        .unwrap()
        .expect("the radio button")
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    tick().await;
}

#[wasm_bindgen_test]
async fn a_preference_chosen_in_the_panel_is_applied_and_stored() {
    let el = fresh();
    let _app = mount_toolbar(el.clone());
    tick().await;
    assert_eq!(root_attribute("data-theme").as_deref(), Some("auto"));
    choose(&el, "theme", "sepia").await;
    assert_eq!(root_attribute("data-theme").as_deref(), Some("sepia"));
    assert_eq!(
        storage().get_item(Theme::KEY).unwrap().as_deref(),
        Some("sepia")
    );
    choose(&el, "line-spacing", "loose").await;
    assert_eq!(
        root_attribute("data-line-spacing").as_deref(),
        Some("loose")
    );
    button(&el, "Đặt lại tất cả").click();
    tick().await;
    assert_eq!(root_attribute("data-theme").as_deref(), Some("auto"));
    assert_eq!(
        root_attribute("data-line-spacing").as_deref(),
        Some("normal")
    );
    assert_eq!(storage().get_item(Theme::KEY).unwrap(), None);
    assert_eq!(storage().get_item(LineSpacing::KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn preferences_work_in_memory_when_storage_is_blocked() {
    let el = fresh();
    let saved = block_storage();
    let app = mount_toolbar(el.clone());
    choose(&el, "theme", "dark").await;
    assert_eq!(root_attribute("data-theme").as_deref(), Some("dark"));
    drop(app);
    restore_storage(saved);
    assert_eq!(storage().get_item(Theme::KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn another_tab_changing_a_preference_is_followed_and_garbage_means_the_default() {
    let el = fresh();
    let _app = mount_toolbar(el.clone());
    window()
        .dispatch_event(&storage_event_for(Theme::KEY, Some("dark")))
        .unwrap();
    tick().await;
    assert_eq!(root_attribute("data-theme").as_deref(), Some("dark"));
    window()
        .dispatch_event(&storage_event_for(Theme::KEY, Some("<b>purple</b>")))
        .unwrap();
    tick().await;
    assert_eq!(root_attribute("data-theme").as_deref(), Some("auto"));
    assert_eq!(
        storage().get_item(Theme::KEY).unwrap(),
        None,
        "nothing written back"
    );
}
