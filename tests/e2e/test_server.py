"""The servers of dist/, checked as HTTP: `make serve`'s (crates/site) and
nginx running deploy/nginx.conf, with the same tests, then side by side.

What a reader or an operator would notice: deep links that work, real 404s
for missing files, the security and caching headers, precompressed bytes with
the right Content-Encoding, and correct answers to hostile or unusual requests.
"""

import glob
import gzip
import html.parser
import http.client
import json
import os
import unittest
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from .harness import SEED_SLUG
from .servers import DIST, SERVERS

SEED_PAGE = f"/articles/{SEED_SLUG}"
SEED_JSON = f"/articles/{SEED_SLUG}.json"


def dist_file(path):
    with open(os.path.join(DIST, path.lstrip("/")), "rb") as f:
        return f.read()


def asset(pattern):
    """The dist/ path of this build's Trunk asset, e.g. 'bantin-*_bg.wasm' ->
    '/bantin-<hash>_bg.wasm' (the previous build's, which `make build` keeps
    for pages still open, are not in this build's sw.js)."""
    worker = dist_file("sw.js").decode()
    found = [f for f in glob.glob(os.path.join(DIST, pattern)) if f'/{os.path.basename(f)}"' in worker]
    if len(found) != 1:
        raise AssertionError(f"expected one dist/{pattern}, found {found}")
    return "/" + os.path.basename(found[0])


class HeadTags(html.parser.HTMLParser):
    """The `<meta>`, `<link>` and JSON-LD of a page's head, read with Python's
    HTML parser, as a crawler that runs no script reads them."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.descriptions = {}, {}, [], 0
        self.alternates = []
        self.title_ends_at = self.first_share_tag_at = None
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if tag == "meta" and key and "content" in a:
            self.meta[key] = a["content"]
            self.descriptions += key == "description"
            if self.first_share_tag_at is None and key.startswith("og:"):
                self.first_share_tag_at = self.getpos()
        elif tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(f'{a.get("type")} {a.get("href")}')
        elif tag == "link" and "rel" in a:
            self.links[a["rel"]] = a.get("href")
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "title":
            self.title_ends_at = self.getpos()
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower())


def fetch(port, path, method="GET", headers=None):
    """One request; the path is sent exactly as given (no client-side normalisation)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        conn.close()


class ServerTest:
    """The tests; a subclass names the server (`server_kind`)."""

    server_kind = None

    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(os.path.join(DIST, "index.html")):
            raise unittest.SkipTest("dist/ is missing: run `make build` (make test does)")
        cls.server = SERVERS[cls.server_kind]().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def request(self, path, method="GET", headers=None):
        return fetch(self.server.port, path, method, headers)

    # --- routes ---

    def test_an_article_address_serves_its_prerendered_page(self):
        answer = self.request(SEED_PAGE)
        self.assertEqual(answer.status, 200)
        self.assertEqual(answer.header("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(answer.body, dist_file(f"/articles/{SEED_SLUG}.html"))
        self.assertIn(b"<body data-prerendered", answer.body)
        self.assertNotIn(b"preload", answer.body, "the app's bytes wait until the text is painted")
        self.assertIn(b"preload", dist_file("/shell.html"), "the shell, where the app is the content, keeps them")

    def test_the_home_page_is_prerendered_with_its_list(self):
        answer = self.request("/")
        self.assertEqual(answer.status, 200)
        self.assertEqual(answer.body, dist_file("/index.html"))
        self.assertIn(b"<body data-prerendered", answer.body)
        self.assertIn(f'href="/articles/{SEED_SLUG}"'.encode(), answer.body)
        self.assertIn(b'id="bantin-list"', answer.body)
        head = HeadTags()
        head.feed(answer.body.decode("utf-8"))
        self.assertTrue(head.links["canonical"].endswith("/"))

    def test_an_article_page_carries_its_share_preview(self):
        head = HeadTags()
        head.feed(self.request(SEED_PAGE).body.decode("utf-8"))
        meta, links = head.meta, head.links
        self.assertTrue(meta["og:url"].startswith(("http://", "https://")), "absolute")
        self.assertTrue(meta["og:url"].endswith(SEED_PAGE))
        self.assertEqual(links["canonical"], meta["og:url"])
        self.assertEqual(meta["og:type"], "article")
        self.assertEqual(meta["og:locale"], "vi_VN")
        self.assertEqual(meta["twitter:card"], "summary_large_image")
        self.assertEqual(meta["article:published_time"], "2020-08-21T00:00:00+07:00")
        self.assertEqual(meta["og:description"], meta["description"])
        self.assertLessEqual(len(meta["description"]), 160)
        self.assertTrue(meta["description"].startswith("Thấm nhuần lời dạy"))
        self.assertEqual(head.descriptions, 1, "the site's description gave way")
        self.assertLess(head.title_ends_at, head.first_share_tag_at, "right after the title")
        image = self.request("/" + meta["og:image"].split("/", 3)[3])
        self.assertEqual((image.status, image.header("Content-Type")), (200, "image/png"))
        size = (int.from_bytes(image.body[16:20], "big"), int.from_bytes(image.body[20:24], "big"))
        self.assertEqual(size, (int(meta["og:image:width"]), int(meta["og:image:height"])))
        ld = json.loads(head.json_ld[0])
        self.assertEqual((ld["@type"], ld["headline"], ld["author"]["name"]), ("NewsArticle", meta["og:title"], "Hương Dịu"))
        self.assertEqual(ld["datePublished"], "2020-08-21T00:00:00+07:00")

    def test_the_feeds_sitemap_and_robots_are_served_and_parse(self):
        atom = ET.fromstring(self.request("/feed.xml").body)
        ns = {"a": "http://www.w3.org/2005/Atom"}
        entries = atom.findall("a:entry", ns)
        self.assertGreaterEqual(len(entries), 1)
        seed = entries[0]
        self.assertTrue(seed.find("a:id", ns).text.endswith(SEED_PAGE))
        self.assertEqual(seed.find("a:published", ns).text, "2020-08-21T00:00:00+07:00")
        self.assertEqual(seed.find("a:author/a:name", ns).text, "Hương Dịu")
        self.assertTrue(seed.find("a:content", ns).text.endswith("./."), "the whole text")
        feed = json.loads(self.request("/feed.json").body)
        self.assertEqual(feed["version"], "https://jsonfeed.org/version/1.1")
        for field in ["title", "items"]:
            self.assertIn(field, feed)
        self.assertTrue(all("id" in item for item in feed["items"]))
        # The sitemap is an index over the list pages' file and the articles'.
        sitemap_ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        index = ET.fromstring(self.request("/sitemap.xml").body)
        self.assertEqual(index.tag, sitemap_ns + "sitemapindex")
        locs = []
        for part in index.iter(sitemap_ns + "loc"):
            listed = ET.fromstring(self.request(urllib.parse.urlsplit(part.text).path).body)
            locs += [e.text for e in listed.iter(sitemap_ns + "loc")]
        self.assertTrue(any(loc.endswith(SEED_PAGE) for loc in locs))
        self.assertTrue(any(urllib.parse.urlsplit(loc).path == "/" for loc in locs), "the home page")
        robots = self.request("/robots.txt")
        self.assertEqual(robots.header("Content-Type"), "text/plain; charset=utf-8")
        self.assertIn("Sitemap: ", robots.body.decode())
        self.assertTrue(robots.body.decode().strip().endswith("/sitemap.xml"))

    def test_every_page_links_the_feeds(self):
        for path in [SEED_PAGE, "/"]:
            head = HeadTags()
            head.feed(self.request(path).body.decode("utf-8"))
            self.assertEqual(sorted(head.alternates), ["application/atom+xml /feed.xml", "application/feed+json /feed.json"], path)

    def test_the_shell_describes_the_site(self):
        head = HeadTags()
        head.feed(self.request("/").body.decode("utf-8"))
        self.assertTrue(head.meta["description"])

    def test_the_search_page_is_its_pre_rendered_page_whatever_the_query(self):
        page = dist_file("/tim-kiem.html")
        for path in ["/tim-kiem", "/tim-kiem?q=l%E1%BB%93ng+t%E1%BB%93ng"]:
            answer = self.request(path)
            self.assertEqual((answer.status, answer.body), (200, page), path)

    def test_an_address_without_a_page_is_a_404_with_the_shell(self):
        # A removed article, a page past the last, a mistyped link: crawlers
        # and link checkers see the 404; the reader sees the app's "not found".
        shell = dist_file("/shell.html")
        for path in ["/articles/khong-co-bai-nay", "/trang/1", "/trang/2", "/trang/abc", "/mot/hai/ba", "/tim-kiem/x"]:
            answer = self.request(path)
            self.assertEqual((answer.status, answer.body), (404, shell), path)
            self.assertEqual(answer.header("Content-Type"), "text/html; charset=utf-8", path)

    def test_a_missing_file_is_a_real_404_not_the_shell(self):
        shell = dist_file("/shell.html")
        for path in ["/articles/khong-co-bai-nay.json", "/trang/2.json", "/articles/index.json", "/bantin-0000000000000000_bg.wasm", "/apple-touch-icon.png", "/articles/x."]:
            answer = self.request(path)
            self.assertEqual(answer.status, 404, path)
            self.assertNotEqual(answer.body, shell, path)

    def test_a_prerendered_file_asked_by_name_moves_to_its_address(self):
        answer = self.request(f"/articles/{SEED_SLUG}.html")
        self.assertEqual(answer.status, 301)
        self.assertEqual(answer.header("Location"), SEED_PAGE)
        answer = self.request("/trang/2.html")
        self.assertEqual((answer.status, answer.header("Location")), (301, "/trang/2"))

    def test_each_kind_of_file_has_its_type(self):
        expected = {
            asset("bantin-*_bg.wasm"): "application/wasm",
            asset("bantin-*.js"): "application/javascript; charset=utf-8",
            asset("*.css"): "text/css; charset=utf-8",
            SEED_JSON: "application/json; charset=utf-8",
            "/manifest.webmanifest": "application/manifest+json; charset=utf-8",
            "/icon.svg": "image/svg+xml; charset=utf-8",
            "/favicon.ico": "image/x-icon",
            "/sw.js": "application/javascript; charset=utf-8",
        }
        for path, kind in expected.items():
            self.assertEqual(self.request(path).header("Content-Type"), kind, path)

    # --- headers ---

    def test_security_headers_on_every_answer(self):
        for path in ["/", SEED_PAGE, SEED_JSON, asset("bantin-*_bg.wasm"), "/articles/khong-co.json", "/..%2f..%2fetc/passwd"]:
            answer = self.request(path)
            policy = answer.header("Content-Security-Policy") or ""
            self.assertIn("frame-ancestors 'none'", policy, path)
            self.assertIn("default-src 'none'", policy, path)
            self.assertIn("object-src 'none'", policy, path)
            self.assertEqual(answer.header("X-Content-Type-Options"), "nosniff", path)
            self.assertEqual(answer.header("Referrer-Policy"), "same-origin", path)
            self.assertEqual(answer.header("X-Frame-Options"), "DENY", path)

    def test_the_page_policy_and_the_header_policy_together_allow_only_the_hashed_scripts(self):
        """The header cannot go stale (no hashes); the page's <meta> names each inline script."""
        page = self.request(SEED_PAGE).body.decode()
        meta = page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        script_src = next(d for d in meta.split(";") if d.strip().startswith("script-src"))
        self.assertNotIn("'unsafe-inline'", script_src)
        self.assertEqual(script_src.count("'sha256-"), 2)

    def test_hashed_assets_are_cached_for_a_year_and_the_rest_revalidates(self):
        for path in [asset("bantin-*_bg.wasm"), asset("bantin-*.js"), asset("*.css")]:
            self.assertEqual(self.request(path).header("Cache-Control"), "public, max-age=31536000, immutable", path)
        for path in ["/", SEED_PAGE, SEED_JSON, "/trang/moi-nhat.json", "/sw.js", "/manifest.webmanifest", "/trang/2"]:
            self.assertEqual(self.request(path).header("Cache-Control"), "no-cache", path)

    def test_precompressed_files_are_sent_by_accept_encoding(self):
        files = {
            asset("bantin-*_bg.wasm"): asset("bantin-*_bg.wasm"),
            asset("bantin-*.js"): asset("bantin-*.js"),
            asset("*.css"): asset("*.css"),
            "/": "/index.html",
            SEED_PAGE: f"/articles/{SEED_SLUG}.html",
            SEED_JSON: SEED_JSON,
            "/trang/moi-nhat.json": "/trang/moi-nhat.json",
            "/sw.js": "/sw.js",
        }
        for path, file in files.items():
            original = dist_file(file)
            br = self.request(path, headers={"Accept-Encoding": "gzip, deflate, br"})
            self.assertEqual(br.header("Content-Encoding"), "br", path)
            self.assertEqual(br.body, dist_file(file + ".br"), path)
            self.assertLess(len(br.body), len(original), path)
            self.assertEqual(br.header("Vary"), "Accept-Encoding", path)
            gz = self.request(path, headers={"Accept-Encoding": "gzip"})
            self.assertEqual(gz.header("Content-Encoding"), "gzip", path)
            self.assertEqual(gzip.decompress(gz.body), original, path)
            for neither in [None, "identity", "deflate", "zstd"]:
                plain = self.request(path, headers={"Accept-Encoding": neither} if neither else {})
                self.assertIsNone(plain.header("Content-Encoding"), f"{path} with {neither}")
                self.assertEqual(plain.body, original, f"{path} with {neither}")

    # --- unusual and hostile requests ---

    def test_paths_that_climb_out_of_dist_get_nothing_from_outside(self):
        for path in [
            "/..%2f..%2fetc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/articles/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
            "/../../../../etc/passwd",
            "/articles/..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        ]:
            answer = self.request(path)
            self.assertNotIn(b"root:", answer.body, path)
            # Refused, or (for a name that only looks like dots) the app's shell.
            if answer.status == 200 or answer.body == dist_file("/shell.html"):
                self.assertEqual(answer.body, dist_file("/shell.html"), path)
            else:
                self.assertIn(answer.status, (400, 404), path)

    def test_a_10000_character_path_is_refused_as_too_long(self):
        answer = self.request("/articles/" + "a" * 10_000)
        self.assertEqual(answer.status, 414)

    def test_head_answers_like_get_without_a_body(self):
        for path in [SEED_PAGE, SEED_JSON, asset("bantin-*_bg.wasm")]:
            get = self.request(path)
            head = self.request(path, method="HEAD")
            self.assertEqual(head.status, 200, path)
            self.assertEqual(head.body, b"", path)
            self.assertEqual(head.header("Content-Length"), str(len(get.body)), path)
            self.assertEqual(head.header("Content-Type"), get.header("Content-Type"), path)

    def test_a_range_of_the_wasm_is_a_206_with_those_bytes(self):
        wasm = asset("bantin-*_bg.wasm")
        whole = dist_file(wasm)
        answer = self.request(wasm, headers={"Range": "bytes=0-99"})
        self.assertEqual(answer.status, 206)
        self.assertEqual(answer.header("Content-Range"), f"bytes 0-99/{len(whole)}")
        self.assertEqual(answer.body, whole[:100])
        past = self.request(wasm, headers={"Range": f"bytes={len(whole) + 10}-"})
        self.assertEqual(past.status, 416)
        # A compressed answer is sent whole: a range of brotli bytes helps no one.
        packed = self.request(wasm, headers={"Range": "bytes=0-99", "Accept-Encoding": "br"})
        self.assertEqual((packed.status, packed.header("Content-Encoding")), (200, "br"))
        self.assertEqual(packed.body, dist_file(wasm + ".br"))


class SiteServerTest(ServerTest, unittest.TestCase):
    server_kind = "site"


class NginxServerTest(ServerTest, unittest.TestCase):
    server_kind = "nginx"


class TestServersCleanUpTest(unittest.TestCase):
    """The tests' and the bench's nginx leaves nothing behind: each run once
    left a prefix under target/ (the bench's load run, ~160 MB of access log),
    and 240 of them filled the disk that a clean-clone CI run needed."""

    def test_a_stopped_nginx_leaves_no_prefix(self):
        if not os.path.isfile(os.path.join(DIST, "index.html")):
            self.skipTest("dist/ is missing: run `make build` (make test does)")
        prefixes = os.path.join(os.path.dirname(DIST), "target", "nginx-test-*")
        before = set(glob.glob(prefixes))
        server = SERVERS["nginx"]().start()
        try:
            with urllib.request.urlopen(server.base + "/") as answer:
                self.assertEqual(answer.status, 200)
            self.assertEqual(len(set(glob.glob(prefixes)) - before), 1, "the running nginx has its own prefix")
        finally:
            server.stop()
        self.assertEqual(set(glob.glob(prefixes)) - before, set(), "left after stop()")


class SameAnswersTest(unittest.TestCase):
    """`make serve` behaves like production: both servers, the same requests,
    the same statuses and headers that matter."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(os.path.join(DIST, "index.html")):
            raise unittest.SkipTest("dist/ is missing: run `make build` (make test does)")
        cls.servers = {kind: server().start() for kind, server in SERVERS.items()}

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers.values():
            server.stop()

    def test_every_kind_of_request_gets_the_same_answer(self):
        headers = ["Content-Type", "Content-Encoding", "Vary", "Cache-Control", "Location", "Content-Security-Policy",
                   "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Range"]
        paths = ["/", SEED_PAGE, SEED_JSON, f"{SEED_PAGE}.html", "/articles/khong-co", "/articles/khong-co.json",
                 asset("bantin-*_bg.wasm"), asset("bantin-*.js"), asset("*.css"), "/sw.js", "/manifest.webmanifest",
                 "/icon.svg", "/favicon.ico", "/trang/moi-nhat.json", "/trang/2.json", "/trang/2", "/trang/2.html", "/shell.html",
                 "/..%2f..%2fetc/passwd", "/a/../index.html", "/" + "a" * 10_000]
        for path in paths:
            for accept in [None, "br", "gzip", "identity"]:
                for extra in [{}, {"Range": "bytes=0-9"}]:
                    request = dict(extra, **({"Accept-Encoding": accept} if accept else {}))
                    answers = {}
                    for kind, server in self.servers.items():
                        answer = fetch(server.port, path, headers=request)
                        # An error page's body and type are each server's own.
                        shown = [h for h in headers if h != "Content-Type" or answer.status < 300]
                        answers[kind] = (answer.status, {h: answer.header(h) for h in shown})
                    self.assertEqual(answers["site"], answers["nginx"], f"{path[:60]} {request}")


if __name__ == "__main__":
    unittest.main()
