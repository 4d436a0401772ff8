"""engine/sequences.py refuses bad counts, streams, records and texts; good input still works."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import sequences as seq
from engine.rnn import init_rnn
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, bad_reals, bad_streams, junk, spoiled

SETTINGS = settings(max_examples=40, deadline=None)
NET = init_rnn(2, 3, 2, seed=0)


@SETTINGS
@given(n=bad_counts(1, seq.MAX_STEPS), stream=bad_streams(), corr=st.one_of(bad_reals(), st.floats(max_value=0.0)))
def test_bad_ar1(n, stream, corr):
    assert_refused(lambda: seq.ar1(n, 0, 1, 5.0), "n")
    assert_refused(lambda: seq.ar1(10, 0, stream, 5.0), "stream")
    assert_refused(lambda: seq.ar1(10, 0, 1, corr), "correlation_steps")
    assert_refused(lambda: seq.weather_record(n, 0), "n_steps")


@SETTINGS
@given(count=bad_counts(1, seq.MAX_STEPS), hours=st.one_of(bad_reals(), st.floats(max_value=-0.001)))
def test_bad_window_settings(count, hours):
    assert_refused(lambda: seq.window_count(100, count), "seq_len")
    assert_refused(lambda: seq.window_count(100, 5, count), "stride")
    assert_refused(lambda: seq.make_windows(np.zeros((10, 2)), count), "seq_len")
    assert_refused(lambda: seq.steps_for_hours(hours), "hours")


def test_a_window_tensor_past_the_work_budget_is_refused_not_allocated():
    values = np.zeros((seq.MAX_STEPS, 4))
    error = assert_refused(lambda: seq.make_windows(values, 10_000), "seq_len")
    assert "work budget" in str(error)


@SETTINGS
@given(kind=st.sampled_from(SPOILS))
def test_bad_records_and_sequences(kind):
    assert_refused(lambda: seq.make_windows(spoiled(np.zeros((10, 2)), kind), 3), "values")
    assert_refused(lambda: seq.standardize(spoiled(np.ones((4, 2)), kind) if kind != "flat" else np.zeros((0, 2))),
                   "values")
    x = np.ones((5, 2))
    if kind != "flat":
        assert_refused(lambda: seq.shuffle_steps(spoiled(x, kind), 0), "x")
    assert_refused(lambda: seq.order_test(NET, spoiled(x, kind), 0), "x")


def test_empty_sequences_are_refused():
    assert_refused(lambda: seq.order_blind_output(NET, np.zeros((0, 2))), "x")
    assert_refused(lambda: seq.shuffle_steps(np.zeros((0, 2)), 0), "x")
    assert_refused(lambda: seq.order_test("net", np.zeros((3, 2)), 0), "params")


@SETTINGS
@given(text=st.one_of(junk().filter(lambda v: not isinstance(v, str)), st.text(max_size=1)),
       n=bad_counts(1, seq.MAX_CHAR_STEPS))
def test_bad_char_tasks(text, n):
    assert_refused(lambda: seq.char_task(5, text), "text")
    assert_refused(lambda: seq.char_task(n), "seq_len")


@SETTINGS
@given(n=st.integers(2, 200), seed=st.integers(0, 2**31 - 1), stream=st.integers(0, 2**63 - 1),
       L=st.integers(1, 20), s=st.integers(1, 5))
def test_good_input_still_works(n, seed, stream, L, s):
    assert seq.ar1(n, seed, stream, 3.0).shape == (n,)
    record = seq.weather_record(n, seed)[list(seq.FEATURES)].to_numpy()
    count = seq.window_count(n, L, s)
    if count:
        assert seq.make_windows(record, L, s).shape == (count, L, 4)
    assert np.all(np.isfinite(seq.standardize(record)))
