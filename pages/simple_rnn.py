"""Simple RNN: forward propagation unfolded, back-propagation through time, vanishing gradients."""

import streamlit as st

from ui import present
from ui.frame import frame
from ui.simple_rnn import sections, text

fr = frame("simple_rnn")
st.title(text.TITLE)
st.markdown(text.INTRO)
state = sections.page_controls(fr)
for section in sections.SECTIONS:
    section(state)
present.references(text.REFERENCES)
