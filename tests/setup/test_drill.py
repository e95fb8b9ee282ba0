"""The fresh-machine drill: scripts/setup.sh, run for real against stand-ins.

Every tool the script probes or installs with (rustup, cargo, npm, apt-get,
dpkg-query, chromium, chromedriver, trunk, wasm-bindgen) is tests/setup/fake_tool.py,
first on a PATH that leaves out ~/.cargo/bin. The stand-ins act out a described
machine and record their calls, so a test can assert that the script asks for
exactly what is missing, in a working order, and stops with a clear message
when an install fails. It takes seconds and installs nothing.

As root the script also runs in its own mount namespace (`unshare -m`) with a
tripwire bind-mounted over each real package manager and browser, so even a
call by absolute path is caught, never carried out.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SETUP = os.path.join(ROOT, "scripts", "setup.sh")
FAKE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fake_tool.py")
FAKES = ["rustup", "cargo", "npm", "pip3", "apt-get", "dpkg-query", "chromium", "chromedriver", "trunk", "wasm-bindgen", "geckodriver", "sudo"]
REAL_TOOLS = ["apt-get", "apt", "dpkg", "dpkg-query", "npm", "cargo", "rustup", "chromium", "chromedriver", "geckodriver", "pip", "pip3"]


def lock_version(name):
    with open(os.path.join(ROOT, "Cargo.lock"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    return lines[lines.index(f'name = "{name}"') + 1].split('"')[1]


WASM_BINDGEN = lock_version("wasm-bindgen")


def setup_value(name):
    """A pinned value of scripts/setup.sh (NAME=value), as the Makefile reads it."""
    with open(SETUP, encoding="utf-8") as f:
        return next(line.split("=", 1)[1].strip() for line in f if line.startswith(name + "="))


NIGHTLY = setup_value("NIGHTLY")
PLAYWRIGHT = "playwright==1.65.2"
SELENIUM = "selenium==4.50.0"
GECKODRIVER = ["cargo", "install", "geckodriver", "--version", "0.37.1", "--locked"]
DEBIAN = ["chromium", "chromium-driver", "nginx", "libnginx-mod-http-brotli-static", "wrk", "brotli",
          "firefox-esr", "webkit2gtk-driver", "xvfb", "xauth", "nasm", "mate-backgrounds",
          "speech-dispatcher", "speech-dispatcher-espeak-ng", "speech-dispatcher-audio-plugins", "espeak-ng"]
APT = ["apt-get", "install", "-y", "--no-install-recommends"]


def bare_machine():
    """rustup and cargo with the host toolchain, node and npm, apt with stale lists."""
    return {
        "rust_targets": [],
        "rust_components": [],
        "toolchains": ["stable"],
        "crates": {},
        "debian": [],
        "apt_lists_fresh": False,
        "fail": [],
    }


def provisioned_machine():
    return {
        "rust_targets": ["wasm32-unknown-unknown"],
        "rust_components": ["rustfmt", "clippy"],
        "toolchains": ["stable", NIGHTLY],
        "toolchain_components": {NIGHTLY: ["rust-src"]},
        "crates": {"trunk": "0.21.14", "wasm-bindgen-cli": WASM_BINDGEN, "cargo-fuzz": "0.13.1", "geckodriver": "0.37.1"},
        "debian": list(DEBIAN),
        "apt_lists_fresh": True,
        "fail": [],
        "chromium_version": "156.0.8078.73",
        "chromedriver_version": "156.0.8078.73",
    }


# What .tools/ holds on a provisioned machine: folder -> (the stand-in that
# installs it, its folder flag, what it installs).
TOOLS = {
    "binaryen": ("npm", "--prefix", ["binaryen@132"]),
    "terser": ("npm", "--prefix", ["terser@5.51.4"]),
    "axe": ("npm", "--prefix", ["axe-core@4.11.0"]),
    "lighthouse": ("npm", "--prefix", ["lighthouse@12.2.3"]),
    "python": ("pip3", "--target", [PLAYWRIGHT, SELENIUM]),
}
ALL_TOOLS = tuple(TOOLS)


class Machine:
    """A temporary folder with the stand-ins, their state and a .tools/ folder
    holding the `tools` named (keys of TOOLS)."""

    def __init__(self, state, tools=()):
        self.dir = tempfile.mkdtemp(prefix="bantin-drill-")
        self.bin = os.path.join(self.dir, "bin")
        self.tools = os.path.join(self.dir, "tools")
        os.makedirs(self.bin)
        with open(os.path.join(self.dir, "state.json"), "w", encoding="utf-8") as f:
            json.dump(state, f)
        for name in FAKES:
            path = os.path.join(self.bin, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"#!/bin/sh\nFAKE_NAME={name} exec {sys.executable} {FAKE} \"$@\"\n")
            os.chmod(path, 0o755)
        self.tripwire = os.path.join(self.dir, "tripwire")
        with open(self.tripwire, "w", encoding="utf-8") as f:
            f.write(f"#!/bin/sh\necho \"TRIPWIRE $0 $*\" >> {self.dir}/tripwire.log\nexit 99\n")
        os.chmod(self.tripwire, 0o755)
        for folder in tools:
            # Installed through the stand-in, then forgotten: not part of the run.
            tool, flag, specs = TOOLS[folder]
            for spec in specs:
                subprocess.run([os.path.join(self.bin, tool), "install", flag, os.path.join(self.tools, folder), spec],
                               env=self.env(), check=True)
            os.remove(os.path.join(self.dir, "calls.jsonl"))

    def env(self):
        return {
            "PATH": f"{self.bin}:/usr/local/bin:/usr/bin:/bin",
            "HOME": os.environ.get("HOME", "/root"),
            "FAKE_STATE": self.dir,
            "BANTIN_TOOLS_DIR": self.tools,
            "LANG": "C.UTF-8",
        }

    def command(self):
        if os.geteuid() != 0 or not shutil.which("unshare"):
            return ["bash", SETUP]
        # Tripwires over the real tools, in a mount namespace of our own.
        mounts = []
        for name in REAL_TOOLS:
            for folder in ["/usr/bin", "/usr/local/bin", "/bin", os.path.expanduser("~/.cargo/bin")]:
                path = os.path.join(folder, name)
                if os.path.exists(path):
                    mounts.append(f"mount --bind {self.tripwire} {os.path.realpath(path)}")
        # And the project's real .tools/ out of reach: a script that ignores
        # BANTIN_TOOLS_DIR writes into an empty tmpfs, never over real tools.
        real_tools = os.path.join(ROOT, ".tools")
        os.makedirs(real_tools, exist_ok=True)
        mounts.append(f"mount -t tmpfs tmpfs {real_tools}")
        script = " && ".join(mounts + [f"exec bash {SETUP}"])
        return ["unshare", "-m", "--propagation", "private", "sh", "-c", script]

    def run(self):
        result = subprocess.run(self.command(), env=self.env(), cwd=ROOT, capture_output=True, text=True, timeout=60)
        calls_path = os.path.join(self.dir, "calls.jsonl")
        calls = []
        if os.path.exists(calls_path):
            with open(calls_path, encoding="utf-8") as f:
                calls = [json.loads(line) for line in f]
            os.remove(calls_path)
        return result, calls

    def tripped(self):
        path = os.path.join(self.dir, "tripwire.log")
        return open(path, encoding="utf-8").read() if os.path.exists(path) else ""

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def installs(calls):
    """The calls that change the machine, in order."""
    changing = []
    for call in calls:
        name, args = call[0], call[1:]
        if (name == "rustup" and args[:2] in (["target", "add"], ["component", "add"], ["toolchain", "install"])) or (
            name in ("cargo", "npm", "pip3", "apt-get") and args[:1] in (["install"], ["update"])
        ):
            changing.append(call)
    return changing


def npm_call(tools, folder, spec):
    return ["npm", "install", "--prefix", os.path.join(tools, folder), "--no-audit", "--no-fund", "--loglevel=error", spec]


class SetupDrill(unittest.TestCase):
    def machine(self, state, tools=()):
        machine = Machine(state, tools)
        self.addCleanup(machine.close)
        return machine

    def run_setup(self, machine):
        result, calls = machine.run()
        self.assertEqual(machine.tripped(), "", "setup called a real package manager or browser")
        return result, calls

    def test_a_bare_machine_gets_everything_in_a_working_order_then_nothing_twice(self):
        machine = self.machine(bare_machine())
        result, calls = self.run_setup(machine)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(
            installs(calls),
            [
                ["rustup", "target", "add", "wasm32-unknown-unknown"],
                ["rustup", "component", "add", "rustfmt", "clippy"],
                ["rustup", "toolchain", "install", NIGHTLY, "--profile", "minimal", "--component", "rust-src"],
                APT + DEBIAN,  # the lists are stale on a fresh machine: this one fails ...
                ["apt-get", "update"],  # ... so they are refreshed, once
                APT + DEBIAN,
                ["cargo", "install", "trunk", "--version", "0.21.14", "--locked"],
                ["cargo", "install", "wasm-bindgen-cli", "--version", WASM_BINDGEN, "--force"],
                ["cargo", "install", "cargo-fuzz", "--locked"],
                GECKODRIVER,
                npm_call(machine.tools, "binaryen", "binaryen@132"),
                npm_call(machine.tools, "terser", "terser@5.51.4"),
                npm_call(machine.tools, "axe", "axe-core@4.11.0"),
                npm_call(machine.tools, "lighthouse", "lighthouse@12.2.3"),
                ["pip3", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "--target",
                 os.path.join(machine.tools, "python"), PLAYWRIGHT],
                ["pip3", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "--target",
                 os.path.join(machine.tools, "python"), SELENIUM],
            ],
        )
        self.assertIn("all tools present", result.stdout)

        again, calls = self.run_setup(machine)
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        self.assertEqual(installs(calls), [], "a second run installs nothing")

    def test_a_provisioned_machine_installs_nothing(self):
        machine = self.machine(provisioned_machine(), tools=ALL_TOOLS)
        result, calls = self.run_setup(machine)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(installs(calls), [])

    def test_only_what_is_missing_or_at_the_wrong_version_is_asked_for(self):
        state = provisioned_machine()
        state["debian"] = [p for p in DEBIAN if p not in ("chromium-driver", "wrk")]
        del state["chromedriver_version"]
        state["crates"]["trunk"] = "0.20.3"
        machine = self.machine(state, tools=ALL_TOOLS)
        result, calls = self.run_setup(machine)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(
            installs(calls),
            [APT + ["chromium-driver", "wrk"], ["cargo", "install", "trunk", "--version", "0.21.14", "--locked"]],
        )

    def test_the_other_engines_tools_are_asked_for_alone_when_missing_or_at_another_version(self):
        state = provisioned_machine()
        state["debian"] = [p for p in DEBIAN if p not in ("webkit2gtk-driver", "xvfb")]
        state["crates"]["geckodriver"] = "0.36.0"
        machine = self.machine(state, tools=("binaryen", "terser", "axe", "lighthouse"))
        # .tools/python with Playwright only: Selenium is missing.
        subprocess.run([os.path.join(machine.bin, "pip3"), "install", "--target", os.path.join(machine.tools, "python"), PLAYWRIGHT],
                       env=machine.env(), check=True)
        os.remove(os.path.join(machine.dir, "calls.jsonl"))
        result, calls = self.run_setup(machine)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(
            installs(calls),
            [APT + ["webkit2gtk-driver", "xvfb"], GECKODRIVER,
             ["pip3", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "--target",
              os.path.join(machine.tools, "python"), SELENIUM]],
        )
        again, calls = self.run_setup(machine)
        self.assertEqual(installs(calls), [], "a second run installs nothing")

    def test_a_floating_nightly_is_not_the_pinned_one_and_its_source_is_added_alone(self):
        state = provisioned_machine()
        state["toolchains"] = ["stable", "nightly"]
        state["toolchain_components"] = {}
        machine = self.machine(state, tools=ALL_TOOLS)
        result, calls = self.run_setup(machine)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(
            installs(calls), [["rustup", "toolchain", "install", NIGHTLY, "--profile", "minimal", "--component", "rust-src"]]
        )

        state = provisioned_machine()
        state["toolchain_components"] = {NIGHTLY: []}
        machine = self.machine(state, tools=ALL_TOOLS)
        result, calls = self.run_setup(machine)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(installs(calls), [["rustup", "component", "add", "rust-src", "--toolchain", NIGHTLY]])

    def test_a_browser_and_driver_at_different_versions_are_reinstalled_together(self):
        state = provisioned_machine()
        state["chromedriver_version"] = "155.0.7000.1"
        machine = self.machine(state, tools=ALL_TOOLS)
        result, calls = self.run_setup(machine)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(installs(calls), [APT + ["chromium", "chromium-driver"]])

    def test_a_failed_debian_install_stops_with_the_package_and_the_command(self):
        state = bare_machine()
        state["fail"] = ["nginx"]
        machine = self.machine(state)
        result, calls = self.run_setup(machine)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("FAILED to install", result.stderr)
        self.assertIn("nginx", result.stderr.split("FAILED to install", 1)[1])
        self.assertIn("`apt-get install -y --no-install-recommends " + " ".join(DEBIAN) + "` exited with status 100", result.stderr)
        self.assertFalse(any(c[0] in ("cargo", "npm") and c[1] == "install" for c in calls), "it stopped at the failure")

    def test_a_failed_cargo_install_names_the_tool_and_the_command(self):
        state = provisioned_machine()
        del state["crates"]["trunk"]
        state["fail"] = ["trunk"]
        machine = self.machine(state, tools=ALL_TOOLS)
        result, _ = self.run_setup(machine)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("FAILED to install trunk 0.21.14: `cargo install trunk --version 0.21.14 --locked` exited with status 1", result.stderr)

    def test_a_failed_pip_install_names_the_tool_and_the_command(self):
        state = provisioned_machine()
        state["fail"] = ["playwright"]
        machine = self.machine(state, tools=("binaryen", "terser", "axe", "lighthouse"))
        result, _ = self.run_setup(machine)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("FAILED to install playwright 1.65.2 (PyPI): `pip3 install", result.stderr)

    def test_a_failed_npm_install_names_the_tool_and_the_command(self):
        state = provisioned_machine()
        state["fail"] = ["binaryen"]
        machine = self.machine(state)
        result, _ = self.run_setup(machine)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("FAILED to install binaryen@132 (npm): `npm install --prefix", result.stderr)


if __name__ == "__main__":
    unittest.main()
