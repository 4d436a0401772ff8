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


# ---------------------------------------------------------------------------------------------- tensors
CHANNELS = ("red", "green", "blue")


def toy_picture(height: int = 6, width: int = 8) -> np.ndarray:
    """A (3, H, W) toy picture of 0–255 ints: blue sky over green ground, a yellow sun top right."""
    picture = np.empty((3, height, width), dtype=np.int64)
    rows = np.arange(height)[:, None]
    ground = rows >= height - 2
    picture[0] = np.where(ground, 40, 110)
    picture[1] = np.where(ground, 150, 170)
    picture[2] = np.where(ground, 50, 230)
    picture[0, 0:2, width - 2:] = 250
    picture[1, 0:2, width - 2:] = 210
    picture[2, 0:2, width - 2:] = 40
    return picture


def picture_long(picture: np.ndarray) -> pd.DataFrame:
    """(``channel``, ``row``, ``column``, ``value``) rows of a (3, H, W) picture, rows and columns 1-based."""
    c, h, w = picture.shape
    ch, r, col = np.meshgrid(np.arange(c), np.arange(h), np.arange(w), indexing="ij")
    return pd.DataFrame({"channel": np.array(CHANNELS)[ch.ravel()], "row": r.ravel() + 1,
                         "column": col.ravel() + 1, "value": picture.ravel()})


def picture_pixels(picture: np.ndarray) -> pd.DataFrame:
    """(``row``, ``column``, ``colour``) rows: each pixel's #rrggbb from its three channels."""
    _, h, w = picture.shape
    r, col = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    colour = [f"#{picture[0, i, j]:02x}{picture[1, i, j]:02x}{picture[2, i, j]:02x}"
              for i, j in zip(r.ravel(), col.ravel(), strict=True)]
    return pd.DataFrame({"row": r.ravel() + 1, "column": col.ravel() + 1, "colour": colour})


# ---------------------------------------------------------------------------------------------- dense layer
DENSE_OUTPUTS = 2
WORD_VECTORS = {"dog": (1.0, 0.0), "cat": (0.0, 1.0)}  # the article's (dog, cat) one-hot


@st.cache_data(max_entries=32, show_spinner=False)
def dense_demo(words: tuple[str, ...], permutation: tuple[int, ...], seed: int) -> sequences.DenseSymmetry:
    """The article's words as one-hot steps through a seeded dense layer, reordered by ``permutation``."""
    x = np.array([WORD_VECTORS[w] for w in words])
    W, b = sequences.init_dense(DENSE_OUTPUTS, x.size, seed)
    return sequences.dense_symmetry(W, b, x, list(permutation))


def ctc(frames: str) -> sequences.CTCCollapse:
    """The CTC collapse of a frame-level string (cheap: no cache)."""
    return sequences.ctc_collapse(frames)
