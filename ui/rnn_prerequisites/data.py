"""The sequences page's bounded caches: the seeded weather record and the in-order / shuffled demo,
and the record's windows (how many, where one starts and ends)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from engine import rnn, sequences

RECORD_HOURS = 240  # ten days of weather: 1,440 steps
ORDER_HIDDEN = 16
UNITS = sequences.UNITS
FEATURES = sequences.FEATURES  # the record's columns after ``hour``, in the panels' order


@st.cache_data(max_entries=16, show_spinner=False)
def weather(seed: int) -> pd.DataFrame:
    """The seeded weather record (wide: ``hour`` and one column per feature)."""
    return sequences.weather_record(record_steps(), seed)


def record_steps() -> int:
    """Length N of the weather record in steps."""
    return sequences.steps_for_hours(RECORD_HOURS)


def window_count(seq_len: int, stride: int) -> int:
    """How many windows of ``seq_len`` steps, one every ``stride`` steps, the record holds."""
    return sequences.window_count(record_steps(), seq_len, stride)


def window_start(window: int, stride: int) -> int:
    """The first step (0-based) of window number ``window`` (1-based)."""
    return (window - 1) * stride


def window_hours(start: int, seq_len: int) -> tuple[float, float]:
    """The hours at which the window of ``seq_len`` steps from step ``start`` begins and ends."""
    first = start / sequences.STEPS_PER_HOUR
    return first, first + seq_len / sequences.STEPS_PER_HOUR


def weather_long(record: pd.DataFrame) -> pd.DataFrame:
    """(``hour``, ``feature``, ``value``) rows for the small-multiple chart."""
    return record.melt(id_vars="hour", var_name="feature", value_name="value")


@dataclass(frozen=True)
class OrderDemo:
    frame: pd.DataFrame  # t, value, order: the temperature in both orders
    rnn_original: float
    rnn_shuffled: float
    blind_original: float
    blind_shuffled: float
    n_steps: int
    in_order: bool  # the shuffle left every step in place (possible for very short windows)


@st.cache_data(max_entries=32, show_spinner=False)
def order_demo(start: int, seq_len: int, seed: int) -> OrderDemo:
    """The window of ``seq_len`` steps from step ``start`` (standardised over the record), fed in order
    and shuffled to both models."""
    record = weather(seed)
    values = sequences.standardize(record[list(sequences.FEATURES)].to_numpy())
    x = values[start:start + seq_len]  # (L, F)
    params = rnn.init_rnn(len(sequences.FEATURES), ORDER_HIDDEN, 1, seed, recurrent_scale=0.9)
    res = sequences.order_test(params, x, seed)
    t = np.arange(1, len(x) + 1)
    frame = pd.concat([pd.DataFrame({"t": t, "value": x[:, 0], "order": "in time order"}),
                       pd.DataFrame({"t": t, "value": x[res.permutation, 0], "order": "shuffled"})])
    return OrderDemo(frame, float(res.rnn_original[0]), float(res.rnn_shuffled[0]),
                     float(res.blind_original[0]), float(res.blind_shuffled[0]), len(x),
                     bool(len(x) > 1 and np.array_equal(res.permutation, np.arange(len(x)))))
