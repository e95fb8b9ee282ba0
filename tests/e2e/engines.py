"""Firefox ESR and WebKitGTK from Debian, driven by Selenium (PyPI, in
.tools/python) through their own WebDriver servers: geckodriver (built by
`make setup` with `cargo install --locked`) and Debian's WebKitWebDriver with
its MiniBrowser. Selenium is always given the driver's path, so its manager
never tries to download one. WebKitGTK has no headless mode: it runs in an
Xvfb display of its own, started here.

`Browser(engine)` and its `Session` offer the operations of browser.py's
Chromium session that the cross-engine tests use, with the same meaning, so
the same test code runs in each engine. What WebDriver cannot do here
(DevTools: network conditions, the HTTP cache, init scripts) raises
`Unsupported`.

Console errors: Firefox reports them through WebDriver BiDi. WebKitWebDriver
has no BiDi, so the session collects them in the page: after each load it
listens for uncaught errors, rejections, content-policy violations and
`console.error`; an error thrown while the page loads is seen only through
what it does to the page (the app's crash message, `main.crash`, which the
harness's crash check looks for in every engine).
"""

import os
import shutil
import subprocess
import sys
import warnings

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.environ.get("BANTIN_PYTHON_TOOLS", os.path.join(ROOT, ".tools", "python")))

from selenium import webdriver  # noqa: E402
from . import browser as chromium  # noqa: E402
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("GECKODRIVER", shutil.which("geckodriver") or os.path.expanduser("~/.cargo/bin/geckodriver"))
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB = "Xvfb"
ENGINES = ("firefox", "webkit")
VIEWPORT = {"width": 1200, "height": 900}

# Key names as browser.py takes them (Playwright's), for WebDriver.
KEYS = {"Escape": Keys.ESCAPE, "Tab": Keys.TAB, "Enter": Keys.ENTER, "ArrowDown": Keys.ARROW_DOWN,
        "ArrowUp": Keys.ARROW_UP, "Control": Keys.CONTROL, "Shift": Keys.SHIFT, "Alt": Keys.ALT}

# WebKit's errors, collected in the page (see the module's docstring).
COLLECT_ERRORS = """
if (!window.__bantinErrors) {
  const errors = window.__bantinErrors = [];
  addEventListener('error', e => errors.push('Uncaught ' + (e.error || e.message)));
  addEventListener('unhandledrejection', e => errors.push('Uncaught (in promise) ' + e.reason));
  document.addEventListener('securitypolicyviolation',
    e => errors.push('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));
  const error = console.error.bind(console);
  console.error = (...args) => { errors.push(args.join(' ')); error(...args); };
}
"""


# Selenium's own WebKitGTK driver still passes its address the old way.
warnings.filterwarnings("ignore", message="setting remote_server_addr", category=DeprecationWarning)

# A script or element call made while a page is changing: not there yet.
chromium.RETRYABLE.append(WebDriverException)


class Unsupported(AssertionError):
    """What this engine's automation cannot do."""


def missing():
    """Why the engines cannot run here, or None."""
    needed = {"geckodriver": GECKODRIVER, "firefox-esr": FIREFOX, "WebKitWebDriver": WEBKIT_DRIVER, "MiniBrowser": MINIBROWSER}
    absent = [name for name, path in needed.items() if not (path and os.access(path, os.X_OK))]
    if not shutil.which(XVFB):
        absent.append(XVFB)
    return ", ".join(absent) + " missing: `make setup` installs them" if absent else None


class Display:
    """An Xvfb display for WebKitGTK, which has no headless mode."""

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            self.process.kill()
            raise RuntimeError("Xvfb did not start")
        self.name = ":" + number

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class Browser:
    """One engine: each session is a new browser process with a new profile."""

    def __init__(self, engine):
        assert engine in ENGINES, engine
        self.engine = engine
        self.display = Display() if engine == "webkit" else None

    def session(self):
        return Session(self)

    def stop(self):
        if self.display:
            self.display.stop()


class Session:
    def __init__(self, browser):
        self.engine = browser.engine
        self._log = []
        if self.engine == "firefox":
            options = webdriver.FirefoxOptions()
            options.binary_location = FIREFOX
            options.add_argument("-headless")
            options.enable_bidi = True
            # Quiet and offline: no updates, telemetry or first-run pages.
            for pref, value in {"app.update.enabled": False, "browser.shell.checkDefaultBrowser": False,
                                "datareporting.policy.dataSubmissionEnabled": False, "network.captive-portal-service.enabled": False,
                                "browser.safebrowsing.update.enabled": False}.items():
                options.set_preference(pref, value)
            service = webdriver.FirefoxService(executable_path=GECKODRIVER, log_output=subprocess.DEVNULL)
            self.driver = webdriver.Firefox(options=options, service=service)
            self.driver.script.add_console_message_handler(self._console)
            self.driver.script.add_javascript_error_handler(lambda e: self._log.append({"level": "SEVERE", "message": f"Uncaught {e.text}"}))
        else:
            options = webdriver.WebKitGTKOptions()
            options.binary_location = MINIBROWSER
            options.add_argument("--automation")
            env = dict(os.environ, DISPLAY=browser.display.name)
            service = webdriver.WebKitGTKService(executable_path=WEBKIT_DRIVER, log_output=subprocess.DEVNULL, env=env)
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(30)
        self.driver.set_page_load_timeout(30)
        self.resize(VIEWPORT["width"], VIEWPORT["height"])

    def _console(self, entry):
        if entry.level == "error":
            self._log.append({"level": "SEVERE", "message": entry.text})

    # --- pages ---

    def _loaded(self):
        if self.engine == "webkit":
            self.driver.execute_script(COLLECT_ERRORS)

    def get(self, url):
        self.driver.get(url)
        self._loaded()

    def back(self):
        self.driver.back()
        self._loaded()

    def forward(self):
        self.driver.forward()
        self._loaded()

    def refresh(self):
        self.driver.refresh()
        self._loaded()

    @property
    def current_url(self):
        return self.driver.current_url

    @property
    def title(self):
        return self.driver.title

    def resize(self, width, height):
        """The viewport at `width` × `height` CSS px (the window is sized to fit it)."""
        self.driver.set_window_size(width, height)
        inner = self.driver.execute_script("return [innerWidth, innerHeight]")
        self.driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])

    # --- scripts ---

    @staticmethod
    def _args(args):
        return [a.handle if isinstance(a, Element) else a for a in args]

    def _result(self, value):
        if isinstance(value, webdriver.remote.webelement.WebElement):
            return Element(self, value)
        if isinstance(value, list):
            return [self._result(v) for v in value]
        return value

    def js(self, script, *args):
        """Runs `script` as a function body (`arguments` are the args; `return` gives the result)."""
        return self._result(self.driver.execute_script(script, *self._args(args)))

    def js_async(self, script, *args):
        """Runs `script`; it finishes by calling arguments[arguments.length - 1](value)."""
        return self._result(self.driver.execute_async_script(script, *self._args(args)))

    def cdp(self, cmd, params=None):
        raise Unsupported(f"{self.engine}: no DevTools protocol ({cmd})")

    def on_every_page(self, source):
        raise Unsupported(f"{self.engine}: no init scripts through WebDriver")

    # --- elements ---

    def find(self, css):
        try:
            return Element(self, self.driver.find_element(By.CSS_SELECTOR, css))
        except NoSuchElementException:
            raise LookupError(f"no element matches {css!r}") from None

    def find_all(self, css):
        return [Element(self, e) for e in self.driver.find_elements(By.CSS_SELECTOR, css)]

    # The same search over this session's find_all.
    by_text = chromium.Session.by_text

    def button(self, name):
        """A button by its accessible name, as this engine computes it.
        (WebKitWebDriver fails to name some buttons, such as one that opens a
        popover: for those the name is its aria-label or its text.)"""
        for el in self.driver.find_elements(By.CSS_SELECTOR, "button, [role=button]"):
            try:
                try:
                    computed = el.accessible_name
                except StaleElementReferenceException:
                    raise
                except WebDriverException:
                    computed = self.driver.execute_script(
                        "const e = arguments[0]; return e.getAttribute('aria-label') || e.textContent.trim()", el)
                if computed == name:
                    return Element(self, el)
            except StaleElementReferenceException:
                continue
        raise LookupError(f"no button named {name!r}")

    def keys(self, *keys):
        """Presses each key in turn, by its name: "Tab", "Escape", "l", "+" …"""
        for key in keys:
            ActionChains(self.driver).send_keys(KEYS.get(key, key)).perform()

    def press_with(self, modifier, key):
        ActionChains(self.driver).key_down(KEYS[modifier]).send_keys(KEYS.get(key, key)).key_up(KEYS[modifier]).perform()

    def hover(self, element):
        ActionChains(self.driver).move_to_element(element.handle).perform()

    # --- tabs ---

    def new_tab(self):
        # In WebKit a window: MiniBrowser keeps a second tab hidden even once
        # switched to, and a hidden page's islands wait to start.
        here = self.driver.current_window_handle
        self.driver.switch_to.new_window("window" if self.engine == "webkit" else "tab")
        tab = self.driver.current_window_handle
        self.driver.switch_to.window(here)
        return tab

    @property
    def window(self):
        return self.driver.current_window_handle

    def switch_to(self, tab):
        self.driver.switch_to.window(tab)

    def close_other_windows(self, keep):
        for tab in self.driver.window_handles:
            if tab != keep:
                self.driver.switch_to.window(tab)
                self.driver.close()
        self.driver.switch_to.window(keep)

    # --- logs ---

    def browser_log(self):
        """Errors since the last call: Firefox's from BiDi, WebKit's from the page."""
        if self.engine == "webkit":
            try:
                found = self.driver.execute_script("const e = window.__bantinErrors || []; return e.splice(0, e.length)")
            except WebDriverException:
                found = []
            self._log += [{"level": "SEVERE", "message": m} for m in found]
        log, self._log = self._log, []
        return log

    def network_events(self):
        return []

    def screenshot(self, path):
        self.driver.save_screenshot(path)

    def quit(self):
        self.driver.quit()


class Element:
    def __init__(self, session, handle):
        self.s = session
        self.handle = handle

    def __eq__(self, other):
        return isinstance(other, Element) and self.handle == other.handle

    def _do(self, action):
        try:
            return action()
        except StaleElementReferenceException:
            raise LookupError("the element is gone") from None

    @property
    def text(self):
        return self._do(lambda: self.handle.text)

    def attr(self, name):
        # As written in the markup (WebKitWebDriver answers an href resolved).
        return self.s.js("return arguments[0].getAttribute(arguments[1])", self, name)

    def prop(self, name):
        return self._do(lambda: self.handle.get_property(name))

    @property
    def enabled(self):
        return self._do(self.handle.is_enabled)

    def click(self):
        self._do(self.handle.click)

    def css(self, name):
        return self.s.js("return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])", self, name)

