#!/usr/bin/env bash
# The benchmark a person runs: everything measured in one sitting on this machine, printed as one
# table. Yardsticks: the fp32 compute bound (best of 5 numpy float32 4096² products) and numpy
# running the paper's script in float64 (bench/numpy_reference.py). Then stepwise's fused
# iteration, its two heavy equations, the wider networks, and the real window under Xvfb at
# 1920×1080 training at full speed (frame times from --frame-log, training rate against the
# trainer alone, the window's RSS on full MNIST).
#
#   bench/compare.sh [--skip-setup] [--seconds 60] [--lesson forward --step 2]
#
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the numpy command only (env -u), so
# OpenBLAS picks its own kernels for this CPU; nothing else is run with them changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

setup=1 seconds=60 lesson=forward step=2
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-setup) setup=0 ;;
    --seconds) seconds=$2; shift ;;
    --lesson) lesson=$2; shift ;;
    --step) step=$2; shift ;;
    *) echo "compare.sh: unknown option $1 (see the comment at the top of bench/compare.sh)" >&2; exit 2 ;;
  esac
  shift
done

[ "$setup" = 1 ] && "$root/scripts/setup.sh" release
# OpenBLAS for numpy's yardsticks; time(1) for the CPU the window uses at rest. Checked even with
# --skip-setup: without OpenBLAS numpy falls back to the reference BLAS on one core, and every
# ratio against it would be meaningless.
for package in libopenblas0-pthread time; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$package"
  fi
done
exe=build/release/src/app/stepwise
bench=build/release/bench/stepwise_bench_iteration
for f in "$exe" "$bench"; do
  [ -x "$f" ] || { echo "compare.sh: $f is missing: run without --skip-setup (or build it)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "compare.sh: measuring (about $((seconds + 165)) s); load average before: $load_before" >&2

# 1. The yardsticks: numpy with OpenBLAS's own pick of kernels for this CPU (both variables
#    unset), and, since OpenBLAS 0.3.21 does not know every CPU (it takes a Sapphire Rapids for a
#    Prescott and runs SSE3 kernels at a sixth of the speed), with each kernel set this CPU can
#    run named outright. The fastest counts: numpy's fair best.
cores=(auto)
grep -qw avx512f /proc/cpuinfo && cores+=(SkylakeX Cooperlake)
grep -qw avx2 /proc/cpuinfo && cores+=(Haswell)
grep -q AuthenticAMD /proc/cpuinfo && cores+=(Zen)
for core in "${cores[@]}"; do
  if [ "$core" = auto ]; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_reference.py >"$work/numpy-auto.txt"
  else
    env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE="$core" /usr/bin/python3 bench/numpy_reference.py >"$work/numpy-$core.txt"
  fi
done

# 2. stepwise's kernels: the fused iteration, the two heavy equations (indices from the
#    equation catalogue), the wider networks.
read -r z1 dw1 < <("$exe" equations --json | /usr/bin/python3 -c '
import json, sys
ids = [e["id"] for e in json.load(sys.stdin)]
print(ids.index("forward.z1"), ids.index("backward.dw1"))')
"$bench" --benchmark_filter="^(BM_FusedIterationTwoThreads|BM_FusedIterationHidden128|BM_FusedIterationHidden128x64|BM_Equation/($z1|$dw1))(/real_time)?\$" \
  --benchmark_min_time=2 --benchmark_format=csv 2>/dev/null >"$work/kernels.csv"

# 3. The trainer alone, the window, the trainer alone again (the two bracket the window run, so
#    a change in the machine's load shows as a difference between them).
alone() {
  "$bench" --benchmark_filter='^BM_TrainerAlone' --benchmark_format=csv 2>/dev/null |
    /usr/bin/python3 -c '
import csv, sys
rows = [r for r in csv.reader(sys.stdin) if r and r[0].startswith("BM_TrainerAlone")]
print(rows[-1][-1])' # iterations_per_second is the last column
}
alone_before=$(alone)
mkdir -p "$work/config" "$work/data"
XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" xvfb-run -a -s "-screen 0 1920x1080x24" \
  sh -c 'echo $$ >"$1/pid"; shift; exec "$@"' sh "$work" \
  "$exe" --lesson "$lesson" --step "$step" --play --frame-log "$work/frames.csv" --quit-after "$seconds" \
  >/dev/null 2>"$work/window.err" &
window_job=$!
rss_kb=0
while kill -0 "$window_job" 2>/dev/null; do
  if [ -s "$work/pid" ] && [ -r "/proc/$(cat "$work/pid")/status" ]; then
    now=$(awk '/^VmRSS/ {print $2}' "/proc/$(cat "$work/pid")/status" 2>/dev/null || echo 0)
    [ -n "$now" ] && [ "$now" -gt "$rss_kb" ] && rss_kb=$now
  fi
  sleep 0.5
done
wait "$window_job" || { echo "compare.sh: the window run failed:" >&2; cat "$work/window.err" >&2; exit 1; }
alone_after=$(alone)
# 4. The window at rest (no training): the CPU it uses, user and system, over 10 s.
XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" xvfb-run -a -s "-screen 0 1920x1080x24" \
  /usr/bin/time -f "%U %S" -o "$work/rest.time" "$exe" --lesson "$lesson" --step "$step" --frame-log "$work/rest.csv" \
  --quit-after 10 >/dev/null 2>"$work/rest.err" || { echo "compare.sh: the window run at rest failed:" >&2; cat "$work/rest.err" >&2; exit 1; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# 5. The table.
/usr/bin/python3 - "$work" "$alone_before" "$alone_after" "$rss_kb" "$load_before" "$load_after" "$lesson" "$step" \
  "$z1" "$dw1" <<'PY'
import csv, glob, platform, subprocess, sys
work, alone_before, alone_after, rss_kb = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
load_before, load_after, lesson, step, z1, dw1 = sys.argv[5:11]

runs = {f.split("numpy-")[1][:-4]: dict(line.split() for line in open(f)) for f in glob.glob(f"{work}/numpy-*.txt")}
fastest = max(runs.values(), key=lambda r: float(r["fp32_sgemm_gflops"]))
gflops = float(fastest["fp32_sgemm_gflops"])
own_pick = runs["auto"]["openblas_core"]
rate = gflops * 1e9  # FLOP/s: the bound of everything below is its FLOPs at this rate

def ms(row):  # Google Benchmark CSV: name,iterations,real_time,cpu_time,time_unit,...
    t, unit = float(row[2]), row[4]
    return t * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[unit]

kernels = {r[0]: ms(r) for r in csv.reader(open(f"{work}/kernels.csv")) if r and r[0].startswith("BM_")}
def find(name):
    return next(v for k, v in kernels.items() if k == name or k == name + "/real_time")

m = 41000
def iteration_flops(sizes):
    # forward Z = W A and backward dW = dZ Aᵀ on every layer, dA = Wᵀ dZ on all but the first:
    # 2 FLOPs per multiply-add.
    total = 0
    for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        total += 2 * n_out * n_in * m * (2 if l == 0 else 3)
    return total

def bound_ms(flops):
    return 1e3 * flops / rate

rows = []
def add(what, t, flops=None, note=""):
    b = bound_ms(flops) if flops else None
    rows.append((what, f"{t:.2f}", f"{b:.2f}" if b else "", f"{t / b:.2f}×" if b else "", note))

numpy_ms = min(float(r["numpy_paper_iteration_ms"]) for r in runs.values())
numpy_core = min(runs.values(), key=lambda r: float(r["numpy_paper_iteration_ms"]))["openblas_core"]
fused = find("BM_FusedIterationTwoThreads")
rows.append(("fp32 compute bound: numpy float32 4096² product, best of 5", "", "", "",
             f"{gflops:.0f} GFLOP/s, OpenBLAS {fastest['openblas_core']} kernels (its own pick here: {own_pick}, "
             f"{float(runs['auto']['fp32_sgemm_gflops']):.0f} GFLOP/s)"))
add("numpy, the paper's script (float64, OpenBLAS), one iteration", numpy_ms, iteration_flops([784, 10, 10]),
    f"best of 10, {numpy_core} kernels")
add("stepwise, one fused iteration, 784-10-10, two threads", fused, iteration_flops([784, 10, 10]),
    f"{numpy_ms / fused:.1f}× numpy's speed")
add("stepwise, forward.z1 alone (Z¹ = W¹A⁰ + b¹)", find(f"BM_Equation/{z1}"), 2 * 10 * 784 * m)
add("stepwise, backward.dw1 alone (dW¹ = dZ¹A⁰ᵀ / m)", find(f"BM_Equation/{dw1}"), 2 * 10 * 784 * m)
add("stepwise, one fused iteration, 784-128-10", find("BM_FusedIterationHidden128"), iteration_flops([784, 128, 10]))
add("stepwise, one fused iteration, 784-128-64-10", find("BM_FusedIterationHidden128x64"), iteration_flops([784, 128, 64, 10]))

frames = list(csv.DictReader(open(f"{work}/frames.csv")))
first = frames[0]
cold = float(first["time_s"]) + float(first["frame_ms"]) / 1e3
live = frames[1:]  # the first frame is the cold start, reported on its own
ms_sorted = sorted(float(r["frame_ms"]) for r in live)
def pct(p):
    return ms_sorted[min(len(ms_sorted) - 1, int(len(ms_sorted) * p))]
times = [float(r["time_s"]) for r in live]
gaps = [b - a for a, b in zip(times, times[1:])]
start = next(i for i, t in enumerate(times) if t >= times[0] + 2.0)  # after the first iterations
window_rate = (int(live[-1]["iteration"]) - int(live[start]["iteration"])) / (times[-1] - times[start])
alone = (alone_before + alone_after) / 2
span = times[-1] - times[0]

print()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
print(f"Machine: {cpu}, {cores} cores; {platform.platform()}")
print(f"Load average (1, 5, 15 min) before: {load_before}, after: {load_after}")
print()
print("| what | ms | bound ms | × bound | note |")
print("|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print()
print(f"Window: `stepwise --lesson {lesson} --step {step} --play` under Xvfb at 1920×1080, {span:.0f} s, "
      f"{len(live)} frames drawn ({len(live) / span:.1f} per second: a frame is drawn when the picture changes)")
print()
print("| window | value |")
print("|---|---|")
print(f"| cold start to the first complete frame | {cold:.2f} s |")
print(f"| frame time p50 / p99 / max (start of the frame to display()) | {pct(0.5):.1f} / {pct(0.99):.1f} / {ms_sorted[-1]:.1f} ms |")
print(f"| frames over 16.7 ms / over 50 ms | {sum(v > 16.7 for v in ms_sorted)} / {sum(v > 50 for v in ms_sorted)} |")
print(f"| longest gap between two drawn frames (training's progress is redrawn every 50 ms) | {1e3 * max(gaps):.1f} ms |")
print(f"| training with the window open | {window_rate:.1f} iterations/s |")
print(f"| training alone (before / after the window run) | {alone_before:.1f} / {alone_after:.1f} iterations/s |")
print(f"| with the window against alone | {100 * window_rate / alone:.0f} % |")
print(f"| RSS of the window on full MNIST (largest sampled) | {rss_kb / 1024:.0f} MB |")
rest_cpu = sum(float(v) for v in open(f"{work}/rest.time").read().split()[:2])
rest_frames = len(list(csv.DictReader(open(f"{work}/rest.csv"))))
print(f"| the window at rest, not training, for 10 s: CPU used, frames drawn | {100 * rest_cpu / 10:.0f} % of a core, {rest_frames} |")
PY
