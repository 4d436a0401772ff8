"""How far an error travels back in time: a loss at the last step, LSTM against a simple RNN.

One error vector e (unit length, equal entries) enters at the last step T and is back-propagated:

    LSTM (Greff et al. 2017, no peepholes):  Δ_T = e, Δ_t = 0 for t < T; ‖δc_t‖ and ‖δy_t‖ from
                                             :func:`engine.lstm.lstm_backward`
    simple RNN (Goodfellow et al. §10.2):    δh_T = e,  δh_{t−1} = Wᵀ ((1 − h_t²) ⊙ δh_t), by the
                                             RNN's one backward pass, :func:`engine.rnn.rnn_hidden_backward`

The RNN's Jacobian of one step is ∂h_t/∂h_{t−1} = diag(1 − h_t²) W; the error vector going back is
multiplied by its transpose, Wᵀ diag(1 − h_t²), whose norm is below 1 unless ‖W‖₂ > 1.

The LSTM's full ∂c_t/∂c_{t−1} (:func:`engine.lstm.cell_jacobian`) is diag(f_t) plus terms through
the gates, the peepholes and y_{t−1}. Its first term alone, the "highway", would carry the cell's
error from the last step back as

    highway_t = ‖δc_T ⊙ Π_{k=t+1}^{T} f_k‖        (highway_T = ‖δc_T‖)

which is close to the true ‖δc_t‖ only when the other terms are small: no peepholes, small
recurrent weights R, and saturated gates (σ' ≈ 0).

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

from engine import _checks, lstm, rng, rnn

MAX_SEQ_LEN = 1000
MAX_HIDDEN = 32
MAX_RECURRENT_SCALE = 1000.0
N_INPUT = 2
_STREAM_X = 31


@dataclass(frozen=True)
class GradFlow:
    """Per step t = 1 … T (arrays of length T): sizes of the error that reached step t."""

    t: np.ndarray
    lstm_cell: np.ndarray  # ‖δc_t‖
    lstm_output: np.ndarray  # ‖δy_t‖
    rnn_hidden: np.ndarray  # ‖δh_t‖ (inf once it overflowed)
    highway: np.ndarray  # ‖δc_T ⊙ Π_{k>t} f_k‖: what the highway alone would carry back
    mean_forget: float  # mean forget gate over the sequence
    rnn_w_norm: float  # ‖W‖₂ of the RNN


def _row_norms(delta: np.ndarray) -> np.ndarray:
    """‖δ_t‖ of every row of (T, H); inf for a row that overflowed (entries inf, or NaN from inf − inf)."""
    with np.errstate(over="ignore", invalid="ignore"):
        norms = np.linalg.norm(delta, axis=1)
    return np.where(np.isfinite(delta).all(axis=1), norms, math.inf)


def gradient_flow(seq_len: int, *, n_hidden: int = 8, forget_bias: float = 1.0,
                  recurrent_scale: float = 1.0, seed: int = 0) -> GradFlow:
    """Back-propagate one unit error from step T through an LSTM and a simple RNN of size H.

    1 ≤ ``seq_len`` ≤ ``MAX_SEQ_LEN``, 1 ≤ ``n_hidden`` ≤ ``MAX_HIDDEN``, ``forget_bias`` finite,
    0 ≤ ``recurrent_scale`` ≤ ``MAX_RECURRENT_SCALE``.
    """
    T = _checks.whole("seq_len", seq_len, 1, MAX_SEQ_LEN)
    H = _checks.whole("n_hidden", n_hidden, 1, MAX_HIDDEN)
    forget_bias = _checks.real("forget_bias", forget_bias)
    recurrent_scale = _checks.real("recurrent_scale", recurrent_scale, 0.0, MAX_RECURRENT_SCALE)
    seed = rng.check_seed(seed)
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
    batch = x[None]  # one sequence: (1, T, M)
    hidden = rnn.rnn_hidden(net, batch)  # (1, T, H)
    error = np.zeros_like(hidden)
    error[0, -1] = e  # δh_T = e, nothing enters at earlier steps
    back = rnn.rnn_hidden_backward(net, batch, hidden, error)  # δh_{t−1} = Wᵀ((1 − h_t²) ⊙ δh_t)
    return GradFlow(
        t=np.arange(1, T + 1),
        lstm_cell=np.linalg.norm(grads.delta_c, axis=1),
        lstm_output=np.linalg.norm(grads.delta_y, axis=1),
        rnn_hidden=_row_norms(back.dh[0]),
        highway=np.linalg.norm(grads.delta_c[-1] * np.exp(after), axis=1),
        mean_forget=float(trace.f.mean()),
        rnn_w_norm=float(np.linalg.norm(net.W, 2)),
    )


def warm_up() -> None:
    """Compile the LSTM and RNN kernels this module calls."""
    gradient_flow(3, n_hidden=2)
