"""engine/xor.py refuses bad sizes, rates, gates, parameters and points; good input still works."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import xor
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, bad_reals, junk_except, spoiled

SETTINGS = settings(max_examples=40, deadline=None)
NET = xor.init_mlp(3, 0)


@SETTINGS
@given(h=bad_counts(1, xor.MAX_HIDDEN), epochs=bad_counts(1, xor.MAX_EPOCHS), seed=bad_counts(0, 2**31 - 1),
       eta=st.one_of(bad_reals(), st.floats(max_value=0.0), st.floats(min_value=100.001)), gate=junk_except(xor.GATES))
def test_bad_training_settings(h, epochs, seed, eta, gate):
    assert_refused(lambda: xor.train_mlp(n_hidden=h), "n_hidden")
    assert_refused(lambda: xor.train_mlp(n_epochs=epochs), "n_epochs")
    assert_refused(lambda: xor.train_perceptron(n_epochs=epochs), "n_epochs")
    assert_refused(lambda: xor.train_perceptron(seed=seed), "seed")
    assert_refused(lambda: xor.init_mlp(3, seed), "seed")
    assert_refused(lambda: xor.train_mlp(eta=eta), "eta")
    assert_refused(lambda: xor.train_perceptron(gate=gate), "gate")


@SETTINGS
@given(name=st.sampled_from(["W1", "b1", "w2"]), kind=st.sampled_from(SPOILS))
def test_bad_parameter_arrays(name, kind):
    arrays = {"W1": NET.W1, "b1": NET.b1, "w2": NET.w2, "b2": 0.0}
    arrays[name] = spoiled(arrays[name], kind)
    assert_refused(lambda: xor.MLPParams(**arrays), name)


@SETTINGS
@given(b2=bad_reals())
def test_bad_output_bias(b2):
    assert_refused(lambda: xor.MLPParams(NET.W1, NET.b1, NET.w2, b2), "b2")


def test_parameters_own_read_only_copies_and_the_data_is_read_only():
    W1 = NET.W1.copy()
    params = xor.MLPParams(W1, NET.b1, NET.w2, 0.0)
    W1[:] = np.nan
    assert np.all(np.isfinite(xor.mlp_predict(params, xor.X_XOR)))
    for array in (params.W1, xor.X_XOR, xor.T_XOR, xor.GATES["and"]):
        with pytest.raises(ValueError):
            array[0] = np.nan


@SETTINGS
@given(kind=st.sampled_from(SPOILS))
def test_bad_points_and_batches(kind):
    points = np.zeros((5, 2))
    assert_refused(lambda: xor.mlp_predict(NET, spoiled(points, kind)), "points")
    result = xor.train_perceptron(n_epochs=2)
    assert_refused(lambda: xor.perceptron_predict(result, spoiled(points, kind)), "points")
    assert_refused(lambda: xor.mlp_loss_and_grads(NET, spoiled(xor.X_XOR, kind)), "X")
    assert_refused(lambda: xor.mlp_loss_and_grads(NET, xor.X_XOR, spoiled(xor.T_XOR, kind)), "t")


def test_empty_batches_and_wrong_kinds():
    assert_refused(lambda: xor.mlp_loss_and_grads(NET, np.zeros((0, 2)), np.zeros(0)), "X")
    assert_refused(lambda: xor.mlp_loss_and_grads(NET, xor.X_XOR, [0, 1, 2, 0]), "t")
    assert_refused(lambda: xor.mlp_predict("net", xor.X_XOR), "params")
    assert_refused(lambda: xor.perceptron_predict(NET, xor.X_XOR), "result")
    assert xor.mlp_predict(NET, np.zeros((0, 2))).shape == (0,)  # no points: no predictions


@SETTINGS
@given(value=bad_reals(), n=bad_counts(2, xor.MAX_GRID))
def test_bad_lines_and_grids(value, n):
    assert_refused(lambda: xor.boundary_segment(value, 1.0, 0.0, 0.0, 1.0), "w1")
    assert_refused(lambda: xor.boundary_segment(1.0, 1.0, 0.0, 1.0, 0.0), "lo")
    assert_refused(lambda: xor.grid_points(n), "n_grid")
    assert_refused(lambda: xor.grid_points(5, value, 1.0), "lo")


@SETTINGS
@given(depth=bad_counts(2, xor.MAX_DEPTH), width=bad_counts(2, xor.MAX_WIDTH),
       gain=st.one_of(bad_reals(), st.floats(max_value=0.0), st.floats(min_value=20.001)))
def test_bad_deep_nets(depth, width, gain):
    assert_refused(lambda: xor.deep_sigmoid_gradients(depth=depth), "depth")
    assert_refused(lambda: xor.deep_sigmoid_gradients(width=width), "width")
    assert_refused(lambda: xor.deep_sigmoid_gradients(gain=gain), "gain")


@SETTINGS
@given(h=st.integers(1, 8), seed=st.integers(0, 2**31 - 1), gate=st.sampled_from(sorted(xor.GATES)))
def test_good_input_still_works(h, seed, gate):
    result = xor.train_mlp(n_hidden=h, n_epochs=20, seed=seed, gate=gate)
    loss, grads = xor.mlp_loss_and_grads(result.params)
    assert np.isfinite(loss) and grads.W1.shape == (h, 2)
    assert xor.mlp_predict(result.params, xor.grid_points(5)[1]).shape == (25,)
