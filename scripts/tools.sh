#!/usr/bin/env bash
# Installs what building, serving and testing bantin need, skipping whatever is
# already present at the right version. Usage: scripts/tools.sh build|test|lint|fuzz|bench
#   build: wasm32 target, Trunk, wasm-bindgen-cli (the Cargo.lock version), wasm-opt 132
#   test:  all of the above, plus Debian's chromium and chromium-driver, axe-core and cargo-fuzz
#   fuzz:  nightly and cargo-fuzz
#   bench: build's tools, chromium and chromedriver, brotli
#   lint:  the wasm32 target, rustfmt and clippy
# Nothing here downloads from GitHub: only crates.io, npm and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
TOOLS_DIR="$PWD/.tools"

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

need_rust_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown target: present"
  else
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

need_components() {
  if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
    say "rustfmt and clippy: present"
  else
    say "adding rustfmt and clippy"
    rustup component add rustfmt clippy
  fi
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
    say "trunk $TRUNK_VERSION: present"
  else
    say "installing trunk $TRUNK_VERSION (about 14 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

# The CLI must be exactly the wasm-bindgen version in Cargo.lock.
need_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ -z "$want" ]; then
    echo "could not read the wasm-bindgen version from Cargo.lock" >&2
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $want" ]; then
    say "wasm-bindgen-cli $want: present"
  else
    # No --locked: the CLI's own lock file names a crate this registry lacks.
    say "installing wasm-bindgen-cli $want (about 7 minutes)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# Debian's binaryen (wasm-opt 108) emits a module that dies at start-up;
# npm's binaryen@132 works. Installed under .tools/, put on PATH by the Makefile.
need_wasm_opt() {
  local bin="$TOOLS_DIR/binaryen/node_modules/.bin/wasm-opt"
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    say "wasm-opt $BINARYEN_VERSION: present"
  else
    say "installing wasm-opt $BINARYEN_VERSION from npm (binaryen@$BINARYEN_VERSION)"
    npm_install binaryen "binaryen@$BINARYEN_VERSION"
  fi
}

# cargo-fuzz needs the nightly toolchain (installed on our machines).
need_cargo_fuzz() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain for cargo-fuzz"
    rustup toolchain install nightly --profile minimal
  fi
  if cargo fuzz --version >/dev/null 2>&1; then
    say "cargo-fuzz: present"
  else
    say "installing cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz --locked
  fi
}

# brotli for the bench's size table (Debian).
need_brotli() {
  if command -v brotli >/dev/null 2>&1; then
    say "brotli: present"
  else
    say "installing Debian's brotli"
    apt_install brotli
  fi
}

# axe-core, the accessibility rules the end-to-end tests run in the page (npm).
AXE_VERSION=4.11.0
need_axe() {
  local pkg="$TOOLS_DIR/axe/node_modules/axe-core/package.json"
  if [ -f "$pkg" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$pkg"; then
    say "axe-core $AXE_VERSION: present"
  else
    say "installing axe-core $AXE_VERSION from npm"
    npm_install axe "axe-core@$AXE_VERSION"
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# apt-get install, refreshing the package lists only if the first try fails.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y --no-install-recommends "$@" \
    || { as_root apt-get update && as_root apt-get install -y --no-install-recommends "$@"; }
}

# npm install into .tools/<dir>.
npm_install() {
  mkdir -p "$TOOLS_DIR/$1"
  npm install --prefix "$TOOLS_DIR/$1" --no-audit --no-fund --loglevel=error "$2"
}

major() { grep -oE '[0-9]+\.[0-9.]+' | head -n1 | cut -d. -f1; }

# Chromium and its driver come from Debian together, so their versions match.
need_chromium() {
  local have_browser have_driver
  have_browser=$( (/usr/bin/chromium --version 2>/dev/null || true) | major)
  have_driver=$( (/usr/bin/chromedriver --version 2>/dev/null || true) | major)
  if [ -n "$have_browser" ] && [ "$have_browser" = "$have_driver" ]; then
    say "chromium and chromedriver $have_browser: present"
  else
    say "installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
}

case "${1:-build}" in
  lint) need_rust_target; need_components ;;
  build) need_rust_target; need_trunk; need_wasm_bindgen; need_wasm_opt ;;
  test) need_rust_target; need_trunk; need_wasm_bindgen; need_wasm_opt; need_chromium; need_axe; need_cargo_fuzz ;;
  fuzz) need_cargo_fuzz ;;
  bench) need_rust_target; need_trunk; need_wasm_bindgen; need_wasm_opt; need_chromium; need_brotli ;;
  *) echo "usage: $0 build|test|lint|fuzz|bench" >&2; exit 2 ;;
esac
