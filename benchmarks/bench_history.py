"""XOR demo of the history page: jitted training against the plain numpy / Python loops a user would write.

    python -m benchmarks.bench_history
"""

from __future__ import annotations

import pathlib

import numpy as np

from benchmarks.common import HEADER, best_time, page_rerun_table, row
from engine import xor

ROOT = pathlib.Path(__file__).resolve().parent.parent


def numpy_mlp(n_hidden: int, n_epochs: int, eta: float, seed: int) -> np.ndarray:
    """Full-batch gradient descent with vectorised numpy backprop, same start as the engine."""
    p = xor.init_mlp(n_hidden, seed)
    W1, b1, w2, b2 = p.W1.copy(), p.b1.copy(), p.w2.copy(), p.b2
    X, t = xor.X_XOR, xor.T_XOR
    for _ in range(n_epochs):
        h = np.tanh(X @ W1.T + b1)  # (N, H)
        yhat = 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))  # (N,)
        dz = (yhat - t) / len(t)
        da = np.outer(dz, w2) * (1.0 - h**2)  # (N, H)
        W1 -= eta * (da.T @ X)
        b1 -= eta * da.sum(0)
        w2 -= eta * (h.T @ dz)
        b2 -= eta * dz.sum()
    return yhat


def python_perceptron(n_epochs: int, eta: float) -> list[float]:
    """Rosenblatt's rule as a plain Python loop (fixed order)."""
    w, b = [0.1, -0.2], 0.05
    for _ in range(n_epochs):
        for (x1, x2), target in zip(xor.X_XOR, xor.T_XOR, strict=True):
            err = target - (1.0 if w[0] * x1 + w[1] * x2 + b > 0 else 0.0)
            w = [w[0] + eta * err * x1, w[1] + eta * err * x2]
            b += eta * err
    return [*w, b]


def kernels() -> list[str]:
    xor.warm_up()
    lines = [HEADER]
    for n_hidden, n_epochs in ((4, 2000), (16, 5000)):
        ours = best_time(lambda h=n_hidden, e=n_epochs: xor.train_mlp(h, e, 1.0, 42))
        base = best_time(lambda h=n_hidden, e=n_epochs: numpy_mlp(h, e, 1.0, 42), repeat=3)
        lines.append(row(f"train_mlp(H={n_hidden}, {n_epochs} epochs)", ours, base, "numpy loop"))
    ours = best_time(lambda: xor.train_perceptron(50, 1.0, 42))
    base = best_time(lambda: python_perceptron(50, 1.0))
    lines.append(row("train_perceptron(50 epochs)", ours, base, "Python loop"))
    result = xor.train_mlp(16, 5000, 1.0, 42)
    _, grid = xor.grid_points(41)
    lines.append(row("mlp_predict(41×41 grid, H=16)", best_time(lambda: xor.mlp_predict(result.params, grid))))
    lines.append(row("deep_sigmoid_gradients(D=50, n=32)", best_time(lambda: xor.deep_sigmoid_gradients(50, 32))))
    return lines


def page_reruns() -> list[str]:
    """The history page under AppTest in this process: first run (fills caches) and a warm rerun."""
    return page_rerun_table("pages/history.py", {
        "defaults": {}, "worst: H=16, 5000 epochs, D=50": {"hidden": "16", "epochs": "5000", "depth": "50"}})


if __name__ == "__main__":
    print("\n".join(kernels()))
    print()
    print("\n".join(page_reruns()))
