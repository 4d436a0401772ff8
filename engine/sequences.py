"""Sequence data for the RNN pages: a synthetic weather record, windows, shuffles, a character task.

Weather (one row every ten minutes, so 6 steps an hour and 96 h = 96 · 6 = 576 steps)::

    temperature_n = 12 + 6 sin(2π (hour_n − 9) / 24) + 3 f_n + 0.2 ε_n       °C
    pressure_n    = 1013 + 8 p_n + 0.3 ε'_n                                  hPa
    wind_n        = max(0, 3 − 0.25 (pressure_n − 1013) + 1.5 g_n)            m/s
    humidity_n    = clip(70 − 2.5 (temperature_n − 12) + 4 q_n, 15, 100)      %

f, p, g, q are seeded AR(1) processes u_n = φ u_{n−1} + √(1 − φ²) ε_n (stationary, unit variance)
with correlation times of two days (f, p), two hours (g) and half a day (q).

Windows: a record of N steps and F features cut into windows of L steps with stride s gives a
tensor of shape (samples, time steps, features) = (⌊(N − L) / s⌋ + 1, L, F).

Order: an order-blind model (average the steps, then a dense layer: o = c + V tanh(U x̄ + b)) gives
the same output for any permutation of the steps; an RNN's last output o_T does not.

Dense layer on a flattened sequence (the article's argument): y = tanh(W x + b) with x = (x_1; …; x_T)
of T·M numbers. A permutation P of the steps permutes blocks of x; permuting the columns of W the same
way leaves every output unchanged, (W Pᵀ)(P x) = W x: the layer has no built-in notion of which step
comes first. Permuting the inputs alone, with W fixed, changes y.

CTC collapse (Graves et al. 2006): B(π) merges runs of the same symbol, then drops the blank "-":
B("hh-e-ll-lll-oo") = "hello"; a blank between two runs of a letter keeps both ("l-l" → "ll").

    =======  ========  ===========================================
    name     shape     meaning
    =======  ========  ===========================================
    values   (N, F)    the record, one row per step
    windows  (S, L, F) samples × time steps × features
    x        (T, M)    one sequence of T steps with M features
    W        (H, T·M)  a dense layer's weights on the flattened sequence
    =======  ========  ===========================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from engine import _checks, rng
from engine._numba import kernel
from engine.rnn import RNNParams, rnn_forward

STEPS_PER_HOUR = 6  # one reading every ten minutes
FEATURES = ("temperature", "pressure", "wind", "humidity")
UNITS = {"temperature": "°C", "pressure": "hPa", "wind": "m/s", "humidity": "%"}
MAX_STEPS = 200_000
MAX_TEXT = 100_000  # characters of a char_task text
MAX_CHAR_STEPS = 10_000
_STREAMS = {"front": 21, "pressure": 22, "gust": 23, "moisture": 24, "noise_t": 25, "noise_p": 26,
            "shuffle": 27}


@kernel
def _ar1_kernel(seed, stream, n, phi):
    """u_0 = ε_0, u_k = φ u_{k−1} + √(1 − φ²) ε_k with ε_k = normal_at(key(seed, stream), k).

    seed, stream: ints ≥ 0; n ≥ 1; phi in [0, 1). Returns u (n,), stationary with unit variance.
    """
    key = rng.stream_key(seed, stream)
    out = np.empty(n)
    scale = np.sqrt(1.0 - phi * phi)
    prev = rng.normal_at(key, 0)
    out[0] = prev
    for k in range(1, n):
        prev = phi * prev + scale * rng.normal_at(key, k)
        out[k] = prev
    return out


def ar1(n: int, seed: int, stream: int, correlation_steps: float) -> np.ndarray:
    """Stationary AR(1) with unit variance and φ = exp(−1 / correlation_steps)."""
    n = _checks.whole("n", n, 1, MAX_STEPS)
    seed, stream = rng.check_seed(seed), _checks.stream("stream", stream)
    correlation_steps = _checks.real("correlation_steps", correlation_steps, 0.0, lo_open=True)
    return _ar1_kernel(seed, stream, n, float(np.exp(-1.0 / correlation_steps)))


def steps_for_hours(hours: float) -> int:
    """Number of ten-minute steps in ``hours`` hours (96 h → 576), for 0 ≤ hours ≤ MAX_STEPS / 6."""
    hours = _checks.real("hours", hours, 0.0, MAX_STEPS / STEPS_PER_HOUR)
    return round(hours * STEPS_PER_HOUR)


def weather_record(n_steps: int, seed: int) -> pd.DataFrame:
    """A seeded synthetic weather record: columns ``hour`` and the four FEATURES, one row per step."""
    n = _checks.whole("n_steps", n_steps, 1, MAX_STEPS)
    seed = rng.check_seed(seed)
    hour = np.arange(n) / STEPS_PER_HOUR
    day = 24 * STEPS_PER_HOUR
    front = ar1(n, seed, _STREAMS["front"], 2 * day)
    pressure = 1013 + 8 * ar1(n, seed, _STREAMS["pressure"], 2 * day)
    pressure = pressure + 0.3 * rng.normals(seed, n, _STREAMS["noise_p"])
    temperature = 12 + 6 * np.sin(2 * np.pi * (hour - 9) / 24) + 3 * front
    temperature = temperature + 0.2 * rng.normals(seed, n, _STREAMS["noise_t"])
    wind = np.maximum(0.0, 3 - 0.25 * (pressure - 1013) + 1.5 * ar1(n, seed, _STREAMS["gust"], 12))
    humidity = np.clip(70 - 2.5 * (temperature - 12) + 4 * ar1(n, seed, _STREAMS["moisture"], day / 2),
                       15, 100)
    return pd.DataFrame({"hour": hour, "temperature": temperature, "pressure": pressure,
                         "wind": wind, "humidity": humidity})


def window_count(n_steps: int, seq_len: int, stride: int = 1) -> int:
    """⌊(N − L) / s⌋ + 1 windows of L steps fit in N steps (0 when L > N)."""
    n, L, s = (_checks.whole(name, v, 1, MAX_STEPS) for v, name in ((n_steps, "n_steps"), (seq_len, "seq_len"),
                                                                     (stride, "stride")))
    return 0 if n < L else (n - L) // s + 1


def make_windows(values, seq_len: int, stride: int = 1) -> np.ndarray:
    """Cut a record (N, F) into windows (S, L, F): window k holds steps k·s .. k·s + L − 1.

    The tensor must fit the engine's work budget (S · L · F numbers); a record shorter than one
    window is refused.
    """
    values = _checks.array("values", values)
    if values.ndim != 2 or min(values.shape) == 0:
        raise ValueError(f"values must be a (steps, features) table with at least one of each, "
                         f"got shape {values.shape}")
    count = window_count(values.shape[0], seq_len, stride)
    if count == 0:
        raise ValueError(f"seq_len {seq_len} is longer than the record ({values.shape[0]} steps)")
    _checks.within_budget(f"windows × seq_len × features = {count:,} × {seq_len:,} × {values.shape[1]:,}",
                          count * seq_len * values.shape[1])
    view = np.lib.stride_tricks.sliding_window_view(values, seq_len, axis=0)  # (N−L+1, F, L)
    return np.ascontiguousarray(view[::stride].transpose(0, 2, 1))  # (S, L, F)


def standardize(values) -> np.ndarray:
    """Each column of ``values`` (N,) or (N, F), N ≥ 1, to mean 0 and standard deviation 1 (constant
    columns to 0)."""
    values = _checks.array("values", values)
    if values.ndim not in (1, 2) or values.shape[0] == 0:
        raise ValueError(f"values must be a (steps,) or (steps, features) array with at least one step, "
                         f"got shape {values.shape}")
    std = values.std(axis=0)
    return (values - values.mean(axis=0)) / np.where(std > 0, std, 1.0)


@dataclass(frozen=True)
class OrderTest:
    """Outputs (K,) of an RNN (o_T) and an order-blind model on a sequence and on its shuffle."""

    permutation: np.ndarray
    rnn_original: np.ndarray
    rnn_shuffled: np.ndarray
    blind_original: np.ndarray
    blind_shuffled: np.ndarray


def order_blind_output(params: RNNParams, x) -> np.ndarray:
    """o = c + V tanh(U x̄ + b), x̄ the mean over steps: the same U, b, V, c, but no order."""
    x = _sequence(params, x)
    x_bar = np.array([math.fsum(column) for column in x.T]) / len(x)  # (M,), the same for any order
    return params.c + _exact_matvec(params.V, np.tanh(_exact_matvec(params.U, x_bar) + params.b))


def _sequence(params: RNNParams, x) -> np.ndarray:
    """x (T, M) for the net ``params``: finite, T ≥ 1 (the mean of no steps is undefined)."""
    if not isinstance(params, RNNParams):
        raise TypeError(f"params must be RNNParams, got {type(params).__name__}")
    M = np.shape(params.U)[1]
    x = _checks.array("x", x, (None, M))
    _checks.whole("sequence length (rows of x)", x.shape[0], 1, MAX_STEPS)
    return x


def _exact_matvec(A: np.ndarray, v: np.ndarray) -> np.ndarray:
    """A @ v with correctly rounded sums (math.fsum): never depends on memory layout or order."""
    return np.array([math.fsum(row * v) for row in A])


def shuffle_steps(x, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The steps of x (T,) or (T, M), T ≥ 1, in a seeded random order; returns (shuffled x, permutation)."""
    x = _checks.array("x", x)
    if x.ndim not in (1, 2) or x.shape[0] == 0:
        raise ValueError(f"x must be a (steps,) or (steps, features) array with at least one step, got shape {x.shape}")
    _checks.whole("sequence length (rows of x)", x.shape[0], 1, MAX_STEPS)
    perm = np.argsort(rng.uniforms(seed, len(x), _STREAMS["shuffle"]), kind="stable")
    return x[perm], perm


def order_test(params: RNNParams, x, seed: int) -> OrderTest:
    """Feed x and a shuffle of its steps to both models."""
    x = _sequence(params, x)
    shuffled, perm = shuffle_steps(x, seed)
    return OrderTest(
        permutation=perm,
        rnn_original=rnn_forward(params, x).o[-1],
        rnn_shuffled=rnn_forward(params, shuffled).o[-1],
        blind_original=order_blind_output(params, x),
        blind_shuffled=order_blind_output(params, shuffled),
    )


@dataclass(frozen=True)
class CharTask:
    """Next-character prediction: x (T, V) one-hot of chars[t], targets (T,) index of chars[t+1]."""

    vocab: str
    chars: str
    x: np.ndarray
    targets: np.ndarray


DEFAULT_TEXT = "teddy bears are on sale. teddy roosevelt was a president. "


def char_task(seq_len: int, text: str = DEFAULT_TEXT) -> CharTask:
    """The text repeated to seq_len + 1 characters; input step t is char t, its target char t + 1."""
    seq_len = _checks.whole("seq_len", seq_len, 1, MAX_CHAR_STEPS)
    text = _checks.text("text", text, MAX_TEXT)
    if len(text) < 2:
        raise ValueError(f"text needs at least two characters, got {len(text)}")
    vocab = "".join(sorted(set(text)))
    _checks.within_budget(f"seq_len × vocabulary = {seq_len:,} × {len(vocab):,} one-hot inputs", seq_len * len(vocab))
    stream = (text * (seq_len // len(text) + 2))[: seq_len + 1]
    index = np.array([vocab.index(ch) for ch in stream], dtype=np.int64)
    x = np.zeros((seq_len, len(vocab)))
    x[np.arange(seq_len), index[:-1]] = 1.0
    return CharTask(vocab=vocab, chars=stream, x=x, targets=index[1:].copy())


@dataclass(frozen=True)
class DenseSymmetry:
    """Outputs (H,) of y = tanh(W x + b) on a flattened sequence: as given (``original``), with its steps
    permuted together with W's column blocks (``both_permuted``), and with the steps alone permuted
    (``inputs_permuted``)."""

    permutation: np.ndarray
    original: np.ndarray
    both_permuted: np.ndarray
    inputs_permuted: np.ndarray


MAX_DENSE = 10_000  # inputs or outputs of the demonstration's dense layer


def init_dense(n_out: int, n_in: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A seeded dense layer: W (n_out, n_in) ~ N(0, 1/n_in), b (n_out,) ~ N(0, 0.1²)."""
    n_out = _checks.whole("n_out", n_out, 1, MAX_DENSE)
    n_in = _checks.whole("n_in", n_in, 1, MAX_DENSE)
    _checks.within_budget(f"n_out × n_in = {n_out:,} × {n_in:,} weights", n_out * n_in)
    seed = rng.check_seed(seed)
    W = rng.normals(seed, n_out * n_in, 28).reshape(n_out, n_in) / math.sqrt(n_in)
    return W, 0.1 * rng.normals(seed, n_out, 29)


def dense_layer(W, b, x) -> np.ndarray:
    """y = tanh(W x + b) with correctly rounded sums: W (H, N), b (H,), x (N,) → y (H,)."""
    W = _checks.array("W", W)
    if W.ndim != 2 or min(W.shape) == 0 or max(W.shape) > MAX_DENSE:
        raise ValueError(f"W must be an (outputs, inputs) matrix of at most {MAX_DENSE:,} each, got shape {W.shape}")
    b = _checks.array("b", b, (W.shape[0],))
    x = _checks.array("x", x, (W.shape[1],))
    return np.tanh(_exact_matvec(W, x) + b)


def dense_symmetry(W, b, x, permutation) -> DenseSymmetry:
    """The article's argument, live: x (T, M) flattened step by step into T·M inputs of y = tanh(W x + b),
    W (H, T·M); ``permutation`` (T,) a reordering of the steps (new step k is old step permutation[k]).

    Permuting the steps and W's column blocks together gives the same y; permuting the steps alone
    does not (unless the permuted steps are equal)."""
    x = _checks.array("x", x)
    if x.ndim != 2 or min(x.shape) == 0:
        raise ValueError(f"x must be a (steps, features) array with at least one of each, got shape {x.shape}")
    T, M = x.shape
    perm = _checks.int_array("permutation", permutation, (T,), 0, T - 1)
    if len(set(perm.tolist())) != T:
        raise ValueError(f"permutation must list each of the {T} steps once, got {perm.tolist()}")
    W = _checks.array("W", W)
    if W.ndim != 2 or W.shape[1] != T * M:
        raise ValueError(f"W must have T·M = {T * M} columns (one per input), got shape {W.shape}")
    columns = (perm[:, None] * M + np.arange(M)[None, :]).ravel()  # W's columns in the new step order
    moved = x[perm].ravel()
    return DenseSymmetry(permutation=perm, original=dense_layer(W, b, x.ravel()),
                         both_permuted=dense_layer(W[:, columns], b, moved),
                         inputs_permuted=dense_layer(W, b, moved))


BLANK = "-"
MAX_FRAMES = 200  # characters of a frame-level CTC string


@dataclass(frozen=True)
class CTCCollapse:
    """The two steps of the CTC collapsing function B on a frame-level string: ``runs`` (symbol, frames)
    after merging repeats, ``merged`` their symbols, ``output`` with the blanks dropped."""

    frames: str
    runs: tuple[tuple[str, int], ...]
    merged: str
    output: str


def ctc_collapse(frames: str, blank: str = BLANK) -> CTCCollapse:
    """B(π): merge each run of a repeated symbol into one, then remove the blank (Graves, Fernández,
    Gomez & Schmidhuber 2006, §3). "hh-e-ll-lll-oo" → runs h e l l o with blanks → "hello"."""
    frames = _checks.text("frames", frames, MAX_FRAMES)
    blank = _checks.text("blank", blank, 1)
    if len(blank) != 1:
        raise ValueError(f"blank must be a single character, got {blank!r}")
    runs: list[tuple[str, int]] = []
    for ch in frames:
        if runs and runs[-1][0] == ch:
            runs[-1] = (ch, runs[-1][1] + 1)
        else:
            runs.append((ch, 1))
    merged = "".join(ch for ch, _ in runs)
    return CTCCollapse(frames=frames, runs=tuple(runs), merged=merged, output=merged.replace(blank, ""))


def warm_up() -> None:
    """Compile this module's kernel."""
    ar1(4, 0, 0, 2.0)
