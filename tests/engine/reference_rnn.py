"""Slow, obvious references for engine/rnn.py: numpy loops, one line per equation, and a torch version."""

from __future__ import annotations

import numpy as np


def naive_forward(U, W, b, V, c, x, h0=None):
    """a_t = b + W h_{t−1} + U x_t, h_t = tanh(a_t), o_t = c + V h_t, ŷ_t = softmax(o_t)."""
    h_prev = np.zeros(W.shape[0]) if h0 is None else np.asarray(h0, float)
    a, h, o, yhat = [], [], [], []
    for x_t in np.asarray(x, float):
        a_t = b + W @ h_prev + U @ x_t
        h_t = np.tanh(a_t)
        o_t = c + V @ h_t
        e = np.exp(o_t - o_t.max())
        a.append(a_t)
        h.append(h_t)
        o.append(o_t)
        yhat.append(e / e.sum())
        h_prev = h_t
    return tuple(np.array(v) for v in (a, h, o, yhat))


def naive_loss(U, W, b, V, c, x, targets, h0=None):
    """L = Σ_t −log ŷ_t[target_t]."""
    *_, yhat = naive_forward(U, W, b, V, c, x, h0)
    return float(-np.log(yhat[np.arange(len(targets)), targets]).sum())


def naive_bptt(U, W, b, V, c, x, targets, truncation=None, h0=None):
    """Loss by loss: ∂L_t/∂θ summed over steps s = t, t−1, .., max(1, t−k+1); returns dict of sums."""
    _, h, _, yhat = naive_forward(U, W, b, V, c, x, h0)
    T, H = h.shape
    k = T if truncation is None else truncation
    h_prev = np.vstack([np.zeros(H) if h0 is None else h0, h[:-1]])  # (T, H): h_{t−1}
    g = {name: np.zeros_like(p) for name, p in zip("UWbVc", (U, W, b, V, c), strict=True)}
    for t in range(T):
        do = yhat[t].copy()
        do[targets[t]] -= 1.0
        g["V"] += np.outer(do, h[t])
        g["c"] += do
        dh = V.T @ do
        for s in range(t, max(-1, t - k), -1):
            da = (1 - h[s] ** 2) * dh
            g["W"] += np.outer(da, h_prev[s])
            g["U"] += np.outer(da, x[s])
            g["b"] += da
            dh = W.T @ da
    return g


def naive_jacobian(W, h, t):
    """∂h_T/∂h_t as the product Π_{s=T..t+1} diag(1 − h_s²) W (h rows are h_1..h_T; t in 0..T)."""
    T, H = h.shape
    J = np.eye(H)
    for s in range(T, t, -1):
        J = J @ (np.diag(1 - h[s - 1] ** 2) @ W)
    return J


def torch_grads(torch, U, W, b, V, c, x, targets, truncation=None):
    """Autograd of the same loss in float64; truncation k detaches h_{t−k} for each L_t."""
    tt = {
        n: torch.tensor(p, dtype=torch.float64, requires_grad=True)
        for n, p in zip("UWbVc", (U, W, b, V, c), strict=True)
    }
    xs = torch.tensor(np.asarray(x), dtype=torch.float64)
    T, H = xs.shape[0], W.shape[0]

    def step(h_prev, x_t):
        return torch.tanh(tt["b"] + tt["W"] @ h_prev + tt["U"] @ x_t)

    hs, h = [], torch.zeros(H, dtype=torch.float64)
    for t in range(T):
        h = step(h, xs[t])
        hs.append(h)
    loss = torch.zeros((), dtype=torch.float64)
    for t in range(T):
        if truncation is None or t - truncation < 0:
            h_t = hs[t]
        else:
            h_t = hs[t - truncation].detach()
            for s in range(t - truncation + 1, t + 1):
                h_t = step(h_t, xs[s])
        o_t = tt["c"] + tt["V"] @ h_t
        loss = loss - torch.log_softmax(o_t, dim=0)[int(targets[t])]
    loss.backward()
    return {n: p.grad.numpy() for n, p in tt.items()}, loss.item()
