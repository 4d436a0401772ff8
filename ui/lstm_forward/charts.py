"""Charts of an LSTM run over the whole sequence, with the current step t marked.

Data helpers turn an ``LSTMTrace`` into long DataFrames (time steps t = 1 … T, units 1 … H, as on
the page); builders turn those into Altair charts. Colours of values are defined once here
(``value_color``) and shared with the diagrams, so a gate looks the same in a heatmap and a block.
"""

from __future__ import annotations

import math
from functools import partial

import altair as alt
import pandas as pd

from ui.kit import charts as kit
from ui.kit.charts import data_step_x, fit_width
from ui.kit.colors import PIN_LINE, color_scale, ink, value_color
from ui.kit.numbers import fixed
from ui.kit.specs import cached_chart

GATE_TITLES = {
    "z": "block input z (tanh)",
    "i": "input gate i",
    "f": "forget gate f",
    "o": "output gate o",
}
STATE_HEIGHT = 200
INPUT_HEIGHT = 130
UNIT_GREY = "#cfcfcf"  # every unit's line when there are more units than colours


UNIT_PX = 18  # heatmap row height: a projector-size label fits in each row
LABEL_EVERY_UNIT = 16  # up to this many units every row is labelled


def heatmap_height(n_units: int) -> int:
    """Plot height of a gate heatmap: 18 px per unit, at least 120 px."""
    return max(120, UNIT_PX * n_units)


def _cell_css(name: str, value: float) -> str:
    """Background of a table cell in the heatmaps' colours, with text that stays readable on it."""
    color = value_color(name, value)
    return f"background-color: {color}; color: {ink(color)}"


def table_number(x: float, digits: int = 3) -> str:
    """``digits`` decimals, one fewer for every digit before the point past the first (at least one): a
    cell that ran up to 123.4 is no wider than −0.123, so the table fits its column on a projector."""
    before = math.floor(math.log10(abs(x))) if math.isfinite(x) and abs(x) >= 10 else 0
    return fixed(x, max(1, digits - before))


def styled_step_table(df: pd.DataFrame):
    """``step_table`` as a pandas Styler: every value coloured as in the heatmaps and diagrams
    (gates grey → green, z, c, y blue < 0 < red), gates with 2 decimals, z, c, y with 3 (fewer past 10)."""
    quantities = [q for q in df.columns if q != "unit"]
    styler = df.style.set_uuid("step_table").format({q: partial(table_number, digits=2 if q in ("i", "f", "o") else 3)
                                                 for q in quantities})
    for q in quantities:
        styler = styler.map(lambda v, q=q: _cell_css(q, v), subset=[q])
    return styler


# ---------------------------------------------------------------------------------------------
# Charts


def _marker(t: int, field: str = "t") -> alt.Chart:
    """A vertical rule at the current step."""
    return kit.rules(pd.DataFrame({field: [t]}), x=field, color="#111111", dash=(4, 3))


# Line styles of the units (and inputs), beside their colours: a reader who cannot tell the hues apart
# tells the lines apart by their dashes (the legend shows both).
DASHES = ([1, 0], [6, 3], [2, 2], [10, 3, 2, 3], [1, 4], [12, 4], [4, 2, 1, 2], [8, 2])


def _readout(df: pd.DataFrame, series: str, title: str = "{}", *, only=None) -> alt.LayerChart:
    """The values of every ``series`` (units or inputs) at the step under the pointer, in the browser.

    ``df`` is long (t, ``series``, value); ``title`` formats a series' name for the tooltip ("unit {}");
    ``only`` keeps one series (the followed unit of a crowded chart)."""
    wide = df.pivot_table(index="t", columns=series, values="value", aggfunc="first")
    keys = [only] if only is not None else list(wide.columns)
    columns = [(f"{series}{k}", title.format(key)) for k, key in enumerate(keys)]
    wide = wide[keys].set_axis([field for field, _ in columns], axis=1).reset_index()
    return kit.pointer_readout(wide, "t", columns, name=f"at_{series}", x_title="step t")


def _dashes(field: str, n: int, legend_at: str = "top") -> alt.StrokeDash:
    """One dash style per value of ``field`` (at most ``len(DASHES)``), in the legend of its colours."""
    return alt.StrokeDash(field, legend=kit.legend(legend_at, symbolType="stroke"),
                          scale=alt.Scale(range=[list(d) for d in DASHES[:n]]))


@cached_chart
def input_chart(df: pd.DataFrame, t: int) -> alt.LayerChart:
    """The input x_t over time, one line per input (each its colour and dash), with the current step marked."""
    n_inputs = int(df["input"].nunique())
    lines = kit.line_chart(df, "t", "value", color="input" if n_inputs > 1 else None,
                              x_title="time step t", y_title="input x_t", points=len(df) <= 60,
                              height=INPUT_HEIGHT).encode(x=data_step_x("t", "time step t", 1, df["t"]))
    if n_inputs > 1:
        lines = lines.encode(strokeDash=_dashes("input:N", n_inputs))
    return fit_width(alt.layer(lines, _marker(t), _readout(df, "input")).properties(height=INPUT_HEIGHT))


@cached_chart
def gate_heatmap(df: pd.DataFrame, gate: str, t: int, bin_steps: int = 1) -> alt.LayerChart:
    """The heatmap of one gate (time × unit) on its own colour scale, with the current step outlined.

    Cells span [t − ½, t + bin − ½] on a continuous time axis, so the chart stretches to any width.
    Channels are given as objects, not shorthand strings: Altair turns each string into an object
    through a slow schema lookup (~5 ms each), and this chart is rebuilt on every scrub.
    """
    part = df[df["gate"] == gate].assign(t0=lambda d: d["t"] - 0.5, t1=lambda d: d["t"] + bin_steps - 0.5)
    # the axis spans the cells, t0 = ½ … t1 = T + ½, from the data: a new T is new data, not a new spec
    x = alt.X("t0:Q", title="time step t", scale=alt.Scale(nice=False, zero=False),
              axis=alt.Axis(format="d", tickMinStep=1))
    n_units = int(part["unit"].nunique())
    height = heatmap_height(n_units)
    unit_axis = alt.Axis(labelOverlap=False) if n_units <= LABEL_EVERY_UNIT else alt.Axis()
    heat = kit.heatmap(part, "t", "unit", "value", value_title=gate, height=height).encode(
        x=x, x2=alt.X2("t1"), y=alt.Y("unit:O", title="unit", axis=unit_axis),
        color=alt.Color("value:Q", title=gate, scale=color_scale(gate), legend=kit.value_legend()),
        tooltip=[alt.Tooltip("t:Q", title="t"), alt.Tooltip("unit:O"), alt.Tooltip("value:Q", format=".4g")],
    )
    current = t - (t - 1) % bin_steps  # first step of the bin holding t
    box = alt.Chart(pd.DataFrame({"t0": [current - 0.5], "t1": [current + bin_steps - 0.5]})).mark_rect(
        fill=None, stroke="#111111", strokeWidth=2).encode(x=alt.X("t0:Q"), x2=alt.X2("t1"))
    title = alt.TitleParams(GATE_TITLES[gate], fontSize=15, anchor="start")
    layers = [heat, box]
    if gate in SIGNED and part["t"].nunique() <= MAX_SIGNED_COLUMNS:
        layers.insert(1, _signs(part, gate))
    return fit_width(alt.layer(*layers).properties(title=title, height=height))


SIGNED = ("z",)  # heatmaps of a signed quantity: red > 0 and blue < 0 share one lightness (greyscale merges them)
MAX_SIGNED_COLUMNS = 40  # up to this many columns a cell is wide enough to hold its sign


def _signs(part: pd.DataFrame, gate: str) -> alt.Chart:
    """A "+" or "−" in every cell whose value is not 0.00, in ink that reads on the cell: the sign said
    without colour."""
    cells = part[part["value"].round(2) != 0].assign(
        mid=lambda d: (d["t0"] + d["t1"]) / 2,
        sign=lambda d: d["value"].map(lambda v: "+" if v > 0 else "−"),
        ink=lambda d: d["value"].map(lambda v: ink(value_color(gate, v))))
    return alt.Chart(cells).mark_text(fontSize=13, fontWeight="bold").encode(
        x=alt.X("mid:Q"), y=alt.Y("unit:O"), text=alt.Text("sign:N"), color=alt.Color("ink:N", scale=None))


@cached_chart
def state_chart(df: pd.DataFrame, quantity: str, t: int, highlight: int | None = None,
                pinned: pd.DataFrame | None = None) -> alt.LayerChart:
    """One of "cell c" / "output y" over time, one line per unit, current step marked.

    Up to ``len(PALETTE)`` units each line has its colour and a legend entry; with more, colours would
    repeat, so every unit is a light grey line (no legend) and unit ``highlight`` (the one the page
    follows) is drawn in colour on top. ``pinned``: the same frame for a pinned forget-gate bias (its
    ``bias`` column), every unit a grey dashed line behind, named in the title."""
    part = df[df["quantity"] == quantity]
    x = data_step_x("t", "time step t", 1, part["t"])
    points = part["t"].nunique() <= 40
    title = f"{quantity} over time"
    n_units = int(part["unit"].nunique())
    if n_units <= len(kit.PALETTE):
        lines = kit.line_chart(part, "t", "value", color="unit:N", x_title="time step t", y_title=quantity,
                                  points=points, height=STATE_HEIGHT, legend_at="right").encode(x=x)
        if n_units > 1:
            lines = lines.encode(strokeDash=_dashes("unit:N", n_units, "right"))
        layers = [lines]
    else:
        tips = ["unit:N", "t:Q", alt.Tooltip("value:Q", format=".4g")]
        grey = kit.line_chart(part, "t", "value", x_title="time step t", y_title=quantity,
                                 height=STATE_HEIGHT, tooltip=tips).encode(
            x=x, detail=alt.Detail("unit:N"), color=alt.value(UNIT_GREY))
        layers = [grey]
        if highlight is not None:
            layers.append(kit.line_chart(part[part["unit"] == highlight], "t", "value", x_title="time step t",
                                            y_title=quantity, points=points, height=STATE_HEIGHT,
                                            tooltip=tips).encode(
                x=x, color=alt.value(kit.PALETTE[0]), strokeWidth=alt.value(3)))
            title = f"{quantity} over time: unit {highlight} in colour, bold"
    if pinned is not None:
        layers.insert(0, _pinned_lines(pinned[pinned["quantity"] == quantity], x))
        title = [title, f"grey dashes: bias {float(pinned['bias'].iloc[0]):+g} (pinned)"]
    crowded = n_units > len(kit.PALETTE)
    readout = _readout(part, "unit", "unit {}", only=highlight if crowded and highlight else None)
    return fit_width(alt.layer(*layers, _marker(t), readout).properties(title=title, height=STATE_HEIGHT))


def _pinned_lines(part: pd.DataFrame, x: alt.X) -> alt.Chart:
    """Every unit of a pinned run as a grey dashed line (behind the current run's lines)."""
    tips = [alt.Tooltip("bias:Q", title="pinned bias", format="+g"), "unit:N", "t:Q",
            alt.Tooltip("value:Q", format=".4g")]
    return alt.Chart(part).mark_line(color=PIN_LINE, strokeWidth=1.5, strokeDash=[5, 3], clip=True).encode(
        x=x, y=alt.Y("value:Q"), detail=alt.Detail("unit:N"), tooltip=tips)
