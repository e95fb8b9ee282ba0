//! An article's paragraph links: the pointer's button beside the paragraph
//! under it, "L" for the paragraph being read, and the highlight of the
//! paragraph a `#p-N` link named. One island at the end of the article's
//! body; the paragraphs themselves are the host's HTML, never touched.

use crate::components::copy_link::CopyStatus;
use crate::islands::{island, PARAGRAPHS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The paragraph links of the article at `route`: the pointer's button
/// beside the paragraph under it, "L" for the paragraph being read, and the
/// highlight of the paragraph a link named. An island ([`PARAGRAPHS`]) at the
/// end of the article's body; the paragraphs themselves are never touched.
#[component]
pub fn ParagraphLinks(
    /// The article's path.
    route: String,
) -> impl IntoView {
    island(PARAGRAPHS, route.clone(), move || paragraph_links(route))
}

/// The island's view ([`ParagraphLinks`]).
fn paragraph_links(route: String) -> impl IntoView {
    let copy_status = CopyStatus::find();
    // "L" (heard by the one shortcuts listener): the link to the paragraph being read.
    ParagraphLinkKey::while_shown(route.clone(), copy_status);
    // The pointer's paragraph (number, offset from the top of the body) and
    // the one whose link was just copied.
    let hovered = RwSignal::new(None::<(usize, i32)>);
    let copied = RwSignal::new(None::<usize>);
    // The body's paragraphs are the host's HTML: the pointer is followed on
    // the whole page, and leaving the body hides the button.
    let over = window_event_listener(leptos::ev::mouseover, move |ev| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let in_body = target
            .as_ref()
            .and_then(|e| e.closest(".article-body").ok().flatten())
            .is_some();
        if !in_body {
            if hovered.get_untracked().is_some() {
                hovered.set(None);
            }
            return;
        }
        let paragraph = target
            .and_then(|e| e.closest(BODY_PARAGRAPHS).ok().flatten())
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(p) = paragraph {
            if let Some(n) = paragraph_number(&p.id()) {
                let now = Some((n, p.offset_top()));
                if hovered.get_untracked() != now {
                    hovered.set(now);
                    copied.set(None);
                }
            }
        }
    });
    // The pointer left the window.
    let out = window_event_listener(leptos::ev::mouseout, move |ev| {
        if ev.related_target().is_none() && hovered.get_untracked().is_some() {
            hovered.set(None);
        }
    });
    on_cleanup(move || {
        over.remove();
        out.remove();
    });
    // A pre-rendered page was scrolled to the paragraph by the browser itself,
    // and the reader may have moved since: the app only marks it. An article
    // the app renders itself is scrolled to it.
    let scroll = !crate::takeover::prerendered();
    Effect::new(move || show_fragment(scroll));
    move || {
        let route = route.clone();
        hovered.get().map(move |(n, top)| {
            let copy =
                move |_| copy_paragraph_link(copy_status, &route, n, move || copied.set(Some(n)));
            view! {
                // A pointer convenience beside the paragraph under the
                // pointer; keyboard and screen-reader users have "L", so
                // it adds no tab stop and nothing to read after each
                // paragraph.
                <button
                    type="button"
                    class="para-link"
                    class:is-copied=move || copied.get() == Some(n)
                    tabindex="-1"
                    aria-hidden="true"
                    title="Chép liên kết đến đoạn này"
                    style:top=format!("{top}px")
                    on:click=copy
                ></button>
            }
        })
    }
}

/// What "L" does on the current page: copy the link to the paragraph being
/// read, while an article is shown (the article view registers its address),
/// nothing elsewhere. One listener
/// ([`Shortcuts`](crate::components::shortcuts::Shortcuts)) handles every key.
pub struct ParagraphLinkKey;

thread_local! {
    // The page's one registration: (token, the article's address, its status line).
    static PARAGRAPH_LINK: std::cell::RefCell<Option<(u64, String, CopyStatus)>> =
        const { std::cell::RefCell::new(None) };
}

impl ParagraphLinkKey {
    /// Makes "L" copy links into `route` until the calling view is cleaned
    /// up. A later view's registration is never cleared by an earlier view's
    /// cleanup (when one article replaces another, the new one may come first).
    pub fn while_shown(route: String, status: CopyStatus) {
        let token = PARAGRAPH_LINK.with_borrow_mut(|now| {
            let token = now.as_ref().map_or(0, |(t, ..)| t + 1);
            *now = Some((token, route, status));
            token
        });
        on_cleanup(move || {
            PARAGRAPH_LINK.with_borrow_mut(|now| {
                if now.as_ref().is_some_and(|(t, ..)| *t == token) {
                    *now = None;
                }
            })
        });
    }

    /// Copies the link to the paragraph being read, if an article is shown.
    pub fn run() -> bool {
        let target =
            PARAGRAPH_LINK.with_borrow(|now| now.as_ref().map(|(_, r, s)| (r.clone(), *s)));
        match target {
            Some((route, status)) => {
                copy_link_to_paragraph_being_read(status, &route);
                true
            }
            None => false,
        }
    }
}

/// A deep link like `/articles/x#p-7`: bring paragraph 7 into view once the
/// article is on screen.
fn show_fragment(scroll: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(hash) = window.location().hash() else {
        return;
    };
    let Some(id) = hash.strip_prefix('#').filter(|id| is_paragraph_id(id)) else {
        return;
    };
    if let Some(element) = window.document().and_then(|d| d.get_element_by_id(id)) {
        if scroll {
            element.scroll_into_view();
        }
        // A brief highlight shows which paragraph the link meant (style/main.css).
        if let Err(e) = element.class_list().add_1("is-target") {
            web_sys::console::warn_2(&"bantin: could not highlight the paragraph:".into(), &e);
        }
    }
}

/// The number of the paragraph being read: the first on screen whose bottom
/// is below the top quarter of the window, from `(number, top, bottom)` in
/// viewport pixels. `None` when no paragraph is on screen.
pub fn paragraph_being_read(
    paragraphs: impl IntoIterator<Item = (usize, f64, f64)>,
    viewport_height: f64,
) -> Option<usize> {
    paragraphs
        .into_iter()
        .find(|&(_, _, bottom)| bottom > viewport_height / 4.0)
        .filter(|&(_, top, _)| top < viewport_height)
        .map(|(n, _, _)| n)
}

/// The numbered paragraphs of the article (a quote's inner `<p>` has no id).
const BODY_PARAGRAPHS: &str = ".article-body > p[id]";

/// Copies the link to paragraph `n` of the article at `route`, and says so.
fn copy_paragraph_link(
    status: CopyStatus,
    route: &str,
    n: usize,
    on_done: impl FnOnce() + 'static,
) {
    status.copy(
        format!("{route}#p-{n}"),
        format!("Đã chép liên kết đến đoạn {n}."),
        on_done,
    );
}

/// What "L" does in an article: copy the link to the paragraph being read.
pub fn copy_link_to_paragraph_being_read(status: CopyStatus, route: &str) {
    match paragraph_on_screen() {
        Some(n) => copy_paragraph_link(status, route, n, || ()),
        None => status.say("Không có đoạn văn nào trên màn hình để chép liên kết."),
    }
}

/// The paragraph being read, measured in the page.
pub fn paragraph_on_screen() -> Option<usize> {
    let window = web_sys::window()?;
    let height = window.inner_height().ok()?.as_f64()?;
    let list = window
        .document()?
        .query_selector_all(BODY_PARAGRAPHS)
        .ok()?;
    let paragraphs = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|p| {
            let rect = p.get_bounding_client_rect();
            Some((paragraph_number(&p.id())?, rect.top(), rect.bottom()))
        });
    paragraph_being_read(paragraphs, height)
}

/// `7` for `p-7`.
pub fn paragraph_number(id: &str) -> Option<usize> {
    is_paragraph_id(id).then(|| id[2..].parse().ok()).flatten()
}

/// `p-` followed by 1–6 digits.
pub fn is_paragraph_id(id: &str) -> bool {
    id.strip_prefix("p-")
        .is_some_and(|n| (1..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}
