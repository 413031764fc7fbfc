#!/usr/bin/env python3
"""Independent NumPy recomputation of one traced iteration.

Usage: check_trace.py DIR
Reads DIR/manifest.json and the .npy files `stepwise trace` wrote, recomputes every equation of
the iteration from A0, the labels and the parameters before the update (corrected math, not
paper-faithful), and compares each tensor. Prints one line per tensor and exits 1 on a mismatch.
"""
import json
import sys

import numpy as np


def main(folder):
    manifest = json.load(open(f"{folder}/manifest.json"))
    t = {name: np.load(f"{folder}/{entry['file']}") for name, entry in manifest["tensors"].items()}
    net = manifest["network"]
    alpha = np.float32(net["alpha"])
    X, y = t["A0"].astype(np.float64), t["labels"]
    m = X.shape[1]
    W1, b1, W2, b2 = (t[k].astype(np.float64) for k in ("W1", "b1", "W2", "b2"))

    ref = {}
    ref["Z1"] = W1 @ X + b1
    ref["A1"] = np.maximum(ref["Z1"], 0)
    ref["Z2"] = W2 @ ref["A1"] + b2
    e = np.exp(ref["Z2"] - ref["Z2"].max(axis=0, keepdims=True))
    ref["A2"] = e / e.sum(axis=0, keepdims=True)
    Y = np.zeros((10, m))
    Y[y, np.arange(m)] = 1
    ref["Y"] = Y
    ref["L"] = np.array([[-np.sum(Y * np.log(ref["A2"])) / m]])
    ref["dZ2"] = ref["A2"] - Y
    ref["dW2"] = ref["dZ2"] @ ref["A1"].T / m
    ref["db2"] = ref["dZ2"].sum(axis=1, keepdims=True) / m
    ref["dZ1"] = (W2.T @ ref["dZ2"]) * (ref["Z1"] > 0)
    ref["dW1"] = ref["dZ1"] @ X.T / m
    ref["db1"] = ref["dZ1"].sum(axis=1, keepdims=True) / m
    ref["W1_after"] = W1 - alpha * ref["dW1"]
    ref["b1_after"] = b1 - alpha * ref["db1"]
    ref["W2_after"] = W2 - alpha * ref["dW2"]
    ref["b2_after"] = b2 - alpha * ref["db2"]

    failures = 0
    for name, expected in ref.items():
        got = t[name].astype(np.float64)
        if got.shape != expected.shape:
            print(f"{name}: shape {got.shape}, expected {expected.shape}")
            failures += 1
            continue
        scale = max(1.0, float(np.abs(expected).max()))
        err = float(np.abs(got - expected).max()) / scale
        # Z1 near 0 can flip the ReLU gate between float32 and float64; allow those few columns.
        ok = err < 1e-4
        print(f"{name:9s} {str(got.shape):14s} max relative error {err:.2e} {'ok' if ok else 'MISMATCH'}")
        failures += 0 if ok else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
