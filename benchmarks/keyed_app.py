"""What a keyed rerun costs: one slider, one chart in a fragment, and static parts around it that never rerun.

    streamlit run benchmarks/keyed_app.py        (then ?how=keyed or ?how=own, and ?parts=N)

``how=own``: the slider sits in the chart's fragment; a move reruns that fragment (one run).
``how=keyed``: the slider sits on the page, and its callback reruns the chart's fragment by key
(``st.rerun(["chart"])``), as the app's main controls rerun the sections in view (``ui.in_view.moved``).
Streamlit starts the interaction's own run before it calls the callback, then ends it for the keyed one: two
runs, each announced to the browser. ``parts`` static parts (a heading, a paragraph, a row of two columns)
give the page a weight near the app's (the curse page: ~150 elements, ~130 blocks); the browser redraws every
part's wrapper whenever a run starts or ends (``benchmarks/README.md``, settle). ``bench_keyed`` compares the two.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

HOW = st.query_params.get("how", "own")
PARTS = max(0, min(200, int(st.query_params.get("parts", "30"))))
TEXT = ("A paragraph of the size a section's idea takes, with **bold** words and a formula's worth of "
        "symbols, so the page's static parts weigh what a teaching page's do. ") * 2


def _chart(n: int) -> None:
    x = np.linspace(0.0, 1.0, 200)
    data = pd.DataFrame({"x": x, "y": np.sin(2 * np.pi * n * x)})
    st.altair_chart(alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q"), width="stretch")


def _slider():
    callback = (lambda: st.rerun(["chart"])) if HOW == "keyed" else None
    return st.slider("Frequency", 1, 50, 10, key="n", on_change=callback)


def _parts(first: int, last: int) -> None:
    for k in range(first, last):
        with st.container():
            st.markdown(f"#### Part {k + 1}")
            st.markdown(TEXT)
            left, right = st.columns(2)
            left.markdown(TEXT)
            right.markdown(TEXT)


@st.fragment(key="chart")
def chart_part() -> None:
    n = _slider() if HOW == "own" else st.session_state.n
    _chart(n)


if HOW == "keyed":
    _slider()
_parts(0, PARTS // 2)
chart_part()
_parts(PARTS // 2, PARTS)
