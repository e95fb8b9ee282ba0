//! Starting the app, and taking over from a pre-rendered page without a
//! visible change: the app mounts hidden next to the pre-rendered content and,
//! once a route has rendered what it will show, removes that content and
//! unhides itself in the same frame.

use crate::prerender::PRERENDERED_ID;
use crate::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Swaps the app in for the pre-rendered content (present only on
/// pre-rendered pages). Routes call [`Takeover::ready`] once their content is
/// in place; later calls do nothing.
#[derive(Clone, Copy)]
pub struct Takeover(StoredValue<Option<(web_sys::Element, web_sys::Element)>, LocalStorage>);

impl Takeover {
    /// Called by a route when its content is rendered. Waits one animation
    /// frame so the whole view is in the (hidden) DOM, then swaps.
    pub fn ready() {
        if let Some(takeover) = use_context::<Takeover>() {
            request_animation_frame(move || takeover.swap());
        }
    }

    fn swap(self) {
        let Some(Some((prerendered, host))) = self.0.try_update_value(Option::take) else {
            return;
        };
        prerendered.remove();
        if let Err(e) = host.remove_attribute("hidden") {
            web_sys::console::warn_2(&"bantin: could not show the app:".into(), &e);
        }
    }
}

/// Mounts the app: into `<body>`, or hidden beside pre-rendered content.
/// On a pre-rendered page the mount waits until the browser has painted that
/// content once: on a fast connection the WASM can be ready before the first
/// frame, and building the hidden app would otherwise delay the text.
pub fn start() {
    let prerendered = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PRERENDERED_ID));
    match prerendered {
        // A frame callback runs just before the paint; a task queued from it
        // runs after.
        Some(prerendered) => request_animation_frame(move || {
            set_timeout(move || mount_beside(prerendered), std::time::Duration::ZERO)
        }),
        None => leptos::mount::mount_to_body(App),
    }
}

/// Mounts the app into a hidden element right after `prerendered`; if that
/// cannot be prepared, drops the pre-rendered content and mounts plainly.
fn mount_beside(prerendered: web_sys::Element) {
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(host) = host else {
        prerendered.remove();
        return leptos::mount::mount_to_body(App);
    };
    if host.set_attribute("hidden", "").is_err() || prerendered.after_with_node_1(&host).is_err() {
        prerendered.remove();
        host.remove();
        return leptos::mount::mount_to_body(App);
    }
    let swap = (prerendered, host.clone().into());
    leptos::mount::mount_to(host, move || {
        provide_context(Takeover(StoredValue::new_local(Some(swap))));
        view! { <App /> }
    })
    .forget();
}
