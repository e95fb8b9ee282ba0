"""Printing an article."""

import base64

from . import locators as L
from .harness import SEED_SLUG, ReaderTestCase, reading_key

PATH = f"/articles/{SEED_SLUG}"


class PrintTest(ReaderTestCase):
    def print_media(self, on):
        self.b.cdp("Emulation.setEmulatedMedia", {"media": "print" if on else ""})

    def tearDown(self):
        self.print_media(False)  # before the base class checks the screen page
        super().tearDown()

    def paragraph_px(self):
        return float(self.b.js("return parseFloat(getComputedStyle(document.getElementById('p-1')).fontSize)"))

    def test_print_shows_the_article_alone_with_its_address_and_date(self):
        self.open(PATH)
        self.h1()
        self.print_media(True)
        hidden = self.b.js(
            "return ['.site-header', '.toolbar', '.skip-link'].map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        self.assertEqual(hidden, ["none"] * 3, "no header, toolbar or skip link on paper")
        footer = self.b.find(".print-footer")
        self.assertEqual(footer.css("display"), "block")
        self.assertEqual(footer.css("position"), "fixed", "repeated on every page")
        self.assertIn("21/08/2020", footer.prop("textContent"))
        origin = self.b.js("return getComputedStyle(document.querySelector('.print-url'), '::before').content")
        self.assertEqual(origin, f'"{self.base}"')
        self.assertEqual(self.b.find(".print-url").prop("textContent"), PATH)

    def test_print_keeps_the_chosen_size(self):
        self.open(PATH)
        self.h1()
        self.print_media(True)
        at_100 = self.paragraph_px()
        self.print_media(False)
        self.b.button(L.LARGER).click()
        self.b.button(L.LARGER).click()
        self.wait_for(lambda: self.shown_size() == "125%", "125%")
        self.print_media(True)
        self.assertAlmostEqual(self.paragraph_px(), at_100 * 1.25, delta=0.05)

    def test_paper_is_black_on_white_whatever_the_screen_theme(self):
        for theme in ["dark", "sepia"]:
            with self.subTest(theme):
                self.store(reading_key("theme"), theme)
                self.open(PATH)
                self.h1()
                self.print_media(True)
                colours = self.b.js(
                    "const p = getComputedStyle(document.getElementById('p-1')), r = getComputedStyle(document.documentElement);"
                    "return [p.color, r.backgroundColor];"
                )
                self.assertEqual(colours, ["rgb(0, 0, 0)", "rgb(255, 255, 255)"])
                self.print_media(False)

    def test_the_article_prints_to_pdf(self):
        self.open(PATH)
        self.h1()
        pdf = base64.b64decode(self.b.cdp("Page.printToPDF", {"printBackground": False})["data"])
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(len(pdf), 10_000)
