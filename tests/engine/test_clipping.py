"""Gradient clipping against torch's clip_grad_norm_ / clip_grad_value_ and by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import clipping


def _grads(seed: int = 0, scale: float = 1.0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [scale * rng.normal(size=(4, 3, 2)), scale * rng.normal(size=(4, 3)), scale * rng.normal(size=5)]


def _torch_clip(grads, fn, threshold):
    torch = pytest.importorskip("torch")
    params = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads]
    for p, g in zip(params, grads, strict=True):
        p.grad = torch.tensor(g, dtype=torch.float64)
    out = fn(params, threshold)
    return [p.grad.numpy() for p in params], out


@pytest.mark.torch
@pytest.mark.parametrize("max_norm", [0.1, 1.0, 3.0, 1e3])
def test_norm_clipping_matches_torch(max_norm):
    torch = pytest.importorskip("torch")
    grads = _grads(1, scale=0.7)
    expected, norm = _torch_clip(grads, torch.nn.utils.clip_grad_norm_, max_norm)
    clipped, ours = clipping.clip_by_global_norm(grads, max_norm)
    assert ours == pytest.approx(float(norm), rel=1e-14)
    for a, b in zip(clipped, expected, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=0)


@pytest.mark.torch
@pytest.mark.parametrize("clip_value", [0.05, 0.5, 10.0])
def test_value_clipping_matches_torch(clip_value):
    torch = pytest.importorskip("torch")
    grads = _grads(2)
    expected, _ = _torch_clip(grads, torch.nn.utils.clip_grad_value_, clip_value)
    for a, b in zip(clipping.clip_by_value(grads, clip_value), expected, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.torch
@pytest.mark.parametrize("bad", [math.inf, math.nan])
def test_non_finite_gradients_follow_torch_and_are_reported(bad):
    torch = pytest.importorskip("torch")
    grads = [np.array([1.0, bad]), np.array([3.0])]
    expected, norm = _torch_clip(grads, torch.nn.utils.clip_grad_norm_, 1.0)
    clipped, ours = clipping.clip_by_global_norm(grads, 1.0)
    assert np.isnan(ours) if math.isnan(bad) else ours == math.inf
    assert np.isnan(float(norm)) == np.isnan(ours)
    for a, b in zip(clipped, expected, strict=True):
        np.testing.assert_array_equal(a, b)  # equal_nan is the default for assert_array_equal
    result = clipping.clip_gradients(grads, "norm", 1.0)
    assert not result.finite and result.clipped


def test_norm_by_hand_and_direction_kept():
    grads = [np.array([3.0, 0.0]), np.array([[0.0], [4.0]])]
    clipped, norm = clipping.clip_by_global_norm(grads, 1.0)
    assert norm == 5.0
    scale = 1.0 / (5.0 + 1e-6)
    np.testing.assert_allclose(clipped[0], [3.0 * scale, 0.0], rtol=1e-15)
    np.testing.assert_allclose(clipped[1], [[0.0], [4.0 * scale]], rtol=1e-15)
    assert clipping.global_norm(clipped) == pytest.approx(1.0, abs=1e-6)


def test_below_threshold_is_unchanged():
    grads = _grads(3, scale=1e-3)
    clipped, norm = clipping.clip_by_global_norm(grads, 10.0)
    assert norm < 10.0
    for a, b in zip(clipped, grads, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not clipping.clip_gradients(grads, "norm", 10.0).clipped
    assert not clipping.clip_gradients(grads, "value", 10.0).clipped


def test_inputs_untouched_and_copies_returned():
    grads = _grads(4, scale=5.0)
    before = [g.copy() for g in grads]
    clipped, _ = clipping.clip_by_global_norm(grads, 0.1)
    valued = clipping.clip_by_value(grads, 0.1)
    clipping.clip_gradients(grads, "norm", 0.1)
    for g, b, c, v in zip(grads, before, clipped, valued, strict=True):
        np.testing.assert_array_equal(g, b)
        assert not np.shares_memory(g, c) and not np.shares_memory(g, v)


def test_large_finite_gradients_keep_a_finite_norm():
    # torch squares without scaling and reports inf here; the true norm is finite.
    clipped, norm = clipping.clip_by_global_norm([np.array([1e200, 1e200])], 1.0)
    assert norm == pytest.approx(math.sqrt(2) * 1e200, rel=1e-14)
    np.testing.assert_allclose(clipped[0], [1 / math.sqrt(2)] * 2, rtol=1e-6)


def test_value_clipping_changes_direction_but_not_sign():
    g = np.array([10.0, 0.1, -3.0])
    (out,) = clipping.clip_by_value([g], 1.0)
    np.testing.assert_array_equal(out, [1.0, 0.1, -1.0])
    assert np.all(np.sign(out) == np.sign(g))


def test_clip_result_reports_norms():
    result = clipping.clip_gradients([np.array([6.0, 8.0])], "norm", 2.0)
    assert result.clipped and result.finite
    assert result.norm_before == 10.0
    assert result.norm_after == pytest.approx(2.0, rel=1e-6)
    none = clipping.clip_gradients([np.array([6.0, 8.0])], "none", 2.0)
    assert not none.clipped and none.norm_after == 10.0


@pytest.mark.parametrize(("threshold", "error"), [(0.0, ValueError), (-3.0, ValueError), (math.nan, ValueError),
                                                  (math.inf, ValueError), ("abc", TypeError), (None, TypeError)])
def test_bad_thresholds_raise(threshold, error):
    with pytest.raises(error, match="max_norm must be"):
        clipping.clip_by_global_norm([np.ones(2)], threshold)
    with pytest.raises(error, match="clip_value must be"):
        clipping.clip_by_value([np.ones(2)], threshold)


def test_bad_inputs_raise():
    with pytest.raises(TypeError, match="list of arrays"):
        clipping.clip_by_global_norm(np.ones(3), 1.0)
    with pytest.raises(TypeError, match="array of numbers"):
        clipping.clip_by_global_norm([np.array(["a"])], 1.0)
    with pytest.raises(TypeError, match=r"grads\[1\] must hold real numbers"):
        clipping.clip_by_global_norm([np.ones(2), np.ones(2, dtype=complex)], 1.0)
    with pytest.raises(ValueError, match="mode"):
        clipping.clip_gradients([np.ones(2)], "sometimes", 1.0)


def test_none_gradients_are_skipped_as_torch_does():
    """A parameter without a gradient adds nothing to the norm and stays None (torch skips p.grad None)."""
    grads = [np.array([3.0, 4.0]), None, np.array([12.0])]
    clipped, norm = clipping.clip_by_global_norm(grads, 6.5)
    assert norm == 13.0
    assert clipped[1] is None
    np.testing.assert_allclose(clipped[0], [1.5, 2.0], rtol=1e-6)
    np.testing.assert_allclose(clipped[2], [6.0], rtol=1e-6)
    assert clipping.global_norm(grads) == 13.0
    by_value = clipping.clip_by_value(grads, 3.5)
    assert by_value[1] is None and by_value[2].tolist() == [3.5]
    result = clipping.clip_gradients(grads, "norm", 6.5)
    assert result.grads[1] is None and result.finite and result.clipped
    assert clipping.clip_by_global_norm([None, None], 1.0) == ([None, None], 0.0)


@pytest.mark.torch
def test_none_gradients_match_torch_parameters_without_grad():
    torch = pytest.importorskip("torch")
    grads = [np.array([[3.0, -4.0]]), None, np.array([12.0, 0.5])]
    params = [torch.nn.Parameter(torch.zeros(2, dtype=torch.float64)) for _ in grads]
    for p, g in zip(params, grads, strict=True):
        p.grad = None if g is None else torch.tensor(g.ravel(), dtype=torch.float64)
    norm = torch.nn.utils.clip_grad_norm_(params, 2.0)
    clipped, mine = clipping.clip_by_global_norm(grads, 2.0)
    assert mine == pytest.approx(float(norm), rel=1e-15)
    assert clipped[1] is None and params[1].grad is None
    for k in (0, 2):
        np.testing.assert_allclose(clipped[k].ravel(), params[k].grad.numpy(), rtol=1e-15)


def test_empty_and_zero_gradients():
    assert clipping.clip_by_global_norm([], 1.0) == ([], 0.0)
    clipped, norm = clipping.clip_by_global_norm([np.zeros(3)], 1.0)
    assert norm == 0.0 and np.array_equal(clipped[0], np.zeros(3))
