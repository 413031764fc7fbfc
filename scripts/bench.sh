#!/usr/bin/env bash
# The benchmark: one full-batch iteration of stepwise beside its two yardsticks measured in the
# same sitting on this machine: numpy running the paper's script, and the fp32 compute bound
# (numpy's float32 4096x4096 product with OpenBLAS). Prints the times and the two ratios.
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset here only, so OpenBLAS uses its own kernels.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" release
if ! dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q "install ok installed"; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends libopenblas0-pthread
fi
cd "$root"
reference=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_reference.py)
ours=$(build/release/bench/stepwise_bench_iteration --benchmark_filter='BM_FusedIterationTwoThreads' \
         --benchmark_min_time=2 --benchmark_format=csv 2>/dev/null | awk -F, '/BM_FusedIterationTwoThreads/ {print $3}')
numpy_ms=$(awk '/numpy_paper_iteration_ms/ {print $2}' <<<"$reference")
bound_ms=$(awk '/fp32_bound_iteration_ms/ {print $2}' <<<"$reference")
gflops=$(awk '/fp32_sgemm_gflops/ {print $2}' <<<"$reference")
awk -v ours="$ours" -v numpy="$numpy_ms" -v bound="$bound_ms" -v gf="$gflops" 'BEGIN {
  printf "stepwise, one fused iteration on two threads: %.1f ms\n", ours
  printf "numpy, the paper script (float64, OpenBLAS):  %.1f ms   -> stepwise is %.2fx numpy'\''s speed\n", numpy, numpy / ours
  printf "fp32 bound at %d GFLOP/s (numpy sgemm 4096^2): %.2f ms  -> stepwise takes %.1fx the bound\n", gf, bound, ours / bound
}'
