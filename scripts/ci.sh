#!/usr/bin/env bash
# The steps of CI, one function each. `make <step>` and `.ci/run` call this script, so what a
# developer runs and what CI runs never drift apart.
#
#   scripts/ci.sh setup    install what the build needs (system packages, Rust components,
#                          tauri-driver, npm packages)
#   scripts/ci.sh ui       check, build and unit-test the UI (the app embeds ui/dist)
#   scripts/ci.sh lint     cargo fmt --check, cargo clippy --all-targets -D warnings
#   scripts/ci.sh build    build every crate, the `mahdar` command and the app (debug)
#   scripts/ci.sh test     run every Rust test
#   scripts/ci.sh browser  the built UI in headless Chromium with the mock backend (Playwright)
#   scripts/ci.sh e2e      the real app under Xvfb through WebDriver; screenshots in
#                          target/e2e-screenshots
#   scripts/ci.sh package  the .deb and the AppImage built, the .deb installed with apt, both
#                          started with no network on a fresh default data folder
#   scripts/ci.sh all      all of the above, in that order
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

# Share one build directory between checkouts when this machine has one; never require it.
if [ -z "${CARGO_TARGET_DIR:-}" ] && [ -d /var/tmp/mahdar-target ] && [ -w /var/tmp/mahdar-target ]; then
  export CARGO_TARGET_DIR=/var/tmp/mahdar-target
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root; run it as root or install sudo" >&2; exit 1; fi
}

# Debian/Ubuntu packages the build and the tests need, installed only when missing.
APT_PACKAGES=(
  build-essential pkg-config curl ca-certificates file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev  # Tauri 2
  xvfb xauth x11-utils imagemagick webkit2gtk-driver xdotool                             # headless app, WebDriver, save dialogs
  fonts-noto-core fonts-hosny-amiri chromium python3                                     # fonts, browser tests, measure-app.py
  poppler-utils libxml2-utils libreoffice-writer-nogui                                   # checking documents: pdftotext, xmllint, soffice
  socat openssl                                                                          # sync over TLS: a TLS front with a certificate of our own
  dbus dunst                                                                             # due reminders: a session bus and a real notification server
  procps                                                                                 # the soak finds the app's process (pgrep)
  python3-gi gir1.2-webkit2-4.1                                                          # scripts/webkit-memory-repro.py: a bare WebKitGTK view
  squashfs-tools desktop-file-utils iproute2 util-linux                                  # packages: the AppImage, its desktop entry, a start with no network
)

setup() {
  say "setup"
  local missing=()
  if command -v dpkg-query >/dev/null; then
    for p in "${APT_PACKAGES[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
  fi
  # Node.js and npm for the UI: whatever provides them is fine (distribution or vendor).
  if ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  if ! command -v cargo >/dev/null; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
      export PATH="$HOME/.cargo/bin:$PATH"
    else
      say "installing Rust (rustup, minimal profile)"
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
      export PATH="$HOME/.cargo/bin:$PATH"
    fi
  fi
  if command -v rustup >/dev/null; then
    # Best effort: where the Rust servers are out of reach, lint says what it had to skip.
    cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt || true
    cargo clippy --version >/dev/null 2>&1 || rustup component add clippy || true
  fi
  # Vite 8 needs Node.js 20.19 or later.
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "error: Node.js $(node --version) is too old for the UI's build tools; install Node.js 20.19 or later" >&2
    exit 1
  fi
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver"
    cargo install tauri-driver --locked
  fi
  say "npm packages"
  npm --prefix ui ci --no-audit --no-fund
  npm --prefix tests/e2e ci --no-audit --no-fund
  # The sync tests' peers: PouchDB Server and PouchDB's own replicator (nothing compiled).
  npm --prefix tests/sync ci --omit=optional --no-audit --no-fund
  cargo --version
}

ui() {
  say "ui"
  npm --prefix ui run check
  npm --prefix ui run build
  npm --prefix ui test
}

# The app embeds ui/dist when it compiles: build the UI first if it is missing or older than
# its sources (so `make lint`, `make build` or `make test` alone never embed a stale UI).
ensure_ui() {
  if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/index.html ui/vite.config.ts ui/package-lock.json -newer ui/dist/index.html -print -quit)" ]; then
    say "building the UI the app embeds"
    [ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund
    npm --prefix ui run build
  fi
}

# The long runs, not CI steps: `make soak` and `make probe`. They build the debug app and the
# `mahdar` command here, in the same build directory as the other steps, and install the
# end-to-end packages when missing (`make setup` installs Xvfb, the fonts and WebDriver).
long_run_ready() {
  ensure_ui
  [ -d tests/e2e/node_modules ] || npm --prefix tests/e2e ci --no-audit --no-fund
  cargo build -p mahdar-app -p mahdar-cli --locked
}

# The soak, long: MAHDAR_SOAK_MINUTES (30) of edits, memory sampled; the report printed.
soak_long() {
  long_run_ready
  MAHDAR_SOAK_MINUTES="${MAHDAR_SOAK_MINUTES:-30}" MAHDAR_APP="${CARGO_TARGET_DIR:-target}/debug/mahdar-app" \
    xvfb-run -a -s '-screen 0 1280x800x24' npm --prefix tests/e2e run soak
  cat target/soak-report.txt
}

# One page pattern repeated in the app (tests/e2e/memory-probe.mjs): PROBE, PROBE_MINUTES.
probe() {
  long_run_ready
  MAHDAR_PROBE="${PROBE:-edit}" MAHDAR_PROBE_MINUTES="${PROBE_MINUTES:-3}" \
    MAHDAR_APP="${CARGO_TARGET_DIR:-target}/debug/mahdar-app" \
    xvfb-run -a -s '-screen 0 1280x800x24' node tests/e2e/memory-probe.mjs
}

lint() {
  say "lint"
  ensure_ui
  if cargo fmt --version >/dev/null 2>&1; then
    cargo fmt --all -- --check
  else
    echo "warning: rustfmt is not installed here; the format check was skipped" >&2
  fi
  if cargo clippy --version >/dev/null 2>&1; then
    cargo clippy --workspace --all-targets --locked -- -D warnings
  else
    echo "warning: clippy is not installed here; the lint check was skipped" >&2
  fi
}

build() {
  say "build"
  ensure_ui
  cargo build --workspace --all-targets --locked
}

test() {
  say "test"
  ensure_ui
  cargo test --workspace --locked
  # The search quality set's recall and precision, written by its test.
  cat target/search-quality.txt 2>/dev/null || true
  # The press-report extractor's precision and recall per field (seed, dev and held-out reports).
  grep -h -E "^[a-z0-9]+: " target/report-extraction-*.txt 2>/dev/null || true
  # How many generated bad inputs each fuzz target ran (MAHDAR_FUZZ_CASES; `make fuzz` for long).
  cat target/fuzz-report.txt 2>/dev/null || true
}

browser() {
  say "browser"
  npm --prefix ui run test:browser
}

e2e() {
  say "e2e"
  local target="${CARGO_TARGET_DIR:-target}"
  # A session bus of its own: the due reminders travel on it to a real notification server.
  MAHDAR_APP="$target/debug/mahdar-app" xvfb-run -a -s '-screen 0 1280x800x24' \
    dbus-run-session -- npm --prefix tests/e2e test
  # The soak: the app edited for MAHDAR_SOAK_MINUTES (2 here; `make soak` runs 30), memory
  # sampled; its figures are printed and kept in target/soak-report.txt.
  MAHDAR_SOAK_MINUTES="${MAHDAR_SOAK_MINUTES:-2}" MAHDAR_APP="$target/debug/mahdar-app" \
    xvfb-run -a -s '-screen 0 1280x800x24' npm --prefix tests/e2e run soak
  echo "screenshots: target/e2e-screenshots/"
}

# The Linux packages: built (debug, from CI's build), the .deb installed with apt as an IT
# officer would, then the installed app and the AppImage started under Xvfb through WebDriver,
# each on a new default data folder, in a network namespace of their own with nothing but
# loopback. The .deb is removed when the script ends, even after a failure, unless Mahdar was installed
# before (then the package step leaves this build installed in its place).
package() {
  say "package"
  scripts/package.sh debug
  local target version deb appimage
  target="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)"
  version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)"
  deb="$target/debug/bundle/deb/Mahdar_${version}_amd64.deb"
  appimage="$target/debug/bundle/appimage/Mahdar_${version}_amd64.AppImage"
  if ! dpkg-query -W -f='${Status}' mahdar 2>/dev/null | grep -q "install ok installed"; then
    trap 'as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mahdar >/dev/null || true' EXIT
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb"
  dpkg-query -W -f='installed: ${Package} ${Version} (${Status})\n' mahdar
  desktop-file-validate /usr/share/applications/Mahdar.desktop
  # No root needed from here: a user namespace gives the test its own network namespace.
  local offline=(unshare --user --map-root-user --net bash -c
    'ip link set lo up && xvfb-run -a -s "-screen 0 1280x800x24" npm --prefix tests/e2e run package')
  MAHDAR_APP=/usr/bin/mahdar-app "${offline[@]}"
  # The AppImage, extracted and run (FUSE 2 is not installed here).
  MAHDAR_APP="$appimage" APPIMAGE_EXTRACT_AND_RUN=1 "${offline[@]}"
  echo "packages: $deb, $appimage"
}

all() { setup; ui; lint; build; test; browser; e2e; package; say "all green"; }

case "${1:-all}" in
  setup|ui|lint|build|test|browser|e2e|package|all) "${1:-all}" ;;
  ensure-ui) ensure_ui ;;  # for scripts/package.sh
  soak) soak_long ;;       # `make soak`, not a CI step
  probe) probe ;;          # `make probe`, not a CI step
  *) echo "usage: scripts/ci.sh [setup|ui|lint|build|test|browser|e2e|package|all|soak|probe]" >&2; exit 2 ;;
esac
