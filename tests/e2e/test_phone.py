"""The first screen of a shared article on a phone: a reader who arrives from
Zalo or Facebook sees the headline near the top, the text begin and A+ without
scrolling, and every control is a tap or two away."""

import os

from . import locators as L
from . import names
from .harness import DIST, ROOT, SEED_SLUG, ReaderTestCase, reading_key, size_key
from .test_accessibility import AXE, RUN_AXE

SEED_PATH = f"/articles/{SEED_SLUG}"
SCREENSHOTS = os.path.join(ROOT, "docs", "screenshots")
# The common Android screen and the common iPhone, in CSS pixels.
PHONES = {"360×640": (360, 640), "390×844": (390, 844)}

# Where the reader's eye goes on the first screen, in CSS px from the top of
# the viewport, and whether anything is wider than the screen.
FIRST_SCREEN = """
const top = sel => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().top : null; };
const larger = document.querySelector('button.' + arguments[0]).getBoundingClientRect();
const row = [...document.querySelectorAll('.toolbar button')].filter(b => b.getClientRects().length)
  .map(b => Math.round(b.getBoundingClientRect().top));
return {
  headline: top('.article h1'),
  paragraph: top('#p-1'),
  line: parseFloat(getComputedStyle(document.getElementById('p-1')).lineHeight),
  a_plus: [larger.top, larger.bottom, larger.left, larger.right],
  toolbar_rows: new Set(row).size,
  scroll_width: document.documentElement.scrollWidth,
  width: document.documentElement.clientWidth,
};
"""

# Every visible control's size, for WCAG 2.2's 24 × 24 px target minimum.
SMALL_TARGETS = """
return [...document.querySelectorAll('a[href], button, input, summary')]
  .filter(e => e.getClientRects().length && !e.classList.contains('skip-link') && !e.closest('p, li, dd'))
  .map(e => [e.textContent.trim() || e.getAttribute('aria-label') || e.id, e.getBoundingClientRect()])
  .filter(([, r]) => r.width < 24 || r.height < 24)
  .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`);
"""


class PhoneTestCase(ReaderTestCase):
    def first_screen(self):
        return self.b.js(FIRST_SCREEN, names.size()["classes"]["larger"])


class FirstScreenTest(PhoneTestCase):
    def test_the_headline_the_text_and_a_plus_are_on_a_phones_first_screen(self):
        for name, (width, height) in PHONES.items():
            with self.subTest(name):
                self.phone(width, height)
                # As painted before any WASM, then once the islands are attached:
                # the same place (nothing moves under the reader's thumb).
                lift = self.open_without_app(SEED_PATH)
                self.h1()
                before = self.first_screen()
                lift()
                self.open(SEED_PATH)
                after = self.first_screen()
                self.assertEqual(before, after, "the islands move nothing")
                self.assertLessEqual(after["headline"], 0.2 * height, f"the headline in the top fifth: {after}")
                self.assertLessEqual(after["paragraph"] + after["line"], height,
                                     f"the first paragraph's first line is on the first screen: {after}")
                top, bottom, left, right = after["a_plus"]
                self.assertTrue(0 <= top and bottom <= height and 0 <= left and right <= width, f"A+ on screen: {after}")
                self.assertEqual(after["toolbar_rows"], 1, f"the toolbar on one row: {after}")
                self.assertLessEqual(after["scroll_width"], after["width"], "nothing wider than the screen")
                self.assertEqual(self.b.js(SMALL_TARGETS), [], "every target at least 24 × 24 px")

    def test_a_shared_link_is_styled_by_its_one_request(self):
        """The page carries its stylesheet: a reader on 3G waits for no second
        round trip before the text paints, and a stylesheet file that cannot be
        fetched changes nothing."""
        self.phone(360, 640)
        for name in os.listdir(DIST):
            if name.endswith(".css"):
                self.fault(f"/{name}", status=404)
        lift = self.open_without_app(SEED_PATH)
        self.h1()
        styled = self.b.js(
            "return [getComputedStyle(document.querySelector('.toolbar')).display,"
            " getComputedStyle(document.querySelector('.site-header')).display,"
            " document.querySelector('.search-open').getClientRects().length > 0,"
            " document.getElementById('site-search-q').getClientRects().length > 0]"
        )
        self.assertEqual(styled, ["flex", "flex", True, False],
                         "the phone's layout (search behind its button), with no stylesheet file")
        requested = self.b.js("return performance.getEntriesByType('resource').map(e => e.name)")
        self.assertEqual([r for r in requested if r.endswith(".css")], [], "no stylesheet is fetched")
        lift()

    def test_nothing_scrolls_sideways_at_320_px_and_200_percent(self):
        self.phone(320, 640)
        self.store(size_key(), "200")
        for path, ready in [(SEED_PATH, L.ARTICLE_HEADLINE), ("/", L.ARTICLE_LIST), ("/tim-kiem?q=bac+kan", L.SEARCH_COUNT)]:
            with self.subTest(path):
                self.open(path)
                self.wait_for(lambda: self.b.find_all(ready), ready)
                self.assertEqual(self.b.find(L.SIZE_LABEL).text, "200%")
                width = self.b.js("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                self.assertLessEqual(width[0], width[1], f"{path}: the page is wider than the screen")
                self.b.button(L.PREFERENCES).click()
                self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the preferences panel")
                width = self.b.js("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                self.assertLessEqual(width[0], width[1], f"{path} with its panel open")

    def test_the_phones_first_screen_for_the_readme(self):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.phone(360, 640)
        self.open(SEED_PATH)
        self.h1()
        self.b.screenshot(os.path.join(SCREENSHOTS, "phone-first-screen.png"))


class PhoneControlsTest(PhoneTestCase):
    def test_search_is_one_tap_away_and_the_field_takes_the_typing(self):
        self.phone(360, 640)
        lift = self.open_without_app(SEED_PATH)  # it works before any WASM
        self.h1()
        self.assertFalse(self.b.js("return !!document.getElementById('site-search-q').getClientRects().length"),
                         "the field waits behind its button")
        self.b.button(L.SEARCH).click()
        self.wait_for(lambda: self.b.js("return document.activeElement.id") == "site-search-q", "the focus in the field")
        field = self.b.js("const r = document.getElementById('site-search-q').getBoundingClientRect(); return [r.top, r.bottom]")
        self.assertTrue(0 <= field[0] and field[1] <= 640, f"the field on screen: {field}")
        self.b.keys("Escape")
        self.wait_for(lambda: not self.b.js("return document.getElementById('site-search-q').getClientRects().length"),
                      "Esc closes it")
        self.b.button(L.SEARCH).click()
        self.wait_for(lambda: self.b.js("return document.activeElement.id") == "site-search-q", "open again")
        field = self.b.find("#site-search-q")
        field.handle.type("bac kan")
        field.handle.press("Enter")  # (waits for the page it goes to)
        self.wait_for(lambda: "/tim-kiem?q=bac+kan" in self.b.current_url, "the search page")
        self.wait_for(lambda: self.b.find_all(L.SEARCH_COUNT), "the results")
        lift()

    def test_copy_link_and_the_reading_panel_are_on_the_first_row(self):
        self.phone(360, 640)
        self.b.cdp("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        self.open(SEED_PATH)
        copy = self.b.button(L.COPY_LINK)
        copy.click()
        self.wait_text("[data-testid=copy-status]", "Đã chép liên kết.")
        self.b.button(L.PREFERENCES).click()
        self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the preferences panel")
        self.b.button(L.PREFERENCES).click()
        self.wait_for(lambda: not self.b.find_all(L.PREFERENCES_PANEL), "a second tap closes the panel")


class PhoneAxeTest(PhoneTestCase):
    def audit(self):
        with open(AXE, encoding="utf-8") as f:
            self.b.js(f.read())
        return self.b.js_async(RUN_AXE)

    def test_the_phones_header_and_toolbar_pass_in_every_theme(self):
        self.phone(360, 640)
        themes = {"light": "light", "dark": "dark", "sepia": "sepia", "auto on a dark system": "auto"}
        for name, theme in themes.items():
            system = "dark" if name.startswith("auto") else "light"
            self.b.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": system}]})
            self.store(reading_key("theme"), theme)
            with self.subTest(theme=name):
                self.open(SEED_PATH)
                self.h1()
                self.assertEqual(self.audit(), [], f"closed, in {name}")
                self.b.button(L.SEARCH).click()
                self.wait_for(lambda: self.b.js("return document.activeElement.id") == "site-search-q", "the search form")
                self.assertEqual(self.audit(), [], f"the search form open, in {name}")
                self.b.keys("Escape")
