"""Controls of the LSTM page that need more than one widget: the time-step scrubber and the unit picker.

The scrubber is a URL-bound slider (``?t=``) with Previous/Next buttons bound to the ← and → keys.
The buttons change the slider's value through ``st.session_state`` in their callbacks (before the
rerun draws the slider), never through ``value=``.
"""

from __future__ import annotations

import streamlit as st

from ui import controls


def _clamp(key: str, hi: int) -> None:
    """Keep a bound value inside [1, hi] when hi shrinks (a shorter sequence, fewer units)."""
    value = st.session_state.get(key)
    if isinstance(value, int) and value > hi:
        st.session_state[key] = hi


def _move(key: str, delta: int, hi: int) -> None:
    st.session_state[key] = min(max(int(st.session_state.get(key, 1)) + delta, 1), hi)


def step_scrubber(key: str, n_steps: int) -> int:
    """A time step t in 1 … n_steps: slider plus Previous/Next (← / →); returns t."""
    _clamp(key, n_steps)
    if n_steps == 1:
        st.caption("The sequence has a single step: t = 1.")
        return 1
    back, slider, forward = st.columns([3, 10, 3], vertical_alignment="bottom")
    back.button("Back", key=f"{key}_prev", shortcut="Left",
                on_click=_move, args=(key, -1, n_steps), disabled=st.session_state.get(key) == 1,
                help="One step back (← key)", width="stretch")
    forward.button("Next", key=f"{key}_next", shortcut="Right",
                   on_click=_move, args=(key, 1, n_steps), disabled=st.session_state.get(key) == n_steps,
                   help="One step forward (→ key)", width="stretch")
    return controls.int_slider("Time step t", key, 1, n_steps, 1, where=slider,
                               help="Scrub through time; the diagrams, equations and table show step t.")


def unit_picker(key: str, n_units: int, where=None) -> int:
    """Which unit (1 … n_units) the diagrams and equations follow."""
    _clamp(key, n_units)
    if n_units == 1:
        return 1
    return controls.int_slider("Unit shown in the diagrams and equations", key, 1, n_units, 1, where=where)
