#!/usr/bin/env bash
# scripts/package.sh on this build tree, then the .deb's contents and control fields: the files
# an installed stepwise needs (and nothing outside /usr), and Depends from dpkg-shlibdeps (versioned
# library packages) plus the hand-listed fonts and MathJax. Usage: package.test.sh BUILD_DIR SOURCE_DIR.
# Exit 77 = skipped where dpkg-deb is missing (not a Debian system).
set -euo pipefail
build=$1 source=$2
fail() { echo "package.test: $*" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "SKIPPED: dpkg-deb is missing (not a Debian system)"; exit 77; }

out=$(mktemp -d /tmp/stepwise-package.XXXXXX)
trap 'rm -rf "$out"' EXIT
"$source/scripts/package.sh" --build-dir "$build" --out "$out"
debs=("$out"/stepwise_*_"$(dpkg --print-architecture)".deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one stepwise_<version>_<arch>.deb in $out"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
[ "$(basename "$deb")" = "stepwise_${version}_$(dpkg --print-architecture).deb" ] || fail "$(basename "$deb"): not named stepwise_<version>_<arch>.deb"

listing=$(dpkg-deb -c "$deb")
files=$(awk '{print $6}' <<<"$listing" | sed 's|/$||')
expect() { grep -qxF "./$1" <<<"$files" || fail "the package lacks /$1"; }
expect usr/bin/stepwise
for lesson in "$source"/lessons/*.toml; do expect "usr/share/stepwise/lessons/$(basename "$lesson")"; done
expect usr/share/stepwise/lessons/FORMAT.md
expect usr/share/stepwise/assets/fonts/README.md
expect usr/share/applications/stepwise.desktop
expect usr/share/icons/hicolor/scalable/apps/stepwise.svg
for size in 16 22 24 32 48 64 128 256; do expect "usr/share/icons/hicolor/${size}x${size}/apps/stepwise.png"; done
grep -qE '^\./usr/share/metainfo/[A-Za-z0-9.]+\.metainfo\.xml$' <<<"$files" || fail "the package lacks the AppStream metainfo"
expect usr/share/man/man1/stepwise.1.gz
expect usr/share/doc/stepwise/copyright
expect usr/share/doc/stepwise/changelog.gz
expect usr/share/doc/stepwise/html/index.html
expect usr/share/doc/stepwise/html/md_lessons.html
grep -q ' ./usr/share/doc/stepwise/html/mathjax -> ../../../javascript/mathjax$' <<<"$listing" \
  || fail "html/mathjax is not a link to Debian's libjs-mathjax"
outside=$(grep -vE '^\./(usr(/.*)?)?$' <<<"$files" || true)
[ -z "$outside" ] || fail "files outside /usr: $outside"
! grep -q '/mathjax/' <<<"$files" || fail "the package carries its own MathJax copy"

depends=$(dpkg-deb -f "$deb" Depends)
echo "package.test: Depends: $depends"
for lib in 'libc6 (>= ' 'libstdc++6 (>= ' 'libsfml-graphics2.5' 'libcurl4 (>= ' 'libssl3 (>= ' 'zlib1g (>= '; do
  grep -qF "$lib" <<<"$depends" || fail "Depends lacks $lib...) (dpkg-shlibdeps should find it)"
done
for data in fonts-lmodern fonts-dejavu-core fonts-dejavu-extra libjs-mathjax; do
  grep -qE "(^|, )$data(,|$| )" <<<"$depends" || fail "Depends lacks $data"
done
[ "$(dpkg-deb -f "$deb" Package)" = stepwise ] || fail "Package is not stepwise"
echo "package.test: $(basename "$deb"): $(wc -l <<<"$files") entries, Depends from shlibdeps plus fonts and MathJax"
