"""SGD on the adding problem, with and without gradient clipping.

The adding problem (Hochreiter & Schmidhuber 1997, experiment 4; the form of Le, Jaitly & Hinton
2015): every step carries a value and a marker; two steps are marked, one in each half of the
sequence, and the target is the sum of their values:

    x_t = (u_t, m_t),   u_t ~ U[0, 1),   m_t = 1 at t = t₁ < T/2 and t = t₂ ≥ T/2, else 0
    s   = u_{t₁} + u_{t₂}

Always answering the mean 1 gives a mean squared error of Var(s) = 2/12 = 1/6: a run has learned
something only below that line.

Model: a recurrent block and a linear read-out of its last state h_T (the LSTM's output y_T, or the
simple RNN's hidden state); loss over a batch of B sequences, gradients summed over time and batch:

    ŷ = v · h_T + a,     L = (1/B) Σ_b (ŷ_b − s_b)²,     ∂L/∂h_T = (2/B)(ŷ − s) v

The block is the LSTM of :mod:`engine.lstm` (no peepholes, forget-gate bias b_f), or the simple RNN
of :mod:`engine.rnn` (h_t = tanh(W h_{t−1} + U x_t + b), W orthogonal at the start; its V, c are not
used). The error (2/B)(ŷ − s) v enters at the last step only and is back-propagated through time by
the block's own public backward pass (:func:`engine.lstm.lstm_batch_backward`,
:func:`engine.rnn.rnn_hidden_backward`); for the RNN:

    δh_T = (2/B)(ŷ − s) v,   δa_t = (1 − h_t²) ⊙ δh_t,   δh_{t−1} = Wᵀ δa_t,
    δW = Σ_t δa_t h_{t−1}ᵀ,  δU = Σ_t δa_t x_tᵀ,  δb = Σ_t δa_t

One SGD step per batch, θ ← θ − η g, where g is clipped (:mod:`engine.clipping`, torch's rules)
after the whole back-propagation pass, once per step. Both runs of :func:`compare` start from the
same weights and see the same batches, so clipping is the only difference.

| symbol | name here        | meaning                                          |
|--------|------------------|--------------------------------------------------|
| T      | ``seq_len``      | sequence length                                  |
| H      | ``n_hidden``     | units of the block                               |
| B      | ``batch_size``   | sequences per step                               |
| η      | ``lr``           | learning rate                                    |
| τ      | ``clip``         | global-norm threshold                            |
| v, a   | ``v``, ``a``     | read-out weights (H,) and bias                   |
| ‖g‖    | ``grad_norm``    | global gradient norm before clipping, per step   |

A run's size is counted in ``TrainConfig.work`` (multiply-adds of the recurrent products); forward
and backward of the LSTM's four gates make ``OPS_PER_WORK`` operations of each, and a run must fit
the engine's one operations budget (``_checks.MAX_OPS``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from engine import _checks, clipping, lstm, rng, rnn
from engine._numba import kernel

MAX_SEQ_LEN = 200
MAX_HIDDEN = 32
MAX_STEPS = 2000
MAX_BATCH = 64
OPS_PER_WORK = 12  # operations per unit of work: 4 gates, forward and backward (about 3 passes)
N_INPUT = 2  # value and marker
MEAN_BASELINE = 1.0 / 6.0  # MSE of always answering 1
MODELS = ("lstm", "rnn")
_READOUT_STREAM = 7
_MAX_STEP_INDEX = (_checks.MAX_STREAM - 2) // 2  # adding_batch draws from streams 2·step + 1 and 2·step + 2


@dataclass(frozen=True)
class TrainConfig:
    """One training set-up (all runs of :func:`compare` share it); every field is checked."""

    seq_len: int = 10
    n_hidden: int = 8
    n_steps: int = 1000
    batch_size: int = 16
    lr: float = 0.8
    clip: float = 0.5
    forget_bias: float = 1.0
    seed: int = 0
    model: str = "lstm"

    def __post_init__(self) -> None:
        checked = {
            "model": _checks.choice("model", self.model, MODELS),
            "seq_len": _checks.whole("seq_len", self.seq_len, 2, MAX_SEQ_LEN),
            "n_hidden": _checks.whole("n_hidden", self.n_hidden, 1, MAX_HIDDEN),
            "n_steps": _checks.whole("n_steps", self.n_steps, 1, MAX_STEPS),
            "batch_size": _checks.whole("batch_size", self.batch_size, 1, MAX_BATCH),
            "lr": _checks.real("lr", self.lr, 0.0, lo_open=True),
            "clip": _checks.real("clip", self.clip, 0.0, lo_open=True),
            "forget_bias": _checks.real("forget_bias", self.forget_bias),
            "seed": rng.check_seed(self.seed),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        _checks.within_operations(
            f"this run ({OPS_PER_WORK} × n_steps × batch_size × seq_len × n_hidden × (n_hidden + {N_INPUT}) "
            f"= {OPS_PER_WORK} × {self.work:,}; use shorter sequences, fewer units or fewer steps)",
            OPS_PER_WORK * self.work)

    @property
    def work(self) -> int:
        """Multiply-adds of the recurrent products of one run, H·(H + M) per unit, sequence step
        and batch item (the default run is about 0.3 s on one core)."""
        H = self.n_hidden
        return self.n_steps * self.batch_size * self.seq_len * H * (H + N_INPUT)


def _config(config) -> TrainConfig:
    if not isinstance(config, TrainConfig):
        raise TypeError(f"config must be a TrainConfig, got {type(config).__name__}")
    return config


def within_budget(config: TrainConfig, max_work: int, multiple: int = 50) -> TrainConfig:
    """``config`` with ``n_steps`` lowered so one run needs at most ``max_work`` multiply-adds (a
    multiple of ``multiple`` steps, at least ``multiple``); unchanged when it already fits."""
    config = _config(config)
    max_work = _checks.whole("max_work", max_work, 1, _checks.MAX_OPS)
    multiple = _checks.whole("multiple", multiple, 1, MAX_STEPS)
    if config.work <= max_work:
        return config
    per_step = config.work // config.n_steps
    steps = max(multiple, (max_work // per_step) // multiple * multiple)
    return replace(config, n_steps=min(config.n_steps, steps))


def adding_batch(seq_len: int, batch_size: int, seed: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Batch number ``step`` of the adding problem: x (B, T, 2) and targets s (B,).

    2 ≤ ``seq_len`` ≤ ``MAX_SEQ_LEN`` (one marker in each half), 1 ≤ ``batch_size`` ≤ ``MAX_BATCH``.
    """
    T = _checks.whole("seq_len", seq_len, 2, MAX_SEQ_LEN)
    B = _checks.whole("batch_size", batch_size, 1, MAX_BATCH)
    seed = rng.check_seed(seed)
    step = _checks.whole("step", step, 0, _MAX_STEP_INDEX)
    values = rng.uniforms(seed, B * T, 2 * step + 1).reshape(B, T)  # (B·T,) -> (B, T)
    picks = rng.uniforms(seed, 2 * B, 2 * step + 2).reshape(B, 2)  # (2B,) -> (B, 2)
    half = T // 2
    first = (picks[:, 0] * half).astype(np.int64)  # in [0, T/2)
    second = half + (picks[:, 1] * (T - half)).astype(np.int64)  # in [T/2, T)
    x = np.zeros((B, T, N_INPUT))
    x[:, :, 0] = values
    rows = np.arange(B)
    x[rows, first, 1] = 1.0
    x[rows, second, 1] = 1.0
    return x, values[rows, first] + values[rows, second]


@dataclass(frozen=True)
class Model(_checks.Rebuilt):
    """A recurrent block ``net`` (``lstm.LSTMParams`` or ``rnn.RNNParams``) and the read-out
    ŷ = v · h_T + a; ``v`` (H,) is kept as a read-only checked copy, ``a`` a finite float."""

    net: lstm.LSTMParams | rnn.RNNParams
    v: np.ndarray  # (H,)
    a: float

    def __post_init__(self) -> None:
        if not isinstance(self.net, (lstm.LSTMParams, rnn.RNNParams)):
            raise TypeError(f"net must be lstm.LSTMParams or rnn.RNNParams, got {type(self.net).__name__}")
        H = self.net.n_hidden
        object.__setattr__(self, "v", _checks.frozen_array("v", self.v, (H,)))
        object.__setattr__(self, "a", _checks.real("a", self.a))

    @property
    def kind(self) -> str:
        """"lstm" or "rnn"."""
        return "lstm" if isinstance(self.net, lstm.LSTMParams) else "rnn"

    def arrays(self) -> list[np.ndarray]:
        """The trained arrays in the order of the gradients: LSTM W, R, b (no peepholes: p stays 0) or
        RNN U, W, b (V, c unused); then v and [a]."""
        net = self.net
        first = [net.W, net.R, net.b] if self.kind == "lstm" else [net.U, net.W, net.b]
        return [*first, self.v, np.array([self.a])]


def _readout(config: TrainConfig) -> np.ndarray:
    return (2.0 * rng.uniforms(config.seed, config.n_hidden, _READOUT_STREAM) - 1.0) / math.sqrt(config.n_hidden)


def init_model(config: TrainConfig) -> Model:
    """The seeded start of a run, read-out v from stream 7 of the seed, a = 0: for ``config.model``
    "lstm" an LSTM without peepholes and b_f += forget_bias, for "rnn" a simple RNN with an
    orthogonal W (all singular values 1)."""
    config = _config(config)
    if config.model == "lstm":
        net = lstm.init_lstm(N_INPUT, config.n_hidden, config.seed, peepholes=False,
                             forget_bias=config.forget_bias)
    else:
        net = rnn.init_rnn(N_INPUT, config.n_hidden, 1, config.seed, recurrent_scale=1.0)
    return Model(net, _readout(config), 0.0)


@kernel
def _readout_kernel(v, a, states, s):
    """The read-out and its loss over a batch, summed in the order b = 1..B:

        ŷ_b = v · h_T^(b) + a,   L = Σ_b (ŷ_b − s_b)² / B,   g_b = ∂L/∂ŷ_b = (2/B)(ŷ_b − s_b),
        ∂L/∂v = Σ_b g_b h_T^(b),   ∂L/∂a = Σ_b g_b

    v (H,), a float, states (B, T, H) (each sequence's h_t or y_t; only t = T is read), s (B,).
    Returns L, g (B,), ∂L/∂v (H,), ∂L/∂a.
    """
    B, T, H = states.shape
    g = np.empty(B)
    loss = 0.0
    for k in range(B):
        y_hat = 0.0
        for j in range(H):
            y_hat += v[j] * states[k, T - 1, j]
        err = y_hat + a - s[k]
        loss += err * err / B
        g[k] = (2.0 / B) * err
    dv = np.zeros(H)
    da = 0.0
    for k in range(B):
        da += g[k]
        for j in range(H):
            dv[j] += g[k] * states[k, T - 1, j]
    return loss, g, dv, da


def _batch(model: Model, x, s) -> tuple[np.ndarray, np.ndarray]:
    """x (B, T, M) and s (B,) as C-contiguous float64, checked once per batch (not per sequence)."""
    x = _checks.array_view("x", x, (None, None, model.net.n_input))
    _checks.whole("batch size (sequences in x)", x.shape[0], 1, MAX_BATCH)
    _checks.whole("sequence length (steps of x)", x.shape[1], 1, MAX_SEQ_LEN)
    s = _checks.array_view("s", s, (x.shape[0],))
    return x, s


def _nan_like(arrays: list[np.ndarray]) -> list[np.ndarray]:
    return [np.full_like(g, np.nan) for g in arrays]


def _lstm_loss_and_grads(model: Model, x: np.ndarray, s: np.ndarray) -> tuple[float, list[np.ndarray]]:
    block = model.net
    B, T, _ = x.shape
    H = block.n_hidden
    act, c, y = lstm.lstm_batch_forward(block, x)  # (B, 4, T, H), (B, T, H), (B, T, H)
    loss, g, dv, da = _readout_kernel(model.v, model.a, y, s)
    if not math.isfinite(loss):  # the read-out overflowed: nothing to back-propagate
        return loss, _nan_like(model.arrays())
    dy = np.zeros((B, T, H))  # Δ_t: only the last output is read
    dy[:, T - 1] = g[:, None] * model.v
    dW, dR, db, _ = lstm.lstm_batch_backward(block, x, act, c, y, dy)
    return loss, [dW, dR, db, dv, np.array([da])]


def _rnn_loss_and_grads(model: Model, x: np.ndarray, s: np.ndarray) -> tuple[float, list[np.ndarray]]:
    net = model.net
    h = rnn.rnn_hidden(net, x)  # (B, T, H)
    loss, g, dv, da = _readout_kernel(model.v, model.a, h, s)
    if not math.isfinite(loss):
        return loss, _nan_like(model.arrays())
    error = np.zeros_like(h)  # ε_t = ∂L/∂h_t from the read-out: only at t = T
    error[:, -1] = g[:, None] * model.v
    back = rnn.rnn_hidden_backward(net, x, h, error)
    return loss, [back.U, back.W, back.b, dv, np.array([da])]


def loss_and_grads(model: Model, x, s) -> tuple[float, list[np.ndarray]]:
    """Batch loss L and its gradients, in the order of ``Model.arrays()`` (NaN when L overflowed).

    ``x`` (B, T, M) and ``s`` (B,) are checked here, once per batch; the weights were checked when
    ``model`` was built.
    """
    if not isinstance(model, Model):
        raise TypeError(f"model must be a training.Model, got {type(model).__name__}")
    x, s = _batch(model, x, s)
    with np.errstate(over="ignore", invalid="ignore"):
        if model.kind == "lstm":
            return _lstm_loss_and_grads(model, x, s)
        return _rnn_loss_and_grads(model, x, s)


def _apply(model: Model, grads: list[np.ndarray], lr: float) -> Model:
    """θ ← θ − η g for every array of the model (``ValueError`` when a new weight is not finite)."""
    first, second, third, v, a = (p - lr * g for p, g in zip(model.arrays(), grads, strict=True))
    if model.kind == "rnn":
        net = rnn.RNNParams(U=first, W=second, b=third, V=model.net.V, c=model.net.c)
    else:
        net = lstm.LSTMParams(first, second, third, model.net.p)
    return Model(net, v, float(a[0]))


@dataclass(frozen=True)
class TrainLog:
    """One run: per step the batch loss, the gradient norm before clipping, whether it was clipped,
    and the length of the step taken; NaN after ``diverged_at`` (the step whose loss or gradient
    was inf/NaN, else None)."""

    mode: str
    loss: np.ndarray
    grad_norm: np.ndarray
    clipped: np.ndarray
    step_length: np.ndarray
    diverged_at: int | None

    @property
    def n_clipped(self) -> int:
        return int(self.clipped.sum())


def _steps(config: TrainConfig, mode: str) -> Iterator[tuple[int, float, float, bool, float]]:
    model = init_model(config)
    for step in range(config.n_steps):
        x, s = adding_batch(config.seq_len, config.batch_size, config.seed, step)
        with np.errstate(over="ignore", invalid="ignore"):
            loss, grads = loss_and_grads(model, x, s)
            result = clipping.clip_gradients(grads, mode, config.clip)
        if not (result.finite and math.isfinite(loss)):
            yield step, loss, result.norm_before, result.clipped, math.nan
            return
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                model = _apply(model, result.grads, config.lr)
        except ValueError:  # the new weights overflowed: the parameter classes refuse non-finite values
            yield step, loss, result.norm_before, result.clipped, math.inf
            return
        yield step, loss, result.norm_before, result.clipped, config.lr * result.norm_after


def train_steps(config: TrainConfig, mode: str) -> Iterator[tuple[int, float, float, bool, float]]:
    """Yield (step, loss, grad norm before clipping, clipped, step length) one SGD step at a time;
    stop after a step whose loss or gradient is not finite (its values are yielded first).

    The arguments are checked when this is called, not at the first step."""
    return _steps(_config(config), _checks.choice("mode", mode, clipping.MODES))


def train(config: TrainConfig, mode: str = "none",
          progress: Callable[[float], None] | None = None) -> TrainLog:
    """Run ``config`` with clipping ``mode`` ∈ {"none", "norm", "value"}; ``progress(fraction)``
    is called every few steps."""
    steps = train_steps(config, mode)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a function of one number or None, got {type(progress).__name__}")
    n = config.n_steps
    loss, norm, length = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    clipped = np.zeros(n, dtype=bool)
    diverged_at = None
    every = max(1, n // 50)
    for step, step_loss, step_norm, was_clipped, step_length in steps:
        loss[step], norm[step], clipped[step], length[step] = step_loss, step_norm, was_clipped, step_length
        if not math.isfinite(step_length):
            diverged_at = step
        if progress is not None and (step % every == 0 or step == n - 1):
            progress((step + 1) / n)
    if progress is not None:
        progress(1.0)
    return TrainLog(mode, loss, norm, clipped, length, diverged_at)


def compare(config: TrainConfig, progress: Callable[[float], None] | None = None) -> dict[str, TrainLog]:
    """The same run without clipping and with global-norm clipping at ``config.clip``."""
    _config(config)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a function of one number or None, got {type(progress).__name__}")

    def part(offset: float) -> Callable[[float], None] | None:
        return None if progress is None else (lambda f: progress(offset + 0.5 * f))

    return {"none": train(config, "none", part(0.0)), "norm": train(config, "norm", part(0.5))}


def warm_up() -> None:
    """Compile the kernels a training run uses: the read-out kernel and, through the public passes
    of both blocks, those of :mod:`engine.lstm`, :mod:`engine.rnn` and :mod:`engine.rng`."""
    tiny = replace(TrainConfig(), seq_len=4, n_steps=2, batch_size=2)
    compare(tiny)
    compare(replace(tiny, model="rnn"))
