#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (the fuzz preset: clang, ASan + UBSan) and runs
# each target for SECONDS (default 60), one after another, printing per target the executions,
# the coverage (cov: edges, ft: features) and the findings. Exits 1 when any target finds anything.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]   (targets: idx kaggle_csv checkpoint npy settings lesson run_spec)
# A finding's input is kept in build/fuzz/findings/TARGET/; replay it with build/fuzz/tests/fuzz/fuzz_TARGET FILE.
# Each target's libFuzzer log goes to build/fuzz/logs/TARGET.log, or to $FUZZ_LOG_DIR/TARGET.log when set.
# Inputs that found new coverage accumulate in build/fuzz/corpus/TARGET/ (seeds: tests/fuzz/corpus/TARGET/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${1:-60}
shift || true
case "$seconds" in
  '' | *[!0-9]*) echo "fuzz.sh: SECONDS_PER_TARGET must be a whole number of seconds, found \"$seconds\"" >&2; exit 2 ;;
esac
all_targets=(idx kaggle_csv checkpoint npy settings lesson run_spec)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  if [[ " ${all_targets[*]} " != *" $t "* ]]; then
    echo "fuzz.sh: unknown target \"$t\" (targets: ${all_targets[*]})" >&2
    exit 2
  fi
done

if ! command -v clang++-14 >/dev/null || [ ! -f /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ]; then
  echo "fuzz.sh: clang++-14 with libFuzzer is missing: run scripts/setup.sh (Debian packages clang-14, libclang-rt-14-dev)" >&2
  exit 1
fi
[ -f build/fuzz/CMakeCache.txt ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

# The longest input each target tries: a little above its largest seed.
declare -A max_len=([idx]=8192 [kaggle_csv]=16384 [checkpoint]=40000 [npy]=4096 [settings]=4096 [lesson]=16384 [run_spec]=1024)
# Seeds beyond tests/fuzz/corpus: the lesson files and lesson fixtures as they are.
declare -A extra_seeds=([lesson]="lessons tests/fixtures/lessons/good tests/fixtures/lessons/bad-tex")

failed=0
summary=()
for t in "${targets[@]}"; do
  work=build/fuzz/corpus/$t
  findings=build/fuzz/findings/$t
  log=${FUZZ_LOG_DIR:-build/fuzz/logs}/$t.log
  mkdir -p "$work" "$findings" "$(dirname "$log")"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=128
           -max_len="${max_len[$t]}" -print_final_stats=1 -artifact_prefix="$findings/")
  [ -f "tests/fuzz/dict/$t.dict" ] && options+=(-dict="tests/fuzz/dict/$t.dict")
  read -r -a seeds <<<"${extra_seeds[$t]:-}"
  echo "fuzz.sh: $t for ${seconds} s (log: $log)"
  status=0
  before=$(find "$findings" -type f | wc -l)
  "build/fuzz/tests/fuzz/fuzz_$t" "${options[@]}" "$work" "tests/fuzz/corpus/$t" "${seeds[@]}" >"$log" 2>&1 || status=$?
  # A harness that crashed leaves its scratch folder (/dev/shm/stepwise-fuzz-PID, see
  # tests/fuzz/fuzz_support.hpp) behind: remove those whose process is gone.
  for scratch in /dev/shm/stepwise-fuzz-* "${TMPDIR:-/tmp}"/stepwise-fuzz-*; do
    [ -d "$scratch" ] && ! kill -0 "${scratch##*-}" 2>/dev/null && rm -rf "$scratch"
  done
  found=$(( $(find "$findings" -type f | wc -l) - before ))
  [ "$status" -eq 0 ] || [ "$found" -gt 0 ] || found=1 # a failure that left no input is still a finding
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
  line=$(printf '%-11s %10s executions %7s exec/s  %-22s %s finding(s)' "$t" "${executions:-?}" "${speed:-?}" \
         "${coverage:-cov: ? ft: ?}" "$found")
  echo "$line"
  summary+=("$line")
  if [ "$found" -gt 0 ]; then
    failed=1
    echo "fuzz.sh: $t failed (exit $status); the end of its log:" >&2
    tail -n 40 "$log" >&2
  fi
done

echo "fuzz.sh: summary (${seconds} s per target)"
printf '  %s\n' "${summary[@]}"
exit "$failed"
