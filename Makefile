# bantin — the two commands a newcomer needs are `make serve` and `make test`.
# Both install what they need first (`make setup`, scripts/setup.sh) and skip what is there.

SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/binaryen/node_modules/.bin:$(CURDIR)/.tools/terser/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
PORT ?= 8080
# The site's public origin, for share previews, canonical links and feeds:
# set it for production (`make build SITE_URL=https://baobackan.vn`).
SITE_URL ?= http://127.0.0.1:$(PORT)
# The folder of article files the site is built from (and `make import` writes
# to); STRICT=1 makes a file that fails validation fail the build.
CONTENT ?= public/articles
STRICT ?=
# Articles per part of the search index (docs/operating.md, "Search"; empty: the
# build's own default): fewer, less memory for the build; more, fewer files
# per query on a large archive.
SEARCH_SHARD ?=
# FRESH=1: a build that reuses nothing of the last one: every photo copy,
# every pre-rendered page, every .br/.gz and every part of the search index
# made again (target/photo-cache, target/page-cache, target/compress-cache
# and target/search-cache are neither read nor written). Its dist/ is byte for byte an ordinary build's.
FRESH ?=

FUZZ_SECONDS ?= 60

# The release WASM is built on the nightly that scripts/setup.sh pins (read
# from there): it aborts at once on a panic, with no unwinding or panic
# messages, and its standard library is built for size (docs/speed.md, "Bytes";
# the page's script shows the crash message, src/crash.rs). These flags
# replace .cargo/config.toml's for the WASM, so they name its
# `erase_components` again: the host's pre-rendering has it too, and the two
# must agree. `make build RELEASE_TOOLCHAIN=stable` builds on stable.
NIGHTLY := $(shell sed -n 's/^NIGHTLY=//p' scripts/setup.sh)
RELEASE_TOOLCHAIN ?= $(NIGHTLY)
ifeq ($(RELEASE_TOOLCHAIN),stable)
RELEASE_ENV :=
else
RELEASE_ENV := RUSTUP_TOOLCHAIN=$(RELEASE_TOOLCHAIN) \
	CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
endif

.PHONY: setup serve serve-nginx dev build import test test-setup test-unit test-browser test-e2e test-fuzz fuzz bench lint clean

## serve: build the release app and serve it on http://127.0.0.1:$(PORT), as production does
serve: build
	target/release/site serve --dir dist --port $(PORT)

## serve-nginx: the same, through deploy/nginx.conf on Debian's nginx (foreground, Ctrl-C stops)
serve-nginx: build
	scripts/serve-nginx.sh --port $(PORT) --dist dist --prefix target/nginx

## dev: Trunk's dev server with rebuild on save (debug build)
dev: setup
	cargo build --quiet --release -p bantin-site
	trunk serve --offline

## build: the release build in dist/ (wasm-opt -Oz), pre-rendered pages, .br/.gz beside each file
# Trunk builds four WASMs: the whole app (index.html, the shell's), the
# islands (reader.html, the pre-rendered pages', src/islands.rs), the search
# page's islands (finder.html) and the speaking part of "Nghe bài viết"
# (listen.html, loaded on a press), whose
# files join the app's in target/trunk (Trunk names each page index.html). That
# folder stays as Trunk made it; the build steps finish a copy of it beside
# dist/ (dist.next), so a build can be run again (or for another CONTENT),
# and `site publish` swaps it in only if every step succeeded: a failed or
# interrupted build leaves dist/ as it was. The previous build's hashed
# files stay in dist/ through one more build, for pages still open. The tree
# dist/ replaced is kept as dist.previous, and the next build starts from
# it (`site stage`): its folders of per-article files are brought up to
# date in place, so publishing one article touches tens of files, not every
# article's (FRESH=1 starts from nothing).
build: setup
	cargo fetch --quiet
	$(RELEASE_ENV) cargo fetch --quiet --target wasm32-unknown-unknown
	$(RELEASE_ENV) trunk build --release --offline --dist target/trunk
	$(RELEASE_ENV) trunk build reader.html --release --offline --dist target/trunk-reader
	$(RELEASE_ENV) trunk build listen.html --release --offline --dist target/trunk-listen
	$(RELEASE_ENV) trunk build finder.html --release --offline --dist target/trunk-finder
	cp target/trunk-reader/*.js target/trunk-reader/*.wasm target/trunk/ && cp target/trunk-reader/index.html target/trunk/reader.html
	cp target/trunk-finder/*.js target/trunk-finder/*.wasm target/trunk/ && cp target/trunk-finder/index.html target/trunk/finder.html
	cp target/trunk-listen/*.js target/trunk-listen/*.wasm target/trunk/ && cp target/trunk-listen/index.html target/trunk/listen.html
	cargo build --quiet --release -p bantin-site
	target/release/site stage target/trunk dist.next $(if $(filter 1,$(FRESH)),,dist.previous)
	SITE_URL="$(SITE_URL)" CONTENT="$(CONTENT)" STRICT="$(STRICT)" SEARCH_SHARD="$(SEARCH_SHARD)" FRESH="$(FRESH)" target/release/site build dist.next
	target/release/site publish dist.next dist

## import: the portal's text exports (a file or a folder, FROM=…) as article files in CONTENT
import: setup
	@test -n "$(FROM)" || { echo "usage: make import FROM=<file or folder> [CONTENT=public/articles]"; exit 2; }
	cargo build --quiet --release -p bantin-site
	target/release/site import "$(FROM)" --content "$(CONTENT)"

## test: every test — host unit tests, browser tests, end-to-end tests
# The set-up drill runs first: a broken scripts/setup.sh shows in seconds, not
# after twenty minutes of installs.
test: test-setup setup test-unit test-browser build test-e2e test-fuzz

## bench: the release build vs the same article as static HTML (target/bench/report.json),
## the servers under load: nginx, make serve, the old Python server (target/bench/load.json),
## then archives of 20, 10,000 and 100,000 generated articles (target/bench/scale.json),
## then what photos cost the build and the reader (target/bench/photos.json),
## then the framework's own floor under the bundle (target/bench/floor.json)
bench: build
	python3 bench/bench.py
	python3 bench/load.py
	python3 bench/scale.py
	python3 bench/photos.py
	$(RELEASE_ENV) python3 bench/floor.py

test-unit:
	cargo test --quiet --workspace

## test-setup: the fresh-machine drill (scripts/setup.sh against stand-ins; seconds, installs nothing)
test-setup:
	python3 -m unittest discover -s tests/setup -t . -v

test-browser: setup
	cargo test --target wasm32-unknown-unknown --features hydrate --test browser

# (BANTIN_ENGINES=required: the Firefox and WebKit suites fail, not skip,
# where their tools are missing; make setup installs them.)
test-e2e: setup
	BANTIN_ENGINES=required python3 -m unittest discover -s tests/e2e -t . -v

## fuzz: run the decoder fuzzer for FUZZ_SECONDS, then minimise the kept corpus
fuzz: setup
	cd fuzz && cargo +$(NIGHTLY) fuzz run decode corpus/decode -- -max_total_time=$(FUZZ_SECONDS)
	cd fuzz && cargo +$(NIGHTLY) fuzz cmin decode corpus/decode

# The short run inside `make test`: reads the kept corpus, writes new finds under target/.
test-fuzz: setup
	mkdir -p fuzz/target/new-corpus
	cd fuzz && cargo +$(NIGHTLY) fuzz run decode target/new-corpus corpus/decode -- -max_total_time=20

## lint: formatting and clippy on host and wasm32, warnings are errors
lint: setup
	cargo fmt --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p bantin --features hydrate --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p bantin --features csr --bin bantin --target wasm32-unknown-unknown -- -D warnings

## setup: install every tool the other targets need (skips what is present)
setup:
	scripts/setup.sh

clean:
	rm -rf dist dist.next dist.previous dist.purge.txt target
