#!/usr/bin/env python3
"""Fills in the service worker of a release build (public/sw.js -> dist/sw.js):
the build's name, from a hash of every shell file, and the list of files to
cache at install. A new build therefore gets a new shell cache, and the old
one is deleted when it takes over.

Usage: scripts/sw_build.py dist   (a Trunk post_build hook, after csp.py)
"""

import hashlib
import json
import os
import sys

BUILD = 'const BUILD = "__BANTIN_BUILD__";'
FILES = 'const SHELL_FILES = ["/"]; /* __BANTIN_SHELL_FILES__ */'
# Fixed names the shell needs besides Trunk's hashed files.
EXTRA = ["manifest.webmanifest", "icon.svg"]


def shell_files(dist):
    hashed = sorted(
        name
        for name in os.listdir(dist)
        if name.endswith((".js", ".wasm", ".css")) and name != "sw.js"
    )
    return ["index.html"] + [n for n in EXTRA if os.path.isfile(os.path.join(dist, n))] + hashed


def build(dist):
    path = os.path.join(dist, "sw.js")
    with open(path, encoding="utf-8") as f:
        sw = f.read()
    if BUILD not in sw or FILES not in sw:
        sys.exit("sw_build.py: sw.js lacks its placeholders (already filled in?)")
    files = shell_files(dist)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        with open(os.path.join(dist, name), "rb") as f:
            digest.update(f.read())
    urls = ["/"] + ["/" + n for n in files if n != "index.html"]
    sw = sw.replace(BUILD, f'const BUILD = "{digest.hexdigest()[:16]}";')
    sw = sw.replace(FILES, f"const SHELL_FILES = {json.dumps(urls)};")
    with open(path, "w", encoding="utf-8") as f:
        f.write(sw)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(sys.argv[1])
