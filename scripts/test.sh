#!/usr/bin/env bash
# README command 2: set everything up, then run the whole test suite through ctest:
# the Release build (with the docs), the same suite under AddressSanitizer +
# UndefinedBehaviorSanitizer, and the threaded tests under ThreadSanitizer.
# The views and docs need an X display, so ctest runs inside Xvfb.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release asan
cd "$root"
[ -f build/tsan/CMakeCache.txt ] || cmake --preset tsan >/dev/null
cmake --build --preset tsan --target stepwise_training_tests
xvfb=(xvfb-run -a -s "-screen 0 1920x1080x24")
"${xvfb[@]}" ctest --preset release
"${xvfb[@]}" ctest --preset asan
ctest --preset tsan
