"""The release build (dist/) served by a real server (`make serve`'s, or nginx
for the suites that ask for it), behind a small proxy on 127.0.0.1 that can
inject faults for the tests, and a headless Chromium (Playwright) session."""

import glob
import http.client
import http.server
import json
import os
import re
import socket
import sys
import threading
import unittest
import urllib.parse

from .servers import DIST, ROOT, SERVERS  # noqa: F401  (ROOT: the test modules import it from here)
from .browser import Browser, wait_for
from . import locators as L
from . import names
from .names import reading_key, size_key  # noqa: F401  (the test modules import them from here)

SEED_SLUG = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc"
# An article with no pre-rendered page, so the app must fetch its JSON: the
# tests that break the data use it. The proxy answers it with the seed's
# content under this slug unless a fault says otherwise.
TEST_SLUG = "bai-thu-nghiem"
TEST_PATH = f"/articles/{TEST_SLUG}"
TEST_JSON = f"/articles/{TEST_SLUG}.json"


def list_json():
    """The home page's data file (src/worker.rs, `homeListData`), which the
    app loads when the home page is not pre-rendered (or when it is reached
    inside the app)."""
    return names.worker()["homeListData"]


# Not forwarded either way: they describe one connection, not the answer.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


def list_page(entries):
    """The home page's data file holding `entries` (and no older page)."""
    return {"schema": 1, "page": 0, "articles": entries}


def seed_as(slug):
    with open(os.path.join(DIST, "articles", f"{SEED_SLUG}.json"), encoding="utf-8") as f:
        data = json.load(f)
    data["slug"] = slug
    return data


SEED_PATH = f"/articles/{SEED_SLUG}"
SEED_JSON = f"/articles/{SEED_SLUG}.json"


def seed():
    """The seed article's data, as the build wrote it."""
    return seed_as(SEED_SLUG)


def seed_text(n):
    """The text of the seed's paragraph `n` (as `#p-n` shows it)."""
    return [b["text"] for b in seed()["body"] if b["type"] == "paragraph"][n - 1]


def reading_time(data):
    """What an article's data should show as its reading time, counted here
    on its own: its lead's and body's words (syllables between spaces, with a
    letter or digit) at the app's speed, rounded up."""
    texts = [data.get("lead") or ""]
    for block in data["body"]:
        texts += [block.get(k) or "" for k in ("text", "cite", "caption")] + block.get("items", [])
    words = sum(1 for t in texts for w in t.split() if any(c.isalnum() for c in w))
    return f"{max(1, -(-words // names.words_per_minute()))} phút đọc"


def article(slug, title, published="2021-01-01", body=None, **extra):
    """An article's data file, as JSON text."""
    return json.dumps(
        {
            "slug": slug,
            "title": title,
            "published": published,
            "body": body if body is not None else [{"type": "paragraph", "text": f"Nội dung của {title}."}],
            **extra,
        },
        ensure_ascii=False,
    )


class Fault:
    """What the server does instead of (or before) serving a path.

    status: answer with this HTTP status; body: answer with these bytes (200);
    delay: seconds to wait first; hang: send headers and part of the body, then
    stall until released; drop: close the connection without answering (what a
    lost connection looks like, to the page and its service worker alike);
    times: how many requests it applies to (None = all); serve: answer as the
    server answers for this other path.
    """

    def __init__(self, status=None, body=None, content_type="application/json", delay=0.0, hang=False, drop=False, times=None, serve=None):
        self.status, self.body, self.content_type = status, body, content_type
        self.delay, self.hang, self.drop, self.times = delay, hang, drop, times
        self.serve = serve


class FaultyHandler(http.server.BaseHTTPRequestHandler):
    """Forwards each request to the real server, unless a fault is set for its path."""

    def log_message(self, fmt, *args):  # quiet unless asked
        if os.environ.get("BANTIN_SERVER_LOG"):
            super().log_message(fmt, *args)

    def forward(self, path=None):
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=60)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            if path:
                # The browser's copy is of what this path usually is: a "not
                # modified" for the other file would keep that copy.
                headers = {k: v for k, v in headers.items() if not k.lower().startswith("if-")}
            upstream.request(self.command, path or self.path, headers=headers)
            answer = upstream.getresponse()
            body = answer.read()
            if answer.status >= 400:
                with self.server.state.lock:
                    self.server.state.failed.append((self.path, answer.status))
            self.send_response_only(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            length = answer.getheader("Content-Length") if self.command == "HEAD" else str(len(body))
            if length is not None and answer.status not in (204, 304):
                self.send_header("Content-Length", length)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        finally:
            upstream.close()

    def do_HEAD(self):
        self.forward()

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        state = self.server.state
        with state.lock:
            state.requests.append(path)
            fault = state.faults.get(path)
            if fault is not None and fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del state.faults[path]
        if fault is None:
            fault = state.files.get(path)
        if fault is None:
            return self.forward()
        if fault.delay:
            state.released.wait(fault.delay)
            with state.lock:
                state.delays_finished += 1
            if fault.status is None and fault.body is None and not fault.hang:
                fault = state.files.get(path)  # then answer as usual
                if fault is None:
                    return self.forward()
        if fault.drop:
            self.close_connection = True
            return None
        if fault.serve:
            return self.forward(fault.serve)
        if fault.hang:
            self.send_response(200)
            self.send_header("Content-Type", fault.content_type)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"slug": "')
            self.wfile.flush()
            state.released.wait(120)
            return None
        if fault.status is not None:
            body = (fault.body or b"error").encode() if isinstance(fault.body or b"", str) else (fault.body or b"error")
            self.send_response(fault.status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        if fault.body is not None:
            body = fault.body.encode() if isinstance(fault.body, str) else fault.body
            self.send_response(200)
            self.send_header("Content-Type", fault.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return self.forward()


class TrackingServer(http.server.ThreadingHTTPServer):
    """Remembers its open connections, so a test can cut them all: a browser's
    spare (pre-connected) socket must not outlive a 'stopped' server."""

    allow_reuse_address = True
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A reader who navigates away aborts the download: not a server error.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)

    def __init__(self, *args, **kwargs):
        self.open_sockets = set()
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        self.open_sockets.discard(request)
        super().shutdown_request(request)

    def cut_connections(self):
        for sock in list(self.open_sockets):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class ServerState:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.failed = []  # (address, status) the server answered with an error
        self.faults = {}
        self.files = {}
        self.released = threading.Event()
        self.delays_finished = 0

    def reset(self):
        self.released.set()  # let hung requests finish
        with self.lock:
            self.requests.clear()
            self.failed.clear()
            self.faults.clear()
            self.delays_finished = 0
        self.released = threading.Event()


def start_proxy(state, upstream_port, port=0):
    server = TrackingServer(("127.0.0.1", port), FaultyHandler)
    server.state = state
    server.upstream_port = upstream_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class ReaderTestCase(unittest.TestCase):
    """One server and one browser for the class; clean storage and faults per test.

    `server_kind` names the real server behind the fault proxy: "site" (`make
    serve`) by default; a subclass with "nginx" runs the same tests on nginx.
    """

    server_kind = "site"
    # The browser engine: "chromium" (Playwright, browser.py), or "firefox"
    # or "webkit" (Selenium, engines.py).
    engine = "chromium"
    # The built site served: `make build`'s, unless a class builds its own.
    dist = DIST

    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(os.path.join(cls.dist, "index.html")):
            raise unittest.SkipTest(f"{cls.dist} is missing: run `make build` (make test does)")
        cls.driver = cls.start_browser()
        cls.upstream = SERVERS[cls.server_kind](dist=cls.dist).start()
        cls.state = ServerState()
        cls.server = start_proxy(cls.state, cls.upstream.port)
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.b = cls.driver.session()
        cls.main_window = cls.b.window

    @classmethod
    def start_browser(cls):
        if cls.engine == "chromium":
            return Browser()
        try:
            from . import engines

            missing = engines.missing()
        except ImportError as e:  # Selenium
            missing = f"{e}: `make setup` installs Selenium"
        if missing:
            # `make test` requires them (make setup installs them); a run by
            # hand skips, saying what is missing.
            if os.environ.get("BANTIN_ENGINES") == "required":
                raise RuntimeError(missing)
            raise unittest.SkipTest(missing)
        return engines.Browser(cls.engine)

    @classmethod
    def tearDownClass(cls):
        cls.state.released.set()
        try:
            cls.b.quit()
        finally:
            cls.driver.stop()
            cls.server.shutdown()
            cls.server.server_close()
            cls.upstream.stop()

    def restart_server(self):
        """Stops the proxy (the browser then meets 'connection refused') and
        returns a function that starts it again on the same port."""
        port = self.server.server_address[1]
        self.server.shutdown()
        self.server.server_close()
        self.server.cut_connections()

        def start_again():
            type(self).server = start_proxy(self.state, self.upstream.port, port)

        return start_again

    def setUp(self):
        self.state.reset()
        if os.path.isfile(os.path.join(DIST, "articles", f"{SEED_SLUG}.json")):
            self.state.files[TEST_JSON] = Fault(body=json.dumps(seed_as(TEST_SLUG), ensure_ascii=False))
        if self.engine != "chromium":
            # Firefox and WebKit: a new browser with a new profile for each
            # test, which starts in a second and keeps nothing (WebKit's
            # unregistering of a worker can hang past WebDriver's limit).
            type(self).b.quit()
            type(self).b = self.driver.session()
            type(self).main_window = self.b.window
            return
        self.b.close_other_windows(self.main_window)
        # Clear storage on our origin (the test starts from a clean slate).
        self.b.get(self.base + "/robots.txt")  # a plain text file on our origin: no app runs
        self.b.js("localStorage.clear()")
        # ... and no service worker or saved copies from an earlier test.
        self.b.js_async(
            "const done = arguments[arguments.length - 1];"
            "Promise.all([navigator.serviceWorker.getRegistrations().then(rs => Promise.all(rs.map(r => r.unregister()))),"
            " caches.keys().then(ks => Promise.all(ks.map(k => caches.delete(k))))]).then(() => done(true), e => done(String(e)));"
        )
        self.b.browser_log()  # drop earlier console output
        self.b.network_events()

    def tearDown(self):
        self.assert_no_crash()

    # --- helpers ---

    def phone(self, width, height):
        """From here on, the test's browser is a phone of that screen: a fresh
        profile, DPR 2, a mobile viewport (no scrollbar taking room), touch."""
        self.b = phone = self.driver.session(viewport={"width": width, "height": height}, device_scale_factor=2,
                                             is_mobile=True, has_touch=True)
        self.addCleanup(phone.quit)
        self.addCleanup(self.__dict__.pop, "b", None)
        self.b.get(self.base + "/robots.txt")  # our origin, for its storage

    def open(self, path):
        """Loads `path` and, on a pre-rendered page, waits until the app has
        taken over (before that, the buttons are not yet live)."""
        self.b.get(self.base + path)
        self.wait_for_app()

    def reload(self):
        """Reloads and, like `open`, waits for the app to take over."""
        self.b.refresh()
        self.wait_for_app()

    def wait_for_app(self):
        self.wait_for(lambda: self.b.js("return !document.body.hasAttribute('data-prerendered')"), "the app to take over", timeout=20)

    def open_without_app(self, path):
        """Loads `path` with the WASM withheld (and not cached), so only what
        index.html's inline script does can show. Returns a function that lifts
        the block."""
        wasm = self.wasm_path()
        self.no_http_cache()
        self.fault(wasm, status=404)
        self.b.get(self.base + path)

        def lift():
            with self.state.lock:
                self.state.faults.pop(wasm, None)
            self.b.browser_log()  # the withheld WASM's load error was expected

        return lift

    def no_http_cache(self):
        """Every request of this test goes to the server (through the fault proxy)."""
        self.b.cdp("Network.enable")
        self.b.cdp("Network.setCacheDisabled", {"cacheDisabled": True})
        self.addCleanup(self.b.cdp, "Network.setCacheDisabled", {"cacheDisabled": False})

    @staticmethod
    def wasm_path(page="index.html"):
        """The address of the WASM a built page loads: a pre-rendered page's
        (index.html, the home page) is the islands'; the shell's
        (shell.html) the whole app's."""
        return names.loaded_wasm(page)

    def wait_for_worker(self, timeout=10):
        """Until the service worker controls the page."""
        self.wait_for(lambda: self.b.js("return !!navigator.serviceWorker.controller"),
                      "the service worker to take control", timeout=timeout)

    def cached(self, path):
        """Whether the worker's caches hold `path` (or the error, as text)."""
        return self.b.js_async(
            "const done = arguments[arguments.length - 1];"
            "caches.match(arguments[0]).then(r => done(!!r), e => done(String(e)));",
            path,
        )

    def stored(self, key):
        """What the page's localStorage holds under `key` (None: nothing)."""
        return self.b.js("return localStorage.getItem(arguments[0])", key)

    def store(self, key, value):
        """Writes `value` under `key` in the page's localStorage, as another tab might."""
        self.b.js("localStorage.setItem(arguments[0], arguments[1])", key, value)

    def seed_then_list_in_a_second_tab(self):
        """Opens the seed article, then the list in a new tab, which stays the
        current one. Returns the first tab, for checking that it follows."""
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()
        first = self.b.window
        self.b.switch_to(self.b.new_tab())
        self.open("/")
        self.wait_text(L.ARTICLE_LINKS, seed_as(SEED_SLUG)["title"])
        return first

    def fault(self, path, **kw):
        with self.state.lock:
            self.state.faults[path] = Fault(**kw)

    def list_test_article(self, title="Bài thử nghiệm"):
        """Makes the list show the test article (as `title`) beside the seed."""
        entries = [
            {"slug": SEED_SLUG, "title": seed_as(SEED_SLUG)["title"], "published": "2020-08-21"},
            {"slug": TEST_SLUG, "title": title, "published": "2020-08-20"},
        ]
        self.list_from_the_app(entries)

    def list_from_the_app(self, entries=None, **fault):
        """Makes the home page the app's own, not pre-rendered: `/` answers
        with the shell, and the app loads the home page's data file, which holds
        `entries` (one page) or answers with `fault`."""
        self.fault("/", serve="/shell.html")
        if entries is not None:
            fault = dict(body=json.dumps(list_page(entries), ensure_ascii=False))
        if fault:
            self.fault(list_json(), **fault)

    def requested(self, path):
        with self.state.lock:
            return path in self.state.requests

    def wait_text(self, css, text, timeout=10):
        return wait_for(lambda: self.b.by_text(css, text), timeout, f"{css} with text {text!r}")

    def wait_for(self, condition, message, timeout=10):
        return wait_for(condition, timeout, message)

    def h1(self):
        return wait_for(lambda: self.b.find(L.HEADLINE).text, 10, "an h1")

    def shown_size(self):
        return self.b.find(L.SIZE_LABEL).text

    def root_scale(self):
        return self.b.js("return document.documentElement.style.getPropertyValue(arguments[0])", names.size()["property"])

    def assert_no_console_errors(self):
        """Nothing in the console at the error level since the last look
        (each with its source: a resource that failed names its address)."""
        errors = [(e["message"], e.get("url", "")) for e in self.b.browser_log() if e["level"] == "SEVERE"]
        with self.state.lock:
            failed = list(self.state.failed)
        self.assertEqual(errors, [], f"the server's error answers in this test: {failed}")

    def assert_no_crash(self):
        """No panic, no uncaught error, and the app still answers: the 'Trang chủ' link works."""
        log = self.b.browser_log()
        fatal = [
            e["message"]
            for e in log
            if e.get("level") == "SEVERE"
            and any(word in e["message"] for word in ("panicked", "RuntimeError", "Uncaught", "Content Security Policy"))
        ]
        self.assertEqual(fatal, [], "the app crashed or broke its content policy")
        self.assertFalse(self.b.find_all("main." + names.crash_class()), "the app's crash message is shown")
        if self.b.find_all("a[href='/']"):
            self.b.by_text("header a", "Trang chủ").click()
            wait_for(lambda: self.b.find_all(L.ARTICLE_LIST) or self.b.find_all(L.LOAD_ERROR), 10, "the home page")
