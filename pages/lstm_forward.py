"""LSTM forward propagation, gate by gate: step a block through time and watch every number."""

import streamlit as st

from ui import present
from ui.frame import frame
from ui.lstm_forward import sections, text

fr = frame("lstm_forward")
st.title(text.TITLE)
st.markdown(text.INTRO)
state = sections.page_controls(fr)
for section in sections.SECTIONS:
    section(state)
present.references(text.REFERENCES)
