#!/usr/bin/env bash
# Set up everything stepwise needs on Debian 12: install the missing Debian packages,
# fetch and verify MNIST, then configure and build the given CMake presets.
# Usage: scripts/setup.sh [PRESET ...]   (default: release). Idempotent and quick when nothing changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packages=(
  build-essential cmake pkg-config
  libeigen3-dev libhwy-dev libsfml-dev libx11-dev catch2 libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  zlib1g-dev libbenchmark-dev libcurl4-openssl-dev libssl-dev
  clang-14 libclang-rt-14-dev
  doxygen libjs-mathjax
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core fonts-dejavu-extra fonts-lmodern xdg-utils
  python3 python3-numpy
  dataset-fashion-mnist
  dpkg-dev file lintian desktop-file-utils appstream
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$root/scripts/fetch_mnist.sh"

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(release)
for preset in "${presets[@]}"; do
  if [ ! -f "build/$preset/CMakeCache.txt" ]; then
    cmake --preset "$preset" >/dev/null
  fi
  cmake --build --preset "$preset"
done
