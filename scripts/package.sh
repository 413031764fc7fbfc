#!/usr/bin/env bash
# Builds the Debian package stepwise_<version>_<arch>.deb with CPack and checks it: lintian
# with no errors, desktop-file-validate on the launcher, appstreamcli validate on the metainfo.
# Usage: scripts/package.sh [--build-dir DIR] [--out DIR]
#   default: set up and build the `package` preset (Release, portable code: no -march=native,
#            no tests or benchmarks) with its docs in build/package, and write the .deb there;
#   --build-dir DIR: package an already configured build tree instead (the test suite packages
#            build/release this way, so CI does not build everything twice).
# Then: sudo apt install ./build/package/stepwise_*.deb && stepwise data fetch
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="" out=""
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build=$(cd "$2" && pwd); shift 2 ;;
    --out) mkdir -p "$2"; out=$(cd "$2" && pwd); shift 2 ;;
    *) echo "package.sh: unknown argument $1 (usage: scripts/package.sh [--build-dir DIR] [--out DIR])" >&2; exit 2 ;;
  esac
done
if [ -z "$build" ]; then
  "$root/scripts/setup.sh" package     # Debian packages (lintian & co. among them), MNIST, the build
  build=$root/build/package
fi
[ -n "$out" ] || out=$build
for tool in dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli cpack; do
  command -v "$tool" >/dev/null || { echo "package.sh: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

# The docs go into the package; the binary and the man page are built already but checked.
cmake --build "$build" --target stepwise stepwise_manpage docs >/dev/null

desktop-file-validate "$root/packaging/stepwise.desktop"
appstreamcli validate --no-net --pedantic "$build"/packaging/*.metainfo.xml >/dev/null \
  || { appstreamcli validate --no-net --pedantic "$build"/packaging/*.metainfo.xml >&2; exit 1; }

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
deb=$out/stepwise_${version}_${arch}.deb
rm -f "$deb"
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log" >&2; exit 1; }
[ -f "$deb" ] || { echo "package.sh: cpack wrote no $deb (see $out/cpack.log)" >&2; exit 1; }
rm -rf "$out/_CPack_Packages"

# lintian: errors fail the package; warnings and notes are shown.
lintian --fail-on error "$deb" \
  || { echo "package.sh: lintian found errors in $deb" >&2; exit 1; }
echo "package.sh: $deb"
