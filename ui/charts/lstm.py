"""Charts of an LSTM run over the whole sequence, with the current step t marked.

Data helpers turn an ``LSTMTrace`` into long DataFrames (time steps t = 1 … T, units 1 … H, as on
the page); builders turn those into Altair charts. Colours of values are defined once here
(``value_color``) and shared with the diagrams, so a gate looks the same in a heatmap and a block.
"""

from __future__ import annotations

import itertools
import math

import altair as alt
import numpy as np
import pandas as pd

from ui.charts import common

GATE_STOPS = ((0.0, "#f4f4f4"), (1.0, "#1b7837"))  # gates i, f, o in [0, 1]: grey (shut) to green (open)
SIGNED_STOPS = ((-1.0, "#2166ac"), (0.0, "#f7f7f7"), (1.0, "#b2182b"))  # z, c, y: blue < 0 < red
GATE_TITLES = {
    "z": "block input z (tanh)",
    "i": "input gate i",
    "f": "forget gate f",
    "o": "output gate o",
}
MAX_CELLS_PER_GATE = 6000
STATE_HEIGHT = 200
INPUT_HEIGHT = 130
UNIT_GREY = "#cfcfcf"  # every unit's line when there are more units than colours


UNIT_PX = 18  # heatmap row height: a projector-size label fits in each row
LABEL_EVERY_UNIT = 16  # up to this many units every row is labelled


def heatmap_height(n_units: int) -> int:
    """Plot height of a gate heatmap: 18 px per unit, at least 120 px."""
    return max(120, UNIT_PX * n_units)


def step_x(field: str, title: str, lo: float, hi: float, *, pad: float = common.PAD) -> alt.X:
    """A time axis over whole steps ``lo`` … ``hi``: integer ticks only, no "2.0", no "0" before step 1.

    ``pad`` pixels of room at both ends keep a marker on the first or last step whole."""
    if hi <= lo:  # a single step: give it some room
        lo, hi = lo - 0.5, hi + 0.5
    return alt.X(f"{field}:Q", title=title,
                 scale=alt.Scale(domain=[lo, hi], nice=False, zero=False, padding=pad),
                 axis=common.x_axis(format="d", tickMinStep=1,  # the padding may reach a "0" before step 1
                                    labelExpr=f"datum.value < {lo} ? '' : datum.label"))


def stops_for(name: str) -> tuple[tuple[float, str], ...]:
    """Colour stops of a quantity: gates i, f, o on [0, 1]; z, c, y and others signed on [−1, 1]."""
    return GATE_STOPS if name in ("i", "f", "o") else SIGNED_STOPS


def value_color(name: str, value: float) -> str:
    """Hex colour of ``value`` of quantity ``name`` (linear RGB between stops, clamped at the ends)."""
    stops = stops_for(name)
    if not math.isfinite(value):
        return "#ffffff"
    v = min(max(value, stops[0][0]), stops[-1][0])
    for (lo, c_lo), (hi, c_hi) in itertools.pairwise(stops):
        if v <= hi:
            w = 0.0 if hi == lo else (v - lo) / (hi - lo)
            rgb = [round((1 - w) * int(c_lo[k : k + 2], 16) + w * int(c_hi[k : k + 2], 16)) for k in (1, 3, 5)]
            return "#" + "".join(f"{c:02x}" for c in rgb)
    return stops[-1][1]


def color_scale(name: str) -> alt.Scale:
    """The Vega-Lite scale drawing exactly ``value_color``'s colours."""
    stops = stops_for(name)
    return alt.Scale(domain=[s for s, _ in stops], range=[c for _, c in stops], interpolate="rgb", clamp=True)


# ---------------------------------------------------------------------------------------------
# Data


def input_frame(x: np.ndarray) -> pd.DataFrame:
    """x (T, M) → columns t (1-based), input ("x[1]" …), value."""
    T, M = x.shape
    return pd.DataFrame({
        "t": np.repeat(np.arange(1, T + 1), M),
        "input": np.tile([f"x[{k + 1}]" for k in range(M)], T),
        "value": x.ravel(),  # (T, M) -> (T·M,), time-major
    })


def _long(arrays: dict[str, np.ndarray], name: str) -> pd.DataFrame:
    T, H = next(iter(arrays.values())).shape
    frames = [
        pd.DataFrame({
            "t": np.repeat(np.arange(1, T + 1), H),
            "unit": np.tile(np.arange(1, H + 1), T),
            name: key,
            "value": a.ravel(),  # (T, H) -> (T·H,), time-major
        })
        for key, a in arrays.items()
    ]
    return pd.concat(frames, ignore_index=True)


def time_bin(seq_len: int, n_hidden: int, max_cells: int = MAX_CELLS_PER_GATE) -> int:
    """Steps per heatmap column so that one gate's heatmap has at most ``max_cells`` cells."""
    return max(1, math.ceil(seq_len * n_hidden / max_cells))


def gate_frame(trace, bin_steps: int = 1) -> pd.DataFrame:
    """z, i, f, o (T, H each) → columns t, unit, gate, value; with ``bin_steps`` > 1, t is the
    first step of a bin and value the mean over the bin."""
    gates = {g: getattr(trace, g) for g in GATE_TITLES}
    if bin_steps > 1:
        T = trace.seq_len
        starts = np.arange(0, T, bin_steps)
        gates = {g: np.add.reduceat(a, starts, axis=0) / np.diff(np.append(starts, T))[:, None]
                 for g, a in gates.items()}  # (T, H) -> (ceil(T / bin), H)
        df = _long(gates, "gate")
        df["t"] = (df["t"] - 1) * bin_steps + 1
        return df
    return _long(gates, "gate")


def state_frame(trace) -> pd.DataFrame:
    """c and y (T, H) → columns t, unit, quantity ("cell c" / "output y"), value."""
    return _long({"cell c": trace.c, "output y": trace.y}, "quantity")


def step_table(trace, t: int) -> pd.DataFrame:
    """One row per unit with z, i, f, o, c, y at step ``t`` (1-based)."""
    k = t - 1
    return pd.DataFrame({
        "unit": np.arange(1, trace.y.shape[1] + 1),
        "z": trace.z[k], "i": trace.i[k], "f": trace.f[k], "o": trace.o[k],
        "c": trace.c[k], "y": trace.y[k],
    })


def _cell_css(name: str, value: float) -> str:
    """Background of a table cell in the heatmaps' colours, with text that stays readable on it."""
    color = value_color(name, value)
    r, g, b = (int(color[k : k + 2], 16) for k in (1, 3, 5))
    ink = "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else "#111111"
    return f"background-color: {color}; color: {ink}"


def _fixed(digits: int):
    """A formatter with ``digits`` decimals that never prints a negative zero."""
    return lambda v: f"{0.0 if round(v, digits) == 0 else v:.{digits}f}"


def styled_step_table(df: pd.DataFrame):
    """``step_table`` as a pandas Styler: every value coloured as in the heatmaps and diagrams
    (gates grey → green, z, c, y blue < 0 < red), gates with 2 decimals, z, c, y with 3."""
    quantities = [q for q in df.columns if q != "unit"]
    styler = df.style.hide(axis="index").format({q: _fixed(2 if q in ("i", "f", "o") else 3)
                                                 for q in quantities})
    for q in quantities:
        styler = styler.map(lambda v, q=q: _cell_css(q, v), subset=[q])
    return styler


# ---------------------------------------------------------------------------------------------
# Charts


def fit_width(chart):
    """Stretch to the container's width only; ``height`` stays the plot's own height (Streamlit's
    default autosize "fit" would squeeze the plot to make room for titles and legends)."""
    return chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def _marker(t: int, field: str = "t") -> alt.Chart:
    """A vertical rule at the current step."""
    return common.rules(pd.DataFrame({field: [t]}), x=field, color="#111111", dash=(4, 3))


def input_chart(df: pd.DataFrame, t: int) -> alt.LayerChart:
    """The input x_t over time, one line per input, with the current step marked."""
    lines = common.line_chart(df, "t", "value", color="input" if df["input"].nunique() > 1 else None,
                              x_title="time step t", y_title="input x_t", points=len(df) <= 60,
                              height=INPUT_HEIGHT).encode(x=step_x("t", "time step t", 1, int(df["t"].max())))
    return fit_width(alt.layer(lines, _marker(t)).properties(height=INPUT_HEIGHT))


def gate_heatmap(df: pd.DataFrame, gate: str, t: int, bin_steps: int = 1) -> alt.LayerChart:
    """The heatmap of one gate (time × unit) on its own colour scale, with the current step outlined.

    Cells span [t − ½, t + bin − ½] on a continuous time axis, so the chart stretches to any width.
    Channels are given as objects, not shorthand strings: Altair turns each string into an object
    through a slow schema lookup (~5 ms each), and this chart is rebuilt on every scrub.
    """
    part = df[df["gate"] == gate].assign(t0=lambda d: d["t"] - 0.5, t1=lambda d: d["t"] + bin_steps - 0.5)
    t_max = float(part["t1"].max())
    x = alt.X("t0:Q", title="time step t", scale=alt.Scale(domain=[0.5, t_max], nice=False, zero=False),
              axis=alt.Axis(format="d", tickMinStep=1))
    n_units = int(part["unit"].nunique())
    height = heatmap_height(n_units)
    unit_axis = alt.Axis(labelOverlap=False) if n_units <= LABEL_EVERY_UNIT else alt.Axis()
    heat = common.heatmap(part, "t", "unit", "value", value_title=gate, height=height).encode(
        x=x, x2=alt.X2("t1"), y=alt.Y("unit:O", title="unit", axis=unit_axis),
        color=alt.Color("value:Q", title=gate, scale=color_scale(gate), legend=common.value_legend()),
        tooltip=[alt.Tooltip("t:Q", title="t"), alt.Tooltip("unit:O"), alt.Tooltip("value:Q", format=".4g")],
    )
    current = t - (t - 1) % bin_steps  # first step of the bin holding t
    box = alt.Chart(pd.DataFrame({"t0": [current - 0.5], "t1": [current + bin_steps - 0.5]})).mark_rect(
        fill=None, stroke="#111111", strokeWidth=2).encode(x=alt.X("t0:Q"), x2=alt.X2("t1"))
    title = alt.TitleParams(GATE_TITLES[gate], fontSize=15, anchor="start")
    return fit_width(alt.layer(heat, box).properties(title=title, height=height))


def state_chart(df: pd.DataFrame, quantity: str, t: int, highlight: int | None = None) -> alt.LayerChart:
    """One of "cell c" / "output y" over time, one line per unit, current step marked.

    Up to ``len(PALETTE)`` units each line has its colour and a legend entry; with more, colours would
    repeat, so every unit is a light grey line (no legend) and unit ``highlight`` (the one the page
    follows) is drawn in colour on top."""
    part = df[df["quantity"] == quantity]
    x = step_x("t", "time step t", 1, int(part["t"].max()))
    points = part["t"].nunique() <= 40
    title = f"{quantity} over time"
    if part["unit"].nunique() <= len(common.PALETTE):
        lines = common.line_chart(part, "t", "value", color="unit:N", x_title="time step t", y_title=quantity,
                                  points=points, height=STATE_HEIGHT, legend_at="right").encode(x=x)
        layers = [lines]
    else:
        tips = ["unit:N", "t:Q", alt.Tooltip("value:Q", format=".4g")]
        grey = common.line_chart(part, "t", "value", x_title="time step t", y_title=quantity,
                                 height=STATE_HEIGHT, tooltip=tips).encode(
            x=x, detail=alt.Detail("unit:N"), color=alt.value(UNIT_GREY))
        layers = [grey]
        if highlight is not None:
            layers.append(common.line_chart(part[part["unit"] == highlight], "t", "value", x_title="time step t",
                                            y_title=quantity, points=points, height=STATE_HEIGHT,
                                            tooltip=tips).encode(
                x=x, color=alt.value(common.PALETTE[0])))
            title = f"{quantity} over time: unit {highlight} in colour"
    return fit_width(alt.layer(*layers, _marker(t)).properties(title=title, height=STATE_HEIGHT))
