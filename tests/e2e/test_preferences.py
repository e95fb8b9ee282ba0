"""Reading preferences: line spacing, width, theme and typeface, beside the size."""

import os

from . import locators as L
from .harness import ROOT, SEED_SLUG, ReaderTestCase, reading_key

SEED_PATH = f"/articles/{SEED_SLUG}"
SCREENSHOTS = os.path.join(ROOT, "docs", "screenshots")
GROUPS = ["lineSpacing", "width", "theme", "typeface"]
# The page background of each theme, as getComputedStyle reports it.
BACKGROUNDS = {
    "light": "rgb(255, 255, 255)",
    "dark": "rgb(20, 21, 24)",
    "sepia": "rgb(245, 237, 218)",
}


class PreferencesTest(ReaderTestCase):
    def open_panel(self):
        toggle = self.b.button(L.PREFERENCES)
        if toggle.attr("aria-expanded") != "true":
            toggle.click()
        self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the panel")
        self.assertEqual(self.b.button(L.PREFERENCES).attr("aria-expanded"), "true")

    def choose(self, group, label):
        self.b.by_text(f"fieldset[data-pref={group}] label", label).click()

    def checked(self, group):
        return self.b.js(f"return document.querySelector('fieldset[data-pref={group}] input:checked').value")

    def paragraph(self, prop):
        return self.b.js(f"return getComputedStyle(document.getElementById('p-1'))[{prop!r}]")

    def background(self):
        return self.b.js("return getComputedStyle(document.body).backgroundColor || getComputedStyle(document.documentElement).backgroundColor")

    def page_background(self):
        return self.b.js("return getComputedStyle(document.documentElement).backgroundColor")

    def attrs(self):
        return self.b.js(
            "const r = document.documentElement;"
            "return ['data-line-spacing', 'data-width', 'data-theme', 'data-typeface'].map(a => r.getAttribute(a));"
        )

    def test_each_preference_applies_is_remembered_and_reloads(self):
        self.open(SEED_PATH)
        self.h1()
        self.assertEqual(self.attrs(), ["normal", "standard", "auto", "sans"])
        size = float(self.paragraph("fontSize").rstrip("px"))
        leading = float(self.paragraph("lineHeight").rstrip("px"))
        width = self.b.js("return document.querySelector('main').getBoundingClientRect().width")
        self.open_panel()
        self.assertEqual([self.checked(g) for g in ["line-spacing", "width", "theme", "typeface"]], ["normal", "standard", "auto", "sans"])

        self.choose("line-spacing", "Rất rộng")
        self.wait_for(lambda: float(self.paragraph("lineHeight").rstrip("px")) > leading * 1.2, "looser lines")
        self.assertAlmostEqual(float(self.paragraph("lineHeight").rstrip("px")), size * 2.2, delta=0.1)
        self.choose("width", "Hẹp")
        self.wait_for(lambda: self.b.js("return document.querySelector('main').getBoundingClientRect().width") < width * 0.9, "a narrower column")
        self.choose("theme", "Tối")
        self.wait_for(lambda: self.page_background() == BACKGROUNDS["dark"], "the dark background")
        self.choose("typeface", "Có chân")
        self.wait_for(lambda: self.paragraph("fontFamily").endswith("serif") and "Noto Serif" in self.paragraph("fontFamily"), "a serif face")
        self.assertNotIn("Noto Serif", self.b.js("return getComputedStyle(document.querySelector('.toolbar')).fontFamily"), "the controls keep their face")
        stored = [self.stored(reading_key(group)) for group in GROUPS]
        self.assertEqual(stored, ["loose", "narrow", "dark", "serif"])

        self.reload()
        self.h1()
        self.assertEqual(self.attrs(), ["loose", "narrow", "dark", "serif"])
        self.assertEqual(self.page_background(), BACKGROUNDS["dark"])
        self.open_panel()
        self.assertEqual([self.checked(g) for g in ["line-spacing", "width", "theme", "typeface"]], ["loose", "narrow", "dark", "serif"])

    def test_stored_preferences_apply_before_the_app_starts(self):
        for group, value in [("theme", "sepia"), ("lineSpacing", "tight"), ("width", "wide"), ("typeface", "serif")]:
            self.store(reading_key(group), value)
        lift = self.open_without_app(SEED_PATH)
        self.assertTrue(self.b.find_all(L.PRERENDERED), "the app never started")
        self.assertEqual(self.attrs(), ["tight", "wide", "sepia", "serif"], "set by index.html's script")
        self.assertEqual(self.page_background(), BACKGROUNDS["sepia"])
        p = "document.getElementById('p-1')"
        line = self.b.js(f"const s = getComputedStyle({p}); return parseFloat(s.lineHeight) / parseFloat(s.fontSize)")
        self.assertAlmostEqual(line, 1.5, delta=0.01)
        lift()
        self.reload()
        self.h1()
        self.assertEqual(self.attrs(), ["tight", "wide", "sepia", "serif"])

    def test_auto_follows_the_system_and_a_chosen_theme_overrides_it(self):
        def scheme(value):
            self.b.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": value}]})

        self.addCleanup(self.b.cdp, "Emulation.setEmulatedMedia", {"features": []})
        scheme("dark")
        self.open(SEED_PATH)
        self.h1()
        self.assertEqual(self.page_background(), BACKGROUNDS["dark"], "auto + dark system")
        scheme("light")
        self.wait_for(lambda: self.page_background() == BACKGROUNDS["light"], "auto follows the system live")
        self.open_panel()
        self.choose("theme", "Tối")
        self.wait_for(lambda: self.page_background() == BACKGROUNDS["dark"], "dark chosen on a light system")
        scheme("dark")
        self.choose("theme", "Sáng")
        self.wait_for(lambda: self.page_background() == BACKGROUNDS["light"], "light chosen on a dark system")

    def test_reset_all_restores_every_default_and_forgets_them(self):
        self.open(SEED_PATH)
        self.h1()
        self.b.button(L.LARGER).click()
        self.open_panel()
        self.choose("theme", "Sepia")
        self.choose("width", "Rộng")
        self.choose("line-spacing", "Hẹp")
        self.choose("typeface", "Có chân")
        self.wait_for(lambda: self.attrs() == ["tight", "wide", "sepia", "serif"], "all four applied")
        self.b.button(L.RESET_ALL).click()
        self.wait_for(lambda: self.attrs() == ["normal", "standard", "auto", "sans"], "the defaults")
        self.assertEqual(self.shown_size(), "100%", "the size is reset too")
        self.assertEqual(self.b.js("return Object.keys(localStorage).filter(k => k.startsWith('bantin.'))"), [])
        self.assertFalse(self.b.button(L.RESET_ALL).enabled, "nothing left to reset")
        self.assertEqual(self.checked("theme"), "auto")

    def test_another_tab_follows_a_change(self):
        first = self.seed_then_list_in_a_second_tab()
        self.open_panel()
        self.choose("theme", "Tối")
        self.choose("typeface", "Có chân")
        self.b.switch_to(first)
        self.wait_for(lambda: self.attrs()[2:] == ["dark", "serif"], "the first tab to follow")
        self.assertEqual(self.page_background(), BACKGROUNDS["dark"])

    def test_corrupt_stored_values_mean_the_defaults_and_are_left_alone(self):
        bad = {reading_key("theme"): "purple", reading_key("width"): "data-width", reading_key("lineSpacing"): " loose", reading_key("typeface"): "{}"}
        for k, v in bad.items():
            self.store(k, v)
        self.open(SEED_PATH)
        self.h1()
        self.assertEqual(self.attrs(), ["normal", "standard", "auto", "sans"])
        self.assertEqual(self.b.js(f"return {list(bad)!r}.map(k => localStorage.getItem(k))"), list(bad.values()))

    def test_the_panel_works_from_the_keyboard(self):
        self.open(SEED_PATH)
        self.h1()
        self.b.js("document.querySelector('.prefs-toggle').focus()")
        self.b.keys("Enter")  # opens it
        self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the panel")
        self.b.keys("Tab")
        self.assertEqual(self.b.js("return document.activeElement.value"), "normal", "Tab lands on the chosen spacing")
        self.b.keys("ArrowDown")  # picks the next one
        self.wait_for(lambda: self.attrs()[0] == "relaxed", "ArrowDown chose 'Rộng'")
        self.b.keys("+")  # a radio button takes no text: the size keys still work
        self.wait_for(lambda: self.shown_size() == "110%", "'+' from inside the panel")
        self.b.keys("Tab", "Tab", "Tab")
        self.assertEqual(self.b.js("return document.activeElement.name"), "typeface", "one Tab stop per group")
        self.b.keys("Escape")  # closes it and gives focus back
        self.wait_for(lambda: not self.b.find_all(L.PREFERENCES_PANEL), "the panel to close")
        self.assertEqual(self.b.js("return document.activeElement.className"), "prefs-toggle")
        self.assertEqual(self.b.button(L.PREFERENCES).attr("aria-expanded"), "false")

    def test_forced_colors_keep_the_linked_paragraph_visible(self):
        self.b.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "forced-colors", "value": "active"}]})
        self.addCleanup(self.b.cdp, "Emulation.setEmulatedMedia", {"features": []})
        self.open(SEED_PATH + "#p-3")
        self.h1()
        self.wait_for(lambda: "is-target" in (self.b.find(L.paragraph(3)).attr("class") or ""), "the highlight")
        self.assertEqual(self.b.find(L.paragraph(3)).css("outline-style"), "solid", "an outline the system colours cannot erase")

    def test_screenshots_of_each_theme_for_the_readme(self):
        """The README's pictures, from the real build: the seed article in each theme."""
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.b.resize(900, 760)
        self.addCleanup(self.b.resize, 1200, 900)
        for theme in ["light", "dark", "sepia"]:
            with self.subTest(theme):
                self.store(reading_key("theme"), theme)
                self.open(SEED_PATH)
                self.h1()
                self.assertEqual(self.page_background(), BACKGROUNDS[theme])
                self.b.screenshot(os.path.join(SCREENSHOTS, f"theme-{theme}.png"))
        self.open_panel()
        self.b.screenshot(os.path.join(SCREENSHOTS, "preferences-panel.png"))
