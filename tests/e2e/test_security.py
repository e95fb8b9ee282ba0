"""The release build's Content-Security-Policy, checked in the browser."""

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
