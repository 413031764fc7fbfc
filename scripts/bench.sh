#!/usr/bin/env bash
# The benchmark lives in bench/compare.sh (README, "Performance"): this name keeps working.
exec "$(cd "$(dirname "$0")/.." && pwd)/bench/compare.sh" "$@"
