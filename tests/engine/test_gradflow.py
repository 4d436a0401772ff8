"""Error sizes through time: the RNN recursion against the RNN engine's Jacobians, the highway."""

from __future__ import annotations

import numpy as np
import pytest

from engine import gradflow, rng, rnn


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
    assert flow.forget_product[-1] == 1.0
    assert flow.t[0] == 1 and flow.t[-1] == 30


def test_open_forget_gates_keep_the_highway_open():
    shut = gradflow.gradient_flow(200, forget_bias=-2.0)
    open_ = gradflow.gradient_flow(200, forget_bias=8.0)
    assert open_.mean_forget > 0.99 > shut.mean_forget
    assert open_.forget_product[0] > 0.5 > 1e6 * shut.forget_product[0]
    assert open_.lstm_cell[0] > 1e6 * shut.lstm_cell[0]
    assert np.all(np.diff(open_.forget_product) >= 0)  # a product of numbers in (0, 1)


def test_small_recurrent_weights_make_the_rnn_error_vanish():
    flow = gradflow.gradient_flow(100, recurrent_scale=0.5)
    assert flow.rnn_hidden[0] < 1e-25
    assert flow.rnn_w_norm == pytest.approx(0.5)


def test_deterministic_and_bad_arguments():
    a, b = gradflow.gradient_flow(50, seed=4), gradflow.gradient_flow(50, seed=4)
    np.testing.assert_array_equal(a.lstm_cell, b.lstm_cell)
    for kwargs in ({"seq_len": 0}, {"seq_len": 10, "recurrent_scale": float("nan")},
                   {"seq_len": 10, "n_hidden": 0}, {"seq_len": "abc"}):
        with pytest.raises(ValueError):
            gradflow.gradient_flow(**kwargs)
