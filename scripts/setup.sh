#!/usr/bin/env bash
# Installs everything that `make build`, `make serve`, `make serve-nginx`,
# `make test`, `make bench` and `make lint` need, skipping whatever is already
# present at the right version. `make setup` runs it; every one of those targets
# depends on `make setup`.
#
# Order (each step may need the one before): rustup (wasm32 target, rustfmt and
# clippy, the pinned nightly toolchain with its library's source, for the
# release WASM and cargo-fuzz), then Debian's packages in one
# apt-get call, then cargo installs, then npm installs into .tools/, then PyPI
# into .tools/python.
#
# Rules, which the fresh-machine drill (tests/setup/test_drill.py, part of
# `make test`) holds it to:
#   - every probe is safe when the tool is missing: no pipeline under pipefail,
#     a missing command is an empty answer, never the end of the script;
#   - it asks each package manager for exactly what is missing, once;
#   - a failed install stops it with a message naming the tool and the command;
#   - every tool is found through PATH (so the drill's stand-ins take its place),
#     and .tools/ can be moved with BANTIN_TOOLS_DIR.
# Nothing here downloads from GitHub: only crates.io, npm and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The nightly that builds the release WASM (the Makefile reads this line:
# docs/speed.md, "Bytes") and runs cargo-fuzz. Pinned, so a new nightly cannot
# change or break a release.
NIGHTLY=nightly-2026-05-19
BINARYEN_VERSION=132
TERSER_VERSION=5.51.4
AXE_VERSION=4.11.0
LIGHTHOUSE_VERSION=12.2.3
PLAYWRIGHT_VERSION=1.65.2
# Selenium drives Firefox and WebKit (tests/e2e/engines.py); geckodriver is
# Firefox's WebDriver server, built from crates.io (0.37.1 drives Firefox ESR
# 140 and later).
SELENIUM_VERSION=4.50.0
GECKODRIVER_VERSION=0.37.1
TOOLS_DIR="${BANTIN_TOOLS_DIR:-$PWD/.tools}"
# Debian packages: the browser and its driver (together, so their versions
# match), the web server and its precompressed-brotli module, the load
# generator and brotli for the bench; Firefox ESR, and WebKitGTK's WebDriver
# (with its MiniBrowser) with the X server it needs, having no headless mode;
# nasm, which builds the AVIF encoder's assembly (rav1e, the photos step:
# without it the build of the site program fails); and MATE's backgrounds,
# whose photographs the bench makes into a camera's 4000×3000 photo;
# speech-dispatcher with espeak-ng's module and its audio plugins, for the
# test that reads an article aloud for real (Chromium's
# --enable-speech-dispatcher: espeak-ng has a Vietnamese voice).
DEBIAN_PACKAGES=(chromium chromium-driver nginx libnginx-mod-http-brotli-static wrk brotli firefox-esr webkit2gtk-driver xvfb xauth nasm mate-backgrounds speech-dispatcher speech-dispatcher-espeak-ng speech-dispatcher-audio-plugins espeak-ng)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Runs an install; on failure names the tool and the exact command, then stops.
run_install() {
  local tool=$1 status=0 shown
  shift
  shown="$*"
  shown=${shown#as_root }
  say "installing $tool: $shown"
  "$@" || status=$?
  if [ "$status" != 0 ]; then
    printf '\033[1m[setup]\033[0m FAILED to install %s: `%s` exited with status %s\n' "$tool" "$shown" "$status" >&2
    exit 1
  fi
}

# The output of a command, or nothing if it is missing or fails. Never fails.
output() { "$@" 2>&1 || true; }

# True if the text $1 has a line equal to $2.
has_line() { [[ $'\n'"$1"$'\n' == *$'\n'"$2"$'\n'* ]]; }

# The first version number's major part in $1 ("Chromium 156.0.1" -> 156).
major() { [[ $1 =~ ([0-9]+)\.[0-9] ]] && printf '%s' "${BASH_REMATCH[1]}" || true; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- rustup ---------------------------------------------------------------

need_rustup_parts() {
  if has_line "$(output rustup target list --installed)" wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown target: present"
  else
    run_install "the wasm32-unknown-unknown target" rustup target add wasm32-unknown-unknown
  fi
  if [[ $(output cargo fmt --version) == rustfmt* ]] && [[ $(output cargo clippy --version) == clippy* ]]; then
    say "rustfmt and clippy: present"
  else
    run_install "rustfmt and clippy" rustup component add rustfmt clippy
  fi
  # The release WASM builds its own standard library on the pinned nightly
  # (rust-src), aborting on a panic; cargo-fuzz needs a nightly too.
  if [[ $'\n'$(output rustup toolchain list) != *$'\n'"$NIGHTLY"-* ]]; then
    run_install "the $NIGHTLY toolchain" rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
  elif has_line "$(output rustup component list --toolchain "$NIGHTLY" --installed)" rust-src; then
    say "$NIGHTLY toolchain with rust-src: present"
  else
    run_install "rust-src for $NIGHTLY" rustup component add rust-src --toolchain "$NIGHTLY"
  fi
}

# --- Debian ---------------------------------------------------------------

debian_has() { [ "$(output dpkg-query -W -f='${Status}' "$1")" = "install ok installed" ]; }

# Chromium and its driver must also agree on their version.
browser_ok() {
  local browser driver
  browser=$(major "$(output chromium --version)")
  driver=$(major "$(output chromedriver --version)")
  [ -n "$browser" ] && [ "$browser" = "$driver" ]
}

need_debian_packages() {
  local missing=() pkg
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    debian_has "$pkg" || missing+=("$pkg")
  done
  # Both installed but not at one version (or not running): ask for both again.
  if debian_has chromium && debian_has chromium-driver && ! browser_ok; then
    missing=(chromium chromium-driver "${missing[@]}")
  fi
  if [ ${#missing[@]} = 0 ]; then
    say "Debian packages (${DEBIAN_PACKAGES[*]}): present"
    return
  fi
  export DEBIAN_FRONTEND=noninteractive
  local cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
  say "installing from Debian: ${missing[*]}"
  # A fresh machine may have no package lists yet: refresh them only if needed.
  if ! as_root "${cmd[@]}"; then
    run_install "the package lists" as_root apt-get update
    run_install "${missing[*]} (Debian)" as_root "${cmd[@]}"
  fi
  for pkg in "${missing[@]}"; do
    debian_has "$pkg" || { echo "[setup] FAILED: apt-get reported success but $pkg is not installed" >&2; exit 1; }
  done
  browser_ok || { echo "[setup] FAILED: chromium and chromedriver do not run at the same version" >&2; exit 1; }
}

# --- cargo ----------------------------------------------------------------

need_trunk() {
  if [ "$(output trunk --version)" = "trunk $TRUNK_VERSION" ]; then
    say "trunk $TRUNK_VERSION: present"
  else
    # 0.22 needs rustc >= 1.96; --locked for a reproducible tool (~14 minutes).
    run_install "trunk $TRUNK_VERSION" cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

# The CLI must be exactly the wasm-bindgen version in Cargo.lock.
wasm_bindgen_version() {
  local line found=""
  while IFS= read -r line; do
    if [ "$found" = 1 ]; then
      [[ $line =~ ^version\ =\ \"([^\"]+)\" ]] && printf '%s' "${BASH_REMATCH[1]}"
      return
    fi
    [ "$line" = 'name = "wasm-bindgen"' ] && found=1
  done < Cargo.lock
}

need_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  if [ -z "$want" ]; then
    echo "[setup] FAILED: could not read the wasm-bindgen version from Cargo.lock" >&2
    exit 1
  fi
  if [ "$(output wasm-bindgen --version)" = "wasm-bindgen $want" ]; then
    say "wasm-bindgen-cli $want: present"
  else
    # No --locked: the CLI's own lock file names a crate this registry lacks.
    run_install "wasm-bindgen-cli $want" cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

need_geckodriver() {
  if [[ $(output geckodriver --version) == "geckodriver $GECKODRIVER_VERSION"* ]]; then
    say "geckodriver $GECKODRIVER_VERSION: present"
  else
    run_install "geckodriver $GECKODRIVER_VERSION" cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
}

need_cargo_fuzz() {
  if [[ $(output cargo fuzz --version) == cargo-fuzz* ]]; then
    say "cargo-fuzz: present"
  else
    run_install "cargo-fuzz" cargo install cargo-fuzz --locked
  fi
}

# --- npm, into .tools/ -----------------------------------------------------

npm_install() {
  mkdir -p "$TOOLS_DIR/$1"
  run_install "$2 (npm)" npm install --prefix "$TOOLS_DIR/$1" --no-audit --no-fund --loglevel=error "$2"
}

# Debian's binaryen (wasm-opt 108) emits a module that dies at start-up;
# npm's binaryen@132 works. The Makefile puts it first on PATH.
need_wasm_opt() {
  if [[ $(output "$TOOLS_DIR/binaryen/node_modules/.bin/wasm-opt" --version) == *"version $BINARYEN_VERSION"* ]]; then
    say "wasm-opt $BINARYEN_VERSION: present"
  else
    npm_install binaryen "binaryen@$BINARYEN_VERSION"
  fi
}

# An npm package at an exact version in .tools/<folder>, by its package.json.
need_npm_package() {
  local folder=$1 package=$2 version=$3
  local pkg="$TOOLS_DIR/$folder/node_modules/$package/package.json"
  if [ -f "$pkg" ] && [[ $(<"$pkg") == *"\"version\": \"$version\""* ]]; then
    say "$package $version: present"
  else
    npm_install "$folder" "$package@$version"
  fi
}

# --- PyPI, into .tools/python ----------------------------------------------

# A PyPI package at an exact version in .tools/python (tests/e2e/browser.py
# and engines.py put it on sys.path): Playwright for Python drives the
# end-to-end tests and the bench on Debian's Chromium (its own browser download,
# `playwright install`, is never run); Selenium drives Firefox and WebKit.
need_pip_package() {
  local name=$1 version=$2 dir="$TOOLS_DIR/python" have
  have=$(output python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); from importlib.metadata import version; print(version(sys.argv[2]))' "$dir" "$name")
  if [ "$have" = "$version" ]; then
    say "$name $version: present"
  else
    run_install "$name $version (PyPI)" pip3 install --quiet --disable-pip-version-check --upgrade --target "$dir" "$name==$version"
  fi
}

case "${1:-all}" in
  all)
    need_rustup_parts
    need_debian_packages
    need_trunk
    need_wasm_bindgen
    need_cargo_fuzz
    need_geckodriver
    need_wasm_opt
    # terser: the build step `glue` minifies wasm-bindgen's glue with it.
    need_npm_package terser terser "$TERSER_VERSION"
    # axe-core: the accessibility rules the end-to-end tests run in the page.
    need_npm_package axe axe-core "$AXE_VERSION"
    # Lighthouse (12.2.3 runs on this Node 20): the SEO, accessibility and
    # best-practices scores the end-to-end tests check.
    need_npm_package lighthouse lighthouse "$LIGHTHOUSE_VERSION"
    need_pip_package playwright "$PLAYWRIGHT_VERSION"
    need_pip_package selenium "$SELENIUM_VERSION"
    say "all tools present"
    ;;
  *) echo "usage: $0 [all]" >&2; exit 2 ;;
esac
