# Targets are the CI steps (scripts/ci.sh); `make ci` is exactly what CI runs.
.PHONY: ci setup lint build test run bench

ci:
	scripts/ci.sh all

setup:
	scripts/ci.sh setup

lint:
	scripts/ci.sh lint

build:
	scripts/ci.sh build

test:
	scripts/ci.sh test

run:
	scripts/run

bench:
	cargo bench -p mahdar-store
