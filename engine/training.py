"""SGD on the adding problem, with and without gradient clipping.

The adding problem (Hochreiter & Schmidhuber 1997, experiment 4; the form of Le, Jaitly & Hinton
2015): every step carries a value and a marker; two steps are marked, one in each half of the
sequence, and the target is the sum of their values:

    x_t = (u_t, m_t),   u_t ~ U[0, 1),   m_t = 1 at t = t₁ < T/2 and t = t₂ ≥ T/2, else 0
    s   = u_{t₁} + u_{t₂}

Always answering the mean 1 gives a mean squared error of Var(s) = 2/12 = 1/6: a run has learned
something only below that line.

Model: the LSTM of :mod:`engine.lstm` (no peepholes, forget-gate bias b_f) and a linear read-out of
its last output; loss over a batch of B sequences, gradients summed over time and batch:

    ŷ = v · y_T + a,     L = (1/B) Σ_b (ŷ_b − s_b)²,     Δ_T = ∂L/∂y_T = (2/B)(ŷ − s) v

The simple RNN of :mod:`engine.rnn` (h_t = tanh(W h_{t−1} + U x_t + b), W orthogonal at the start)
with the same read-out is trained the same way for comparison; its gradient is back-propagated
through time here, from the read-out of h_T only:

    δh_T = (2/B)(ŷ − s) v,   δa_t = (1 − h_t²) ⊙ δh_t,   δh_{t−1} = Wᵀ δa_t,
    δW = Σ_t δa_t h_{t−1}ᵀ,  δU = Σ_t δa_t x_tᵀ,  δb = Σ_t δa_t

One SGD step per batch, θ ← θ − η g, where g is clipped (:mod:`engine.clipping`, torch's rules)
after the whole back-propagation pass, once per step. Both runs of :func:`compare` start from the
same weights and see the same batches, so clipping is the only difference.

| symbol | name here        | meaning                                          |
|--------|------------------|--------------------------------------------------|
| T      | ``seq_len``      | sequence length                                  |
| H      | ``n_hidden``     | LSTM units                                       |
| B      | ``batch_size``   | sequences per step                               |
| η      | ``lr``           | learning rate                                    |
| τ      | ``clip``         | global-norm threshold                            |
| v, a   | ``v``, ``a``     | read-out weights (H,) and bias                   |
| ‖g‖    | ``grad_norm``    | global gradient norm before clipping, per step   |
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from engine import clipping, lstm, rng, rnn
from engine._numba import kernel

MAX_SEQ_LEN = 200
MAX_HIDDEN = 32
MAX_STEPS = 2000
MAX_BATCH = 64
MAX_WORK = 120_000_000  # multiply-adds budget of one run (the default run needs 12.8 million)
N_INPUT = 2  # value and marker
MEAN_BASELINE = 1.0 / 6.0  # MSE of always answering 1
MODELS = ("lstm", "rnn")


@dataclass(frozen=True)
class TrainConfig:
    """One training set-up (all runs of :func:`compare` share it)."""

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
        if self.model not in MODELS:
            raise ValueError(f"model must be one of {MODELS}, got {self.model!r}")
        for name, lo, hi in (("seq_len", 2, MAX_SEQ_LEN), ("n_hidden", 1, MAX_HIDDEN),
                             ("n_steps", 1, MAX_STEPS), ("batch_size", 1, MAX_BATCH)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
                raise ValueError(f"{name} must be a whole number between {lo} and {hi}, got {value!r}")
        for name in ("lr", "clip"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
        if not math.isfinite(self.forget_bias):
            raise ValueError(f"forget_bias must be finite, got {self.forget_bias!r}")
        rng.check_seed(self.seed)
        if self.work > MAX_WORK:
            raise ValueError(f"this run needs {self.work:,} units of work, more than the budget "
                             f"{MAX_WORK:,}: use shorter sequences, fewer units or fewer steps")

    @property
    def work(self) -> int:
        """Multiply-adds of the recurrent products of one run, H·(H + M) per unit, sequence step
        and batch item: the budget's unit (the default run is about 1 s on one core)."""
        H = self.n_hidden
        return self.n_steps * self.batch_size * self.seq_len * H * (H + N_INPUT)


def within_budget(config: TrainConfig, max_work: int, multiple: int = 50) -> TrainConfig:
    """``config`` with ``n_steps`` lowered so one run needs at most ``max_work`` multiply-adds (a
    multiple of ``multiple`` steps, at least ``multiple``); unchanged when it already fits."""
    if config.work <= max_work:
        return config
    per_step = config.work // config.n_steps
    steps = max(multiple, (max_work // per_step) // multiple * multiple)
    return replace(config, n_steps=min(config.n_steps, steps))


def adding_batch(seq_len: int, batch_size: int, seed: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Batch number ``step`` of the adding problem: x (B, T, 2) and targets s (B,)."""
    T, B = int(seq_len), int(batch_size)
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
class Model:
    """LSTM block plus the linear read-out v · y_T + a."""

    lstm: lstm.LSTMParams
    v: np.ndarray  # (H,)
    a: float

    def arrays(self) -> list[np.ndarray]:
        return [*self.lstm.arrays()[:3], self.v, np.array([self.a])]  # no peepholes: p stays 0


def init_model(config: TrainConfig) -> Model:
    """Seeded LSTM (no peepholes, b_f += forget_bias) and read-out drawn from stream 7 of the seed."""
    block = lstm.init_lstm(N_INPUT, config.n_hidden, config.seed, peepholes=False,
                           forget_bias=config.forget_bias)
    return Model(block, _readout(config), 0.0)


@dataclass(frozen=True)
class RNNModel:
    """Simple RNN (its V, c are unused) plus the linear read-out v · h_T + a."""

    net: rnn.RNNParams
    v: np.ndarray  # (H,)
    a: float

    def arrays(self) -> list[np.ndarray]:
        return [self.net.U, self.net.W, self.net.b, self.v, np.array([self.a])]


def _readout(config: TrainConfig) -> np.ndarray:
    return (2.0 * rng.uniforms(config.seed, config.n_hidden, 7) - 1.0) / math.sqrt(config.n_hidden)


def init_rnn_model(config: TrainConfig) -> RNNModel:
    """Seeded RNN with an orthogonal W (all singular values 1) and the LSTM's read-out."""
    net = rnn.init_rnn(N_INPUT, config.n_hidden, 1, config.seed, recurrent_scale=1.0)
    return RNNModel(net, _readout(config), 0.0)


@kernel
def _rnn_batch_kernel(U, W, b, V, c, v, a, x, s):
    B, T, M = x.shape
    H = W.shape[0]
    h0 = np.zeros(H)
    hs = np.empty((B, T, H))  # h_t of every sequence
    err = np.empty(B)  # ŷ_b − s_b
    loss = 0.0
    for k in range(B):
        h = rnn._forward_kernel(U, W, b, V, c, x[k], h0)[1]  # (T, H); its soft-max output is unused
        hs[k] = h
        y_hat = 0.0
        for j in range(H):
            y_hat += v[j] * h[T - 1, j]
        err[k] = y_hat + a - s[k]
        loss += err[k] * err[k] / B
    dU, dW, db, dv = np.zeros((H, M)), np.zeros((H, H)), np.zeros(H), np.zeros(H)
    da = 0.0
    delta_h = np.empty(H)
    delta_a = np.empty(H)
    for k in range(B):
        g = (2.0 / B) * err[k]  # ∂L/∂ŷ_b
        da += g
        for j in range(H):
            dv[j] += g * hs[k, T - 1, j]
            delta_h[j] = g * v[j]  # δh_T
        for t in range(T - 1, -1, -1):
            for i in range(H):
                delta_a[i] = (1.0 - hs[k, t, i] * hs[k, t, i]) * delta_h[i]
                db[i] += delta_a[i]
                for m in range(M):
                    dU[i, m] += delta_a[i] * x[k, t, m]
                if t > 0:
                    for j in range(H):
                        dW[i, j] += delta_a[i] * hs[k, t - 1, j]
            for j in range(H):  # δh_{t−1} = Wᵀ δa_t
                total = 0.0
                for i in range(H):
                    total += W[i, j] * delta_a[i]
                delta_h[j] = total
    return loss, dU, dW, db, dv, da


@kernel
def _lstm_batch_kernel(W, R, b, p, v, a, x, s, pin):
    B, T, _ = x.shape
    H = v.size
    dW, dR, db, dv = np.zeros_like(W), np.zeros_like(R), np.zeros_like(b), np.zeros(H)
    da = 0.0
    y0, c0 = np.zeros(H), np.zeros(H)
    dy = np.zeros((T, H))  # Δ_t: only the last output is read
    loss = 0.0
    for k in range(B):
        xk = x[k]  # (T, M)
        _, act, c, y = lstm._forward_kernel(W, R, b, p, xk, y0, c0, pin)
        y_hat = 0.0
        for j in range(H):
            y_hat += v[j] * y[T - 1, j]
        err = y_hat + a - s[k]
        loss += err * err / B
        if not np.isfinite(loss):  # the read-out overflowed: nothing to back-propagate
            return loss, dW, dR, db, dv, da
        g = (2.0 / B) * err  # ∂L/∂ŷ_b
        for j in range(H):
            dy[T - 1, j] = g * v[j]
        back = lstm._backward_kernel(W, R, p, xk, y0, c0, act[0], act[1], act[2], act[3], c, y, pin, dy)
        dW += back[0]
        dR += back[1]
        db += back[2]
        for j in range(H):
            dv[j] += g * y[T - 1, j]
        da += g
    return loss, dW, dR, db, dv, da


def _nan_like(arrays: list[np.ndarray]) -> list[np.ndarray]:
    return [np.full_like(g, np.nan) for g in arrays]


def _batch(x: np.ndarray, s: np.ndarray, n_input: int) -> tuple[np.ndarray, np.ndarray]:
    """x (B, T, M) and s (B,) as contiguous float64, checked once per batch (not per sequence)."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    s = np.ascontiguousarray(s, dtype=np.float64)
    if x.ndim != 3 or x.shape[2] != n_input or s.shape != (x.shape[0],) or min(x.shape) < 1:
        raise ValueError(f"x must have shape (B, T, {n_input}) and s shape (B,), got {x.shape} and {s.shape}")
    if not (np.isfinite(x).all() and np.isfinite(s).all()):
        raise ValueError("the batch contains NaN or infinite values")
    return x, s


def rnn_loss_and_grads(model: RNNModel, x: np.ndarray, s: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """Batch loss L and its gradients (order of ``RNNModel.arrays()``); NaN when L or the weights
    are not finite. One kernel call per batch: the weights and the batch are checked here, once."""
    x, s = _batch(x, s, model.net.U.shape[1])
    net = model.net
    arrays = model.arrays()
    if not all(np.isfinite(g).all() for g in arrays):  # the weights overflowed on the previous step
        return math.nan, _nan_like(arrays)
    loss, dU, dW, db, dv, da = _rnn_batch_kernel(
        *(np.ascontiguousarray(w, dtype=np.float64) for w in (net.U, net.W, net.b, net.V, net.c)),
        np.ascontiguousarray(model.v, dtype=np.float64), float(model.a), x, s)
    if not math.isfinite(loss):
        return loss, _nan_like(arrays)
    return loss, [dU, dW, db, dv, np.array([da])]


_FREE = np.full(3, np.nan)  # no pinned gate


def loss_and_grads(model: Model, x: np.ndarray, s: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """Batch loss L and its gradients, in the order of ``Model.arrays()`` (NaN when L overflowed).

    The forward and backward kernels of :mod:`engine.lstm` run in one kernel call per batch: the
    weights were checked when ``model`` was built (``LSTMParams``), the batch is checked here, so
    the per-sequence checks of ``lstm_forward``/``lstm_backward`` are skipped.
    """
    x, s = _batch(x, s, model.lstm.n_input)
    block = model.lstm
    loss, dW, dR, db, dv, da = _lstm_batch_kernel(
        block.W, block.R, block.b, block.p, np.ascontiguousarray(model.v, dtype=np.float64),
        float(model.a), x, s, _FREE)
    if not math.isfinite(loss):
        return loss, _nan_like(model.arrays())
    return loss, [dW, dR, db, dv, np.array([da])]


def _apply(model: Model | RNNModel, grads: list[np.ndarray], lr: float) -> Model | RNNModel:
    first, second, third, v, a = (p - lr * g for p, g in zip(model.arrays(), grads, strict=True))
    if isinstance(model, RNNModel):
        net = model.net
        return RNNModel(rnn.RNNParams(U=first, W=second, b=third, V=net.V, c=net.c), v, float(a[0]))
    return Model(lstm.LSTMParams(first, second, third, model.lstm.p), v, float(a[0]))


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


def train_steps(config: TrainConfig, mode: str) -> Iterator[tuple[int, float, float, bool, float]]:
    """Yield (step, loss, grad norm before clipping, clipped, step length) one SGD step at a time;
    stop after a step whose loss or gradient is not finite (its values are yielded first)."""
    model = init_model(config) if config.model == "lstm" else init_rnn_model(config)
    gradient = loss_and_grads if config.model == "lstm" else rnn_loss_and_grads
    for step in range(config.n_steps):
        x, s = adding_batch(config.seq_len, config.batch_size, config.seed, step)
        with np.errstate(over="ignore", invalid="ignore"):
            loss, grads = gradient(model, x, s)
            result = clipping.clip_gradients(grads, mode, config.clip)
        if not (result.finite and math.isfinite(loss)):
            yield step, loss, result.norm_before, result.clipped, math.nan
            return
        try:
            model = _apply(model, result.grads, config.lr)
        except ValueError:  # the new weights overflowed: the parameter classes refuse non-finite values
            yield step, loss, result.norm_before, result.clipped, math.inf
            return
        yield step, loss, result.norm_before, result.clipped, config.lr * result.norm_after


def train(config: TrainConfig, mode: str = "none",
          progress: Callable[[float], None] | None = None) -> TrainLog:
    """Run ``config`` with clipping ``mode`` ∈ {"none", "norm", "value"}; ``progress(fraction)``
    is called every few steps."""
    if mode not in clipping.MODES:
        raise ValueError(f"mode must be one of {clipping.MODES}, got {mode!r}")
    n = config.n_steps
    loss, norm, length = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    clipped = np.zeros(n, dtype=bool)
    diverged_at = None
    every = max(1, n // 50)
    for step, step_loss, step_norm, was_clipped, step_length in train_steps(config, mode):
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

    def part(offset: float) -> Callable[[float], None] | None:
        return None if progress is None else (lambda f: progress(offset + 0.5 * f))

    return {"none": train(config, "none", part(0.0)), "norm": train(config, "norm", part(0.5))}


def warm_up() -> None:
    """Compile the kernels a training run uses: the batch kernels of both models (and, through them,
    those of :mod:`engine.lstm`, :mod:`engine.rnn` and :mod:`engine.rng`)."""
    tiny = replace(TrainConfig(), seq_len=4, n_steps=2, batch_size=2)
    compare(tiny)
    compare(replace(tiny, model="rnn"))
