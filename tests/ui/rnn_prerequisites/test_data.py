"""ui/rnn_prerequisites/data.py: the record's windows and the order demo the page draws."""

from __future__ import annotations

import numpy as np
import pytest

from ui.rnn_prerequisites import data as cached


@pytest.mark.parametrize(("seq_len", "stride"), [(576, 6), (1, 144), (864, 1), (24, 7)])
def test_every_window_lies_in_the_record_and_one_more_would_not(seq_len, stride):
    n, count = cached.record_steps(), cached.window_count(seq_len, stride)
    last = cached.window_start(count, stride)
    assert last + seq_len <= n < cached.window_start(count + 1, stride) + seq_len
    first, end = cached.window_hours(last, seq_len)
    assert end - first == pytest.approx(seq_len / 6) and end <= cached.RECORD_HOURS


def test_the_article_window_gives_145_samples():
    assert cached.record_steps() == 1440 and cached.window_count(576, 6) == 145
    assert cached.window_start(100, 6) == 594  # sample 100 covers steps 595–1170


def test_order_demo_shuffles_the_same_readings():
    demo = cached.order_demo(cached.window_start(3, 6), 24, 42)
    kept = demo.frame[demo.frame["order"] == "in time order"]["value"].to_numpy()
    shuffled = demo.frame[demo.frame["order"] == "shuffled"]["value"].to_numpy()
    np.testing.assert_array_equal(np.sort(kept), np.sort(shuffled))
    assert not np.array_equal(kept, shuffled) and not demo.in_order and demo.n_steps == 24
    record = cached.weather(42)
    temperature = record["temperature"].to_numpy()
    standardised = (temperature - temperature.mean()) / temperature.std()
    np.testing.assert_allclose(kept, standardised[12:36], atol=1e-12)  # the window of sample 3, steps 13–36
    assert demo.blind_original == pytest.approx(demo.blind_shuffled, abs=1e-12)
    assert demo.rnn_original != demo.rnn_shuffled
