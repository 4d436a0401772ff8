"""Slow, obvious references for engine/lstm.py: a numpy loop and a torch version of Greff's equations."""

from __future__ import annotations

import numpy as np


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def naive_forward(W, R, b, p, x, y0=None, c0=None, pin=(None, None, None)):
    """One line per equation of Greff et al. (2017); returns dict of (T, H) arrays."""
    H = b.shape[1]
    y_prev = np.zeros(H) if y0 is None else np.asarray(y0, float)
    c_prev = np.zeros(H) if c0 is None else np.asarray(c0, float)
    out = {k: [] for k in ("z", "i", "f", "o", "c", "y", "z_bar", "i_bar", "f_bar", "o_bar")}
    for x_t in np.asarray(x, float):
        z_bar = W[0] @ x_t + R[0] @ y_prev + b[0]
        i_bar = W[1] @ x_t + R[1] @ y_prev + p[0] * c_prev + b[1]
        f_bar = W[2] @ x_t + R[2] @ y_prev + p[1] * c_prev + b[2]
        z = np.tanh(z_bar)
        i = sigmoid(i_bar) if pin[0] is None else np.full(H, pin[0])
        f = sigmoid(f_bar) if pin[1] is None else np.full(H, pin[1])
        c = z * i + c_prev * f
        o_bar = W[3] @ x_t + R[3] @ y_prev + p[2] * c + b[3]
        o = sigmoid(o_bar) if pin[2] is None else np.full(H, pin[2])
        y = np.tanh(c) * o
        for name, value in zip(out, (z, i, f, o, c, y, z_bar, i_bar, f_bar, o_bar), strict=True):
            out[name].append(value)
        y_prev, c_prev = y, c
    return {k: np.array(v) for k, v in out.items()}


def torch_greff(torch, W, R, b, p, x, y0, c0):
    """Greff's forward in torch float64 with autograd; returns (tensors dict, leaves dict).

    Every intermediate tensor retains its gradient so the backward deltas can be compared.
    """

    def leaf(a):
        return torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=True)

    leaves = {name: leaf(a) for name, a in dict(W=W, R=R, b=b, p=p, x=x, y0=y0, c0=c0).items()}
    Wt, Rt, bt, pt, xt = (leaves[k] for k in "WRbpx")
    y_prev, c_prev = leaves["y0"], leaves["c0"]
    keep = {k: [] for k in ("z_bar", "i_bar", "f_bar", "o_bar", "c", "y")}
    for t in range(xt.shape[0]):
        z_bar = Wt[0] @ xt[t] + Rt[0] @ y_prev + bt[0]
        i_bar = Wt[1] @ xt[t] + Rt[1] @ y_prev + pt[0] * c_prev + bt[1]
        f_bar = Wt[2] @ xt[t] + Rt[2] @ y_prev + pt[1] * c_prev + bt[2]
        c = torch.tanh(z_bar) * torch.sigmoid(i_bar) + c_prev * torch.sigmoid(f_bar)
        o_bar = Wt[3] @ xt[t] + Rt[3] @ y_prev + pt[2] * c + bt[3]
        y = torch.tanh(c) * torch.sigmoid(o_bar)
        for name, value in zip(keep, (z_bar, i_bar, f_bar, o_bar, c, y), strict=True):
            value.retain_grad()
            keep[name].append(value)
        y_prev, c_prev = y, c
    return keep, leaves


# torch.nn.LSTM stacks its gates i, f, g, o; block k of torch is engine gate TORCH_TO_GREFF[k] of z, i, f, o.
TORCH_TO_GREFF = [1, 2, 0, 3]


def torch_lstm_from_params(torch, W, R, b, bias_split=0.3):
    """A float64 ``torch.nn.LSTM`` with the engine's weights (no peepholes); b split over two biases."""
    H, M = W.shape[1], W.shape[2]
    net = torch.nn.LSTM(M, H).double()
    order = TORCH_TO_GREFF
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.tensor(W[order].reshape(4 * H, M)))  # (4,H,M) -> (4H, M)
        net.weight_hh_l0.copy_(torch.tensor(R[order].reshape(4 * H, H)))  # (4,H,H) -> (4H, H)
        b_torch = b[order].reshape(4 * H)  # (4,H) -> (4H,)
        net.bias_ih_l0.copy_(torch.tensor(b_torch * bias_split))
        net.bias_hh_l0.copy_(torch.tensor(b_torch * (1.0 - bias_split)))
    return net
