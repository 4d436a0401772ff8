"""Gradient clipping with the semantics of ``torch.nn.utils.clip_grad_norm_`` / ``clip_grad_value_``.

Norm clipping (Pascanu, Mikolov & Bengio 2013, Algorithm 1), over all gradients at once:

    ‖g‖      = √(Σ_k ‖g_k‖²)                                  global L2 norm, before clipping
    s        = min(1, τ / (‖g‖ + 10⁻⁶))                        same ε and clamp as torch
    g_k     ← s · g_k                                         same direction, step length ≤ τ

Value clipping clamps each component and so changes the direction:

    g_k[j]  ← min(max(g_k[j], −v), v)

Clip once per back-propagation-through-time pass, after the per-step terms are summed.

| symbol | name here    | meaning                                        |
|--------|--------------|------------------------------------------------|
| g_k    | ``grads[k]`` | gradient of the k-th parameter array           |
| τ      | ``max_norm`` | norm threshold (> 0, finite)                   |
| v      | ``clip_value`` | component threshold (> 0, finite)            |
| ‖g‖    | ``norm``     | global norm before clipping (returned)          |

Non-finite gradients are reported, never raised: the returned norm is ``inf`` (a component
overflowed) or ``nan`` (a component is NaN). The clipped copies then follow torch exactly
(``s = 0`` for an infinite norm, so finite entries become 0 and infinite ones NaN; ``s = nan``
for a NaN norm). :func:`clip_gradients` wraps both modes in a small :class:`ClipResult` that says
whether the step was clipped and whether it is finite. Inputs are never modified.

The norm is computed with scaling (largest magnitude factored out first), so gradients near 10²⁰⁰
get their true finite norm instead of an overflow in the squares.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

EPS = 1e-6  # torch's epsilon in clip_grad_norm_
MODES = ("none", "norm", "value")


def _as_arrays(grads: Sequence[np.ndarray]) -> list[np.ndarray]:
    if isinstance(grads, np.ndarray):
        raise ValueError("grads must be a list of arrays (one per parameter), not a single array")
    try:
        return [np.array(g, dtype=np.float64, copy=True) for g in grads]
    except (TypeError, ValueError) as err:
        raise ValueError(f"every gradient must be an array of numbers: {err}") from err


def _check_threshold(value: float, name: str) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a number, got {value!r}") from err
    if not math.isfinite(value) or value <= 0.0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def _norm(g: np.ndarray) -> float:
    """L2 norm of one array, scaled so that large finite entries do not overflow."""
    if g.size == 0:
        return 0.0
    if np.isnan(g).any():
        return math.nan
    peak = float(np.max(np.abs(g)))
    if peak == 0.0 or math.isinf(peak):
        return peak
    return peak * math.sqrt(float(np.sum(np.square(g / peak))))


def _global_norm(arrays: list[np.ndarray]) -> float:
    return _norm(np.array([_norm(g) for g in arrays]))


def global_norm(grads: Sequence[np.ndarray]) -> float:
    """‖g‖ = √(Σ_k ‖g_k‖²) over all arrays; ``inf``/``nan`` when a component is."""
    return _global_norm(_as_arrays(grads))


def _scaled(arrays: list[np.ndarray], max_norm: float, norm: float) -> list[np.ndarray]:
    scale = min(1.0, max_norm / (norm + EPS)) if not math.isnan(norm) else math.nan
    with np.errstate(invalid="ignore"):
        return [g * scale for g in arrays]


def clip_by_global_norm(grads: Sequence[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Clipped copies of ``grads`` (scaled by min(1, τ/(‖g‖ + 10⁻⁶))) and the norm before clipping."""
    max_norm = _check_threshold(max_norm, "max_norm")
    arrays = _as_arrays(grads)
    norm = _global_norm(arrays)
    return _scaled(arrays, max_norm, norm), norm


def clip_by_value(grads: Sequence[np.ndarray], clip_value: float) -> list[np.ndarray]:
    """Copies of ``grads`` with every component clamped to [−v, v] (NaN stays NaN)."""
    clip_value = _check_threshold(clip_value, "clip_value")
    return [np.clip(g, -clip_value, clip_value) for g in _as_arrays(grads)]


@dataclass(frozen=True)
class ClipResult:
    """One clipping decision: the gradients to apply and what happened to them."""

    grads: list[np.ndarray]
    norm_before: float
    norm_after: float
    clipped: bool  # the threshold changed at least one component
    finite: bool  # every component of the incoming gradients was finite


def clip_gradients(grads: Sequence[np.ndarray], mode: str, threshold: float) -> ClipResult:
    """Apply ``mode`` ∈ {"none", "norm", "value"} with ``threshold`` and report the outcome."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    arrays = _as_arrays(grads)  # the only copy
    norm = _global_norm(arrays)
    if mode == "none":
        return ClipResult(arrays, norm, norm, False, math.isfinite(norm))
    if mode == "norm":
        out = _scaled(arrays, _check_threshold(threshold, "max_norm"), norm)
        clipped = not math.isfinite(norm) or norm + EPS > threshold
    else:
        v = _check_threshold(threshold, "clip_value")
        clipped = not math.isfinite(norm) or any(bool(np.any(np.abs(g) > v)) for g in arrays)
        out = [np.clip(g, -v, v, out=g) for g in arrays]
    return ClipResult(out, norm, _global_norm(out), bool(clipped), math.isfinite(norm))
