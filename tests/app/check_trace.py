#!/usr/bin/env python3
"""Independent NumPy recomputation of one traced iteration.

Usage: check_trace.py DIR
Reads DIR/manifest.json and the .npy files `stepwise trace` wrote, recomputes every equation of
the iteration from A0, the labels, the parameters and the optimiser's state before the update
(corrected math, not paper-faithful; gd, sgd, momentum or adam as manifest["optimizer"] says),
and compares each tensor. Prints one line per tensor and exits 1 on a mismatch.
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
    # The update of manifest["optimizer"] (gd and sgd: W - alpha dW), from the state traced before it.
    opt = manifest.get("optimizer", {"name": "gd"})
    steps = opt.get("t", 1)
    for name, p in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)):
        d = ref["d" + name]
        if opt["name"] == "momentum":
            v = opt["beta"] * t["v" + name].astype(np.float64) + d
            ref["v" + name + "_after"] = v
            ref[name + "_after"] = p - alpha * v
        elif opt["name"] == "adam":
            b1_, b2_, eps = opt["beta1"], opt["beta2"], opt["epsilon"]
            mom = b1_ * t["m" + name].astype(np.float64) + (1 - b1_) * d
            v = b2_ * t["v" + name].astype(np.float64) + (1 - b2_) * d * d
            ref["m" + name + "_after"], ref["v" + name + "_after"] = mom, v
            m_hat, v_hat = mom / (1 - b1_ ** steps), v / (1 - b2_ ** steps)
            if "mhat" + name in t:  # the bias-corrected moments Adam's step shows
                ref["mhat" + name], ref["vhat" + name] = m_hat, v_hat
            ref[name + "_after"] = p - alpha * m_hat / (np.sqrt(v_hat) + eps)
        else:
            ref[name + "_after"] = p - alpha * d

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
        print(f"{name:10s} {str(got.shape):14s} max relative error {err:.2e} {'ok' if ok else 'MISMATCH'}")
        failures += 0 if ok else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
