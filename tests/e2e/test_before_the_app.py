"""A pre-rendered page before the WebAssembly has arrived (on 3G that is
seconds after the text is on screen), and the app's start: the page's own
script (src/page_script.js) works the size controls with the app's steps,
limits, storage key, announcement and disabled states; the app then hydrates
the page, so a click made meanwhile counts once, and the reader's selection,
focus, scroll position and the article's nodes stay as they are."""

from . import locators as L
from . import names
from .browser import VIEWPORT
from .harness import SEED_SLUG, ReaderTestCase, size_key

SEED_PATH = f"/articles/{SEED_SLUG}"


class BeforeTheAppTest(ReaderTestCase):
    def seen(self):
        """What the reader sees and what is kept: (label, --font-scale,
        stored value, announcement), read from the pre-rendered page."""
        return self.b.js(
            "const status = document.getElementById('page-script-status');"
            "return [getComputedStyle(document.querySelector('.size-value'), '::before').content.replaceAll('\"', ''),"
            " document.documentElement.style.getPropertyValue('--font-scale'),"
            " localStorage.getItem(arguments[0]),"
            " status && status.textContent]",
            size_key(),
        )

    def enabled(self):
        return [self.b.button(name).enabled for name in (L.SMALLER, L.LARGER, L.RESET_SIZE)]

    def paragraph_px(self):
        return float(self.b.js("return parseFloat(getComputedStyle(document.getElementById('p-1')).fontSize)"))

    def tearDown(self):
        self.lift_wasm_block()
        super().tearDown()

    def lift_wasm_block(self):
        if getattr(self, "lift", None):
            self.lift()
            self.lift = None

    def open_prerendered_without_app(self):
        self.lift = self.open_without_app(SEED_PATH)
        self.wait_for(lambda: self.b.find_all(L.HEADLINE), "the pre-rendered article")
        self.assertTrue(self.b.find_all(L.PRERENDERED), "the app never started")

    def test_every_size_control_works_and_is_stored_without_the_wasm(self):
        self.open_prerendered_without_app()
        self.assertEqual(self.enabled(), [True, True, False], "at 100%: nothing to reset")
        base = self.paragraph_px()
        steps = names.steps()
        seen = lambda s: [s["label"], s["css"], s["stored"], s["announcement"]]
        for step in steps[names.default_step() + 1 :]:
            self.b.button(L.LARGER).click()
            self.assertEqual(self.seen(), seen(step))
        self.assertEqual(self.enabled(), [True, False, True], "A+ stops at 200%")
        self.assertAlmostEqual(self.paragraph_px(), base * float(steps[-1]["css"]), delta=0.05)
        for step in reversed(steps[:-1]):  # as in the app, A− to 100% stores "100"
            self.b.button(L.SMALLER).click()
            self.assertEqual(self.seen(), seen(step))
        self.assertEqual(self.enabled(), [False, True, True], "A− stops at 80%")
        self.b.button(L.RESET_SIZE).click()
        self.assertEqual(self.seen(), ["100%", "1", None, "Cỡ chữ 100%"], "reset leaves nothing stored")
        self.assertEqual(self.enabled(), [True, True, False])
        self.assertAlmostEqual(self.paragraph_px(), base, delta=0.05)

    def test_the_size_keys_work_without_the_wasm_and_leave_the_browser_zoom_alone(self):
        self.open_prerendered_without_app()
        self.b.keys("+", "=")
        self.assertEqual(self.seen()[:3], ["125%", "1.25", "125"])
        self.b.keys("-")
        self.assertEqual(self.seen()[:3], ["110%", "1.1", "110"])
        self.b.press_with("Control", "=")
        self.assertEqual(self.seen()[:3], ["110%", "1.1", "110"], "Ctrl+= is the browser's")
        self.b.keys("0")
        self.assertEqual(self.seen()[:3], ["100%", "1", None])
        self.b.keys("_")
        self.assertEqual(self.seen()[:3], ["90%", "0.9", "90"])
        self.assertEqual(self.enabled(), [True, True, True])

    def test_a_stored_size_sets_the_buttons_before_the_app(self):
        self.store(size_key(), "200")
        self.open_prerendered_without_app()
        self.assertEqual(self.enabled(), [True, False, True], "at 200%: A+ off, reset on")
        self.b.button(L.RESET_SIZE).click()
        self.assertEqual(self.seen()[:3], ["100%", "1", None])

    def test_blocked_storage_still_resizes_before_the_app(self):
        with self.b.on_every_page(
            "Object.defineProperty(window, 'localStorage', {configurable: true, get() {"
            " throw new DOMException('The operation is insecure.', 'SecurityError'); }});"
        ):
            self.open_prerendered_without_app()
            self.b.button(L.LARGER).click()
            root = self.b.js("return document.documentElement.style.getPropertyValue('--font-scale')")
            self.assertEqual(root, "1.1", "the choice holds for this page")
        self.b.browser_log()  # the stand-in's SecurityError was expected

    def test_a_click_while_the_wasm_downloads_counts_once(self):
        self.no_http_cache()
        self.fault(self.wasm_path(), delay=60)
        self.b.get(self.base + SEED_PATH)
        self.wait_for(lambda: self.b.find_all(L.HEADLINE), "the pre-rendered article")
        self.b.button(L.LARGER).click()
        self.assertEqual(self.seen()[:3], ["110%", "1.1", "110"])
        self.assertTrue(self.b.find_all(L.PRERENDERED), "the WASM was still on its way")
        self.state.released.set()
        self.wait_for_app()
        self.assertEqual(self.shown_size(), "110%", "the app took over the size chosen before it")
        self.assertEqual(self.root_scale(), "1.1")
        self.b.keys("+")
        self.wait_for(lambda: self.shown_size() == "125%", "the app's own step")
        self.assertEqual(self.stored(size_key()), "125", "one step per key")
        self.b.button(L.LARGER).click()
        self.wait_for(lambda: self.shown_size() == "150%", "one step per click")

    def test_with_storage_blocked_a_size_chosen_before_the_app_is_kept(self):
        with self.b.on_every_page(
            "Object.defineProperty(window, 'localStorage', {configurable: true, get() {"
            " throw new DOMException('The operation is insecure.', 'SecurityError'); }});"
        ):
            self.no_http_cache()
            self.fault(self.wasm_path(), delay=60)
            self.b.get(self.base + SEED_PATH)
            self.wait_for(lambda: self.b.find_all(L.HEADLINE), "the pre-rendered article")
            self.b.button(L.LARGER).click()
            self.b.button(L.LARGER).click()
            self.state.released.set()
            self.wait_for_app()
            self.assertEqual(self.shown_size(), "125%", "read back from the page, not reset to 100%")
            self.assertEqual(self.root_scale(), "1.25")
        self.b.browser_log()  # the stand-in's SecurityError was expected


class HydrationTest(ReaderTestCase):
    """The app's start leaves the reader's place alone: it attaches to the
    pre-rendered page's nodes instead of replacing them."""

    def start_reading(self, fragment="", scroll_to=400):
        """A cold deep link read while the WASM is on its way: every element
        marked, text selected in paragraph 3, A+ focused, the page scrolled."""
        self.b.resize(800, 600)
        self.addCleanup(self.b.resize, VIEWPORT["width"], VIEWPORT["height"])
        self.no_http_cache()
        self.fault(self.wasm_path(), delay=60)
        self.b.get(self.base + SEED_PATH + fragment)
        self.wait_for(lambda: self.b.find_all(L.paragraph(3)), "the pre-rendered article")
        self.b.js(
            "document.querySelectorAll('body *').forEach(e => e.__reader = true);"
            "document.querySelector('button.size-larger').focus();"
            "const text = document.getElementById('p-3').firstChild, range = document.createRange();"
            "range.setStart(text, 5); range.setEnd(text, 60);"
            "getSelection().removeAllRanges(); getSelection().addRange(range);"
            "window.scrollTo(0, arguments[0]);",
            scroll_to,
        )
        self.assertTrue(self.b.find_all(L.PRERENDERED), "the WASM was still on its way")
        return self.b.js("return [getSelection().toString(), scrollY]")

    def app_started(self):
        self.state.released.set()
        self.wait_for_app()
        self.wait_for(lambda: self.shown_size() == "100%", "the app's own label")

    def test_the_selection_survives_the_apps_start(self):
        selected, _ = self.start_reading()
        self.assertGreater(len(selected), 40)
        self.app_started()
        after = self.b.js(
            "const s = getSelection(); return [s.toString(), s.anchorNode.parentElement.id, s.anchorNode.isConnected]"
        )
        self.assertEqual(after, [selected, "p-3", True])

    def test_the_focus_survives_the_apps_start(self):
        self.start_reading()
        self.app_started()
        focused = self.b.js("const e = document.activeElement; return [e.__reader === true, e.getAttribute('title')]")
        self.assertEqual(focused, [True, "Tăng cỡ chữ"], "the same A+ button keeps the focus")
        self.b.keys("Enter")
        self.wait_for(lambda: self.shown_size() == "110%", "the focused button works")

    def test_the_scroll_position_survives_the_apps_start(self):
        # A link to paragraph 2, and the reader has read on past it.
        _, scrolled = self.start_reading(fragment="#p-2", scroll_to=900)
        self.assertGreater(scrolled, 800)
        self.app_started()
        self.b.js("return 1")  # a round trip after the app's first frame
        self.assertEqual(self.b.js("return scrollY"), scrolled)

    def test_every_element_survives_the_apps_start(self):
        self.start_reading()
        count = self.b.js("return document.querySelectorAll('main *').length")
        self.app_started()
        replaced = self.b.js("return [...document.querySelectorAll('body *')].filter(e => !e.__reader).map(e => e.tagName)")
        self.assertEqual(replaced, [], "no element of the page was replaced or added")
        self.assertEqual(self.b.js("return document.querySelectorAll('main *').length"), count)
