"""Error sizes through time: the RNN recursion against the RNN engine's Jacobians, the highway."""

from __future__ import annotations

import numpy as np
import pytest

from engine import gradflow, lstm, rng, rnn


def test_rnn_error_is_bounded_by_the_jacobian_norm_and_equal_for_one_unit():
    for hidden in (1, 6):
        flow = gradflow.gradient_flow(40, n_hidden=hidden, recurrent_scale=1.3, seed=2)
        x = rng.normals(2, 40 * gradflow.N_INPUT, gradflow._STREAM_X).reshape(40, gradflow.N_INPUT)
        net = rnn.init_rnn(gradflow.N_INPUT, hidden, 1, 2, recurrent_scale=1.3)
        jac = rnn.jacobian_norms(net, rnn.rnn_forward(net, x))
        spectral = jac.norm[::-1][1:]  # ‖∂h_T/∂h_t‖ for t = 1 … T
        assert np.all(flow.rnn_hidden <= spectral * (1 + 1e-10))
        if hidden == 1:
            np.testing.assert_allclose(flow.rnn_hidden, spectral, rtol=1e-10)


def test_last_step_holds_the_unit_error():
    flow = gradflow.gradient_flow(30)
    assert flow.rnn_hidden[-1] == pytest.approx(1.0)
    assert flow.lstm_output[-1] == pytest.approx(1.0)
    assert flow.highway[-1] == flow.lstm_cell[-1]  # both start from δc_T
    assert flow.t[0] == 1 and flow.t[-1] == 30


def test_open_forget_gates_keep_the_highway_open():
    shut = gradflow.gradient_flow(200, forget_bias=-2.0)
    open_ = gradflow.gradient_flow(200, forget_bias=8.0)
    assert open_.mean_forget > 0.99 > shut.mean_forget
    assert open_.highway[0] > 0.5 * open_.highway[-1] > 1e6 * shut.highway[0]
    assert open_.lstm_cell[0] > 1e6 * shut.lstm_cell[0]
    assert np.all(np.diff(open_.highway) >= 0)  # δc_T times a product of numbers in (0, 1)


def test_the_highway_is_delta_c_times_the_product_of_forget_gates():
    T, H = 40, 4
    flow = gradflow.gradient_flow(T, n_hidden=H, forget_bias=0.5, seed=5)
    x = rng.normals(5, T * gradflow.N_INPUT, gradflow._STREAM_X).reshape(T, gradflow.N_INPUT)
    block = lstm.init_lstm(gradflow.N_INPUT, H, 5, peepholes=False, forget_bias=0.5)
    trace = lstm.lstm_forward(block, x)
    dy = np.zeros((T, H))
    dy[-1] = 1.0 / np.sqrt(H)
    dc_last = lstm.lstm_backward(block, trace, dy).delta_c[-1]
    want = [np.linalg.norm(dc_last * np.prod(trace.f[t + 1:], axis=0)) for t in range(T)]
    np.testing.assert_allclose(flow.highway, want, rtol=1e-10)


@pytest.mark.parametrize(("forget_bias", "scale", "orders"), [(-2.0, 1.0, (20, 30)), (4.0, 0.1, (-0.3, 0.3))])
def test_the_highway_is_far_from_the_cell_error_unless_gates_saturate_and_r_is_small(forget_bias, scale, orders):
    """At forget bias −2 the true cell error is orders of magnitude above the highway's product (the
    other paths of ∂c_t/∂c_{t−1} carry it); with open, saturated forget gates and small R they agree."""
    flow = gradflow.gradient_flow(100, forget_bias=forget_bias, recurrent_scale=scale, seed=42)
    apart = np.log10(flow.lstm_cell[0] / flow.highway[0])
    assert orders[0] < apart < orders[1]


def test_small_recurrent_weights_make_the_rnn_error_vanish():
    flow = gradflow.gradient_flow(100, recurrent_scale=0.5)
    assert flow.rnn_hidden[0] < 1e-25
    assert flow.rnn_w_norm == pytest.approx(0.5)


def test_deterministic_and_bad_arguments():
    a, b = gradflow.gradient_flow(50, seed=4), gradflow.gradient_flow(50, seed=4)
    np.testing.assert_array_equal(a.lstm_cell, b.lstm_cell)
    np.testing.assert_array_equal(a.rnn_hidden, b.rnn_hidden)
    for kwargs, match in (({"seq_len": 0}, "seq_len"), ({"seq_len": 10, "recurrent_scale": np.nan}, "recurrent_scale"),
                          ({"seq_len": 10, "n_hidden": 0}, "n_hidden"), ({"seq_len": "abc"}, "seq_len"),
                          ({"seq_len": 10.0}, "seq_len"), ({"seq_len": 10, "seed": -1}, "seed")):
        with pytest.raises((ValueError, TypeError), match=match):
            gradflow.gradient_flow(**kwargs)


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.5])
def test_rnn_error_is_the_chain_rule_one_step_at_a_time(scale):
    """δh_T = e, δh_{t−1} = Wᵀ((1 − h_t²) ⊙ δh_t) written out in numpy, against the engine's backward pass."""
    T, H = 60, 5
    flow = gradflow.gradient_flow(T, n_hidden=H, recurrent_scale=scale, seed=3)
    x = rng.normals(3, T * gradflow.N_INPUT, gradflow._STREAM_X).reshape(T, gradflow.N_INPUT)
    net = rnn.init_rnn(gradflow.N_INPUT, H, 1, 3, recurrent_scale=scale)
    h = rnn.rnn_forward(net, x).h
    delta, want = np.full(H, 1.0 / np.sqrt(H)), np.empty(T)
    for t in range(T - 1, -1, -1):
        want[t] = np.linalg.norm(delta)
        delta = net.W.T @ ((1.0 - h[t] ** 2) * delta)
    np.testing.assert_allclose(flow.rnn_hidden, want, rtol=1e-12)


def test_an_overflowed_error_has_size_inf():
    rows = np.array([[np.inf, 1.0], [np.nan, 0.0], [3.0, 4.0], [1e200, 1e200]])
    np.testing.assert_array_equal(gradflow._row_norms(rows), [np.inf, np.inf, 5.0, np.inf])
