"""An archive of many articles: the home page shows the newest 20, older ones
are on /trang/2, /trang/3, … (each pre-rendered, each with its own small data
file), and the offline worker keeps the list pages read, within its limits.
The site is built here, as `make build` does, from 45 generated articles
(`site generate`): three list pages of 20, 20 and 5, and a search index
in three parts."""

import json
import os
import shutil
import subprocess
import tempfile
import unicodedata
import unittest
import urllib.parse

from . import locators as L
from . import names
from .harness import ROOT, ReaderTestCase, size_key
from .servers import DIST

TRUNK = os.path.join(ROOT, "target", "trunk")
SITE = os.path.join(ROOT, "target", "release", "site")
COUNT = 45


def build_archive(count):
    """A site of `count` generated articles, built from Trunk's output as
    `make build` does, in a new temporary folder. Returns (folder, dist)."""
    folder = tempfile.mkdtemp(prefix="bantin-archive-")
    content, dist = os.path.join(folder, "content"), os.path.join(folder, "dist")
    subprocess.run([SITE, "generate", content, str(count)], check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(TRUNK, dist)
    # The search index in parts of 20 articles (three here), as a very large
    # archive's is: the search tests then search across merged parts.
    env = dict(os.environ, SITE_URL="http://127.0.0.1", CONTENT=content, STRICT="1", SEARCH_SHARD="20")
    subprocess.run([SITE, "build", dist], check=True, env=env, stdout=subprocess.DEVNULL)
    return folder, dist


def titles_in(content, newest_first):
    """The generated articles' titles, newest first (ties by title)."""
    articles = []
    for name in os.listdir(content):
        with open(os.path.join(content, name), encoding="utf-8") as f:
            a = json.load(f)
        articles.append((a["published"], a["title"], a["slug"]))
    articles.sort(key=lambda a: (a[1], a[2]))
    articles.sort(key=lambda a: a[0], reverse=True)
    return [t for _, t, _ in articles] if newest_first else articles


def fold(text):
    """The test's own folding, independent of the app's: no diacritics,
    đ as d, lowercase."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("đ", "d").replace("Đ", "D").lower()


def containing(content, *words):
    """The addresses of the generated articles whose title, lead or body
    has every one of `words` (folded) as a word."""
    found = set()
    for name in os.listdir(content):
        with open(os.path.join(content, name), encoding="utf-8") as f:
            a = json.load(f)
        text = " ".join([a["title"], a.get("lead", "")] + [b.get("text", "") for b in a["body"]])
        have = set("".join(c if c.isalnum() else " " for c in fold(text)).split())
        if all(fold(w) in have for w in words):
            found.add("/articles/" + a["slug"])
    return found


class ArchiveSite(ReaderTestCase):
    """The generated archive, built and served for the class."""

    @classmethod
    def setUpClass(cls):
        if not (os.path.isdir(TRUNK) and os.path.isfile(SITE) and os.path.isfile(os.path.join(DIST, "index.html"))):
            raise unittest.SkipTest("target/trunk or the site program is missing: run `make build` (make test does)")
        cls.folder, cls.dist = build_archive(COUNT)
        cls.titles = titles_in(os.path.join(cls.folder, "content"), True)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            shutil.rmtree(cls.folder, ignore_errors=True)



class ArchiveTest(ArchiveSite):
    def shown(self):
        return [el.text for el in self.b.find_all(L.ARTICLE_LINKS)]

    def pager(self):
        return [(a.text, a.attr("href")) for a in self.b.find_all("nav.pager a")]

    def test_the_home_page_shows_the_newest_twenty_with_a_way_to_older(self):
        self.open("/")
        self.assertEqual(self.shown(), self.titles[:20])
        self.assertEqual(self.pager(), [("Trang sau", "/trang/2")])
        self.assertEqual(self.b.find("nav.pager .pager-where").text, "Trang 1 / 3")
        self.assertEqual(self.b.title, "Bản tin")
        # What the page itself fetched (the worker's own requests are not in it).
        data = self.b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.endsWith('.json'))")
        self.assertEqual(data, [], "the list is in the page: no request for it")
        self.assertFalse(self.requested("/articles/index.json"), "the whole list is never loaded")

    def test_older_and_newer_pages_follow_each_other(self):
        self.open("/")
        self.b.by_text("nav.pager a", "Trang sau").click()
        self.wait_for(lambda: self.shown() == self.titles[20:40], "page 2's articles")
        self.assertEqual(self.b.current_url, self.base + "/trang/2")
        self.assertEqual(self.b.title, "Trang 2 — Bản tin")
        self.assertEqual(self.h1(), "Bài viết cũ hơn · Trang 2")
        self.assertEqual(self.pager(), [("Trang trước", "/"), ("Trang sau", "/trang/3")])
        self.assertTrue(self.requested("/trang/2"), "the page's own pre-rendered file")
        self.assertFalse(self.requested("/articles/index.json"), "the whole list is never loaded")
        self.b.by_text("nav.pager a", "Trang sau").click()
        self.wait_for(lambda: self.shown() == self.titles[40:], "the last page's five")
        self.assertEqual(self.pager(), [("Trang trước", "/trang/2")])
        self.b.by_text("nav.pager a", "Trang trước").click()
        self.wait_for(lambda: self.shown() == self.titles[20:40], "page 2 again")
        self.b.back()
        self.wait_for(lambda: self.shown() == self.titles[40:], "back to page 3")

    def test_a_list_page_opened_cold_is_there_before_the_app_and_the_app_keeps_it(self):
        self.no_http_cache()
        self.fault(self.wasm_path(), delay=60)  # held back until released
        self.b.get(self.base + "/trang/3")
        self.wait_for(lambda: self.shown() == self.titles[40:], "the pre-rendered list")
        self.assertEqual(self.b.title, "Trang 3 — Bản tin")
        self.assertTrue(self.b.find_all(L.PRERENDERED), "the WASM was still on its way")
        self.b.js("document.querySelector('ol.article-list li').dataset.mark = 'before'")
        self.state.released.set()
        self.wait_for_app()
        self.assertEqual(self.b.js("return document.querySelector('ol.article-list li').dataset.mark"), "before", "hydrated, not replaced")
        self.b.by_text("nav.pager a", "Trang trước").click()
        self.wait_for(lambda: self.shown() == self.titles[20:40], "page 2 from the app")
        self.assertEqual([e for e in self.b.browser_log() if e["level"] == "SEVERE"], [])

    def test_a_page_that_is_not_there_is_not_found(self):
        for path in ["/trang/4", "/trang/99999", "/trang/0", "/trang/abc", "/trang/01", "/trang/-1", "/trang/1e3"]:
            self.open(path)
            self.wait_text(L.HEADLINE, "Không tìm thấy trang")
            self.assertEqual(self.b.title, "Không tìm thấy trang — Bản tin", path)
            self.assertEqual(self.b.find_all(L.LOAD_ERROR), [], path)
        requested = {p for p in self.state.requests if p.startswith("/trang/") and p.endswith(".json")}
        self.assertEqual(requested, {"/trang/4.json", "/trang/99999.json"}, "a number that names no page asks nothing")
        self.b.browser_log()  # the two 404s were expected

    def test_page_one_has_one_address(self):
        self.open("/trang/1")
        self.wait_for(lambda: self.b.js("return location.pathname") == "/", "/trang/1 to become /")
        self.wait_for(lambda: self.shown() == self.titles[:20], "the home page")

    def test_the_list_pages_read_are_kept_for_reading_offline(self):
        self.open("/")
        self.wait_for(lambda: self.b.js("return !!navigator.serviceWorker.controller"), "the service worker to take control")
        self.b.by_text("nav.pager a", "Trang sau").click()
        self.wait_for(lambda: self.shown() == self.titles[20:40], "page 2")
        cached = lambda path: self.b.js_async(
            "const done = arguments[arguments.length - 1];"
            "caches.match(arguments[0]).then(r => done(!!r), e => done(String(e)));",
            path,
        )
        self.wait_for(lambda: cached("/trang/1.json") is True and cached("/trang/2.json") is True, "pages 1 and 2 saved")
        self.assertFalse(cached("/trang/3.json"), "not read, not saved")
        self.wait_for(lambda: cached(self.wasm_path("shell.html")) is True, "the whole app kept (a second page was read)")
        start_again = self.restart_server()
        try:
            self.open("/trang/2")
            self.wait_for(lambda: self.shown() == self.titles[20:40], "page 2, offline")
            self.assertIn("danh sách bài viết đã lưu", self.b.find("[data-testid=saved-notice]").text)
            self.b.by_text("nav.pager a", "Trang trước").click()
            self.wait_for(lambda: self.shown() == self.titles[:20], "page 1, offline")
        finally:
            start_again()
        self.b.browser_log()  # the failed requests were expected

    def test_saved_articles_beyond_the_limit_go_least_recently_read_first(self):
        self.open("/")
        self.wait_for(lambda: self.b.js("return !!navigator.serviceWorker.controller"), "the service worker to take control")
        worker = names.worker()
        limit = worker["maxSavedArticles"]
        # `limit` articles saved before, read at times 1, 2, …: the first
        # is the one read longest ago.
        self.b.js_async(
            "const [limit, w, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];"
            "caches.open(w.articlesCache).then(async cache => {"
            "  for (let i = 1; i <= limit; i++) {"
            "    const headers = {'Content-Type': 'application/json', [w.savedAt]: String(i), [w.readAt]: String(i)};"
            "    await cache.put('/articles/cu-' + i + '.json', new Response('{}', {headers}));"
            "  }"
            "}).then(() => done(true), e => done(String(e)));",
            limit,
            worker,
        )
        # Read the oldest again, offline: it is now the most recently read.
        start_again = self.restart_server()
        try:
            self.b.js_async(
                "const done = arguments[arguments.length - 1];"
                "fetch('/articles/cu-1.json').then(r => done(r.status), e => done(String(e)));"
            )
        finally:
            start_again()
        # ... then open a new article: one must go to make room.
        slug = self.b.find(L.ARTICLE_LINKS).attr("href")
        self.open(slug)
        keys = lambda: self.b.js_async(
            "const done = arguments[arguments.length - 1];"
            "caches.open(arguments[0]).then(c => c.keys()).then(ks => done(ks.map(k => new URL(k.url).pathname)));",
            worker["articlesCache"],
        )
        self.wait_for(lambda: slug + ".json" in keys(), "the new article saved")
        saved = [k for k in keys() if k.startswith("/articles/")]
        self.assertEqual(len(saved), limit, "never more than the limit")
        self.assertNotIn("/articles/cu-2.json", saved, "the one read longest ago went")
        self.assertIn("/articles/cu-1.json", saved, "read again offline, so kept")
        self.assertIn("/articles/cu-3.json", saved)
        self.b.browser_log()


class SearchTest(ArchiveSite):
    """Search on the same generated archive."""

    def results(self):
        return [a.attr("href") for a in self.b.find_all(".search-page ol.article-list h2 a")]

    def count(self):
        found = self.b.find_all("[data-testid=search-count]")
        return found[0].text if found else None

    def search(self, query):
        self.open("/tim-kiem?q=" + urllib.parse.quote_plus(query))
        self.wait_for(lambda: self.count() is not None and query[:20] in self.count(), f"the results for {query!r}")
        return self.results()

    def test_with_or_without_diacritics_the_same_articles(self):
        content = os.path.join(self.folder, "content")
        for variants, words in [
            (["Lồng Tồng", "long tong", "LONG TONG", "lồng tong"], ["long", "tong"]),
            (["đường dây", "duong day", "Đường Dây", "DUONG DAY"], ["duong", "day"]),
            (["Đồng Hỷ", "dong hy"], ["dong", "hy"]),
        ]:
            expected = containing(content, *words)
            self.assertTrue(0 < len(expected) <= 20, f"{words}: {len(expected)} in the archive")
            for query in variants:
                found = self.search(query)
                self.assertEqual(set(found), expected, query)
                self.assertEqual(len(found), len(expected), f"{query}: each once")
                self.assertIn(f"{len(expected)} bài viết", self.count())
        self.assertEqual(self.b.title, "Tìm kiếm: dong hy — Bản tin")
        self.assertEqual([e for e in self.b.browser_log() if e["level"] == "SEVERE"], [])

    def test_a_result_is_a_link_with_its_date_and_lead(self):
        self.search("long tong")
        card = self.b.find(".search-page ol.article-list li")
        href = card.handle.query_selector("h2 a").get_attribute("href")
        with open(os.path.join(self.folder, "content", href.split("/")[-1] + ".json"), encoding="utf-8") as f:
            article = json.load(f)
        self.assertEqual(card.handle.query_selector("h2 a").inner_text(), article["title"])
        day = article["published"].split("-")
        self.assertEqual(card.handle.query_selector("time").inner_text(), f"{day[2]}/{day[1]}/{day[0]}")
        self.assertTrue(card.handle.query_selector(".card-lead").inner_text())
        card.handle.query_selector("h2 a").click()
        self.wait_text(L.HEADLINE, article["title"])

    def test_the_header_form_works_before_the_app(self):
        # The islands withheld: the pre-rendered page's form is a plain GET
        # form, and the search page (the shell, its own WASM) answers it.
        lift = self.open_without_app("/")
        field = self.b.find(L.HEADER_SEARCH_FIELD)
        field.handle.fill("Lồng Tồng")
        field.handle.press("Enter")
        self.wait_for(lambda: "/tim-kiem?q=" in self.b.current_url, "the form to go to the search page")
        self.assertEqual(urllib.parse.parse_qs(urllib.parse.urlsplit(self.b.current_url).query), {"q": ["Lồng Tồng"]})
        self.wait_for(lambda: self.count() is not None, "the results")
        lift()  # (the withheld WASM's load error, on the page before, was expected)
        self.assertEqual(set(self.results()), containing(os.path.join(self.folder, "content"), "long", "tong"))

    def test_the_header_form_searches_from_any_page_and_inside_the_app_on_the_search_page(self):
        # A pre-rendered page has no router: the form goes to the search page.
        self.open("/")
        field = self.b.find(L.HEADER_SEARCH_FIELD)
        field.handle.fill("duong day")
        field.handle.press("Enter")
        self.wait_for(lambda: self.count() is not None, "the results")
        self.assertEqual(self.b.current_url, self.base + "/tim-kiem?q=duong+day")
        self.assertEqual(set(self.results()), containing(os.path.join(self.folder, "content"), "duong", "day"))
        # The search page is the whole app: another search there loads no page.
        self.b.js("window.__same_page = true")
        field = self.b.find(L.HEADER_SEARCH_FIELD)
        field.handle.fill("Lồng Tồng")
        field.handle.press("Enter")
        self.wait_for(lambda: "L%E1%BB%93ng" in self.b.current_url, "the new address")
        self.wait_for(lambda: set(self.results()) == containing(os.path.join(self.folder, "content"), "long", "tong"), "the new results")
        self.assertTrue(self.b.js("return window.__same_page === true"), "no page load")

    def test_typing_searches_and_never_resizes_the_text(self):
        self.open("/tim-kiem")
        self.wait_text("main p", "Nhập từ khoá để tìm bài viết.")
        field = self.b.find(L.SEARCH_PAGE_FIELD)
        field.click()
        self.b.page.keyboard.type("lồng tồng + - 0 = _")
        self.wait_for(lambda: self.count() is not None, "results while typing, with no Enter")
        self.assertEqual(self.shown_size(), "100%", "no size shortcut fired")
        self.assertIsNone(self.stored(size_key()))
        self.assertIn("/tim-kiem?q=", self.b.current_url)
        self.b.back()
        self.wait_for(lambda: not self.b.current_url.startswith(self.base + "/tim-kiem"), "Back leaves the search")

    def test_bad_queries_are_shown_as_text_and_find_nothing(self):
        for query, shown in [
            ("!!! ... ,,,", "Không tìm thấy bài viết nào cho “!!! ... ,,,”."),
            ("<img src=x onerror=alert(1)><script>alert(2)</script>", "Không tìm thấy bài viết nào cho “<img src=x onerror=alert(1)><script>alert(2)</script>”."),
            ("khongcotunaynhu", "Không tìm thấy bài viết nào cho “khongcotunaynhu”."),
        ]:
            self.search(query)
            self.assertEqual(self.count(), shown)
            self.assertEqual(self.b.find_all("main img, main script"), [])
        # 10,000 characters, pasted: the field and the search keep the first 200.
        self.open("/tim-kiem")
        self.assertEqual(self.b.find(L.SEARCH_PAGE_FIELD).attr("maxlength"), "200")
        self.assertEqual(self.b.find(L.HEADER_SEARCH_FIELD).attr("maxlength"), "200")
        self.b.js(
            "const f = document.getElementById('search-page-q'); f.value = 'lồng '.repeat(2000);"
            "f.dispatchEvent(new Event('input', {bubbles: true}));"
        )
        self.wait_for(lambda: self.count() is not None, "the long query's results")
        self.assertEqual(set(self.results()), containing(os.path.join(self.folder, "content"), "long"), "searched on its start")
        self.assertEqual([e for e in self.b.browser_log() if e["level"] == "SEVERE"], [])


if __name__ == "__main__":
    unittest.main()
