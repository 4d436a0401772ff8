"""Prerequisites for RNNs: sequence data as tensors, why order matters, the types of RNN tasks."""

import streamlit as st

from ui import controls, present
from ui.frame import frame
from ui.rnn_prerequisites import sections as sections

fr = frame("rnn_prerequisites")

st.title("Sequence data and RNN task types")
st.markdown(
    "A neural network is a mapping from inputs to outputs. A dense layer maps a fixed number of "
    "numbers in a fixed arrangement; **sequence data** (weather readings, words, notes) comes in "
    "varying lengths, and its **order** carries meaning. A recurrent network reads a sequence one time "
    "step at a time, so one set of weights handles any length and every order."
)

left, right = st.columns(2)
seq_len = controls.int_slider("Sequence length (time steps, seq_len)", "seq_len", 1, 864, 576, where=left,
                              help="Steps per window, ten minutes each (576 = 96 hours). The task "
                                   "diagrams below are unfolded over this many steps.")
stride = controls.int_slider("Stride between windows (steps)", "stride", 1, 144, 6, where=right,
                             help="A new window starts every this many steps (6 = every hour).")

present.section("1 · Sequence data as a tensor", (
    "A weather station writes temperature, pressure, wind and humidity every ten minutes. To learn "
    "from it, the record is cut into windows of equal length: samples × time steps × features."))
start = sections.window_slider(seq_len, stride)
sections.sequence_section(seq_len, stride, start, fr.seed)

present.section("2 · Why dense layers and CNNs don't fit: order matters", (
    f"A dense layer on a flattened window needs exactly {seq_len} × 4 = {seq_len * 4:,} inputs, each with "
    "its own weights: a window of another length does not fit, and nothing is shared between time "
    "steps. Models that pool over the steps (a bag of readings) accept any length but are blind to "
    "order. Below, the same window goes in as recorded and with its steps shuffled."))
sections.order_section(seq_len, start, fr.seed)

present.section("3 · Types of RNN tasks, unfolded", (
    f"The same recurrent cell, wired differently. Each diagram is unfolded over the chosen "
    f"{seq_len} time step{'s' if seq_len != 1 else ''} (long sequences are drawn with ⋯); inputs at the "
    "bottom, hidden states in the middle, outputs on top."))
sections.tasks_section(seq_len)

present.references([
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, ch. 10 "
    "— [deeplearningbook.org](https://www.deeplearningbook.org/contents/rnn.html)",
    "Karpathy (2015), The unreasonable effectiveness of recurrent neural networks (one-to-many … "
    "many-to-many) — [karpathy.github.io](https://karpathy.github.io/2015/05/21/rnn-effectiveness/)",
    "Sutskever, Vinyals & Le (2014), Sequence to sequence learning with neural networks, NeurIPS",
    "Schuster & Paliwal (1997), Bidirectional recurrent neural networks, *IEEE Trans. Signal Processing* 45(11)",
    "Chollet (2017), *Deep Learning with Python*, §6.3 (weather windows every ten minutes, Jena record)",
])
