"""Bounded caches around the LSTM engine for the forward-propagation page.

A run is keyed by every control that changes the numbers (never by the time step t, so scrubbing
through time reuses the cached run and its DataFrames).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from engine import lstm, lstm_inputs
from ui.charts import lstm as charts

PINS = {"free": None, "ones": 1.0, "zeros": 0.0}
PIN_LABELS = {"free": "computed", "ones": "all 1", "zeros": "all 0"}
DEFAULT_TYPED = "0.5, -1, 2, 0, 0, 1, 0, 0"
TYPED_OK_KEY = "_lstm_typed_last_good"


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
    bin_steps = charts.time_bin(trace.seq_len, n_hidden)
    return LSTMFrames(charts.input_frame(trace.x), charts.gate_frame(trace, bin_steps),
                      charts.state_frame(trace), bin_steps)


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
