"""Slow, obvious references for engine/xor.py (plain Python / vectorised numpy, no numba)."""

from __future__ import annotations

import numpy as np

from engine import rng
from engine.xor import X_XOR


def perceptron(t, w0, b0, eta, n_epochs, seed, stream_order=12):
    """Rosenblatt's rule, one sample at a time, in the Fisher–Yates order drawn from the seed."""
    w, b = [float(w0[0]), float(w0[1])], float(b0)
    n = len(t)
    u = rng.uniforms(seed, n_epochs * n, stream_order)
    order = list(range(n))
    accuracy = []
    for epoch in range(n_epochs):
        for k in range(n - 1, 0, -1):
            j = int(u[epoch * n + k] * (k + 1))
            order[k], order[j] = order[j], order[k]
        for p in order:
            y = 1.0 if w[0] * X_XOR[p, 0] + w[1] * X_XOR[p, 1] + b > 0 else 0.0
            err = t[p] - y
            w = [w[0] + eta * err * X_XOR[p, 0], w[1] + eta * err * X_XOR[p, 1]]
            b += eta * err
        right = sum((1.0 if w[0] * x[0] + w[1] * x[1] + b > 0 else 0.0) == tp for x, tp in zip(X_XOR, t, strict=True))
        accuracy.append(right / n)
    return np.array(w), b, np.array(accuracy)


def mlp_loss(W1, b1, w2, b2, X, t):
    """Mean binary cross-entropy of σ(w₂ · tanh(W₁x + b₁) + b₂), written the textbook way."""
    h = np.tanh(X @ W1.T + b1)  # (N, H)
    yhat = 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))  # (N,)
    return float(-np.mean(t * np.log(yhat) + (1 - t) * np.log(1 - yhat)))


def mlp_train(W1, b1, w2, b2, X, t, eta, n_epochs):
    """Full-batch gradient descent with vectorised backprop; returns params and the loss history."""
    W1, b1, w2 = W1.copy(), b1.copy(), w2.copy()
    losses = []
    n = len(t)
    for _ in range(n_epochs):
        h = np.tanh(X @ W1.T + b1)  # (N, H)
        yhat = 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))  # (N,)
        losses.append(-np.mean(t * np.log(yhat) + (1 - t) * np.log(1 - yhat)))
        dz = (yhat - t) / n  # (N,)
        da = np.outer(dz, w2) * (1 - h**2)  # (N, H)
        gW1, gb1, gw2, gb2 = da.T @ X, da.sum(0), h.T @ dz, dz.sum()
        W1, b1, w2, b2 = W1 - eta * gW1, b1 - eta * gb1, w2 - eta * gw2, b2 - eta * gb2
    return W1, b1, w2, b2, np.array(losses)


def deep_sigmoid_loss(W, x, v):
    """L = (1/N) Σ_n v · h_D,n for the deep sigmoid net with weights W (D, n, n)."""
    h = x
    for Wl in W:
        h = 1.0 / (1.0 + np.exp(-(h @ Wl.T)))
    return float(np.mean(h @ v))
