"""LSTM back-propagation as chain rules on a graph, gradients through time, and gradient clipping."""

import streamlit as st

from ui import present
from ui.frame import frame
from ui.lstm_backprop import sections, text

fr = frame("lstm_backprop")
st.title(text.TITLE)
st.markdown(text.INTRO)
state = sections.page_controls(fr)
for section in sections.SECTIONS:
    section(state)
present.references(text.REFERENCES)
