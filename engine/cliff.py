"""The cliff: a one-unit recurrent net whose loss surface has a steep wall.

Pascanu, Mikolov & Bengio (2013, ICML, fig. 6) and Goodfellow, Bengio & Courville (2016, fig. 10.17):

    x_t = w · σ(x_{t−1}) + b,        t = 1 … T,      x_0 given
    L(w, b) = ½ (x_T − x*)²

For w > 4 the map x ↦ w·σ(x) + b has two stable fixed points; which one x_T reaches depends on
which side of the unstable one x_0 lies, so crossing a line in the (w, b) plane moves x_T from one
branch to the other over a band whose width shrinks like λ^(−T) (λ = w·σ'(x) at the unstable point):
a cliff. Near it the gradient is huge and one gradient-descent step throws the parameters far away.

Exact gradient by forward-mode differentiation (dual numbers carried along the recursion):

    ∂x_t/∂w = σ(x_{t−1}) + w σ'(x_{t−1}) ∂x_{t−1}/∂w,      ∂x_0/∂w = 0
    ∂x_t/∂b = 1          + w σ'(x_{t−1}) ∂x_{t−1}/∂b,      ∂x_0/∂b = 0
    ∂L/∂θ   = (x_T − x*) ∂x_T/∂θ,        σ' = σ(1 − σ)

Gradient descent θ ← θ − η g, with g unclipped, norm-clipped or value-clipped by
:mod:`engine.clipping` (torch's rules).

| symbol | name here          | meaning                                        |
|--------|--------------------|------------------------------------------------|
| w, b   | ``w``, ``b``       | recurrent weight and bias (the two parameters) |
| x_0    | ``x0``             | initial state                                  |
| x*     | ``target``         | target of the last state                       |
| T      | ``n_steps``        | number of recurrent steps                      |
| η      | ``lr``             | learning rate                                  |
| τ      | ``threshold``      | clipping threshold                             |
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine import _checks, clipping
from engine._numba import inline_kernel, kernel

MAX_GRID = 400  # points per axis of the loss surface (400² · T ≤ 3.2·10⁷ steps of the recursion)
MAX_T = 200
MAX_DESCENT_STEPS = 2000


@dataclass(frozen=True)
class CliffModel:
    """The recurrence and its loss; the defaults put a cliff inside :data:`WINDOW`."""

    x0: float = 0.5
    target: float = -2.0
    n_steps: int = 20

    def __post_init__(self) -> None:
        for name in ("x0", "target"):
            object.__setattr__(self, name, _checks.real(name, getattr(self, name)))
        object.__setattr__(self, "n_steps", _checks.whole("n_steps", self.n_steps, 1, MAX_T))


WINDOW = ((4.4, 5.6), (-5.5, -1.5))  # (w range, b range) of the plotted surface: the descents and the wall
START = (5.0, -5.0)  # gradient descent starts here in every variant
LR = 0.05
N_DESCENT = 60


@inline_kernel
def _sigmoid(x):
    """σ(x) = 1 / (1 + e^{−x}) of a float64 scalar."""
    return 1.0 / (1.0 + np.exp(-x))


@kernel
def _loss_grad_kernel(w, b, x0, target, n_steps):
    """x_t = w σ(x_{t−1}) + b for t = 1 … T with the forward-mode derivatives
    ∂x_t/∂w = σ(x_{t−1}) + w σ'(x_{t−1}) ∂x_{t−1}/∂w and ∂x_t/∂b = 1 + w σ'(x_{t−1}) ∂x_{t−1}/∂b (both 0 at t = 0).

    w, b, x0, target: float64 scalars; n_steps T ≥ 1. Returns (L = ½ (x_T − x*)², ∂L/∂w, ∂L/∂b, x_T);
    inf or NaN when the recursion overflows.
    """
    x = x0
    dx_dw = 0.0
    dx_db = 0.0
    for _ in range(n_steps):
        s = _sigmoid(x)
        ds = s * (1.0 - s)
        dx_dw = s + w * ds * dx_dw
        dx_db = 1.0 + w * ds * dx_db
        x = w * s + b
    r = x - target
    return 0.5 * r * r, r * dx_dw, r * dx_db, x


@kernel
def _surface_kernel(w_values, b_values, x0, target, n_steps):
    """L[j, k] = ½ (x_T − x*)² with x_t = w_k σ(x_{t−1}) + b_j, x_0 = x0, for every grid point.

    w_values (K,), b_values (J,) float64; x0, target floats; n_steps T ≥ 1. Returns L (J, K):
    rows follow b, columns w.
    """
    out = np.empty((b_values.size, w_values.size))  # rows: b, columns: w
    for j in range(b_values.size):
        for k in range(w_values.size):
            x = x0
            for _ in range(n_steps):
                x = w_values[k] * _sigmoid(x) + b_values[j]
            out[j, k] = 0.5 * (x - target) ** 2
    return out


def _grid(values, name: str) -> np.ndarray:
    values = _checks.array(name, values).ravel()
    if not 1 <= values.size <= MAX_GRID:
        raise ValueError(f"{name} must hold between 1 and {MAX_GRID} values, got {values.size}")
    return values


def _model(model) -> CliffModel:
    if not isinstance(model, CliffModel):
        raise TypeError(f"model must be a CliffModel, got {type(model).__name__}")
    return model


def loss_surface(w_values, b_values, model: CliffModel = CliffModel()) -> np.ndarray:
    """L(w, b) on the grid: array (len(b_values), len(w_values)); rows follow b, columns w."""
    w_values, b_values = _grid(w_values, "w_values"), _grid(b_values, "b_values")
    model = _model(model)
    with np.errstate(over="ignore"):
        return _surface_kernel(w_values, b_values, float(model.x0), float(model.target), int(model.n_steps))


def loss_and_grad(w: float, b: float, model: CliffModel = CliffModel()) -> tuple[float, float, float]:
    """(L, ∂L/∂w, ∂L/∂b) at one point, exact (forward mode); inf/nan when the recursion overflows."""
    w, b, model = _checks.real("w", w), _checks.real("b", b), _model(model)
    loss, gw, gb, _ = _loss_grad_kernel(w, b, model.x0, model.target, model.n_steps)
    return float(loss), float(gw), float(gb)


def last_state(w: float, b: float, model: CliffModel = CliffModel()) -> float:
    """x_T at one point."""
    w, b, model = _checks.real("w", w), _checks.real("b", b), _model(model)
    return float(_loss_grad_kernel(w, b, model.x0, model.target, model.n_steps)[3])


@dataclass(frozen=True)
class Trajectory:
    """A gradient-descent run: ``w, b, loss`` have one entry per visited point (start included),
    ``grad_norm`` and ``clipped`` one per step taken (norm before clipping)."""

    mode: str
    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    step_length: np.ndarray
    clipped: np.ndarray
    diverged_at: int | None  # index of the step whose gradient or result was inf/NaN, else None

    @property
    def n_clipped(self) -> int:
        return int(self.clipped.sum())


def descend(model: CliffModel = CliffModel(), *, start=START, lr: float = LR, n_steps: int = N_DESCENT,
            mode: str = "none", threshold: float = 1.0) -> Trajectory:
    """Gradient descent from ``start`` with ``mode`` ∈ {"none", "norm", "value"} clipping.

    Stops early (and says at which step in ``diverged_at``) when a gradient or the new point is
    not finite; a step that lands far outside the plotted window is kept as it is.
    """
    model = _model(model)
    lr = _checks.real("lr", lr, 0.0, lo_open=True)
    n_steps = _checks.whole("n_steps", n_steps, 1, MAX_DESCENT_STEPS)
    mode = _checks.choice("mode", mode, clipping.MODES)
    if mode != "none":
        clipping.clip_gradients([np.zeros(1)], mode, threshold)  # validates the threshold
    theta = _checks.array("start (w, b)", start, (2,))
    points, losses, norms, lengths, flags = [theta.copy()], [], [], [], []
    diverged_at = None
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(int(n_steps)):
            loss, gw, gb = loss_and_grad(theta[0], theta[1], model)
            losses.append(loss)
            result = clipping.clip_gradients([np.array([gw, gb])], mode, threshold)
            step = lr * result.grads[0]
            if not (result.finite and np.isfinite(step).all() and np.isfinite(theta - step).all()):
                diverged_at = k
                break
            theta = theta - step
            points.append(theta.copy())
            norms.append(result.norm_before)
            lengths.append(float(np.hypot(*step)))
            flags.append(result.clipped)
        else:
            losses.append(loss_and_grad(theta[0], theta[1], model)[0])
    pts = np.array(points)  # (n_points, 2): columns w, b
    return Trajectory(mode, pts[:, 0], pts[:, 1], np.array(losses[: len(pts)]), np.array(norms),
                      np.array(lengths), np.array(flags, dtype=bool), diverged_at)


def trajectories(model: CliffModel = CliffModel(), *, threshold: float = 1.0, value_threshold=None,
                 start=START, lr: float = LR, n_steps: int = N_DESCENT) -> dict[str, Trajectory]:
    """The three runs from the same start: unclipped, norm-clipped at τ, value-clipped at
    ``value_threshold`` (τ/√2 by default, so both bound a step by the same length τ·η)."""
    threshold = _checks.real("threshold", threshold, 0.0, lo_open=True)
    value_threshold = (threshold / math.sqrt(2.0) if value_threshold is None
                       else _checks.real("value_threshold", value_threshold, 0.0, lo_open=True))
    kw = {"start": start, "lr": lr, "n_steps": n_steps}
    return {
        "none": descend(model, mode="none", **kw),
        "norm": descend(model, mode="norm", threshold=threshold, **kw),
        "value": descend(model, mode="value", threshold=value_threshold, **kw),
    }


def warm_up() -> None:
    """Compile the kernels on tiny inputs."""
    loss_surface(np.array([4.0, 5.0]), np.array([-3.0]))
    descend(n_steps=2, mode="norm")
