#!/usr/bin/env python3
"""`make bench`, part 2: the servers under a bounded load on loopback, side by side
in one run (Debian's wrk: fixed seconds and connections, stops by itself).

Servers
  nginx          deploy/nginx.conf (`make serve-nginx`): precompressed .br/.gz
  site           `make serve` (crates/site: axum + tower-http)
  python         `python3 -m http.server`, what `make serve` was before (no
                 compression, no pretty URLs: asked for the files by name)
  nginx-gzip     deploy/nginx.conf with the .br/.gz files off and gzip per
                 request (level 6): what precompression saves

Requests: the seed article's page, the WASM and the article's JSON, with
`Accept-Encoding: br` (gzip for the nginx-gzip comparison). Reports requests
per second, p50/p99 latency, errors, and bytes per answer; writes
target/bench/load.json.

Usage: bench/load.py [--seconds 5] [--connections 16]   (needs dist/ from `make build`)
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)

from bench import loaded_by  # noqa: E402  (bench/bench.py, beside this file)
from tests.e2e.servers import DIST, NginxServer, Server, SiteServer, free_port  # noqa: E402

SEED = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc"
OUT = os.path.join(ROOT, "target", "bench")


class PythonServer(Server):
    kind = "python"

    def command(self):
        return [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", self.dist]


class NginxPerRequest(NginxServer):
    kind = "nginx-gzip"

    def command(self):
        return super().command() + ["--compress-per-request"]


def urls():
    # The WASM the article's page loads (the islands'), not whichever of the
    # two a glob lists first.
    wasm = "/" + loaded_by(os.path.join("articles", f"{SEED}.html"))[1]
    return {
        "page": (f"/articles/{SEED}", f"/articles/{SEED}.html"),
        "wasm": (wasm, wasm),
        "json": (f"/articles/{SEED}.json", f"/articles/{SEED}.json"),
    }


def parse_duration(text):
    """wrk's "1.23ms"; None for what it prints when nothing was measured."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return None
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_size(text):
    value, unit = re.match(r"([\d.]+)([KMG]?B)", text).groups()
    return float(value) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit]


def wrk(url, encoding, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"Accept-Encoding: {encoding}", url],
        capture_output=True, text=True, check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    read = parse_size(re.search(r"requests in [\d.]+\w+, ([\d.]+[KMG]?B) read", out).group(1))
    def percentile(p):
        match = re.search(rf"{p}%\s+(\S+)", out)
        return parse_duration(match.group(1)) if match else None

    p50, p99 = percentile(50), percentile(99)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": p50,
        "p99_ms": p99,
        "wrk": out if p50 is None or p99 is None else None,
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
        "bytes_per_answer": read / max(requests, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        sys.exit("dist/ is missing: run `make build`")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run `make setup`")
    plan = [("nginx", NginxServer, "br"), ("site", SiteServer, "br"), ("python", PythonServer, "br"),
            ("nginx-gzip", NginxPerRequest, "gzip"), ("nginx", NginxServer, "gzip")]
    report = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "cpus": os.cpu_count(),
              "seconds": args.seconds, "connections": args.connections, "runs": []}
    for kind, server_class, encoding in plan:
        server = server_class(port=free_port()).start()
        try:
            for what, (pretty, by_name) in urls().items():
                path = by_name if kind == "python" else pretty
                result = wrk(server.base + path, encoding, args.seconds, args.connections)
                report["runs"].append({"server": kind, "encoding": encoding, "what": what, **result})
        finally:
            server.stop()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "load.json"), "w") as f:
        json.dump(report, f, indent=2)
    print_table(report)


def print_table(report):
    print(f"\nload — {report['date']} — {report['cpus']} CPUs, wrk 1 thread, {report['connections']} connections, "
          f"{report['seconds']} s per row\n")
    print(f"{'server':<12}{'enc':<6}{'what':<6}{'req/s':>10}{'p50':>10}{'p99':>10}{'errors':>8}{'bytes/answer':>14}")
    rows = {(r["server"], r["encoding"], r["what"]): r for r in report["runs"]}
    for r in report["runs"]:
        ms = lambda v: "     n/a" if v is None else f"{v:>8.2f}"  # noqa: E731
        print(f"{r['server']:<12}{r['encoding']:<6}{r['what']:<6}{r['rps']:>10.0f}{ms(r['p50_ms'])}ms"
              f"{ms(r['p99_ms'])}ms{r['errors']:>8}{r['bytes_per_answer']:>14.0f}")
    print()
    for what in ("page", "wasm", "json"):
        nginx, python, site = rows[("nginx", "br", what)], rows[("python", "br", what)], rows[("site", "br", what)]
        per_request, static = rows[("nginx-gzip", "gzip", what)], rows[("nginx", "gzip", what)]
        ratio = lambda a, b: f"{a / b:.1f}x" if b else "n/a"  # noqa: E731
        print(f"{what}: requests/s nginx/python {ratio(nginx['rps'], python['rps'])}, "
              f"site/python {ratio(site['rps'], python['rps'])}; precompressed gzip vs gzip per request: "
              f"{ratio(static['rps'], per_request['rps'])} the requests/s, "
              f"{static['bytes_per_answer'] / per_request['bytes_per_answer']:.2f}x the bytes; "
              f"brotli 11 vs gzip per request: {nginx['bytes_per_answer'] / per_request['bytes_per_answer']:.2f}x the bytes")
    print(f"\nreport: {os.path.relpath(os.path.join(OUT, 'load.json'), ROOT)}")


if __name__ == "__main__":
    main()
