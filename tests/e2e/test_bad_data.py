"""When the network or the data fails: bad data is named, a server error or
a lost connection offers a retry that works, markup in the data is text, and a
late answer never replaces the article on screen."""

import json

from . import locators as L
from .harness import SEED_JSON, TEST_JSON, TEST_PATH, TEST_SLUG, ReaderTestCase, article, seed, seed_as


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
        link = self.wait_text(L.ARTICLE_LINKS, title)
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
        self.wait_text(L.ARTICLE_LINKS, seed()["title"])

    def test_a_missing_list_says_the_list_is_missing_and_retry_works(self):
        """A 404 for the list (a site mid-deploy) is not a missing article."""
        self.list_from_the_app(status=404, times=1)
        self.open("/")
        self.wait_text(L.HEADLINE, "Không tìm thấy danh sách bài viết")
        self.assertNotIn("Bài viết này", self.b.find(L.LOAD_ERROR).text)
        self.b.button(L.RETRY).click()
        self.wait_text(L.ARTICLE_LINKS, seed()["title"])
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
        self.wait_text(L.ARTICLE_LINKS, "Bài chậm").click()
        self.wait_text("main p.loading", "Đang tải bài viết…")
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text(L.ARTICLE_LINKS, "Bài nhanh").click()
        self.wait_text(L.HEADLINE, "Bài nhanh")
        self.wait_for(lambda: self.state.delays_finished >= 1, "the slow answer to be sent", timeout=10)
        self.b.js("return 1")  # a round trip after the late answer
        self.assertEqual(self.h1(), "Bài nhanh")
        self.assertEqual(len(self.b.find_all("main article")), 1)


# The visible structure of an element tree: tags, the attributes a reader or a
# screen reader notices, and text. Comments (Leptos's markers) are not elements,
# and neither, to a reader, is an island's wrapper (laid out as nothing).
# The size label is left out: before the app it comes from CSS.
