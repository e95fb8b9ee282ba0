"""Photos, as a reader on a phone meets them: the article's photo arrives
as a copy the size of the column (AVIF where the browser takes it), first
among the page's pictures, in a box that is kept for it before it arrives;
and a shared link shows it."""

import json
import os
import urllib.parse
import urllib.request

from . import locators as L
from .archive import ArchiveSite
from .names import reading_key

# Two of three generated articles with a 2000 × 1500 photo: the newest leads
# with it (after its first paragraph), the next one ends with it.
GENERATE = ["--photos", "2", "--photo-width", "2000"]

LOADED = """
const img = document.querySelector('.article-body img');
return img && img.complete && img.naturalWidth ? img.currentSrc : null;
"""

# The layout shifts of the page so far, and the photo's box.
SHIFTS = """
const done = arguments[arguments.length - 1];
let total = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
  .observe({type: 'layout-shift', buffered: true});
setTimeout(() => done(total), 100);
"""

BOX = """
const r = document.querySelector('.article-body img').getBoundingClientRect();
return [Math.round(r.width), Math.round(r.height)];
"""


class PhotoSite(ArchiveSite):
    """The generated archive with photos, built (photos made) and served."""

    archive_size = 3
    archive_generate = GENERATE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # (article, its first figure's image) of each article with a photo.
        cls.photo_articles = []
        for name in sorted(os.listdir(os.path.join(cls.dist, "articles"))):
            if not name.endswith(".json") or name == "index.json":
                continue
            with open(os.path.join(cls.dist, "articles", name), encoding="utf-8") as f:
                article = json.load(f)
            figures = [b for b in article["body"] if b["type"] == "figure"]
            if figures:
                cls.photo_articles.append((article, figures[0]["image"]))

    def leading(self):
        """The article that leads with its photo: (address, image in its file)."""
        article, image = self.leading_article()
        return "/articles/" + article["slug"], image

    def leading_article(self):
        return max(self.photo_articles, key=lambda a: a[0]["published"] + a[0]["slug"])

    def ending(self):
        """The article that ends with its photo, fetched lazily: (address, image)."""
        article, image = next(a for a in self.photo_articles if a[0]["body"][-1]["type"] == "figure")
        return "/articles/" + article["slug"], image

    def scroll_to_photo(self):
        self.b.js("document.querySelector('.article-body img').scrollIntoView()")

    def copy(self, image, width, ext):
        c = image["copies"]
        return f"{c['path']}-{width}-{c['hash']}.{ext}"

    def wait_for_photo(self):
        return self.wait_for(lambda: self.b.js(LOADED), "the photo shown")


class PhotoTest(PhotoSite):
    def test_the_build_made_copies_and_says_so_in_the_article_file(self):
        self.assertEqual(len(self.photo_articles), 2)
        for article, image in self.photo_articles:
            self.assertEqual((image["width"], image["height"]), (2000, 1500), article["slug"])
            self.assertEqual(image["copies"]["widths"], [480, 800, 1200, 1600])
            for ext in ("avif", "jpg"):
                for width in image["copies"]["widths"]:
                    path = self.copy(image, width, ext)
                    self.assertTrue(os.path.isfile(os.path.join(self.dist, path.lstrip("/"))), path)

    def test_a_phone_takes_the_avif_copy_its_column_needs_and_nothing_else(self):
        path, image = self.leading()
        self.phone(360, 640)
        self.state.reset()
        self.b.get(self.base + path)
        shown = self.wait_for_photo()
        # 360 px less the column's padding, at 2 device pixels a CSS pixel: 672.
        expected = self.copy(image, 800, "avif")
        self.assertTrue(shown.endswith(expected), shown)
        with self.state.lock:
            photos = [p for p in self.state.requests if p.startswith("/anh/")]
        self.assertEqual(photos, [expected], "one copy of one photo")
        size = os.path.getsize(os.path.join(self.dist, expected.lstrip("/")))
        self.assertLessEqual(size, 60 * 1024, f"{expected}: {size} B")
        attrs = self.b.js("const i = document.querySelector('.article-body img');"
                          "return [i.getAttribute('loading'), i.getAttribute('fetchpriority'), i.alt]")
        self.assertEqual(attrs[:2], ["eager", "high"], "the leading photo is fetched first")
        self.assertTrue(attrs[2].startswith("Quang cảnh"), attrs)

    def test_a_desktop_takes_the_copy_for_its_wider_column(self):
        path, image = self.leading()
        self.b = desktop = self.driver.session(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        self.addCleanup(desktop.quit)
        self.addCleanup(self.__dict__.pop, "b", None)
        self.b.get(self.base + path)
        shown = self.wait_for_photo()
        self.assertTrue(shown.endswith(self.copy(image, 800, "avif")), shown)

    def test_a_photo_further_down_takes_the_copy_for_the_readers_own_column(self):
        path, image = self.ending()
        # A desktop at 2 device pixels a CSS pixel, with the narrow column
        # chosen: about 35rem, where the usual column is about 44rem.
        self.b = desktop = self.driver.session(viewport={"width": 1280, "height": 800}, device_scale_factor=2)
        self.addCleanup(desktop.quit)
        self.addCleanup(self.__dict__.pop, "b", None)
        self.b.get(self.base + "/")
        self.store(reading_key("width"), "narrow")
        self.b.get(self.base + path)
        self.h1()
        attrs = self.b.js("const i = document.querySelector('.article-body img'); return [i.loading, i.getAttribute('sizes')]")
        self.assertEqual(attrs[0], "lazy")
        self.scroll_to_photo()
        shown = urllib.parse.urlsplit(self.wait_for_photo()).path
        column = self.b.js("return document.querySelector('.article-body img').getBoundingClientRect().width")
        width = next(w for w in image["copies"]["widths"] if shown == self.copy(image, w, "avif"))
        # Without `auto` the browser would size the photo for the usual column
        # (44rem at 2x: 1408 px, the 1600 copy), twice what it needs here.
        self.assertLess(width, 1600, f"{shown} for a column of {column} px ({attrs[1]})")
        self.assertGreaterEqual(width, column * 2 * 0.8, "sharp at 2x")

    def test_the_photos_box_is_kept_before_it_arrives(self):
        path, image = self.leading()
        self.phone(360, 640)
        slow = self.copy(image, 800, "avif")
        self.fault(slow, delay=60)  # held until released below
        # Not b.get, which waits for the page's load event, and so for the photo.
        self.b.js("location.href = arguments[0]", self.base + path)
        self.h1()
        self.wait_for(lambda: self.requested(slow), "the photo asked for")
        box = self.b.js(BOX)
        self.assertFalse(self.b.js(LOADED), "still on its way")
        self.state.released.set()
        self.assertEqual(box[0], 336, "the column's width: 360 less 0.75rem each side")
        self.assertAlmostEqual(box[1], 336 * 3 / 4, delta=1, msg="the photo's own shape, before a byte of it")
        self.wait_for_photo()
        self.assertEqual(self.b.js(BOX), box, "the same box once it is there")
        self.assertEqual(self.b.js_async(SHIFTS), 0, "nothing moved")

    def test_a_shared_link_shows_the_photo_and_its_copies_are_cached_for_good(self):
        path, image = self.leading()
        self.b.get(self.base + path)
        self.h1()
        meta = self.b.js("const m = n => { const e = document.querySelector(`meta[property='${n}'], meta[name='${n}']`);"
                         " return e && e.content; };"
                         "return ['og:image', 'og:image:width', 'og:image:height', 'og:image:alt', 'twitter:image'].map(m)")
        card = self.copy(image, 1200, "jpg")
        self.assertEqual(meta[:3], ["http://127.0.0.1" + card, "1200", "900"])
        self.assertTrue(meta[3].startswith("Quang cảnh"), meta)
        self.assertEqual(meta[4], meta[0])
        with urllib.request.urlopen(self.base + card) as answer:
            self.assertEqual(answer.headers["Content-Type"], "image/jpeg")
            self.assertEqual(answer.headers["Cache-Control"], "public, max-age=31536000, immutable")
            self.assertEqual(answer.read(3), b"\xff\xd8\xff")

    def test_a_saved_articles_photo_shows_offline(self):
        path, image = self.leading()
        title = self.leading_article()[0]["title"]
        self.no_http_cache()  # only the worker can answer offline
        self.open("/")
        self.wait_for_worker()
        self.open(path)  # the second page: the article, its photo and the app are kept
        shown = self.wait_for_photo()
        copy = urllib.parse.urlsplit(shown).path
        self.wait_for(lambda: self.cached(copy) is True, "the photo kept")
        self.wait_for(lambda: self.cached(self.wasm_path("shell.html")) is True, "the app kept")
        start_again = self.restart_server()
        try:
            self.open(path)
            self.wait_text(L.HEADLINE, title)
            self.assertEqual(urllib.parse.urlsplit(self.wait_for_photo()).path, copy, "the photo, offline")
        finally:
            start_again()
        self.b.browser_log()  # the refused connections were expected


class EveryEnginesPhoto:
    """The leading photo in each engine: a copy of the build's, AVIF where
    the engine takes it, in the photo's own shape."""

    def test_the_leading_photo_shows_as_its_avif_copy_in_its_box(self):
        path, image = self.leading()
        self.b.get(self.base + path)
        shown = urllib.parse.urlsplit(self.wait_for_photo()).path
        avif = {self.copy(image, w, "avif") for w in image["copies"]["widths"]}
        self.assertIn(shown, avif, "Chromium, Firefox (93 on) and WebKit take AVIF")
        width, height = self.b.js(BOX)
        self.assertAlmostEqual(height, width * 3 / 4, delta=1)

    def test_a_photo_further_down_arrives_when_scrolled_to(self):
        # Its `sizes` starts with `auto`, a word only some engines know yet:
        # the others must read on to the column's width, not lose the photo.
        path, image = self.ending()
        self.b.get(self.base + path)
        self.h1()
        self.scroll_to_photo()
        shown = urllib.parse.urlsplit(self.wait_for_photo()).path
        self.assertIn(shown, {self.copy(image, w, "avif") for w in image["copies"]["widths"]})


class PhotosInChromium(EveryEnginesPhoto, PhotoSite):
    engine = "chromium"


class PhotosInFirefox(EveryEnginesPhoto, PhotoSite):
    engine = "firefox"


class PhotosInWebKit(EveryEnginesPhoto, PhotoSite):
    engine = "webkit"
