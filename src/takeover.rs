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
        Takeover::ready_then(|| ());
    }

    /// Like [`Takeover::ready`], then runs `then` once the app's own view is
    /// the one on screen (at the next frame where there is nothing to swap).
    pub fn ready_then(then: impl FnOnce() + 'static) {
        match use_context::<Takeover>() {
            Some(takeover) => {
                request_animation_frame(move || takeover.swap_once_painted(0, Box::new(then)))
            }
            None => request_animation_frame(then),
        }
    }

    /// Swaps once the browser has reported the pre-rendered page's first
    /// paint. Paint timing arrives a frame or more after the paint itself;
    /// removing the painted text before then makes Chromium drop it as the
    /// page's largest contentful paint and count the app's identical repaint
    /// instead (measured: 3 loads in 4 reported the swap, 30–70 ms after the
    /// text was on screen). Waits at most [`MAX_WAIT_FRAMES`].
    fn swap_once_painted(self, frames: u32, then: Box<dyn FnOnce()>) {
        if frames < MAX_WAIT_FRAMES && !first_paint_reported() {
            request_animation_frame(move || self.swap_once_painted(frames + 1, then));
        } else {
            self.swap();
            then();
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

/// The longest the swap waits for paint timing (about half a second at 60 Hz).
const MAX_WAIT_FRAMES: u32 = 30;

/// Whether the first contentful paint has been reported, or can never be
/// (browsers without paint timing).
fn first_paint_reported() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    let supported = js_sys::Reflect::get(&window, &"PerformanceObserver".into())
        .and_then(|po| js_sys::Reflect::get(&po, &"supportedEntryTypes".into()))
        .ok()
        .and_then(|types| types.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|types| types.includes(&"paint".into(), 0));
    let Some(performance) = window.performance().filter(|_| supported) else {
        return true;
    };
    performance
        .get_entries_by_name("first-contentful-paint")
        .length()
        > 0
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
