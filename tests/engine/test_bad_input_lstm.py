"""engine/lstm.py refuses mismatched shapes, bad sizes, NaN, complex and aliasing; good input works."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import lstm
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, bad_reals, junk, spoiled

SETTINGS = settings(max_examples=40, deadline=None)
PARAMS = lstm.init_lstm(3, 4, seed=0)
X = np.random.default_rng(0).normal(size=(6, 3))
TRACE = lstm.lstm_forward(PARAMS, X)


@SETTINGS
@given(n=bad_counts(1, lstm.MAX_INPUT), h=bad_counts(1, lstm.MAX_HIDDEN), seed=bad_counts(0, 2**31 - 1),
       bias=bad_reals(), peep=st.one_of(st.integers(), junk()))
def test_bad_sizes_seeds_and_options(n, h, seed, bias, peep):
    assert_refused(lambda: lstm.init_lstm(n, 4, 0), "n_input")
    assert_refused(lambda: lstm.init_lstm(3, h, 0), "n_hidden")
    assert_refused(lambda: lstm.init_lstm(3, 4, seed), "seed")
    assert_refused(lambda: lstm.init_lstm(3, 4, 0, forget_bias=bias), "forget_bias")
    assert_refused(lambda: lstm.init_lstm(3, 4, 0, peepholes=peep), "peepholes")


@SETTINGS
@given(name=st.sampled_from(["W", "R", "b", "p"]), kind=st.sampled_from(SPOILS))
def test_bad_parameter_arrays(name, kind):
    arrays = dict(zip("WRbp", PARAMS.arrays(), strict=True))
    arrays[name] = spoiled(arrays[name], kind)
    assert_refused(lambda: lstm.LSTMParams(**arrays), name)


def test_parameters_own_read_only_copies():
    W, R, b, p = (a.copy() for a in PARAMS.arrays())
    params = lstm.LSTMParams(W, R, b, p)
    W[:] = np.nan  # written after validation: must not reach the kernel
    assert np.all(np.isfinite(lstm.lstm_forward(params, X).y))
    with pytest.raises(ValueError):
        params.R[0, 0, 0] = np.nan


@SETTINGS
@given(kind=st.sampled_from(SPOILS), which=st.sampled_from(["x", "y0", "c0"]))
def test_bad_forward_inputs(kind, which):
    args = {"x": X, "y0": np.zeros(4), "c0": np.zeros(4)}
    args[which] = spoiled(args[which], kind)
    if kind == "none" and which != "x":
        return  # None is the documented default (zeros)
    assert_refused(lambda: lstm.lstm_forward(PARAMS, **args), which)


@SETTINGS
@given(pin=st.one_of(bad_reals(), st.floats(min_value=1.0001, allow_infinity=False), st.floats(max_value=-0.0001),
                     st.dictionaries(st.sampled_from("zq"), st.floats(0, 1), min_size=1)))
def test_bad_pins(pin):
    if pin is None or (isinstance(pin, dict) and pin == {}):
        return  # None: no gate pinned
    with pytest.raises((TypeError, ValueError), match=r"pin|gate"):
        lstm.lstm_forward(PARAMS, X, pin=pin)


def test_empty_and_too_long_sequences_are_refused():
    assert_refused(lambda: lstm.lstm_forward(PARAMS, np.zeros((0, 3))), "sequence length")
    big = lstm.init_lstm(1, lstm.MAX_HIDDEN, seed=0)
    error = assert_refused(lambda: lstm.lstm_forward(big, np.zeros((lstm.MAX_SEQ_LEN, 1))), "seq_len")
    assert "work budget" in str(error)


@SETTINGS
@given(h=st.integers(1, 6), m=st.integers(1, 5))
def test_a_trace_of_another_block_is_refused(h, m):
    other = lstm.init_lstm(m, h, seed=1)
    if (m, h) == (3, 4):
        return
    assert_refused(lambda: lstm.lstm_backward(other, TRACE, np.zeros((6, h))), "trace")


@SETTINGS
@given(field=st.sampled_from(["x", "y0", "c0", "z", "i", "f", "o", "c", "y"]),
       kind=st.sampled_from(["nan", "inf", "complex", "flat", "text"]))
def test_a_spoiled_trace_is_refused(field, kind):
    trace = dataclasses.replace(TRACE, **{field: spoiled(getattr(TRACE, field), kind)})
    assert_refused(lambda: lstm.lstm_backward(PARAMS, trace, np.ones((6, 4))), "trace" if field in "xy" else
                   f"trace.{field}")


@SETTINGS
@given(kind=st.sampled_from(SPOILS), rows=st.integers(1, 9))
def test_bad_dy(kind, rows):
    assert_refused(lambda: lstm.lstm_backward(PARAMS, TRACE, spoiled(np.ones((6, 4)), kind)), "dy")
    if rows != 6:
        assert_refused(lambda: lstm.lstm_backward(PARAMS, TRACE, np.ones((rows, 4))), "dy")


def test_wrong_kinds():
    assert_refused(lambda: lstm.lstm_forward("weights", X), "params")
    assert_refused(lambda: lstm.lstm_backward(PARAMS, "trace", np.ones((6, 4))), "trace")
    assert_refused(lambda: lstm.lstm_batch_forward(PARAMS, X[None] + 1j), "x")
    act, c, y = lstm.lstm_batch_forward(PARAMS, X[None])
    assert_refused(lambda: lstm.lstm_batch_backward(PARAMS, X[None], act[:, :, :5], c, y, y), "act")


@SETTINGS
@given(m=st.integers(1, 4), h=st.integers(1, 5), t=st.integers(1, 12), seed=st.integers(0, 2**31 - 1))
def test_good_input_still_works(m, h, t, seed):
    params = lstm.init_lstm(m, h, seed, peepholes=bool(seed % 2))
    x = np.random.default_rng(seed).normal(size=(t, m))
    trace = lstm.lstm_forward(params, x, pin={"f": 1.0} if seed % 3 == 0 else None)
    grads = lstm.lstm_backward(params, trace, np.ones((t, h)))
    assert all(np.all(np.isfinite(a)) for a in (*grads.arrays(), grads.x, trace.y))
