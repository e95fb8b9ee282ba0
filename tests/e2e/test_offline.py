"""Offline reading: the service worker keeps the shell and every article
opened, and the page says when it shows a saved copy."""

import json
import os
import re

from . import locators as L
from .test_accessibility import AXE, RUN_AXE
from . import names
from .harness import DIST, SEED_SLUG, list_json, TEST_JSON, TEST_PATH, ReaderTestCase, seed_as

SEED_PATH = f"/articles/{SEED_SLUG}"
SEED_JSON = f"/articles/{SEED_SLUG}.json"


class OfflineTest(ReaderTestCase):
    def cache_names(self):
        return self.b.js_async("const done = arguments[arguments.length - 1]; caches.keys().then(done);")

    def app_kept(self):
        """Whether the worker keeps the whole app (what shows saved copies offline)."""
        return self.cached(self.wasm_path("shell.html")) is True

    def notice(self):
        found = self.b.find_all("[data-testid=saved-notice]")
        return found[0].text if found else None

    def test_the_list_and_articles_read_before_open_without_a_connection(self):
        title = seed_as(SEED_SLUG)["title"]
        self.list_test_article("Bài chưa đọc")
        self.open("/")
        self.wait_text(L.ARTICLE_LINKS, title)
        self.wait_for_worker()
        self.assertEqual(self.b.find_all(".saved-badge"), [], "online, no badges")
        self.open(SEED_PATH)  # a pre-rendered page: the worker saves its data too
        self.h1()
        self.wait_for(lambda: self.cached(SEED_JSON) is True and self.cached(list_json()) is True, "the seed and the list saved")
        self.assertIsNone(self.notice(), "online, nothing is a saved copy")
        self.assertFalse(self.requested(SEED_JSON), "saved from the page's own data block, with no second request")
        self.wait_for(self.app_kept, "the whole app kept, from the second page on")

        start_again = self.restart_server()  # the connection is gone
        try:
            self.open("/")
            link = self.wait_text(L.ARTICLE_LINKS, title)
            self.assertRegex(self.notice(), r"danh sách bài viết đã lưu trên máy này lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}\.")
            self.assertIn("Bài có dấu “Đã lưu” đọc được khi không có mạng.", self.notice())
            badges = lambda: self.b.js(
                "return [...document.querySelectorAll('.card')].map(c => [c.querySelector('h2').textContent, !!c.querySelector('.saved-badge')])"
            )
            self.wait_for(lambda: badges() == [[title, True], ["Bài chưa đọc", False]], "a badge on the article read before only")
            with open(AXE, encoding="utf-8") as f:
                self.b.js(f.read())
            self.assertEqual(self.b.js_async(RUN_AXE), [], "the offline list passes axe")
            link.click()
            self.wait_text(L.HEADLINE, title)
            self.assertIn("bài viết đã lưu", self.notice())
            self.assertEqual(len(self.b.find_all(".article-body p[id^=p-]")), 8, "the whole article")
            self.open(SEED_PATH + "#p-4")  # a cold deep link, offline
            self.wait_text(L.HEADLINE, title)
            self.assertIn("bài viết đã lưu", self.notice())
            self.open(TEST_PATH)  # never opened: nothing saved
            self.wait_text(L.HEADLINE, "Không kết nối được")
        finally:
            start_again()
        self.b.button(L.RETRY).click()
        self.wait_for(lambda: self.b.find(L.HEADLINE).text == title, "the article, once back online")
        self.assertIsNone(self.notice())
        self.b.browser_log()  # the refused connections were expected

    def test_one_page_read_costs_no_more_and_a_second_keeps_the_app(self):
        app = self.wasm_path("shell.html")
        self.no_http_cache()
        self.open(SEED_PATH)  # a shared link: a pre-rendered article
        self.h1()
        self.wait_for_worker()
        self.wait_for(lambda: self.cached(SEED_JSON) is True, "the article saved")
        self.wait_for(lambda: self.cached(self.wasm_path()) is True, "the islands kept")
        self.assertFalse(self.requested(app), "one page read: the whole app is not downloaded")
        self.assertFalse(self.app_kept(), "nor kept by the worker")
        self.open("/")
        self.wait_for(lambda: self.b.find_all(L.ARTICLE_LIST), "the list")
        self.wait_for(self.app_kept, "the whole app kept once a second page has arrived")

    def test_online_the_network_wins_over_a_saved_copy(self):
        self.open(TEST_PATH)
        self.h1()
        self.wait_for_worker()
        self.reload()
        self.h1()
        self.wait_for(lambda: self.cached(TEST_JSON) is True, "the article saved")
        changed = dict(seed_as("bai-thu-nghiem"), title="Tiêu đề đã sửa")
        self.fault(TEST_JSON, body=json.dumps(changed, ensure_ascii=False))
        self.reload()
        self.wait_text(L.HEADLINE, "Tiêu đề đã sửa")
        self.assertIsNone(self.notice())

    def test_a_new_build_replaces_the_old_shell_and_keeps_saved_articles(self):
        self.open(SEED_PATH)
        self.h1()
        self.wait_for_worker()
        self.wait_for(lambda: self.cached(SEED_JSON) is True, "the seed saved")
        with open(os.path.join(DIST, "sw.js"), encoding="utf-8") as f:
            sw = f.read()
        build = re.search(r'const BUILD = "([0-9a-f]{16})";', sw)
        self.assertIsNotNone(build, "make build named the build")
        worker = names.worker()
        articles, shell = worker["articlesCache"], worker["shellCachePrefix"]
        self.assertEqual(sorted(self.cache_names()), [articles, f"{shell}{build.group(1)}"])
        self.fault("/sw.js", body=sw.replace(build.group(0), 'const BUILD = "0000000000000000";'), content_type="text/javascript")
        self.b.js_async("const done = arguments[arguments.length - 1]; navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => done(true), e => done(String(e)));")
        self.wait_for(
            lambda: sorted(self.cache_names()) == [articles, f"{shell}0000000000000000"],
            "the new shell cache, and the old one gone",
        )
        self.assertTrue(self.cached(SEED_JSON), "articles saved under the old build are still there")

    def test_the_app_can_be_installed(self):
        self.open("/")
        self.wait_for(lambda: self.b.find_all(L.ARTICLE_LIST), "the list")
        manifest = self.b.cdp("Page.getAppManifest")
        self.assertEqual(manifest.get("errors"), [], "the manifest parses")
        data = json.loads(manifest["data"])
        self.assertEqual((data["name"], data["lang"], data["start_url"], data["display"]), ("Bản tin", "vi", "/", "standalone"))
        self.wait_for_worker()
        errors = self.b.cdp("Page.getInstallabilityErrors").get("installabilityErrors")
        self.assertEqual(errors, [], "Chromium would offer to install it")
