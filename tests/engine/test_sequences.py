"""engine/sequences.py: the weather record, windows, the order test and the character task."""

from __future__ import annotations

import numpy as np
import pytest

from engine import sequences as seq
from engine.rnn import init_rnn


def test_ninety_six_hours_are_576_steps():
    assert seq.steps_for_hours(96) == 576
    assert seq.steps_for_hours(1) == seq.STEPS_PER_HOUR == 6


def test_weather_record_is_seeded_and_plausible():
    a = seq.weather_record(2000, seed=3)
    b = seq.weather_record(2000, seed=3)
    c = seq.weather_record(2000, seed=4)
    assert list(a.columns) == ["hour", *seq.FEATURES]
    assert a.equals(b) and not a.equals(c)
    np.testing.assert_allclose(np.diff(a["hour"]), 1 / 6)
    assert a["wind"].min() >= 0 and a["humidity"].between(15, 100).all()
    assert 980 < a["pressure"].mean() < 1045 and -20 < a["temperature"].mean() < 40


def test_weather_has_a_daily_cycle():
    df = seq.weather_record(6 * 24 * 60, seed=0)
    by_hour = df.groupby(df["hour"].astype(int) % 24)["temperature"].mean()
    assert by_hour.idxmax() in range(12, 18) and by_hour.idxmin() in range(0, 7)


def test_ar1_has_unit_variance_and_its_correlation():
    u = seq.ar1(200_000, seed=1, stream=5, correlation_steps=10.0)
    assert u.var() == pytest.approx(1.0, abs=0.08)
    lag1 = np.corrcoef(u[:-1], u[1:])[0, 1]
    assert lag1 == pytest.approx(np.exp(-0.1), abs=0.01)


@pytest.mark.parametrize(("n", "L", "s", "want"), [(576, 576, 1, 1), (1000, 576, 1, 425), (1000, 100, 6, 151),
                                                   (10, 11, 1, 0)])
def test_window_count(n, L, s, want):
    assert seq.window_count(n, L, s) == want


def test_windows_hold_consecutive_steps():
    values = np.arange(40.0).reshape(20, 2)  # step n has (2n, 2n+1)
    w = seq.make_windows(values, 5, stride=3)
    assert w.shape == (seq.window_count(20, 5, 3), 5, 2) == (6, 5, 2)
    np.testing.assert_array_equal(w[2], values[6:11])
    assert w.flags.c_contiguous


def test_order_blind_model_ignores_order_and_rnn_does_not():
    params = init_rnn(4, 8, 2, seed=0)
    x = seq.standardize(seq.weather_record(300, 1)[list(seq.FEATURES)].to_numpy())[:24] + 0.5
    res = seq.order_test(params, x, seed=2)
    assert sorted(res.permutation.tolist()) == list(range(24))
    np.testing.assert_array_equal(res.blind_original, res.blind_shuffled)
    assert np.max(np.abs(res.rnn_original - res.rnn_shuffled)) > 1e-3


def test_char_task_targets_are_next_characters():
    task = seq.char_task(70)
    assert task.x.shape == (70, len(task.vocab)) and len(task.chars) == 71
    assert "".join(task.vocab[i] for i in task.targets) == task.chars[1:]
    assert "".join(task.vocab[i] for i in task.x.argmax(axis=1)) == task.chars[:-1]


@pytest.mark.parametrize(
    "call",
    [
        lambda: seq.weather_record(0, 1),
        lambda: seq.weather_record(10.5, 1),
        lambda: seq.weather_record(10, -1),
        lambda: seq.make_windows(np.zeros((5, 2)), 6),
        lambda: seq.make_windows(np.zeros(5), 2),
        lambda: seq.window_count(10, 0),
        lambda: seq.char_task(0),
        lambda: seq.char_task(5, text="a"),
        lambda: seq.ar1(10, 0, 0, -1.0),
    ],
)
def test_bad_arguments_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_warm_up_compiles_what_the_weather_record_uses():
    """After warm_up, a weather record of another length and seed compiles nothing new."""
    seq.warm_up()
    compiled = len(seq._ar1_kernel.signatures)
    assert compiled >= 1
    seq.weather_record(50, 9)
    assert len(seq._ar1_kernel.signatures) == compiled
