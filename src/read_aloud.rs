//! "Nghe bài viết" in the browser: the article read aloud with the device's
//! Vietnamese voice (`speechSynthesis`), a sentence at a time
//! (`crate::speech` decides what and with which voice).
//!
//! This is the speaking part's binary's (src/bin/listen.rs), not the
//! islands': the page's script loads it on the first press of "Nghe"
//! (`crate::components::listen`), so only readers who listen download it.
//! Plain `web_sys`, no Leptos: it works the control the host rendered, by
//! its attributes, and the stylesheet shows what each state needs.
//!
//! Pause cancels the utterance and resume says its sentence again: the
//! engines' own pause is unreliable (Chrome on Android ignores it, and a
//! paused Chrome drops its queue after a while).

use crate::components::listen::{
    button_selector, ACTION_ATTRIBUTE, CONTROL_CLASS, PLAY, RATE, READY_ATTRIBUTE, STATE_ATTRIBUTE,
    STATUS_SELECTOR, STOP, VOICE_ATTRIBUTE,
};
use crate::components::paragraph_links::{paragraph_number, paragraph_on_screen};
use crate::speech::{self, Piece, Start, Voice, LANG, RATES, RATE_KEY};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// What is read, in document order: the title, the lead, then the body's
/// paragraphs, headings, quotes and list items (not the photos' captions).
const READ: &str = ".article-title, .article-header .lead, .article-body > p[id], .article-body > h2, .article-body > blockquote > p, .article-body li";

/// The block being read (style/main.css marks it).
pub const SPEAKING_CLASS: &str = "is-speaking";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Idle,
    Speaking,
    Paused,
}

impl State {
    fn name(self) -> &'static str {
        match self {
            State::Idle => "idle",
            State::Speaking => "speaking",
            State::Paused => "paused",
        }
    }
}

struct Reader {
    synth: SpeechSynthesis,
    voice: SpeechSynthesisVoice,
    /// The blocks read, and the pieces of them from where reading started.
    blocks: Vec<Element>,
    pieces: Vec<Piece>,
    /// The piece being read (or to read on resume).
    at: usize,
    state: State,
    /// An index into [`RATES`].
    rate: usize,
    /// The utterance being spoken: an event from any other is stale.
    current: Option<SpeechSynthesisUtterance>,
    /// Whether reading has started on this page before (a `#p-N` link
    /// gives the first start's place only).
    started: bool,
    /// The one handler of every utterance's `end` and `error`.
    done: JsValue,
}

thread_local! {
    static READER: RefCell<Option<Reader>> = const { RefCell::new(None) };
}

/// Runs `f` on the reader, unless there is none or it is busy (an event
/// fired while it works is one of its own cancellations: stale).
fn with_reader(f: impl FnOnce(&mut Reader)) {
    READER.with(|cell| {
        if let Ok(mut reader) = cell.try_borrow_mut() {
            if let Some(reader) = reader.as_mut() {
                f(reader);
            }
        }
    });
}

/// The speaking part's start (src/bin/listen.rs), on the first press of
/// "Nghe": finds the voice, takes over the control's buttons, and starts
/// reading.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let synth = match window.speech_synthesis() {
        Ok(synth) => synth,
        Err(_) => return say("Trình duyệt này không đọc được bài."),
    };
    let Some(voice) = vietnamese_voice(&synth) else {
        // The page's script saw one; it is gone: hide the control again.
        if let Some(root) = document.document_element() {
            let _ = root.remove_attribute(VOICE_ATTRIBUTE);
        }
        return say("Máy không có giọng đọc tiếng Việt.");
    };
    let done = Closure::<dyn FnMut(web_sys::Event)>::new(on_done).into_js_value();
    let rate =
        speech::rate_from_stored(crate::prefs::read_item(RATE_KEY).ok().flatten().as_deref());
    READER.with(|cell| {
        *cell.borrow_mut() = Some(Reader {
            synth,
            voice,
            blocks: Vec::new(),
            pieces: Vec::new(),
            at: 0,
            state: State::Idle,
            rate,
            current: None,
            started: false,
            done,
        })
    });
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(on_click).into_js_value();
    let on_leave = Closure::<dyn FnMut()>::new(silence).into_js_value();
    let listened = document
        .add_event_listener_with_callback("click", on_click.unchecked_ref())
        .and_then(|()| {
            window.add_event_listener_with_callback("pagehide", on_leave.unchecked_ref())
        });
    if let Err(e) = listened {
        web_sys::console::warn_2(
            &"bantin: could not listen for the reading's buttons:".into(),
            &e,
        );
    }
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute(READY_ATTRIBUTE, "");
    }
    with_reader(|r| {
        r.show();
        r.begin();
    });
}

/// The device's Vietnamese voice, if it has one ([`speech::pick_voice`]).
fn vietnamese_voice(synth: &SpeechSynthesis) -> Option<SpeechSynthesisVoice> {
    // Unchecked: what `getVoices` lists is a voice (a test's stand-in is
    // not a `SpeechSynthesisVoice` by `instanceof`, and need not be).
    let voices: Vec<SpeechSynthesisVoice> = synth
        .get_voices()
        .iter()
        .map(JsCast::unchecked_into)
        .collect();
    let langs: Vec<String> = voices.iter().map(|v| v.lang()).collect();
    let described: Vec<Voice> = voices
        .iter()
        .zip(&langs)
        .map(|(v, lang)| Voice {
            lang,
            local: v.local_service(),
        })
        .collect();
    speech::pick_voice(&described).map(|i| voices[i].clone())
}

/// Stops reading aloud, as when the reader leaves the article: from any of
/// the app's binaries (the whole app's article view calls it when it goes),
/// since it tells the device's voice, not this binary's state. The reader
/// here then sees its sentence cancelled by someone else, and stops.
pub fn silence() {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    if let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        synth.cancel();
    }
}

/// A click on one of the control's buttons.
fn on_click(ev: web_sys::Event) {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest(&format!("[{ACTION_ATTRIBUTE}]")).ok().flatten())
    else {
        return;
    };
    let action = button.get_attribute(ACTION_ATTRIBUTE).unwrap_or_default();
    with_reader(|r| match (action.as_str(), r.state) {
        (PLAY, State::Idle) => r.begin(),
        (PLAY, State::Speaking) => r.pause(),
        (PLAY, State::Paused) => r.resume(),
        (STOP, _) => r.stop(Some("Đã dừng đọc.")),
        (RATE, _) => r.next_rate(),
        _ => {}
    });
}

/// An utterance ended, or failed (a cancellation is an `error` too).
fn on_done(ev: web_sys::Event) {
    let utterance = js_sys::Reflect::get(&ev, &"utterance".into()).unwrap_or(JsValue::UNDEFINED);
    with_reader(|r| {
        if r.current.as_ref().map(|u| u.as_ref()) != Some(&utterance) {
            return; // one cancelled by the reader's own pause or stop
        }
        r.current = None;
        if ev.type_() == "error" {
            let code = js_sys::Reflect::get(&ev, &"error".into())
                .ok()
                .and_then(|c| c.as_string())
                .unwrap_or_default();
            // Cancelled by someone else (the app leaving the article, or
            // another page speaking): stopped. Anything else is the voice's.
            let message = match code.as_str() {
                "interrupted" | "canceled" => "Đã dừng đọc.",
                _ => "Không đọc tiếp được: giọng đọc của máy báo lỗi. Hãy bấm Nghe để thử lại.",
            };
            return r.stop(Some(message));
        }
        if r.state == State::Speaking {
            r.at += 1;
            r.speak();
        }
    });
}

/// Says `text` in the control's live region.
fn say(text: &str) {
    let region = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(STATUS_SELECTOR).ok().flatten());
    if let Some(region) = region {
        region.set_text_content(Some(text));
    }
}

impl Reader {
    /// Starts reading from the reader's place: the paragraph of a `#p-N`
    /// link the first time; else the title if it is on screen; else the
    /// paragraph being read (the one "L" copies).
    fn begin(&mut self) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(found) = document.query_selector_all(READ) else {
            return;
        };
        self.blocks = (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
            .collect();
        let texts: Vec<(Option<usize>, String)> = self
            .blocks
            .iter()
            .map(|el| {
                (
                    paragraph_number(&el.id()),
                    el.text_content().unwrap_or_default(),
                )
            })
            .collect();
        let start = self.place();
        self.started = true;
        self.pieces = speech::pieces(&texts, start);
        self.at = 0;
        if self.pieces.is_empty() {
            return say("Không có chữ nào để đọc trên trang này.");
        }
        self.state = State::Speaking;
        self.show();
        say(&match start {
            Start::Paragraph(n) if self.pieces[0].block > 0 => format!("Đang đọc từ đoạn {n}."),
            _ => "Đang đọc bài.".to_string(),
        });
        self.speak();
    }

    fn place(&self) -> Start {
        let window = web_sys::window();
        let linked = window
            .as_ref()
            .and_then(|w| w.location().hash().ok())
            .and_then(|h| paragraph_number(h.trim_start_matches('#')));
        if let (false, Some(n)) = (self.started, linked) {
            return Start::Paragraph(n);
        }
        let height = window
            .as_ref()
            .and_then(|w| w.inner_height().ok()?.as_f64())
            .unwrap_or(0.0);
        let title_shown = self.blocks.first().is_some_and(|title| {
            let rect = title.get_bounding_client_rect();
            rect.bottom() > 0.0 && rect.top() < height
        });
        match paragraph_on_screen() {
            Some(n) if !title_shown => Start::Paragraph(n),
            _ => Start::Title,
        }
    }

    /// Speaks the piece at `at`, or ends at the last.
    fn speak(&mut self) {
        let Some(piece) = self.pieces.get(self.at) else {
            self.stop(Some("Đã đọc hết bài."));
            return;
        };
        let block = self.blocks.get(piece.block).cloned();
        if block.as_ref().is_some_and(|b| !b.is_connected()) {
            return self.stop(None); // the article has gone (the app moved on)
        }
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&piece.text) else {
            return self.stop(Some("Trình duyệt này không đọc được bài."));
        };
        utterance.set_lang(LANG);
        utterance.set_voice(Some(&self.voice));
        utterance.set_rate(RATES[self.rate].value);
        utterance.set_onend(Some(self.done.unchecked_ref()));
        utterance.set_onerror(Some(self.done.unchecked_ref()));
        if let Some(block) = block {
            self.mark(&block);
        }
        self.current = Some(utterance.clone());
        self.synth.speak(&utterance);
    }

    /// Marks the block being read and keeps it in view: scrolled to only when
    /// it is off screen, smoothly unless the reader asked for less motion.
    fn mark(&self, block: &Element) {
        if block.class_list().contains(SPEAKING_CLASS) {
            return;
        }
        self.unmark();
        let _ = block.class_list().add_1(SPEAKING_CLASS);
        let Some(window) = web_sys::window() else {
            return;
        };
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let rect = block.get_bounding_client_rect();
        if rect.top() >= 0.0 && rect.top() < height * 0.75 {
            return;
        }
        let still = window
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        options.set_behavior(if still {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        block.scroll_into_view_with_scroll_into_view_options(&options);
    }

    fn unmark(&self) {
        for block in &self.blocks {
            let _ = block.class_list().remove_1(SPEAKING_CLASS);
        }
    }

    /// Cancels what is being spoken, so that no event of it counts.
    fn cancel(&mut self) {
        self.current = None;
        self.synth.cancel();
    }

    fn pause(&mut self) {
        self.state = State::Paused;
        self.cancel();
        self.show();
        say("Đã tạm dừng.");
    }

    fn resume(&mut self) {
        self.state = State::Speaking;
        self.show();
        say("Đang đọc tiếp.");
        self.speak();
    }

    /// Back to the start, saying `message` if any.
    fn stop(&mut self, message: Option<&str>) {
        let was = self.state;
        self.state = State::Idle;
        self.cancel();
        self.unmark();
        self.show();
        if let Some(message) = message.filter(|_| was != State::Idle) {
            say(message);
        }
    }

    /// The next speed: stored, and taken from the sentence being read.
    fn next_rate(&mut self) {
        self.rate = speech::next_rate(self.rate);
        if let Err(e) = crate::prefs::write_item(RATE_KEY, RATES[self.rate].stored) {
            web_sys::console::warn_1(&format!("bantin: the speed is not kept: {e}").into());
        }
        self.show();
        say(&format!("Tốc độ đọc {}.", RATES[self.rate].shown));
        if self.state == State::Speaking {
            self.cancel();
            self.speak();
        }
    }

    /// The control as the state and speed are.
    fn show(&self) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(Some(control)) = document.query_selector(&format!(".{CONTROL_CLASS}")) {
            let _ = control.set_attribute(STATE_ATTRIBUTE, self.state.name());
        }
        if let Ok(Some(button)) = document.query_selector(&button_selector(RATE)) {
            button.set_text_content(Some(RATES[self.rate].shown));
            let _ = button.set_attribute("aria-label", &speech::rate_label(self.rate));
        }
    }
}
