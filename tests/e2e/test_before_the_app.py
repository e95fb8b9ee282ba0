"""The text-size controls of a pre-rendered page before the WebAssembly has
arrived (on 3G that is seconds after the text is on screen): the page's own
script (src/page_script.js) works them with the app's steps, limits, storage
key, announcement and disabled states, and hands over to the app without
losing or doubling a click."""

from .harness import SEED_SLUG, ReaderTestCase

SEED_PATH = f"/articles/{SEED_SLUG}"
STEPS = ["80", "90", "100", "110", "125", "150", "175", "200"]
CSS = {"80": "0.8", "90": "0.9", "100": "1", "110": "1.1", "125": "1.25", "150": "1.5", "175": "1.75", "200": "2"}


class BeforeTheAppTest(ReaderTestCase):
    def seen(self):
        """What the reader sees and what is kept: (label, --font-scale,
        stored value, announcement), read from the pre-rendered page."""
        return self.b.js(
            "const p = document.getElementById('prerendered');"
            "return [getComputedStyle(p.querySelector('.size-value'), '::before').content.replaceAll('\"', ''),"
            " document.documentElement.style.getPropertyValue('--font-scale'),"
            " localStorage.getItem('bantin.font-scale'),"
            " p.querySelector('[data-testid=font-size-announcement]').textContent]"
        )

    def enabled(self):
        return [self.b.button(name).enabled for name in ("Giảm cỡ chữ", "Tăng cỡ chữ", "Đặt lại cỡ chữ")]

    def paragraph_px(self):
        return float(self.b.js("return parseFloat(getComputedStyle(document.querySelector('#prerendered #p-1')).fontSize)"))

    def tearDown(self):
        self.lift_wasm_block()
        super().tearDown()

    def lift_wasm_block(self):
        if getattr(self, "lift", None):
            self.lift()
            self.lift = None

    def open_prerendered_without_app(self):
        self.lift = self.open_without_app(SEED_PATH)
        self.wait_for(lambda: self.b.find_all("#prerendered h1"), "the pre-rendered article")
        self.assertTrue(self.b.find_all("#prerendered"), "the app never started")

    def test_every_size_control_works_and_is_stored_without_the_wasm(self):
        self.open_prerendered_without_app()
        self.assertEqual(self.enabled(), [True, True, False], "at 100%: nothing to reset")
        base = self.paragraph_px()
        for step in STEPS[3:]:
            self.b.button("Tăng cỡ chữ").click()
            self.assertEqual(self.seen(), [f"{step}%", CSS[step], step, f"Cỡ chữ {step}%"])
        self.assertEqual(self.enabled(), [True, False, True], "A+ stops at 200%")
        self.assertAlmostEqual(self.paragraph_px(), base * 2, delta=0.05)
        for step in reversed(STEPS[:-1]):  # as in the app, A− to 100% stores "100"
            self.b.button("Giảm cỡ chữ").click()
            self.assertEqual(self.seen(), [f"{step}%", CSS[step], step, f"Cỡ chữ {step}%"])
        self.assertEqual(self.enabled(), [False, True, True], "A− stops at 80%")
        self.b.button("Đặt lại cỡ chữ").click()
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
        self.b.js("localStorage.setItem('bantin.font-scale', '200')")
        self.open_prerendered_without_app()
        self.assertEqual(self.enabled(), [True, False, True], "at 200%: A+ off, reset on")
        self.b.button("Đặt lại cỡ chữ").click()
        self.assertEqual(self.seen()[:3], ["100%", "1", None])

    def test_blocked_storage_still_resizes_before_the_app(self):
        with self.b.on_every_page(
            "Object.defineProperty(window, 'localStorage', {configurable: true, get() {"
            " throw new DOMException('The operation is insecure.', 'SecurityError'); }});"
        ):
            self.open_prerendered_without_app()
            self.b.button("Tăng cỡ chữ").click()
            root = self.b.js("return document.documentElement.style.getPropertyValue('--font-scale')")
            self.assertEqual(root, "1.1", "the choice holds for this page")
        self.b.browser_log()  # the stand-in's SecurityError was expected

    def test_a_click_while_the_wasm_downloads_counts_once(self):
        self.no_http_cache()
        self.fault(self.wasm_path(), delay=60)
        self.b.get(self.base + SEED_PATH)
        self.wait_for(lambda: self.b.find_all("#prerendered h1"), "the pre-rendered article")
        self.b.button("Tăng cỡ chữ").click()
        self.assertEqual(self.seen()[:3], ["110%", "1.1", "110"])
        self.assertTrue(self.b.find_all("#prerendered"), "the WASM was still on its way")
        self.state.released.set()
        self.wait_for_app()
        self.assertEqual(self.shown_size(), "110%", "the app took over the size chosen before it")
        self.assertEqual(self.root_scale(), "1.1")
        self.b.keys("+")
        self.wait_for(lambda: self.shown_size() == "125%", "the app's own step")
        self.assertEqual(self.b.js("return localStorage.getItem('bantin.font-scale')"), "125", "one step per key")
        self.b.button("Tăng cỡ chữ").click()
        self.wait_for(lambda: self.shown_size() == "150%", "one step per click")

    def test_a_change_made_before_the_app_takes_over_reaches_the_app(self):
        # An app that has started but not yet taken over hears the page
        # script's changes as the `storage` event it follows for other tabs.
        self.open_prerendered_without_app()
        self.b.js("window.__heard = []; addEventListener('storage', e => __heard.push([e.key, e.newValue]))")
        self.b.button("Tăng cỡ chữ").click()
        self.b.button("Đặt lại cỡ chữ").click()
        self.assertEqual(self.b.js("return __heard"), [["bantin.font-scale", "110"], ["bantin.font-scale", None]])
        # ... and the app follows that event.
        self.lift_wasm_block()
        self.b.js("localStorage.setItem('bantin.font-scale', '175')")
        self.open(SEED_PATH)
        self.h1()
        self.b.js("dispatchEvent(new StorageEvent('storage', {key: 'bantin.font-scale', newValue: '90'}))")
        self.wait_for(lambda: self.shown_size() == "90%", "the app to follow")
        self.assertEqual(self.root_scale(), "0.9")
