"""End-to-end tests: the release build in headless Chromium, as a reader uses it."""

import json

from . import locators as L
from .harness import DIST, SEED_SLUG, TEST_JSON, TEST_PATH, TEST_SLUG, ReaderTestCase, reading_key, seed_as, size_key

SEED_PATH = f"/articles/{SEED_SLUG}"
SEED_JSON = f"/articles/{SEED_SLUG}.json"


def seed():
    return seed_as(SEED_SLUG)


def seed_text(n):
    """The text of the seed's paragraph `n` (as `#p-n` shows it)."""
    return [b["text"] for b in seed()["body"] if b["type"] == "paragraph"][n - 1]


def article(slug, title, published="2021-01-01", body=None, **extra):
    return json.dumps(
        {
            "slug": slug,
            "title": title,
            "published": published,
            "body": body if body is not None else [{"type": "paragraph", "text": f"Nội dung của {title}."}],
            **extra,
        },
        ensure_ascii=False,
    )


class DeepLinkTest(ReaderTestCase):
    def test_a_deep_link_loads_only_the_islands_not_the_whole_app(self):
        self.open(SEED_PATH)
        self.b.button(L.LARGER).click()
        self.wait_for(lambda: self.b.find(".size-value").text == "110%", "the islands at work")
        # What the page itself fetched (the worker's own downloads are not in it).
        fetched = self.b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
        islands, app = self.wasm_path("index.html"), self.wasm_path("shell.html")
        self.assertNotEqual(islands, app)
        self.assertIn(islands, fetched)
        self.assertNotIn(app, fetched, "the whole app (the search page's) is not a reader's download")

    def test_a_cold_deep_link_shows_the_whole_seed_article(self):
        a = seed()
        self.open(SEED_PATH)
        self.wait_text(L.HEADLINE, a["title"])
        self.assertEqual(self.b.find(".article-meta time").text, "21/08/2020")
        self.assertEqual(self.b.find(L.LEAD).prop("textContent"), a["lead"])
        # (The paragraph links' island is an empty wrapper, laid out as nothing.)
        body = self.b.js(
            "return [...document.querySelectorAll('.article-body > :not(leptos-island)')]"
            ".map(e => [e.tagName, e.textContent])"
        )
        expected = [
            ["P", b["text"]] if b["type"] == "paragraph" else ["FIGURE", b["caption"]] for b in a["body"]
        ]
        self.assertEqual(body, expected, "every paragraph and the caption, verbatim and in order")
        self.assertEqual(len([b for b in body if b[0] == "P"]), 8)
        self.assertEqual(self.b.find("figure figcaption").prop("textContent"), a["body"][7]["caption"])
        self.assertEqual(self.b.find(".author").text, "Hương Dịu")
        self.assertEqual(self.b.title, f"{a['title']} — Bản tin")
        self.assertEqual(self.b.js("return document.documentElement.lang"), "vi")
        self.assertEqual(len(self.b.find_all("h1")), 1, "the title is the page's only h1")

    def test_the_page_fits_a_320px_phone_even_at_200_percent(self):
        self.store(size_key(), "200")
        self.b.resize(320, 700)
        try:
            self.open(SEED_PATH)
            self.h1()
            viewport = self.b.js("return document.documentElement.clientWidth")
            widest = self.b.js("return document.documentElement.scrollWidth")
            self.assertLessEqual(widest, viewport, "no horizontal scrolling")
            # The widest column, the loosest lines and the preferences panel open.
            self.store(reading_key("width"), "wide")
            self.store(reading_key("lineSpacing"), "loose")
            self.reload()
            self.h1()
            self.b.button(L.PREFERENCES).click()
            self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the panel")
            widest = self.b.js("return document.documentElement.scrollWidth")
            self.assertLessEqual(widest, viewport, "no horizontal scrolling with the panel open")
        finally:
            self.b.resize(1200, 900)

    def test_the_linked_paragraph_is_highlighted_and_motion_can_be_reduced(self):
        self.open(SEED_PATH + "#p-3")
        self.h1()
        self.wait_for(lambda: "is-target" in (self.b.find(L.paragraph(3)).attr("class") or ""), "the highlight")
        self.assertEqual(self.b.find(L.paragraph(3)).css("animation-name"), "target-flash")
        self.assertEqual(len(self.b.find_all(".is-target")), 1, "only that paragraph")
        self.b.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        try:
            self.assertEqual(self.b.find(L.paragraph(3)).css("animation-name"), "none")
            self.assertEqual(self.b.find(L.paragraph(3)).css("background-color"), "rgb(255, 241, 168)")
        finally:
            self.b.cdp("Emulation.setEmulatedMedia", {"features": []})

    def test_a_paragraph_fragment_scrolls_to_that_paragraph(self):
        self.open(SEED_PATH + "#p-5")
        self.h1()
        self.wait_for(
            lambda: self.b.js(
                "const top = document.getElementById('p-5')?.getBoundingClientRect().top;"
                "return window.scrollY > 0 && top !== undefined && Math.abs(top) < 2;"
            ),
            "paragraph 5 scrolled to the top of the viewport",
        )


class NavigationTest(ReaderTestCase):
    def test_home_lists_the_seed_with_date_and_lead(self):
        a = seed()
        self.open("/")
        link = self.wait_text("ol.article-list h2 a", a["title"])
        self.assertEqual(link.attr("href"), SEED_PATH)
        self.assertIn("21/08/2020", self.b.find(".card-meta").text)
        self.assertTrue(self.b.find(".card-lead").text.startswith("Thấm nhuần lời dạy của Bác Hồ"))
        self.assertEqual(self.b.title, "Bản tin")

    def test_the_list_is_newest_first(self):
        self.list_from_the_app([
            {"slug": "cu", "title": "Bài cũ", "published": "2019-03-01"},
            {"slug": "moi", "title": "Bài mới", "published": "2024-12-31"},
            {"slug": "giua", "title": "Bài giữa", "published": "2021-07-15"},
        ])
        self.open("/")
        self.wait_text("ol.article-list h2 a", "Bài mới")
        titles = [el.text for el in self.b.find_all(L.ARTICLE_LINKS)]
        self.assertEqual(titles, ["Bài mới", "Bài giữa", "Bài cũ"])

    def test_links_back_and_forward(self):
        title = seed()["title"]
        self.open("/")
        self.wait_text("ol.article-list h2 a", title).click()
        self.wait_text(L.HEADLINE, title)
        self.assertTrue(self.b.current_url.endswith(SEED_PATH))
        self.b.back()
        self.wait_text("ol.article-list h2 a", title)
        self.b.forward()
        self.wait_text(L.HEADLINE, title)
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text("ol.article-list h2 a", title)
        self.assertEqual(self.b.current_url, self.base + "/")

    def test_an_unknown_path_is_a_not_found_page_with_a_way_home(self):
        self.open("/khong/co/trang-nay")
        self.wait_text(L.HEADLINE, "Không tìm thấy trang")
        self.b.by_text("main a", "Về trang chủ").click()
        self.wait_text("ol.article-list h2 a", seed()["title"])

    def test_a_missing_article_is_not_found(self):
        self.open("/articles/khong-co-bai-nay")
        self.wait_text(L.HEADLINE, "Không tìm thấy bài viết")
        self.assertTrue(self.requested("/articles/khong-co-bai-nay.json"))
        self.assertEqual(self.b.title, "Không tìm thấy bài viết — Bản tin")
        self.assertTrue(self.b.by_text("main a", "Về trang chủ"))

    def test_a_malformed_slug_is_not_found_without_any_request(self):
        for path in ["/articles/Khong-Hop-Le", "/articles/%3Cscript%3E", "/articles/a_b", "/articles/%E1%BA%A1", "/articles/a%2Fb"]:
            self.open(path)
            self.wait_text(L.HEADLINE, "Không tìm thấy bài viết")
        article_requests = [p for p in self.state.requests if p.startswith("/articles/") and p.endswith(".json")]
        self.assertEqual(article_requests, [], "no request left the browser for a bad slug")


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


class FailureTest(ReaderTestCase):
    def test_an_html_page_instead_of_json_is_bad_data(self):
        self.fault(TEST_JSON, body="<!doctype html><html><body>Trang chủ</body></html>", content_type="text/html")
        self.open(TEST_PATH)
        self.wait_text(L.HEADLINE, "Dữ liệu bị lỗi")
        self.assertIn("tệp không phải JSON hợp lệ", self.b.find(L.LOAD_ERROR).text)
        self.assertEqual(self.b.find_all(".retry"), [], "retrying cannot fix bad data")

    def test_a_missing_title_is_named(self):
        data = seed_as(TEST_SLUG)
        del data["title"]
        self.fault(TEST_JSON, body=json.dumps(data))
        self.open(TEST_PATH)
        self.wait_text(L.HEADLINE, "Dữ liệu bị lỗi")
        self.assertIn("thiếu trường “title”", self.b.find(L.LOAD_ERROR).text)

    def test_a_server_error_offers_a_retry_that_works(self):
        self.fault(TEST_JSON, status=503, times=1)
        self.open(TEST_PATH)
        self.wait_text(L.HEADLINE, "Máy chủ đang gặp sự cố")
        self.assertIn("503", self.b.find(L.LOAD_ERROR).text)
        self.b.button(L.RETRY).click()
        self.wait_text(L.HEADLINE, seed()["title"])

    def test_a_lost_connection_says_so_and_retry_works_once_back_online(self):
        title = seed()["title"]
        # Inside the whole app (the shell), where a link loads the article's
        # data; between pre-rendered pages a link is a page load.
        self.list_from_the_app()
        self.open("/")
        link = self.wait_text("ol.article-list h2 a", title)
        # The connection drops (DevTools' offline switch would not reach the
        # service worker, which fetches on the page's behalf).
        self.fault(SEED_JSON, drop=True)
        link.click()
        self.wait_text(L.HEADLINE, "Không kết nối được")
        self.assertIn("kiểm tra kết nối mạng", self.b.find(L.LOAD_ERROR).text)
        with self.state.lock:
            del self.state.faults[SEED_JSON]
        self.b.button(L.RETRY).click()
        self.wait_text(L.HEADLINE, title)
        self.b.browser_log()  # the failed fetch was expected

    def test_a_broken_list_offers_a_retry_that_works(self):
        self.list_from_the_app(status=500, times=1)
        self.open("/")
        self.wait_text(L.HEADLINE, "Máy chủ đang gặp sự cố")
        self.b.button(L.RETRY).click()
        self.wait_text("ol.article-list h2 a", seed()["title"])

    def test_a_missing_list_says_the_list_is_missing_and_retry_works(self):
        """A 404 for the list (a site mid-deploy) is not a missing article."""
        self.list_from_the_app(status=404, times=1)
        self.open("/")
        self.wait_text(L.HEADLINE, "Không tìm thấy danh sách bài viết")
        self.assertNotIn("Bài viết này", self.b.find(L.LOAD_ERROR).text)
        self.b.button(L.RETRY).click()
        self.wait_text("ol.article-list h2 a", seed()["title"])
        self.b.browser_log()  # the failed load was expected

    def test_markup_in_the_data_is_shown_as_text(self):
        hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
        self.fault(TEST_JSON, body=article(TEST_SLUG, hostile, lead=hostile, author=hostile))
        self.open(TEST_PATH)
        h1 = self.wait_text(L.HEADLINE, hostile)
        self.assertEqual(self.b.find_all("main img, main script"), [])
        self.assertEqual(self.b.find(L.LEAD).text, hostile)
        self.assertNotEqual(self.b.title, "pwned")
        self.assertTrue(h1)

    def test_a_late_answer_never_replaces_the_article_on_screen(self):
        self.list_from_the_app([
            {"slug": TEST_SLUG, "title": "Bài chậm", "published": "2020-08-21"},
            {"slug": "bai-nhanh", "title": "Bài nhanh", "published": "2020-08-20"},
        ])
        self.fault(TEST_JSON, delay=2)
        self.fault("/articles/bai-nhanh.json", body=article("bai-nhanh", "Bài nhanh"))
        self.open("/")
        self.wait_text("ol.article-list h2 a", "Bài chậm").click()
        self.wait_text("main p.loading", "Đang tải bài viết…")
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text("ol.article-list h2 a", "Bài nhanh").click()
        self.wait_text(L.HEADLINE, "Bài nhanh")
        self.wait_for(lambda: self.state.delays_finished >= 1, "the slow answer to be sent", timeout=10)
        self.b.js("return 1")  # a round trip after the late answer
        self.assertEqual(self.h1(), "Bài nhanh")
        self.assertEqual(len(self.b.find_all("main article")), 1)


# The visible structure of an element tree: tags, the attributes a reader or a
# screen reader notices, and text. Comments (Leptos's markers) are not elements,
# and neither, to a reader, is an island's wrapper (laid out as nothing).
# The size label is left out: before the app it comes from CSS.
SIGNATURE = """(root => [...root.querySelectorAll('*')]
  .filter(e => e.tagName !== 'SCRIPT' && e.tagName !== 'LEPTOS-ISLAND' && !e.closest('output'))
  .map(e => [e.tagName, e.id, e.className, e.getAttribute('aria-label'), e.getAttribute('lang'),
             e.getAttribute('datetime'), e.hasAttribute('disabled'), e.getAttribute('href'),
             e.getAttribute('role'), e.children.length ? null : e.textContent]))"""


class PrerenderTest(ReaderTestCase):
    def test_the_prerendered_page_is_what_the_app_renders_itself(self):
        # The app's own rendering: from the search page (the shell, the whole
        # app), home and then the article, all inside that one document.
        self.open("/tim-kiem")
        self.b.js("window.__same_document = true")
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text("ol.article-list h2 a", seed()["title"]).click()
        self.wait_text(L.HEADLINE, seed()["title"])
        self.assertTrue(self.b.js("return window.__same_document === true"), "rendered by the app, not loaded")
        app = self.b.js(f"return [{SIGNATURE}(document.querySelector('.site-header')), {SIGNATURE}(document.querySelector('main'))]")
        html = self.b.js_async(
            "const done = arguments[arguments.length - 1];"
            "fetch(location.pathname).then(r => r.text()).then(done);"
        )
        self.assertIn("<body data-prerendered", html, "the server sent a pre-rendered page")
        # Parsed without its <style>: inside the shell's document, Chromium
        # checks a parsed page's inline stylesheet against the shell's policy
        # (which has no hash for it) and reports it, though nothing renders.
        prerendered = self.b.js(
            "const page = new DOMParser().parseFromString(arguments[0].replace(/<style>[\\s\\S]*?<\\/style>/, ''), 'text/html');"
            f"return [{SIGNATURE}(page.querySelector('.site-header')), {SIGNATURE}(page.querySelector('main'))]",
            html,
        )
        self.assertGreater(len(app[1]), 20)
        self.assertEqual(prerendered, app)

    def test_loading_a_deep_link_shifts_nothing(self):
        self.open(SEED_PATH)
        self.h1()
        cls = self.b.js_async(
            "const done = arguments[arguments.length - 1]; let cls = 0;"
            "new PerformanceObserver(l => { for (const e of l.getEntries()) cls += e.value; })"
            ".observe({type: 'layout-shift', buffered: true});"
            "requestAnimationFrame(() => setTimeout(() => done(cls), 0));"
        )
        self.assertEqual(cls, 0, "cumulative layout shift of the load")


class CopyLinkTest(ReaderTestCase):
    def grant_clipboard(self):
        self.b.cdp("Browser.grantPermissions", {
            "origin": self.base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})

    def clipboard(self, via="navigator.clipboard"):
        return self.b.js_async(
            f"const done = arguments[arguments.length - 1]; {via}.readText().then(done, e => done('error: ' + e));"
        )

    def test_the_article_link_is_copied(self):
        self.grant_clipboard()
        self.open(SEED_PATH)
        self.h1()
        self.b.button(L.COPY_LINK).click()
        self.wait_text("[data-testid=copy-status]", "Đã chép liên kết.")
        self.assertEqual(self.clipboard(), self.base + SEED_PATH)

    def test_without_the_clipboard_api_the_fallback_copies(self):
        self.grant_clipboard()
        with self.b.on_every_page(
            "window.__clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard').get;"
            "Object.defineProperty(Navigator.prototype, 'clipboard', {configurable: true, get() { return undefined; }});"
        ):
            self.open(SEED_PATH)
            self.h1()
            self.b.button(L.COPY_LINK).click()
            self.wait_text("[data-testid=copy-status]", "Đã chép liên kết.")
            self.assertEqual(self.clipboard("window.__clipboard.call(navigator)"), self.base + SEED_PATH)

    def test_when_nothing_can_copy_the_reader_gets_the_address(self):
        with self.b.on_every_page(
            "Object.defineProperty(Navigator.prototype, 'clipboard', {configurable: true, get() { return undefined; }});"
            "Document.prototype.execCommand = function () { return false; };"
        ):
            self.open(SEED_PATH)
            self.h1()
            self.b.button(L.COPY_LINK).click()
            self.wait_text("[data-testid=copy-status]", f"Không chép được. Liên kết: {self.base}{SEED_PATH}")

    def test_a_paragraph_under_the_pointer_offers_its_link(self):
        self.grant_clipboard()
        self.open(SEED_PATH)
        self.h1()
        self.assertEqual(self.b.find_all(L.PARAGRAPH_LINK_BUTTON), [], "nothing until the pointer is over a paragraph")
        p3 = self.b.find(L.paragraph(3))
        self.b.hover(p3)
        button = self.wait_for(lambda: self.b.find_all(L.PARAGRAPH_LINK_BUTTON), "the paragraph's link button")[0]
        self.assertEqual((button.attr("tabindex"), button.attr("aria-hidden")), ("-1", "true"), "no tab stop, nothing read aloud")
        box = self.b.js("const b = document.querySelector('.para-link').getBoundingClientRect(),"
                        " p = document.getElementById('p-3').getBoundingClientRect();"
                        "return [Math.abs(b.top - p.top) < 40, b.right <= p.left + 1 || b.bottom <= p.top + 1];")
        self.assertEqual(box, [True, True], "beside paragraph 3, not over its text")
        self.assertEqual(self.b.find(L.paragraph(3)).prop("textContent"), seed_text(3), "the paragraph's text is unchanged")
        button.click()
        self.wait_text("[data-testid=copy-status]", "Đã chép liên kết đến đoạn 3.")
        self.assertEqual(self.clipboard(), f"{self.base}{SEED_PATH}#p-3")
        self.assertIn("is-copied", self.b.find(L.PARAGRAPH_LINK_BUTTON).attr("class"))

    def test_l_copies_the_link_to_the_paragraph_being_read(self):
        self.grant_clipboard()
        self.open(SEED_PATH)
        self.h1()
        # Paragraph 5 starts just above the top quarter of the window.
        self.b.js("const p = document.getElementById('p-5'); window.scrollBy(0, p.getBoundingClientRect().top - innerHeight / 4 + 10)")
        self.b.keys("l")
        self.wait_text("[data-testid=copy-status]", "Đã chép liên kết đến đoạn 5.")
        self.assertEqual(self.clipboard(), f"{self.base}{SEED_PATH}#p-5")
        self.b.keys("?")
        self.wait_for(lambda: self.b.js("return document.querySelector('dialog.help').open"), "the help")
        self.assertIn("Chép liên kết đến đoạn đang đọc", self.b.find(L.HELP_DIALOG).text)
        self.b.keys("Escape")
        # On the list "L" means nothing; back on the article (a new view of
        # it), "L" copies that article's paragraph again.
        self.b.by_text("header a", "Trang chủ").click()
        link = self.wait_text("ol.article-list h2 a", seed()["title"])
        self.b.keys("l")
        self.assertEqual(self.b.find_all("[data-testid=copy-status]"), [])
        link.click()
        self.h1()
        self.b.js("const p = document.getElementById('p-3'); window.scrollBy(0, p.getBoundingClientRect().top - innerHeight / 4 + 10)")
        self.b.keys("l")
        self.wait_text("[data-testid=copy-status]", "Đã chép liên kết đến đoạn 3.")
        self.assertEqual(self.clipboard(), f"{self.base}{SEED_PATH}#p-3")
