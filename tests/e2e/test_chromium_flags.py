"""One list of Chromium flags: the browser tests' webdriver.json (read by
wasm-bindgen-test-runner through chromedriver) must launch Chromium exactly as
tests/e2e/browser.py does, headless aside."""

import json
import os
import unittest

from .browser import CHROMIUM, CHROMIUM_ARGS, ROOT


class ChromiumFlagsTest(unittest.TestCase):
    def test_the_browser_tests_launch_chromium_like_the_end_to_end_tests(self):
        with open(os.path.join(ROOT, "webdriver.json"), encoding="utf-8") as f:
            options = json.load(f)["goog:chromeOptions"]
        self.assertEqual(options["binary"], CHROMIUM)
        self.assertEqual([a for a in options["args"] if a != "--headless=new"], CHROMIUM_ARGS)
