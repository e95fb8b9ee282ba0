//! The page's mark, and the moment a pre-rendered page becomes the
//! islands'. A pre-rendered page (the build marks its `<body>` with
//! [`PRERENDERED_ATTRIBUTE`]) loads the islands' own WASM
//! (src/bin/reader.rs), which attaches to the nodes the reader already has,
//! so the selection, the focus, the scroll position and every element stay
//! as they are; until then the page's script works the toolbar. Every other
//! page (the shell: the search page, an address with no page of its own, a
//! page read offline) loads the whole app (src/main.rs), which renders into
//! `<body>`.

/// The attribute on a pre-rendered page's `<body>` until its islands have
/// come alive: the page's script works the toolbar while it is there, and
/// the stylesheet labels the size from the page script's label.
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";
/// The attribute on `<html>` once a script runs in the page: the page's
/// own, in `<head>`, before the first paint (or the whole app, where it has
/// none: `make dev`). The stylesheet shows the controls that need a script
/// only under it, so a reader without JavaScript meets no dead buttons.
pub const SCRIPTED_ATTRIBUTE: &str = "data-scripted";
/// The attribute on `<html>` where the browser has a share sheet
/// (`navigator.share`): set with [`SCRIPTED_ATTRIBUTE`], before the first
/// paint, so the stylesheet shows "Chia sẻ" instead of "Chép liên kết"
/// without a shift (src/components/copy_link.rs).
pub const SHARES_ATTRIBUTE: &str = "data-shares";
/// The id of the live region the page's script adds to announce a size it
/// set; it goes when the islands take over.
pub const STATUS_ID: &str = "page-script-status";

fn body() -> Option<web_sys::HtmlElement> {
    if !crate::prefs::IN_BROWSER {
        return None; // rendering on the host: no page yet
    }
    web_sys::window()?.document()?.body()
}

/// Whether the page is pre-rendered and the app has not yet attached to it.
pub fn prerendered() -> bool {
    body().is_some_and(|b| b.has_attribute(PRERENDERED_ATTRIBUTE))
}

/// Whether the browser has a share sheet: `navigator.share` is a function
/// (checked, not called: a missing API must not throw through the WASM).
pub fn can_share() -> bool {
    crate::prefs::IN_BROWSER
        && web_sys::window().is_some_and(|w| {
            js_sys::Reflect::get(&w.navigator(), &"share".into()).is_ok_and(|f| f.is_function())
        })
}

/// Marks `<html>` as scripted ([`SCRIPTED_ATTRIBUTE`]), if the page's own
/// script has not already.
pub fn mark_scripted() {
    let root = body().and_then(|_| web_sys::window()?.document()?.document_element());
    if let Some(root) = root.filter(|r| !r.has_attribute(SCRIPTED_ATTRIBUTE)) {
        let mut marks = vec![SCRIPTED_ATTRIBUTE];
        if can_share() {
            marks.push(SHARES_ATTRIBUTE);
        }
        for mark in marks {
            if let Err(e) = root.set_attribute(mark, "") {
                web_sys::console::warn_2(&"bantin: could not mark the page:".into(), &e);
            }
        }
    }
}

/// Once the islands are attached: the page's script stops working the
/// controls (it checks the mark) and its own live region, which the
/// toolbar's replaces, goes.
pub fn finish() {
    let Some(body) = body() else {
        return;
    };
    if let Err(e) = body.remove_attribute(PRERENDERED_ATTRIBUTE) {
        web_sys::console::warn_2(&"bantin: could not finish the takeover:".into(), &e);
    }
    if let Some(status) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(STATUS_ID))
    {
        status.remove();
    }
}
