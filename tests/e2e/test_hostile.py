"""Hostile data against the release build: every case ends in the article or a
clear Vietnamese message, never a blank or dead page, and afterwards the
"Trang chủ" link still works."""

import copy
import json

from . import locators as L
from .harness import TEST_JSON as DATA
from .harness import TEST_PATH as PATH
from .harness import TEST_SLUG, ReaderTestCase, seed_as
from .harness import seed


def variant(**changes):
    """The seed with fields replaced (a value of ... deletes the field)."""
    data = copy.deepcopy(seed_as(TEST_SLUG))
    for key, value in changes.items():
        if value is ...:
            data.pop(key, None)
        else:
            data[key] = value
    return json.dumps(data, ensure_ascii=False)


def with_block(block):
    return variant(body=[{"type": "paragraph", "text": "Đoạn đầu."}, block])


def big_article(target_bytes):
    paragraph = "Thi đua thực hiện các chỉ tiêu kinh tế - xã hội, quốc phòng - an ninh. " * 14
    count = target_bytes // (len(paragraph.encode()) + 40)
    return variant(body=[{"type": "paragraph", "text": f"{i + 1}. {paragraph}"} for i in range(count)]), count


HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> javascript:alert(1)"
ODD = "NUL:\u0000 emoji:🙂👩‍👩‍👧 RTL:مرحبا بالعالم שלום combining:e\u0301\u0323 Tiếng Việt: Thấm nhuần"

# (name, body, what the reader gets): "article" or a phrase of the error message.
REFUSED = [
    ("truncated JSON", json.dumps(seed_as(TEST_SLUG), ensure_ascii=False)[:4000], "tệp không phải JSON hợp lệ"),
    ("an HTML page", "<!doctype html><html><head><title>Bản tin</title></head><body></body></html>", "tệp không phải JSON hợp lệ"),
    ("an empty file", "", "tệp không phải JSON hợp lệ"),
    ("null", "null", "không phải một đối tượng JSON"),
    ("an empty array", "[]", "không phải một đối tượng JSON"),
    ("a bare string", '"bài viết"', "không phải một đối tượng JSON"),
    ("slug is a number", variant(slug=1), "trường “slug” sai kiểu"),
    ("title is a number", variant(title=42), "trường “title” sai kiểu"),
    ("title is an object", variant(title={"vi": "x"}), "trường “title” sai kiểu"),
    ("published is a number", variant(published=20200821), "trường “published” sai kiểu"),
    ("lead is an array", variant(lead=["a"]), "trường “lead” sai kiểu"),
    ("author is an object", variant(author={"name": "Hương Dịu"}), "trường “author” sai kiểu"),
    ("lang is a boolean", variant(lang=True), "trường “lang” sai kiểu"),
    ("body is a string", variant(body="Đoạn văn"), "trường “body” sai kiểu"),
    ("a block is a string", variant(body=["Đoạn văn"]), "trường “body[0]” sai kiểu"),
    ("paragraph text is a number", variant(body=[{"type": "paragraph", "text": 7}]), "trường “body[0].text” sai kiểu"),
    ("list items hold a number", with_block({"type": "list", "items": ["a", 2]}), "body[1].items[1]"),
    ("schema is a string", variant(schema="1"), "trường “schema” sai kiểu"),
    ("a missing title", variant(title=...), "thiếu trường “title”"),
    ("a missing slug", variant(slug=...), "thiếu trường “slug”"),
    ("a missing date", variant(published=...), "thiếu trường “published”"),
    ("a missing body", variant(body=...), "thiếu trường “body”"),
    ("a blank title", variant(title="   "), "trường “title” đang trống"),
    ("an empty body and no lead", variant(body=[], lead=...), "bài viết không có nội dung"),
    ("a date that is not a date", variant(published="21/08/2020"), "trường “published” không hợp lệ"),
    ("the 30th of February", variant(published="2020-02-30"), "trường “published” không hợp lệ"),
    ("a negative image width", with_block({"type": "figure", "image": {"src": "/a.jpg", "width": -1}}), "body[1].image.width"),
    ("a 1e309 number", variant(body=[{"type": "figure", "image": {"src": "/a.jpg"}}]).replace('"/a.jpg"}', '"/a.jpg", "height": 1e309}'), "tệp không phải JSON hợp lệ"),
    ("a huge image height", with_block({"type": "figure", "image": {"src": "/a.jpg", "height": 10**12}}), "body[1].image.height"),
    ("5,000-deep nesting", variant(extra=None).replace('"extra": null', '"extra": ' + "[" * 5000 + "]" * 5000), "tệp không phải JSON hợp lệ"),
    ("another article's file", variant(slug="bai-khac"), "tệp thuộc về một bài viết khác"),
    ("a newer schema", variant(schema=2), "phiên bản 2"),
    ("a javascript: image", with_block({"type": "figure", "image": {"src": "javascript:alert(1)"}}), "body[1].image.src"),
    ("a data: image", with_block({"type": "figure", "image": {"src": "data:image/svg+xml,<svg onload=alert(1)>"}}), "body[1].image.src"),
    ("a 9 MB file", big_article(9 * 1024 * 1024)[0], "tệp quá lớn"),
]


class HostileArticleTest(ReaderTestCase):
    def recover(self):
        """The 'Trang chủ' link still leads to a working list."""
        self.b.by_text("header a", "Trang chủ").click()
        self.wait_text(L.ARTICLE_LINKS, seed()["title"])

    def refused(self, body, phrase):
        self.fault(DATA, body=body)
        self.open(PATH)
        error = self.wait_for(lambda: self.b.find(L.LOAD_ERROR), "an error message")
        self.assertEqual(self.b.find(L.HEADLINE).text, "Dữ liệu bị lỗi")
        self.assertIn(phrase, error.text)
        self.assertEqual(self.b.find_all(".retry"), [], "no retry: the same file would fail again")
        self.recover()

    def test_refused_files_explain_why(self):
        for name, body, phrase in REFUSED:
            with self.subTest(name):
                self.refused(body, phrase)

    def shown(self, body, title=None):
        self.fault(DATA, body=body)
        self.open(PATH)
        self.wait_text(L.HEADLINE, title or seed()["title"])

    def test_a_byte_order_mark_is_tolerated(self):
        self.shown("\ufeff" + variant())
        self.recover()

    def test_unknown_fields_are_ignored(self):
        self.shown(variant(tags=["a"], views=10**30, layout={"x": [1, 2]}))
        self.recover()

    def test_an_unknown_block_is_skipped_with_a_note(self):
        self.shown(variant(body=[{"type": "video", "src": "x.mp4"}, {"type": "paragraph", "text": "Còn lại."}, {"type": "poll"}]))
        self.assertEqual(self.b.find(L.paragraph(1)).text, "Còn lại.")
        self.assertIn("2 phần nội dung", self.b.find(".note").text)
        self.recover()

    def test_a_lead_alone_is_an_article(self):
        self.shown(variant(body=[]))
        self.assertTrue(self.b.find(L.LEAD).text.startswith("Thấm nhuần"))
        self.recover()

    def test_a_5_mb_article_is_shown_to_the_last_paragraph(self):
        body, count = big_article(5 * 1024 * 1024)
        self.assertGreater(len(body.encode()), 5 * 1000 * 1000)
        self.shown(body)
        self.wait_for(lambda: self.b.find_all(f"#p-{count}"), f"paragraph {count}", timeout=30)
        self.recover()

    def test_odd_characters_are_shown_verbatim(self):
        self.fault(DATA, body=variant(title=ODD, body=[{"type": "paragraph", "text": ODD}], author=ODD))
        self.open(PATH)
        self.wait_for(lambda: self.b.find_all(L.ARTICLE_HEADLINE), "the article")
        for css in (L.ARTICLE_HEADLINE, "#p-1", ".author"):
            self.assertEqual(self.b.find(css).prop("textContent"), ODD, css)
        self.recover()

    def test_markup_and_javascript_urls_in_every_text_field_stay_text(self):
        body = [
            {"type": "paragraph", "text": HOSTILE},
            {"type": "heading", "text": HOSTILE},
            {"type": "quote", "text": HOSTILE, "cite": HOSTILE},
            {"type": "list", "items": [HOSTILE, HOSTILE]},
            {"type": "figure", "caption": HOSTILE, "image": {"src": "/khong-co.png", "alt": HOSTILE}},
        ]
        self.fault(DATA, body=variant(title=HOSTILE, lead=HOSTILE, author=HOSTILE, body=body))
        self.open(PATH)
        self.wait_for(lambda: self.b.find_all(L.ARTICLE_HEADLINE), "the article")
        texts = self.b.js(
            "return ['.article h1', '.lead', '#p-1', '.article-body h2', 'blockquote p', 'cite',"
            " '.article-body li', 'figcaption', '.author'].map(s => document.querySelector(s).textContent)"
        )
        self.assertEqual(texts, [HOSTILE] * 9)
        self.assertEqual(self.b.find("figure img").attr("alt"), HOSTILE)
        self.assertEqual(len(self.b.find_all("main img")), 1, "only the figure's own image")
        self.assertEqual(self.b.find_all("main script"), [])
        self.assertNotEqual(self.b.title, "pwned")
        self.b.browser_log()  # the figure's image is a 404 on purpose
        self.recover()


class HostileListTest(ReaderTestCase):
    def test_an_html_list_is_bad_data(self):
        self.list_from_the_app(body="<!doctype html><p>index</p>", content_type="text/html")
        self.open("/")
        self.wait_text(L.HEADLINE, "Dữ liệu bị lỗi")

    def test_bad_entries_are_left_out_with_a_note(self):
        good = {"slug": "tot", "title": "Bài tốt", "published": "2021-01-01"}
        entries = [good, {"slug": "XẤU", "title": "x", "published": "2021-01-01"}, {"title": 5}, "rác", None]
        self.list_from_the_app(entries)
        self.open("/")
        self.wait_text(L.ARTICLE_LINKS, "Bài tốt")
        self.assertEqual(len(self.b.find_all("ol.article-list li")), 1)
        self.assertIn("4 bài viết", self.b.find(".note").text)

    def test_an_empty_list_says_so(self):
        self.list_from_the_app([])
        self.open("/")
        self.wait_text("main p", "Chưa có bài viết nào.")
