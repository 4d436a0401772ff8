"""Bounded caches around the LSTM engine for the forward-propagation page.

A run is keyed by every control that changes the numbers (never by the time step t, so scrubbing
through time reuses the cached run and its DataFrames).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from engine import lstm, lstm_inputs

SOURCES = lstm_inputs.SOURCES  # the generated inputs, then "typed"
PINS = {"free": None, "ones": 1.0, "zeros": 0.0}
PIN_LABELS = {"free": "computed", "ones": "all 1", "zeros": "all 0"}
DEFAULT_TYPED = "0.5, -1, 2, 0, 0, 1, 0, 0"
TYPED_OK_KEY = "_lstm_typed_last_good"
GATES = ("z", "i", "f", "o")
MAX_CELLS_PER_GATE = 6000


@dataclass(frozen=True)
class LSTMRun:
    """One forward pass and the weights that made it."""

    params: lstm.LSTMParams
    trace: lstm.LSTMTrace


@dataclass(frozen=True)
class LSTMFrames:
    """The whole-sequence DataFrames of a run; heatmap columns hold ``bin_steps`` steps each."""

    inputs: pd.DataFrame
    gates: pd.DataFrame
    states: pd.DataFrame
    bin_steps: int


@st.cache_data(max_entries=64, show_spinner=False)
def lstm_run(source: str, seq_len: int, n_input: int, n_hidden: int, seed: int, peepholes: bool,
             forget_bias: float, pin: str, typed: str = "") -> LSTMRun:
    """Input from ``source`` (or the ``typed`` numbers), a block from ``seed``, one forward pass."""
    x = lstm_inputs.make_input(source, seq_len, n_input, seed, typed)  # (T, M)
    params = lstm.init_lstm(n_input, n_hidden, seed, peepholes=peepholes, forget_bias=forget_bias)
    return LSTMRun(params, lstm.lstm_forward(params, x, pin=PINS[pin]))


@st.cache_data(max_entries=32, show_spinner=False)
def lstm_frames(source: str, seq_len: int, n_input: int, n_hidden: int, seed: int, peepholes: bool,
                forget_bias: float, pin: str, typed: str = "") -> LSTMFrames:
    """The charts' DataFrames for the run with the same arguments."""
    trace = lstm_run(source, seq_len, n_input, n_hidden, seed, peepholes, forget_bias, pin, typed).trace
    bin_steps = time_bin(trace.seq_len, n_hidden)
    return LSTMFrames(input_frame(trace.x), gate_frame(trace, bin_steps), state_frame(trace), bin_steps)


def typed_sequence(text: str) -> tuple[str, str | None]:
    """The typed numbers to use and the parse error, if any.

    Text that parses is remembered for this session; text that doesn't gives back the last text
    that did (or the default), so a typo never blanks the page.
    """
    try:
        lstm_inputs.parse_sequence(text)
    except ValueError as error:
        return st.session_state.get(TYPED_OK_KEY, DEFAULT_TYPED), str(error)
    st.session_state[TYPED_OK_KEY] = text
    return text, None


# ---------------------------------------------------------------------------------------------
# Long frames for the charts (plain functions of a trace)


def input_frame(x: np.ndarray) -> pd.DataFrame:
    """x (T, M) → columns t (1-based), input ("x[1]" …), value."""
    T, M = x.shape
    return pd.DataFrame({
        "t": np.repeat(np.arange(1, T + 1), M),
        "input": np.tile([f"x[{k + 1}]" for k in range(M)], T),
        "value": x.ravel(),  # (T, M) -> (T·M,), time-major
    })


def _long(arrays: dict[str, np.ndarray], name: str) -> pd.DataFrame:
    T, H = next(iter(arrays.values())).shape
    frames = [
        pd.DataFrame({
            "t": np.repeat(np.arange(1, T + 1), H),
            "unit": np.tile(np.arange(1, H + 1), T),
            name: key,
            "value": a.ravel(),  # (T, H) -> (T·H,), time-major
        })
        for key, a in arrays.items()
    ]
    return pd.concat(frames, ignore_index=True)


def time_bin(seq_len: int, n_hidden: int, max_cells: int = MAX_CELLS_PER_GATE) -> int:
    """Steps per heatmap column so that one gate's heatmap has at most ``max_cells`` cells."""
    return max(1, math.ceil(seq_len * n_hidden / max_cells))


def gate_frame(trace, bin_steps: int = 1) -> pd.DataFrame:
    """z, i, f, o (T, H each) → columns t, unit, gate, value; with ``bin_steps`` > 1, t is the
    first step of a bin and value the mean over the bin."""
    gates = {g: getattr(trace, g) for g in GATES}
    if bin_steps > 1:
        T = trace.seq_len
        starts = np.arange(0, T, bin_steps)
        gates = {g: np.add.reduceat(a, starts, axis=0) / np.diff(np.append(starts, T))[:, None]
                 for g, a in gates.items()}  # (T, H) -> (ceil(T / bin), H)
        df = _long(gates, "gate")
        df["t"] = (df["t"] - 1) * bin_steps + 1
        return df
    return _long(gates, "gate")


def state_frame(trace) -> pd.DataFrame:
    """c and y (T, H) → columns t, unit, quantity ("cell c" / "output y"), value."""
    return _long({"cell c": trace.c, "output y": trace.y}, "quantity")


def step_table(trace, t: int) -> pd.DataFrame:
    """One row per unit with z, i, f, o, c, y at step ``t`` (1-based)."""
    k = t - 1
    return pd.DataFrame({
        "unit": np.arange(1, trace.y.shape[1] + 1),
        "z": trace.z[k], "i": trace.i[k], "f": trace.f[k], "o": trace.o[k],
        "c": trace.c[k], "y": trace.y[k],
    })
