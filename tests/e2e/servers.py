"""The two real servers of dist/, started on free ports for the tests and the bench.

- `site`: `make serve`'s server (crates/site, axum + tower-http), built in release.
- `nginx`: `make serve-nginx`, i.e. deploy/nginx.conf run by scripts/serve-nginx.sh.

Both are started as subprocesses and stopped by `stop()`; `start()` returns
once the port answers.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DIST = os.path.join(ROOT, "dist")
SITE_BIN = os.path.join(ROOT, "target", "release", "site")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port} within {timeout} s")


class Server:
    """One real server process on 127.0.0.1."""

    kind = None

    def __init__(self, dist=DIST, port=None):
        self.dist = dist
        self.port = port or free_port()
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        raise NotImplementedError

    def start(self):
        # A file, not a pipe: a server that logs each request would fill an
        # unread pipe and then block (python's http.server did, under load).
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            self.command(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True
        )
        try:
            wait_for_port(self.port, self.process)
        except RuntimeError as e:
            self.log.seek(0)
            err = self.log.read().decode(errors="replace")
            self.stop()
            raise RuntimeError(f"{self.kind}: {e}\n{err}") from None
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
        self.cleanup()

    def cleanup(self):
        """Removes what the server wrote on disk; nothing for most."""


class SiteServer(Server):
    kind = "site"

    def command(self):
        if not os.access(SITE_BIN, os.X_OK):
            raise RuntimeError(f"{SITE_BIN} is missing: `make build` builds it")
        return [SITE_BIN, "serve", "--dir", self.dist, "--port", str(self.port)]


class NginxServer(Server):
    kind = "nginx"

    def command(self):
        # A fresh prefix (config, pid, logs) per server, removed by stop(): the
        # bench's load run writes ~160 MB of access log, and 240 left-over
        # prefixes once filled the disk a clean-clone CI run needed.
        os.makedirs(os.path.join(ROOT, "target"), exist_ok=True)
        self.prefix = tempfile.mkdtemp(prefix=f"nginx-test-{self.port}-", dir=os.path.join(ROOT, "target"))
        return [os.path.join(ROOT, "scripts", "serve-nginx.sh"), "--port", str(self.port), "--dist", self.dist, "--prefix", self.prefix]

    def cleanup(self):
        if getattr(self, "prefix", None):
            shutil.rmtree(self.prefix, ignore_errors=True)
            self.prefix = None


SERVERS = {"site": SiteServer, "nginx": NginxServer}
