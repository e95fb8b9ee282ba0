"""A small W3C WebDriver client over the standard library, for Debian's
chromedriver + headless Chromium. No pip packages, nothing downloaded."""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
CHROME_ARGS = [
    "--headless=new",
    "--no-sandbox",  # we run as root in CI
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--window-size=1200,900",
]


TAB = "\ue004"
SHIFT = "\ue008"
ENTER = "\ue007"


class WebDriverError(RuntimeError):
    pass


class TimeoutError_(AssertionError):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout=10.0, message="condition", interval=0.05):
    """Polls `condition` until it returns a truthy value or the deadline passes."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except (WebDriverError, LookupError) as e:  # element not there yet
            last_error = e
        if time.monotonic() > deadline:
            raise TimeoutError_(f"timed out after {timeout}s waiting for {message}" + (f" (last error: {last_error})" if last_error else ""))
        time.sleep(interval)


class Driver:
    """One chromedriver process."""

    def __init__(self, binary=None):
        binary = binary or os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
        if not shutil.which(binary):
            raise RuntimeError(f"{binary} not found: run `make setup`")
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="chromedriver-", suffix=".log", delete=False)
        self.process = subprocess.Popen([binary, f"--port={self.port}"], stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        wait_for(self._ready, timeout=20, message="chromedriver to start")

    def _ready(self):
        try:
            with urllib.request.urlopen(self.url + "/status", timeout=2) as r:
                return json.load(r)["value"]["ready"]
        except (OSError, ValueError, KeyError):
            return False

    def session(self):
        return Session(self)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Session:
    def __init__(self, driver):
        self.base = driver.url
        self.profile = tempfile.mkdtemp(prefix="bantin-chromium-")
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                        "args": CHROME_ARGS + [f"--user-data-dir={self.profile}"],
                    },
                    "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
                    "timeouts": {"pageLoad": 30000, "script": 30000},
                }
            }
        }
        value = self._call("POST", "/session", caps)
        self.id = value["sessionId"]

    # --- transport ---

    def _call(self, method, path, body=None):
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.load(r)["value"]
        except urllib.error.HTTPError as e:
            try:
                err = json.load(e)["value"]
                raise WebDriverError(f"{err.get('error')}: {err.get('message', '').splitlines()[0]}") from None
            except (ValueError, KeyError):
                raise WebDriverError(str(e)) from None

    def _s(self, method, path, body=None):
        return self._call(method, f"/session/{self.id}{path}", body)

    # --- navigation ---

    def get(self, url):
        self._s("POST", "/url", {"url": url})

    def back(self):
        self._s("POST", "/back")

    def forward(self):
        self._s("POST", "/forward")

    def refresh(self):
        self._s("POST", "/refresh")

    @property
    def current_url(self):
        return self._s("GET", "/url")

    @property
    def title(self):
        return self._s("GET", "/title")

    # --- scripts ---

    def js(self, script, *args):
        return self._s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def js_async(self, script, *args):
        """Runs `script`; it finishes by calling arguments[arguments.length - 1](value)."""
        return self._s("POST", "/execute/async", {"script": script, "args": list(args)})

    def cdp(self, cmd, params=None):
        return self._s("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params or {}})

    @contextlib.contextmanager
    def on_every_page(self, source):
        """Runs `source` first in every document loaded inside the block."""
        script = self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        try:
            yield
        finally:
            self.cdp("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})

    # --- elements ---

    def find(self, css):
        els = self.find_all(css)
        if not els:
            raise LookupError(f"no element matches {css!r}")
        return els[0]

    def find_all(self, css):
        found = self._s("POST", "/elements", {"using": "css selector", "value": css})
        return [Element(self, e[ELEMENT]) for e in found]

    def by_text(self, css, text):
        """The first element matching `css` whose visible text is exactly `text`."""
        for el in self.find_all(css):
            if el.text == text:
                return el
        raise LookupError(f"no {css!r} with text {text!r}")

    def button(self, name):
        """A button by its accessible name, as Chromium computes it."""
        for el in self.find_all("button"):
            if el.label == name:
                return el
        raise LookupError(f"no button named {name!r}")

    def keys(self, *keys):
        """Presses and releases each key in turn (WebDriver key codes, e.g. TAB)."""
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self._s("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    # --- windows ---

    def new_tab(self):
        handle = self._s("POST", "/window/new", {"type": "tab"})["handle"]
        return handle

    @property
    def window(self):
        return self._s("GET", "/window")

    def switch_to(self, handle):
        self._s("POST", "/window", {"handle": handle})

    def close_other_windows(self, keep):
        for handle in self._s("GET", "/window/handles"):
            if handle != keep:
                self.switch_to(handle)
                self._s("DELETE", "/window")
        self.switch_to(keep)

    # --- logs ---

    def browser_log(self):
        """Console messages since the last call (chromedriver's legacy log endpoint)."""
        return self._s("POST", "/se/log", {"type": "browser"})

    def network_events(self):
        """DevTools Network.* events since the last call (chromedriver's performance log)."""
        events = []
        for entry in self._s("POST", "/se/log", {"type": "performance"}):
            message = json.loads(entry["message"])["message"]
            if message["method"].startswith("Network."):
                events.append(message)
        return events

    def screenshot(self, path):
        import base64

        with open(path, "wb") as f:
            f.write(base64.b64decode(self._s("GET", "/screenshot")))

    def quit(self):
        try:
            self._s("DELETE", "")
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


class Element:
    def __init__(self, session, id_):
        self.s = session
        self.id = id_

    def _e(self, method, path, body=None):
        return self.s._s(method, f"/element/{self.id}{path}", body)

    @property
    def text(self):
        return self._e("GET", "/text")

    def attr(self, name):
        return self._e("GET", f"/attribute/{name}")

    def prop(self, name):
        return self._e("GET", f"/property/{name}")

    @property
    def label(self):
        """The accessible name (WebDriver's Get Computed Label)."""
        return self._e("GET", "/computedlabel")

    @property
    def enabled(self):
        return self._e("GET", "/enabled")

    def click(self):
        self._e("POST", "/click")

    def css(self, name):
        return self._e("GET", f"/css/{name}")
