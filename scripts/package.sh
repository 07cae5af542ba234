#!/usr/bin/env bash
# Builds Mahdar's Linux packages: the .deb with `tauri build`, and an AppImage of the same files.
#
#   scripts/package.sh            debug build (what CI installs and starts: it reuses CI's build)
#   scripts/package.sh release    the packages to hand out (optimised; ~20 minutes here)
#
# Prints where the packages are and their sizes. Needs what `scripts/ci.sh setup` installs.
#
# The AppImage: Tauri's own AppImage step downloads linuxdeploy and its GTK plugin at build
# time, from outside the package registries these machines reach. So the AppImage is made here
# from the .deb's files, with the AppImage runtime (type 2) that the `appimage` crate ships
# (packaging/appimage-runtime) and Debian's mksquashfs. It holds Mahdar, its icon, desktop entry
# and fonts (the fonts are inside the binary), and uses the system's WebKitGTK 4.1 and GTK 3.
# The workflow for hosted runners (.github/workflows/release.yml) builds Tauri's own AppImage,
# which carries WebKitGTK too.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-debug}"
case "$profile" in
  debug) flags=(--debug) ;;
  release) flags=() ;;
  *) echo "usage: scripts/package.sh [debug|release]" >&2; exit 2 ;;
esac
if [ -z "${CARGO_TARGET_DIR:-}" ] && [ -d /var/tmp/mahdar-target ] && [ -w /var/tmp/mahdar-target ]; then
  export CARGO_TARGET_DIR=/var/tmp/mahdar-target
fi
# Absolute: `tauri build` runs cargo from src-tauri/, where a relative directory means another.
mkdir -p "${CARGO_TARGET_DIR:-target}"
target="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)"
export CARGO_TARGET_DIR="$target"
out="$target/$profile/bundle"
version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)"

say() { printf '\n==> %s\n' "$*"; }

say "the Tauri CLI"
npm --prefix packaging ci --no-audit --no-fund
scripts/ci.sh ensure-ui

say "the .deb ($profile)"
(cd src-tauri && ../packaging/node_modules/.bin/tauri build "${flags[@]}" --bundles deb --ci)
deb="$out/deb/Mahdar_${version}_amd64.deb"
[ -f "$deb" ] || { echo "error: tauri build made no $deb" >&2; exit 1; }

say "the AppImage"
runtime="$(cargo metadata --locked --format-version 1 --manifest-path packaging/appimage-runtime/Cargo.toml |
  python3 -c 'import json, os, sys
m = json.load(sys.stdin)
p = next(p for p in m["packages"] if p["name"] == "appimage")
print(os.path.join(os.path.dirname(p["manifest_path"]), "assets", "runtime-x86_64"))')"
[ -f "$runtime" ] || { echo "error: no AppImage runtime at $runtime" >&2; exit 1; }
work="$out/appimage"
appdir="$work/Mahdar.AppDir"
trap 'rm -rf "$appdir" "$work/Mahdar.squashfs"' EXIT
rm -rf "$work"
mkdir -p "$appdir"
dpkg-deb -x "$deb" "$appdir"
cp "$appdir/usr/share/applications/Mahdar.desktop" "$appdir/mahdar-app.desktop"
cp "$appdir/usr/share/icons/hicolor/512x512/apps/mahdar-app.png" "$appdir/mahdar-app.png"
ln -s mahdar-app.png "$appdir/.DirIcon"
ln -s usr/bin/mahdar-app "$appdir/AppRun"
mksquashfs "$appdir" "$work/Mahdar.squashfs" -root-owned -noappend -quiet -no-progress
appimage="$work/Mahdar_${version}_amd64.AppImage"
cat "$runtime" "$work/Mahdar.squashfs" > "$appimage"
chmod 755 "$appimage"

say "packages ($profile)"
for f in "$deb" "$appimage"; do
  printf '%s  %s MB\n' "$f" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1048576 }')"
done
