"""How far an error travels back in time: a loss at the last step, LSTM against a simple RNN.

One error vector e (unit length, equal entries) enters at the last step T and is back-propagated:

    LSTM (Greff et al. 2017, no peepholes):  Δ_T = e, Δ_t = 0 for t < T; ‖δc_t‖ and ‖δy_t‖ from
                                             :func:`engine.lstm.lstm_backward`
    simple RNN (Goodfellow et al. §10.2):    δh_T = e,  δh_{t−1} = Wᵀ ((1 − h_t²) ⊙ δh_t)

The LSTM's cell carries the error along the "highway" ∂c_t/∂c_{t−1} ⊇ diag(f_t); its part alone
is the product of forget gates

    F_t = Π_{k=t+1}^{T} f_k        (averaged over units; F_T = 1)

while every RNN step multiplies by diag(1 − h_t²) W, whose norm is below 1 unless ‖W‖₂ > 1.

| symbol | name here          | meaning                                                   |
|--------|--------------------|-----------------------------------------------------------|
| T      | ``seq_len``        | sequence length                                           |
| H      | ``n_hidden``       | units of both nets                                        |
| b_f    | ``forget_bias``    | added to the LSTM's forget-gate biases                    |
| ρ      | ``recurrent_scale``| RNN: W = ρ Q (Q orthogonal); LSTM: R ← ρ R                 |
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine import lstm, rng, rnn

MAX_SEQ_LEN = 1000
MAX_HIDDEN = 32
N_INPUT = 2
_STREAM_X = 31


@dataclass(frozen=True)
class GradFlow:
    """Per step t = 1 … T (arrays of length T): sizes of the error that reached step t."""

    t: np.ndarray
    lstm_cell: np.ndarray  # ‖δc_t‖
    lstm_output: np.ndarray  # ‖δy_t‖
    rnn_hidden: np.ndarray  # ‖δh_t‖ (inf once it overflowed)
    forget_product: np.ndarray  # mean over units of Π_{k>t} f_k
    mean_forget: float  # mean forget gate over the sequence
    rnn_w_norm: float  # ‖W‖₂ of the RNN


def _rnn_error(W: np.ndarray, h: np.ndarray, e: np.ndarray) -> np.ndarray:
    """‖δh_t‖ for t = 1 … T with δh_T = e (the chain rule of the RNN, one step at a time)."""
    T = h.shape[0]
    out = np.empty(T)
    delta = e.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(T - 1, -1, -1):
            out[t] = np.linalg.norm(delta) if np.isfinite(delta).all() else math.inf
            delta = W.T @ ((1.0 - h[t] ** 2) * delta)
    return out


def gradient_flow(seq_len: int, *, n_hidden: int = 8, forget_bias: float = 1.0,
                  recurrent_scale: float = 1.0, seed: int = 0) -> GradFlow:
    """Back-propagate one unit error from step T through an LSTM and a simple RNN of size H."""
    if isinstance(seq_len, bool) or not isinstance(seq_len, (int, np.integer)) or not 1 <= seq_len <= MAX_SEQ_LEN:
        raise ValueError(f"seq_len must be a whole number between 1 and {MAX_SEQ_LEN}, got {seq_len!r}")
    if not math.isfinite(recurrent_scale) or recurrent_scale < 0:
        raise ValueError(f"recurrent_scale must be a finite number ≥ 0, got {recurrent_scale!r}")
    H = int(n_hidden)
    if not 1 <= H <= MAX_HIDDEN:
        raise ValueError(f"n_hidden must be between 1 and {MAX_HIDDEN}, got {n_hidden!r}")
    T = int(seq_len)
    x = rng.normals(seed, T * N_INPUT, _STREAM_X).reshape(T, N_INPUT)  # (T·M,) -> (T, M)
    e = np.full(H, 1.0 / math.sqrt(H))

    block = lstm.init_lstm(N_INPUT, H, seed, peepholes=False, forget_bias=forget_bias)
    block = lstm.LSTMParams(block.W, recurrent_scale * block.R, block.b, block.p)
    trace = lstm.lstm_forward(block, x)
    dy = np.zeros((T, H))
    dy[-1] = e
    grads = lstm.lstm_backward(block, trace, dy)
    log_f = np.log(np.maximum(trace.f, 1e-300))  # (T, H)
    after = np.cumsum(log_f[::-1], axis=0)[::-1] - log_f  # Σ_{k>t} log f_k, (T, H)

    net = rnn.init_rnn(N_INPUT, H, 1, seed, recurrent_scale=recurrent_scale)
    hidden = rnn.rnn_forward(net, x).h  # (T, H)
    return GradFlow(
        t=np.arange(1, T + 1),
        lstm_cell=np.linalg.norm(grads.delta_c, axis=1),
        lstm_output=np.linalg.norm(grads.delta_y, axis=1),
        rnn_hidden=_rnn_error(net.W, hidden, e),
        forget_product=np.exp(after).mean(axis=1),
        mean_forget=float(trace.f.mean()),
        rnn_w_norm=float(np.linalg.norm(net.W, 2)),
    )


def warm_up() -> None:
    """Compile the LSTM and RNN kernels this module calls."""
    gradient_flow(3, n_hidden=2)
