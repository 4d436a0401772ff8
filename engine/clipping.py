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

A ``None`` in ``grads`` (a parameter that got no gradient) is skipped, as torch skips parameters
whose ``.grad`` is None: it adds nothing to the norm and comes back as ``None`` in its place. No
gradients at all (an empty list, or only ``None``) have norm 0 and are returned unchanged, as in
torch. Complex gradients are refused (``TypeError``).

The norm is computed with scaling (largest magnitude factored out first), so gradients near 10²⁰⁰
get their true finite norm instead of an overflow in the squares.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine import _checks

EPS = 1e-6  # torch's epsilon in clip_grad_norm_
MODES = ("none", "norm", "value")


def _as_arrays(grads: Sequence[np.ndarray | None]) -> list[np.ndarray | None]:
    """Fresh float64 copies of the gradients (NaN and inf allowed: they are reported); None kept."""
    if isinstance(grads, np.ndarray):
        raise TypeError("grads must be a list of arrays (one per parameter), not a single array")
    if grads is None or isinstance(grads, (str, bytes, dict)):
        raise TypeError(f"grads must be a list of arrays (one per parameter), got {type(grads).__name__}")
    try:
        grads = list(grads)
    except TypeError:
        raise TypeError(f"grads must be a list of arrays (one per parameter), got {type(grads).__name__}") from None
    return [None if g is None else _checks.array(f"grads[{k}]", g, finite=False) for k, g in enumerate(grads)]


def _threshold(name: str, value) -> float:
    return _checks.real(name, value, 0.0, lo_open=True)


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


def _global_norm(arrays: list[np.ndarray | None]) -> float:
    """‖g‖ of all the arrays' components at once (one scaled pass over their concatenation)."""
    present = [g.ravel() for g in arrays if g is not None]
    return _norm(np.concatenate(present)) if present else 0.0


def global_norm(grads: Sequence[np.ndarray | None]) -> float:
    """‖g‖ = √(Σ_k ‖g_k‖²) over all arrays (None skipped); ``inf``/``nan`` when a component is."""
    return _global_norm(_as_arrays(grads))


def _scaled(arrays: list[np.ndarray | None], max_norm: float, norm: float) -> list[np.ndarray | None]:
    scale = min(1.0, max_norm / (norm + EPS)) if not math.isnan(norm) else math.nan
    with np.errstate(invalid="ignore"):
        return [None if g is None else g * scale for g in arrays]


def clip_by_global_norm(grads: Sequence[np.ndarray | None], max_norm: float) -> tuple[list[np.ndarray | None], float]:
    """Clipped copies of ``grads`` (scaled by min(1, τ/(‖g‖ + 10⁻⁶))) and the norm before clipping."""
    max_norm = _threshold("max_norm", max_norm)
    arrays = _as_arrays(grads)
    norm = _global_norm(arrays)
    return _scaled(arrays, max_norm, norm), norm


def clip_by_value(grads: Sequence[np.ndarray | None], clip_value: float) -> list[np.ndarray | None]:
    """Copies of ``grads`` with every component clamped to [−v, v] (NaN stays NaN, None stays None)."""
    clip_value = _threshold("clip_value", clip_value)
    return [None if g is None else np.clip(g, -clip_value, clip_value, out=g) for g in _as_arrays(grads)]


@dataclass(frozen=True)
class ClipResult:
    """One clipping decision: the gradients to apply and what happened to them."""

    grads: list[np.ndarray | None]
    norm_before: float
    norm_after: float
    clipped: bool  # the threshold changed at least one component
    finite: bool  # every component of the incoming gradients was finite


def clip_gradients(grads: Sequence[np.ndarray | None], mode: str, threshold: float) -> ClipResult:
    """Apply ``mode`` ∈ {"none", "norm", "value"} with ``threshold`` and report the outcome.

    ``threshold`` is ignored (not checked) when ``mode`` is "none".
    """
    mode = _checks.choice("mode", mode, MODES)
    arrays = _as_arrays(grads)  # the only copy
    norm = _global_norm(arrays)
    if mode == "none":
        return ClipResult(arrays, norm, norm, False, math.isfinite(norm))
    if mode == "norm":
        threshold = _threshold("max_norm", threshold)
        out = _scaled(arrays, threshold, norm)
        clipped = not math.isfinite(norm) or norm + EPS > threshold
    else:
        v = _threshold("clip_value", threshold)
        clipped = not math.isfinite(norm) or any(bool(np.any(np.abs(g) > v)) for g in arrays if g is not None)
        out = [None if g is None else np.clip(g, -v, v, out=g) for g in arrays]
    return ClipResult(out, norm, _global_norm(out), bool(clipped), math.isfinite(norm))
