"""Sharing a link: the article's link is copied (with the fallbacks when the
clipboard is missing), a paragraph under the pointer offers its own link, and
`L` copies the link to the paragraph being read; where the browser has a
share sheet (navigator.share, stubbed here: headless Chromium has none), the
same button is "Chia sẻ" and shares the title and the canonical address."""

from . import locators as L
from .harness import SEED_PATH, ReaderTestCase, reading_key, seed, seed_text
from .test_accessibility import AXE, RUN_AXE


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
        link = self.wait_text(L.ARTICLE_LINKS, seed()["title"])
        self.b.keys("l")
        self.assertEqual(self.b.find_all("[data-testid=copy-status]"), [])
        link.click()
        self.h1()
        self.b.js("const p = document.getElementById('p-3'); window.scrollBy(0, p.getBoundingClientRect().top - innerHeight / 4 + 10)")
        self.b.keys("l")
        self.wait_text("[data-testid=copy-status]", "Đã chép liên kết đến đoạn 3.")
        self.assertEqual(self.clipboard(), f"{self.base}{SEED_PATH}#p-3")


# A share sheet that records what it was given; `outcome` is how it ends.
SHARE_SHEET = """
window.__shared = [];
Navigator.prototype.share = function (data) {
  window.__shared.push({title: data.title, url: data.url});
  const outcome = window.__shareOutcome || 'shared';
  if (outcome === 'shared') return Promise.resolve();
  return Promise.reject(new DOMException('no', outcome === 'closed' ? 'AbortError' : 'NotAllowedError'));
};
"""


class ShareTest(ReaderTestCase):
    def canonical(self):
        return self.b.find("link[rel=canonical]").attr("href")

    def shared(self):
        return self.b.js("return window.__shared")

    def test_with_a_share_sheet_the_button_shares_the_title_and_the_canonical_address(self):
        with self.b.on_every_page(SHARE_SHEET):
            lift = self.open_without_app(SEED_PATH)
            self.h1()
            self.assertTrue(self.b.button(L.SHARE), "Chia sẻ from the first paint, before the app")
            self.assertRaises(LookupError, self.b.button, L.COPY_LINK)
            width = self.b.js("return document.querySelector('.copy-link').getBoundingClientRect().width")
            lift()
            self.reload()
            self.h1()
            self.assertEqual(self.b.js("return document.querySelector('.copy-link').getBoundingClientRect().width"), width,
                             "the same button when the app starts")
            self.b.button(L.SHARE).click()
            self.wait_for(self.shared, "the share sheet")
            self.assertEqual(self.shared(), [{"title": seed()["title"], "url": self.canonical()}])
            self.assertTrue(self.canonical().startswith("http") and self.canonical().endswith(SEED_PATH))
            self.assertEqual(self.b.find("[data-testid=copy-status]").text, "", "the sheet is the answer")

    def test_a_paragraphs_own_link_is_shared_with_its_fragment(self):
        with self.b.on_every_page(SHARE_SHEET):
            self.open(SEED_PATH + "#p-3")
            self.h1()
            self.b.button(L.SHARE).click()
            self.wait_for(self.shared, "the share sheet")
            self.assertEqual(self.shared()[0]["url"], self.canonical() + "#p-3")

    def test_a_closed_sheet_says_nothing_and_a_failed_one_copies_instead(self):
        self.b.cdp("Browser.grantPermissions", {
            "origin": self.base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        with self.b.on_every_page(SHARE_SHEET + "window.__shareOutcome = 'closed';"):
            self.open(SEED_PATH)
            self.h1()
            self.b.button(L.SHARE).click()
            self.wait_for(self.shared, "the share sheet")
            self.assertEqual(self.b.find("[data-testid=copy-status]").text, "")
            self.b.js("window.__shareOutcome = 'refused'")
            self.b.button(L.SHARE).click()
            self.wait_text("[data-testid=copy-status]", "Đã chép liên kết.")
            clip = self.b.js_async("const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('error: ' + e));")
            self.assertEqual(clip, self.base + SEED_PATH)
        self.b.browser_log()  # the refused sheet's warning was expected

    def test_the_share_button_passes_axe_in_every_theme_on_a_phone_and_a_desktop(self):
        self.addCleanup(self.b.resize, 1200, 900)
        with open(AXE, encoding="utf-8") as f:
            axe = f.read()
        with self.b.on_every_page(SHARE_SHEET):
            for width in (360, 1200):
                self.b.resize(width, 800)
                for theme in ("light", "dark", "sepia"):
                    with self.subTest(width=width, theme=theme):
                        self.store(reading_key("theme"), theme)
                        self.open(SEED_PATH)
                        self.h1()
                        self.assertTrue(self.b.button(L.SHARE))
                        self.b.js(axe)
                        self.assertEqual(self.b.js_async(RUN_AXE), [], f"{width} px, {theme}")

    def test_without_a_share_sheet_the_button_copies(self):
        self.open(SEED_PATH)
        self.h1()
        self.assertFalse(self.b.js("return typeof navigator.share === 'function'"), "headless Chromium has no share sheet")
        self.assertTrue(self.b.button(L.COPY_LINK))
        self.assertRaises(LookupError, self.b.button, L.SHARE)
