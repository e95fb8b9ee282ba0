#!/usr/bin/env python3
"""Adds a Content-Security-Policy <meta> to a built index.html.

Scripts may only come from our own origin, plus the inline scripts that are in
the page at build time (the no-flash text-size script and Trunk's WASM loader),
each allowed by its SHA-256 hash. No 'unsafe-inline', no 'unsafe-eval'; the
WASM needs only 'wasm-unsafe-eval'.

Usage:
  scripts/csp.py dist/index.html            insert (or refresh) the meta tag
  scripts/csp.py --print dist/index.html    print the policy, for a server header
Run by Trunk as a post_build hook on release builds (Trunk.toml).
"""

import base64
import hashlib
import re
import sys

META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)
INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def policy(html):
    hashes = [
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        for body in INLINE_SCRIPT_RE.findall(META_RE.sub("", html))
    ]
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self'",
            "img-src 'self' https: data:",
            "connect-src 'self'",
            "font-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


def with_meta(html):
    html = META_RE.sub("", html)
    meta = '<meta http-equiv="Content-Security-Policy" content="%s">' % policy(html)
    # Right after <meta charset>: a CSP meta only governs what follows it.
    charset = re.search(r"<meta charset=[^>]*>", html, re.I)
    if not charset:
        sys.exit("csp.py: no <meta charset> in the page")
    return html[: charset.end()] + meta + html[charset.end():]


def main(argv):
    if len(argv) == 3 and argv[1] == "--print":
        with open(argv[2], encoding="utf-8") as f:
            print(policy(f.read()))
        return
    if len(argv) != 2:
        sys.exit(__doc__)
    path = argv[1]
    with open(path, encoding="utf-8") as f:
        html = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(with_meta(html))


if __name__ == "__main__":
    main(sys.argv)
