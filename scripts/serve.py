#!/usr/bin/env python3
"""A production-like static server for bantin's dist/ (Python standard library only).

- Files that exist are served with the right types (application/wasm included).
- A missing path whose last segment has a file extension (e.g. /articles/x.json)
  is a real 404, as on a correctly configured host.
- A path with a pre-rendered page next to it (/articles/<slug> ->
  articles/<slug>.html) gets that page.
- Any other missing path gets index.html (200): the SPA fallback that makes deep
  links such as /articles/<slug> work on a cold load.

Usage: scripts/serve.py [--dir dist] [--host 127.0.0.1] [--port 8080]
The end-to-end tests import `make_server` and add fault injection on top.
"""

import argparse
import functools
import http.server
import os
import posixpath
import sys
import urllib.parse

TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
}


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, fmt, *args):  # quiet unless asked
        if os.environ.get("BANTIN_SERVER_LOG"):
            super().log_message(fmt, *args)

    def end_headers(self):
        path = urllib.parse.urlsplit(self.path).path
        # Hashed build assets may be cached for long; the shell and data must revalidate.
        if "-" in posixpath.basename(path) and path.endswith((".wasm", ".js", ".css")):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_head(self):
        path = urllib.parse.urlsplit(self.path).path
        local = self.translate_path(path)
        if os.path.isdir(local):
            local = os.path.join(local, "index.html")
        if os.path.isfile(local):
            return super().send_head()
        if os.path.isfile(local + ".html"):
            # A pre-rendered page (make build writes articles/<slug>.html).
            self.path = path + ".html"
            return super().send_head()
        if "." in posixpath.basename(path):
            self.send_error(404, "Not Found")
            return None
        # SPA fallback: the app's router decides what this path is.
        self.path = "/index.html"
        return super().send_head()


class Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A reader who navigates away aborts the download: not a server error.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def make_server(directory, host="127.0.0.1", port=8080, handler=SpaHandler, server_class=Server):
    handler = functools.partial(handler, directory=os.path.abspath(directory))
    server = server_class((host, port), handler)
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="dist")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(f"{args.dir}/index.html is missing: run `make build` first")
    server = make_server(args.dir, args.host, args.port)
    print(f"bantin: serving {args.dir}/ on http://{args.host}:{args.port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
