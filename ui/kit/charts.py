"""Chart shapes shared by every page: lines, theory over simulation, histograms, heatmaps, rules.

Conventions: simulation is drawn as points or bars, theory (a closed form) as a solid line on top,
so "theory drawn over simulation" reads the same on every page. Colours come from ``PALETTE``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from ui.kit.colors import PALETTE, THEORY_COLOR

HEIGHT = 300
PAD = 8  # pixels of room inside every continuous x / y scale: a marker on the first or last value stays whole
VALUE_FORMAT = ".3~g"  # colour-bar labels: 8.46e+21, 0.5, 1e-7, never 8.455367612542973e+21
OUTSIDE = ("top", "bottom", "left", "right")  # legend orients outside the plot
# An end label within this many pixels of the plot's edge is aligned to end at its tick: centred, the last
# label of a padded x axis would stick out past the edge, and Vega's "fit" sizing does not make room for it.
FLUSH = PAD + 4


def _superscript(expr: str) -> str:
    """A Vega expression writing the integer ``expr`` in superscript digits (−12 → ⁻¹²)."""
    text = f"toString({expr})"
    for plain, sup in zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True):
        text = f"replace({text}, regexp('{plain}', 'g'), '{sup}')"
    return text


# Labels on the powers of ten only: plain from 0.001 to 1,000, as 10ⁿ beyond (not 0.000001 beside 1e-7).
_EXPONENT = "round(log(datum.value) / LN10)"
DECADE_LABELS = (f"abs(log(datum.value) / LN10 - {_EXPONENT}) > 1e-6 ? '' : "
                 f"abs({_EXPONENT}) <= 3 ? datum.label : '10' + {_superscript(_EXPONENT)}")
# Labels over Vega's own ticks of a log axis (no ``values``), whatever span the data filtered in the browser
# has: over many decades Vega ticks the powers of ten, labelled as above; over a few, every 1 … 9 × 10ᵏ,
# labelled at 1, 2 and 5 × 10ᵏ (0.2, 0.5, 1 over a span of 0.15 to 1, where a power of ten alone would leave one
# label). Vega's own label of a log tick is blank for some of them, so the label is the value, formatted.
_POWER = "floor(log(datum.value) / LN10 + 1e-9)"
_MANTISSA = f"datum.value / pow(10, {_POWER})"
VEGA_LOG_LABELS = (f"abs({_MANTISSA} - 1) < 1e-6 ? (abs({_POWER}) <= 3 ? format(datum.value, '~g') : "
                   f"'10' + {_superscript(_POWER)}) : (abs({_MANTISSA} - 2) < 1e-6 || abs({_MANTISSA} - 5) < 1e-6) "
                   f"&& abs({_POWER}) <= 3 ? format(datum.value, '~g') : ''")


def x_axis(**kwargs) -> alt.Axis:
    """The x axis of a padded scale: its end labels stay inside the chart (``FLUSH``)."""
    return alt.Axis(labelFlush=FLUSH, **kwargs)


NARROW_LOG_FORMAT = ",.3~r"  # three significant digits, plain decimals: 0.628, 0.95, 1,000


def narrow_log_ticks(lo: float, hi: float) -> list[float]:
    """Tick values for a log axis spanning less than two decades (Vega's own stop at 1 on [0.5, 1.9],
    leaving the upper half unlabelled): the finest of the mantissa sets 1-1.5-2-3-5-7, 1-2-5, 1-3
    that gives at most eight ticks in [lo, hi], plus lo and hi (three significant digits) when fewer
    than three fall inside."""
    decades = range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1)
    for mantissas in ((1, 1.5, 2, 3, 5, 7), (1, 2, 5), (1, 3), (1,)):
        inside = [float(f"{m * 10.0 ** k:.3g}") for k in decades for m in mantissas]
        inside = [t for t in inside if lo <= t <= hi]
        if len(inside) <= 8:
            break
    if len(inside) < 3:
        inside = sorted({float(f"{lo:.3g}"), *inside, float(f"{hi:.3g}")})
    return inside


TITLE_TEXT = "title-text"  # the style of a text mark written as a chart's title, from data (``ui.present`` sizes it)


def log_labels(log: bool, df: pd.DataFrame, field: str) -> dict:
    """Axis options of a log axis: over two decades or more, labels on powers of ten only; narrower,
    labels of three significant digits.

    A padded (not niced) log axis starts a little below its data, say at 1.8: Vega would then label
    2, 20, 200 … rather than 1, 10, 100 …; grid lines stay at every 2, 3, … 9."""
    if not log or field not in df:
        return {}
    positive = pd.to_numeric(df[field], errors="coerce")
    positive = positive[(positive > 0) & (positive < float("inf"))]
    if positive.empty:
        return {}
    if positive.max() < 100 * positive.min():  # a narrow log axis: short labels (not 0.62827024394)
        return {"values": narrow_log_ticks(float(positive.min()), float(positive.max())),
                "format": NARROW_LOG_FORMAT}
    lo, hi = math.floor(math.log10(positive.min())), math.ceil(math.log10(positive.max()))
    if hi - lo >= 5:  # ticks and grid lines on powers of ten only (at most ~10), not at 2 … 9 of every decade
        step = math.ceil((hi - lo) / 10)
        return {"labelExpr": DECADE_LABELS,  # exponents that are multiples of step: 1, 10⁻³, 10⁻⁶ …
                "values": [10.0 ** k for k in range(hi, lo - 1, -1) if k % step == 0]}
    return {"labelExpr": DECADE_LABELS}


def log_axis(domain: Sequence[float]) -> alt.Axis:
    """The axis of a log scale with a set ``domain``: ticks and labels as :func:`log_labels` gives them."""
    return alt.Axis(**log_labels(True, pd.DataFrame({"v": list(domain)}), "v"))


def legend(orient: str = "top", **kwargs) -> alt.Legend:
    """A legend of series, by default in a row above the plot, where it can't cover data.

    An inside orient ("top-right", …) draws it in a white box in that corner of the plot: only for a
    chart whose data never reaches that corner. Swatches are drawn opaque and thick, so a faint or
    thin mark (a per-batch loss) still has a legend entry one can see.
    """
    style = {"symbolOpacity": 1, "symbolStrokeWidth": 2.5, "title": None, **kwargs}
    if orient in OUTSIDE:
        return alt.Legend(orient=orient, **style)
    return alt.Legend(orient=orient, fillColor="rgba(255,255,255,0.85)", padding=6, cornerRadius=4,
                      strokeColor="#dddddd", **style)


def value_legend(values: pd.Series | None = None, **kwargs) -> alt.Legend | None:
    """The colour bar of a quantitative colour, labels in ``VALUE_FORMAT``; None (no bar, rather than
    one reading "NaN") when ``values`` holds no finite number."""
    if values is not None and finite_range(values) is None:
        return None
    return alt.Legend(format=VALUE_FORMAT, **kwargs)


def finite_range(values: pd.Series) -> tuple[float, float] | None:
    """(min, max) of the finite ``values``, widened to ± ½ around a single value; None if there are none.

    A colour scale over an empty or zero-width domain has no colours to show: Vega labels its bar "NaN".
    """
    finite = pd.to_numeric(values, errors="coerce")
    finite = finite[finite.abs() < float("inf")]
    if finite.empty:
        return None
    lo, hi = float(finite.min()), float(finite.max())
    return (lo - 0.5, hi + 0.5) if lo == hi else (lo, hi)


def padded(df: pd.DataFrame, rows: int) -> pd.DataFrame:
    """``df`` with blank rows appended up to ``rows``: numbers NaN, which Vega-Lite leaves out of every
    mark and scale, text as in the first row, which adds no legend entry or panel.

    Streamlit builds a drawn chart anew (~0.1–0.3 s here) when a dataset's row count changes, and
    updates it in place when only the values do: a chart whose rows vary with a control (the slider's
    D as an extra point, a curve up to D) keeps a steady count this way."""
    if len(df) >= rows or df.empty:
        return df
    blank = {name: (df[name].iloc[0] if not pd.api.types.is_numeric_dtype(df[name])
                    or pd.api.types.is_bool_dtype(df[name]) else float("nan")) for name in df.columns}
    return pd.concat([df, pd.DataFrame([blank] * (rows - len(df)), columns=df.columns)], ignore_index=True)


def typed(df: pd.DataFrame, field) -> str:
    """``field`` with an explicit Vega-Lite type (``:Q`` numeric, ``:N`` otherwise).

    Altair infers an untyped field's type by inspecting the data, which costs ~5 ms a channel;
    typed shorthands skip that. Channel objects and already typed names pass through.
    """
    if not isinstance(field, str) or ":" in field or field not in df.columns:
        return field
    return f"{field}:{'Q' if pd.api.types.is_numeric_dtype(df[field]) else 'N'}"


def tooltips(df: pd.DataFrame, fields: Sequence) -> list:
    """Tooltip channels with explicit types (numbers shown with 4 significant digits)."""
    tips = []
    for field in fields:
        name = typed(df, field)
        if isinstance(name, str):
            name = alt.Tooltip(name, format=".4g") if name.endswith(":Q") else alt.Tooltip(name)
        tips.append(name)
    return tips


def scale(log: bool, domain: Sequence[float] | None = None, zero: bool = False, pad: float = PAD) -> alt.Scale:
    """A continuous x / y scale with ``pad`` pixels of room at both ends (``nice`` would round the padded
    domain out to the next tick, on a log axis a whole decade, so padded scales are not niced)."""
    kwargs = {"type": "log"} if log else {"zero": zero}
    if domain is not None:
        kwargs["domain"] = list(domain)
    if pad:
        kwargs.update(padding=pad, nice=False)
    return alt.Scale(**kwargs)


def line_chart(df: pd.DataFrame, x: str, y: str, *, color: str | None = None, x_title: str | None = None,
               y_title: str | None = None, log_x: bool = False, log_y: bool = False, points: bool = False,
               y_domain: Sequence[float] | None = None, tooltip: Sequence[str] = (),
               height: int = HEIGHT, dash: str | None = None, legend_at: str = "top") -> alt.Chart:
    """Lines of ``y`` over ``x``, one per value of ``color``; ``dash`` names a field for dash styles."""
    enc = {
        "x": alt.X(typed(df, x), title=x_title or x, scale=scale(log_x), axis=x_axis(**log_labels(log_x, df, x))),
        "y": alt.Y(typed(df, y), title=y_title or y, scale=scale(log_y, y_domain),
                   axis=alt.Axis(**log_labels(log_y, df, y))),
        "tooltip": tooltips(df, list(tooltip) or [x, y] + ([color] if color else [])),
    }
    if color:
        enc["color"] = _legend_color(typed(df, color), legend_at)
    if dash:
        enc["strokeDash"] = alt.StrokeDash(typed(df, dash), legend=legend(legend_at))
    return alt.Chart(df).mark_line(point=points, clip=True).encode(**enc).properties(height=height)


def points_chart(df: pd.DataFrame, x: str, y: str, *, color: str | None = None, log_x: bool = False,
                 log_y: bool = False, size: int = 40, filled: bool = True, tooltip: Sequence[str] = (),
                 height: int = HEIGHT, legend_at: str = "top") -> alt.Chart:
    """Simulation results as points (titles come from the layer they join)."""
    enc = {"x": alt.X(typed(df, x), scale=scale(log_x), axis=x_axis(**log_labels(log_x, df, x))),
           "y": alt.Y(typed(df, y), scale=scale(log_y), axis=alt.Axis(**log_labels(log_y, df, y))),
           "tooltip": tooltips(df, list(tooltip) or [x, y])}
    if color:
        enc["color"] = _legend_color(typed(df, color), legend_at)
    chart = alt.Chart(df).mark_point(size=size, filled=filled, clip=True).encode(**enc)
    return chart.properties(height=height)


# The series' domain is the data's (the names drawn), sorted so the simulation comes first: with the theory
# off the legend names the simulation alone, with no spec of its own
SERIES_SCALE = alt.Scale(range=[PALETTE[0], THEORY_COLOR])
SERIES_SHAPES = alt.Scale(range=["circle", "stroke"])


def theory_over_simulation(df: pd.DataFrame, x: str, simulated: str, exact: str, *, x_title: str,
                           y_title: str, log_x: bool = False, log_y: bool = False,
                           y_domain: Sequence[float] | None = None, tooltip: Sequence = (),
                           sim: pd.DataFrame | None = None, height: int = HEIGHT,
                           legend_at: str = "top", theory: bool = True) -> alt.LayerChart:
    """The closed form ``exact`` as a line drawn over Monte Carlo points ``simulated``.

    ``sim`` gives the points their own frame (e.g. fewer rows than the curve); both share ``x``. The
    legend draws the closed form as a line and the simulation as a dot, as the chart does: the two are
    told apart by shape, not by hue alone (black and blue are one grey to a reader without colour).
    ``theory`` off: the measurements first, the theory later: the line is drawn transparent (the axes stay as
    they will be when it comes) and the legend names the simulation alone; which is data (a ``shown``
    column), so the spec is the same either way and the browser updates the drawn chart in place.
    """
    df = df.assign(shown=float(theory))
    x_enc = alt.X(f"{x}:Q", title=x_title, scale=scale(log_x), axis=x_axis(**log_labels(log_x, df, x)))
    y_axis = alt.Axis(**log_labels(log_y, df, exact))
    tips = tooltips(df if sim is None else sim, list(tooltip) or [x, simulated, exact])
    color = alt.Color("series:N", scale=SERIES_SCALE, sort="descending", title=None, legend=legend(legend_at))
    shape = alt.Shape("series:N", scale=SERIES_SHAPES, sort="descending", legend=legend(legend_at))
    y_exact = alt.Y(f"{exact}:Q", title=y_title, scale=scale(log_y, y_domain), axis=y_axis)
    named = "datum.shown ? 'closed form' : 'simulation'"
    # an unseen point on the curve (its first row alone: nothing to draw on every update) puts the curve's name
    # in the shape legend, which the line has no shape for
    first = f"isFinite(datum['{exact}']) && isFinite(datum['{x}'])"
    names = alt.Chart(df).transform_filter(first).transform_window(row="row_number()").transform_filter(
        alt.datum.row == 1).transform_calculate(series=named).mark_point(opacity=0, aria=False, clip=True).encode(
        x=x_enc, y=y_exact, color=color, shape=shape)
    dots = alt.Chart(df if sim is None else sim).transform_calculate(series="'simulation'").mark_point(
        filled=True, size=50, clip=True).encode(
        x=x_enc, y=alt.Y(f"{simulated}:Q", title=y_title, scale=scale(log_y, y_domain), axis=y_axis), color=color,
        shape=shape, tooltip=tips)
    line = alt.Chart(df).transform_calculate(series=named).mark_line(clip=True, strokeWidth=2).encode(
        x=x_enc, y=y_exact, color=color, opacity=alt.Opacity("shown:Q", scale=None, legend=None))
    return alt.layer(names, dots, line).properties(height=height)


def _legend_color(field: str, legend_at: str = "top") -> alt.Color:
    return alt.Color(field, scale=alt.Scale(range=list(PALETTE)), legend=legend(legend_at))


PANEL_TICKS = 5  # y ticks of a small histogram panel: its domain is rounded to them


def histogram_with_curve(bars: pd.DataFrame, curve: pd.DataFrame | None, *, x_title: str,
                         y_title: str = "density", facet: str | None = None, columns: int = 5,
                         height: int = 200, panel_width: int = 125,
                         x_domain: Sequence[float] | None = None,
                         x_ticks: Sequence[float] | None = None, rows: int = 0) -> alt.Chart:
    """Histogram bars (``left``, ``right``, ``density``) with an exact density (``x``, ``density``) on top.

    With ``facet`` both frames carry that column and one small panel is drawn per value, each with
    its own y scale (the densities of different D differ by orders of magnitude), and ``x_title`` is
    written once under the row of panels. ``x_ticks`` puts the x axis's ticks at those values only.
    ``rows``: the data padded to that many rows (see :func:`padded`).
    """
    frames = [bars.assign(layer="simulation")]
    if curve is not None:
        frames.append(curve.assign(layer="theory"))
    data = padded(pd.concat(frames, ignore_index=True), rows)
    x_scale = alt.Scale(domain=list(x_domain)) if x_domain else alt.Scale(zero=False, nice=False)  # the bins span it
    x_axis_ = alt.Axis(values=list(x_ticks)) if x_ticks else alt.Undefined
    base = alt.Chart().encode(y=alt.Y("density:Q", title=y_title))
    simulated = base.mark_rect(opacity=0.55, color=PALETTE[0]).encode(
        x=alt.X("left:Q", title=None if facet else x_title, scale=x_scale, axis=x_axis_), x2="right:Q",
        tooltip=[alt.Tooltip("left:Q", format=".3g"), alt.Tooltip("right:Q", format=".3g"),
                 alt.Tooltip("density:Q", format=".3g")],
    ).transform_filter(alt.datum.layer == "simulation")
    layers = [simulated]
    if curve is not None:
        layers.append(base.mark_line(color=THEORY_COLOR, strokeWidth=2, aria=False).encode(  # its rows may be left out
            x=alt.X("x:Q", scale=x_scale, axis=x_axis_)).transform_filter(alt.datum.layer == "theory"))
    if facet is None:
        return alt.layer(*layers, data=data).properties(height=height)
    # the panel title says what y is. The domain ends on a tick of the axis (one count for both), so every panel
    # has a label on its top tick: a panel with one there (0.007 at D = 2) and one without (D = 3, whose top
    # tick was 0.010 of 0.011) stood out by half a label, and their titles sat at two heights
    y = alt.Y("density:Q", title=None, scale=alt.Scale(nice=PANEL_TICKS), axis=alt.Axis(tickCount=PANEL_TICKS))
    layers = [layer.encode(y=y) for layer in layers]
    panel = alt.layer(*layers).properties(height=height, width=panel_width)
    return panels_in_order(panel, data, bars[facet], facet, x_title, columns)


def panels_in_order(panel: alt.LayerChart, data: pd.DataFrame, order: pd.Series, facet: str, title: str,
                    columns: int) -> alt.FacetChart:
    """One ``panel`` per value of ``facet`` in ``data``, in the order those values first come in ``order``,
    with ``title`` once under the row of panels, each panel on its own scales.

    The order travels in the data (a ``panel`` rank the facet sorts by), not in the spec: the panels'
    names (D = 70, D = 100, …) change from frame to frame of ▶ while the spec stays the same."""
    rank = {value: k for k, value in enumerate(dict.fromkeys(order))}
    data = data.assign(panel=data[facet].map(rank))
    return alt.layer(panel, data=data).facet(
        facet=alt.Facet(f"{facet}:N", sort=alt.EncodingSortField("panel", op="min"),
                        title=title,  # one x title under all panels, not one per narrow panel
                        header=alt.Header(titleOrient="bottom", labelOrient="top")),
        columns=columns,
    ).resolve_scale(y="independent", x="independent")  # a given x_domain keeps the panels alike; a shared
    # axis in a wrapped facet would hang under an empty slot of the last row


def heatmap(df: pd.DataFrame, x: str, y: str, value: str, *, x_title: str | None = None,
            y_title: str | None = None, value_title: str | None = None, scheme: str = "viridis",
            domain: Sequence[float] | None = None, domain_mid: float | None = None,
            height: int = HEIGHT, ordinal: bool = True) -> alt.Chart:
    """A grid of ``value`` over (``x``, ``y``): ordinal cells (time × unit) or quantitative rects."""
    kind = "O" if ordinal else "Q"
    scale = {"scheme": scheme}
    if domain is None and df[value].nunique() == 1:
        domain = finite_range(df[value])  # one value: a bar around it, not a zero-width "NaN" bar
    if domain is not None:
        scale["domain"] = list(domain)
    if domain_mid is not None:
        scale["domainMid"] = domain_mid
    return alt.Chart(df).mark_rect().encode(
        x=alt.X(f"{x}:{kind}", title=x_title or x),
        y=alt.Y(f"{y}:{kind}", title=y_title or y),
        color=alt.Color(f"{value}:Q", title=value_title or value, scale=alt.Scale(**scale),
                        legend=value_legend(df[value])),
        tooltip=[alt.Tooltip(f"{x}:{kind}"), alt.Tooltip(f"{y}:{kind}"), alt.Tooltip(f"{value}:Q", format=".4g")],
    ).properties(height=height)


def rules(df: pd.DataFrame, *, x: str | None = None, y: str | None = None, label: str | None = None,
          label_at: str | None = None, color: str = "#555555", dash: Sequence[int] = (6, 4),
          outside: bool = False) -> alt.Chart:
    """Reference lines at ``x`` (vertical) or ``y`` (horizontal) values, optionally labelled.

    ``label_at`` names a column giving each label's position along the line (in data units), so
    labels of neighbouring lines don't overlap; by default labels sit at the top / left end.
    ``outside`` puts the labels of horizontal lines in the margin right of the plot, level with their
    line, for charts whose curves run all along it ("\\n" in a label breaks the line).
    """
    enc = {"x": alt.X(f"{x}:Q")} if x else {"y": alt.Y(f"{y}:Q")}
    line = alt.Chart(df).mark_rule(color=color, strokeDash=list(dash)).encode(**enc)
    if not label:
        return line
    where, style = {}, {"align": "left", "dx": 4, "dy": -6}
    if y:  # a horizontal line's label sits on top of it, whatever the font size (not struck through)
        style = {"align": "left", "dx": 4, "dy": -3, "baseline": "bottom"}
    if outside and y:
        where, style = {"x": alt.value("width")}, {"align": "left", "dx": 6, "baseline": "middle"}
    elif label_at:
        where = {"y": alt.Y(f"{label_at}:Q")} if x else {"x": alt.X(f"{label_at}:Q")}
    elif x:
        where = {"y": alt.value(8)}
    text = alt.Chart(df).mark_text(color=color, lineBreak="\n", **style)
    text = text.encode(**enc, **where, text=f"{label}:N")
    return alt.layer(line, text)


def pointer_readout(df: pd.DataFrame, x: str, columns: Sequence[tuple[str, str]], *, name: str,
                    x_title: str, digits: str = ".3f") -> alt.LayerChart:
    """A rule that follows the pointer along ``x``, snapped to the nearest row of ``df`` (one row per x),
    and a tooltip there with every ``(field, title)`` of ``columns``: the values at that x, read in the
    browser by a Vega-Lite parameter (a nearest point selection on pointerover), with no rerun.

    Its parameter and its layers never depend on the page's controls, so a chart that gains it keeps its
    spec when a marker moves."""
    near = alt.selection_point(name=name, fields=[x], nearest=True, on="pointerover", clear="pointerout",
                               empty=False)
    tips = [alt.Tooltip(f"{x}:Q", title=x_title)] + [alt.Tooltip(f"{f}:Q", title=t, format=digits)
                                                     for f, t in columns]
    # Pointer aids, not content: out of the accessibility tree (an empty rule group without a name is an
    # axe violation), the values being in the page's tables and equations.
    catch = alt.Chart(df).mark_point(opacity=0, size=1, aria=False).encode(
        x=alt.X(f"{x}:Q"), tooltip=tips).add_params(near)
    rule = alt.Chart(df).mark_rule(color="#6b6b6b", strokeWidth=1.5, aria=False).encode(
        x=alt.X(f"{x}:Q")).transform_filter(near)
    return alt.layer(catch, rule)


def step_x(field: str, title: str, lo: float, hi: float | None = None, *, pad: float = PAD) -> alt.X:
    """A time axis over whole steps ``lo`` … ``hi``: integer ticks only, no "2.0", no "0" before step 1.

    ``pad`` pixels of room at both ends keep a marker on the first or last step whole. Without ``hi`` the
    axis spans the data (with :func:`step_span` layered in, a span the data carries): the spec then stays
    the same when the number of steps changes, and the browser updates the chart in place."""
    if hi is not None and hi <= lo:  # a single step: give it some room
        lo, hi = lo - 0.5, hi + 0.5
    domain = {} if hi is None else {"domain": [lo, hi]}
    return alt.X(f"{field}:Q", title=title,
                 scale=alt.Scale(nice=False, zero=False, padding=pad, **domain),
                 axis=x_axis(format="d", tickMinStep=1,  # the padding may reach a "0" before step 1
                                    labelExpr=f"datum.value < {lo} ? '' : datum.label"))


def data_step_x(field: str, title: str, lo: float, values: pd.Series, *, pad: float = PAD) -> alt.X:
    """:func:`step_x` over the steps in ``values`` (which start at ``lo``): no range in the spec, so more
    steps are new data for the same spec; a single step keeps its room around it."""
    hi = float(values.max()) if len(values) else lo
    return step_x(field, title, lo, hi if hi <= lo else None, pad=pad)


def step_span(field: str, title: str, lo: float, hi: float, *, pad: float = PAD) -> alt.Chart:
    """An invisible layer whose data holds ``lo`` and ``hi`` (widened around a single step): layered with
    charts on ``step_x(field, title, lo)``, the axis runs over lo … hi even where their rows end early (an
    exploded value left out), and a new ``hi`` is new data, not a new spec."""
    first, last = (lo - 0.5, hi + 0.5) if hi <= lo else (lo, hi)
    return alt.Chart(pd.DataFrame({field: [first, last]})).mark_rule(opacity=0, aria=False).encode(
        x=step_x(field, title, lo, pad=pad))


def fit_width(chart):
    """Stretch to the container's width only; ``height`` stays the plot's own height (Streamlit's
    default autosize "fit" would squeeze the plot to make room for titles and legends)."""
    return chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
