#!/usr/bin/env bash
# README command 1: set everything up, build in Release, and open stepwise on its
# default lesson with the real MNIST data. Extra arguments go to the program.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release
cd "$root"
exec "$root/build/release/src/app/stepwise" --data "$root/data/mnist" "$@"
