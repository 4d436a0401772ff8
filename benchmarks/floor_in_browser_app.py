"""The one-chart floor (``floor_app.py``) with its slider answered in the browser: what a move costs with no run.

    python -m benchmarks.bench_ab . / n slider --before-script benchmarks/floor_app.py \\
        --after-script benchmarks/floor_in_browser_app.py

The slider is Streamlit's with ``on_change="ignore"`` and ``bind="query-params"``: a move updates the slider and
the link in the browser and starts no run (the server reads the value at the next run something else starts).
The chart holds all 50 frequencies and filters on a Vega-Lite parameter bound to a range input (Vega's own,
drawn under the chart and left visible: it moves with the slider); a few lines of script copy the slider's
value into that input. So a move is the slider's own redraw and Vega's redraw of one chart, about the least a
move can cost on a Streamlit page. The app's pages do not work this way: their texts and
formulas follow the control on the server (``benchmarks/README.md``, "A move with no run").
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

FREQUENCIES = np.arange(1, 51)

n = st.slider("Frequency", 1, 50, 10, key="n", on_change="ignore", bind="query-params")
x = np.linspace(0.0, 1.0, 200)
data = pd.DataFrame({"x": np.tile(x, FREQUENCIES.size), "n": np.repeat(FREQUENCIES, x.size)})
data["y"] = np.sin(2 * np.pi * data["n"] * data["x"])
frame = alt.param(name="frame", value=n, bind=alt.binding_range(min=1, max=50, step=1, name="frame"))
st.altair_chart(alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q").add_params(frame)
                .transform_filter(alt.datum.n == frame), width="stretch")

# The slider's value, copied into the chart's bound input whenever it changes (an input event for a key,
# the value attribute Streamlit sets otherwise).
FOLLOW_JS = """
export default function () {
  const slider = document.querySelector('.st-key-n input[type="range"]');
  if (!slider || slider.dataset.follow) return;
  slider.dataset.follow = '1';
  const push = () => {
    for (const input of document.querySelectorAll('.vega-bindings input[name="frame"]')) {
      input.value = slider.value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  };
  slider.addEventListener('input', push);
  new MutationObserver(push).observe(slider, { attributes: true, attributeFilter: ['value', 'aria-valuenow'] });
}
"""
st.components.v2.component("floor_follow", js=FOLLOW_JS)(key="follow")
