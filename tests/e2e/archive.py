"""The generated archive the list and search tests read: 45 articles from
`site generate` (a search index in two parts) unless a test class asks for
another, built from Trunk's output as `make build` does and served for the test
class."""

import json
import os
import shutil
import subprocess
import tempfile
import unicodedata
import unittest

from .harness import ROOT, ReaderTestCase
from .servers import DIST

TRUNK = os.path.join(ROOT, "target", "trunk")
SITE = os.path.join(ROOT, "target", "release", "site")
COUNT = 45


def build_archive(count, generate=(), shard=25):
    """A site of `count` generated articles (`generate`: more arguments for
    `site generate`, such as photos), its search index in parts of `shard`
    articles, built from Trunk's output as `make build` does, in a new
    temporary folder. Returns (folder, dist)."""
    folder = tempfile.mkdtemp(prefix="bantin-archive-")
    content, dist = os.path.join(folder, "content"), os.path.join(folder, "dist")
    subprocess.run([SITE, "generate", content, str(count), *generate], check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(TRUNK, dist)
    # The search index in parts (two of the 45 articles: the open part and
    # one full part, merged at once), as a very large archive's is: the
    # search tests then search across merged parts.
    env = dict(os.environ, SITE_URL="http://127.0.0.1", CONTENT=content, STRICT="1", SEARCH_SHARD=str(shard),
               PHOTO_CACHE=os.path.join(folder, "photo-cache"), COMPRESS_CACHE=os.path.join(folder, "compress-cache"),
               SEARCH_CACHE=os.path.join(folder, "search-cache"), PAGE_CACHE=os.path.join(folder, "page-cache"))
    subprocess.run([SITE, "build", dist], check=True, env=env, stdout=subprocess.DEVNULL)
    return folder, dist


def titles_in(content, newest_first):
    """The generated articles' titles, newest first (ties by title)."""
    articles = []
    for name in os.listdir(content):
        if not name.endswith(".json"):
            continue  # a folder of photos
        with open(os.path.join(content, name), encoding="utf-8") as f:
            a = json.load(f)
        articles.append((a["published"], a["title"], a["slug"]))
    articles.sort(key=lambda a: (a[1], a[2]))
    articles.sort(key=lambda a: a[0], reverse=True)
    return [t for _, t, _ in articles] if newest_first else articles


def fold(text):
    """The test's own folding, independent of the app's: no diacritics,
    đ as d, lowercase."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("đ", "d").replace("Đ", "D").lower()


def containing(content, *words):
    """The addresses of the generated articles whose title, lead or body
    has every one of `words` (folded) as a word."""
    found = set()
    for name in os.listdir(content):
        if not name.endswith(".json"):
            continue  # a folder of photos
        with open(os.path.join(content, name), encoding="utf-8") as f:
            a = json.load(f)
        text = " ".join([a["title"], a.get("lead", "")] + [b.get("text", "") for b in a["body"]])
        have = set("".join(c if c.isalnum() else " " for c in fold(text)).split())
        if all(fold(w) in have for w in words):
            found.add("/articles/" + a["slug"])
    return found


class ArchiveSite(ReaderTestCase):
    """The generated archive, built and served for the class: `archive_size`
    articles, `archive_generate` the further arguments of `site generate`,
    the search index in parts of `archive_shard`."""

    archive_size = COUNT
    archive_generate = ()
    archive_shard = 25

    @classmethod
    def setUpClass(cls):
        if not (os.path.isdir(TRUNK) and os.path.isfile(SITE) and os.path.isfile(os.path.join(DIST, "index.html"))):
            raise unittest.SkipTest("target/trunk or the site program is missing: run `make build` (make test does)")
        cls.folder, cls.dist = build_archive(cls.archive_size, cls.archive_generate, cls.archive_shard)
        cls.titles = titles_in(os.path.join(cls.folder, "content"), True)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            shutil.rmtree(cls.folder, ignore_errors=True)


def exactly(content, query):
    """The addresses of the generated articles that have every word of
    `query` as typed (its diacritics too; case aside)."""
    def words(text):
        text = unicodedata.normalize("NFC", text).lower()
        return set("".join(c if c.isalnum() else " " for c in text).split())

    wanted = words(query)
    found = set()
    for name in os.listdir(content):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(content, name), encoding="utf-8") as f:
            a = json.load(f)
        if wanted <= words(" ".join([a["title"], a.get("lead", "")] + [b.get("text", "") for b in a["body"]])):
            found.add("/articles/" + a["slug"])
    return found
