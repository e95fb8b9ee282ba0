#!/usr/bin/env python3
"""`make bench`, part 5: photos. What a photo costs the build and the reader:

  per photo   `site photo` on a real photograph (MATE's Elephants, 5640×3172,
              from Debian's mate-backgrounds, which `make setup` installs) and
              on a made-up 4000×3000 camera photo (`site generate --photos`):
              seconds to make its copies on this machine (every core on the
              one photo, as a build with one new photo does), the original's
              bytes, each copy's bytes, and the copy a 360 px phone at DPR 2
              takes (the column is 336 CSS px, so 672 device px: the 800 px
              AVIF) as a share of the original
  archive     a generated archive of ARTICLES articles, PHOTOS of them with a
              1600 px photo: the build's `content` step with every photo new,
              then again with every photo in the photo cache (a publish)

Writes target/bench/photos.json and prints a table.

Usage: bench/photos.py [--articles 200] [--photos 100]
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "target", "bench")
SITE = os.path.join(ROOT, "target", "release", "site")
TRUNK = os.path.join(ROOT, "target", "trunk")
REAL = "/usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg"
# (360 CSS px less the column's 1.5rem of padding on a phone) at DPR 2.
PHONE_SLOT = (360 - 24) * 2


def photo_cost(path):
    folder = tempfile.mkdtemp(prefix="bantin-photo-")
    try:
        report = json.loads(subprocess.check_output([SITE, "photo", path, folder]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    avif = sorted((c for c in report["copies"] if c["format"] == "avif"), key=lambda c: c["width"])
    phone = next((c for c in avif if c["width"] >= PHONE_SLOT), avif[-1])
    report["phone_copy"] = phone
    report["phone_share"] = phone["bytes"] / report["bytes"]
    return report


def content_step(output):
    found = re.search(r"\[build\] content \(([\d.]+) s", output)
    return float(found.group(1)) if found else None


def archive(articles, photos):
    folder = tempfile.mkdtemp(prefix="bantin-photo-archive-")
    try:
        content, cache = os.path.join(folder, "content"), os.path.join(folder, "cache")
        subprocess.run([SITE, "generate", content, str(articles), "--photos", str(photos), "--photo-width", "1600"],
                       check=True, stdout=subprocess.DEVNULL)
        times = []
        for _ in ("new", "cached"):
            dist = os.path.join(folder, "dist")
            shutil.rmtree(dist, ignore_errors=True)
            shutil.copytree(TRUNK, dist)
            env = dict(os.environ, SITE_URL="http://127.0.0.1", CONTENT=content, PHOTO_CACHE=cache,
                       COMPRESS_CACHE=os.path.join(folder, "compress-cache"),
                       SEARCH_CACHE=os.path.join(folder, "search-cache"))
            done = subprocess.run([SITE, "build", dist], check=True, env=env, capture_output=True, text=True)
            times.append(content_step(done.stdout))
        return {"articles": articles, "photos": photos, "content_new_s": times[0], "content_cached_s": times[1],
                "per_new_photo_s": times[0] / photos if photos else None,
                "per_cached_photo_ms": 1000 * times[1] / photos if photos else None}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--photos", type=int, default=100)
    args = parser.parse_args()
    if not os.path.isfile(SITE):
        sys.exit("target/release/site is missing: run `make build`")
    sources = {}
    if os.path.isfile(REAL):
        sources["photograph 5640×3172"] = REAL
    else:
        print(f"bench/photos: {REAL} is missing (make setup installs mate-backgrounds); the made-up photo only")
    made = tempfile.mkdtemp(prefix="bantin-camera-")
    try:
        subprocess.run([SITE, "generate", made, "1", "--photos", "1", "--photo-width", "4000"],
                       check=True, stdout=subprocess.DEVNULL)
        sources["made-up 4000×3000"] = glob.glob(os.path.join(made, "anh", "*.jpg"))[0]
        results = {name: photo_cost(path) for name, path in sources.items()}
    finally:
        shutil.rmtree(made, ignore_errors=True)
    results["archive"] = archive(args.articles, args.photos)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "photos.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    print("| photo | original | seconds | phone's copy (360 px, DPR 2) | share of the original |")
    print("|---|---|---|---|---|")
    for name in sources:
        r = results[name]
        phone = r["phone_copy"]
        print(f"| {name} | {r['bytes'] / 1024:,.0f} KB | {r['seconds']:.2f} | {phone['width']} px AVIF, "
              f"{phone['bytes'] / 1024:.1f} KB | {100 * r['phone_share']:.1f}% |")
    a = results["archive"]
    print(f"\narchive of {a['articles']} articles, {a['photos']} photos of 1600 px: step content "
          f"{a['content_new_s']:.1f} s with every photo new ({a['per_new_photo_s']:.2f} s a photo), "
          f"{a['content_cached_s']:.2f} s with every photo in the cache ({a['per_cached_photo_ms']:.1f} ms a photo)")


if __name__ == "__main__":
    main()
