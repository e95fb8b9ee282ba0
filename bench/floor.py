"""What the framework alone costs: the floor under bantin's bundle.

Builds two small apps (bench/floor/router: a toolbar-like control on a
routed page that hydrates, as every bantin page was before islands;
bench/floor/islands: the same control as a Leptos island, with the rest of
the page left as the host's HTML, as bantin's pre-rendered pages are) with
the app's Cargo.lock, release profile and toolchain (`make bench` passes the
release build's environment), then the pipeline the release build runs
(wasm-bindgen, wasm-opt -Oz, terser on the glue), and compares their WASM +
JS, brotli 11, with the app's own in dist/ (its islands, src/bin/reader.rs,
and the shell's whole app). Writes target/bench/floor.json.

    python3 bench/floor.py            # after `make build`
"""

import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import brotli_size, sizes  # noqa: E402  (the app's bytes, as bench.py counts them)

OUT = os.path.join(ROOT, "target", "bench")
FLOORS = ("router", "islands")
WASM_OPT_FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext"]


def brotli(path):
    with open(path, "rb") as f:
        return brotli_size(f.read())


def build(name):
    """Builds one floor app in target/bench/floor/<name>; its WASM and JS."""
    work = os.path.join(OUT, "floor", name)
    shutil.rmtree(os.path.join(work, "src"), ignore_errors=True)
    os.makedirs(work, exist_ok=True)
    source = os.path.join(ROOT, "bench", "floor", name)
    shutil.copytree(os.path.join(source, "src"), os.path.join(work, "src"))
    with open(os.path.join(source, "Cargo.toml"), encoding="utf-8") as f:
        manifest = f.read()
    with open(os.path.join(work, "Cargo.toml"), "w", encoding="utf-8") as f:
        f.write(manifest)
    # The app's versions of every crate the floor shares with it.
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), work)
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "--target", "wasm32-unknown-unknown"],
        cwd=work,
        check=True,
    )
    crate = "floor_" + name.replace("-", "_")
    built = os.path.join(work, "target", "wasm32-unknown-unknown", "release", f"{crate}.wasm")
    out = os.path.join(work, "out")
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(["wasm-bindgen", "--target", "web", "--no-typescript", "--out-dir", out, built], check=True)
    wasm = os.path.join(out, f"{crate}_bg.wasm")
    subprocess.run(["wasm-opt", "-Oz", *WASM_OPT_FEATURES, wasm, "-o", wasm], check=True)
    # The glue minified as the build step `glue` does it.
    js = os.path.join(out, f"{crate}.js")
    subprocess.run(["terser", js, "--module", "--compress", "--mangle", "-o", js], check=True)
    return {"wasm": brotli(wasm), "js": brotli(js)}


def app():
    """The app's own WASM and JS in dist/, as bench.py counts them: the
    islands a pre-rendered page loads, and the shell's whole app."""
    rows, *_ = sizes()
    if not all(k in rows for k in ("wasm", "js", "app wasm", "app js")):
        sys.exit("bench/floor.py: run `make build` first (dist/ needs both WASMs and their JS)")
    return {
        "bantin (islands)": {"wasm": rows["wasm"]["brotli"], "js": rows["js"]["brotli"]},
        "bantin (shell app)": {"wasm": rows["app wasm"]["brotli"], "js": rows["app js"]["brotli"]},
    }


def main():
    report = {"toolchain": os.environ.get("RUSTUP_TOOLCHAIN", "default"), "brotli_bytes": {}}
    for name in FLOORS:
        report["brotli_bytes"][f"floor-{name}"] = build(name)
    report["brotli_bytes"].update(app())
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "floor.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    # KB as bench.py prints them: 1,024 bytes.
    print(f"WASM + JS, brotli 11 (toolchain: {report['toolchain']}; target 90 KB)")
    for name, b in report["brotli_bytes"].items():
        print(f"  {name:<22}{(b['wasm'] + b['js']) / 1024:8.1f} KB  (WASM {b['wasm'] / 1024:.1f}, JS {b['js'] / 1024:.1f})")


if __name__ == "__main__":
    main()
