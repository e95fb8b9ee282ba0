"""The names the tests and the bench share with the app: storage keys, the
size steps, the toolbar's classes, the worker's caches, headers and limits,
and the built files a page loads. None is typed here: `site names dist`
prints them from the app's own constants (crates/site/src/names.rs), and the
build's file names from the built pages, so changing the font steps or a key
touches the Rust and its tests only."""

import functools
import json
import subprocess

from .servers import DIST, SITE_BIN


@functools.lru_cache(maxsize=None)
def names(dist=DIST):
    """The whole object, for `dist` (the build's file names differ per build)."""
    try:
        out = subprocess.run([SITE_BIN, "names", dist], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise RuntimeError(f"`{SITE_BIN} names {dist}` failed ({e}): `make build` builds both") from e
    return json.loads(out)


def size():
    """The text size: key, property, attribute, steps (stored, css, label), classes."""
    return names()["size"]


def size_key():
    return size()["key"]


def steps():
    """The size steps, smallest first: each with its stored value ("125"),
    its --font-scale value ("1.25"), its label ("125%") and what screen
    readers hear ("Cỡ chữ 125%")."""
    return size()["steps"]


def default_step():
    """The index of the size a reader starts with (100%)."""
    return [s["stored"] for s in steps()].index(size()["default"])


def reading_key(name):
    """The storage key of a reading preference: lineSpacing, width, theme, typeface."""
    return names()["reading"][name]["key"]


def worker():
    """The service worker's configuration (src/worker.rs)."""
    return names()["worker"]


def listen():
    """"Nghe bài viết": rateKey, rates (shown, stored, value), lang, module,
    and what the control says while its speaking part loads or fails to."""
    return names()["listen"]


def words_per_minute():
    """The speed the reading time ("N phút đọc") is counted at."""
    return names()["readingTime"]["wordsPerMinute"]


def crash_class():
    """The class of the `<main>` that holds the app's crash message."""
    return names()["crash"]["class"]


def search_loader():
    """The address of the module that loads Pagefind for the search page."""
    return names()["search"]["loader"]


def max_results():
    """How many results the search page lists at most (the best first)."""
    return names()["search"]["maxResults"]


def search_older_id():
    """The id of the search page's place for older articles (under the results)."""
    return names()["search"]["olderId"]


def hashed_pattern():
    """Trunk's hashed file names, as a regular expression (crates/site/src/rules.rs)."""
    return names()["files"]["hashed"]


# The pages whose loader imports a WASM of its own; every other built page
# (index.html, an article, a list page) loads the islands'.
OWN_WASM = {"shell.html": "app", "tim-kiem.html": "search"}


def loaded_wasm(page="index.html", dist=DIST):
    """The address of the WASM a built page loads: a pre-rendered page's
    (index.html) is the islands', the search page's (tim-kiem.html) its
    own, the shell's (shell.html) the whole app's."""
    return names(dist)["files"][OWN_WASM.get(page, "islands")]["wasm"]


def loaded_glue(page="index.html", dist=DIST):
    """The address of the glue (JavaScript) a built page's loader imports."""
    return names(dist)["files"][OWN_WASM.get(page, "islands")]["glue"]
