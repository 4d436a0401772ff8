"""A brief history of neural nets: booms and winters on a timeline, and the turning points, re-run."""

import streamlit as st

from ui import present
from ui.frame import frame
from ui.history import sections
from ui.history import text as ht

fr = frame("history")
st.title(ht.TITLE)
st.markdown(ht.INTRO)
state = sections.page_controls(fr)
for section in sections.SECTIONS:
    section(state)
present.references(ht.REFERENCES)
