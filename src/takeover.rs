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
    if prerendered.is_some() {
        // A frame callback runs just before the paint; a task queued from it
        // runs after.
        request_animation_frame(|| set_timeout(mount, std::time::Duration::ZERO));
    } else {
        leptos::mount::mount_to_body(App);
    }
}

fn mount() {
    let document = web_sys::window().and_then(|w| w.document());
    let prerendered = document
        .as_ref()
        .and_then(|d| d.get_element_by_id(PRERENDERED_ID));
    let host = document.as_ref().and_then(|d| d.create_element("div").ok());
    match (prerendered, host) {
        (Some(prerendered), Some(host)) => {
            let hidden = host.set_attribute("hidden", "");
            let placed = prerendered.after_with_node_1(&host);
            if hidden.is_err() || placed.is_err() {
                // Could not prepare the swap: show the app the plain way.
                prerendered.remove();
                host.remove();
                return leptos::mount::mount_to_body(App);
            }
            let Ok(host_el) = host.clone().dyn_into::<web_sys::HtmlElement>() else {
                return leptos::mount::mount_to_body(App);
            };
            leptos::mount::mount_to(host_el, move || {
                provide_context(Takeover(StoredValue::new_local(Some((prerendered, host)))));
                view! { <App /> }
            })
            .forget();
        }
        _ => leptos::mount::mount_to_body(App),
    }
}
