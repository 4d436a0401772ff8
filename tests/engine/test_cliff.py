"""The cliff model: surface, exact gradient (vs finite differences and back-propagation through
time written out by hand) and gradient-descent trajectories with and without clipping."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import cliff
from tests.engine.helpers import assert_same_in_threads, finite_difference

MODEL = cliff.CliffModel()


def _bptt_reference(w: float, b: float, model: cliff.CliffModel) -> tuple[float, float, float]:
    """Reverse mode, the other way round from the engine's forward mode."""
    xs = [model.x0]
    for _ in range(model.n_steps):
        xs.append(w / (1.0 + math.exp(-xs[-1])) + b)
    delta = xs[-1] - model.target  # ∂L/∂x_T
    gw = gb = 0.0
    for t in range(model.n_steps, 0, -1):
        s = 1.0 / (1.0 + math.exp(-xs[t - 1]))
        gw += delta * s
        gb += delta
        delta *= w * s * (1.0 - s)  # ∂x_t/∂x_{t−1}
    return 0.5 * (xs[-1] - model.target) ** 2, gw, gb


POINTS = [(5.0, -5.0), (3.0, 0.5), (6.5, -3.0), (5.08, -2.66), (7.9, -6.9)]


@pytest.mark.parametrize(("w", "b"), POINTS)
def test_gradient_matches_reverse_mode(w, b):
    ours = cliff.loss_and_grad(w, b, MODEL)
    np.testing.assert_allclose(ours, _bptt_reference(w, b, MODEL), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(("w", "b"), POINTS)
def test_gradient_matches_finite_differences(w, b):
    _, gw, gb = cliff.loss_and_grad(w, b, MODEL)
    theta = np.array([w, b])
    fd_w, fd_b = finite_difference(lambda: cliff.loss_and_grad(theta[0], theta[1], MODEL)[0], theta)
    assert gw == pytest.approx(fd_w, rel=1e-5, abs=1e-7)
    assert gb == pytest.approx(fd_b, rel=1e-5, abs=1e-7)


def test_surface_matches_pointwise_loss_and_has_a_cliff():
    w = np.linspace(*cliff.WINDOW[0], 31)
    b = np.linspace(*cliff.WINDOW[1], 37)
    surface = cliff.loss_surface(w, b, MODEL)
    assert surface.shape == (37, 31)
    for j, k in [(0, 0), (10, 20), (36, 30)]:
        assert surface[j, k] == pytest.approx(cliff.loss_and_grad(w[k], b[j], MODEL)[0], rel=1e-12)
    # along b at w = 6 the loss jumps by more than 5 between neighbouring grid points: a wall
    column = cliff.loss_surface([6.0], np.linspace(-4.0, -2.5, 301), MODEL)[:, 0]
    assert np.max(np.abs(np.diff(column))) > 5.0


def test_descent_without_clipping_is_thrown_off_the_cliff():
    run = cliff.descend(MODEL, mode="none")
    assert run.step_length.max() > 5.0  # one step travels further than the whole plot is tall
    (w_lo, w_hi), (b_lo, b_hi) = cliff.WINDOW
    assert not (w_lo <= run.w[-1] <= w_hi and b_lo <= run.b[-1] <= b_hi)


@pytest.mark.parametrize("threshold", [0.3, 1.0, 4.0])
def test_norm_clipping_bounds_every_step(threshold):
    run = cliff.descend(MODEL, mode="norm", threshold=threshold)
    assert np.all(run.step_length <= cliff.LR * threshold * (1 + 1e-12))
    expected = run.grad_norm + 1e-6 > threshold
    np.testing.assert_array_equal(run.clipped, expected)
    assert run.n_clipped == int(expected.sum())


@pytest.mark.parametrize("threshold", [0.3, 1.0, 4.0])
def test_value_clipping_bounds_every_component(threshold):
    run = cliff.descend(MODEL, mode="value", threshold=threshold)
    assert np.all(np.abs(np.diff(run.w)) <= cliff.LR * threshold * (1 + 1e-12))
    assert np.all(np.abs(np.diff(run.b)) <= cliff.LR * threshold * (1 + 1e-12))


def test_clipped_run_reaches_low_loss_near_the_wall():
    runs = cliff.trajectories(MODEL, threshold=1.0)
    assert runs["norm"].loss[-1] < 0.05 < runs["none"].loss[-1]
    assert runs["norm"].n_clipped > 0


def test_trajectories_deterministic_and_thread_safe():
    def work(key):
        mode, coordinate = key
        return getattr(cliff.trajectories(MODEL, threshold=0.8)[mode], coordinate)

    assert_same_in_threads(work, [(mode, c) for mode in ("none", "norm", "value") for c in ("w", "b")])


def test_divergence_is_reported_not_raised():
    run = cliff.descend(MODEL, start=(5.0, -5.0), lr=1e300, n_steps=20)
    assert run.diverged_at is not None
    assert np.isfinite(run.w).all() and np.isfinite(run.b).all()
    assert len(run.w) == run.diverged_at + 1 == len(run.loss)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"lr": -1.0}, "lr"), ({"n_steps": 0}, "n_steps"), ({"mode": "bogus"}, "mode"),
     ({"mode": "norm", "threshold": -3.0}, "max_norm"), ({"start": (1.0, math.nan)}, "start")],
)
def test_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cliff.descend(MODEL, **kwargs)


def test_bad_model_and_grid_raise():
    with pytest.raises(ValueError, match="n_steps"):
        cliff.CliffModel(n_steps=0)
    with pytest.raises(ValueError, match="target"):
        cliff.CliffModel(target=math.nan)
    with pytest.raises(ValueError, match="w_values"):
        cliff.loss_surface(np.zeros(cliff.MAX_GRID + 1), [0.0])


def test_window_frames_the_descents_so_they_can_be_told_apart():
    """The clipped descents at τ = 1 stay inside the window and use a real share of its width (the
    earlier 3.0–7.5 window squeezed all three into a 30-pixel strip)."""
    (w_lo, w_hi), (b_lo, b_hi) = cliff.WINDOW
    for mode in ("norm", "value"):
        run = cliff.descend(MODEL, mode=mode, threshold=1.0)
        assert w_lo <= run.w.min() and run.w.max() <= w_hi and b_lo <= run.b.min() and run.b.max() <= b_hi
        assert (run.w.max() - run.w.min()) / (w_hi - w_lo) > 0.08
    wall = cliff.loss_surface(np.linspace(w_lo, w_hi, 5), np.linspace(b_lo, b_hi, 200), MODEL)
    assert np.all(np.max(np.abs(np.diff(wall, axis=0)), axis=0) > 1.0)  # a wall across the whole window
