#!/usr/bin/env python3
"""`make bench`: the release build against the same article as plain static HTML,
side by side in one run, in Debian's headless Chromium. Prints a table and writes
target/bench/report.json.

Measures
  bytes      wasm, js, css, index.html: raw, gzip -9, brotli -q 11
  lcp        largest-contentful-paint of a cold deep link (fresh browser each
             load), app vs its static twins in turns: the one-request page
             (the same markup with the stylesheet inlined: the limit) and the
             same page linking the stylesheet; loopback at CPU 1x and 4x,
             then CPU 4x on slow 4G (1.6 Mbps, 150 ms) and 3G (750 kbps, 300 ms),
             throttled through the DevTools protocol
  cls        cumulative layout shift of those loads
  first A+   on those four connections: the time from navigation to the first
             click of A+ that changes the text size (a click every 20 ms from
             the first paint on), app vs the static page with a
             vanilla A+ (the portal's own page has one); separate loads, since
             a click moves the LCP
  bytes before first paint
             of those LCP loads: the bytes each response had delivered by the
             first contentful paint (Resource Timing, linear within a response)
  blocking after first paint
             of those LCP loads: the longest main-thread task (Long Tasks
             API, over 50 ms) from the first contentful paint until the page
             is settled (the islands attached; at once for the static page),
             and the sum of each such task's time over 50 ms: how long a tap
             right after the text appears can be kept waiting
  resize     A+ on a 5,000-paragraph article: click to next frame, style
             recalcs and layouts per click, DOM nodes before/after; vs one CSS
             write on the static page
  big load   5,000-paragraph article: time until the last paragraph is in the
             DOM, and JS heap after load
  photo-led  the seed with a photograph as its first block (MATE's Elephants,
             5640x3172, or a made-up 4000x3000 one), built by `site build`
             into a site of its own: on a phone (360x640, DPR 2, CPU 4x) on
             3G, LCP and CLS of the app's page against the one-request page
             with the same photo copies (its twin, `site static --inline`)

Usage: bench/bench.py [--pairs N] [--photo-only]   (needs dist/ from `make build`)
"""

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)

from tests.e2e.servers import SiteServer  # noqa: E402  (make serve's server)
from tests.e2e.browser import CHROMIUM, Browser, wait_for  # noqa: E402
from tests.e2e import names  # noqa: E402  (the app's names: `site names dist`)

DIST = os.path.join(ROOT, "dist")
OUT = os.path.join(ROOT, "target", "bench")
SITE = os.path.join(OUT, "site")
SEED = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc"
BIG = "bench-5000-doan"
BIG_PARAGRAPHS = 5000

# Installed before the page's own scripts: the long tasks, the first
# contentful paint, and whether the page is settled (no WebAssembly loader, or
# the islands have removed the pre-rendered mark).
MAIN_THREAD_WATCH = """
window.__longTasks = [];
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
  .observe({type: 'longtask'});
"""
BLOCKING_JS = """
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
const settled = !document.querySelector('script[type=module]') || !document.body.hasAttribute('data-prerendered');
if (!fcp || !settled) return null;
const after = window.__longTasks.filter(([start, d]) => start + d > fcp.startTime).map(([, d]) => d);
return {longest: Math.max(0, ...after), blocking: after.reduce((sum, d) => sum + d - 50, 0)};
"""

LCP_JS = """
const done = arguments[arguments.length - 1];
let lcp = null, cls = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done({lcp, cls}), 50)));
"""

# Time from a change to the next presented frame: the change, then the next
# animation frame (style and layout run right after it), then a task after paint.
FRAME_JS = """
const [what] = arguments, done = arguments[arguments.length - 1];
const t0 = performance.now();
if (what === 'app') {
  const which = document.querySelector('[data-testid=font-size]').textContent === '110%' ? 'smaller' : 'larger';
  document.querySelector(`button.size-${which}`).click();
} else {
  const root = document.documentElement.style;
  root.setProperty('--font-scale', root.getPropertyValue('--font-scale') === '1.1' ? '1' : '1.1');
}
requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => done(performance.now() - t0);
  ch.port2.postMessage(0);
});
"""

# Bytes delivered before the first contentful paint: every response that had
# ended counts whole, one still arriving counts in proportion to its time.
BYTES_BEFORE_PAINT_JS = """
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
if (!fcp) return null;
let total = 0;
for (const e of [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]) {
  if (e.responseStart >= fcp.startTime || !e.transferSize) continue;
  const span = e.responseEnd - e.responseStart;
  total += e.responseEnd <= fcp.startTime || span <= 0
    ? e.transferSize : e.transferSize * (fcp.startTime - e.responseStart) / span;
}
return Math.round(total);
"""

# Clicks A+ every 20 ms from the first paint on (a reader cannot press what is
# not on screen), and records when a click first changed the size: what a
# reader on a slow phone would try.
# (The app's names, from tests/e2e/names.py, are passed in as `N`.)
FIRST_WORKING_CLICK = """
window.__firstWorkingClick = null;
const N = %s;
const scale = () => document.documentElement.style.getPropertyValue(N.property);
const timer = setInterval(() => {
  const button = document.querySelector('button.' + N.classes.larger);
  if (!button || button.disabled || !performance.getEntriesByName('first-contentful-paint').length) return;
  const before = scale(), at = performance.now();
  button.click();
  if (scale() !== before) { window.__firstWorkingClick = at; clearInterval(timer); }
}, 20);
"""

# The static twin's A+ and A−: what the portal's own page does, in plain JS
# (with the app's steps, classes and property, `N`: that much JSON more).
VANILLA_SIZE_SCRIPT = """<script>
(function (N) {
  var steps = N.steps, i = N.start, root = document.documentElement.style;
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button"); if (!b) return;
    i = Math.max(0, Math.min(steps.length - 1, i + (b.classList.contains(N.classes.larger) ? 1 : b.classList.contains(N.classes.smaller) ? -1 : 0)));
    root.setProperty(N.property, steps[i]);
  });
})(%s);
</script>"""


def size_names():
    """What the scripts above need of the app's size: its property, classes,
    steps and the index of the default one, as JSON."""
    size = names.size()
    classes = {k: size["classes"][k] for k in ("larger", "smaller")}
    steps = [s["css"] for s in size["steps"]]
    return json.dumps({"property": size["property"], "classes": classes, "steps": steps, "start": names.default_step()})

LAST_PARAGRAPH_WATCH = """
window.__lastParagraphAt = null;
new MutationObserver((_, o) => {
  if (document.getElementById('p-%d')) { window.__lastParagraphAt = performance.now(); o.disconnect(); }
}).observe(document, {childList: true, subtree: true});
""" % BIG_PARAGRAPHS


# The files of dist/ that are not the app's WASM, glue or stylesheet, by the
# name their row has.
OTHER_FILES = {"sw.js": "sw", "pagefind-loader.js": "search", "index.html": "html", "shell.html": "shell",
               "tim-kiem.html": "search html"}


def brotli_size(data):
    """The bytes of `data` at brotli 11, as the build precompresses it."""
    return len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)


def loaded_by(page):
    """The glue a built page's loader imports, and its WASM (the file names)."""
    return names.loaded_glue(page).lstrip("/"), names.loaded_wasm(page).lstrip("/")


def sizes():
    """Every built file's bytes. The total is what a pre-rendered page (the
    home page, an article) loads: the islands' WASM and glue; the shell's
    whole app (addresses with no page, offline) is its own row and total,
    and so is what the search page loads (pre-rendered too: the islands)."""
    brotli = shutil.which("brotli")
    rows = {}
    islands_js, islands_wasm = loaded_by("index.html")
    app_js, app_wasm = loaded_by("shell.html")
    search_js, search_wasm = loaded_by("tim-kiem.html")
    named = {islands_js: "js", islands_wasm: "wasm", app_js: "app js", app_wasm: "app wasm",
             search_js: "search js", search_wasm: "search wasm", **OTHER_FILES}
    # "Nghe bài viết"'s speaking part: loaded only on a press, so in no
    # page's total but its own.
    listen = names.names()["files"].get("listen")
    if listen:
        named.update({listen["glue"].lstrip("/"): "listen js", listen["wasm"].lstrip("/"): "listen wasm",
                      names.listen()["module"].lstrip("/"): "listen module"})
    with open(os.path.join(DIST, "sw.js"), encoding="utf-8") as f:
        worker = f.read()
    for name in sorted(os.listdir(DIST)):
        if not name.endswith((".wasm", ".js", ".css", ".html")):
            continue
        # The previous build's hashed files, which make build keeps for pages
        # still open, are not in this build's worker (nor are the search
        # page's islands, which it never keeps).
        if re.search(names.hashed_pattern(), name) and f'/{name}"' not in worker and name not in named:
            continue
        with open(os.path.join(DIST, name), "rb") as f:
            data = f.read()
        # The service worker loads after the page, on its own, and the search's
        # bridge only with the search: neither is in a total.
        kind = named.get(name, name.rsplit(".", 1)[1])
        br = brotli_size(data) if brotli else None
        rows[kind] = {"file": name, "raw": len(data), "gzip": len(gzip.compress(data, 9)), "brotli": br}

    def total(kinds):
        return {k: sum((r[k] or 0) for kind, r in rows.items() if kind in kinds) for k in ("raw", "gzip", "brotli")}

    return (rows, total(("wasm", "js")), total(("app wasm", "app js")),
            total(("listen module", "listen js", "listen wasm")), total((named[search_js], named[search_wasm])))


# --- the static twin -------------------------------------------------------

# The twins of a deep link, by the folder each is served from: the one-request
# page (the app's markup with its stylesheet inlined, nothing else to fetch:
# the limit), and the same page linking the stylesheet (one round trip more).
TWINS = {"static": ["--inline", SITE], "static-linked": []}


def static_page(json_path, css_href, extra):
    """The article as a script-free page with the app's markup (`site static`)."""
    return subprocess.run(
        [os.path.join(ROOT, "target", "release", "site"), "static", json_path, css_href, *extra],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout


def compress_beside(path):
    """`.br` (brotli 11) and `.gz` (gzip 9) beside `path`, as the build's step
    `compress` writes them beside each page, so a twin is sent as compressed
    as the app's page is."""
    with open(path, "rb") as f:
        data = f.read()
    subprocess.run(["brotli", "-q", "11", "-f", "-o", path + ".br", path], check=True)
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, 9))


def big_article():
    text = ("Thi đua thực hiện các chỉ tiêu kinh tế - xã hội, quốc phòng - an ninh, xây dựng Đảng "
            "và củng cố hệ thống chính trị, Đảng bộ, chính quyền và Nhân dân các dân tộc. ")
    return {
        "slug": BIG, "lang": "vi", "title": "Bài dài 5.000 đoạn", "published": "2020-08-21",
        "lead": "Bài viết để đo: 5.000 đoạn văn.", "author": "Bản tin",
        "body": [{"type": "paragraph", "text": f"{i + 1}. {text}"} for i in range(BIG_PARAGRAPHS)],
    }


def stylesheet_href(site):
    """The stylesheet's address in a built site: the shell still links it
    (the pre-rendered pages inline it)."""
    with open(os.path.join(site, "shell.html"), encoding="utf-8") as f:
        return re.search(r'href="?(/[^"\s>]+\.css)', f.read()).group(1)


def prepare_site():
    shutil.rmtree(SITE, ignore_errors=True)
    shutil.copytree(DIST, SITE)
    css_href = stylesheet_href(DIST)
    with open(os.path.join(SITE, "articles", f"{BIG}.json"), "w", encoding="utf-8") as f:
        json.dump(big_article(), f, ensure_ascii=False)
    for twin, extra in TWINS.items():
        os.makedirs(os.path.join(SITE, twin), exist_ok=True)
        for slug in (SEED, BIG):
            page = static_page(os.path.join(SITE, "articles", f"{slug}.json"), css_href, extra)
            page = page.replace("</body>", VANILLA_SIZE_SCRIPT % size_names() + "</body>", 1)
            path = os.path.join(SITE, twin, f"{slug}.html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(page)
            compress_beside(path)


# --- the photo-led article -------------------------------------------------

PHOTO_SITE = os.path.join(OUT, "photo-site")
PHOTO_SLUG = "bench-anh-dau-bai"
PHOTOGRAPH = "/usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg"
PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def photo_led_site():
    """A site of the seed and the seed led by a photograph, built as
    `make build` builds (Trunk's output, then `site build`, its photos from
    the build's photo cache), with the photo-led article's one-request twin
    in static/. Returns the photo's description."""
    folder = os.path.join(OUT, "photo-content")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "public", "articles"), folder)
    os.makedirs(os.path.join(folder, "anh"))
    photo = os.path.join(folder, "anh", "bench.jpg")
    if os.path.isfile(PHOTOGRAPH):
        shutil.copy(PHOTOGRAPH, photo)
        about = "photograph 5640x3172"
    else:
        made = os.path.join(OUT, "photo-made")
        shutil.rmtree(made, ignore_errors=True)
        subprocess.run([os.path.join(ROOT, "target", "release", "site"), "generate", made, "1", "--photos", "1"],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copy(next(os.path.join(made, "anh", n) for n in os.listdir(os.path.join(made, "anh"))), photo)
        about = "made-up 4000x3000"
    with open(os.path.join(folder, f"{SEED}.json"), encoding="utf-8") as f:
        article = json.load(f)
    article["slug"] = PHOTO_SLUG
    article["body"].insert(0, {"type": "figure", "caption": "Ảnh đo tốc độ",
                               "image": {"src": "anh/bench.jpg", "alt": "Ảnh chụp đầu bài"}})
    with open(os.path.join(folder, f"{PHOTO_SLUG}.json"), "w", encoding="utf-8") as f:
        json.dump(article, f, ensure_ascii=False)
    shutil.rmtree(PHOTO_SITE, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "target", "trunk"), PHOTO_SITE)
    env = dict(os.environ, SITE_URL="http://127.0.0.1", CONTENT=folder, STRICT="1",
               PHOTO_CACHE=os.path.join(ROOT, "target", "photo-cache"))
    subprocess.run([os.path.join(ROOT, "target", "release", "site"), "build", PHOTO_SITE],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    css_href = stylesheet_href(PHOTO_SITE)
    os.makedirs(os.path.join(PHOTO_SITE, "static"))
    path = os.path.join(PHOTO_SITE, "static", f"{PHOTO_SLUG}.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(static_page(os.path.join(PHOTO_SITE, "articles", f"{PHOTO_SLUG}.json"), css_href,
                            ["--inline", PHOTO_SITE]))
    compress_beside(path)
    return about


# What the photo-led page took: the photo copy the phone fetched, its bytes,
# and when its last byte arrived (ms from navigation; the phone's largest
# paint is the headline and lead, which come first, so the photo has a time
# of its own).
PHOTO_TAKEN_JS = """
const img = document.querySelector('.article-body img');
const e = img && performance.getEntriesByName(img.currentSrc)[0];
return img && {copy: new URL(img.currentSrc).pathname, bytes: e ? e.encodedBodySize : null,
               at: e ? e.responseEnd : null};
"""


def photo_led(driver, pairs, network="3g"):
    """LCP and CLS of the photo-led article on a phone, app against its
    one-request twin, in turns."""
    about = photo_led_site()
    server = SiteServer(PHOTO_SITE).start()
    urls = {"app": f"{server.base}/articles/{PHOTO_SLUG}", "static": f"{server.base}/static/{PHOTO_SLUG}.html"}

    def load(url):
        s = throttled_session(driver, 4, network, PHONE)
        try:
            s.get(url)
            wait_for(lambda: s.js("const i = document.querySelector('.article-body img');"
                                  "return i && i.complete && i.naturalWidth > 0"), 60, "the photo")
            result = s.js_async(LCP_JS)
            result["photo"] = s.js(PHOTO_TAKEN_JS)
            return result
        finally:
            s.quit()

    try:
        loads = in_turns(pairs, load, urls)
    finally:
        server.stop()
    lcp = {who: [x["lcp"] for x in got] for who, got in loads.items()}
    medians = {who: statistics.median(v) for who, v in lcp.items()}
    arrived = {who: [x["photo"]["at"] for x in got] for who, got in loads.items()}
    return {"photo": about, "network": network, "taken": loads["app"][0]["photo"],
            **{who: summary(v) for who, v in lcp.items()},
            "ratio_app_static": medians["app"] / medians["static"],
            "photo_arrived": {**{who: summary(v) for who, v in arrived.items()},
                              "ratio_app_static": statistics.median(arrived["app"]) / statistics.median(arrived["static"])},
            "cls": {who: summary([x["cls"] for x in got]) for who, got in loads.items()}}


# --- measurements ----------------------------------------------------------

# The connections the portal's readers have, throttled through DevTools:
# latency in ms, throughput in bytes per second (issue 11's profiles).
NETWORKS = {
    "3g": {"latency": 300, "downloadThroughput": 750_000 / 8, "uploadThroughput": 250_000 / 8},
    "slow-4g": {"latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8},
}


def throttled_session(driver, rate, network, device=None):
    s = driver.session(**(device or {}))
    if rate != 1:
        s.cdp("Emulation.setCPUThrottlingRate", {"rate": rate})
    if network:
        s.cdp("Network.enable")
        s.cdp("Network.emulateNetworkConditions", {"offline": False, **NETWORKS[network]})
    return s


def cold_load(driver, url, rate, ready_css, network=None):
    s = throttled_session(driver, rate, network)
    try:
        with s.on_every_page(MAIN_THREAD_WATCH):
            s.get(url)
            wait_for(lambda: s.find_all(ready_css), 60, ready_css)
            result = s.js_async(LCP_JS)
            result["bytes_before_paint"] = s.js(BYTES_BEFORE_PAINT_JS)
            result.update(wait_for(lambda: s.js(BLOCKING_JS), 60, "the page to settle"))
        return result
    finally:
        s.quit()


def first_working_click(driver, url, rate, network=None):
    s = throttled_session(driver, rate, network)
    try:
        with s.on_every_page(FIRST_WORKING_CLICK % size_names()):
            s.get(url)
            return wait_for(lambda: s.js("return window.__firstWorkingClick"), 60, "a click of A+ that works")
    finally:
        s.quit()


def addresses(base):
    """The seed's deep link and its twins, by name: app first."""
    return {"app": f"{base}/articles/{SEED}", **{t: f"{base}/{t}/{SEED}.html" for t in TWINS}}


def in_turns(pairs, measure, urls):
    """`measure(url)` for each of `urls` in turn, `pairs` rounds: alternating,
    so drift on a shared machine hits every page alike."""
    found = {name: [] for name in urls}
    for _ in range(pairs):
        for name, url in urls.items():
            found[name].append(measure(url))
    return found


def lcp_loads(driver, base, pairs, rate, network=None):
    return in_turns(pairs, lambda url: cold_load(driver, url, rate, ".article h1", network), addresses(base))


def click_loads(driver, base, pairs, rate, network=None):
    return in_turns(pairs, lambda url: first_working_click(driver, url, rate, network), addresses(base))


def metrics(s):
    return {m["name"]: m["value"] for m in s.cdp("Performance.getMetrics")["metrics"]}


def resize(driver, url, what, clicks=9):
    s = driver.session()
    try:
        s.get(url)
        wait_for(lambda: s.find_all(f"#p-{BIG_PARAGRAPHS}"), 60, "the last paragraph")
        s.cdp("Performance.enable")
        nodes_before = s.js("return document.getElementsByTagName('*').length")
        frames, recalcs, layouts = [], [], []
        for _ in range(clicks):
            before = metrics(s)
            frames.append(s.js_async(FRAME_JS, what))
            after = metrics(s)
            recalcs.append(after["RecalcStyleCount"] - before["RecalcStyleCount"])
            layouts.append(after["LayoutCount"] - before["LayoutCount"])
        nodes_after = s.js("return document.getElementsByTagName('*').length")
        return {"frame_ms": frames, "recalcs": recalcs, "layouts": layouts,
                "nodes_before": nodes_before, "nodes_after": nodes_after}
    finally:
        s.quit()


def big_load(driver, url):
    s = driver.session()
    try:
        s.cdp("Performance.enable")
        with s.on_every_page(LAST_PARAGRAPH_WATCH):
            s.get(url)
            at = wait_for(lambda: s.js("return window.__lastParagraphAt"), 60, "the last paragraph")
        heap = metrics(s)["JSHeapUsedSize"]
        return {"last_paragraph_ms": at, "js_heap_bytes": heap}
    finally:
        s.quit()


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def compared(values):
    """Each page's summary, by name, and the app's median over each twin's:
    `ratio_app_static` over the one-request page, the limit."""
    medians = {who: statistics.median(v) for who, v in values.items()}
    return {**{who: summary(v) for who, v in values.items()},
            "ratio_app_static": medians["app"] / medians["static"],
            "ratio_app_static_linked": medians["app"] / medians["static-linked"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--photo-only", action="store_true", help="only the photo-led article")
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        sys.exit("dist/ is missing: run `make build`")
    os.makedirs(OUT, exist_ok=True)
    prepare_site()

    server = SiteServer(SITE).start()
    base = server.base
    driver = Browser()
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "chromium": subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()},
    }
    try:
        if args.photo_only:
            report["photo_led"] = photo_led(driver, args.pairs)
            print(json.dumps(report["photo_led"], indent=2, ensure_ascii=False))
            return
        files, first_render, shell, listen, search = sizes()
        report["bytes"] = {"files": files, "wasm+js": first_render, "shell wasm+js": shell, "listen": listen,
                           "search wasm+js": search}
        report["lcp"] = {}
        # Loopback at CPU 1x and 4x, then a phone (CPU 4x) on slow 4G and 3G.
        for label, rate, network in (("cpu1x", 1, None), ("cpu4x", 4, None),
                                     ("slow-4g cpu4x", 4, "slow-4g"), ("3g cpu4x", 4, "3g")):
            loads = lcp_loads(driver, base, args.pairs, rate, network)
            clicks = click_loads(driver, base, args.pairs, rate, network)

            row = compared({who: [x["lcp"] for x in got] for who, got in loads.items()})
            row["cls_app"] = summary([x["cls"] for x in loads["app"]])
            row["first_working_a_plus"] = compared(clicks)
            row["bytes_before_first_paint"] = compared(
                {who: [x["bytes_before_paint"] for x in got] for who, got in loads.items()})
            row["blocking_after_first_paint"] = {
                who: {"longest_task_ms": summary([x["longest"] for x in got]),
                      "blocking_ms": summary([x["blocking"] for x in got])}
                for who, got in loads.items()
            }
            report["lcp"][label] = row
        app = resize(driver, f"{base}/articles/{BIG}", "app")
        static = resize(driver, f"{base}/static/{BIG}.html", "static")
        report["resize_5000"] = {
            "app": {**app, "frame_ms": summary(app["frame_ms"])},
            "static": {**static, "frame_ms": summary(static["frame_ms"])},
            "ratio_app_static": statistics.median(app["frame_ms"]) / statistics.median(static["frame_ms"]),
        }
        report["big_load_5000"] = {"app": big_load(driver, f"{base}/articles/{BIG}"),
                                   "static": big_load(driver, f"{base}/static/{BIG}.html")}
        report["photo_led"] = photo_led(driver, args.pairs)
    finally:
        driver.stop()
        server.stop()

    with open(os.path.join(OUT, "report.json"), "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    print_table(report)


def print_table(r):
    kb = lambda n: "n/a" if n is None else f"{n / 1024:.1f} KB"  # noqa: E731
    print(f"\nbantin bench — {r['date']} — {r['machine']['cpus']} CPUs, {r['machine']['chromium']}\n")
    print(f"{'file':<14}{'raw':>12}{'gzip':>12}{'brotli':>12}")
    for kind, row in r["bytes"]["files"].items():
        print(f"{kind:<14}{kb(row['raw']):>12}{kb(row['gzip']):>12}{kb(row['brotli']):>12}")
    for label, key in (("wasm+js", "wasm+js"), ("app wasm+js", "shell wasm+js"), ("listen", "listen"),
                       ("search page", "search wasm+js")):
        t = r["bytes"][key]
        print(f"{label:<14}{kb(t['raw']):>12}{kb(t['gzip']):>12}{kb(t['brotli']):>12}")
    print("(wasm+js: what a pre-rendered page loads, the islands; app: the shell's whole app; "
          "listen: what a press of \"Nghe\" adds; search page: its WASM and JS before it searches, "
          "target 90 KB brotli, Pagefind's own files aside)\n")
    print("each profile: app against the one-request page (static: stylesheet inlined) and against the same "
          "page linking its stylesheet (linked)")
    for rate, row in r["lcp"].items():
        a, s, l = row["app"], row["static"], row["static-linked"]
        print(f"cold deep link LCP {rate}: app {a['median']:.0f} ms ({a['min']:.0f}–{a['max']:.0f}), "
              f"static {s['median']:.0f} ms ({s['min']:.0f}–{s['max']:.0f}), linked {l['median']:.0f} ms; "
              f"app/static {row['ratio_app_static']:.2f}, app/linked {row['ratio_app_static_linked']:.2f}, "
              f"CLS app max {row['cls_app']['max']:.4f}")
        c, b = row["first_working_a_plus"], row["bytes_before_first_paint"]
        print(f"    first working A+: app {c['app']['median']:.0f} ms, static {c['static']['median']:.0f} ms, "
              f"linked {c['static-linked']['median']:.0f} ms; app/static {c['ratio_app_static']:.2f}, "
              f"app/linked {c['ratio_app_static_linked']:.2f}")
        print(f"    bytes before first paint: app {kb(b['app']['median'])}, static {kb(b['static']['median'])}, "
              f"linked {kb(b['static-linked']['median'])}; app/static {b['ratio_app_static']:.2f}, "
              f"app/linked {b['ratio_app_static_linked']:.2f}")
        k = row["blocking_after_first_paint"]
        print(f"    after first paint, longest task: app {k['app']['longest_task_ms']['median']:.0f} ms "
              f"(max {k['app']['longest_task_ms']['max']:.0f}), static {k['static']['longest_task_ms']['median']:.0f} ms "
              f"(max {k['static']['longest_task_ms']['max']:.0f}); blocking: app {k['app']['blocking_ms']['median']:.0f} ms, "
              f"static {k['static']['blocking_ms']['median']:.0f} ms")
    z = r["resize_5000"]
    for who in ("app", "static"):
        w = z[who]
        print(f"A+ on 5,000 paragraphs, {who:<6}: {w['frame_ms']['median']:.1f} ms to next frame "
              f"({w['frame_ms']['min']:.1f}–{w['frame_ms']['max']:.1f}), recalcs/click {max(w['recalcs'])}, "
              f"layouts/click {max(w['layouts'])}, DOM nodes {w['nodes_before']}→{w['nodes_after']}")
    print(f"A+ app/static: {z['ratio_app_static']:.2f}")
    for who, w in r["big_load_5000"].items():
        print(f"5,000-paragraph load, {who:<6}: last paragraph in DOM at {w['last_paragraph_ms']:.0f} ms, "
              f"JS heap {w['js_heap_bytes'] / 1048576:.1f} MB")
    p = r.get("photo_led")
    if p:
        print(f"photo-led article ({p['photo']}), phone on {p['network']} CPU 4x: LCP app {p['app']['median']:.0f} ms "
              f"({p['app']['min']:.0f}–{p['app']['max']:.0f}), one-request page {p['static']['median']:.0f} ms "
              f"({p['static']['min']:.0f}–{p['static']['max']:.0f}); app/static {p['ratio_app_static']:.2f}; "
              f"CLS max app {p['cls']['app']['max']:.4f}, static {p['cls']['static']['max']:.4f}; "
              f"photo {p['taken']['copy']} ({kb(p['taken']['bytes'])})")
        a = p["photo_arrived"]
        print(f"    its photo arrived: app {a['app']['median']:.0f} ms, one-request page {a['static']['median']:.0f} ms; "
              f"app/static {a['ratio_app_static']:.2f}")
    print(f"\nreport: {os.path.relpath(os.path.join(OUT, 'report.json'), ROOT)}")


if __name__ == "__main__":
    main()
