"""Debian's Chromium, driven by Playwright for Python (PyPI, installed into
.tools/python by `make setup`; its own browser download is never used).

`Browser` is one Chromium process; `Session` is a fresh profile (a Playwright
browser context) with one current page, offering the few operations the tests
and the bench use. Chromium's flags are listed once, here.
"""

import contextlib
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.environ.get("BANTIN_PYTHON_TOOLS", os.path.join(ROOT, ".tools", "python")))

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As root, Chromium needs --no-sandbox; the rest keeps it off the network,
# which this machine does not reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
VIEWPORT = {"width": 1200, "height": 900}
# Network events the tests read (see Session.network_events).
NETWORK_EVENTS = ["Network.requestWillBeSent", "Network.loadingFailed", "Network.loadingFinished"]


class TimeoutError_(AssertionError):
    pass


# What `wait_for` treats as "not there yet" (engines.py adds WebDriver's).
RETRYABLE = [PlaywrightError, LookupError]


def wait_for(condition, timeout=10.0, message="condition", interval=0.05):
    """Polls `condition` until it returns a truthy value or the deadline passes."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except tuple(RETRYABLE) as e:  # not there yet
            last_error = e
        if time.monotonic() > deadline:
            raise TimeoutError_(f"timed out after {timeout}s waiting for {message}" + (f" (last error: {last_error})" if last_error else ""))
        time.sleep(interval)


class Browser:
    """Playwright, launching Debian's Chromium."""

    def __init__(self):
        self.playwright = sync_playwright().start()

    def session(self, **device):
        """A browser of its own; `device` as Playwright's context options
        (e.g. a phone's viewport, device_scale_factor, is_mobile, has_touch)."""
        return Session(self.playwright, **device)

    def stop(self):
        self.playwright.stop()


class Session:
    """A Chromium with a fresh profile of its own, and its current page (tab).

    A real profile, not an incognito-like context: the installability check
    and CDP's Browser.grantPermissions (clipboard) work on the default profile.
    """

    def __init__(self, playwright, extra_args=(), env=None, **device):
        """`extra_args`: Chromium's flags besides CHROMIUM_ARGS; `env`: its
        environment (None: this process's)."""
        self.profile = tempfile.mkdtemp(prefix="bantin-chromium-")
        self.context = playwright.chromium.launch_persistent_context(
            self.profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + list(extra_args), env=env,
            **{"viewport": VIEWPORT, **device}
        )
        self.context.set_default_timeout(10_000)
        self.context.set_default_navigation_timeout(30_000)
        self._log, self._network, self._cdp = [], None, {}
        self.context.on("page", self._watch)
        for page in self.context.pages:  # the profile opens with one tab
            self._watch(page)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()

    # --- pages ---

    def _watch(self, page):
        def console(message):
            level = {"error": "SEVERE", "warning": "WARNING"}.get(message.type, "INFO")
            # The message's source: for "Failed to load resource", the
            # address that failed.
            where = (message.location or {}).get("url", "")
            self._log.append({"level": level, "message": message.text, "url": where, "page": page})

        page.on("console", console)
        page.on("pageerror", lambda error: self._log.append({"level": "SEVERE", "message": f"Uncaught {error}", "page": page}))
        self._cdp[page] = self.context.new_cdp_session(page)
        if self._network is not None:
            self._listen(page)

    def _listen(self, page):
        cdp = self._cdp[page]
        cdp.send("Network.enable")
        for name in NETWORK_EVENTS:
            cdp.on(name, lambda params, name=name: self._network.append({"method": name, "params": params}))

    def get(self, url):
        self.page.goto(url, wait_until="load")

    def back(self):
        self.page.go_back(wait_until="load")

    def forward(self):
        self.page.go_forward(wait_until="load")

    def refresh(self):
        self.page.reload(wait_until="load")

    @property
    def current_url(self):
        return self.page.url

    @property
    def title(self):
        return self.page.title()

    def resize(self, width, height):
        self.page.set_viewport_size({"width": width, "height": height})

    # --- scripts ---

    @staticmethod
    def _args(args):
        return [a.handle if isinstance(a, Element) else a for a in args]

    def _result(self, handle):
        element = handle.as_element()
        if element is not None:
            return Element(self, element)
        value = handle.json_value()
        handle.dispose()
        return value

    def js(self, script, *args):
        """Runs `script` as a function body (`arguments` are the args; `return` gives the result)."""
        handle = self.page.evaluate_handle(f"(args) => (function() {{ {script}\n}}).apply(null, args)", self._args(args))
        return self._result(handle)

    def js_async(self, script, *args):
        """Runs `script`; it finishes by calling arguments[arguments.length - 1](value)."""
        return self.page.evaluate(
            f"(args) => new Promise(done => (function() {{ {script}\n}}).apply(null, [...args, done]))", self._args(args)
        )

    def cdp(self, cmd, params=None):
        return self._cdp[self.page].send(cmd, params or {})

    @contextlib.contextmanager
    def on_every_page(self, source):
        """Runs `source` first in every document loaded inside the block."""
        self.cdp("Page.enable")
        script = self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        try:
            yield
        finally:
            self.cdp("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})

    # --- elements ---

    def find(self, css):
        handle = self.page.query_selector(css)
        if handle is None:
            raise LookupError(f"no element matches {css!r}")
        return Element(self, handle)

    def find_all(self, css):
        return [Element(self, h) for h in self.page.query_selector_all(css)]

    def by_text(self, css, text):
        """The first element matching `css` whose visible text is exactly `text`."""
        for el in self.find_all(css):
            if el.text == text:
                return el
        raise LookupError(f"no {css!r} with text {text!r}")

    def button(self, name):
        """A button by its accessible name, as Chromium computes it."""
        found = self.page.get_by_role("button", name=name, exact=True)
        if found.count() == 0:
            raise LookupError(f"no button named {name!r}")
        return Element(self, found.first.element_handle())

    def keys(self, *keys):
        """Presses each key in turn, by its name: "Tab", "Escape", "ArrowDown", "l", "+" …"""
        for key in keys:
            self.page.keyboard.press(key)

    def press_with(self, modifier, key):
        """`key` while holding `modifier` (e.g. "Control", "=")."""
        self.page.keyboard.press(f"{modifier}+{key}")

    def hover(self, element):
        element.handle.hover()

    # --- tabs ---

    def new_tab(self):
        return self.context.new_page()

    @property
    def window(self):
        return self.page

    def switch_to(self, page):
        self.page = page
        page.bring_to_front()

    def close_other_windows(self, keep):
        for page in list(self.context.pages):
            if page is not keep:
                self._cdp.pop(page, None)
                page.close()
        self.switch_to(keep)

    # --- logs ---

    def browser_log(self):
        """Console messages and uncaught errors of the current page since the last call."""
        mine = [e for e in self._log if e["page"] is self.page]
        self._log = [e for e in self._log if e["page"] is not self.page]
        return mine

    def network_events(self):
        """DevTools Network events since the last call. The first call starts
        listening (so pages that never ask, like the bench's, pay nothing)."""
        if self._network is None:
            self._network = []
            for page in self._cdp:
                self._listen(page)
            return []
        events, self._network[:] = list(self._network), []
        return events

    def screenshot(self, path):
        self.page.screenshot(path=path)

    def quit(self):
        try:
            self.context.close()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


class Element:
    def __init__(self, session, handle):
        self.s = session
        self.handle = handle

    def __eq__(self, other):
        return isinstance(other, Element) and self.s.page.evaluate("([a, b]) => a === b", [self.handle, other.handle])

    @property
    def text(self):
        return self.handle.inner_text()

    def attr(self, name):
        return self.handle.get_attribute(name)

    def prop(self, name):
        return self.handle.evaluate("(e, name) => e[name]", name)

    @property
    def enabled(self):
        return self.handle.is_enabled()

    def click(self):
        # As a reader's click: no waiting for the element to become enabled
        # or stable (a disabled button simply does nothing).
        self.handle.click(force=True)

    def css(self, name):
        return self.handle.evaluate("(e, name) => getComputedStyle(e).getPropertyValue(name)", name)
