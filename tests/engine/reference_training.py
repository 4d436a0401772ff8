"""Batch loss and gradients of the training engine written through the public, checked entry points
(``lstm_forward``/``lstm_backward`` per sequence; ``rnn_forward`` and a numpy BPTT over the batch):
the reference the one-kernel-per-batch fast path must reproduce."""

from __future__ import annotations

import math

import numpy as np

from engine import lstm, rnn, training


def loss_and_grads(model: training.Model, x: np.ndarray, s: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """Either model, through the checked per-sequence entry points."""
    return (lstm_loss_and_grads if model.kind == "lstm" else rnn_loss_and_grads)(model, x, s)


def lstm_loss_and_grads(model: training.Model, x: np.ndarray, s: np.ndarray) -> tuple[float, list[np.ndarray]]:
    B, T, _ = x.shape
    grads = [np.zeros_like(g) for g in model.arrays()]
    dy = np.zeros((T, model.v.size))
    loss = 0.0
    for k in range(B):
        trace = lstm.lstm_forward(model.net, x[k])
        y_last = trace.y[-1]
        err = float(model.v @ y_last + model.a - s[k])
        loss += err * err / B
        if not math.isfinite(loss):
            return loss, [np.full_like(g, np.nan) for g in grads]
        dy[-1] = (2.0 / B) * err * model.v
        back = lstm.lstm_backward(model.net, trace, dy)
        for g, d in zip(grads, (back.W, back.R, back.b, (2.0 / B) * err * y_last, (2.0 / B) * err), strict=True):
            g += d
    return loss, grads


def rnn_loss_and_grads(model: training.Model, x: np.ndarray, s: np.ndarray) -> tuple[float, list[np.ndarray]]:
    B, T, _ = x.shape
    try:
        h = np.stack([rnn.rnn_forward(model.net, x[k]).h for k in range(B)])  # (B, T, H)
    except ValueError:
        return math.nan, [np.full_like(g, np.nan) for g in model.arrays()]
    with np.errstate(over="ignore", invalid="ignore"):
        err = h[:, -1] @ model.v + model.a - s  # (B,)
        loss = float(np.mean(err * err))
    if not math.isfinite(loss):
        return loss, [np.full_like(g, np.nan) for g in model.arrays()]
    g = (2.0 / B) * err
    dU, dW, db = np.zeros_like(model.net.U), np.zeros_like(model.net.W), np.zeros_like(model.net.b)
    delta_h = np.outer(g, model.v)  # (B, H)
    for t in range(T - 1, -1, -1):
        delta_a = (1.0 - h[:, t] ** 2) * delta_h
        h_prev = h[:, t - 1] if t > 0 else np.zeros_like(h[:, 0])
        dW += delta_a.T @ h_prev
        dU += delta_a.T @ x[:, t]
        db += delta_a.sum(axis=0)
        delta_h = delta_a @ model.net.W
    return loss, [dU, dW, db, g @ h[:, -1], np.array([g.sum()])]
