"""Accessibility: axe-core on every kind of page, and a keyboard-only walk."""

import os

from . import locators as L
from .harness import ROOT, SEED_SLUG, TEST_JSON, TEST_PATH, ReaderTestCase, reading_key, size_key

AXE = os.path.join(ROOT, ".tools", "axe", "node_modules", "axe-core", "axe.min.js")

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)))
  .catch(e => done(['axe failed: ' + e]));
"""


class AxeTest(ReaderTestCase):
    def audit(self):
        with open(AXE, encoding="utf-8") as f:
            self.b.js(f.read())
        return self.b.js_async(RUN_AXE)

    def test_every_kind_of_page_has_no_violations(self):
        pages = {
            "the list": ("/", L.ARTICLE_LIST),
            "an article": (f"/articles/{SEED_SLUG}", L.ARTICLE_HEADLINE),
            "an article at 200%": (f"/articles/{SEED_SLUG}", L.ARTICLE_HEADLINE),
            "not found": ("/khong/co", ".not-found h1"),
            "search results": ("/tim-kiem?q=bac+kan", L.SEARCH_COUNT),
            "a load error": (TEST_PATH, L.LOAD_ERROR),
        }
        self.fault(TEST_JSON, status=503)
        for name, (path, ready) in pages.items():
            with self.subTest(name):
                if name.endswith("200%"):
                    self.store(size_key(), "200")
                self.open(path)
                self.wait_for(lambda: self.b.find_all(ready), ready)
                self.assertEqual(self.audit(), [], name)
        self.b.browser_log()  # the 503 was on purpose

    def test_every_theme_passes_on_the_list_the_article_with_its_panel_and_not_found(self):
        self.addCleanup(self.b.cdp, "Emulation.setEmulatedMedia", {"features": []})
        themes = {"light": "light", "dark": "dark", "sepia": "sepia", "auto on a dark system": "auto"}
        for name, theme in themes.items():
            system = "dark" if name.startswith("auto") else "light"
            self.b.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": system}]})
            self.store(reading_key("theme"), theme)
            for page, ready in [("/", L.ARTICLE_LIST), (f"/articles/{SEED_SLUG}", L.ARTICLE_HEADLINE), ("/khong/co", ".not-found h1")]:
                with self.subTest(theme=name, page=page):
                    self.open(page)
                    self.wait_for(lambda: self.b.find_all(ready), ready)
                    if page.startswith("/articles/"):
                        self.b.button(L.PREFERENCES).click()
                        self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the preferences panel")
                    self.assertEqual(self.audit(), [], f"{page} in {name}")


class KeyboardTest(ReaderTestCase):
    def test_every_control_is_reached_by_tab_and_shows_focus(self):
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()
        expected = self.b.js(
            "return [...document.querySelectorAll('a[href], button:not(:disabled), input')]"
            ".filter(e => e.getClientRects().length || e.classList.contains('skip-link'))"
            ".map(e => e.textContent.trim() || e.id)"
        )
        reached, outlines = [], []
        for _ in range(len(expected) + 1):
            self.b.keys("Tab")
            focused = self.b.js(
                "const e = document.activeElement, s = getComputedStyle(e);"
                "return [e.textContent.trim() || e.id, s.outlineStyle, parseFloat(s.outlineWidth), e.tagName];"
            )
            if focused[3] == "BODY":
                break
            reached.append(focused[0])
            outlines.append((focused[0], focused[1], focused[2]))
        self.assertEqual(reached[: len(expected)], expected, "tab order follows the page, every control once")
        for name, style, width in outlines:
            self.assertTrue(style != "none" and width >= 2, f"focus on {name!r} is visible")

    def test_the_size_buttons_work_from_the_keyboard(self):
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()
        self.b.js("arguments[0].focus()", self.b.button(L.LARGER))
        self.b.keys("Enter")
        self.wait_for(lambda: self.shown_size() == "110%", "110% by Enter")
        self.b.keys(" ")
        self.wait_for(lambda: self.shown_size() == "125%", "125% by Space")

    def test_the_skip_link_moves_focus_to_the_content(self):
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()
        self.b.keys("Tab")
        self.assertEqual(self.b.js("return document.activeElement.textContent"), "Bỏ qua đến nội dung")
        self.b.keys("Enter")
        self.wait_for(lambda: self.b.js("return document.activeElement.id") == "main", "focus in <main>")
        self.b.keys("Tab")
        self.assertEqual(
            self.b.js("return document.activeElement.closest('main') && document.activeElement.getAttribute('title')"),
            L.SMALLER,
            "the next Tab lands on the first control in <main>, past the header",
        )


class ShortcutsTest(ReaderTestCase):
    def test_plus_minus_zero_change_the_size(self):
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()
        for key, size in [("+", "110%"), ("=", "125%"), ("-", "110%"), ("0", "100%")]:
            self.b.keys(key)
            self.wait_for(lambda: self.shown_size() == size, f"{size} after {key!r}")
        stored = self.stored(size_key())
        self.assertIsNone(stored, "0 is the 'Đặt lại' button's key: nothing left stored")

    def test_typing_in_a_field_and_browser_zoom_keys_are_left_alone(self):
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()
        self.b.js(
            "const i = document.createElement('input'); i.id = 'field'; i.setAttribute('aria-label', 'thử');"
            "document.querySelector('main').prepend(i); i.focus();"
        )
        self.b.keys("+", "+", "0")
        self.assertEqual(self.b.js("return document.getElementById('field').value"), "++0")
        self.b.js("document.getElementById('field').remove(); document.body.focus();")
        self.b.press_with("Control", "=")
        self.b.keys("-")  # a plain key afterwards proves the listener is alive
        self.wait_for(lambda: self.shown_size() == "90%", "only the plain '-' counted")

    def test_question_mark_opens_an_accessible_help_dialog(self):
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()
        self.b.keys("?")
        self.wait_for(lambda: self.b.js("return document.querySelector('dialog.help').open"), "the dialog")
        self.assertIn(L.LARGER, self.b.find(L.HELP_DIALOG).text)
        self.assertTrue(self.b.js("return document.activeElement.closest('dialog') !== null"), "focus moves into the dialog")
        with open(AXE, encoding="utf-8") as f:
            self.b.js(f.read())
        self.assertEqual(self.b.js_async(RUN_AXE), [], "the open dialog")
        self.b.keys("Escape")
        self.wait_for(lambda: not self.b.js("return document.querySelector('dialog.help').open"), "Escape closes it")
        self.b.button(L.SHORTCUTS).click()
        self.wait_for(lambda: self.b.js("return document.querySelector('dialog.help').open"), "the ? button opens it")
        self.b.button(L.CLOSE).click()
        self.wait_for(lambda: not self.b.js("return document.querySelector('dialog.help').open"), "Đóng closes it")
