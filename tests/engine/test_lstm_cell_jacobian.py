"""engine.lstm.cell_jacobian: the full ∂c_t/∂c_{t−1} against finite differences of the engine's own
forward pass and against torch autograd, with and without peepholes, and its bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import lstm
from engine.lstm import CELL_PATHS, LSTMParams, cell_jacobian, cell_jacobian_parts, init_lstm, lstm_forward


def _case(peepholes: bool, forget_bias: float = 0.0, seed: int = 3, scale: float = 1.0, T: int = 9, H: int = 5):
    params = init_lstm(3, H, seed, peepholes=peepholes, forget_bias=forget_bias)
    params = LSTMParams(params.W, scale * params.R, params.b, scale * params.p)
    gen = np.random.default_rng(seed)
    trace = lstm_forward(params, gen.normal(size=(T, 3)), 0.5 * gen.normal(size=H), gen.normal(size=H))
    return params, trace


def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def _fd_jacobian(params, trace, t: int, h: float = 1e-6) -> np.ndarray:
    """Central differences: perturb c_{t−1}, recompute y_{t−1} = σ(ō_{t−1}) ⊙ tanh(c_{t−1}) from it (its
    output gate peeks at c_{t−1}), then run the engine's forward pass for step t from (y_{t−1}, c_{t−1})."""
    c_prev = trace.c[t - 1]
    o_bar_rest = trace.o_bar[t - 1] - params.p[2] * c_prev  # ō_{t−1} without its peephole term
    H = c_prev.size
    out = np.empty((H, H))
    for k in range(H):
        sides = []
        for sign in (1.0, -1.0):
            c = c_prev.copy()
            c[k] += sign * h
            y = np.tanh(c) * _sigmoid(o_bar_rest + params.p[2] * c)
            sides.append(lstm_forward(params, trace.x[t:t + 1], y, c).c[0])
        out[:, k] = (sides[0] - sides[1]) / (2.0 * h)
    return out


def _rel(a, b) -> float:
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


@pytest.mark.parametrize("peepholes", [True, False], ids=["peepholes", "no-peepholes"])
@pytest.mark.parametrize("forget_bias", [-2.0, 0.0, 3.0])
def test_cell_jacobian_matches_finite_differences(peepholes, forget_bias):
    params, trace = _case(peepholes, forget_bias)
    for t in range(1, trace.seq_len):
        assert _rel(cell_jacobian(params, trace, t), _fd_jacobian(params, trace, t)) < 1e-7


def test_the_parts_add_up_and_the_highway_is_diag_f():
    params, trace = _case(True)
    parts = cell_jacobian_parts(params, trace, 4)
    assert tuple(parts) == CELL_PATHS
    np.testing.assert_array_equal(parts["highway"], np.diag(trace.f[4]))
    np.testing.assert_allclose(sum(parts.values()), cell_jacobian(params, trace, 4), rtol=0, atol=0)


def test_the_jacobian_is_not_the_forget_gate_in_general():
    """The point of the page: with peepholes and the paths through y_{t−1} the diagonal is not f_t."""
    params, trace = _case(True)
    J = cell_jacobian(params, trace, 4)
    assert np.max(np.abs(np.diag(J) - trace.f[4])) > 1e-2
    assert np.max(np.abs(J - np.diag(np.diag(J)))) > 1e-3  # errors cross between units


def test_without_peepholes_and_recurrence_only_the_highway_is_left():
    params, trace = _case(False, scale=0.0)
    np.testing.assert_allclose(cell_jacobian(params, trace, 5), np.diag(trace.f[5]), rtol=0, atol=1e-15)


def test_at_the_first_step_y0_is_given_so_only_highway_and_peepholes_remain():
    params, trace = _case(True)
    f, i, z, c0 = trace.f[0], trace.i[0], trace.z[0], trace.c0
    expected = np.diag(f + c0 * f * (1 - f) * params.p[1] + z * i * (1 - i) * params.p[0])
    np.testing.assert_allclose(cell_jacobian(params, trace, 0), expected, rtol=1e-14, atol=1e-15)


def test_a_pinned_forget_gate_passes_no_derivative():
    params = init_lstm(2, 3, 0, peepholes=True)
    x = np.random.default_rng(0).normal(size=(4, 2))
    trace = lstm_forward(params, x, pin={"f": 1.0})
    parts = cell_jacobian_parts(params, trace, 2)
    np.testing.assert_array_equal(parts["forget"], 0.0)
    np.testing.assert_array_equal(parts["highway"], np.eye(3))


@pytest.mark.torch
@pytest.mark.parametrize("peepholes", [True, False], ids=["peepholes", "no-peepholes"])
def test_cell_jacobian_matches_torch_autograd(peepholes):
    torch = pytest.importorskip("torch")
    params, trace = _case(peepholes, forget_bias=-1.0)
    t = 6
    W, R, b, p = (torch.tensor(a, dtype=torch.float64) for a in params.arrays())
    x_prev, x_t = (torch.tensor(trace.x[k], dtype=torch.float64) for k in (t - 1, t))
    y_before = torch.tensor(trace.y[t - 2], dtype=torch.float64)

    def c_next(c_prev):
        o_prev = torch.sigmoid(W[3] @ x_prev + R[3] @ y_before + p[2] * c_prev + b[3])
        y_prev = torch.tanh(c_prev) * o_prev
        z = torch.tanh(W[0] @ x_t + R[0] @ y_prev + b[0])
        i = torch.sigmoid(W[1] @ x_t + R[1] @ y_prev + p[0] * c_prev + b[1])
        f = torch.sigmoid(W[2] @ x_t + R[2] @ y_prev + p[1] * c_prev + b[2])
        return z * i + c_prev * f

    c_prev = torch.tensor(trace.c[t - 1], dtype=torch.float64)
    expected = torch.autograd.functional.jacobian(c_next, c_prev).numpy()
    assert _rel(cell_jacobian(params, trace, t), expected) < 1e-12


def test_bad_input_is_refused_with_a_clear_message():
    params, trace = _case(True)
    with pytest.raises(ValueError, match="t must be between 0 and 8"):
        cell_jacobian(params, trace, 9)
    with pytest.raises(ValueError, match="whole number"):
        cell_jacobian(params, trace, 1.5)
    with pytest.raises(TypeError, match="params must be LSTMParams"):
        cell_jacobian("W", trace, 1)
    with pytest.raises(TypeError, match="trace must be"):
        cell_jacobian_parts(params, {"c": trace.c}, 1)
    other = init_lstm(3, 4, 0)
    with pytest.raises(ValueError, match="n_hidden"):
        cell_jacobian(other, trace, 1)
    assert math.isfinite(float(lstm.cell_jacobian(params, trace, 0).sum()))


# --------------------------------------------------------------- the engine's own finite-difference check

@pytest.mark.parametrize("peepholes", [True, False], ids=["peepholes", "no-peepholes"])
def test_cell_jacobian_fd_is_the_tests_finite_difference_and_matches_the_analytic_jacobian(peepholes):
    params, trace = _case(peepholes, forget_bias=-1.0)
    for t in range(1, trace.seq_len):
        found = lstm.cell_jacobian_fd(params, trace, t)
        np.testing.assert_allclose(found, _fd_jacobian(params, trace, t), rtol=0, atol=1e-12)
        assert _rel(cell_jacobian(params, trace, t), found) < 1e-7
    assert _rel(cell_jacobian(params, trace, 0), lstm.cell_jacobian_fd(params, trace, 0)) < 1e-7  # y0 held fixed


@pytest.mark.parametrize("pin", [{"o": 0.7}, {"f": 1.0}, {"i": 0.0, "o": 1.0}])
def test_cell_jacobian_fd_keeps_pinned_gates_pinned(pin):
    params = init_lstm(2, 3, 1, peepholes=True)
    trace = lstm_forward(params, np.random.default_rng(1).normal(size=(5, 2)), pin=pin)
    for t in range(trace.seq_len):
        assert _rel(cell_jacobian(params, trace, t), lstm.cell_jacobian_fd(params, trace, t)) < 1e-7


def test_cell_jacobian_fd_refuses_bad_input():
    params, trace = _case(True)
    with pytest.raises(ValueError, match="t must be between 0 and 8"):
        lstm.cell_jacobian_fd(params, trace, 9)
    with pytest.raises(ValueError, match="eps must be in"):
        lstm.cell_jacobian_fd(params, trace, 1, eps=0.0)
    with pytest.raises(TypeError, match="eps must be a real number"):
        lstm.cell_jacobian_fd(params, trace, 1, eps="small")
    with pytest.raises(TypeError, match="trace must be"):
        lstm.cell_jacobian_fd(params, {"c": trace.c}, 1)
