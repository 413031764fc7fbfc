#!/usr/bin/env bash
# The soak: the real window for MINUTES (default 60) under Xvfb at 1920×1080, training at full
# speed while autoplay steps through every lesson, driven with xdotool every few minutes (draw a
# digit, Ctrl+S checkpoint, the compare screen, the lesson menu, presenter mode). It samples RSS
# and the load average, reads the window's frame log, loads the final checkpoint again, and
# prints a summary table. Not a CI job (see README, "Soak").
#
#   scripts/soak.sh [MINUTES] [--asan] [--skip-setup] [--out DIR] [--every SECONDS] [--autoplay SECONDS]
#
# PASS (exit 0) when RSS grows < 5 % after the first 5 minutes, no frame takes over 100 ms, the
# window neither crashed nor hung, no sanitizer report was written, and the final checkpoint
# loads; else FAIL (exit 1). Bad usage: exit 2.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

minutes=60 asan=0 setup=1 every=60 autoplay=3 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --asan) asan=1 ;;
    --skip-setup) setup=0 ;;
    --out) out=$2; shift ;;
    --every) every=$2; shift ;;
    --autoplay) autoplay=$2; shift ;;
    [0-9]*) minutes=$1 ;;
    *) echo "soak.sh: unknown option $1 (see the comment at the top of scripts/soak.sh)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "soak.sh: MINUTES must be a number, found $minutes" >&2; exit 2; }
[[ "$every" =~ ^[0-9]+$ ]] || { echo "soak.sh: --every takes whole seconds, found $every" >&2; exit 2; }
preset=release
[ "$asan" = 1 ] && preset=asan
out=${out:-/tmp/stepwise-soak-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"

# xdotool drives the window, xwd takes the screenshots that tell whether C opened a screen.
if [ "$setup" = 1 ]; then
  "$root/scripts/setup.sh" "$preset"
  soak_packages=(xdotool x11-apps)
  missing=()
  for p in "${soak_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi
exe=build/$preset/src/app/stepwise
for tool in "$exe" xdotool xwd Xvfb; do
  command -v "$tool" >/dev/null || [ -x "$tool" ] ||
    { echo "soak.sh: $tool is missing: run without --skip-setup (or build the $preset preset)" >&2; exit 1; }
done

# A display of our own, kept from resetting when the window closes and reopens (F5).
display=""
for n in $(seq 90 120); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
done
[ -n "$display" ] || { echo "soak.sh: no free X display number in :90…:120" >&2; exit 1; }
Xvfb "$display" -screen 0 1920x1080x24 -noreset -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
window_pid=""
cleanup() {
  [ -n "$window_pid" ] && kill "$window_pid" 2>/dev/null || true
  kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || true
sleep 1

# Settings, checkpoints and screenshots stay in the output folder.
mkdir -p "$out/config" "$out/data"
export XDG_CONFIG_HOME="$out/config" XDG_DATA_HOME="$out/data"
export ASAN_OPTIONS="log_path=$out/sanitizer:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="log_path=$out/sanitizer:print_stacktrace=1"
checkpoint="$out/soak.stepwise"
seconds=$(awk -v m="$minutes" 'BEGIN {printf "%d", m * 60}')
start=$EPOCHREALTIME
"$exe" --lesson data --step 1 --play --autoplay "$autoplay" --autoplay-resume 5 --save "$checkpoint" \
  --frame-log "$out/frames.csv" --quit-after $((seconds + 300)) >"$out/window.out" 2>"$out/window.err" &
window_pid=$!
echo "soak.sh: ${minutes} min of $exe (pid $window_pid) on $display; output in $out" >&2

# Seconds since the window started, without a process per call (the soak must not load the machine).
now() { local n=${EPOCHREALTIME/./} s=${start/./}; local d=$(((n - s) / 100000)); echo "$((d / 10)).$((d % 10))"; }
secs() { local n=${EPOCHREALTIME/./} s=${start/./}; echo $(((n - s) / 1000000)); }
note() { echo "$(now),$1,\"$2\"" >>"$out/actions.csv"; echo "soak.sh: $(now) s: $1: $2" >&2; }
echo "t_s,action,result" >"$out/actions.csv"
echo "t_s,rss_kb,load1,load5,cpu_s,compilers,iteration" >"$out/rss.csv"

alive() { kill -0 "$window_pid" 2>/dev/null; }
window_id() { xdotool search --onlyvisible --name '^stepwise' 2>/dev/null | head -1; }
title() { local w; w=$(window_id); [ -n "$w" ] && xdotool getwindowname "$w" 2>/dev/null || echo "(no window)"; }
focus() {
  local w; w=$(window_id)
  [ -n "$w" ] || return 1
  xdotool mousemove --window "$w" 960 540 windowfocus --sync "$w" 2>/dev/null || xdotool windowfocus "$w" 2>/dev/null
}
key() { focus && xdotool key --clearmodifiers "$@"; }
shot() { xwd -root -silent >"$1" 2>/dev/null || : >"$1"; }
# Fraction of pixels that differ between two xwd dumps of the same screen (same header size).
differ() {
  python3 - "$1" "$2" <<'PY'
import sys
a, b = (open(f, "rb").read() for f in sys.argv[1:3])
if not a or len(a) != len(b):
    print("1.00"); sys.exit()
head = int.from_bytes(a[:4], "big")  # header_size; the colour map follows, then 32-bit pixels
px_a, px_b = a[-1920 * 1080 * 4:], b[-1920 * 1080 * 4:]
diff = sum(1 for i in range(0, len(px_a), 4 * 97) if px_a[i:i + 4] != px_b[i:i + 4])
print(f"{diff / (len(px_a) // (4 * 97)):.2f}")
PY
}
last_iteration() { tail -n 1 "$out/frames.csv" 2>/dev/null | cut -d, -f3; }

sample() {
  local rss cpu
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$window_pid/status" 2>/dev/null || echo "")
  [ -n "$rss" ] || return 0
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$window_pid/stat" 2>/dev/null)
  # Other work on the shared machine: the load average and how many compilers run now.
  echo "$(now),$rss,$(cut -d' ' -f1,2 /proc/loadavg | tr ' ' ','),$cpu,$(pgrep -c -x cc1plus || true),$(last_iteration)" >>"$out/rss.csv"
}

# The exercises, one each `every` seconds in turn.
draw_digit() {
  key g; sleep 1
  local w; w=$(window_id)
  for stroke in "200 250 300 420" "300 230 300 460" "180 300 380 300"; do # the pad is at the top left
    set -- $stroke
    xdotool mousemove --window "$w" "$1" "$2" mousedown 1
    for i in 1 2 3 4 5 6 7 8; do
      xdotool mousemove --window "$w" $(($1 + ($3 - $1) * i / 8)) $(($2 + ($4 - $2) * i / 8)); sleep 0.05
    done
    xdotool mouseup 1
  done
  sleep 2
  local t; t=$(title)
  key g; sleep 1
  note draw "G, 3 strokes, G back (title after: $(title); while drawing: $t)"
}
save_checkpoint() {
  local before; before=$(stat -c %Y.%s "$checkpoint" 2>/dev/null || echo none)
  local shown; shown=$(last_iteration)
  key ctrl+s; sleep 2
  local after; after=$(stat -c %Y.%s "$checkpoint" 2>/dev/null || echo none)
  local check; check=$(python3 "$root/scripts/soak_checkpoint.py" "$checkpoint" 2>&1 || true)
  if [ "$after" != "$before" ] && [[ "$check" == ok* ]]; then note checkpoint "Ctrl+S at iteration ~$shown: $check"
  else note checkpoint "FAILED: Ctrl+S did not write a valid file ($check)"; echo fail >"$out/checkpoint.failed"; fi
}
compare_screen() {
  key j; sleep 1 # an unbound key: autoplay holds still for the pictures
  local t0; t0=$(title); shot "$out/c0.xwd"
  key c; sleep 1.5
  local t1; t1=$(title); shot "$out/c1.xwd"
  key Escape; sleep 1.5
  shot "$out/c2.xwd"
  local opened base; opened=$(differ "$out/c0.xwd" "$out/c1.xwd"); base=$(differ "$out/c0.xwd" "$out/c2.xwd")
  rm -f "$out"/c[012].xwd
  if [ "$t1" != "$t0" ] || python3 -c "import sys; sys.exit(not ($opened > 0.3 and $opened > 2 * $base))"; then
    note compare "C opened a screen (title \"$t1\", $opened of the pixels changed, $base after Esc)"
  else
    note compare "C changed nothing ($opened of the pixels, $base between before and after Esc, title unchanged): no compare screen in this binary"
  fi
}
lesson_menu() { key l; sleep 2; key Down; sleep 1; key Escape; sleep 1; note menu "L, Down, Esc (title: $(title))"; }
presenter() {
  key F5; sleep 3
  local t; t=$(xdotool getwindowgeometry "$(window_id)" 2>/dev/null | awk '/Geometry/ {print $2}')
  key Escape; sleep 2
  note presenter "F5 (window $t), Esc back ($(xdotool getwindowgeometry "$(window_id)" 2>/dev/null | awk '/Geometry/ {print $2}'))"
}
exercises=(draw_digit save_checkpoint compare_screen lesson_menu presenter)

sleep 3
sample
next_exercise=$(($(secs) + (every < 20 ? every : 20)))
turn=0
while alive; do
  t=$(secs)
  [ "$t" -ge "$seconds" ] && break
  if [ "$t" -ge "$next_exercise" ]; then
    ${exercises[$((turn % ${#exercises[@]}))]}
    turn=$((turn + 1))
    next_exercise=$(($(secs) + every))
  fi
  sample
  sleep 5
done

# The end: a last checkpoint, then Ctrl+Q; a window that does not close in 60 s has hung.
crashed="" status=""
if alive; then
  save_checkpoint
  cp "$checkpoint" "$out/final.stepwise" 2>/dev/null || true
  sample
  key ctrl+q
  for _ in $(seq 120); do alive || break; sleep 0.5; done
  if alive; then
    crashed="hung: still running 60 s after Ctrl+Q (killed)"
    kill -ABRT "$window_pid" 2>/dev/null || true; sleep 2
  fi
else
  crashed="ended on its own before the soak did"
fi
set +e; wait "$window_pid"; status=$?; set -e
window_pid=""
[ "$status" -gt 128 ] && crashed="${crashed:+$crashed; }signal $((status - 128)) ($(kill -l $((status - 128))))"
[ "$status" -ne 0 ] && [ -z "$crashed" ] && crashed="exit status $status"

# The final checkpoint, loaded by the window the way a teacher opens one (--load), its frame log
# showing the iteration it restored.
load_result="not loaded: no final checkpoint"
if [ -s "$out/final.stepwise" ]; then
  set +e
  "$exe" --load "$out/final.stepwise" --frame-log "$out/load-frames.csv" --quit-after 30 >"$out/load.out" 2>"$out/load.err"
  load_status=$?
  set -e
  load_result=$(python3 "$root/scripts/soak_checkpoint.py" "$out/final.stepwise" "$out/load-frames.csv" "$load_status" "$out/load.err" 2>&1 || true)
fi

python3 "$root/scripts/soak_report.py" "$out" "$minutes" "$preset" "$status" "$crashed" "$load_result" | tee "$out/summary.md"
grep -q "^| result | PASS" "$out/summary.md"
