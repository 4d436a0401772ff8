"""History you can run: XOR defeats Rosenblatt's perceptron, backpropagation solves it.

XOR data: x ∈ {0, 1}², t = x₁ ⊕ x₂ (N = 4 points). No line separates the two classes, so any
single threshold unit gets at most 3 of 4 right (Minsky & Papert 1969).

Perceptron (Rosenblatt 1958), one sample at a time, in a seeded order each epoch:

    y_n = H(w · x_n + b),   H(a) = 1 if a > 0 else 0
    w ← w + η (t_n − y_n) x_n,   b ← b + η (t_n − y_n)

Two-layer net trained with backpropagation (Rumelhart, Hinton & Williams 1986), full batch:

    a_n = W₁ x_n + b₁,   h_n = tanh(a_n),   z_n = w₂ · h_n + b₂,   ŷ_n = σ(z_n)
    L = (1/N) Σ_n softplus(z_n) − t_n z_n       (= binary cross-entropy of ŷ_n, computed stably)
    δz_n = (ŷ_n − t_n) / N
    ∂L/∂w₂ = Σ_n δz_n h_n,   ∂L/∂b₂ = Σ_n δz_n
    δa_n = δz_n w₂ ⊙ (1 − h_n²)
    ∂L/∂W₁ = Σ_n δa_n x_nᵀ,   ∂L/∂b₁ = Σ_n δa_n
    θ ← θ − η ∂L/∂θ

(tanh is a rescaled logistic, tanh(a) = 2σ(2a) − 1; it trains XOR faster than σ in the hidden layer.)

Vanishing gradient of a deep sigmoid net at initialisation (Hochreiter 1991; Glorot & Bengio 2010),
layers l = 1 … D of width n, W_l ~ N(0, gain²/n), zero biases, a readout v ~ N(0, I):

    h_0 = x,   a_l = W_l h_{l−1},   h_l = σ(a_l),   L = (1/N) Σ_n v · h_{D,n}
    δ_D = σ'(a_D) ⊙ v / N,   δ_l = σ'(a_l) ⊙ (W_{l+1}ᵀ δ_{l+1}),   ∂L/∂W_l = δ_l h_{l−1}ᵀ
    ‖δ_l‖ / ‖δ_D‖ ≤ Π_{k=l+1}^{D} ¼ ‖W_k‖₂        (σ' ≤ ¼)

Notation
--------
=========  =====================================================
``x``      inputs (N, 2); ``t`` targets (N,) in {0, 1}
``w, b``   perceptron weights (2,) and bias
``W1, b1`` hidden weights (H, 2) and biases (H,); H = ``n_hidden``
``w2, b2`` output weights (H,) and bias
``eta``    learning rate η; ``n_epochs`` passes over the 4 points
=========  =====================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import _checks, rng
from engine._numba import inline_kernel, kernel

X_XOR = _checks.frozen(np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]))  # (N=4, 2)
T_XOR = _checks.frozen(np.array([0.0, 1.0, 1.0, 0.0]))  # (N,)
GATES = {  # targets (N,) on the rows of X_XOR; AND and OR are linearly separable, XOR is not
    "and": _checks.frozen(np.array([0.0, 0.0, 0.0, 1.0])),
    "or": _checks.frozen(np.array([0.0, 1.0, 1.0, 1.0])),
    "xor": T_XOR,
}
MAX_HIDDEN, MAX_EPOCHS, MAX_GRID, MAX_DEPTH, MAX_WIDTH = 64, 20_000, 201, 60, 256
MAX_SAMPLES = 4096  # inputs of the deep sigmoid net
_STREAM_PERCEPTRON, _STREAM_ORDER, _STREAM_MLP, _STREAM_DEEP = 11, 12, 13, 14


@dataclass(frozen=True)
class PerceptronResult:
    """Rosenblatt's perceptron after training: weights, and per-epoch accuracy and mistakes."""

    w: np.ndarray  # (2,)
    b: float
    accuracy: np.ndarray  # (n_epochs,) fraction right after each epoch
    mistakes: np.ndarray  # (n_epochs,) updates made during each epoch
    history: np.ndarray  # (n_epochs, 3) rows (w₁, w₂, b) at the end of each epoch
    predictions: np.ndarray  # (4,) final outputs on the four input points
    targets: np.ndarray  # (4,) the gate's truth table

    @property
    def final_accuracy(self) -> float:
        return float(np.mean(self.predictions == self.targets))


@dataclass(frozen=True)
class MLPParams(_checks.Rebuilt):
    """A 2–H–1 net: hidden tanh layer, logistic output (also the shape of its gradient).

    The net owns read-only float64 copies of its arrays (checked: real, finite, 1 ≤ H ≤ MAX_HIDDEN,
    shapes that agree), so nothing the caller writes later reaches a kernel.
    """

    W1: np.ndarray  # (H, 2)
    b1: np.ndarray  # (H,)
    w2: np.ndarray  # (H,)
    b2: float

    def __post_init__(self) -> None:
        W1 = _checks.array_view("W1", self.W1, (None, 2))
        H = _checks.whole("n_hidden (rows of W1)", W1.shape[0], 1, MAX_HIDDEN)
        object.__setattr__(self, "W1", _checks.frozen(W1))
        object.__setattr__(self, "b1", _checks.frozen_array("b1", self.b1, (H,)))
        object.__setattr__(self, "w2", _checks.frozen_array("w2", self.w2, (H,)))
        object.__setattr__(self, "b2", _checks.real("b2", self.b2))


@dataclass(frozen=True)
class MLPResult:
    """The trained net, its loss and accuracy after each epoch, and its outputs on the XOR points."""

    params: MLPParams
    loss: np.ndarray  # (n_epochs,) before update k = 0 … n_epochs − 1
    accuracy: np.ndarray  # (n_epochs,) likewise
    probabilities: np.ndarray  # (4,) ŷ on the four input points
    targets: np.ndarray  # (4,) the gate's truth table

    @property
    def final_accuracy(self) -> float:
        return float(np.mean((self.probabilities > 0.5) == (self.targets > 0.5)))


@dataclass(frozen=True)
class DeepGradients:
    """Backpropagated error per layer of a deep sigmoid net at initialisation."""

    layer: np.ndarray  # (D,) 1 … D, input side first
    delta_norm: np.ndarray  # (D,) ‖δ_l‖ / ‖δ_D‖
    weight_grad_norm: np.ndarray  # (D,) ‖∂L/∂W_l‖_F / ‖∂L/∂W_D‖_F
    bound: np.ndarray  # (D,) Π_{k>l} ¼‖W_k‖₂
    quarter_power: np.ndarray  # (D,) ¼^(D−l), the bound when every ‖W_k‖₂ = 1


# ----------------------------------------------------------------------------- kernels


@kernel
def _perceptron_kernel(X, t, w0, b0, eta, n_epochs, seed):
    """Rosenblatt's rule, one sample at a time in a Fisher–Yates order drawn from (seed, stream 12):

        y_n = H(w · x_n + b),   w ← w + η (t_n − y_n) x_n,   b ← b + η (t_n − y_n)

    X (N, m), t (N,) in {0, 1}, w0 (m,), b0 float, eta > 0, n_epochs ≥ 1, seed ≥ 0. Returns w (m,),
    b, accuracy (n_epochs,) after each epoch, mistakes (n_epochs,) during it, history (n_epochs, m+1)
    = (w, b) at the end of each epoch.
    """
    n, m = X.shape
    w = w0.copy()
    b = b0
    accuracy = np.empty(n_epochs)
    mistakes = np.empty(n_epochs)
    history = np.empty((n_epochs, m + 1))
    key = rng.stream_key(seed, _STREAM_ORDER)
    order = np.arange(n)
    for epoch in range(n_epochs):
        for k in range(n - 1, 0, -1):  # Fisher–Yates shuffle from the counter-based stream
            j = int(rng.uniform_at(key, epoch * n + k) * (k + 1))
            order[k], order[j] = order[j], order[k]
        wrong = 0
        for idx in range(n):
            p = order[idx]
            a = b
            for d in range(m):
                a += w[d] * X[p, d]
            err = t[p] - (1.0 if a > 0.0 else 0.0)
            if err != 0.0:
                wrong += 1
                for d in range(m):
                    w[d] += eta * err * X[p, d]
                b += eta * err
        right = 0
        for p in range(n):
            a = b
            for d in range(m):
                a += w[d] * X[p, d]
            right += (1.0 if a > 0.0 else 0.0) == t[p]
        accuracy[epoch] = right / n
        mistakes[epoch] = wrong
        history[epoch, :m] = w
        history[epoch, m] = b
    return w, b, accuracy, mistakes, history


@inline_kernel
def _softplus(z):
    """softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^{−|z|}) (no overflow), a float64 scalar."""
    return max(z, 0.0) + np.log1p(np.exp(-abs(z)))


@inline_kernel
def _sigmoid(z):
    """σ(z) = 1 / (1 + e^{−z}), computed as e^z / (1 + e^z) for z < 0 (no overflow), a float64 scalar."""
    if z >= 0.0:
        return 1.0 / (1.0 + np.exp(-z))
    e = np.exp(z)
    return e / (1.0 + e)


@inline_kernel
def _loss_grads(X, t, W1, b1, w2, b2, gW1, gb1, gw2, yhat):
    """L = (1/N) Σ_n softplus(z_n) − t_n z_n with z_n = w₂ · tanh(W₁ x_n + b₁) + b₂, and its gradient:

        δz_n = (σ(z_n) − t_n) / N,  ∂L/∂w₂ = Σ_n δz_n h_n,  ∂L/∂b₂ = Σ_n δz_n,
        δa_n = δz_n w₂ ⊙ (1 − h_n²),  ∂L/∂W₁ = Σ_n δa_n x_nᵀ,  ∂L/∂b₁ = Σ_n δa_n.

    X (N, m), t (N,), W1 (H, m), b1 (H,), w2 (H,), b2 float; fills gW1 (H, m), gb1 (H,), gw2 (H,)
    and yhat (N,) = σ(z_n) in place. Returns (L, ∂L/∂b₂).
    """
    n, m = X.shape
    H = W1.shape[0]
    gW1[:] = 0.0
    gb1[:] = 0.0
    gw2[:] = 0.0
    gb2 = 0.0
    loss = 0.0
    h = np.empty(H)
    for p in range(n):
        z = b2
        for j in range(H):
            a = b1[j]
            for d in range(m):
                a += W1[j, d] * X[p, d]
            h[j] = np.tanh(a)
            z += w2[j] * h[j]
        loss += (_softplus(z) - t[p] * z) / n
        yhat[p] = _sigmoid(z)
        dz = (yhat[p] - t[p]) / n
        gb2 += dz
        for j in range(H):
            gw2[j] += dz * h[j]
            da = dz * w2[j] * (1.0 - h[j] * h[j])
            gb1[j] += da
            for d in range(m):
                gW1[j, d] += da * X[p, d]
    return loss, gb2


@kernel
def _mlp_grads_kernel(X, t, W1, b1, w2, b2):
    """(L, ∂L/∂W₁ (H, m), ∂L/∂b₁ (H,), ∂L/∂w₂ (H,), ∂L/∂b₂) of ``_loss_grads`` for X (N, m), t (N,)."""
    gW1 = np.empty_like(W1)
    gb1 = np.empty_like(b1)
    gw2 = np.empty_like(w2)
    yhat = np.empty(X.shape[0])
    loss, gb2 = _loss_grads(X, t, W1, b1, w2, b2, gW1, gb1, gw2, yhat)
    return loss, gW1, gb1, gw2, gb2


@kernel
def _mlp_train_kernel(X, t, W1_0, b1_0, w2_0, b2_0, eta, n_epochs):
    """Full-batch gradient descent θ ← θ − η ∂L/∂θ for n_epochs steps from (W1_0, b1_0, w2_0, b2_0).

    X (N, m), t (N,), W1_0 (H, m), b1_0 (H,), w2_0 (H,), b2_0 float (not modified), eta > 0.
    Returns W1, b1, w2, b2 after training, loss (n_epochs,) and accuracy (n_epochs,) before each
    update, and yhat (N,) of the trained net.
    """
    W1, b1, w2, b2 = W1_0.copy(), b1_0.copy(), w2_0.copy(), b2_0
    gW1 = np.empty_like(W1)
    gb1 = np.empty_like(b1)
    gw2 = np.empty_like(w2)
    yhat = np.empty(X.shape[0])
    losses = np.empty(n_epochs)
    accuracy = np.empty(n_epochs)
    for epoch in range(n_epochs):
        loss, gb2 = _loss_grads(X, t, W1, b1, w2, b2, gW1, gb1, gw2, yhat)
        right = 0
        for p in range(X.shape[0]):
            right += (yhat[p] > 0.5) == (t[p] > 0.5)
        losses[epoch] = loss
        accuracy[epoch] = right / X.shape[0]
        W1 -= eta * gW1
        b1 -= eta * gb1
        w2 -= eta * gw2
        b2 -= eta * gb2
    _loss_grads(X, t, W1, b1, w2, b2, gW1, gb1, gw2, yhat)  # ŷ of the trained net
    return W1, b1, w2, b2, losses, accuracy, yhat


@kernel
def _mlp_forward_kernel(P, W1, b1, w2, b2):
    """ŷ_p = σ(b₂ + Σ_j w₂[j] tanh(b₁[j] + W₁[j, 0] P[p, 0] + W₁[j, 1] P[p, 1])) for each row p.

    P (n, 2), W1 (H, 2), b1 (H,), w2 (H,), b2 float. Returns ŷ (n,) in (0, 1).
    """
    n = P.shape[0]
    H = W1.shape[0]
    out = np.empty(n)
    for p in range(n):
        z = b2
        for j in range(H):
            z += w2[j] * np.tanh(b1[j] + W1[j, 0] * P[p, 0] + W1[j, 1] * P[p, 1])
        out[p] = _sigmoid(z)
    return out


# ----------------------------------------------------------------------------- checks


def _check_gate(gate: str) -> np.ndarray:
    return GATES[_checks.choice("gate", gate, tuple(GATES))]


def _check_eta(eta) -> float:
    return _checks.real("learning rate eta", eta, 0.0, 100.0, lo_open=True)


def _points(name: str, points) -> np.ndarray:
    """(P, 2) finite points, at most the work budget's worth."""
    points = _checks.array(name, points, (None, 2))
    _checks.within_budget(f"{name}: {points.shape[0]:,} points × 2 coordinates", points.size)
    return points


# ----------------------------------------------------------------------------- public API


def train_perceptron(n_epochs: int = 20, eta: float = 1.0, seed: int = 0, gate: str = "xor") -> PerceptronResult:
    """Rosenblatt's rule on a gate (XOR by default) for ``n_epochs`` passes, seeded start and order."""
    t = _check_gate(gate)
    n_epochs = _checks.whole("n_epochs", n_epochs, 1, MAX_EPOCHS)
    eta, seed = _check_eta(eta), rng.check_seed(seed)
    w0 = 0.5 * rng.normals(seed, 3, _STREAM_PERCEPTRON)  # (3,) = w (2,) and b
    w, b, accuracy, mistakes, history = _perceptron_kernel(X_XOR, t, w0[:2].copy(), float(w0[2]), eta, n_epochs, seed)
    predictions = (X_XOR @ w + b > 0.0).astype(np.float64)  # (4,)
    return PerceptronResult(w, float(b), accuracy, mistakes, history, predictions, t.copy())


def init_mlp(n_hidden: int = 4, seed: int = 0) -> MLPParams:
    """Seeded start: W₁ ~ N(0, 1), b₁ ~ N(0, 1), w₂ ~ N(0, 1/H), b₂ = 0."""
    n_hidden = _checks.whole("n_hidden", n_hidden, 1, MAX_HIDDEN)
    g = rng.normals(rng.check_seed(seed), 4 * n_hidden, _STREAM_MLP)  # (4H,)
    W1 = g[: 2 * n_hidden].reshape(n_hidden, 2)  # (H, 2)
    b1 = g[2 * n_hidden : 3 * n_hidden].copy()  # (H,)
    w2 = g[3 * n_hidden :] / np.sqrt(n_hidden)  # (H,)
    return MLPParams(W1=np.ascontiguousarray(W1), b1=b1, w2=np.ascontiguousarray(w2), b2=0.0)


def _as_params(params: MLPParams) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The arrays of a net (checked and frozen when it was built)."""
    if not isinstance(params, MLPParams):
        raise TypeError(f"params must be MLPParams, got {type(params).__name__}")
    return params.W1, params.b1, params.w2, params.b2


def mlp_loss_and_grads(params: MLPParams, X=X_XOR, t=T_XOR) -> tuple[float, MLPParams]:
    """Cross-entropy loss of the net on (X, t) and its exact gradient (same fields as the params).

    X (N, 2) finite with N ≥ 1 (the mean loss of no points is undefined), t (N,) targets in [0, 1].
    """
    W1, b1, w2, b2 = _as_params(params)
    X = _points("X", X)
    if X.shape[0] == 0:
        raise ValueError("X must hold at least one point, got shape (0, 2)")
    t = _checks.array("t", t, (X.shape[0],))
    if np.any((t < 0.0) | (t > 1.0)):
        raise ValueError(f"t must hold targets in [0, 1], got values from {t.min():g} to {t.max():g}")
    loss, gW1, gb1, gw2, gb2 = _mlp_grads_kernel(X, t, W1, b1, w2, b2)
    return float(loss), MLPParams(W1=gW1, b1=gb1, w2=gw2, b2=float(gb2))


def train_mlp(n_hidden: int = 4, n_epochs: int = 2000, eta: float = 1.0, seed: int = 0, gate: str = "xor") -> MLPResult:
    """Full-batch gradient descent with backpropagation on a gate from ``init_mlp(n_hidden, seed)``."""
    t = _check_gate(gate)
    n_epochs = _checks.whole("n_epochs", n_epochs, 1, MAX_EPOCHS)
    eta = _check_eta(eta)
    W1, b1, w2, b2 = _as_params(init_mlp(n_hidden, seed))
    W1, b1, w2, b2, loss, accuracy, yhat = _mlp_train_kernel(X_XOR, t, W1, b1, w2, b2, eta, n_epochs)
    return MLPResult(MLPParams(W1=W1, b1=b1, w2=w2, b2=float(b2)), loss, accuracy, yhat, t.copy())


def grid_points(n_grid: int = 61, lo: float = -0.5, hi: float = 1.5) -> tuple[np.ndarray, np.ndarray]:
    """Axis values (n_grid,) and the grid's points (n_grid², 2), x₁ varying fastest."""
    n_grid = _checks.whole("n_grid", n_grid, 2, MAX_GRID)
    lo, hi = _checks.real("lo", lo), _checks.real("hi", hi)
    if not lo < hi:
        raise ValueError(f"need lo < hi, got lo = {lo:g}, hi = {hi:g}")
    axis = np.linspace(lo, hi, n_grid)  # (G,)
    x1, x2 = np.meshgrid(axis, axis)  # (G, G) each, x1 along columns
    return axis, np.column_stack([x1.ravel(), x2.ravel()])  # (G², 2)


def mlp_predict(params: MLPParams, points: np.ndarray) -> np.ndarray:
    """ŷ = σ(w₂ · tanh(W₁ x + b₁) + b₂) for each row of ``points`` (P, 2); no points give an empty array."""
    W1, b1, w2, b2 = _as_params(params)
    P = _points("points", points)
    _checks.within_budget(f"points × n_hidden = {P.shape[0]:,} × {len(b1)}", P.shape[0] * len(b1))
    return _mlp_forward_kernel(P, W1, b1, w2, b2)


def perceptron_predict(result: PerceptronResult, points: np.ndarray) -> np.ndarray:
    """H(w · x + b) for each row of ``points`` (P, 2), as 0.0 / 1.0; no points give an empty array."""
    if not isinstance(result, PerceptronResult):
        raise TypeError(f"result must be a PerceptronResult, got {type(result).__name__}")
    w = _checks.array("result.w", result.w, (2,))
    b = _checks.real("result.b", result.b)
    return (_points("points", points) @ w + b > 0.0).astype(np.float64)


def boundary_segment(w1: float, w2: float, b: float, lo: float, hi: float) -> tuple[float, ...] | None:
    """Ends (x₁, x₂, x₁', x₂') of the line w₁x₁ + w₂x₂ + b = 0 inside the square [lo, hi]², or None."""
    w1, w2, b = _checks.real("w1", w1), _checks.real("w2", w2), _checks.real("b", b)
    lo, hi = _checks.real("lo", lo), _checks.real("hi", hi)
    if not lo < hi:
        raise ValueError(f"need lo < hi, got lo = {lo:g}, hi = {hi:g}")
    ends = []
    for x1 in (lo, hi):  # crossings of the left and right sides
        if w2 != 0.0 and lo <= (x2 := -(b + w1 * x1) / w2) <= hi:
            ends.append((x1, x2))
    for x2 in (lo, hi):  # crossings of the bottom and top sides
        if w1 != 0.0 and lo <= (x1 := -(b + w2 * x2) / w1) <= hi:
            ends.append((x1, x2))
    ends = sorted({(float(a), float(c)) for a, c in ends})
    if len(ends) < 2:
        return None
    return (*ends[0], *ends[-1])


def _sigmoid_np(a: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def deep_sigmoid_net(
    depth: int = 20, width: int = 32, gain: float = 1.0, seed: int = 0, n_samples: int = 64
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seeded weights W (D, n, n) ~ N(0, gain²/n), inputs x (N, n) ~ N(0, 1) and readout v (n,)."""
    depth = _checks.whole("depth", depth, 2, MAX_DEPTH)
    width = _checks.whole("width", width, 2, MAX_WIDTH)
    n_samples = _checks.whole("n_samples", n_samples, 1, MAX_SAMPLES)
    gain = _checks.real("gain", gain, 0.0, 20.0, lo_open=True)
    seed = rng.check_seed(seed)
    n_weights = depth * width * width
    g = rng.normals(seed, n_weights + n_samples * width + width, _STREAM_DEEP)
    W = g[:n_weights].reshape(depth, width, width) * (gain / np.sqrt(width))  # (D, n, n)
    x = g[n_weights:-width].reshape(n_samples, width)  # (N, n)
    return W, x, g[-width:].copy()  # v (n,)


def deep_sigmoid_gradients(
    depth: int = 20, width: int = 32, gain: float = 1.0, seed: int = 0, n_samples: int = 64
) -> DeepGradients:
    """Layer-by-layer backpropagated error of a fresh deep sigmoid net (see the module docstring)."""
    W, x, v = deep_sigmoid_net(depth, width, gain, seed, n_samples)
    spectral = np.array([np.linalg.norm(W[k], 2) for k in range(W.shape[0])])  # (D,) ‖W_k‖₂
    return _deep_gradients(W, x, v, spectral)


def deep_sigmoid_gradients_by_depth(
    depths: range, width: int = 32, gain: float = 1.0, seed: int = 0, n_samples: int = 64
) -> dict[int, DeepGradients]:
    """:func:`deep_sigmoid_gradients` at every depth of ``depths``, each the same as alone.

    The weights are the first D·n·n normals of one seeded stream, so the net of depth D has the first D layers
    of the deepest one: their spectral norms ‖W_k‖₂ (an SVD each) are computed once, not once a depth."""
    deepest = deep_sigmoid_net(max(depths), width, gain, seed, n_samples)[0]
    spectral = np.array([np.linalg.norm(w, 2) for w in deepest])  # (D_max,)
    out = {}
    for depth in depths:
        W, x, v = deep_sigmoid_net(depth, width, gain, seed, n_samples)
        out[depth] = _deep_gradients(W, x, v, spectral[:depth])
    return out


def _deep_gradients(W: np.ndarray, x: np.ndarray, v: np.ndarray, spectral: np.ndarray) -> DeepGradients:
    """Backpropagate δ_D = σ'(a_D) ⊙ v / N through the net W (D, n, n) on inputs x (N, n): δ_{l−1} =
    σ'(a_{l−1}) ⊙ (δ_l W_l), with the bound Π_{k>l} ¼‖W_k‖₂ from the layers' spectral norms (D,)."""
    depth, n_samples = W.shape[0], x.shape[0]
    hs, sig_primes = [x], []
    for k in range(depth):
        h = _sigmoid_np(hs[-1] @ W[k].T)  # (N, n)
        hs.append(h)
        sig_primes.append(h * (1.0 - h))  # σ'(a_l), (N, n)
    delta = sig_primes[-1] * v / n_samples  # (N, n) δ_D
    delta_norm, weight_norm = np.empty(depth), np.empty(depth)
    for k in range(depth - 1, -1, -1):  # k = l − 1 (0-based layer index)
        delta_norm[k] = np.linalg.norm(delta)
        weight_norm[k] = np.linalg.norm(delta.T @ hs[k])  # ‖∂L/∂W_l‖_F, (n, n) inside
        if k > 0:
            delta = sig_primes[k - 1] * (delta @ W[k])  # (N, n) δ_{l−1}
    factors = np.append(0.25 * spectral[1:], 1.0)  # (D,) factor k+1 → k, last = 1
    bound = np.cumprod(factors[::-1])[::-1]  # (D,) Π_{k>l} ¼‖W_k‖₂
    return DeepGradients(
        layer=np.arange(1, depth + 1),
        delta_norm=delta_norm / delta_norm[-1],
        weight_grad_norm=weight_norm / weight_norm[-1],
        bound=bound,
        quarter_power=0.25 ** np.arange(depth - 1, -1, -1, dtype=np.float64),
    )


def warm_up() -> None:
    """Compile every kernel once on tiny inputs."""
    result = train_mlp(n_hidden=2, n_epochs=2, seed=0)
    mlp_predict(result.params, X_XOR)
    mlp_loss_and_grads(result.params)
    train_perceptron(n_epochs=1, seed=0)
