"""Streamlit's own floor for ``bench_coldstart``: a page with a title and a paragraph, nothing else.

    streamlit run benchmarks/title_app.py

A fresh server's first request of this page shows how soon Streamlit itself can put a title on screen
on this machine (the browser loads Streamlit's scripts and opens its websocket first); the app's first
title after a cold start is reported beside it, measured in the same run.
"""

import streamlit as st

st.title("A title")
st.markdown("A paragraph.")
