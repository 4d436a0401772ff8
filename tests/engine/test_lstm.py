"""engine/lstm.py against a numpy loop, finite differences, torch.nn.LSTM and torch autograd."""

from __future__ import annotations

import numpy as np
import pytest

from engine import lstm
from engine.lstm import LSTMParams, init_lstm, lstm_backward, lstm_forward
from tests.engine.helpers import assert_same_in_threads, finite_difference
from tests.engine.reference_lstm import (
    TORCH_TO_GREFF,
    naive_forward,
    torch_greff,
    torch_lstm_from_params,
)

FIELDS = ("z", "i", "f", "o", "c", "y", "z_bar", "i_bar", "f_bar", "o_bar")


def assert_rel(actual, expected, rel):
    """max |actual − expected| ≤ rel · max |expected| (a relative error over the whole array)."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape
    scale = max(np.max(np.abs(expected)), 1e-300)
    err = np.max(np.abs(actual - expected)) / scale
    assert err <= rel, f"relative error {err:.3e} > {rel:.0e}"


def random_case(n_input=3, n_hidden=4, seq_len=7, seed=1, peepholes=True, scale=1.0):
    params = init_lstm(n_input, n_hidden, seed, peepholes=peepholes)
    params = LSTMParams(*(scale * a for a in params.arrays()))
    gen = np.random.default_rng(seed)
    x = gen.normal(size=(seq_len, n_input))
    y0 = 0.5 * gen.normal(size=n_hidden)
    c0 = gen.normal(size=n_hidden)
    dy = gen.normal(size=(seq_len, n_hidden))
    return params, x, y0, c0, dy


# ---------------------------------------------------------------------------------------------
# Forward


@pytest.mark.parametrize("peepholes", [True, False])
def test_forward_matches_naive_numpy(peepholes):
    params, x, y0, c0, _ = random_case(peepholes=peepholes, scale=2.0)
    trace = lstm_forward(params, x, y0, c0)
    ref = naive_forward(*params.arrays(), x, y0, c0)
    for name in FIELDS:
        np.testing.assert_allclose(getattr(trace, name), ref[name], rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("pin", [{"f": 0.0}, {"i": 1.0, "o": 0.25}, 0.5])
def test_forward_with_pinned_gates_matches_naive_numpy(pin):
    params, x, y0, c0, _ = random_case()
    trace = lstm_forward(params, x, y0, c0, pin=pin)
    pins = dict.fromkeys("ifo", pin) if isinstance(pin, float) else pin
    ref = naive_forward(*params.arrays(), x, y0, c0, pin=tuple(pins.get(g) for g in "ifo"))
    for name in FIELDS:
        np.testing.assert_allclose(getattr(trace, name), ref[name], rtol=1e-13, atol=1e-14)
    assert trace.pinned() == {g: float(v) for g, v in pins.items()}


def test_one_step_at_a_time_equals_whole_sequence():
    params, x, y0, c0, _ = random_case(seq_len=9)
    whole = lstm_forward(params, x, y0, c0)
    y, c = y0, c0
    for t in range(len(x)):
        step = lstm_forward(params, x[t : t + 1], y, c)
        y, c = step.y[0], step.c[0]
        np.testing.assert_array_equal(step.y[0], whole.y[t])
        np.testing.assert_array_equal(step.c[0], whole.c[t])
        np.testing.assert_array_equal(step.o[0], whole.o[t])


def test_all_gates_one_the_cell_adds_up_block_inputs():
    params, x, _, c0, _ = random_case(seq_len=12)
    trace = lstm_forward(params, x, c0=c0, pin=1.0)
    np.testing.assert_allclose(trace.c, c0 + np.cumsum(trace.z, axis=0), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(trace.y, np.tanh(trace.c), rtol=1e-14)


def test_all_gates_zero_the_cell_forgets_everything():
    params, x, y0, c0, _ = random_case(seq_len=12)
    trace = lstm_forward(params, x, y0, c0, pin=0.0)
    assert np.all(trace.c == 0.0) and np.all(trace.y == 0.0)
    assert np.all(trace.f == 0.0) and np.all(trace.i == 0.0)


def test_no_peepholes_means_p_is_zero_and_other_weights_are_unchanged():
    with_p = init_lstm(2, 5, seed=3, peepholes=True)
    without = init_lstm(2, 5, seed=3, peepholes=False)
    assert with_p.has_peepholes and not without.has_peepholes
    np.testing.assert_array_equal(with_p.W, without.W)
    np.testing.assert_array_equal(with_p.R, without.R)
    np.testing.assert_array_equal(with_p.b, without.b)


def test_init_is_seeded_and_forget_bias_is_added():
    a, b = init_lstm(3, 4, seed=11), init_lstm(3, 4, seed=11)
    np.testing.assert_array_equal(a.W, b.W)
    assert not np.array_equal(a.W, init_lstm(3, 4, seed=12).W)
    shifted = init_lstm(3, 4, seed=11, forget_bias=2.0)
    np.testing.assert_allclose(shifted.b[2], a.b[2] + 2.0)
    np.testing.assert_array_equal(shifted.b[[0, 1, 3]], a.b[[0, 1, 3]])
    assert np.max(np.abs(a.R)) <= 0.5  # uniform on [−1/√H, 1/√H], H = 4


def test_large_inputs_saturate_without_nan():
    params, x, *_ = random_case(seq_len=30)
    trace = lstm_forward(params, 1e6 * x)
    assert np.all(np.isfinite(trace.y)) and np.all(np.abs(trace.y) <= 1.0)
    grads = lstm_backward(params, trace, np.ones_like(trace.y))
    assert all(np.all(np.isfinite(a)) for a in grads.arrays())


def test_one_dimensional_input_is_accepted_for_one_input():
    params = init_lstm(1, 3, seed=0)
    np.testing.assert_array_equal(
        lstm_forward(params, [0.5, -1.0, 2.0]).y, lstm_forward(params, [[0.5], [-1.0], [2.0]]).y
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: lstm_forward(p, np.zeros((4, 3))), "x must have shape"),
        (lambda p: lstm_forward(p, np.zeros((0, 2))), "sequence length"),
        (lambda p: lstm_forward(p, np.array([[0.0, np.nan]])), "NaN"),
        (lambda p: lstm_forward(p, np.zeros((2, 2)), y0=np.zeros(4)), "y0 must have shape"),
        (lambda p: lstm_forward(p, np.zeros((2, 2)), c0=[np.inf, 0, 0]), "c0 contains NaN"),
        (lambda p: lstm_forward(p, np.zeros((2, 2)), pin={"z": 1.0}), "only the gates"),
        (lambda p: lstm_forward(p, np.zeros((2, 2)), pin=1.5), "in \\[0, 1\\]"),
        (lambda p: lstm_backward(p, lstm_forward(p, np.zeros((2, 2))), np.ones((3, 3))), "dy must"),
        (lambda p: lstm_backward(init_lstm(2, 4, 0), lstm_forward(p, np.zeros((2, 2))), 0), "trace is"),
        (lambda p: init_lstm(0, 3, 0), "n_input must be between"),
        (lambda p: init_lstm(2, 10_000, 0), "n_hidden must be between"),
        (lambda p: init_lstm(2, 3.5, 0), "whole number"),
        (lambda p: init_lstm(2, 3, -1), "seed"),
        (lambda p: init_lstm(2, 3, 0, forget_bias=float("nan")), "forget_bias"),
        (lambda p: LSTMParams(p.W, p.R, p.b, np.zeros((4, 3))), "p must have shape"),
        (lambda p: LSTMParams(p.W, p.R * np.nan, p.b, p.p), "R contains NaN"),
    ],
)
def test_bad_arguments_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call(init_lstm(2, 3, seed=0))


def test_wrong_kinds_raise_type_error():
    with pytest.raises(TypeError, match="LSTMParams"):
        lstm_forward("weights", np.zeros((2, 2)))


# ---------------------------------------------------------------------------------------------
# Backward


def loss(params, x, y0, c0, dy, pin=None):
    """L = Σ_t dy_t · y_t, so ∂L/∂y_t = dy_t."""
    return float(np.sum(dy * lstm_forward(params, x, y0, c0, pin=pin).y))


@pytest.mark.parametrize(("peepholes", "pin"), [(True, None), (False, None), (True, {"f": 1.0, "o": 0.5})])
def test_backward_matches_finite_differences(peepholes, pin):
    params, x, y0, c0, dy = random_case(n_input=2, n_hidden=3, seq_len=5, peepholes=peepholes)
    W, R, b, p = (a.copy() for a in params.arrays())
    grads = lstm_backward(params, lstm_forward(params, x, y0, c0, pin=pin), dy)

    def fun():
        return loss(LSTMParams(W, R, b, p), x, y0, c0, dy, pin)

    for name, array in dict(W=W, R=R, b=b, p=p, x=x, y0=y0, c0=c0).items():
        expected = finite_difference(fun, array)
        assert_rel(getattr(grads, name), expected, 1e-7)


def test_backward_of_a_single_step_and_zero_dy():
    params, x, y0, c0, dy = random_case(seq_len=1)
    grads = lstm_backward(params, lstm_forward(params, x, y0, c0), np.zeros_like(dy))
    assert all(np.all(a == 0.0) for a in (*grads.arrays(), grads.x, grads.y0, grads.c0))


def test_gradient_along_the_highway_with_all_gates_one():
    """i = f = o = 1: c_T = c0 + Σ z_t, so ∂c_T/∂c0 = 1 through the highway alone (without R, p)."""
    params, x, y0, c0, _ = random_case(seq_len=50)
    params = LSTMParams(params.W, 0 * params.R, params.b, 0 * params.p)
    trace = lstm_forward(params, x, y0, c0, pin=1.0)
    dy = np.zeros_like(trace.y)
    dy[-1] = 1.0
    grads = lstm_backward(params, trace, dy)
    np.testing.assert_allclose(grads.c0, 1.0 - np.tanh(trace.c[-1]) ** 2, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(grads.delta_c, np.tile(grads.c0, (50, 1)))


# ---------------------------------------------------------------------------------------------
# torch (float64)


@pytest.mark.torch
def test_forward_matches_torch_nn_lstm_without_peepholes():
    torch = pytest.importorskip("torch")
    for n_input, n_hidden, seq_len in [(1, 1, 3), (3, 8, 40), (5, 16, 200)]:
        params, x, y0, c0, _ = random_case(n_input, n_hidden, seq_len, peepholes=False, scale=1.5)
        net = torch_lstm_from_params(torch, params.W, params.R, params.b)
        with torch.no_grad():
            state = (torch.tensor(y0)[None, None], torch.tensor(c0)[None, None])
            out, (_, c_n) = net(torch.tensor(x)[:, None, :], state)
        trace = lstm_forward(params, x, y0, c0)
        assert_rel(trace.y, out[:, 0].numpy(), 1e-10)
        assert_rel(trace.c[-1], c_n[0, 0].numpy(), 1e-10)


@pytest.mark.torch
def test_backward_matches_torch_nn_lstm_autograd_without_peepholes():
    torch = pytest.importorskip("torch")
    params, x, y0, c0, dy = random_case(3, 6, 30, peepholes=False, scale=1.5)
    net = torch_lstm_from_params(torch, params.W, params.R, params.b)
    xt = torch.tensor(x[:, None, :], requires_grad=True)
    state = tuple(torch.tensor(s[None, None], requires_grad=True) for s in (y0, c0))
    out, _ = net(xt, state)
    (out[:, 0] * torch.tensor(dy)).sum().backward()
    grads = lstm_backward(params, lstm_forward(params, x, y0, c0), dy)
    H, M = params.n_hidden, params.n_input
    back = np.argsort(TORCH_TO_GREFF)  # engine gate order from torch blocks
    assert_rel(grads.W, net.weight_ih_l0.grad.numpy().reshape(4, H, M)[back], 1e-9)
    assert_rel(grads.R, net.weight_hh_l0.grad.numpy().reshape(4, H, H)[back], 1e-9)
    assert_rel(grads.b, net.bias_ih_l0.grad.numpy().reshape(4, H)[back], 1e-9)
    assert_rel(grads.b, net.bias_hh_l0.grad.numpy().reshape(4, H)[back], 1e-9)
    assert_rel(grads.x, xt.grad[:, 0].numpy(), 1e-9)
    assert_rel(grads.y0, state[0].grad[0, 0].numpy(), 1e-9)
    assert_rel(grads.c0, state[1].grad[0, 0].numpy(), 1e-9)


@pytest.mark.torch
def test_forward_and_backward_match_torch_greff_with_peepholes():
    torch = pytest.importorskip("torch")
    params, x, y0, c0, dy = random_case(4, 5, 25, peepholes=True, scale=1.5)
    keep, leaves = torch_greff(torch, *params.arrays(), x, y0, c0)
    y = torch.stack(keep["y"])
    (y * torch.tensor(dy)).sum().backward()
    trace = lstm_forward(params, x, y0, c0)
    for name in ("z_bar", "i_bar", "f_bar", "o_bar", "c", "y"):
        assert_rel(getattr(trace, name), torch.stack(keep[name]).detach().numpy(), 1e-10)
    grads = lstm_backward(params, trace, dy)
    for name in ("W", "R", "b", "p", "x", "y0", "c0"):
        assert_rel(getattr(grads, name), leaves[name].grad.numpy(), 1e-9)
    deltas = dict(delta_z="z_bar", delta_i="i_bar", delta_f="f_bar", delta_o="o_bar")
    deltas |= dict(delta_c="c", delta_y="y")
    for mine, theirs in deltas.items():
        expected = np.array([v.grad.numpy() for v in keep[theirs]])
        assert_rel(getattr(grads, mine), expected, 1e-9)


# ---------------------------------------------------------------------------------------------
# Threads


def test_several_threads_get_identical_results():
    params, x, y0, c0, dy = random_case(2, 16, 300)

    def work(name):
        return getattr(lstm_backward(params, lstm_forward(params, x, y0, c0), dy), name)

    assert_same_in_threads(work, ["W", "R", "b", "p", "x", "delta_c", "W", "R"])


# ---------------------------------------------------------------------------------------------
# The array-level entry points and the warm-up


def test_batch_entry_points_equal_one_pass_per_sequence():
    params, *_ = random_case(3, 4, 9)
    x = np.random.default_rng(3).normal(size=(3, 9, 3))  # (B, T, M)
    dy = np.random.default_rng(4).normal(size=(3, 9, 4))
    pin = {"f": 1.0}
    act, c, y = lstm.lstm_batch_forward(params, x, pin=pin)
    dW, dR, db, dp = lstm.lstm_batch_backward(params, x, act, c, y, dy, pin=pin)
    sums = [np.zeros_like(a) for a in (dW, dR, db, dp)]
    for k in range(3):
        trace = lstm_forward(params, x[k], pin=pin)
        np.testing.assert_array_equal(act[k], np.stack([trace.z, trace.i, trace.f, trace.o]))
        np.testing.assert_array_equal(c[k], trace.c)
        np.testing.assert_array_equal(y[k], trace.y)
        grads = lstm_backward(params, trace, dy[k])
        for total, name in zip(sums, ("W", "R", "b", "p"), strict=True):
            total += getattr(grads, name)
    for got, want in zip((dW, dR, db, dp), sums, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)


def test_batch_entry_points_refuse_another_blocks_pass():
    params, *_ = random_case(3, 4, 9)
    x = np.zeros((2, 9, 3))
    act, c, y = lstm.lstm_batch_forward(params, x)
    other = init_lstm(3, 5, seed=2)
    with pytest.raises(ValueError, match="act must have shape"):
        lstm.lstm_batch_backward(other, x, act, c, y, np.zeros((2, 9, 5)))
    with pytest.raises(ValueError, match="dy must have shape"):
        lstm.lstm_batch_backward(params, x, act, c, y, np.zeros((2, 9, 3)))
    with pytest.raises(ValueError, match="pin"):
        lstm.lstm_batch_backward(params, x, act, c, y, np.zeros((2, 9, 4)), pin=np.zeros(4))
    with pytest.raises(ValueError, match="x must have shape"):
        lstm.lstm_batch_forward(params, x[0])


def test_warm_up_compiles_every_signature_the_public_functions_use():
    """After warm_up, a forward and backward pass of another size compile nothing new (the page's
    first drawing would otherwise wait seconds for numba)."""
    lstm.warm_up()
    kernels = (lstm._forward_kernel, lstm._backward_kernel)
    compiled = [len(k.signatures) for k in kernels]
    assert all(compiled)
    params, x, y0, c0, dy = random_case(3, 5, 11)
    lstm_backward(params, lstm_forward(params, x, y0, c0, pin={"i": 1.0}), dy)
    lstm_forward(params, x)
    assert [len(k.signatures) for k in kernels] == compiled
