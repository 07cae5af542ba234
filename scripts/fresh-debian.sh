#!/usr/bin/env bash
# The .deb on a fresh Debian: a minimal Debian 12 made with debootstrap (in /var/tmp, kept for
# the next run), the package installed there with apt as on a new laptop (apt brings WebKitGTK
# and GTK), then Mahdar started from it on its default data folder with no network, on this
# machine's display server; a screenshot of its first screen is taken.
#
#   scripts/fresh-debian.sh [PACKAGE.deb]    (root; default: the release .deb, else the debug one)
#
# Not part of CI (it downloads a Debian system, ~450 packages): `make fresh-debian`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "error: run as root (debootstrap, chroot, mount)" >&2; exit 1; }
for tool in debootstrap Xvfb xdotool import unshare; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (scripts/ci.sh setup, apt-get install debootstrap)" >&2; exit 1; }
done

target="${CARGO_TARGET_DIR:-target}"
[ -d /var/tmp/mahdar-target ] && [ -z "${CARGO_TARGET_DIR:-}" ] && target=/var/tmp/mahdar-target
deb="${1:-}"
if [ -z "$deb" ]; then
  for profile in release debug; do
    candidate="$(ls "$target/$profile/bundle/deb/"Mahdar_*_amd64.deb 2>/dev/null | head -1 || true)"
    if [ -n "$candidate" ]; then deb="$candidate"; break; fi
  done
fi
[ -f "$deb" ] || { echo "error: no .deb (scripts/package.sh release, or give its path)" >&2; exit 1; }

root=/var/tmp/mahdar-fresh-debian
shots="$PWD/target/e2e-screenshots"
mkdir -p "$shots"
if [ ! -x "$root/usr/bin/apt-get" ]; then
  echo "==> a minimal Debian 12 in $root"
  debootstrap --variant=minbase bookworm "$root" >/dev/null  # from debootstrap's default mirror
fi
display=":$((90 + RANDOM % 9))"
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null && sleep 2
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
  for m in "$root/tmp/.X11-unix" "$root/proc"; do mountpoint -q "$m" && umount "$m"; done
  rm -rf "$root/root/.local/share/mahdar" "$root/root/.local/share/ma.mahdar.desktop" "$root/root/.cache" "$root/tmp/mahdar.deb"
}
trap cleanup EXIT
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/mahdar.deb"
echo "==> apt-get install ./$(basename "$deb") on it"
chroot "$root" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall /tmp/mahdar.deb >/dev/null'
chroot "$root" dpkg-query -W -f='installed: ${Package} ${Version}\n' mahdar

echo "==> started with no network, on its default data folder (new)"
rm -rf "$root/root/.local/share/mahdar"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
mkdir -p "$root/tmp/.X11-unix"
mountpoint -q "$root/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
unshare --net chroot "$root" env -i HOME=/root DISPLAY="$display" PATH=/usr/bin:/bin \
  /usr/bin/mahdar-app >/tmp/mahdar-fresh-debian.log 2>&1 &
app=$! # unshare, chroot and env each exec the next: this is the app's own process
DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --class mahdar-app >/dev/null
sleep 5 # the first screen drawn
import -display "$display" -window root "$shots/fresh-debian-first-run.png"
[ -d "$root/root/.local/share/mahdar/store" ] || { echo "error: no data folder was made" >&2; exit 1; }
echo "data folder: $root/root/.local/share/mahdar"
echo "screenshot: $shots/fresh-debian-first-run.png (the first-run screens, in Arabic)"
