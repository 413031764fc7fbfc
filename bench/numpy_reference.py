#!/usr/bin/python3
"""The yardsticks for stepwise's benchmark, measured on this machine in the same sitting.

1. One iteration of the paper's published script (784-10-10, ReLU, softmax, full batch,
   m = 41,000), written with numpy in float64 as the script is: forward, backward, update.
2. The fp32 compute bound: the GFLOP/s numpy's float32 4096 x 4096 product reaches, and what
   one iteration's 2 x 10 x 784 x 41,000 x 2 multiply-adds (the two big products) plus the
   small ones cost at that rate.

Run it as the README's benchmark command does, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
unset, so OpenBLAS picks its own kernels for this CPU.
"""
import ctypes
import time

import numpy as np


def best_of(fn, repeats):
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def paper_iteration(X, Y, W1, b1, W2, b2, alpha=0.1):
    m = X.shape[1]
    Z1 = W1.dot(X) + b1
    A1 = np.maximum(Z1, 0)
    Z2 = W2.dot(A1) + b2
    A2 = np.exp(Z2) / np.sum(np.exp(Z2), axis=0)
    dZ2 = A2 - Y
    dW2 = 1 / m * dZ2.dot(A1.T)
    db2 = 1 / m * np.sum(dZ2)
    dZ1 = W2.T.dot(dZ2) * (Z1 > 0)
    dW1 = 1 / m * dZ1.dot(X.T)
    db1 = 1 / m * np.sum(dZ1)
    return W1 - alpha * dW1, b1 - alpha * db1, W2 - alpha * dW2, b2 - alpha * db2


def main():
    rng = np.random.default_rng(0)
    m = 41000
    X = rng.integers(0, 256, size=(784, m)).astype(np.float64) / 255.0
    labels = rng.integers(0, 10, size=m)
    Y = np.zeros((10, m))
    Y[labels, np.arange(m)] = 1.0
    W1, b1 = rng.random((10, 784)) - 0.5, rng.random((10, 1)) - 0.5
    W2, b2 = rng.random((10, 10)) - 0.5, rng.random((10, 1)) - 0.5
    paper_iteration(X, Y, W1, b1, W2, b2)  # warm-up
    numpy_ms = 1e3 * best_of(lambda: paper_iteration(X, Y, W1, b1, W2, b2), 10)

    n = 4096
    A = rng.random((n, n), dtype=np.float32)
    B = rng.random((n, n), dtype=np.float32)
    A @ B
    seconds = best_of(lambda: A @ B, 5)
    gflops = 2.0 * n**3 / seconds / 1e9
    flops = 2 * (2 * 10 * 784 * m) + 2 * (3 * 10 * 10 * m)  # the two 10x784xm products, and the 10x10xm ones
    bound_ms = 1e3 * flops / (gflops * 1e9)
    try:  # the kernel set OpenBLAS runs (its own pick, or OPENBLAS_CORETYPE's)
        blas = ctypes.CDLL("libopenblas.so.0")
        blas.openblas_get_corename.restype = ctypes.c_char_p
        core = blas.openblas_get_corename().decode()
    except (OSError, AttributeError):
        core = "unknown"
    print(f"openblas_core {core}")
    print(f"numpy_paper_iteration_ms {numpy_ms:.1f}")
    print(f"fp32_sgemm_gflops {gflops:.0f}")
    print(f"fp32_bound_iteration_ms {bound_ms:.2f}")


if __name__ == "__main__":
    main()
