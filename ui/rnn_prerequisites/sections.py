"""Page sections of the RNN-prerequisites page: sequence tensors, the order test, task types."""

from __future__ import annotations

import streamlit as st

from engine import sequences
from ui import controls, present
from ui.rnn_prerequisites import charts
from ui.rnn_prerequisites import data as cached
from ui.rnn_prerequisites.diagrams import TASKS, drawn_columns, task_dot

FEATURES = list(sequences.FEATURES)


def window_slider(seq_len: int, stride: int) -> int:
    """Which sample (window) to shade, 1..S; returns its first step (0-based)."""
    count = sequences.window_count(cached.record_steps(), seq_len, stride)
    win = controls.index_slider("Sample shown (window number)", "win", count,
                                help="Slide the window along the record: sample k starts at step (k − 1)·s.")
    return (win - 1) * stride


def sequence_section(seq_len: int, stride: int, start: int, seed: int) -> None:
    """The record with one window shaded, and the tensor shape with its formula."""
    record = cached.weather(seed)
    n = len(record)
    count = sequences.window_count(n, seq_len, stride)
    hours = seq_len / sequences.STEPS_PER_HOUR
    first = start / sequences.STEPS_PER_HOUR
    *upper, lowest = charts.weather_panels(cached.weather_long(record), (first, first + hours),
                                           units=sequences.UNITS)
    for panel in upper:
        present.plain_chart(panel)
    steps = f"step {start + 1}" if seq_len == 1 else f"steps {start + 1}–{start + seq_len}"
    present.show_chart(lowest, record, name="weather_record", grow=False,
                       caption=f"Ten days of synthetic weather, one reading every ten minutes. The shaded "
                               f"band is sample {start // stride + 1} of {count}: {steps}, "
                               f"{seq_len * 10:,} minutes ({hours:.3g} hours).")
    left, right = st.columns([3, 2])
    with left:
        present.formula(
            rf"\text{{windows}}:\ \underbrace{{({count},\ {seq_len},\ {len(FEATURES)})}}_{{\text{{samples}}"
            rf"\ \times\ \text{{time steps}}\ \times\ \text{{features}}}}")
        present.formula(
            rf"\text{{samples}} = \Big\lfloor \frac{{N - L}}{{s}} \Big\rfloor + 1 = "
            rf"\Big\lfloor \frac{{{n} - {seq_len}}}{{{stride}}} \Big\rfloor + 1 = {count}")
        st.markdown(f"A record of N = {n:,} steps and {len(FEATURES)} features, cut into windows of "
                    f"L = {seq_len} steps every s = {stride} steps, is a 3-D tensor. One sample is a "
                    f"{seq_len} × {len(FEATURES)} table: the RNN reads its rows one time step at a time.")
    with right:
        st.dataframe(record.iloc[start:start + min(6, seq_len)].round(2), hide_index=True, width="stretch")
        st.caption(f"The first rows (up to one hour) of sample {start // stride + 1}: its first "
                   f"time steps, one column per feature.")
    present.correction("96 hours sampled every ten minutes are 96 × 6 = "
                       f"**{sequences.steps_for_hours(96)}** time steps, not 574. "
                       "Set the sequence length to 576 to see that window.")


def _change(before: float, after: float) -> str:
    """The metric delta: the change, or "unchanged" when shuffling left the answer as it was (a mean over
    the steps summed in another order may differ in the last bit: that is not a change)."""
    return "unchanged" if abs(after - before) <= 1e-12 * max(1.0, abs(before)) else f"{after - before:+.4f}"


def order_section(seq_len: int, start: int, seed: int) -> None:
    """Shuffle the steps: the order-blind model does not notice, the RNN does."""
    demo = cached.order_demo(start, seq_len, seed)
    present.show_chart(charts.order_chart(demo.frame), demo.frame, name="order_test",
                       caption="The temperature of the shaded window in time order and after shuffling "
                               "its steps. " + ("Same values, a different sequence." if not demo.in_order else
                                                "This shuffle happened to keep the order: try another seed."))
    cols = st.columns(4)
    cols[0].metric("RNN o_T, in order", f"{demo.rnn_original:.4f}")
    rnn_change = _change(demo.rnn_original, demo.rnn_shuffled)
    neutral = {"delta_color": "off", "delta_arrow": "off"} if rnn_change == "unchanged" else {}
    cols[1].metric("RNN o_T, shuffled", f"{demo.rnn_shuffled:.4f}", delta=rnn_change, **neutral)
    cols[2].metric("Order-blind, in order", f"{demo.blind_original:.4f}")
    cols[3].metric("Order-blind, shuffled", f"{demo.blind_shuffled:.4f}", delta=_change(demo.blind_original,
                                                                                        demo.blind_shuffled),
                   delta_color="off", delta_arrow="off")
    left, right = st.columns(2)
    with left:
        present.formula(r"\text{order-blind: } o = c + V \tanh\Big(U \tfrac{1}{T}\textstyle\sum_t x_t + b\Big)")
    with right:
        present.formula(r"\text{RNN: } o_T = c + V h_T,\ h_t = \tanh(\dots + W h_{t-1})")
    same = demo.blind_original == demo.blind_shuffled
    st.caption(f"Both use the same U, b, V, c (untrained, seeded). The order-blind answer is "
               f"{'exactly' if same else 'not'} the same after shuffling; the RNN's answer "
               f"{'changes' if demo.rnn_original != demo.rnn_shuffled else 'does not change'}"
               f"{' (one step has no order to change)' if demo.n_steps == 1 else ''}"
               f"{' (this shuffle happened to keep the order: try another seed)' if demo.in_order else ''}.")


def tasks_section(seq_len: int) -> None:
    """All six task types, drawn unfolded over ``seq_len`` steps."""
    columns = st.columns(2)
    for n, spec in enumerate(TASKS):
        wide = spec.key in ("seq2seq", "bidirectional")  # wider graphs get the whole row
        with (st if wide else columns[n % 2]).container(border=True):
            st.markdown(f"**{spec.title}**")
            wide_enough = drawn_columns(spec.key, seq_len) >= 4  # stretching a 1-column graph blows it up
            st.graphviz_chart(task_dot(spec.key, seq_len), width="stretch" if wide_enough else "content")
            st.caption(spec.example)
