#!/usr/bin/env bash
# README command 2: set everything up, then run the whole test suite through ctest:
# the Release build, the same suite under AddressSanitizer + UndefinedBehaviorSanitizer,
# and the threaded tests under ThreadSanitizer. Also builds the documentation.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release asan tsan
cd "$root"
cmake --build --preset release --target docs
ctest --preset release
ctest --preset asan
ctest --preset tsan
