"""Spiky cubes, Pac-Man walking, empty M&M's: the curse of dimensionality, by Monte Carlo."""

import streamlit as st

from ui import present
from ui.curse_of_dimensionality import sections, text
from ui.frame import frame

fr = frame("curse_of_dimensionality")
st.title(text.TITLE)
st.markdown(text.INTRO)
state = sections.page_controls(fr)
for section in sections.SECTIONS:
    section(state)
present.references(text.REFERENCES)
