# Targets are the CI steps (scripts/ci.sh); `make ci` is exactly what CI runs.
.PHONY: ci setup ui lint build test browser e2e package fresh-debian run bench measure fuzz crash soak probe report-eval

ci:
	scripts/ci.sh all

setup:
	scripts/ci.sh setup

ui:
	scripts/ci.sh ui

lint:
	scripts/ci.sh lint

build:
	scripts/ci.sh build

test:
	scripts/ci.sh test

browser:
	scripts/ci.sh browser

e2e:
	scripts/ci.sh e2e

package:
	scripts/ci.sh package

# The .deb installed on a minimal Debian 12 made with debootstrap and started there with no
# network (root; downloads a Debian system, so not in CI).
fresh-debian:
	scripts/fresh-debian.sh

run:
	scripts/run

bench:
	cargo bench -p mahdar-store
	cargo bench -p mahdar --bench minutes
	cargo bench -p mahdar-search --bench search
	cargo bench -p mahdar-sync --bench replicate

# The fuzz targets, long: 20 000 generated inputs each (CI runs 200).
fuzz:
	MAHDAR_FUZZ_CASES=20000 cargo test -p mahdar --test facade fuzz -- --test-threads=1
	MAHDAR_FUZZ_CASES=20000 cargo test -p mahdar-import --test import never_panics
	cat target/fuzz-report.txt

# The press-report extractor against its corpus: precision and recall per field (seed, the
# reports it was developed on, and held-out ones).
report-eval:
	cargo test -p mahdar-import --test import corpus -- --nocapture --test-threads=1

# The crash loops, long: the writer SIGKILLed 500 times (CI: 60), a push 50 times (CI: 8).
crash:
	MAHDAR_CRASH_ROUNDS=500 cargo test -p mahdar --test facade crash -- --nocapture
	MAHDAR_SYNC_KILLS=50 cargo test -p mahdar-journeys --test journeys killed_again -- --nocapture

# The soak, long: the real app edited for 30 minutes under Xvfb, memory sampled (CI: 2).
soak:
	scripts/ci.sh soak

# Which page pattern makes the web process grow (tests/e2e/memory-probe.mjs): PROBE=edit, toggle,
# create, show, text, value, scroll, visit or search; PROBE_MINUTES (3, at least 1).
probe:
	PROBE="$(PROBE)" PROBE_MINUTES="$(PROBE_MINUTES)" scripts/ci.sh probe

measure:
	npm --prefix ui run build
	cargo build --release -p mahdar-app -p mahdar-empty-window -p mahdar-cli
	xvfb-run -a -s '-screen 0 1280x800x24' scripts/measure-app.py
