"""Failing networks and hostile storage, against the release build."""


from . import locators as L
from .harness import SEED_SLUG, ReaderTestCase, size_key
from .harness import TEST_JSON as DATA
from .harness import TEST_PATH as PATH
from .harness import article, seed

QUOTA_FULL = (
    "Storage.prototype.setItem = function () {"
    " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
)


class NetworkTest(ReaderTestCase):
    def test_404_500_and_503_each_get_their_own_message(self):
        cases = [
            (404, "Không tìm thấy bài viết", False),
            (500, "Máy chủ đang gặp sự cố", True),
            (503, "Máy chủ đang gặp sự cố", True),
        ]
        for status, heading, retry in cases:
            with self.subTest(status=status):
                self.fault(DATA, status=status)
                self.open(PATH)
                self.wait_text(L.HEADLINE, heading)
                self.assertEqual(bool(self.b.find_all(".retry")), retry)
                if status >= 500:
                    self.assertIn(f"mã {status}", self.b.find(L.LOAD_ERROR).text)
        self.b.browser_log()  # the failed loads were expected

    def test_connection_refused_then_retry_once_the_server_is_back(self):
        title = seed()["title"]
        # Inside the whole app (the shell), where a link loads the article's
        # data; between pre-rendered pages a link is a page load.
        self.list_from_the_app()
        self.open("/")
        link = self.wait_text(L.ARTICLE_LINKS, title)
        start_again = self.restart_server()
        try:
            link.click()
            self.wait_text(L.HEADLINE, "Không kết nối được")
        finally:
            start_again()
        self.b.button(L.RETRY).click()
        self.wait_text(L.HEADLINE, title)
        self.b.browser_log()

    def test_an_answer_that_never_finishes_times_out_and_retry_works(self):
        self.fault(DATA, hang=True, times=1)
        self.open(PATH)
        self.wait_text("main p.loading", "Đang tải bài viết…")
        # The app's limit is 15 s (api::TIMEOUT).
        self.wait_text(L.HEADLINE, "Không kết nối được", timeout=25)
        self.assertIn("không trả lời sau 15 giây", self.b.find(L.LOAD_ERROR).text)
        self.b.button(L.RETRY).click()
        self.wait_text(L.HEADLINE, seed()["title"])

    def test_leaving_an_article_aborts_its_download(self):
        self.fault(DATA, hang=True)
        self.list_test_article()
        self.open("/")
        self.wait_text(L.ARTICLE_LINKS, "Bài thử nghiệm").click()
        self.wait_text("main p.loading", "Đang tải bài viết…")
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text(L.ARTICLE_LINKS, seed()["title"])

        def canceled():
            events = self.b.network_events()
            ids = {e["params"]["requestId"] for e in events if e["method"] == "Network.requestWillBeSent" and e["params"]["request"]["url"].endswith(DATA)}
            return any(e["method"] == "Network.loadingFailed" and e["params"]["requestId"] in ids and e["params"].get("canceled") for e in events)

        seen = []
        self.wait_for(lambda: seen.append(canceled()) or any(seen), "the article request to be canceled")
        self.b.browser_log()

    def test_back_and_forward_while_loading_settles_on_one_article(self):
        self.fault(DATA, delay=1.0)
        self.list_test_article()
        title = seed()["title"]
        self.open("/")
        self.wait_text(L.ARTICLE_LINKS, "Bài thử nghiệm").click()
        self.b.back()
        self.b.forward()
        self.b.back()
        self.b.forward()
        self.wait_text(L.HEADLINE, title)
        self.assertEqual(len(self.b.find_all("main article")), 1)
        self.assertEqual(self.b.find_all(L.LOAD_ERROR), [])

    def test_rapid_size_clicks_while_switching_articles(self):
        self.list_from_the_app([
            {"slug": SEED_SLUG, "title": seed()["title"], "published": "2020-08-21"},
            {"slug": "bai-hai", "title": "Bài hai", "published": "2020-08-20"},
        ])
        self.fault("/articles/bai-hai.json", body=article("bai-hai", "Bài hai"), delay=0.5)
        self.open(PATH)
        self.h1()
        for _ in range(6):
            self.b.button(L.LARGER).click()
        self.b.button(L.SMALLER).click()
        self.b.button(L.SMALLER).click()
        self.assertEqual(self.shown_size(), "150%")
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text(L.ARTICLE_LINKS, "Bài hai").click()
        self.wait_text(L.HEADLINE, "Bài hai")
        self.b.button(L.LARGER).click()
        self.assertEqual(self.shown_size(), "175%")
        self.assertEqual(self.root_scale(), "1.75")
        self.assertEqual(self.stored(size_key()), "175")


class StorageTest(ReaderTestCase):
    def test_corrupt_values_mean_100_percent_and_are_never_overwritten(self):
        for raw in ["abc", "99999", "-5", "", "NaN", "1e309", "125.5", '{"scale":125}', "0125", " "]:
            with self.subTest(raw=raw):
                self.store(size_key(), raw)
                self.open(PATH)
                self.h1()
                self.assertEqual(self.shown_size(), "100%")
                self.assertEqual(self.root_scale(), "1")
                self.assertEqual(self.stored(size_key()), raw)

    def test_a_full_quota_keeps_the_size_for_the_page(self):
        with self.b.on_every_page(QUOTA_FULL):
            self.open(PATH)
            self.h1()
            self.b.button(L.LARGER).click()
            self.wait_for(lambda: self.shown_size() == "110%", "110% in memory")
            self.assertEqual(self.root_scale(), "1.1")
            self.assertIsNone(self.stored(size_key()))

    def test_another_tab_writing_garbage_is_not_followed_into_garbage(self):
        self.open(PATH)
        self.h1()
        self.b.button(L.LARGER).click()
        self.wait_for(lambda: self.shown_size() == "110%", "110%")
        first = self.b.window
        second = self.b.new_tab()
        self.b.switch_to(second)
        self.open("/robots.txt")  # same origin, no app
        self.store(size_key(), "<script>alert(1)</script>")
        self.b.switch_to(first)
        self.wait_for(lambda: self.shown_size() == "100%", "the default after garbage")
        self.assertEqual(self.stored(size_key()), "<script>alert(1)</script>")
        self.b.switch_to(second)
        self.b.js("localStorage.clear()")
        self.b.switch_to(first)
        self.assertEqual(self.shown_size(), "100%")
