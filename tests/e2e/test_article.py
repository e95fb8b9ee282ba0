"""Opening an article, most often from a link shared in Zalo or Facebook:
a cold deep link shows the whole pre-rendered article with only the islands'
WebAssembly, a `#p-N` link scrolls to and marks its paragraph, the page fits a
320 px phone, the pre-rendered page is what the app renders itself, and the
app's start leaves the reader's selection, focus, scroll and nodes alone."""

from . import locators as L
from .browser import VIEWPORT
from .harness import SEED_PATH, ReaderTestCase, reading_key, reading_time, seed, size_key


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
        self.assertEqual(self.b.find(".article-meta").text, "21/08/2020 · " + reading_time(a))
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


SIGNATURE = """(root => [...root.querySelectorAll('*')]
  .filter(e => e.tagName !== 'SCRIPT' && e.tagName !== 'LEPTOS-ISLAND' && !e.closest('output'))
  .map(e => [e.tagName, e.id, e.className, e.getAttribute('aria-label'), e.getAttribute('lang'),
             e.getAttribute('datetime'), e.hasAttribute('disabled'), e.getAttribute('href'),
             e.getAttribute('role'), e.children.length ? null : e.textContent]))"""


class PrerenderTest(ReaderTestCase):
    def test_the_prerendered_page_is_what_the_app_renders_itself(self):
        # The app's own rendering: from an address without a page (the
        # shell, the whole app), home and then the article, all inside that
        # one document.
        self.open("/khong-co-trang-nay")
        self.b.js("window.__same_document = true")
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text(L.ARTICLE_LINKS, seed()["title"]).click()
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
            "arguments[1].focus();"
            "const text = document.getElementById('p-3').firstChild, range = document.createRange();"
            "range.setStart(text, 5); range.setEnd(text, 60);"
            "getSelection().removeAllRanges(); getSelection().addRange(range);"
            "window.scrollTo(0, arguments[0]);",
            scroll_to,
            self.b.button(L.LARGER),
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
        self.assertEqual(focused, [True, L.LARGER], "the same A+ button keeps the focus")
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
