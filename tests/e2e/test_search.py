"""Searching the archive (45 generated articles, the index in two parts):
with or without diacritics, from the header's form before the app and inside
it, results as links with their date and lead, bad queries shown as text; on
an archive in more parts, the newest articles first and older ones on
request."""

import json
import os
import re
import unittest
import urllib.parse

from . import locators as L
from . import names
from .harness import reading_time, size_key
from .archive import ArchiveSite, containing, exactly


class Searching:
    """How a test searches, and reads the results."""

    def results(self):
        return [a.attr("href") for a in self.b.find_all(".search-page ol.article-list h2 a")]

    def count(self):
        found = self.b.find_all(L.SEARCH_COUNT)
        return found[0].text if found else None

    def search(self, query):
        self.open("/tim-kiem?q=" + urllib.parse.quote_plus(query))
        self.wait_for(lambda: self.count() is not None and query[:20] in self.count(), f"the results for {query!r}")
        return self.results()


class SearchTest(Searching, ArchiveSite):
    """Search on the same generated archive."""

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
        self.assert_no_console_errors()

    def test_typed_with_diacritics_the_exact_form_ranks_first(self):
        content = os.path.join(self.folder, "content")
        forms = containing(content, "duong")
        self.assertEqual(set(self.search("duong")), forms, "without marks: every form")
        for query in ["đường", "dương", "đương", "Bắc Kạn", "bắc cạn", "Ba Bể", "bà bé"]:
            with self.subTest(query=query):
                found, exact = self.search(query), exactly(content, query)
                self.assertTrue(exact, f"{query} is in the generated archive")
                ranked = [url in exact for url in found]
                self.assertTrue(ranked and ranked[0], f"{query}: an article with it first")
                self.assertEqual(ranked, sorted(ranked, reverse=True), f"{query}: the exact form first: {found}")
        self.assertEqual(set(self.search("dương")), forms, "with marks: still every form")

    def test_a_result_is_a_link_with_its_date_reading_time_and_lead(self):
        self.search("long tong")
        card = self.b.find(".search-page ol.article-list li")
        href = card.handle.query_selector("h2 a").get_attribute("href")
        with open(os.path.join(self.folder, "content", href.split("/")[-1] + ".json"), encoding="utf-8") as f:
            article = json.load(f)
        self.assertEqual(card.handle.query_selector("h2 a").inner_text(), article["title"])
        day = article["published"].split("-")
        self.assertEqual(card.handle.query_selector("time").inner_text(), f"{day[2]}/{day[1]}/{day[0]}")
        self.assertTrue(card.handle.query_selector(".card-lead").inner_text())
        self.assertEqual(card.handle.query_selector(".reading-time").inner_text(), reading_time(article))
        card.handle.query_selector("h2 a").click()
        self.wait_text(L.HEADLINE, article["title"])

    def test_the_header_form_works_before_the_app(self):
        # The islands withheld: the pre-rendered page's form is a plain GET
        # form to the search page, which says it cannot search without them,
        # and searches once they arrive.
        lift = self.open_without_app("/")
        own = names.loaded_wasm("tim-kiem.html")  # the search page's islands
        self.fault(own, status=404)
        field = self.b.find(L.HEADER_SEARCH_FIELD)
        field.handle.fill("Lồng Tồng")
        field.handle.press("Enter")
        self.wait_for(lambda: "/tim-kiem?q=" in self.b.current_url, "the form to go to the search page")
        self.assertEqual(urllib.parse.parse_qs(urllib.parse.urlsplit(self.b.current_url).query), {"q": ["Lồng Tồng"]})
        self.wait_text("#no-app h1", "Chưa tìm kiếm được trên trình duyệt này")
        self.assertFalse(self.b.find("#main").handle.is_visible(), "no form that cannot search")
        with self.state.lock:
            self.state.faults.pop(own, None)
        lift()  # (the withheld WASMs' load errors were expected)
        self.reload()
        self.wait_for(lambda: self.count() is not None, "the results")
        self.assertEqual(set(self.results()), containing(os.path.join(self.folder, "content"), "long", "tong"))
        self.assertEqual(self.b.find_all("#no-app"), [])

    def test_the_search_page_is_pre_rendered_and_searches_with_the_islands_alone(self):
        self.no_http_cache()
        self.b.get(self.base + "/tim-kiem?q=long+tong")
        self.assertEqual(self.b.find("main h1").text, "Tìm kiếm", "the page, before any WASM")
        self.wait_for(lambda: self.count() is not None, "the results")
        self.assertEqual(self.b.find(L.SEARCH_PAGE_FIELD).handle.input_value(), "long tong", "the query in the field")
        fetched = self.b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
        own = names.loaded_wasm("tim-kiem.html")
        self.assertIn(own, fetched, "its own islands")
        self.assertTrue(own.startswith("/finder-"), own)
        for other, what in (("shell.html", "the whole app"), ("index.html", "an article's islands")):
            self.assertNotIn(names.loaded_wasm(other), fetched, f"not {what}")
        self.assertEqual(set(self.results()), containing(os.path.join(self.folder, "content"), "long", "tong"))
        # Its toolbar, alive from the same binary: the size and the reading
        # choices, and no link to copy.
        self.wait_for_app()
        self.b.button(L.LARGER).click()
        self.assertEqual(self.root_scale(), "1.1")
        self.b.button(L.PREFERENCES).click()
        self.wait_for(lambda: self.b.find_all(L.PREFERENCES_PANEL), "the reading choices")
        self.assertEqual(self.b.find_all(".copy-link"), [], "nothing to copy on the search page")

    def test_back_and_forward_go_between_searches_asked_with_enter(self):
        content = os.path.join(self.folder, "content")
        self.search("long tong")
        for query in ("duong day", "dong hy"):
            field = self.b.find(L.SEARCH_PAGE_FIELD)
            field.handle.fill(query)
            field.handle.press("Enter")
            self.wait_for(lambda: self.count() is not None and query in self.count(), f"the results for {query}")
        self.b.js("window.__same_page = true")
        self.b.back()
        self.wait_for(lambda: "duong day" in self.count(), "the search before, again")
        self.assertEqual(set(self.results()), containing(content, "duong", "day"))
        self.assertEqual(self.b.find(L.SEARCH_PAGE_FIELD).handle.input_value(), "duong day")
        self.assertEqual(self.b.title, "Tìm kiếm: duong day — Bản tin")
        self.b.forward()
        self.wait_for(lambda: "dong hy" in self.count(), "the search after, again")
        self.assertTrue(self.b.js("return window.__same_page === true"), "no page load")

    def test_the_header_form_searches_from_any_page_and_inside_the_app_on_the_search_page(self):
        # A pre-rendered page has no router: the form goes to the search page.
        self.open("/")
        field = self.b.find(L.HEADER_SEARCH_FIELD)
        field.handle.fill("duong day")
        field.handle.press("Enter")
        self.wait_for(lambda: self.count() is not None, "the results")
        self.assertEqual(self.b.current_url, self.base + "/tim-kiem?q=duong+day")
        self.assertEqual(set(self.results()), containing(os.path.join(self.folder, "content"), "duong", "day"))
        # On the search page its island takes the header's form: another
        # search there loads no page.
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
        self.assert_no_console_errors()


class SearchWhenAPartHasJustFilledTest(Searching, ArchiveSite):
    """40 articles in parts of 20: the newest part has just filled. (Its
    articles stay the open part until the next article: a search index
    without a page stops Pagefind's browser side, and the search with it.)"""

    archive_size = 40
    archive_shard = 20

    def test_every_article_is_searched(self):
        content = os.path.join(self.folder, "content")
        for query, words in [("long tong", ("long", "tong")), ("le hoi", ("le", "hoi"))]:
            with self.subTest(query=query):
                shown, found = self.search(query), containing(content, *words)
                # (The page lists the best results, names.max_results() at most.)
                self.assertLessEqual(set(shown), found)
                self.assertEqual(len(shown), min(len(found), names.max_results()))
        self.assert_no_console_errors()


class SearchOlderPartsTest(Searching, ArchiveSite):
    """50 articles in parts of 10: a search covers the newest 20 (the open
    part and the newest full part) and downloads nothing of the older
    parts; the reader adds them, a part a press."""

    archive_size = 50
    archive_shard = 10
    OLDER = "#" + names.search_older_id()

    def oldest_numbered(self):
        """The number in the title of one of the 10 oldest articles (part
        1) that no other article's title or text has, and its address."""
        content = os.path.join(self.folder, "content")
        for title in reversed(self.titles[-10:]):
            number = re.search(r"\(số (\d\d)\)", title)
            if number and len(containing(content, number[1])) == 1:
                return number[1], containing(content, number[1]).pop()
        self.fail("no two-digit number among the oldest titles")

    def note(self):
        found = self.b.find_all(self.OLDER + ":not([hidden]) [role=status]")
        return found[0].text if found else None

    def older_button(self):
        found = self.b.find_all(self.OLDER + ":not([hidden]) button")
        return found[0] if found else None

    def test_a_search_covers_the_newest_articles_and_older_parts_come_on_request(self):
        number, oldest = self.oldest_numbered()
        self.assertEqual(self.search(number), [], "not among the newest 20")
        self.assertIn("Không tìm thấy", self.count())
        self.wait_for(lambda: self.note() and "20 bài mới nhất" in self.note(), "what was searched")
        self.assertTrue(self.requested("/pagefind/4/pagefind-entry.json"), "the newest full part, at once")
        for k in (1, 2, 3):
            self.assertFalse(self.requested(f"/pagefind/{k}/pagefind-entry.json"), f"part {k}, not asked for")
        # A press at a time, a part at a time, until the whole archive.
        for searched in ("30 bài mới nhất", "40 bài mới nhất", "toàn bộ 50 bài"):
            button = self.older_button()
            self.assertIn("10 bài cũ hơn", button.text)
            button.click()
            self.wait_for(lambda: searched in (self.note() or ""), f"the note: {searched}")
        self.wait_for(lambda: self.results() == [oldest], "the oldest article, found")
        self.assertEqual(self.count(), f"Tìm thấy 1 bài viết cho “{number}”.")
        self.assertIsNone(self.older_button(), "nothing older")
        self.assertTrue(self.b.js("return document.activeElement.getAttribute('role') === 'status'"), "the focus, on the note")
        # The next query, asked on the same page, searches the whole
        # archive at once (merged already).
        self.b.find(L.SEARCH_PAGE_FIELD).click()
        self.b.page.keyboard.press("Control+A")
        self.b.page.keyboard.type("long tong")
        self.b.page.keyboard.press("Enter")
        self.wait_for(lambda: "long tong" in (self.count() or ""), "the next query's results")
        found = containing(os.path.join(self.folder, "content"), "long", "tong")
        self.assertLessEqual(set(self.results()), found)
        self.assertEqual(len(self.results()), min(len(found), names.max_results()))
        self.assertIn("toàn bộ 50 bài", self.note())
        self.assert_no_console_errors()

    def test_an_older_part_out_of_reach_says_so_and_can_be_asked_again(self):
        number, oldest = self.oldest_numbered()
        self.search(number)
        self.wait_for(lambda: self.older_button() is not None, "the button")
        self.fault("/pagefind/3/pagefind-entry.json", status=503, times=1)
        self.older_button().click()
        self.wait_for(lambda: "Không tải được các bài cũ hơn" in (self.note() or ""), "the failure, said")
        self.assertIn("20 bài mới nhất", self.b.find(self.OLDER).text, "the search covers what it did")
        self.assertTrue(self.older_button().enabled, "and the button asks again")
        self.older_button().click()
        self.wait_for(lambda: "30 bài mới nhất" in (self.note() or ""), "the part, on the second press")

    def test_an_emptied_field_hides_the_note(self):
        self.search("long tong")
        self.wait_for(lambda: self.note() is not None, "the note")
        self.b.find(L.SEARCH_PAGE_FIELD).click()
        self.b.page.keyboard.press("Control+A")
        self.b.page.keyboard.press("Backspace")
        self.wait_for(lambda: self.note() is None, "no note without a query")


class SearchWithoutArticlesTest(Searching, ArchiveSite):
    """A site with no article yet (a new portal): a search finds nothing,
    and says so, not that the search could not load."""

    archive_size = 0

    def test_a_search_finds_nothing_and_says_so(self):
        self.assertEqual(self.search("le hoi"), [])
        self.assertEqual(self.count(), "Không tìm thấy bài viết nào cho “le hoi”.")
        self.assertEqual(self.b.find_all(L.LOAD_ERROR), [])
        self.assert_no_console_errors()


if __name__ == "__main__":
    unittest.main()
