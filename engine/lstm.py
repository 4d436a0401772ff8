"""The LSTM block of Greff et al. (2017), forward and backward, one sequence at a time.

Forward (σ logistic, g = h = tanh, ⊙ element-wise product, bars are pre-activations):

    z̄_t = W_z x_t + R_z y_{t−1} + b_z                      z_t = g(z̄_t)   block input
    ī_t = W_i x_t + R_i y_{t−1} + p_i ⊙ c_{t−1} + b_i      i_t = σ(ī_t)   input gate
    f̄_t = W_f x_t + R_f y_{t−1} + p_f ⊙ c_{t−1} + b_f      f_t = σ(f̄_t)   forget gate
    c_t = z_t ⊙ i_t + c_{t−1} ⊙ f_t                                       cell
    ō_t = W_o x_t + R_o y_{t−1} + p_o ⊙ c_t + b_o          o_t = σ(ō_t)   output gate
    y_t = h(c_t) ⊙ o_t                                                    block output

A *pinned* gate ignores its pre-activation and holds a fixed value (e.g. i = f = o = 1: the cell
adds up z_t and forgets nothing; all 0: c_t = 0). Its pre-activation is still computed and shown,
and its derivative is zero.

Backward (Δ_t = ∂L/∂y_t from above; quantities at T are zero; derivatives of the pre-activations):

    δy_t = Δ_t + R_zᵀ δz̄_{t+1} + R_iᵀ δī_{t+1} + R_fᵀ δf̄_{t+1} + R_oᵀ δō_{t+1}
    δō_t = δy_t ⊙ h(c_t) ⊙ σ'(ō_t)
    δc_t = δy_t ⊙ o_t ⊙ h'(c_t) + p_o ⊙ δō_t + p_i ⊙ δī_{t+1} + p_f ⊙ δf̄_{t+1} + δc_{t+1} ⊙ f_{t+1}
    δf̄_t = δc_t ⊙ c_{t−1} ⊙ σ'(f̄_t)
    δī_t = δc_t ⊙ z_t ⊙ σ'(ī_t)
    δz̄_t = δc_t ⊙ i_t ⊙ g'(z̄_t)
    δx_t = Σ_⋆ W_⋆ᵀ δ⋆_t          δW_⋆ = Σ_t δ⋆_t x_tᵀ      δR_⋆ = Σ_t δ⋆_t y_{t−1}ᵀ      δb_⋆ = Σ_t δ⋆_t
    δp_i = Σ_t c_{t−1} ⊙ δī_t     δp_f = Σ_t c_{t−1} ⊙ δf̄_t    δp_o = Σ_t c_t ⊙ δō_t
    δy_0 = Σ_⋆ R_⋆ᵀ δ⋆_1          δc_0 = p_i ⊙ δī_1 + p_f ⊙ δf̄_1 + δc_1 ⊙ f_1     (first step t = 1)

σ' = σ(1 − σ) and tanh' = 1 − tanh², so only post-activations are needed.

The cell-to-cell Jacobian (x_t, y_{t−2} fixed; y_{t−1} = o_{t−1} ⊙ h(c_{t−1}) recomputed from c_{t−1}):

    d_y = o_{t−1} ⊙ h'(c_{t−1}) + h(c_{t−1}) ⊙ σ'(ō_{t−1}) ⊙ p_o          (∂y_{t−1}/∂c_{t−1} = diag(d_y))
    ∂c_t/∂c_{t−1} = diag(f_t) + diag(c_{t−1} ⊙ σ'(f̄_t)) (diag(p_f) + R_f diag(d_y))
                    + diag(z_t ⊙ σ'(ī_t)) (diag(p_i) + R_i diag(d_y)) + diag(i_t ⊙ g'(z̄_t)) R_z diag(d_y)

Only the first term is the "highway"; it is the whole Jacobian when there are no peepholes and R = 0.

Notation (arrays are float64; time runs over rows, t = 0 … T−1 in code):

    symbol  shape      meaning
    M, H, T            input size, hidden size (units), sequence length
    x       (T, M)     input sequence
    W       (4, H, M)  input weights, rows in gate order z, i, f, o
    R       (4, H, H)  recurrent weights, same order
    b       (4, H)     biases, same order
    p       (3, H)     peephole weights, rows i, f, o (zeros: no peepholes)
    y0, c0  (H,)       output and cell before the first step (zeros by default)
    pin     (3,)       fixed values of gates i, f, o; NaN = free (computed)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from engine import _checks, rng
from engine._numba import inline_kernel, kernel

GATES = ("z", "i", "f", "o")
PEEPHOLE_GATES = ("i", "f", "o")
MAX_INPUT = 256
MAX_HIDDEN = 512
MAX_SEQ_LEN = 100_000


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, eq=False)
class LSTMParams(_checks.Rebuilt):
    """Weights of one LSTM block: W (4,H,M), R (4,H,H), b (4,H) in gate order z, i, f, o; p (3,H) i, f, o.

    The block owns read-only float64 copies of its arrays (checked: real, finite, shapes that agree,
    1 ≤ M ≤ MAX_INPUT, 1 ≤ H ≤ MAX_HIDDEN), so nothing the caller writes later reaches a kernel.
    """

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray
    p: np.ndarray

    def __post_init__(self) -> None:
        W = _checks.array_view("W", self.W, (4, None, None))
        _, H, M = W.shape
        _checks.whole("n_input (columns of W)", M, 1, MAX_INPUT)
        _checks.whole("n_hidden (rows of W)", H, 1, MAX_HIDDEN)
        object.__setattr__(self, "W", _checks.frozen(W))  # read-only copies: the caller's arrays
        object.__setattr__(self, "R", _checks.frozen_array("R", self.R, (4, H, H)))  # cannot
        object.__setattr__(self, "b", _checks.frozen_array("b", self.b, (4, H)))  # change
        object.__setattr__(self, "p", _checks.frozen_array("p", self.p, (3, H)))  # them later

    @property
    def n_input(self) -> int:
        return self.W.shape[2]

    @property
    def n_hidden(self) -> int:
        return self.W.shape[1]

    @property
    def has_peepholes(self) -> bool:
        return bool(np.any(self.p != 0.0))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(W, R, b, p), e.g. for a global-norm computation."""
        return self.W, self.R, self.b, self.p


@dataclass(frozen=True, eq=False)
class LSTMTrace:
    """Everything one forward pass computed; each of z…y and the pre-activations has shape (T, H)."""

    x: np.ndarray  # (T, M) input
    y0: np.ndarray  # (H,)
    c0: np.ndarray  # (H,)
    z_bar: np.ndarray  # pre-activations (T, H), peephole terms included
    i_bar: np.ndarray
    f_bar: np.ndarray
    o_bar: np.ndarray
    z: np.ndarray  # post-activations (T, H); a pinned gate holds its fixed value
    i: np.ndarray
    f: np.ndarray
    o: np.ndarray
    c: np.ndarray  # cell (T, H)
    y: np.ndarray  # block output (T, H)
    pin: np.ndarray  # (3,) fixed values of i, f, o; NaN = free

    @property
    def seq_len(self) -> int:
        return self.y.shape[0]

    @property
    def h_c(self) -> np.ndarray:
        """h(c_t) = tanh(c_t), (T, H)."""
        return np.tanh(self.c)

    @property
    def c_prev(self) -> np.ndarray:
        """c_{t−1} for every step, (T, H): c0 then c_0 … c_{T−2}."""
        return np.vstack([self.c0[None, :], self.c[:-1]])  # (T, H)

    @property
    def y_prev(self) -> np.ndarray:
        """y_{t−1} for every step, (T, H)."""
        return np.vstack([self.y0[None, :], self.y[:-1]])  # (T, H)

    def pinned(self) -> dict[str, float]:
        """The pinned gates as {name: value} (empty when every gate is free)."""
        return {g: float(v) for g, v in zip(PEEPHOLE_GATES, self.pin, strict=True) if not math.isnan(v)}


@dataclass(frozen=True, eq=False)
class LSTMGrads:
    """∂L/∂(everything) for L with ∂L/∂y_t = dy_t, plus the per-step deltas of the backward pass.

    W, R, b, p are shaped like the parameters; x (T, M); y0, c0 (H,). delta_y and delta_c are the
    total derivatives with respect to y_t and c_t; delta_z, delta_i, delta_f, delta_o those with
    respect to the pre-activations z̄_t, ī_t, f̄_t, ō_t; each (T, H).
    """

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray
    p: np.ndarray
    x: np.ndarray
    y0: np.ndarray
    c0: np.ndarray
    delta_y: np.ndarray
    delta_c: np.ndarray
    delta_z: np.ndarray
    delta_i: np.ndarray
    delta_f: np.ndarray
    delta_o: np.ndarray

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(W, R, b, p) gradients, in the order of ``LSTMParams.arrays()``."""
        return self.W, self.R, self.b, self.p


# ---------------------------------------------------------------------------------------------
# Kernels


@inline_kernel
def _sigmoid(v):
    """σ(v) = 1 / (1 + e^{−v}) of a float64 scalar."""
    return 1.0 / (1.0 + np.exp(-v))


@kernel
def _forward_kernel(W, R, b, p, x, y0, c0, pin):
    """The forward equations of the module docstring for t = 0 … T−1:

        z̄_t = W_z x_t + R_z y_{t−1} + b_z,  ī_t = W_i x_t + R_i y_{t−1} + p_i ⊙ c_{t−1} + b_i,
        f̄_t = W_f x_t + R_f y_{t−1} + p_f ⊙ c_{t−1} + b_f,  c_t = tanh(z̄_t) ⊙ i_t + c_{t−1} ⊙ f_t,
        ō_t = W_o x_t + R_o y_{t−1} + p_o ⊙ c_t + b_o,  y_t = tanh(c_t) ⊙ o_t,
        i_t = σ(ī_t) unless pin[0] is a number (then i_t = pin[0]); f_t, o_t likewise with pin[1], pin[2].

    W (4,H,M), R (4,H,H), b (4,H), p (3,H), x (T,M), y0 (H,), c0 (H,), pin (3,) float64 (NaN = free);
    shapes must agree (checked by the public callers). Returns pre (4,T,H) = z̄, ī, f̄, ō;
    act (4,T,H) = z, i, f, o; c (T,H); y (T,H).
    """
    T, M = x.shape
    H = b.shape[1]
    WT = np.empty((M, 4 * H))  # WT[m, g·H + j] = W[g, j, m]: the inner loops below run over g·H + j
    RT = np.empty((H, 4 * H))  # RT[k, g·H + j] = R[g, j, k]
    for g in range(4):
        for j in range(H):
            for m in range(M):
                WT[m, g * H + j] = W[g, j, m]
            for k in range(H):
                RT[k, g * H + j] = R[g, j, k]
    pre = np.empty((4, T, H))  # z̄, ī, f̄, ō
    act = np.empty((4, T, H))  # z, i, f, o
    c = np.empty((T, H))
    y = np.empty((T, H))
    s = np.empty(4 * H)  # W x_t + R y_{t−1} + b, gate-major
    y_prev = y0.copy()
    c_prev = c0.copy()
    for t in range(T):
        for n in range(4 * H):
            s[n] = b[n // H, n % H]
        for m in range(M):  # s += W x_t, an axpy per input (vectorises, same order as a dot)
            xm = x[t, m]
            for n in range(4 * H):
                s[n] += WT[m, n] * xm
        for k in range(H):  # s += R y_{t−1}
            yk = y_prev[k]
            for n in range(4 * H):
                s[n] += RT[k, n] * yk
        for j in range(H):
            z = np.tanh(s[j])
            i_bar = s[H + j] + p[0, j] * c_prev[j]
            f_bar = s[2 * H + j] + p[1, j] * c_prev[j]
            i = _sigmoid(i_bar) if np.isnan(pin[0]) else pin[0]
            f = _sigmoid(f_bar) if np.isnan(pin[1]) else pin[1]
            cj = z * i + c_prev[j] * f
            o_bar = s[3 * H + j] + p[2, j] * cj
            o = _sigmoid(o_bar) if np.isnan(pin[2]) else pin[2]
            pre[0, t, j] = s[j]
            pre[1, t, j] = i_bar
            pre[2, t, j] = f_bar
            pre[3, t, j] = o_bar
            act[0, t, j] = z
            act[1, t, j] = i
            act[2, t, j] = f
            act[3, t, j] = o
            c[t, j] = cj
            y[t, j] = np.tanh(cj) * o
        for j in range(H):
            y_prev[j] = y[t, j]
            c_prev[j] = c[t, j]
    return pre, act, c, y


@kernel
def _backward_kernel(W, R, p, x, y0, c0, z, i, f, o, c, y, pin, dy):
    """The backward equations of the module docstring for t = T−1 … 0 (deltas at T are zero):

        δy_t = Δ_t + Σ_⋆ R_⋆ᵀ δ⋆̄_{t+1},  δō_t = δy_t ⊙ tanh(c_t) ⊙ o_t(1 − o_t),
        δc_t = δy_t ⊙ o_t ⊙ (1 − tanh² c_t) + p_o ⊙ δō_t + p_i ⊙ δī_{t+1} + p_f ⊙ δf̄_{t+1} + δc_{t+1} ⊙ f_{t+1},
        δf̄_t = δc_t ⊙ c_{t−1} ⊙ f_t(1 − f_t),  δī_t = δc_t ⊙ z_t ⊙ i_t(1 − i_t),  δz̄_t = δc_t ⊙ i_t ⊙ (1 − z_t²),
        δW_⋆ = Σ_t δ⋆̄_t x_tᵀ,  δR_⋆ = Σ_t δ⋆̄_t y_{t−1}ᵀ,  δb_⋆ = Σ_t δ⋆̄_t,  δx_t = Σ_⋆ W_⋆ᵀ δ⋆̄_t,
        δp_i = Σ_t c_{t−1} ⊙ δī_t,  δp_f = Σ_t c_{t−1} ⊙ δf̄_t,  δp_o = Σ_t c_t ⊙ δō_t;
    a pinned gate (pin[g] a number) passes no derivative to its pre-activation.

    W (4,H,M), R (4,H,H), p (3,H), x (T,M), y0 (H,), c0 (H,); z, i, f, o, c, y (T,H) from
    ``_forward_kernel`` with the same pin (3,); dy = Δ (T,H). Shapes must agree (checked by the
    public callers). Returns dW (4,H,M), dR (4,H,H), db (4,H), dp (3,H), dx (T,M), dy0 (H,), dc0 (H,),
    delta_y (T,H), delta_c (T,H), delta (4,T,H) = δz̄, δī, δf̄, δō.
    """
    T, M = x.shape
    H = p.shape[1]
    dW = np.zeros((4, H, M))
    dR = np.zeros((4, H, H))
    db = np.zeros((4, H))
    dp = np.zeros((3, H))
    dx = np.zeros((T, M))
    delta = np.zeros((4, T + 1, H))  # δz̄, δī, δf̄, δō; row T stays zero
    delta_y = np.empty((T, H))
    delta_c = np.zeros((T + 1, H))  # row T stays zero
    f_next = np.zeros(H)  # f_{t+1}, zero past the end
    free_i = 1.0 if np.isnan(pin[0]) else 0.0
    free_f = 1.0 if np.isnan(pin[1]) else 0.0
    free_o = 1.0 if np.isnan(pin[2]) else 0.0
    for t in range(T - 1, -1, -1):
        for j in range(H):
            delta_y[t, j] = dy[t, j]
        for g in range(4):
            for k in range(H):
                d = delta[g, t + 1, k]
                for j in range(H):
                    delta_y[t, j] += R[g, k, j] * d
        for j in range(H):
            c_prev = c[t - 1, j] if t > 0 else c0[j]
            hc = np.tanh(c[t, j])
            do = delta_y[t, j] * hc * o[t, j] * (1.0 - o[t, j]) * free_o
            dc = delta_y[t, j] * o[t, j] * (1.0 - hc * hc) + p[2, j] * do
            dc += p[0, j] * delta[1, t + 1, j] + p[1, j] * delta[2, t + 1, j]
            dc += delta_c[t + 1, j] * f_next[j]
            delta_c[t, j] = dc
            delta[3, t, j] = do
            delta[2, t, j] = dc * c_prev * f[t, j] * (1.0 - f[t, j]) * free_f
            delta[1, t, j] = dc * z[t, j] * i[t, j] * (1.0 - i[t, j]) * free_i
            delta[0, t, j] = dc * i[t, j] * (1.0 - z[t, j] * z[t, j])
            f_next[j] = f[t, j]
            dp[0, j] += c_prev * delta[1, t, j]
            dp[1, j] += c_prev * delta[2, t, j]
            dp[2, j] += c[t, j] * do
        y_prev = y[t - 1] if t > 0 else y0
        for g in range(4):
            for j in range(H):
                d = delta[g, t, j]
                db[g, j] += d
                for m in range(M):
                    dW[g, j, m] += d * x[t, m]
                    dx[t, m] += W[g, j, m] * d
                for k in range(H):
                    dR[g, j, k] += d * y_prev[k]
    dy0 = np.zeros(H)
    dc0 = np.zeros(H)
    if T > 0:
        for g in range(4):
            for k in range(H):
                d = delta[g, 0, k]
                for j in range(H):
                    dy0[j] += R[g, k, j] * d
        for j in range(H):
            dc0[j] = p[0, j] * delta[1, 0, j] + p[1, j] * delta[2, 0, j] + delta_c[0, j] * f[0, j]
    return dW, dR, db, dp, dx, dy0, dc0, delta_y, delta_c[:T].copy(), delta[:, :T].copy()


@kernel
def _batch_forward_kernel(W, R, b, p, x, pin):
    """``_forward_kernel`` for each of B sequences from zero states y_0 = c_0 = 0.

    W (4,H,M), R (4,H,H), b (4,H), p (3,H), x (B,T,M), pin (3,). Returns act (B,4,T,H) = z, i, f, o;
    c (B,T,H); y (B,T,H).
    """
    B, T, _ = x.shape
    H = b.shape[1]
    act = np.empty((B, 4, T, H))
    c = np.empty((B, T, H))
    y = np.empty((B, T, H))
    zeros = np.zeros(H)
    for k in range(B):
        _, act[k], c[k], y[k] = _forward_kernel(W, R, b, p, x[k], zeros, zeros, pin)
    return act, c, y


@kernel
def _batch_backward_kernel(W, R, p, x, act, c, y, pin, dy):
    """Σ_k of ``_backward_kernel``'s parameter gradients for sequence k from zero states:

        δW_⋆ = Σ_k Σ_t δ⋆̄_{k,t} x_{k,t}ᵀ,  δR_⋆ = Σ_k Σ_t δ⋆̄_{k,t} y_{k,t−1}ᵀ,  δb_⋆, δp likewise.

    W (4,H,M), R (4,H,H), p (3,H), x (B,T,M), act (B,4,T,H), c, y, dy (B,T,H), pin (3,). Returns
    dW (4,H,M), dR (4,H,H), db (4,H), dp (3,H).
    """
    B, _, M = x.shape
    H = p.shape[1]
    dW = np.zeros((4, H, M))
    dR = np.zeros((4, H, H))
    db = np.zeros((4, H))
    dp = np.zeros((3, H))
    zeros = np.zeros(H)
    for k in range(B):
        back = _backward_kernel(W, R, p, x[k], zeros, zeros, act[k, 0], act[k, 1], act[k, 2], act[k, 3],
                                c[k], y[k], pin, dy[k])
        dW += back[0]
        dR += back[1]
        db += back[2]
        dp += back[3]
    return dW, dR, db, dp


# ---------------------------------------------------------------------------------------------
# Public functions


def init_lstm(
    n_input: int, n_hidden: int, seed: int, peepholes: bool = True, forget_bias: float = 0.0
) -> LSTMParams:
    """Weights uniform on [−1/√H, 1/√H] (torch's default), drawn from ``seed``; b_f += forget_bias.

    Streams of the seed: 0 for W, 1 for R, 2 for b, 3 for p, so turning peepholes off keeps the
    other weights identical.
    """
    M = _checks.whole("n_input", n_input, 1, MAX_INPUT)
    H = _checks.whole("n_hidden", n_hidden, 1, MAX_HIDDEN)
    seed = rng.check_seed(seed)
    peepholes = _checks.boolean("peepholes", peepholes)
    forget_bias = _checks.real("forget_bias", forget_bias)
    scale = 1.0 / math.sqrt(H)

    def draw(n: int, stream: int) -> np.ndarray:
        return (2.0 * rng.uniforms(seed, n, stream) - 1.0) * scale

    W = draw(4 * H * M, 0).reshape(4, H, M)  # (4·H·M,) -> (4, H, M)
    R = draw(4 * H * H, 1).reshape(4, H, H)  # (4·H·H,) -> (4, H, H)
    b = draw(4 * H, 2).reshape(4, H)  # (4·H,) -> (4, H)
    b[2] += forget_bias
    p = draw(3 * H, 3).reshape(3, H) if peepholes else np.zeros((3, H))  # (3·H,) -> (3, H)
    return LSTMParams(W, R, b, p)


def pin_vector(pin: float | Mapping[str, float] | None) -> np.ndarray:
    """(3,) fixed values of gates i, f, o (NaN = free) from None, one value for all, or {gate: value}."""
    out = np.full(3, np.nan)
    if pin is None:
        return out
    items = dict.fromkeys(PEEPHOLE_GATES, pin) if not isinstance(pin, Mapping) else dict(pin)
    for gate, value in items.items():
        if gate not in PEEPHOLE_GATES:
            raise ValueError(f"only the gates i, f, o can be pinned, got {_short(gate)}")
        if value is None:
            continue
        name = "pin" if not isinstance(pin, Mapping) else f"pin[{gate!r}]"
        number = _checks.real(name, value)
        if not 0.0 <= number <= 1.0:
            raise ValueError(f"a gate is pinned to a value in [0, 1], got {gate}={number:g}")
        out[PEEPHOLE_GATES.index(gate)] = number
    return out


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _state(name: str, value, H: int) -> np.ndarray:
    return np.zeros(H) if value is None else _checks.array(name, value, (H,))


def _check_length(T: int, H: int, M: int, B: int = 1) -> int:
    """A sequence length in 1 … MAX_SEQ_LEN whose pass (of B sequences) fits the engine's work budget."""
    T = _checks.whole("sequence length (rows of x)" if B == 1 else "sequence length (axis 1 of x)",
                      T, 1, MAX_SEQ_LEN)
    steps, each = B * T, ("seq_len" if B == 1 else "batch × seq_len")
    _checks.within_budget(f"11 × {each} × n_hidden = 11 × {steps:,} × {H:,} stored values", 11 * steps * H)
    _checks.within_operations(f"{each} × 4 n_hidden × (n_input + n_hidden) = {steps:,} × {4 * H:,} × {M + H:,}",
                              steps * 4 * H * (M + H))
    return T


def lstm_forward(
    params: LSTMParams,
    x,
    y0=None,
    c0=None,
    *,
    pin: float | Mapping[str, float] | None = None,
) -> LSTMTrace:
    """Run the block over ``x`` (T, M) from ``y0``, ``c0`` (zeros when None).

    ``pin`` fixes gates: ``pin=1.0`` holds i, f, o at 1; ``pin={"f": 0.0}`` only the forget gate.
    """
    if not isinstance(params, LSTMParams):
        raise TypeError(f"params must be LSTMParams, got {type(params).__name__}")
    M, H = params.n_input, params.n_hidden
    x = _checks.array("x", x)
    if x.ndim == 1 and M == 1:
        x = x[:, None]  # (T,) -> (T, 1)
    if x.ndim != 2 or x.shape[1] != M:
        raise ValueError(f"x must have shape (T, {M}) for n_input = {M}, got {x.shape}")
    _check_length(x.shape[0], H, M)
    y0 = _state("y0", y0, H)
    c0 = _state("c0", c0, H)
    pins = pin_vector(pin)
    pre, act, c, y = _forward_kernel(params.W, params.R, params.b, params.p, x, y0, c0, pins)
    return LSTMTrace(x, y0, c0, *pre, *act, c, y, pins)


def _checked_trace(params: LSTMParams, trace: LSTMTrace) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The arrays of ``trace`` (x, y0, c0, z, i, f, o, c, y) checked against ``params``, and its pins.

    A trace of another block is refused, never read out of bounds; NaN or inf written into a trace
    after the forward pass is refused too.
    """
    if not isinstance(params, LSTMParams):
        raise TypeError(f"params must be LSTMParams, got {type(params).__name__}")
    if not isinstance(trace, LSTMTrace):
        raise TypeError(f"trace must be the LSTMTrace of lstm_forward, got {type(trace).__name__}")
    M, H = params.n_input, params.n_hidden
    y_shape = np.shape(trace.y)
    x_shape = np.shape(trace.x)
    if len(y_shape) != 2 or len(x_shape) != 2 or (x_shape[1], y_shape[1]) != (M, H):
        raise ValueError(
            f"trace is of a block with (n_input, n_hidden) = {(x_shape[1:], y_shape[1:])}, "
            f"params have {(M, H)}"
        )
    T = _check_length(y_shape[0], H, M)
    arrays = {"trace.x": _checks.array_view("trace.x", trace.x, (T, M))}
    for name in ("y0", "c0"):
        arrays[name] = _checks.array_view(f"trace.{name}", getattr(trace, name), (H,))
    for name in ("z", "i", "f", "o", "c", "y"):
        arrays[name] = _checks.array_view(f"trace.{name}", getattr(trace, name), (T, H))
    return arrays, _pin_array(trace.pin)


def lstm_backward(params: LSTMParams, trace: LSTMTrace, dy) -> LSTMGrads:
    """Back-propagate ``dy`` = ∂L/∂y_t (T, H) through the pass recorded in ``trace``.

    Every array of ``trace`` is checked against ``params`` (a trace of another block is refused,
    never read out of bounds) and for NaN or inf (written into the trace after the forward pass).
    """
    arrays, pins = _checked_trace(params, trace)
    T, H = arrays["y"].shape
    dy = _checks.array("dy", dy, (T, H))
    dW, dR, db, dp, dx, dy0, dc0, delta_y, delta_c, delta = _backward_kernel(
        params.W, params.R, params.p, arrays["trace.x"], arrays["y0"], arrays["c0"],
        arrays["z"], arrays["i"], arrays["f"], arrays["o"], arrays["c"], arrays["y"], pins, dy,
    )  # fmt: skip
    return LSTMGrads(dW, dR, db, dp, dx, dy0, dc0, delta_y, delta_c, *delta)


CELL_PATHS = ("highway", "forget", "input", "block")  # the four parts of ∂c_t/∂c_{t−1}


def cell_jacobian_parts(params: LSTMParams, trace: LSTMTrace, t: int) -> dict[str, np.ndarray]:
    """The four parts of the cell-to-cell Jacobian ∂c_t/∂c_{t−1} at step ``t`` (0-based), each (H, H).

    x_t and y_{t−2} are held fixed and y_{t−1} = o_{t−1} ⊙ h(c_{t−1}) is recomputed from c_{t−1}
    (its output gate peeks at c_{t−1} through p_o), so with d_y = ∂y_{t−1}/∂c_{t−1} (a diagonal):

        d_y      = o_{t−1} ⊙ h'(c_{t−1}) + h(c_{t−1}) ⊙ σ'(ō_{t−1}) ⊙ p_o
        highway  = diag(f_t)
        forget   = diag(c_{t−1} ⊙ σ'(f̄_t)) (diag(p_f) + R_f diag(d_y))
        input    = diag(z_t ⊙ σ'(ī_t)) (diag(p_i) + R_i diag(d_y))
        block    = diag(i_t ⊙ g'(z̄_t)) R_z diag(d_y)

    Row j, column k is ∂c_t[j]/∂c_{t−1}[k]. At t = 0, y0 is given, not made from c0: d_y = 0 and only
    the highway and the peepholes remain. A pinned gate has derivative zero. Keys: ``CELL_PATHS``.
    """
    arrays, pins = _checked_trace(params, trace)
    T, H = arrays["c"].shape
    t = _checks.whole("t", t, 0, T - 1)
    free = np.isnan(pins).astype(float)  # (3,) 1 = free gate i, f, o
    z, i, f = arrays["z"][t], arrays["i"][t], arrays["f"][t]  # (H,) each
    if t > 0:
        c_prev, o_prev = arrays["c"][t - 1], arrays["o"][t - 1]
        h_prev = np.tanh(c_prev)
        d_y = o_prev * (1.0 - h_prev**2) + h_prev * o_prev * (1.0 - o_prev) * free[2] * params.p[2]
    else:
        c_prev, d_y = arrays["c0"], np.zeros(H)
    R, p = params.R, params.p
    through_y = {gate: R[g] * d_y[None, :] for g, gate in enumerate(GATES)}  # R_⋆ diag(d_y), (H, H)
    return {
        "highway": np.diag(f),
        "forget": (c_prev * f * (1.0 - f) * free[1])[:, None] * (np.diag(p[1]) + through_y["f"]),
        "input": (z * i * (1.0 - i) * free[0])[:, None] * (np.diag(p[0]) + through_y["i"]),
        "block": (i * (1.0 - z**2))[:, None] * through_y["z"],
    }


def cell_jacobian(params: LSTMParams, trace: LSTMTrace, t: int) -> np.ndarray:
    """∂c_t/∂c_{t−1} (H, H) at step ``t`` (0-based): the sum of :func:`cell_jacobian_parts`.

    Only its highway part diag(f_t) is the "product of forget gates" story; the other three arrive
    through the gates, by the peepholes and by y_{t−1}.
    """
    return sum(cell_jacobian_parts(params, trace, t).values())


def cell_jacobian_fd(params: LSTMParams, trace: LSTMTrace, t: int, eps: float = 1e-6) -> np.ndarray:
    """∂c_t/∂c_{t−1} (H, H) at step ``t`` (0-based) by central finite differences, the check of
    :func:`cell_jacobian`: column k is (c_t(c_{t−1} + ε e_k) − c_t(c_{t−1} − ε e_k)) / 2ε.

    The same step as the analytic Jacobian: x_t and y_{t−2} are held fixed, y_{t−1} = o_{t−1} ⊙ h(c_{t−1})
    is recomputed from the perturbed c_{t−1} (ō_{t−1} with its peephole term p_o ⊙ c_{t−1} redone; a pinned
    output gate keeps its value), then step t is run by :func:`lstm_forward` with the trace's pins. At t = 0,
    y0 is given, not made from c0, and is held fixed. Costs 2H one-step forward passes.
    """
    arrays, pins = _checked_trace(params, trace)
    T, H = arrays["c"].shape
    t = _checks.whole("t", t, 0, T - 1)
    eps = _checks.real("eps", eps, 0.0, 1.0, lo_open=True)
    pin = trace.pinned()
    x_t = arrays["trace.x"][t:t + 1]  # (1, M)
    if t > 0:
        c_prev = arrays["c"][t - 1]
        o_rest = _checks.array_view("trace.o_bar", trace.o_bar, (T, H))[t - 1] - params.p[2] * c_prev
    else:
        c_prev = arrays["c0"]

    def c_next(c: np.ndarray) -> np.ndarray:
        if t == 0:
            y = arrays["y0"]
        else:
            o = np.full(H, pins[2]) if "o" in pin else 1.0 / (1.0 + np.exp(-(o_rest + params.p[2] * c)))
            y = np.tanh(c) * o
        return lstm_forward(params, x_t, y, c, pin=pin).c[0]

    out = np.empty((H, H))
    for k in range(H):
        up, down = c_prev.copy(), c_prev.copy()
        up[k] += eps
        down[k] -= eps
        out[:, k] = (c_next(up) - c_next(down)) / (2.0 * eps)
    return out


def _pin_array(pin) -> np.ndarray:
    """pin as a (3,) float64 array (NaN = free): None, a value, {gate: value} or a (3,) array."""
    if pin is None or isinstance(pin, (Mapping, numbers.Real)):
        return pin_vector(pin)
    pins = _checks.array_view("pin", pin, (3,), finite=False)
    if np.any(np.isinf(pins)) or np.any((pins < 0.0) | (pins > 1.0)):
        raise ValueError(f"pin holds the fixed values of gates i, f, o in [0, 1] (NaN = free), got {pins.tolist()}")
    return pins


def _check_batch(params: LSTMParams, x) -> np.ndarray:
    """``x`` (B, T, M) for ``params``, within the budget for all B sequences; a view when possible."""
    if not isinstance(params, LSTMParams):
        raise TypeError(f"params must be LSTMParams, got {type(params).__name__}")
    M, H = params.n_input, params.n_hidden
    x = _checks.array_view("x", x, (None, None, M))
    B = _checks.whole("batch size (axis 0 of x)", x.shape[0], 1, MAX_SEQ_LEN)
    _check_length(x.shape[1], H, M, B)  # B sequences of T steps cost what one of B·T steps does
    return x


def lstm_batch_forward(params: LSTMParams, x, pin=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The forward pass of B sequences from zero states, as plain arrays for training loops.

    ``x`` (B, T, M); returns ``act`` (B, 4, T, H) = z, i, f, o (a pinned gate holds its value), ``c``
    and ``y`` (B, T, H). ``pin`` as in :func:`lstm_forward`. Checked once per batch; an ``x`` that is
    already C-contiguous float64 is read where it is (the kernel only reads it).
    """
    x = _check_batch(params, x)
    return _batch_forward_kernel(params.W, params.R, params.b, params.p, x, _pin_array(pin))


def lstm_batch_backward(params: LSTMParams, x, act, c, y, dy, pin=None) -> tuple[np.ndarray, ...]:
    """Back-propagate ``dy`` = ∂L/∂y_t (B, T, H) through a pass of :func:`lstm_batch_forward`.

    Returns the parameter gradients summed over the batch, ``(dW (4,H,M), dR (4,H,H), db (4,H),
    dp (3,H))``. ``act``, ``c``, ``y`` are what the forward pass returned for the same ``params``, ``x``
    and ``pin``; every shape is checked against them, so a pass of another block is refused, never read
    out of bounds.
    """
    x = _check_batch(params, x)
    B, T, _ = x.shape
    H = params.n_hidden
    act = _checks.array_view("act", act, (B, 4, T, H))
    c = _checks.array_view("c", c, (B, T, H))
    y = _checks.array_view("y", y, (B, T, H))
    dy = _checks.array_view("dy", dy, (B, T, H))
    return _batch_backward_kernel(params.W, params.R, params.p, x, act, c, y, _pin_array(pin), dy)


def warm_up() -> None:
    """Compile the forward and backward kernels on a tiny block (and the seed's random streams)."""
    rng.warm_up()
    params = init_lstm(2, 3, seed=0)
    trace = lstm_forward(params, np.zeros((2, 2)))
    lstm_backward(params, trace, np.ones((2, 3)))
    lstm_forward(params, np.zeros((1, 2)), pin=1.0)
    x = np.zeros((2, 2, 2))  # a batch of two sequences (training)
    act, c, y = lstm_batch_forward(params, x)
    lstm_batch_backward(params, x, act, c, y, np.ones((2, 2, 3)))
