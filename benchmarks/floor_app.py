"""Streamlit's own floor for ``bench_settle``: one slider, one Altair chart whose data depends on it.

    streamlit run benchmarks/floor_app.py

The cheapest page that still does what every page of the app does on a slider move (a full script
rerun, a chart spec built by Altair, serialised, sent and drawn by Vega-Lite): the settle time of the
app's pages is reported as a ratio to this page's, measured in the same run.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

n = st.slider("Frequency", 1, 50, 10, key="n")
x = np.linspace(0.0, 1.0, 200)
data = pd.DataFrame({"x": x, "y": np.sin(2 * np.pi * n * x)})
st.altair_chart(alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q"), width="stretch")
