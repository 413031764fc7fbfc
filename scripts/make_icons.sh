#!/usr/bin/env bash
# Renders packaging/icons/stepwise.svg into the PNG sizes the hicolor icon theme uses
# (packaging/icons/<N>x<N>/stepwise.png, committed). Run it after changing the SVG; it needs
# rsvg-convert (Debian: librsvg2-bin), which the build itself does not.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v rsvg-convert >/dev/null || { echo "make_icons: rsvg-convert is missing (apt install librsvg2-bin)" >&2; exit 1; }
for n in 16 22 24 32 48 64 128 256; do
  mkdir -p "$root/packaging/icons/${n}x${n}"
  rsvg-convert -w "$n" -h "$n" "$root/packaging/icons/stepwise.svg" -o "$root/packaging/icons/${n}x${n}/stepwise.png"
done
echo "make_icons: wrote packaging/icons/{16,22,24,32,48,64,128,256}/stepwise.png"
