"""Streamlit's floor for a page of the curse page's shape: what moving D costs when nothing is computed.

    streamlit run benchmarks/shape_app.py

The curse page, counted over its websocket at its default view (2026-12-03): 52 texts (markdown and
captions, a tenth of them with a formula), 20 charts (most layered, their data moved by D, their specs
steady), 16 "CSV" buttons beside captions, ~10 sliders, 8 jump buttons, 6 headings and ~130 layout
blocks (columns and their rows). This page draws the same parts in the same arrangement (five sections
of four charts, each chart with its caption and CSV button in a [4, 1] row, two of them side by side)
from a ``dim`` select slider, with data that is only a formula of D (no engine, no Altair: one fixed
Vega-Lite spec a chart, new data each move, so Vega-Lite updates the drawn charts in place as it does
the app's). ``bench_settle`` reports the app's pages against it beside the one-chart floor: the part of a
settle time that is Streamlit's drawing of that many parts, whatever the page computes.
"""

import numpy as np
import pandas as pd
import streamlit as st

DIMS = [1, 2, 3, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 400, 1000]
SECTIONS = 5
CHARTS_PER_SECTION = 4
ROWS = 300  # rows a chart: the curse page sends ~14 kB of data a chart
PARAGRAPH = ("Every section of the page opens with a few sentences that say what the figure below shows and "
             "what to notice when the slider moves, about as long as this one, followed by a second sentence "
             "that names the quantity on each axis and the closed form drawn over the simulation, and a third "
             "that tells the reader which way to move the control first and what they should expect to see. ")
SPEC = {  # one line with the slider's D marked: the same spec at every D, new data each move
    "height": 260,
    "layer": [
        {"mark": {"type": "line"}, "encoding": {"x": {"field": "x", "type": "quantitative"},
                                                 "y": {"field": "y", "type": "quantitative"},
                                                 "color": {"field": "series", "type": "nominal"}}},
        {"mark": {"type": "rule", "strokeDash": [4, 3]},
         "transform": [{"filter": "datum.marker"}],
         "encoding": {"x": {"field": "x", "type": "quantitative"}}},
    ],
}


def chart_data(dim: int, k: int) -> pd.DataFrame:
    """Two series over x, their shape set by D and the chart's number, and the marker row at D's x."""
    x = np.linspace(0.0, 1.0, ROWS // 2)
    y = np.exp(-k * x) * np.cos(2 * np.pi * x * np.log1p(dim))
    return pd.DataFrame({"x": np.concatenate([x, x]), "y": np.concatenate([y, y * 0.5]),
                         "series": ["measured"] * len(x) + ["exact"] * len(x),
                         "marker": np.arange(2 * len(x)) == int(len(x) * min(dim, 1000) / 1000)})


def chart(dim: int, k: int, where=st) -> None:
    """A chart full width, its caption (with D's numbers) and a CSV button beside it, as the app draws one."""
    data = chart_data(dim, k)
    where.vega_lite_chart(data, SPEC, width="stretch", alt=f"Chart {k}: two lines over x with D marked.")
    with where.container(horizontal=True, wrap=False, vertical_alignment="center", gap="medium"):
        st.caption(f"Chart {k} at D = {dim:,}: the measured line lies on the exact one; its peak is "
                   f"{float(data['y'].max()):.3g}.")
        if k % 5 != 4:  # 16 of the 20 charts offer their data
            st.download_button("CSV", lambda: data.to_csv(index=False), file_name=f"chart_{k}.csv",
                               key=f"csv_{k}", on_click="ignore")


def section(s: int, dim: int) -> None:
    """A section as the app draws one: heading, text, a formula with D, two controls, four charts."""
    st.header(f"{s + 1} · Section {s + 1}", divider="gray")
    for _ in range(4):
        st.markdown(PARAGRAPH)
    st.markdown(f"$$\\rho_D = \\frac{{\\pi^{{D/2}}}}{{2^D \\Gamma(D/2 + 1)}}, \\quad D = {dim}$$")
    left, right = st.columns(2)
    left.slider(f"Control {s}a", 1, 100, 10, key=f"a{s}")
    right.slider(f"Control {s}b", 1, 100, 10, key=f"b{s}")
    k = s * CHARTS_PER_SECTION
    chart(dim, k)
    left, right = st.columns(2)
    chart(dim, k + 1, left)
    chart(dim, k + 2, right)
    st.markdown(PARAGRAPH)
    chart(dim, k + 3)


st.title("A page of the curse page's shape")
st.markdown(PARAGRAPH * 2)
for column, d in zip(st.columns(8), (2, 3, 10, 50, 100, 400, 1000, 10000), strict=True):
    column.button(f"{d:,}", key=f"jump_{d}", width="stretch")
dim = st.select_slider("Dimension D", DIMS, 50, key="dim")
for s in range(SECTIONS):
    section(s, dim)
