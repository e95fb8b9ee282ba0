"""What the reader's browser lacks, and what the reader still gets: no page is
ever blank. Without WebAssembly (an old browser, a locked-down phone) or with
the app's WASM failing to load, the shell's pages (search, not found) say
why in Vietnamese and link to the articles; the pre-rendered pages read as
ever and their A+ works. Without JavaScript no dead control is shown. Without
a service worker (the iOS Facebook app has none; some in-app browsers throw
on `register`) reading, the size and the preferences work, and no page
claims to be saved."""

from . import locators as L
from . import names
from .harness import SEED_SLUG, ReaderTestCase, size_key

SEED_PATH = f"/articles/{SEED_SLUG}"
NO_WASM = "delete globalThis.WebAssembly;"
NO_WORKER = "delete Navigator.prototype.serviceWorker;"
THROWING_WORKER = (
    "Object.defineProperty(ServiceWorkerContainer.prototype, 'register',"
    " {value() { throw new DOMException('blocked', 'SecurityError'); }});"
)


class WithoutWebAssemblyTest(ReaderTestCase):
    def message(self):
        """The shell's message: (heading, text, link's text, link's address), or None."""
        return self.b.js(
            "const m = document.getElementById('no-app');"
            "return m && [m.querySelector('h1').textContent, m.querySelector('p').textContent,"
            " m.querySelector('a').textContent, m.querySelector('a').getAttribute('href')];"
        )

    def leave(self):
        """The expected load error is logged; the page has no header to go home by."""
        self.b.get(self.base + "/robots.txt")
        return [e["message"] for e in self.b.browser_log()]

    def test_the_search_page_says_search_needs_a_newer_browser_and_offers_the_list(self):
        with self.b.on_every_page(NO_WASM):
            self.b.get(self.base + "/tim-kiem?q=long+tong")
            self.wait_for(self.message, "the message instead of a blank page")
            heading, text, link, href = self.message()
            self.assertEqual(heading, "Chưa tìm kiếm được trên trình duyệt này")
            self.assertIn("trình duyệt mới hơn", text)
            self.assertEqual((link, href), ("Xem các bài viết mới nhất", "/"))
            self.assertEqual(self.b.title, heading)
            self.b.by_text("a", link).click()
            self.wait_for(lambda: self.b.find_all(L.ARTICLE_LINKS), "the list, pre-rendered, without WebAssembly")
            self.b.button(L.LARGER).click()
            self.assertEqual(self.root_scale(), "1.1", "the list's A+ works without WebAssembly")
        self.leave()

    def test_an_address_without_a_page_says_not_found_and_links_home(self):
        with self.b.on_every_page(NO_WASM):
            self.b.get(self.base + "/khong-co-trang-nay")
            self.wait_for(self.message, "the message instead of a blank page")
            heading, _, link, href = self.message()
            self.assertEqual((heading, link, href), ("Không tìm thấy trang", "Về trang chủ", "/"))
            self.assertFalse(self.b.find_all(L.PRERENDERED))
        self.assertTrue(any("WebAssembly" in m for m in self.leave()), "the loader's error, as expected")

    def test_an_article_reads_and_its_size_controls_work(self):
        with self.b.on_every_page(NO_WASM):
            self.b.get(self.base + SEED_PATH)
            self.assertTrue(self.h1())
            self.b.button(L.LARGER).click()
            self.assertEqual((self.root_scale(), self.stored(size_key())), ("1.1", "110"))
            self.assertIsNone(self.message(), "a pre-rendered page needs no message")
        self.leave()

    def test_a_wasm_file_that_fails_to_load_gets_the_message_too(self):
        self.no_http_cache()
        self.fault(names.loaded_wasm("tim-kiem.html"), status=404)
        self.b.get(self.base + "/tim-kiem?q=long")
        self.wait_for(self.message, "the message instead of a blank page")
        self.assertEqual(self.message()[0], "Chưa tìm kiếm được trên trình duyệt này")
        self.leave()

    def test_the_message_never_shows_where_the_app_runs(self):
        self.b.get(self.base + "/tim-kiem?q=long+tong")
        self.wait_for(lambda: self.b.find_all(L.SEARCH_PAGE_FIELD), "the search page")
        self.assertIsNone(self.message())


class WithoutJavaScriptTest(ReaderTestCase):
    def test_no_control_that_needs_a_script_is_shown_and_the_article_reads(self):
        plain = self.driver.session(java_script_enabled=False)
        self.addCleanup(plain.quit)
        for path in (SEED_PATH, "/"):
            with self.subTest(path):
                plain.get(self.base + path)
                self.assertTrue(plain.page.query_selector("main h1, main h2").is_visible())
                # Scripts are off in the page, so ask Playwright what is laid out.
                for css in (".toolbar", ".toolbar button", ".help-button"):
                    for el in plain.page.query_selector_all(css):
                        self.assertFalse(el.is_visible(), f"{css} shown without JavaScript on {path}")
        plain.get(self.base + SEED_PATH)
        self.assertTrue(plain.page.query_selector(".article-body p").is_visible(), "the text is there")
        plain.page.query_selector("header a[href='/']").click()
        plain.page.wait_for_url(self.base + "/")
        self.assertTrue(plain.page.query_selector(L.ARTICLE_LINKS).is_visible(), "its links work")

    def test_with_javascript_the_controls_are_shown_from_the_first_paint(self):
        lift = self.open_without_app(SEED_PATH)
        self.h1()
        for css in (".toolbar", ".help-button"):
            self.assertTrue(self.b.find(css).handle.is_visible(), f"{css} before the WASM")
        lift()


class WithoutServiceWorkerTest(ReaderTestCase):
    def read_and_choose(self):
        """A cold article, A+, a preference, a second page: what a reader does."""
        self.open(SEED_PATH)
        self.b.button(L.LARGER).click()
        self.b.button(L.PREFERENCES).click()
        self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the panel")
        self.b.by_text("fieldset[data-pref=theme] label", "Sepia").click()
        self.wait_for(lambda: self.stored(names.reading_key("theme")) == "sepia", "the theme stored")
        self.open("/")
        self.assertEqual((self.shown_size(), self.stored(size_key())), ("110%", "110"))
        self.assertEqual(self.b.js("return document.documentElement.getAttribute('data-theme')"), "sepia")
        self.assertFalse(self.b.find_all(".saved-badge"), "no article claims to be saved")
        self.assertFalse(self.b.find_all("[data-testid=saved-notice]"))

    def test_without_a_service_worker_reading_and_the_preferences_work(self):
        with self.b.on_every_page(NO_WORKER):
            self.read_and_choose()
            self.assertFalse(self.b.js("return 'serviceWorker' in navigator"))

    def test_where_registering_the_worker_throws_reading_and_the_preferences_work(self):
        with self.b.on_every_page(THROWING_WORKER):
            self.read_and_choose()
            self.assertFalse(self.b.js("return !!navigator.serviceWorker.controller"), "no worker took over")
