"""Publishing into an archive: a build reuses what it made before (the
photos' copies, every .br and .gz, by the bytes they are of, the search
index's full parts, by their articles), and `make build FRESH=1`, which
reuses nothing, makes the same site byte for byte."""

import filecmp
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from .archive import SITE, TRUNK
from .servers import DIST


def tree(root):
    """Every file under `root`, by its path inside it."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = path
    return found


class IncrementalBuildTest(unittest.TestCase):
    def setUp(self):
        if not (os.path.isdir(TRUNK) and os.path.isfile(SITE) and os.path.isfile(os.path.join(DIST, "index.html"))):
            self.skipTest("target/trunk or the site program is missing: run `make build` (make test does)")
        self.folder = tempfile.mkdtemp(prefix="bantin-incremental-")
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.content = os.path.join(self.folder, "content")
        subprocess.run([SITE, "generate", self.content, "40", "--photos", "2", "--photo-width", "800"],
                       check=True, stdout=subprocess.DEVNULL)

    def build(self, name, fresh=False, stylesheet_end="", previous=None):
        """`site build` of the content into `name`, as `make build` runs it,
        with the folder's caches (none with `fresh`), from the tree of the
        build `previous` (`site stage`) or from nothing; its step lines.
        `stylesheet_end` is added to the app's stylesheet first, as a
        change of the app would."""
        dist = os.path.join(self.folder, name)
        stage = [SITE, "stage", TRUNK, dist] + ([os.path.join(self.folder, previous)] if previous else [])
        subprocess.run(stage, check=True, stdout=subprocess.DEVNULL)
        if stylesheet_end:
            [css] = [n for n in os.listdir(dist) if n.startswith("main-") and n.endswith(".css")]
            with open(os.path.join(dist, css), "a", encoding="utf-8") as f:
                f.write(stylesheet_end)
        env = dict(os.environ, SITE_URL="http://127.0.0.1", CONTENT=self.content, STRICT="1", SEARCH_SHARD="20",
                    PHOTO_CACHE=os.path.join(self.folder, "photo-cache"),
                    COMPRESS_CACHE=os.path.join(self.folder, "compress-cache"),
                    SEARCH_CACHE=os.path.join(self.folder, "search-cache"),
                    PAGE_CACHE=os.path.join(self.folder, "page-cache"), FRESH="1" if fresh else "")
        start = time.monotonic()
        out = subprocess.run([SITE, "build", dist], check=True, env=env, capture_output=True, text=True).stdout
        return dist, out, time.monotonic() - start

    def publish_one(self):
        """A new article, the newest, as the newsroom would add it."""
        names = sorted(n for n in os.listdir(self.content) if n.endswith(".json") and n != "index.json")
        with open(os.path.join(self.content, names[0]), encoding="utf-8") as f:
            article = json.load(f)
        article.update(slug="bai-moi-nhat", title="Bài mới nhất: khai mạc lễ hội Lồng Tồng", published="2030-01-01")
        with open(os.path.join(self.content, "bai-moi-nhat.json"), "w", encoding="utf-8") as f:
            json.dump(article, f, ensure_ascii=False)

    def test_a_build_reusing_the_last_ones_work_equals_a_fresh_one_byte_for_byte(self):
        self.build("first")  # fills the caches
        self.publish_one()
        again, log, _ = self.build("again")
        fresh, _, _ = self.build("fresh", fresh=True)
        self.assertIn("0 made", log, "the photos' copies come from the cache")
        self.assertIn("42 of them from the cache", log,
                      "every page but the new article's and the home page's is the last build's: "
                      "40 article pages and the two full list pages")
        self.assertIn("3 part(s) (2 full one(s) from the cache, 1 in the open one)", log,
                      "the search index's full parts come from the cache, the second one too (the first build's "
                      "open part, which its 40 articles had just filled): only the new article is indexed")
        a, b = tree(again), tree(fresh)
        self.assertEqual(sorted(a), sorted(b), "the same files")
        differ = [name for name in a if not filecmp.cmp(a[name], b[name], shallow=False)]
        self.assertEqual(differ, [], "the same bytes")
        self.assertIn("articles/bai-moi-nhat.html.br", a, "the new article, compressed")

    def test_a_build_on_the_previous_builds_tree_equals_a_fresh_one_byte_for_byte(self):
        first, _, _ = self.build("first")
        kept = os.path.join(first, "articles", sorted(n for n in os.listdir(os.path.join(first, "articles"))
                                                      if n.endswith(".html"))[-1])
        kept_inode = os.stat(kept).st_ino
        # The newsroom publishes one, takes one down and corrects one.
        self.publish_one()
        articles = sorted(n for n in os.listdir(self.content) if n.endswith(".json") and n != "bai-moi-nhat.json")
        os.remove(os.path.join(self.content, articles[0]))
        with open(os.path.join(self.content, articles[1]), encoding="utf-8") as f:
            corrected = json.load(f)
        corrected["title"] += " (đã sửa)"
        with open(os.path.join(self.content, articles[1]), "w", encoding="utf-8") as f:
            json.dump(corrected, f, ensure_ascii=False)
        again, log, _ = self.build("again", previous="first")
        self.assertFalse(os.path.exists(first), "the previous tree became the new build's")
        fresh, _, _ = self.build("fresh", fresh=True)
        a, b = tree(again), tree(fresh)
        self.assertEqual(sorted(set(a) - set(b)), [], "nothing of the previous build left over")
        self.assertEqual(sorted(set(b) - set(a)), [], "nothing missing")
        differ = [name for name in a if not filecmp.cmp(a[name], b[name], shallow=False)]
        self.assertEqual(differ, [], "the same bytes")
        self.assertNotIn(f"articles/{articles[0][:-5]}.html", a, "the article taken down is gone")
        self.assertEqual(os.stat(os.path.join(again, os.path.relpath(kept, first))).st_ino, kept_inode,
                         "an unchanged page is left where it was, not made again")

    def test_a_change_of_the_app_makes_every_page_again(self):
        self.build("first")
        changed, log, _ = self.build("changed", stylesheet_end=".bantin-test-change{color:red}")
        self.assertIn("0 of them from the cache", log)
        with open(os.path.join(changed, "trang", "1.html"), encoding="utf-8") as f:
            self.assertIn(".bantin-test-change{color:red}", f.read(), "the page has the new stylesheet inline")

    def test_fresh_reads_and_writes_no_cache(self):
        self.build("fresh", fresh=True)
        for cache in ["photo-cache", "compress-cache", "search-cache", "page-cache"]:
            self.assertFalse(os.path.exists(os.path.join(self.folder, cache)), cache)


if __name__ == "__main__":
    unittest.main()
