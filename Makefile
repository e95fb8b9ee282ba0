# bantin — the two commands a newcomer needs are `make serve` and `make test`.
# Both install what they need first (see scripts/tools.sh) and skip what is there.

SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/binaryen/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
PORT ?= 8080

.PHONY: serve dev build test test-unit test-browser test-e2e lint tools tools-test clean

## serve: build the release app and serve it on http://127.0.0.1:$(PORT)
serve: build
	python3 scripts/serve.py --dir dist --port $(PORT)

## dev: Trunk's dev server with rebuild on save (debug build)
dev: tools
	trunk serve --offline

## build: the release build in dist/ (wasm-opt -Oz)
build: tools
	cargo fetch --quiet
	trunk build --release --offline

## test: every test — host unit tests, browser tests, end-to-end tests
test: tools-test test-unit test-browser build test-e2e

test-unit:
	cargo test --quiet

test-browser: tools-test
	cargo test --target wasm32-unknown-unknown --test browser

test-e2e: tools-test
	python3 -m unittest discover -s tests/e2e -t . -v

## lint: formatting and clippy on host and wasm32, warnings are errors
lint:
	scripts/tools.sh lint
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

tools:
	scripts/tools.sh build

tools-test:
	scripts/tools.sh test

clean:
	rm -rf dist target
