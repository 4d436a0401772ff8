"""engine/gradflow.py refuses bad lengths, sizes, biases, scales and seeds with a clear error; good input still
works."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import gradflow
from tests.engine.helpers import assert_refused, bad_counts, bad_reals

SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(seq_len=bad_counts(1, gradflow.MAX_SEQ_LEN), n_hidden=bad_counts(1, gradflow.MAX_HIDDEN),
       seed=bad_counts(0, 2**31 - 1))
def test_bad_counts(seq_len, n_hidden, seed):
    assert_refused(lambda: gradflow.gradient_flow(seq_len), "seq_len")
    assert_refused(lambda: gradflow.gradient_flow(5, n_hidden=n_hidden), "n_hidden")
    assert_refused(lambda: gradflow.gradient_flow(5, seed=seed), "seed")


@SETTINGS
@given(bias=bad_reals(), scale=st.one_of(bad_reals(), st.floats(max_value=-1e-12),
                                         st.floats(min_value=gradflow.MAX_RECURRENT_SCALE * (1 + 1e-12))))
def test_bad_biases_and_scales(bias, scale):
    assert_refused(lambda: gradflow.gradient_flow(5, forget_bias=bias), "forget_bias")
    assert_refused(lambda: gradflow.gradient_flow(5, recurrent_scale=scale), "recurrent_scale")


@settings(max_examples=40, deadline=None)
@given(seq_len=st.integers(1, 40), n_hidden=st.integers(1, 6), bias=st.floats(-5, 5), scale=st.floats(0, 4),
       seed=st.integers(0, 2**31 - 1))
def test_good_input_still_works(seq_len, n_hidden, bias, scale, seed):
    flow = gradflow.gradient_flow(seq_len, n_hidden=n_hidden, forget_bias=bias, recurrent_scale=scale, seed=seed)
    assert flow.t.tolist() == list(range(1, seq_len + 1))
    np.testing.assert_allclose([flow.rnn_hidden[-1], flow.lstm_output[-1]], 1.0, rtol=1e-12)  # the unit error
    assert not np.isnan(flow.rnn_hidden).any() and np.all(flow.highway <= flow.lstm_cell[-1] * (1 + 1e-12))
