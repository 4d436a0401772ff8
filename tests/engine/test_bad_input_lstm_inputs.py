"""engine/lstm_inputs.py refuses bad texts, sources, lengths and signals; good input still works."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import lstm_inputs as li
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, junk, junk_except, spoiled

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(text=junk().filter(lambda v: not isinstance(v, str)))
def test_text_that_is_not_text(text):
    assert_refused(lambda: li.parse_sequence(text), "text")
    assert_refused(lambda: li.make_input("typed", 5, 2, typed=text), "typed")


@SETTINGS
@given(text=st.text(max_size=30))
def test_any_text_parses_or_says_what_is_wrong(text):
    try:
        values = li.parse_sequence(text)
    except ValueError as error:
        assert any(word in str(error) for word in ("number", "item", "at most"))
        return
    assert values.ndim == 1 and values.size >= 1 and np.all(np.isfinite(values))


@SETTINGS
@given(source=junk_except(li.SOURCES), n=bad_counts(1, li.MAX_SEQ_LEN), taps=bad_counts(1, li.MAX_TAPS),
       seed=bad_counts(0, 2**31 - 1))
def test_bad_sources_lengths_taps_and_seeds(source, n, taps, seed):
    assert_refused(lambda: li.base_signal(source, 5), "source")
    assert_refused(lambda: li.make_input(source, 5, 2), "source")
    assert_refused(lambda: li.base_signal("sine", n), "seq_len")
    assert_refused(lambda: li.delay_lines([1.0, 2.0], taps), "n_input")
    assert_refused(lambda: li.base_signal("noise", 5, seed), "seed")


@SETTINGS
@given(kind=st.sampled_from(SPOILS[:6]))
def test_bad_signals(kind):
    assert_refused(lambda: li.delay_lines(spoiled(np.ones(4), kind), 2), "signal")
    assert_refused(lambda: li.delay_lines([], 2), "signal")


@SETTINGS
@given(source=st.sampled_from(li.SOURCES[:-1]), n=st.integers(1, 60), taps=st.integers(1, 6))
def test_good_input_still_works(source, n, taps):
    x = li.make_input(source, n, taps, seed=3)
    assert x.shape == (n, taps) and np.all(np.isfinite(x))
