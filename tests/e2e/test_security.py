"""The release build's Content-Security-Policy, checked in the browser."""

from . import locators as L
from .harness import SEED_SLUG, ReaderTestCase


class ContentSecurityPolicyTest(ReaderTestCase):
    def policy(self):
        return self.b.js(
            "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content || ''"
        )

    def test_the_page_ships_a_strict_policy_and_runs_under_it(self):
        self.open(f"/articles/{SEED_SLUG}")
        self.h1()  # the app started: its loader and the no-flash script are allowed
        policy = self.policy()
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        self.assertIn("'wasm-unsafe-eval'", script_src)
        self.assertNotIn("'unsafe-inline'", script_src)
        self.assertNotIn("'unsafe-eval'", script_src)
        self.assertEqual(script_src.count("'sha256-"), 2, "the no-flash script and Trunk's loader")
        self.assertIn("default-src 'none'", policy)

    def test_an_injected_inline_script_is_refused(self):
        self.open("/")
        self.h1()
        self.b.js(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
            "const s = document.createElement('script');"
            "s.textContent = 'window.__pwned = true';"
            "document.body.appendChild(s);"
            "const i = document.createElement('img');"
            "i.setAttribute('src', 'x'); i.setAttribute('onerror', 'window.__pwned = true');"
            "document.body.appendChild(i);"
        )
        self.wait_for(lambda: len(self.b.js("return window.__violations")) >= 2, "two violation reports")
        self.assertIsNone(self.b.js("return window.__pwned ?? null"), "neither script ran")
        self.b.browser_log()  # the refusals were the point


class FramingTest(ReaderTestCase):
    def test_no_page_can_be_framed(self):
        """frame-ancestors works only as an HTTP header: the server must send it.
        Even a page of our own origin cannot frame the article (clickjacking)."""
        # A same-origin parent without a policy of its own (ours forbids any
        # frame), served by the test proxy: if the article could be framed, the
        # parent could read it.
        parent = "/framing-test.html"
        self.fault(
            parent,
            body=f'<!doctype html><iframe src="/articles/{SEED_SLUG}" onload="window.__loaded = true"></iframe>',
            content_type="text/html; charset=utf-8",
        )
        self.b.get(self.base + parent)
        self.wait_for(lambda: self.b.js("return window.__loaded === true"), "the frame to finish loading")
        framed = self.b.js(
            "const d = document.querySelector('iframe').contentDocument;"
            "return d ? d.location.href : null;"
        )
        self.assertIsNone(framed, "the article was rendered inside a frame")
        self.b.browser_log()  # the refusal was the point


class PanicPageTest(ReaderTestCase):
    """The release build aborts on a panic (a WebAssembly trap, no panic hook):
    the page's own script shows the message, whether the trap came from an
    event the app handled or from one of its tasks."""

    def panic(self, later):
        self.open(f"/articles/{SEED_SLUG}#p-2")
        self.h1()
        self.wait_for(lambda: self.b.js("return !!(window.wasmBindings && window.wasmBindings.bantin_selftest_panic)"), "the app")
        # Uncaught, as a bug in an event handler or a loader would be.
        self.b.js(f"setTimeout(() => window.wasmBindings.bantin_selftest_panic({'true' if later else 'false'}), 0)")
        self.wait_text("[role=alert] h1", "Đã xảy ra lỗi")
        self.assertEqual(self.b.find_all(".article"), [], "the frozen page is gone")
        self.assertIn("tải lại trang", self.b.find("[role=alert] p").text)
        log = self.b.browser_log()
        self.assertTrue(any("bantin: the app stopped" in e["message"] for e in log), log)
        self.assertEqual(len(self.b.find_all("[role=alert]")), 1, "one message")
        self.b.by_text("[role=alert] a", "Tải lại trang").click()
        self.wait_for(lambda: self.b.find_all(L.ARTICLE_HEADLINE), "the reloaded article")
        self.assertEqual(self.b.find_all("[role=alert]"), [], "reloaded into a working app")

    def test_a_panic_in_an_event_leaves_a_message_and_a_way_to_reload(self):
        self.panic(later=False)

    def test_a_panic_in_a_task_leaves_a_message_and_a_way_to_reload(self):
        self.panic(later=True)
