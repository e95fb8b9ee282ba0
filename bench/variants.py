#!/usr/bin/env python3
"""What competes with the first paint of a deep link: the built article page
against itself without the preloads Trunk adds (the WASM's `preload`, the
JS's `modulepreload`), without the embedded article data (the app then fetches
the JSON), and without both; beside the static twin. LCP, bytes before the
first paint and the first working A+, on 3G and slow 4G at CPU 4x, in
alternating rounds. Writes target/bench/variants.json.

Usage: bench/variants.py [--rounds N] [--only 'as built,no preloads']
(after `make bench`, which prepares target/bench/site)
"""

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)

from bench import OUT, SEED, SITE, cold_load, first_working_click  # noqa: E402  (bench/bench.py, beside this file)
from tests.e2e.browser import Browser  # noqa: E402
from tests.e2e.servers import SiteServer  # noqa: E402

PRELOADS = re.compile(r"<link[^>]*\brel=\"?(?:modulepreload|preload)\b[^>]*>")
DATA = re.compile(r'<script type="application/json" id="bantin-article">.*?</script>', re.S)
VARIANTS = {
    "as built": [],
    "no preloads": [PRELOADS],
    "no data block": [DATA],
    "neither": [PRELOADS, DATA],
}


def make_variant(name, patterns):
    where = os.path.join(OUT, "variants", name.replace(" ", "-"))
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(SITE, where)
    page = os.path.join(where, "articles", f"{SEED}.html")
    with open(page, encoding="utf-8") as f:
        html = f.read()
    for pattern in patterns:
        html, n = pattern.subn("", html)
        if n == 0:
            sys.exit(f"{name}: {pattern.pattern} matches nothing in the built page")
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)
    # Compressed as the build does, so every variant travels as it would.
    with open(page + ".br", "wb") as f:
        f.write(subprocess.run(["brotli", "-c", "-q", "11", page], capture_output=True, check=True).stdout)
    with open(page, "rb") as src, open(page + ".gz", "wb") as f:
        f.write(gzip.compress(src.read(), 9))
    return where


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", help="comma-separated variant names, e.g. 'as built,no preloads'")
    args = parser.parse_args()
    chosen = {n: p for n, p in VARIANTS.items() if not args.only or n in args.only.split(",")}
    if "as built" not in chosen:
        sys.exit("--only must include 'as built' (the static twin is served beside it)")
    if not os.path.isdir(SITE):
        sys.exit("target/bench/site is missing: run `make bench` first")
    servers = {name: SiteServer(make_variant(name, p)).start() for name, p in chosen.items()}
    driver = Browser()
    results = {}
    try:
        for network in ("3g", "slow-4g"):
            rows = {name: {"lcp": [], "bytes": [], "click": []} for name in [*chosen, "static"]}
            for _ in range(args.rounds):
                for name in [*chosen, "static"]:
                    server = servers["as built"] if name == "static" else servers[name]
                    url = f"{server.base}/static/{SEED}.html" if name == "static" else f"{server.base}/articles/{SEED}"
                    load = cold_load(driver, url, 4, ".article h1", network)
                    rows[name]["lcp"].append(load["lcp"])
                    rows[name]["bytes"].append(load["bytes_before_paint"])
                    rows[name]["click"].append(first_working_click(driver, url, 4, network))
            static = {k: statistics.median(v) for k, v in rows["static"].items()}
            results[network] = {
                name: {k: {"median": statistics.median(v), "vs_static": statistics.median(v) / static[k]} for k, v in row.items()}
                for name, row in rows.items()
            }
    finally:
        driver.stop()
        for server in servers.values():
            server.stop()
    with open(os.path.join(OUT, "variants.json"), "w") as f:
        json.dump(results, f, indent=2)
    for network, rows in results.items():
        print(f"\n{network} cpu4x, medians of {args.rounds}: LCP ms / bytes before first paint / first working A+ ms (vs static)")
        for name, r in rows.items():
            print(f"  {name:<14} {r['lcp']['median']:6.0f} ({r['lcp']['vs_static']:.2f})"
                  f"  {r['bytes']['median'] / 1024:6.1f} KB ({r['bytes']['vs_static']:.2f})"
                  f"  {r['click']['median']:6.0f} ({r['click']['vs_static']:.2f})")


if __name__ == "__main__":
    main()
