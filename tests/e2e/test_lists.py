"""Browsing the lists: the home page lists the newest articles with date and
lead, older ones on /trang/<k>, counted from the oldest (each pre-rendered,
each with its own small data file), links back and forward, the offline
worker keeps the list pages read within its limits, and an address that is
not there is not found."""

from . import locators as L
from . import names
from .harness import SEED_PATH, ReaderTestCase, reading_time, seed
from .archive import ArchiveSite


class NavigationTest(ReaderTestCase):
    def test_home_lists_the_seed_with_date_and_lead(self):
        a = seed()
        self.open("/")
        link = self.wait_text(L.ARTICLE_LINKS, a["title"])
        self.assertEqual(link.attr("href"), SEED_PATH)
        self.assertIn("21/08/2020", self.b.find(".card-meta").text)
        self.assertIn("21/08/2020 · " + reading_time(a) + " · Hương Dịu", self.b.find(".card-meta").text)
        self.assertTrue(self.b.find(".card-lead").text.startswith("Thấm nhuần lời dạy của Bác Hồ"))
        self.assertEqual(self.b.title, "Bản tin")

    def test_the_list_is_newest_first(self):
        self.list_from_the_app([
            {"slug": "cu", "title": "Bài cũ", "published": "2019-03-01"},
            {"slug": "moi", "title": "Bài mới", "published": "2024-12-31"},
            {"slug": "giua", "title": "Bài giữa", "published": "2021-07-15"},
        ])
        self.open("/")
        self.wait_text(L.ARTICLE_LINKS, "Bài mới")
        titles = [el.text for el in self.b.find_all(L.ARTICLE_LINKS)]
        self.assertEqual(titles, ["Bài mới", "Bài giữa", "Bài cũ"])

    def test_links_back_and_forward(self):
        title = seed()["title"]
        self.open("/")
        self.wait_text(L.ARTICLE_LINKS, title).click()
        self.wait_text(L.HEADLINE, title)
        self.assertTrue(self.b.current_url.endswith(SEED_PATH))
        self.b.back()
        self.wait_text(L.ARTICLE_LINKS, title)
        self.b.forward()
        self.wait_text(L.HEADLINE, title)
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text(L.ARTICLE_LINKS, title)
        self.assertEqual(self.b.current_url, self.base + "/")

    def test_an_unknown_path_is_a_not_found_page_with_a_way_home(self):
        self.open("/khong/co/trang-nay")
        self.wait_text(L.HEADLINE, "Không tìm thấy trang")
        self.b.by_text("main a", "Về trang chủ").click()
        self.wait_text(L.ARTICLE_LINKS, seed()["title"])

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


class ArchiveTest(ArchiveSite):
    # 65 articles: three full pages counted from the oldest (/trang/1 the
    # oldest 20) and 5 more; the home page holds those 5 and the newest
    # full page, /trang/3, so "Trang sau" leads from it to /trang/2.
    archive_size = 65

    def shown(self):
        return [el.text for el in self.b.find_all(L.ARTICLE_LINKS)]

    def pager(self):
        return [(a.text, a.attr("href")) for a in self.b.find_all("nav.pager a")]

    def test_the_home_page_shows_the_newest_with_a_way_to_older(self):
        self.open("/")
        self.assertEqual(self.shown(), self.titles[:25])
        self.assertEqual(self.pager(), [("Trang sau", "/trang/2")])
        self.assertEqual(self.b.find("nav.pager .pager-where").text, "Mới nhất")
        self.assertEqual(self.b.title, "Bản tin")
        # What the page itself fetched (the worker's own requests are not in it).
        data = self.b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.endsWith('.json'))")
        self.assertEqual(data, [], "the list is in the page: no request for it")
        self.assertFalse(self.requested("/articles/index.json"), "the whole list is never loaded")

    def test_older_and_newer_pages_follow_each_other(self):
        self.open("/")
        self.b.by_text("nav.pager a", "Trang sau").click()
        self.wait_for(lambda: self.shown() == self.titles[25:45], "page 2's articles")
        self.assertEqual(self.b.current_url, self.base + "/trang/2")
        self.assertEqual(self.b.title, "Trang 2 — Bản tin")
        self.assertEqual(self.h1(), "Bài viết cũ hơn · Trang 2")
        self.assertEqual(self.pager(), [("Trang trước", "/"), ("Trang sau", "/trang/1")])
        self.assertEqual(self.b.find("nav.pager .pager-where").text, "Trang 2")
        self.assertTrue(self.requested("/trang/2"), "the page's own pre-rendered file")
        self.assertFalse(self.requested("/articles/index.json"), "the whole list is never loaded")
        self.b.by_text("nav.pager a", "Trang sau").click()
        self.wait_for(lambda: self.shown() == self.titles[45:], "the oldest page's twenty")
        self.assertEqual(self.pager(), [("Trang trước", "/trang/2")])
        self.b.by_text("nav.pager a", "Trang trước").click()
        self.wait_for(lambda: self.shown() == self.titles[25:45], "page 2 again")
        self.b.by_text("nav.pager a", "Trang trước").click()
        self.wait_for(lambda: self.shown() == self.titles[:25], "the home page again")
        self.b.back()
        self.wait_for(lambda: self.shown() == self.titles[25:45], "back to page 2")

    def test_a_list_page_opened_cold_is_there_before_the_app_and_the_app_keeps_it(self):
        self.no_http_cache()
        self.fault(self.wasm_path(), delay=60)  # held back until released
        self.b.get(self.base + "/trang/1")
        self.wait_for(lambda: self.shown() == self.titles[45:], "the pre-rendered list")
        self.assertEqual(self.b.title, "Trang 1 — Bản tin")
        self.assertTrue(self.b.find_all(L.PRERENDERED), "the WASM was still on its way")
        self.b.js("document.querySelector('ol.article-list li').dataset.mark = 'before'")
        self.state.released.set()
        self.wait_for_app()
        self.assertEqual(self.b.js("return document.querySelector('ol.article-list li').dataset.mark"), "before", "hydrated, not replaced")
        self.b.by_text("nav.pager a", "Trang trước").click()
        self.wait_for(lambda: self.shown() == self.titles[25:45], "page 2 from the app")
        self.assert_no_console_errors()

    def test_the_newest_full_page_keeps_its_own_address(self):
        # Its articles are on the home page too; a link made to it still
        # works, and goes on to the same older page as the home page.
        self.open("/trang/3")
        self.wait_for(lambda: self.shown() == self.titles[5:25], "page 3")
        self.assertEqual(self.pager(), [("Trang trước", "/"), ("Trang sau", "/trang/2")])
        self.assertEqual(self.b.js("return location.pathname"), "/trang/3")

    def test_a_page_that_is_not_there_is_not_found(self):
        for path in ["/trang/4", "/trang/99999", "/trang/0", "/trang/abc", "/trang/01", "/trang/-1", "/trang/1e3", "/trang/moi-nhat"]:
            self.open(path)
            self.wait_text(L.HEADLINE, "Không tìm thấy trang")
            self.assertEqual(self.b.title, "Không tìm thấy trang — Bản tin", path)
            self.assertEqual(self.b.find_all(L.LOAD_ERROR), [], path)
        requested = {p for p in self.state.requests if p.startswith("/trang/") and p.endswith(".json")}
        self.assertEqual(requested, {"/trang/4.json", "/trang/99999.json"}, "a number that names no page asks nothing")
        self.b.browser_log()  # the two 404s were expected

    def test_the_list_pages_read_are_kept_for_reading_offline(self):
        self.open("/")
        self.wait_for_worker()
        self.b.by_text("nav.pager a", "Trang sau").click()
        self.wait_for(lambda: self.shown() == self.titles[25:45], "page 2")
        cached = self.cached
        home = names.worker()["homeListData"]
        self.wait_for(lambda: cached(home) is True and cached("/trang/2.json") is True, "the home page and page 2 saved")
        self.assertFalse(cached("/trang/1.json"), "not read, not saved")
        self.wait_for(lambda: cached(self.wasm_path("shell.html")) is True, "the whole app kept (a second page was read)")
        start_again = self.restart_server()
        try:
            self.open("/trang/2")
            self.wait_for(lambda: self.shown() == self.titles[25:45], "page 2, offline")
            self.assertIn("danh sách bài viết đã lưu", self.b.find("[data-testid=saved-notice]").text)
            self.b.by_text("nav.pager a", "Trang trước").click()
            self.wait_for(lambda: self.shown() == self.titles[:25], "the home page, offline")
        finally:
            start_again()
        self.b.browser_log()  # the failed requests were expected

    def test_saved_articles_beyond_the_limit_go_least_recently_read_first(self):
        self.open("/")
        self.wait_for_worker()
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
