""""Nghe bài viết": the article read aloud with the device's Vietnamese voice.

Headless Chromium has no voices, so `speechSynthesis` is stubbed before the
page's own script runs: one device with a Vietnamese voice (and English
ones), one with English voices only, one whose voices are listed late, one
with none at all. The stub records every utterance (text, language, voice,
speed) and ends each after a few milliseconds, or holds the one that starts
with `window.__hold`, so a test can act while it is being read."""

import json
import os
import tempfile
import unittest

from . import names
from .harness import SEED_PATH, ReaderTestCase, seed, seed_text
from .test_accessibility import AXE, RUN_AXE

VIETNAMESE = [
    {"name": "English (America)", "lang": "en-US", "localService": True},
    {"name": "Tiếng Việt (mạng)", "lang": "vi-VN", "localService": False},
    {"name": "Tiếng Việt", "lang": "vi-VN", "localService": True},
]
ENGLISH_ONLY = [
    {"name": "English (America)", "lang": "en-US", "localService": True},
    {"name": "English (Britain)", "lang": "en-GB", "localService": True},
]


def stub(voices, late=False):
    """A `speechSynthesis` that speaks nothing and records everything.
    `late`: no voices until 300 ms after the page starts, then
    `voiceschanged`, as Chrome lists them. The log survives leaving the page
    in sessionStorage ("spoken": utterances; "cancelled": cancel calls)."""
    return """
(() => {
  const VOICES = %s, LATE = %s;
  let listed = LATE ? [] : VOICES, queue = [], speaking = null;
  const log = (name, entry) => {
    const all = JSON.parse(sessionStorage.getItem(name) || "[]");
    all.push(entry);
    sessionStorage.setItem(name, JSON.stringify(all));
  };
  const fire = (u, type, error) => {
    const ev = new Event(type);
    ev.utterance = u;
    if (error) ev.error = error;
    if (u["on" + type]) u["on" + type](ev);
  };
  const next = () => {
    if (speaking || !queue.length) return;
    const u = speaking = queue.shift();
    log("spoken", {text: u.text, lang: u.lang, voice: u.voice && u.voice.name, rate: u.rate});
    if (window.__hold && u.text.startsWith(window.__hold)) return;
    setTimeout(() => {
      if (speaking !== u) return;
      speaking = null;
      fire(u, "end");
      next();
    }, 5);
  };
  const synth = new EventTarget();
  synth.getVoices = () => listed.map(v => Object.assign({default: false, voiceURI: v.name}, v));
  synth.speak = u => { queue.push(u); setTimeout(next, 0); };
  synth.cancel = () => {
    log("cancelled", true);
    const gone = (speaking ? [speaking] : []).concat(queue);
    speaking = null;
    queue = [];
    gone.forEach((u, i) => setTimeout(() => fire(u, "error", i ? "canceled" : "interrupted"), 0));
  };
  synth.pause = synth.resume = () => {};
  Object.defineProperty(synth, "speaking", {get: () => !!speaking});
  Object.defineProperty(window, "speechSynthesis", {configurable: true, get: () => synth});
  window.SpeechSynthesisUtterance = class {
    constructor(text) { Object.assign(this, {text, lang: "", voice: null, rate: 1, onend: null, onerror: null}); }
  };
  if (LATE) setTimeout(() => { listed = VOICES; synth.dispatchEvent(new Event("voiceschanged")); }, 300);
})();
""" % (json.dumps(voices, ensure_ascii=False), "true" if late else "false")


NO_SPEECH = "delete Window.prototype.speechSynthesis; delete window.speechSynthesis; window.SpeechSynthesisUtterance = undefined;"

CONTROL = ".listen"
PLAY = "[data-listen=play]"
STATUS = "[data-testid=listen-status]"


def readable():
    """The seed as it is read aloud: its title, lead, then its body's
    paragraphs, headings, quotes and list items, in order."""
    data = seed()
    texts = [data["title"], data.get("lead") or ""]
    for block in data["body"]:
        if block["type"] in ("paragraph", "heading", "quote"):
            texts.append(block["text"])
        texts += block.get("items", [])
    return [" ".join(t.split()) for t in texts if t.strip()]


class ListenTest(ReaderTestCase):
    def setUp(self):
        super().setUp()
        # The block being read is kept in view at once, not smoothly, so
        # that nothing moves under a click.
        self.b.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        self.addCleanup(self.b.cdp, "Emulation.setEmulatedMedia", {"features": []})
        self.b.js("sessionStorage.clear()")

    def open_with(self, voices, path=SEED_PATH, late=False):
        script = self.b.on_every_page(stub(voices, late))
        script.__enter__()
        self.addCleanup(script.__exit__, None, None, None)
        self.open(path)
        self.h1()

    def log(self, name="spoken"):
        return self.b.js("return JSON.parse(sessionStorage.getItem(arguments[0]) || '[]')", name)

    def shown(self):
        return self.b.js("return getComputedStyle(document.querySelector(arguments[0])).display !== 'none'", CONTROL)

    def control_state(self):
        return self.b.find(CONTROL).attr("data-state")

    def test_the_article_is_read_with_the_vietnamese_voice_from_the_title_to_the_end(self):
        self.open_with(VIETNAMESE)
        self.assertTrue(self.shown(), "the control is shown beside the date")
        self.assertFalse(self.requested(names.listen()["module"]), "nothing of the speaking part before a press")
        self.b.button("Nghe bài viết").click()
        self.wait_text(STATUS, "Đã đọc hết bài.", timeout=20)
        spoken = self.log()
        self.assertEqual({(u["lang"], u["voice"], u["rate"]) for u in spoken}, {(names.listen()["lang"], "Tiếng Việt", 1)},
                         "every sentence in Vietnamese, with the device's own Vietnamese voice, at the usual speed")
        self.assertEqual(spoken[0]["text"], seed()["title"])
        self.assertEqual(" ".join(u["text"] for u in spoken), " ".join(readable()), "everything, in order, nothing twice")
        self.assertTrue(all(len(u["text"]) <= 220 for u in spoken), "no utterance longer than Chrome reads")
        self.assertEqual(self.control_state(), "idle")
        self.assertEqual(self.b.find_all(".is-speaking"), [], "no block left marked")
        self.b.button("Nghe bài viết")  # the button is back to its first label

    def test_with_english_voices_only_there_is_no_control_and_n_does_nothing(self):
        self.open_with(ENGLISH_ONLY)
        self.assertFalse(self.shown())
        self.b.keys("n")
        self.b.js("return new Promise(r => setTimeout(r, 300))")
        self.assertFalse(self.requested(names.listen()["module"]))
        self.assertEqual(self.log(), [], "never an English voice reading Vietnamese")

    def test_without_speech_synthesis_there_is_no_control(self):
        with self.b.on_every_page(NO_SPEECH):
            self.open(SEED_PATH)
            self.h1()
            self.assertFalse(self.shown())

    def test_a_voice_listed_late_shows_the_control(self):
        self.open_with(VIETNAMESE, late=True)
        self.wait_for(self.shown, "the control once the voices are listed")
        self.b.button("Nghe bài viết").click()
        self.wait_text(STATUS, "Đã đọc hết bài.", timeout=20)
        self.assertEqual(self.log()[0]["voice"], "Tiếng Việt")

    def test_a_paragraph_link_is_read_from_its_paragraph_and_n_from_the_paragraph_being_read(self):
        self.open_with(VIETNAMESE, f"{SEED_PATH}#p-4")
        self.b.button("Nghe bài viết").click()
        self.wait_text(STATUS, "Đã đọc hết bài.", timeout=20)
        spoken = " ".join(u["text"] for u in self.log())
        self.assertTrue(spoken.startswith(" ".join(seed_text(4).split())), spoken[:120])
        # Again, with paragraph 5 being read and no link: "N".
        self.b.js("sessionStorage.removeItem('spoken'); history.replaceState(null, '', location.pathname);"
                  "const p = document.getElementById('p-5'); window.scrollBy(0, p.getBoundingClientRect().top - innerHeight / 4 + 10)")
        self.b.keys("n")
        self.wait_text(STATUS, "Đã đọc hết bài.", timeout=20)
        spoken = " ".join(u["text"] for u in self.log())
        self.assertTrue(spoken.startswith(" ".join(seed_text(5).split())), spoken[:120])
        self.assertIn("Nghe bài viết, tạm dừng hoặc nghe tiếp", self.b.find("dialog.help").prop("textContent"),
                      "the \"?\" dialog lists N")

    def test_pause_resume_and_stop_and_the_block_read_is_marked_and_in_view(self):
        sixth = " ".join(seed_text(6).split())
        self.open_with(VIETNAMESE)
        self.b.js("window.__hold = arguments[0]", sixth[:30])
        self.b.button("Nghe bài viết").click()
        self.wait_for(lambda: self.log() and self.log()[-1]["text"].startswith(sixth[:30]), "paragraph 6 being read")
        self.assertEqual(self.control_state(), "speaking")
        marked = self.b.find_all(".is-speaking")
        self.assertEqual([m.attr("id") for m in marked], ["p-6"])
        top, bottom = self.b.js("const r = document.getElementById('p-6').getBoundingClientRect(); return [r.top, r.bottom]")
        self.assertTrue(0 <= top < self.b.js("return innerHeight"), f"paragraph 6 is in view (top {top})")
        self.b.button("Tạm dừng").click()
        self.wait_text(STATUS, "Đã tạm dừng.")
        self.assertEqual(self.control_state(), "paused")
        count = len(self.log())
        self.b.button("Nghe tiếp").click()
        self.wait_for(lambda: len(self.log()) == count + 1, "the sentence said again")
        self.assertEqual(self.log()[-1]["text"], self.log()[-2]["text"], "resume starts the sentence again")
        self.b.button("Dừng").click()
        self.wait_text(STATUS, "Đã dừng đọc.")
        self.assertEqual((self.control_state(), self.b.find_all(".is-speaking")), ("idle", []))

    def test_the_speed_is_chosen_and_remembered(self):
        rates = names.listen()["rates"]
        self.open_with(VIETNAMESE)
        self.b.js("window.__hold = arguments[0]", seed()["title"][:20])
        self.b.button("Nghe bài viết").click()
        self.wait_for(lambda: self.log(), "the title being read")
        self.b.button(f"Tốc độ đọc: {rates[0]['shown']}").click()
        self.wait_text(STATUS, f"Tốc độ đọc {rates[1]['shown']}.")
        self.wait_for(lambda: len(self.log()) == 2, "the title said again at the new speed")
        self.assertEqual(self.log()[-1]["rate"], rates[1]["value"])
        self.assertEqual(self.stored(names.listen()["rateKey"]), rates[1]["stored"])
        self.b.button("Dừng").click()
        self.b.js("sessionStorage.clear(); window.__hold = undefined")
        self.reload()
        self.b.button("Nghe bài viết").click()
        self.wait_text(STATUS, "Đã đọc hết bài.", timeout=20)
        self.assertEqual({u["rate"] for u in self.log()}, {rates[1]["value"]}, "the speed chosen before")

    def test_leaving_the_article_stops_the_reading(self):
        self.open_with(VIETNAMESE)
        self.b.js("window.__hold = arguments[0]", seed()["title"][:20])
        self.b.button("Nghe bài viết").click()
        self.wait_for(lambda: self.log(), "the title being read")
        self.b.find(".site-header a[href='/']").click()
        self.wait_for(lambda: self.b.js("return location.pathname") == "/", "the home page")
        self.assertEqual(self.log("cancelled"), [True], "the voice was told to stop")

    def test_when_the_speaking_part_cannot_load_the_reader_is_told_and_can_retry(self):
        module = names.listen()["module"]
        self.open_with(VIETNAMESE)
        self.fault(module, status=503)
        self.b.button("Nghe bài viết").click()
        self.wait_text(STATUS, names.listen()["failed"])
        with self.state.lock:
            self.state.faults.pop(module, None)
        self.b.browser_log()  # the 503 was on purpose
        self.b.button("Nghe bài viết").click()
        self.wait_text(STATUS, "Đã đọc hết bài.", timeout=20)

    def test_offline_a_saved_article_is_read_aloud_too_and_leaving_it_in_the_app_stops(self):
        self.open_with(VIETNAMESE, "/")
        self.wait_for_worker()
        self.open(SEED_PATH)  # a second page: the worker keeps the whole app, and the speaking part
        self.h1()
        for path in [names.listen()["module"], names.names()["files"]["app"]["wasm"]]:
            self.wait_for(lambda: self.cached(path) is True, f"{path} kept")
        start_again = self.restart_server()  # the connection is gone
        try:
            self.open(SEED_PATH)
            self.wait_for(lambda: "bài viết đã lưu" in self.b.find("[data-testid=saved-notice]").text, "the saved copy")
            self.b.button("Nghe bài viết").click()
            self.wait_text(STATUS, "Đã đọc hết bài.", timeout=20)
            self.assertEqual(self.log()[0]["text"], seed()["title"])
            # In the whole app, leaving the article for the list (no page
            # load, so no pagehide) stops the reading too.
            self.b.js("sessionStorage.removeItem('cancelled'); window.__hold = arguments[0]", seed()["title"][:20])
            self.b.button("Nghe bài viết").click()
            self.wait_for(lambda: self.control_state() == "speaking", "reading again")
            self.b.find(".site-header a[href='/']").click()
            self.wait_for(lambda: self.b.find_all(".card"), "the saved list, in the app")
            # (Twice: by the app, then by the speaking part, which sees its
            # sentence cancelled by someone else and stops.)
            self.wait_for(lambda: self.log("cancelled"), "the voice told to stop")
        finally:
            start_again()
        self.b.browser_log()  # the refused connections were expected

    def test_on_a_phone_the_control_moves_nothing_and_passes_axe_in_every_theme(self):
        self.phone(360, 640)
        self.b.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        self.open_with(VIETNAMESE)
        place = "const h = document.querySelector('.article h1').getBoundingClientRect(), m = document.querySelector('.article-meta').getBoundingClientRect(); return [h.top, m.height, document.querySelector('.lead').getBoundingClientRect().top]"
        with_control = self.b.js(place)
        self.b.js("document.documentElement.removeAttribute('data-voice')")
        self.assertEqual(self.b.js(place), with_control, "the headline, the date line and the lead stay where they were")
        self.assertLess(with_control[0], 640 / 5, "the headline in the top fifth")
        self.b.js("document.documentElement.setAttribute('data-voice', '')")
        with open(AXE, encoding="utf-8") as f:
            self.b.js(f.read())
        self.b.js("window.__hold = arguments[0]", seed()["title"][:20])
        self.b.button("Nghe bài viết").click()
        self.wait_for(lambda: self.control_state() == "speaking", "reading")
        for theme in ["light", "dark", "sepia"]:
            with self.subTest(theme=theme):
                self.b.js("document.documentElement.setAttribute(arguments[0], arguments[1])",
                          names.names()["reading"]["theme"]["attribute"], theme)
                self.assertEqual(self.b.js_async(RUN_AXE), [], theme)


# Debian's speech-dispatcher and its espeak-ng module (`make setup` installs
# them): Chromium speaks through them with --enable-speech-dispatcher.
SPEECH_DISPATCHER = ["/usr/bin/speech-dispatcher", "/usr/lib/speech-dispatcher-modules/sd_espeak-ng"]
# speech-dispatcher's own settings for the test's Chromium (in a home of its
# own): espeak-ng, into ALSA's null device, since this machine has no sound
# card and no PulseAudio (with them, it waits on an audio device forever).
SPEECHD_CONF = """AudioOutputMethod "alsa"
AudioALSADevice "null"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
Timeout 5
"""
# The device's own speechSynthesis, watched: each utterance the page speaks,
# its voice's language and the engine's events.
SPY = """
(() => {
  const speak = speechSynthesis.speak.bind(speechSynthesis);
  window.__real = [];
  speechSynthesis.speak = u => {
    const entry = {text: u.text, lang: u.lang, voice: u.voice && u.voice.lang, events: []};
    window.__real.push(entry);
    for (const type of ["start", "end", "error"]) {
      u.addEventListener(type, e => entry.events.push(type === "error" ? "error: " + e.error : type));
    }
    speak(u);
  };
})();
"""


class RealVoiceTest(ReaderTestCase):
    """The article read by a real engine: headless Chromium, speech-dispatcher
    and espeak-ng's Vietnamese voice, nothing stubbed."""

    def test_espeak_ngs_vietnamese_voice_reads_the_article_to_the_end(self):
        missing = [path for path in SPEECH_DISPATCHER if not os.path.exists(path)]
        if missing:
            if os.environ.get("BANTIN_ENGINES") == "required":
                self.fail(f"{missing} missing: `make setup` installs speech-dispatcher")
            self.skipTest(f"{missing} missing: `make setup` installs speech-dispatcher")
        home, run = tempfile.mkdtemp(prefix="bantin-speech-"), tempfile.mkdtemp(prefix="bantin-speech-run-")
        os.makedirs(os.path.join(home, ".config", "speech-dispatcher"))
        with open(os.path.join(home, ".config", "speech-dispatcher", "speechd.conf"), "w", encoding="utf-8") as f:
            f.write(SPEECHD_CONF)
        with open(os.path.join(home, ".asoundrc"), "w", encoding="utf-8") as f:
            f.write("pcm.!default { type null }\n")
        env = {"HOME": home, "XDG_RUNTIME_DIR": run, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        self.b = self.driver.session(extra_args=["--enable-speech-dispatcher"], env=env)
        self.addCleanup(self.b.quit)
        self.addCleanup(self.__dict__.pop, "b", None)
        with self.b.on_every_page(SPY):
            self.open(SEED_PATH)
            self.h1()
            self.wait_for(lambda: self.b.js("return document.documentElement.hasAttribute('data-voice')"),
                          "espeak-ng's voices, listed", timeout=30)
            self.b.button("Nghe bài viết").click()
            self.wait_text(STATUS, "Đã đọc hết bài.", timeout=90)
            real = self.b.js("return window.__real")
        self.assertEqual({u["voice"] for u in real}, {"vi"}, "espeak-ng's Northern Vietnamese voice, for every sentence")
        self.assertEqual({tuple(u["events"]) for u in real}, {("start", "end")}, "each sentence spoken and ended by the engine")
        self.assertEqual(" ".join(u["text"] for u in real), " ".join(readable()))


if __name__ == "__main__":
    unittest.main()
