"""Lighthouse (12.2.3, from npm into .tools/ by `make setup`) on Debian's
Chromium against `make serve`'s server: SEO, accessibility and best practices
score 100 on an article and on the home page. Performance is timing, so it is
measured in `make bench`, not asserted here."""

import json
import os
import subprocess
import tempfile
import unittest

from .browser import CHROMIUM
from .harness import ROOT, SEED_SLUG
from .servers import DIST, SiteServer

LIGHTHOUSE = os.path.join(os.environ.get("BANTIN_TOOLS_DIR", os.path.join(ROOT, ".tools")), "lighthouse", "node_modules", ".bin", "lighthouse")
CATEGORIES = ["seo", "accessibility", "best-practices"]


class LighthouseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(os.path.join(DIST, "index.html")):
            raise unittest.SkipTest("dist/ is missing: run `make build` (make test does)")
        if not os.access(LIGHTHOUSE, os.X_OK):
            raise AssertionError(f"{LIGHTHOUSE} is missing: `make setup` installs it")
        cls.server = SiteServer(DIST).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def scores(self, path):
        """The categories' scores, and the title of every audit that lost points."""
        with tempfile.TemporaryDirectory() as out:
            report = os.path.join(out, "report.json")
            subprocess.run(
                [LIGHTHOUSE, self.server.base + path, "--quiet", f"--only-categories={','.join(CATEGORIES)}",
                 "--output=json", f"--output-path={report}",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=240, capture_output=True,
            )
            with open(report, encoding="utf-8") as f:
                r = json.load(f)
        scores = {k: v["score"] for k, v in r["categories"].items()}
        lost = [
            f"{name}: {r['audits'][ref['id']]['title']}"
            for name, cat in r["categories"].items()
            for ref in cat["auditRefs"]
            if ref["weight"] > 0 and (r["audits"][ref["id"]].get("score") or 1) < 1
        ]
        return scores, lost

    def test_an_article_scores_100(self):
        scores, lost = self.scores(f"/articles/{SEED_SLUG}")
        self.assertEqual(scores, dict.fromkeys(CATEGORIES, 1), lost)

    def test_the_home_page_scores_100(self):
        scores, lost = self.scores("/")
        self.assertEqual(scores, dict.fromkeys(CATEGORIES, 1), lost)
