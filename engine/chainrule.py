"""One small LSTM whose back-propagation is shown term by term and checked by finite differences.

Model (Greff et al. 2017, peepholes on) over a seeded input sequence x (T, M), with a squared error
against seeded targets d_t at every step:

    L = ½ Σ_t ‖y_t − d_t‖²,        Δ_t = ∂L/∂y_t (from above) = y_t − d_t

The delta of each variable is the sum over the paths that leave it (the chain rule on the graph of
one step), e.g. for unit j at step t:

    δy_t = Δ_t + Σ_⋆ R_⋆ᵀ δ⋆̄_{t+1}                       the error from above and from step t+1
    δō_t = δy_t ⊙ h(c_t) ⊙ σ'(ō_t)
    δc_t = δy_t ⊙ o_t ⊙ h'(c_t) + p_o ⊙ δō_t + p_i ⊙ δī_{t+1} + p_f ⊙ δf̄_{t+1} + δc_{t+1} ⊙ f_{t+1}
    δf̄_t = δc_t ⊙ c_{t−1} ⊙ σ'(f̄_t),   δī_t = δc_t ⊙ z_t ⊙ σ'(ī_t),   δz̄_t = δc_t ⊙ i_t ⊙ g'(z̄_t)

:func:`cell_jacobian_terms` splits one diagonal entry of the full cell-to-cell Jacobian
(:func:`engine.lstm.cell_jacobian`) into its four paths, so the page can set it beside f_t:

    (∂c_t/∂c_{t−1})_jj = f_t + c_{t−1} σ'(f̄_t) (p_f + R_f,jj d_y) + z_t σ'(ī_t) (p_i + R_i,jj d_y)
                         + i_t g'(z̄_t) R_z,jj d_y,      d_y = o_{t−1} h'(c_{t−1}) + h(c_{t−1}) σ'(ō_{t−1}) p_o

Before the LSTM, the chain rule on a small graph (:func:`path_sum`): x₁, x₂ feed n variables
y_j = tanh(a_j x₁ + b_j x₂) and z = ½ Σ_j y_j², so x₁ reaches z by n paths and

    ∂z/∂x₁ = Σ_j ∂z/∂y_j · ∂y_j/∂x₁ = Σ_j y_j · (1 − y_j²) a_j

(one path for n = 1: ∂z/∂x₁ = ∂z/∂y · ∂y/∂x₁), checked against central finite differences.

:func:`delta_terms` recomputes each term from the trace so that the page can print the numbers and
show that they add up to the deltas of :func:`engine.lstm.lstm_backward`. :func:`gradient_check`
compares every analytic gradient (W, R, b, p, x, y0, c0) with central finite differences
(L(θ + h) − L(θ − h)) / 2h, h = 10⁻⁶: per array the relative error ‖g − g_fd‖ / max(‖g‖, ‖g_fd‖).

| symbol | name here   | meaning                      |
|--------|-------------|------------------------------|
| d_t    | ``targets`` | targets (T, H)               |
| Δ_t    | ``dy``      | ∂L/∂y_t from the loss (T, H) |
| h      | ``step``    | finite-difference step        |
| a_j, b_j | ``PATH_WEIGHTS`` | weights of the small graph (n ≤ MAX_PATHS rows) |
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import _checks, lstm, rng

N_INPUT, N_HIDDEN, SEQ_LEN = 2, 4, 8
MAX_SEQ_LEN, MAX_HIDDEN = 50, 16
_STREAM_X, _STREAM_D, _STREAM_Y0 = 41, 42, 43
PASS_THRESHOLD = 1e-6
PATH_WEIGHTS = np.array([(1.0, 0.5), (-0.8, 1.0), (0.6, -1.2), (1.5, 0.3), (-0.4, -0.9), (0.9, 0.7)])  # (a_j, b_j)
MAX_PATHS = len(PATH_WEIGHTS)
MAX_PATH_INPUT = 10.0


@dataclass(frozen=True)
class ChainDemo:
    """The demo's block, its data (read-only), its forward trace, gradients and loss."""

    params: lstm.LSTMParams
    x: np.ndarray  # (T, M)
    y0: np.ndarray  # (H,)
    c0: np.ndarray  # (H,)
    targets: np.ndarray  # (T, H)
    trace: lstm.LSTMTrace
    grads: lstm.LSTMGrads
    loss: float


def _loss(params: lstm.LSTMParams, x, y0, c0, targets) -> float:
    y = lstm.lstm_forward(params, x, y0, c0).y
    return 0.5 * float(np.sum((y - targets) ** 2))


def chain_demo(seed: int = 0, *, seq_len: int = SEQ_LEN, n_hidden: int = N_HIDDEN,
               forget_bias: float = 0.0) -> ChainDemo:
    """The seeded model, its forward trace and its gradients."""
    T = _checks.whole("seq_len", seq_len, 1, MAX_SEQ_LEN)
    H = _checks.whole("n_hidden", n_hidden, 1, MAX_HIDDEN)
    params = lstm.init_lstm(N_INPUT, H, seed, peepholes=True, forget_bias=forget_bias)
    x = rng.normals(seed, T * N_INPUT, _STREAM_X).reshape(T, N_INPUT)  # (T·M,) -> (T, M)
    targets = rng.uniforms(seed, T * H, _STREAM_D).reshape(T, H) - 0.5  # (T·H,) -> (T, H)
    y0 = 0.5 * rng.normals(seed, H, _STREAM_Y0)
    c0 = 0.5 * rng.normals(seed, H, _STREAM_Y0 + 1)
    trace = lstm.lstm_forward(params, x, y0, c0)
    grads = lstm.lstm_backward(params, trace, trace.y - targets)
    x, y0, c0, targets = (_checks.frozen(a) for a in (x, y0, c0, targets))
    return ChainDemo(params, x, y0, c0, targets, trace, grads, _loss(params, x, y0, c0, targets))


@dataclass(frozen=True)
class GradCheck:
    names: tuple[str, ...]
    rel_error: np.ndarray  # per array
    analytic_norm: np.ndarray  # per array
    step: float

    @property
    def max_rel_error(self) -> float:
        return float(np.max(self.rel_error))

    @property
    def passed(self) -> bool:
        return self.max_rel_error < PASS_THRESHOLD


def gradient_check(demo: ChainDemo, step: float = 1e-6) -> GradCheck:
    """Every analytic gradient of ``demo`` against central finite differences of L (step h in (0, 0.1])."""
    if not isinstance(demo, ChainDemo):
        raise TypeError(f"demo must be a ChainDemo, got {type(demo).__name__}")
    step = _checks.real("step", step, 0.0, 0.1, lo_open=True)
    p = demo.params
    base = {"W": p.W, "R": p.R, "b": p.b, "p": p.p, "x": demo.x, "y0": demo.y0, "c0": demo.c0}
    analytic = {"W": demo.grads.W, "R": demo.grads.R, "b": demo.grads.b, "p": demo.grads.p,
                "x": demo.grads.x, "y0": demo.grads.y0, "c0": demo.grads.c0}

    def loss_with(name: str, value: np.ndarray) -> float:
        arrays = {**base, name: value}
        params = lstm.LSTMParams(arrays["W"], arrays["R"], arrays["b"], arrays["p"])
        return _loss(params, arrays["x"], arrays["y0"], arrays["c0"], demo.targets)

    errors, norms = [], []
    for name, array in base.items():
        numeric = np.empty_like(array)
        for k in range(array.size):
            plus, minus = array.copy(), array.copy()
            plus.flat[k] += step
            minus.flat[k] -= step
            numeric.flat[k] = (loss_with(name, plus) - loss_with(name, minus)) / (2.0 * step)
        g = analytic[name]
        scale = max(np.linalg.norm(g), np.linalg.norm(numeric), 1e-300)
        errors.append(np.linalg.norm(g - numeric) / scale)
        norms.append(np.linalg.norm(g))
    return GradCheck(tuple(base), np.array(errors), np.array(norms), step)


def _sig_prime(s):
    return s * (1.0 - s)


def delta_terms(demo: ChainDemo, t: int, j: int) -> dict[str, float]:
    """Every term of the delta equations for unit ``j`` at step ``t`` (0-based), recomputed from the
    trace; the totals equal ``demo.grads.delta_*[t, j]``. Keys name the terms (see the docstring)."""
    if not isinstance(demo, ChainDemo):
        raise TypeError(f"demo must be a ChainDemo, got {type(demo).__name__}")
    tr, g, p = demo.trace, demo.grads, demo.params
    T, H = tr.y.shape
    t = _checks.whole("t", t, 0, T - 1)
    j = _checks.whole("j", j, 0, H - 1)
    nxt = t + 1 < T
    d_next = [g.delta_z, g.delta_i, g.delta_f, g.delta_o]
    rec = [float(p.R[k, :, j] @ d_next[k][t + 1]) if nxt else 0.0 for k in range(4)]  # R_⋆ᵀ δ⋆_{t+1}
    c_prev = tr.c[t - 1, j] if t > 0 else tr.c0[j]
    hc = float(np.tanh(tr.c[t, j]))
    out = {
        "Delta": float(tr.y[t, j] - demo.targets[t, j]),
        "rec_z": rec[0], "rec_i": rec[1], "rec_f": rec[2], "rec_o": rec[3],
        "h_c": hc, "o": float(tr.o[t, j]), "sig_o": float(_sig_prime(tr.o[t, j])),
        "f": float(tr.f[t, j]), "i": float(tr.i[t, j]), "z": float(tr.z[t, j]), "c_prev": float(c_prev),
        "p_i": float(p.p[0, j]), "p_f": float(p.p[1, j]), "p_o": float(p.p[2, j]),
        "di_next": float(g.delta_i[t + 1, j]) if nxt else 0.0,
        "df_next": float(g.delta_f[t + 1, j]) if nxt else 0.0,
        "dc_next": float(g.delta_c[t + 1, j]) if nxt else 0.0,
        "f_next": float(tr.f[t + 1, j]) if nxt else 0.0,
    }
    out["dy"] = out["Delta"] + sum(rec)
    out["do"] = out["dy"] * hc * out["sig_o"]
    out["dc_direct"] = out["dy"] * out["o"] * (1.0 - hc * hc)
    out["dc"] = (out["dc_direct"] + out["p_o"] * out["do"] + out["p_i"] * out["di_next"]
                 + out["p_f"] * out["df_next"] + out["dc_next"] * out["f_next"])
    out["df"] = out["dc"] * c_prev * _sig_prime(out["f"])
    out["di"] = out["dc"] * out["z"] * _sig_prime(out["i"])
    out["dz"] = out["dc"] * out["i"] * (1.0 - out["z"] ** 2)
    return out


def cell_jacobian_terms(demo: ChainDemo, t: int, j: int) -> dict[str, float]:
    """The diagonal entry (∂c_t/∂c_{t−1})_jj of unit ``j`` at step ``t`` (0-based) and its parts.

    Keys: ``f`` (= the highway part), ``forget``, ``input``, ``block`` (the three paths through the
    gates), ``total`` (their sum, the entry itself), ``off_diagonal`` (Σ_k≠j |J_jk|: what other units'
    cells send to this one), and the factors printed on the page: ``c_prev``, ``sig_f``, ``z``,
    ``sig_i``, ``i``, ``g_z`` (g'(z̄_t)), ``p_f``, ``p_i``, ``R_f``, ``R_i``, ``R_z`` (diagonal entries)
    and ``d_y`` (∂y_{t−1}/∂c_{t−1} of unit j; 0 at the first step, where y0 is given).
    """
    if not isinstance(demo, ChainDemo):
        raise TypeError(f"demo must be a ChainDemo, got {type(demo).__name__}")
    tr, p = demo.trace, demo.params
    T, H = tr.y.shape
    t = _checks.whole("t", t, 0, T - 1)
    j = _checks.whole("j", j, 0, H - 1)
    parts = lstm.cell_jacobian_parts(p, tr, t)
    row = sum(parts.values())[j]  # (H,)
    c_prev = float(tr.c[t - 1, j] if t > 0 else tr.c0[j])
    if t > 0:
        h_prev, o_prev = np.tanh(tr.c[t - 1, j]), tr.o[t - 1, j]
        d_y = float(o_prev * (1.0 - h_prev**2) + h_prev * _sig_prime(o_prev) * p.p[2, j])
    else:
        d_y = 0.0
    return {
        "f": float(parts["highway"][j, j]), "forget": float(parts["forget"][j, j]),
        "input": float(parts["input"][j, j]), "block": float(parts["block"][j, j]), "total": float(row[j]),
        "off_diagonal": float(np.sum(np.abs(np.delete(row, j)))),
        "c_prev": c_prev, "sig_f": float(_sig_prime(tr.f[t, j])), "z": float(tr.z[t, j]),
        "sig_i": float(_sig_prime(tr.i[t, j])), "i": float(tr.i[t, j]), "g_z": float(1.0 - tr.z[t, j] ** 2),
        "p_f": float(p.p[1, j]), "p_i": float(p.p[0, j]),
        "R_f": float(p.R[2, j, j]), "R_i": float(p.R[1, j, j]), "R_z": float(p.R[0, j, j]), "d_y": d_y,
    }


@dataclass(frozen=True)
class PathSum:
    """The chain rule on the small graph x₁, x₂ → y_1 … y_n → z for one (x₁, x₂); arrays are (n,)."""

    x1: float
    x2: float
    y: np.ndarray  # y_j = tanh(a_j x₁ + b_j x₂)
    dz_dy: np.ndarray  # ∂z/∂y_j = y_j
    dy_dx1: np.ndarray  # ∂y_j/∂x₁ = (1 − y_j²) a_j
    z: float  # ½ Σ y_j²
    finite_difference: float  # (z(x₁ + h) − z(x₁ − h)) / 2h, h = 10⁻⁶

    @property
    def paths(self) -> np.ndarray:
        """The product along each path, ∂z/∂y_j · ∂y_j/∂x₁."""
        return self.dz_dy * self.dy_dx1

    @property
    def derivative(self) -> float:
        """∂z/∂x₁ = the sum over the paths."""
        return float(np.sum(self.paths))

    @property
    def rel_error(self) -> float:
        """|sum of paths − finite difference| / max(|both|, 10⁻¹²)."""
        scale = max(abs(self.derivative), abs(self.finite_difference), 1e-12)
        return abs(self.derivative - self.finite_difference) / scale


def _path_z(x1: float, x2: float, n: int) -> float:
    y = np.tanh(PATH_WEIGHTS[:n, 0] * x1 + PATH_WEIGHTS[:n, 1] * x2)
    return 0.5 * float(np.sum(y**2))


def path_sum(x1: float, x2: float, n: int) -> PathSum:
    """∂z/∂x₁ on the small graph with ``n`` middle variables (1 ≤ n ≤ ``MAX_PATHS``), as the sum of the
    products along the n paths, and its finite-difference check; |x₁|, |x₂| ≤ ``MAX_PATH_INPUT``."""
    x1 = _checks.real("x1", x1, -MAX_PATH_INPUT, MAX_PATH_INPUT)
    x2 = _checks.real("x2", x2, -MAX_PATH_INPUT, MAX_PATH_INPUT)
    n = _checks.whole("n", n, 1, MAX_PATHS)
    a, b = PATH_WEIGHTS[:n, 0], PATH_WEIGHTS[:n, 1]
    y = np.tanh(a * x1 + b * x2)
    h = 1e-6
    fd = (_path_z(x1 + h, x2, n) - _path_z(x1 - h, x2, n)) / (2.0 * h)
    return PathSum(x1, x2, y, y.copy(), (1.0 - y**2) * a, 0.5 * float(np.sum(y**2)), fd)


def warm_up() -> None:
    """Compile the LSTM kernels with the signatures this module uses."""
    demo = chain_demo(0, seq_len=2, n_hidden=2)
    delta_terms(demo, 0, 0)
    cell_jacobian_terms(demo, 1, 0)
