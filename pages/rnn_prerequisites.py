"""Prerequisites for RNNs: sequence data as tensors, why order matters, the types of RNN tasks."""

import streamlit as st

from ui import present
from ui.frame import frame
from ui.rnn_prerequisites import sections, text

fr = frame("rnn_prerequisites")
st.title(text.TITLE)
st.markdown(text.INTRO)
state = sections.page_controls(fr)
for section in sections.SECTIONS:
    section(state)
present.references(text.REFERENCES)
