"""Changing the text size (A−, A+, the reset and the keys), as a reader does:
remembered on reload and followed by other tabs, bounded, safe with corrupt or
blocked storage; and before the WebAssembly has arrived (on 3G that is seconds
after the text is on screen) the page's own script (src/page_script.js) works
the controls with the app's steps, limits, storage key, announcement and
disabled states, so a click made meanwhile counts once."""

from . import locators as L
from . import names
from .harness import SEED_PATH, ReaderTestCase, seed, size_key


class TextSizeTest(ReaderTestCase):
    def paragraph_px(self):
        return float(self.b.js("return parseFloat(getComputedStyle(document.getElementById('p-1')).fontSize)"))

    def test_larger_then_reload_keeps_the_size(self):
        self.open(SEED_PATH)
        self.h1()
        self.assertEqual(self.shown_size(), "100%")
        before = self.paragraph_px()
        self.b.button(L.LARGER).click()
        self.wait_for(lambda: self.shown_size() == "110%", "110%")
        self.assertAlmostEqual(self.paragraph_px(), before * 1.1, delta=0.05)
        self.assertEqual(self.stored(size_key()), "110")
        self.assertEqual(self.b.find("[data-testid=font-size-announcement]").prop("textContent"), "Cỡ chữ 110%")
        self.reload()
        self.h1()
        self.assertEqual(self.shown_size(), "110%")
        self.assertAlmostEqual(self.paragraph_px(), before * 1.1, delta=0.05)

    def test_a_size_change_restyles_without_rebuilding_the_article(self):
        self.open(SEED_PATH)
        self.h1()
        self.b.js("document.querySelectorAll('main *').forEach(e => e.__bantinMark = true)")
        count = self.b.js("return document.querySelectorAll('main *').length")
        self.b.button(L.LARGER).click()
        self.wait_for(lambda: self.shown_size() == "110%", "110%")
        unmarked = self.b.js("return [...document.querySelectorAll('.article *')].filter(e => !e.__bantinMark).length")
        self.assertEqual(unmarked, 0, "every article node is the same node as before")
        self.assertEqual(self.b.js("return document.querySelectorAll('main *').length"), count)

    def test_the_stored_size_applies_before_the_app_starts(self):
        self.store(size_key(), "150")
        # With the WASM withheld, only index.html's inline script can set the size.
        lift = self.open_without_app(SEED_PATH)
        self.assertEqual(self.root_scale(), "1.5", "set by index.html's script")
        self.assertTrue(self.b.find_all(L.PRERENDERED), "only the pre-rendered page: the app never started")
        self.assertEqual(self.b.find(L.HEADLINE).text, seed()["title"], "the article is readable without the WASM")
        label = self.b.js("return getComputedStyle(document.querySelector('.size-value'), '::before').content")
        self.assertEqual(label, '"150%"', "the toolbar shows the stored size before the app")
        lift()
        self.reload()
        self.h1()
        self.assertEqual(self.shown_size(), "150%")

    def test_the_bounds_disable_the_buttons(self):
        self.open(SEED_PATH)
        self.h1()
        base = self.paragraph_px()
        while self.b.button(L.LARGER).enabled:
            self.b.button(L.LARGER).click()
        self.assertEqual(self.shown_size(), "200%")
        self.assertAlmostEqual(self.paragraph_px(), base * 2, delta=0.05)
        while self.b.button(L.SMALLER).enabled:
            self.b.button(L.SMALLER).click()
        self.assertEqual(self.shown_size(), "80%")
        self.assertTrue(self.b.button(L.LARGER).enabled)
        self.b.button(L.RESET_SIZE).click()
        self.wait_for(lambda: self.shown_size() == "100%", "the reset")
        self.assertFalse(self.b.button(L.RESET_SIZE).enabled)

    def test_a_corrupt_stored_value_means_the_default_and_is_left_alone(self):
        self.store(size_key(), "1e309")
        self.open(SEED_PATH)
        self.h1()
        self.assertEqual(self.shown_size(), "100%")
        self.assertEqual(self.stored(size_key()), "1e309")

    def test_blocked_storage_still_reads_and_resizes(self):
        with self.b.on_every_page(
            "Object.defineProperty(window, 'localStorage', {configurable: true, get() {"
            " throw new DOMException('The operation is insecure.', 'SecurityError'); }});"
        ):
            self.open(SEED_PATH)
            self.wait_text(L.HEADLINE, seed()["title"])
            self.b.button(L.LARGER).click()
            self.wait_for(lambda: self.shown_size() == "110%", "110% kept in memory")
            self.assertEqual(self.root_scale(), "1.1")

    def test_another_tab_follows_a_change(self):
        first = self.seed_then_list_in_a_second_tab()
        self.b.button(L.LARGER).click()
        self.b.button(L.LARGER).click()
        self.wait_for(lambda: self.shown_size() == "125%", "125% in the second tab")
        self.b.switch_to(first)
        self.wait_for(lambda: self.shown_size() == "125%", "the first tab to follow")
        self.assertEqual(self.root_scale(), "1.25")


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
