#!/usr/bin/env python3
"""Checks a stepwise checkpoint for scripts/soak.sh, independently of the program's reader.

  soak_checkpoint.py FILE                          the file's header, length and CRC-32
  soak_checkpoint.py FILE FRAMES.csv STATUS ERR    and that `stepwise --load FILE` opened it:
                                                   exit 0, nothing on stderr, its frames show
                                                   the checkpoint's iteration
Prints one line starting with "ok" or "loads", or with "FAILED", and exits 0 or 1.
"""
import csv
import struct
import sys
import zlib


def inspect(path):
    data = open(path, "rb").read()
    if len(data) < 28 or data[:12] != b"STEPWISECKPT":
        raise ValueError(f"{path}: no STEPWISECKPT header ({len(data)} bytes)")
    version, payload = struct.unpack_from("<IQ", data, 12)
    if len(data) != 24 + payload + 4:
        raise ValueError(f"{path}: {len(data)} bytes, the header says {24 + payload + 4}")
    stored, = struct.unpack_from("<I", data, 24 + payload)
    if zlib.crc32(data[:24 + payload]) != stored:
        raise ValueError(f"{path}: the CRC-32 does not match the contents")
    at = 24
    _inputs, layers = struct.unpack_from("<II", data, at)
    at += 8 + 4 * layers + 4 + 4 + 4 + 8  # hidden sizes, outputs, codes, alpha, seed
    iteration, position, _dev, step = struct.unpack_from("<qQdQ", data, at)
    at += 32
    n, = struct.unpack_from("<I", data, at)
    lesson = data[at + 4:at + 4 + n].decode()
    return version, iteration, position, lesson, step


def main():
    path = sys.argv[1]
    try:
        version, iteration, position, lesson, step = inspect(path)
    except (OSError, ValueError, struct.error) as e:
        print(f"FAILED: {e}")
        return 1
    said = f"format {version}, iteration {iteration}, position {position}, lesson {lesson} step {step + 1}"
    if len(sys.argv) == 2:
        print(f"ok: {said}")
        return 0
    frames, status = sys.argv[2], int(sys.argv[3])
    # SFML says this under Xvfb (no vertical sync there); anything else on stderr is a fault.
    err = "\n".join(l for l in open(sys.argv[4]).read().splitlines() if l and l != "Setting vertical sync not supported")
    shown = [int(r["iteration"]) for r in csv.DictReader(open(frames))] if status == 0 else []
    if status != 0 or err:
        print(f"FAILED: stepwise --load exited {status}: {err.splitlines()[0] if err else '(no message)'}")
        return 1
    # The first frames may show the untrained network until the trainer (at a low priority) has
    # taken the restore command; the first iteration after that must be the checkpoint's.
    restored = next((i for i in shown if i != 0), 0 if iteration == 0 else None)
    if restored not in (iteration, iteration + 1):
        print(f"FAILED: the loaded window showed iteration {restored if restored is not None else 'none but 0'}, "
              f"the file has {iteration}")
        return 1
    print(f"loads ({said}; stepwise --load showed iteration {restored})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
