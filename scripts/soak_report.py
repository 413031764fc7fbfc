#!/usr/bin/env python3
"""The summary table of scripts/soak.sh, from the files of its output folder:
frames.csv (the window's frame log), rss.csv (samples), actions.csv (what xdotool did) and any
sanitizer logs. Prints Markdown; the last row says PASS or FAIL.

  soak_report.py OUT MINUTES PRESET EXIT_STATUS CRASH LOAD_RESULT
"""
import csv
import glob
import os
import statistics
import sys

out, minutes, preset, status, crash, load = sys.argv[1:7]
frames = list(csv.DictReader(open(f"{out}/frames.csv")))
rss = list(csv.DictReader(open(f"{out}/rss.csv")))
actions = list(csv.DictReader(open(f"{out}/actions.csv")))

live = frames[1:]  # the first frame is the cold start
ms = sorted(float(r["frame_ms"]) for r in live)
def pct(p):
    return ms[min(len(ms) - 1, int(len(ms) * p))] if ms else float("nan")
slow = [r for r in live if float(r["frame_ms"]) > 100.0]
duration = float(frames[-1]["time_s"]) if frames else 0.0
iterations = max((int(r["iteration"]) for r in frames), default=0)

# RSS after the warm-up: at 5 min (a third of the run for runs under 10 min) against the last minute.
t = [float(r["t_s"]) for r in rss]
kb = [int(r["rss_kb"]) for r in rss]
warm = 300.0 if duration >= 600 else duration / 3
near = [k for x, k in zip(t, kb) if abs(x - warm) <= 30] or [kb[min(range(len(t)), key=lambda i: abs(t[i] - warm))]]
last = [k for x, k in zip(t, kb) if x >= t[-1] - 60]
rss_warm, rss_end = statistics.median(near), statistics.median(last)
rss_peak = max(k for x, k in zip(t, kb) if x >= warm)
growth = 100.0 * (rss_end - rss_warm) / rss_warm

reports = [f for f in glob.glob(f"{out}/sanitizer*") if os.path.getsize(f) > 0]
err = open(f"{out}/window.err").read()
reports += ["window.err"] if ("ERROR: AddressSanitizer" in err or "runtime error:" in err or "LeakSanitizer" in err) else []
checkpoint_failed = os.path.exists(f"{out}/checkpoint.failed")

def counted(kind):
    return sum(1 for a in actions if a["action"] == kind)

def near_action(when):
    before = [a for a in actions if float(a["t_s"]) <= when + 8]
    return f'{before[-1]["action"]} at {float(before[-1]["t_s"]):.0f} s' if before else "none"

def load_at(when):
    i = min(range(len(t)), key=lambda i: abs(t[i] - when))
    return f'load {rss[i]["load1"]}, {rss[i]["compilers"]} compilers'

checks = {
    "RSS growth < 5 %": growth < 5.0,
    "no frame > 100 ms": not slow,
    "no crash": not crash,
    "no sanitizer report": not reports,
    "final checkpoint loads": load.startswith("loads") and not checkpoint_failed,
}
sanitizer = ("none" if not reports else "REPORT: " + ", ".join(os.path.basename(r) for r in reports))
if preset != "asan":
    sanitizer += " (release build; --asan runs the asan build)"
rows = [
    ("duration", f"{duration / 60:.1f} min ({minutes} asked), {preset} build"),
    ("iterations trained", f"{iterations}"),
    ("frames", f"{len(frames)} ({len(frames) / duration:.1f} per second)" if duration else "0"),
    ("frame p50 / p99 / max", f"{pct(0.5):.1f} / {pct(0.99):.1f} / {ms[-1]:.1f} ms" if ms else "no frames"),
    ("frames over 100 ms", f"{len(slow)}" + ("" if not slow else " (at " + "; ".join(
        f'{float(r["time_s"]):.0f} s {float(r["frame_ms"]):.0f} ms, last action {near_action(float(r["time_s"]))}, '
        f'{load_at(float(r["time_s"]))}' for r in slow[:8]) + (" …" if len(slow) > 8 else "") + ")")),
    ("RSS at 5 min" if warm == 300.0 else f"RSS at {warm:.0f} s (short run)", f"{rss_warm / 1024:.1f} MB"),
    ("RSS at the end (median of the last minute)", f"{rss_end / 1024:.1f} MB (peak after warm-up {rss_peak / 1024:.1f} MB)"),
    ("RSS growth", f"{growth:+.2f} %"),
    ("load average (1 min) min / median / max", "{} / {} / {}".format(
        min(float(r["load1"]) for r in rss), statistics.median(float(r["load1"]) for r in rss), max(float(r["load1"]) for r in rss))),
    ("exercises", f'draw {counted("draw")}, checkpoint {counted("checkpoint")}, compare {counted("compare")}, '
                  f'menu {counted("menu")}, presenter {counted("presenter")}'),
    ("compare screen (C)", next((a["result"] for a in actions if a["action"] == "compare"), "not tried")),
    ("crash", crash or f"none (exit status {status})"),
    ("sanitizer report", sanitizer),
    ("final checkpoint", load + ("; a Ctrl+S during the run failed" if checkpoint_failed else "")),
    ("result", "PASS" if all(checks.values()) else "FAIL: " + ", ".join(k for k, ok in checks.items() if not ok)),
]
print("| soak | value |")
print("|---|---|")
for k, v in rows:
    print(f"| {k} | {v} |")
