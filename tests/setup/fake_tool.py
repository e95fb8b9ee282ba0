"""One stand-in for every tool scripts/setup.sh asks about or installs with.

Installed under many names (rustup, cargo, npm, apt-get, dpkg-query, trunk, ...)
in a folder put first on PATH; it acts as the tool its name says, from the
machine described in $FAKE_STATE/state.json, and appends every call to
$FAKE_STATE/calls.jsonl. Installing changes the state, as on a real machine, so
a later probe finds what was installed. A tool the state lacks behaves like a
missing command (exit 127, nothing on stdout).

State keys: rust_targets, rust_components, toolchains, crates {crate: version},
debian [packages], apt_lists_fresh (bool), fail [names whose install fails],
chromium_version, chromedriver_version.
"""

import json
import os
import sys

STATE_DIR = os.environ["FAKE_STATE"]
STATE = os.path.join(STATE_DIR, "state.json")
NAME = os.environ.get("FAKE_NAME") or os.path.basename(sys.argv[0])
ARGS = sys.argv[1:]
BINARIES = {"trunk": "trunk", "wasm-bindgen": "wasm-bindgen-cli", "cargo-fuzz": "cargo-fuzz", "geckodriver": "geckodriver"}


def load():
    with open(STATE, encoding="utf-8") as f:
        return json.load(f)


def save(state):
    with open(STATE, "w", encoding="utf-8") as f:
        json.dump(state, f)


def missing():
    print(f"{NAME}: command not found", file=sys.stderr)
    sys.exit(127)


def rustup(state):
    # Components of another toolchain than the default: "--toolchain NAME".
    toolchain = ARGS[ARGS.index("--toolchain") + 1] if "--toolchain" in ARGS else None
    parts = state.setdefault("toolchain_components", {})
    if ARGS[:3] == ["target", "list", "--installed"]:
        print("\n".join(["x86_64-unknown-linux-gnu"] + state["rust_targets"]))
    elif ARGS[:2] == ["target", "add"]:
        state["rust_targets"] += ARGS[2:]
    elif ARGS[:2] == ["component", "list"] and toolchain:
        if toolchain not in state["toolchains"]:
            sys.exit(f"error: toolchain '{toolchain}' is not installed")
        print("\n".join(["rustc-x86_64-unknown-linux-gnu"] + parts.get(toolchain, [])))
    elif ARGS[:2] == ["component", "add"] and toolchain:
        parts.setdefault(toolchain, []).append(ARGS[2])
    elif ARGS[:2] == ["component", "add"]:
        state["rust_components"] += ARGS[2:]
    elif ARGS[:2] == ["toolchain", "list"]:
        print("\n".join(f"{t}-x86_64-unknown-linux-gnu" for t in state["toolchains"]))
    elif ARGS[:2] == ["toolchain", "install"]:
        state["toolchains"].append(ARGS[2])
        if "--component" in ARGS:
            parts.setdefault(ARGS[2], []).append(ARGS[ARGS.index("--component") + 1])
    else:
        sys.exit(f"fake rustup: unexpected {ARGS}")


def cargo(state):
    if ARGS == ["fmt", "--version"]:
        if "rustfmt" not in state["rust_components"]:
            sys.exit("error: no such command: `fmt`")
        print("rustfmt 1.8.0-stable")
    elif ARGS == ["clippy", "--version"]:
        if "clippy" not in state["rust_components"]:
            sys.exit("error: no such command: `clippy`")
        print("clippy 0.1.95")
    elif ARGS == ["fuzz", "--version"]:
        if "cargo-fuzz" not in state["crates"]:
            sys.exit("error: no such command: `fuzz`")
        print(f"cargo-fuzz {state['crates']['cargo-fuzz']}")
    elif ARGS[:1] == ["install"]:
        crate = ARGS[1]
        if crate in state["fail"]:
            sys.exit(f"error: failed to compile `{crate}`")
        version = ARGS[ARGS.index("--version") + 1] if "--version" in ARGS else "0.13.1"
        state["crates"][crate] = version
    else:
        sys.exit(f"fake cargo: unexpected {ARGS}")


def installed_binary(state):
    version = state["crates"].get(BINARIES[NAME])
    if version is None:
        missing()
    if NAME == "geckodriver":
        print(f"geckodriver {version} (2b5ef1ba 2025-06-16 10:00 +0000)\n\nThe source code of this program is available ...")
        return
    print(f"{NAME} {version}")


def npm(state):
    if ARGS[:1] != ["install"]:
        sys.exit(f"fake npm: unexpected {ARGS}")
    prefix = ARGS[ARGS.index("--prefix") + 1]
    package, version = ARGS[-1].rsplit("@", 1)
    if package in state["fail"]:
        sys.exit(f"npm error 404 Not Found - GET https://registry.npmjs.org/{package}")
    if package == "binaryen":
        path = os.path.join(prefix, "node_modules", ".bin", "wasm-opt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"#!/bin/sh\necho 'wasm-opt version {version} (version_{version})'\n")
        os.chmod(path, 0o755)
    elif package in ("axe-core", "lighthouse", "terser"):
        path = os.path.join(prefix, "node_modules", package, "package.json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f'{{\n  "name": "{package}",\n  "version": "{version}"\n}}\n')
    else:
        sys.exit(f"fake npm: unexpected package {package}")


def pip3(state):
    if ARGS[:1] != ["install"]:
        sys.exit(f"fake pip3: unexpected {ARGS}")
    target = ARGS[ARGS.index("--target") + 1]
    name, version = ARGS[-1].split("==")
    if name in state["fail"]:
        sys.exit(f"ERROR: No matching distribution found for {ARGS[-1]}")
    info = os.path.join(target, f"{name}-{version}.dist-info")
    os.makedirs(info, exist_ok=True)
    with open(os.path.join(info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")


def apt_get(state):
    if ARGS == ["update"]:
        state["apt_lists_fresh"] = True
        return
    if ARGS[:1] != ["install"]:
        sys.exit(f"fake apt-get: unexpected {ARGS}")
    packages = [a for a in ARGS[1:] if not a.startswith("-")]
    for package in packages:
        if not state["apt_lists_fresh"] or package in state["fail"]:
            print(f"E: Unable to locate package {package}", file=sys.stderr)
            sys.exit(100)
    for package in packages:
        if package not in state["debian"]:
            state["debian"].append(package)
    if "chromium" in packages:
        state["chromium_version"] = "156.0.8078.73"
    if "chromium-driver" in packages:
        state["chromedriver_version"] = "156.0.8078.73"


def dpkg_query(state):
    package = ARGS[-1]
    if package not in state["debian"]:
        print(f"dpkg-query: no packages found matching {package}", file=sys.stderr)
        sys.exit(1)
    print("install ok installed", end="")


def browser(state):
    package = {"chromium": "chromium", "chromedriver": "chromium-driver"}[NAME]
    version = state.get(f"{NAME}_version")
    if package not in state["debian"] or not version:
        missing()
    print(f"Chromium {version} built on Debian" if NAME == "chromium" else f"ChromeDriver {version} (abc-refs/branch-heads)")


TOOLS = {
    "rustup": rustup,
    "cargo": cargo,
    "trunk": installed_binary,
    "wasm-bindgen": installed_binary,
    "geckodriver": installed_binary,
    "npm": npm,
    "pip3": pip3,
    "apt-get": apt_get,
    "dpkg-query": dpkg_query,
    "chromium": browser,
    "chromedriver": browser,
}


def main():
    if NAME == "sudo":  # the drill is not root: run the command as is, through PATH
        os.execvp(ARGS[0], ARGS)
    with open(os.path.join(STATE_DIR, "calls.jsonl"), "a", encoding="utf-8") as f:
        f.write(json.dumps([NAME] + ARGS) + "\n")
    state = load()
    TOOLS[NAME](state)
    save(state)


if __name__ == "__main__":
    main()
