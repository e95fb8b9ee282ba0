#!/usr/bin/env python3
"""`make bench`, part 3: the archive's size. Builds the site from generated
archives (`site generate`, deterministic) of 20, 10,000 and 100,000 articles,
each from a copy of Trunk's output as `make build` does, and measures:

  build      wall time per article (whole build and each step, from the
             build's own step timings), peak memory (/usr/bin/time), dist/ size
  reader     on the 3G profile (750 kbps, 300 ms, CPU 4x; fresh browser each
             load, alternating sites): LCP and bytes of `/`, of a list page
             (`/trang/500`, counted from the oldest; the 20-article site has
             one list page, `/`), and
             of an article, each against the same page of the 20-article site;
             the data the home page fetches (everything but the app's WASM,
             JS and CSS)
  search     on loopback: bytes a cold search transfers (`/tim-kiem?q=long
             tong`, until the results show: the search's own files, and the
             whole page with the app), counted from the files the server
             sent; and, once loaded, the time from the last keystroke of a
             new query to its results; then one press of "older articles"
             (the next part of the index: its bytes, the time to merge it);
             and a cold search on 3G, page to results, against the small
             archive's

  publish    one new article published into each archive: the build again
             (`site stage` from the last build's tree, as `make build` does),
             with the caches the full build filled (the photos' copies, every
             .br/.gz), against the full build's time, and how many files of
             dist/ changed or appeared, outside pagefind/ and in all; then
             `site publish` (the purge list, the swap) on its own

Writes target/bench/scale.json and prints a table.

Usage: bench/scale.py [--sizes 20,10000,100000] [--pairs N] [--build-only]
"""

import argparse
import filecmp
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402  (the LCP and throttling helpers of part 1)
from bench import ROOT, OUT, LCP_JS, BYTES_BEFORE_PAINT_JS, throttled_session  # noqa: E402
from tests.e2e.servers import SiteServer  # noqa: E402
from tests.e2e.harness import ServerState, start_proxy  # noqa: E402
from tests.e2e import locators as L  # noqa: E402
from tests.e2e import names  # noqa: E402
from tests.e2e.browser import Browser, wait_for  # noqa: E402

TRUNK = os.path.join(ROOT, "target", "trunk")
SITE = os.path.join(ROOT, "target", "release", "site")
WORK = os.path.join(OUT, "scale")

# Everything a page fetched, in bytes on the wire, by kind.
TRANSFERRED_JS = """
const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
const app = /\\/(bantin-[0-9a-f]{8,16}(_bg)?\\.(wasm|js)|main-[0-9a-f]{8,16}\\.css)$/;
let total = 0, data = 0;
for (const e of all) {
  total += e.transferSize;
  if (!app.test(new URL(e.name).pathname)) data += e.transferSize;
}
return {total, data};
"""


DISCARDED = os.path.join(WORK, "discarded")


def discard(path):
    """Puts `path` out of the way without deleting it: moved into
    `DISCARDED`, emptied when the run's measurements are done. On ext4
    without a journal (these machines' disk) a new file's inode is looked
    for past every inode freed in the last seconds to minutes, so deleting
    600,000 files just before a build made that build's own file creations
    up to twice as slow: the bench's clean-up, not the build's cost."""
    if os.path.lexists(path):
        os.makedirs(DISCARDED, exist_ok=True)
        os.rename(path, os.path.join(DISCARDED, f"{len(os.listdir(DISCARDED))}-{os.path.basename(path)}"))


def empty_discarded():
    """Deletes what the run put aside, then lets the disk settle: the
    freed inodes written out (`sync`), past the file system's few seconds
    of "recently deleted"."""
    if os.path.isdir(DISCARDED):
        shutil.rmtree(DISCARDED, ignore_errors=True)
        os.sync()
        time.sleep(6)


def build(n):
    """The site of `n` generated articles: (dist, build figures)."""
    content = os.path.join(WORK, f"content-{n}")
    dist = os.path.join(WORK, f"dist-{n}")
    if not os.path.isdir(content) or len(os.listdir(content)) != n:
        discard(content)
        subprocess.run([SITE, "generate", content, str(n)], check=True, stdout=subprocess.DEVNULL)
    discard(dist)
    shutil.copytree(TRUNK, dist)
    # Caches of this archive's own, empty: the full build makes everything
    # (and fills them, for the publishing below).
    for cache in caches(n).values():
        discard(cache)
    env = dict(os.environ, SITE_URL="https://baobackan.vn", CONTENT=content, **caches(n))
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-v", SITE, "build", dist], env=env, capture_output=True, text=True)
    wall = time.monotonic() - start
    if run.returncode != 0:
        sys.exit(f"the build of {n} failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    steps = step_seconds(run.stdout)
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    size = int(subprocess.run(["du", "-sb", dist], capture_output=True, text=True).stdout.split()[0])
    return dist, {
        "articles": n,
        "wall_s": round(wall, 2),
        "ms_per_article": round(wall * 1000 / n, 3),
        "step_ms_per_article": {k: round(v * 1000 / n, 3) for k, v in steps.items()},
        "peak_memory_mb": round(peak_kb / 1024),
        "dist_mb": round(size / 2**20, 1),
    }


def step_seconds(log):
    """Each step's seconds, from the build's own `[build] <step> (<s> s…` lines."""
    return {m[0]: float(m[1]) for m in re.findall(r"^\[build\] (\w+) \(([\d.]+) s", log, re.M)}


def caches(n):
    """The build caches of the archive of `n` articles."""
    return {"PHOTO_CACHE": os.path.join(WORK, f"photo-cache-{n}"), "COMPRESS_CACHE": os.path.join(WORK, f"compress-cache-{n}"),
            "SEARCH_CACHE": os.path.join(WORK, f"search-cache-{n}"), "PAGE_CACHE": os.path.join(WORK, f"page-cache-{n}")}


def changed_files(before, after):
    """The files of `after` that are new or differ from `before`'s."""
    changed = []
    for folder, _, names in os.walk(after):
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, after)
            old = os.path.join(before, relative)
            if not os.path.isfile(old) or not filecmp.cmp(old, path, shallow=False):
                changed.append(relative)
    return changed


def publish(n, dist, full_s):
    """One article published into the archive of `n` (built at `dist` in
    `full_s` seconds): the build again with the caches, its time against
    the full build's, and the files that changed."""
    content = os.path.join(WORK, f"content-{n}")
    newest = os.path.join(content, "bai-moi-dang.json")
    with open(os.path.join(dist, "articles", first_article(dist).split("/")[-1] + ".json"), encoding="utf-8") as f:
        article = json.load(f)
    article.update(slug="bai-moi-dang", title="Bài mới đăng: khai mạc lễ hội Lồng Tồng", published="2030-01-01")
    with open(newest, "w", encoding="utf-8") as f:
        json.dump(article, f, ensure_ascii=False)
    after, previous, served = dist + "-published", dist + "-previous", dist + "-served"
    for folder in (after, previous, served, served + ".previous"):
        discard(folder)
    # The tree `site publish` keeps beside the served one (dist.previous),
    # which `make build` starts from: here, a linked copy of the archive's.
    subprocess.run(["cp", "-al", dist, previous], check=True)
    try:
        env = dict(os.environ, SITE_URL="https://baobackan.vn", CONTENT=content, **caches(n))
        start = time.monotonic()
        subprocess.run([SITE, "stage", TRUNK, after, previous], check=True, stdout=subprocess.DEVNULL)
        run = subprocess.run([SITE, "build", after], env=env, capture_output=True, text=True, check=True)
        wall = time.monotonic() - start
    finally:
        os.remove(newest)  # the archive stays `n` articles for the next run
    changed = changed_files(dist, after)
    outside = [c for c in changed if not c.startswith("pagefind/")]
    # Then `site publish`, as `make build` ends: the purge list, the swap,
    # the old tree kept (into a linked copy of the archive's build, which
    # the browser's runs below use as it is).
    subprocess.run(["cp", "-al", dist, served], check=True)
    start = time.monotonic()
    published = subprocess.run([SITE, "publish", after, served], capture_output=True, text=True, check=True).stdout
    publish_s = time.monotonic() - start
    for folder in (after, served, served + ".previous"):
        discard(folder)
    os.remove(served + ".purge.txt")
    return {
        "wall_s": round(wall, 2),
        "ratio_to_full_build": round(wall / full_s, 3),
        "step_s": step_seconds(run.stdout),
        "publish_s": round(publish_s, 2),
        "addresses_to_purge": int(re.search(r"(\d+) address\(es\) changed", published).group(1)),
        "files_changed": len(changed),
        "files_changed_outside_pagefind": len(outside),
        "examples": sorted(outside)[:8],
    }


def first_article(dist):
    home = names.worker()["homeListData"].lstrip("/")
    with open(os.path.join(dist, home), encoding="utf-8") as f:
        return "/articles/" + json.load(f)["articles"][0]["slug"]


def cold(driver, url, ready):
    s = throttled_session(driver, 4, "3g")
    try:
        s.get(url)
        wait_for(lambda: s.find_all(ready), 120, ready)
        lcp = s.js_async(LCP_JS)["lcp"]
        return {"lcp": lcp, "bytes_before_paint": s.js(BYTES_BEFORE_PAINT_JS), **s.js(TRANSFERRED_JS)}
    finally:
        s.quit()


def served_bytes(dist, paths):
    """What the server sent for `paths` (bodies, brotli where there is a
    .br), counted from the files: Pagefind fetches its index from a worker,
    whose requests the page's Resource Timing never sees."""
    total = 0
    for path in paths:
        file = os.path.join(dist, path.lstrip("/"))
        for candidate in (file + ".br", file):
            if os.path.isfile(candidate):
                total += os.path.getsize(candidate)
                break
    return total


def pagefind_kind(path):
    """What a file of the search is: Pagefind's code (JS, WASM), a part's
    entry, metadata (the page list) or filters, a word chunk, a result's
    fragment, or the app's loader."""
    name = path.rsplit("/", 1)[-1]
    for kind, test in [("fragment", "/fragment/" in path), ("word chunk", "/index/" in path),
                       ("metadata", name.endswith(".pf_meta")), ("filter", "/filter/" in path),
                       ("entry", name == "pagefind-entry.json"), ("parts", name == "parts.js")]:
        if test:
            return kind
    return "code"


def search(driver, server, dist):
    state = ServerState()
    proxy = start_proxy(state, server.port)
    base = f"http://127.0.0.1:{proxy.server_address[1]}"
    s = driver.session()
    try:
        s.get(base + "/tim-kiem?q=long+tong")
        wait_for(lambda: s.find_all(L.SEARCH_COUNT), 60, "the results")
        with state.lock:
            requested = list(state.requests)
        mine = [p for p in requested if p.startswith("/pagefind/") or p == bench.names.search_loader()]
        transferred = {"search_files": served_bytes(dist, mine), "search_requests": len(mine),
                       "by_kind": {kind: served_bytes(dist, [p for p in mine if pagefind_kind(p) == kind])
                                   for kind in sorted({pagefind_kind(p) for p in mine})},
                       "whole_page": served_bytes(dist, [p for p in requested if p != "/tim-kiem"] + ["/tim-kiem.html"])}
        times = []
        for query in ["duong day", "dong hy", "le hoi", "bac kan", "long tong"] * 2:
            field = s.find(L.SEARCH_PAGE_FIELD)
            field.handle.fill("")
            field.handle.type(query)
            at = s.js("return performance.now()")
            wait_for(lambda: query in (s.find(L.SEARCH_COUNT).text or ""), 10, query)
            times.append(s.js("return performance.now()") - at)
        return {"cold_search": transferred, "after_last_key_ms": bench.summary(times), "older_part": older_part(s, state, dist)}
    finally:
        s.quit()
        proxy.shutdown()
        proxy.server_close()


def cold_search_3g(driver, base, query="le hoi"):
    """A cold search on 3G (DevTools' throttling, CPU 4x, a new profile):
    the milliseconds from the search page's start to its results."""
    s = throttled_session(driver, 4, "3g")
    try:
        s.get(base + "/tim-kiem?q=" + query.replace(" ", "+"))
        shown = lambda: s.find_all(L.SEARCH_COUNT) and query in s.find(L.SEARCH_COUNT).text  # noqa: E731
        wait_for(shown, 180, "the results on 3G")
        return round(s.js("return performance.now()"))
    finally:
        s.quit()


def parts_module(dist):
    """The build's pagefind/parts.js (one default export, JSON)."""
    with open(os.path.join(dist, "pagefind", "parts.js"), encoding="utf-8") as f:
        return json.loads(f.read().strip().removeprefix("export default ").removesuffix(";"))


def older_part(s, state, dist):
    """One press of "Tìm thêm trong … bài cũ hơn" under the last results:
    what the next older part of the index costs (its files, as the server
    sent them) and how long, from the press, until it is searched. None on
    an archive that one search covers whole."""
    place = "#" + names.search_older_id()
    buttons = s.find_all(place + ":not([hidden]) button")
    if not buttons:
        return None
    note = s.find(place + " [role=status]").text
    with state.lock:
        before = len(state.requests)
    at = s.js("return performance.now()")
    buttons[0].click()
    loading = parts_module(dist)["loading"]
    wait_for(lambda: s.find(place + " [role=status]").text not in (note, loading), 60, "the older part")
    took = s.js("return performance.now()") - at
    with state.lock:
        asked = [p for p in state.requests[before:] if p.startswith("/pagefind/")]
    return {"files": served_bytes(dist, asked), "requests": len(asked), "merged_ms": round(took),
            "searched": s.find(place + " [role=status]").text}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20,10000,100000")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--build-only", action="store_true", help="the builds and the publishing, no browser")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    if not (os.path.isdir(TRUNK) and os.access(SITE, os.X_OK)):
        sys.exit("target/trunk or target/release/site is missing: run `make build`")
    os.makedirs(WORK, exist_ok=True)
    empty_discarded()  # an interrupted run's
    report = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "builds": [], "publish": {}, "reader_3g": {}, "search": {}}
    dists = {}
    for n in sizes:
        dists[n], figures = build(n)
        report["builds"].append(figures)
        print(f"built {n}: {figures}", flush=True)
        report["publish"][n] = publish(n, dists[n], figures["wall_s"])
        print(f"published one into {n}: {report['publish'][n]}", flush=True)
    if args.build_only:
        empty_discarded()
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return

    driver = Browser()
    servers = {n: SiteServer(dists[n]).start() for n in sizes}
    try:
        small = min(sizes)
        for n in sizes:
            if n == small:
                continue
            pages = {
                "home": ("/", "/", "ol.article-list"),
                "list page": (f"/trang/{min(500, -(-n // 20))}", "/", "ol.article-list"),
                "article": (first_article(dists[n]), first_article(dists[small]), ".article h1"),
            }
            result = {}
            for name, (big_path, small_path, ready) in pages.items():
                big, little = [], []
                for _ in range(args.pairs):
                    big.append(cold(driver, servers[n].base + big_path, ready))
                    little.append(cold(driver, servers[small].base + small_path, ready))
                med = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
                result[name] = {
                    "path": big_path,
                    "lcp_ms": med(big, "lcp"), f"lcp_ms_{small}": med(little, "lcp"),
                    "lcp_ratio": round(med(big, "lcp") / med(little, "lcp"), 3),
                    "bytes": med(big, "total"), f"bytes_{small}": med(little, "total"),
                    "data_bytes": med(big, "data"), f"data_bytes_{small}": med(little, "data"),
                }
                print(f"{n} {name}: {result[name]}", flush=True)
            report["reader_3g"][n] = result
            report["search"][n] = search(driver, servers[n], dists[n])
            report["search"][n]["cold_search_3g_ms"] = {
                size: cold_search_3g(driver, servers[size].base) for size in (small, n)}
            print(f"{n} search: {report['search'][n]}", flush=True)
    finally:
        driver.stop()
        for server in servers.values():
            server.stop()
        empty_discarded()

    with open(os.path.join(OUT, "scale.json"), "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
