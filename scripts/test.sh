#!/usr/bin/env bash
# README command 2: set everything up, then run the whole test suite through ctest:
# the Release build (with the docs), the same suite under AddressSanitizer +
# UndefinedBehaviorSanitizer, the threaded tests (training, and the app's session, window
# loop, checkpoints and hot reload beside the trainer thread) under ThreadSanitizer, and a
# 20-second libFuzzer smoke run of every parser of outside input (scripts/fuzz.sh).
# The views and docs need an X display, so ctest runs inside Xvfb.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release asan
cd "$root"
[ -f build/tsan/CMakeCache.txt ] || cmake --preset tsan >/dev/null
# The tsan preset runs the training and app tests but six that train on all of MNIST or only draw
# (the paper's accuracy, train --json, train --save, alpha = 10, the drawn bar, presenter text
# sizes): their one thread is the trainer, which the training tests cover, or none, and under
# ThreadSanitizer they took 10 of its 17 minutes here.
cmake --build --preset tsan --target stepwise_training_tests stepwise_app_tests stepwise_manpage
# -noreset: by default Xvfb resets itself whenever its last client disconnects, and a test that
# connects during that reset gets "Failed to open X11 display" (SFML then aborts). Each test is a
# process of its own, so without it the suite raced the server's resets.
xvfb=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset")

# Under Xvfb every test must run: a skipped test there (no display reached it, say) fails the suite.
ctest_all_run() {
  local log status=0
  log=$(mktemp)
  "$@" 2>&1 | tee "$log" || status=$?
  if grep -q "(Skipped)" "$log"; then
    echo "test.sh: these tests were skipped although they must run here:" >&2
    grep "(Skipped)" "$log" >&2
    status=1
  fi
  rm -f "$log"
  return "$status"
}

ctest_all_run "${xvfb[@]}" ctest --preset release
ctest_all_run "${xvfb[@]}" ctest --preset asan
ctest_all_run "${xvfb[@]}" ctest --preset tsan
"$root/scripts/fuzz.sh" 20
