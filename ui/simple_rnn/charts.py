"""Altair builders of the simple-RNN page (DataFrame in, chart out; no ``st.*``).

Frames come from ``data.py``; time steps are 1-based (``t``) as in the formulas. Signed values use the
kit's value colours (``ui/kit/colors.py``): positive red, negative blue.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from ui.kit import charts as kit
from ui.kit.charts import fit_width, step_span, step_x
from ui.kit.colors import SIGNED_STOPS, color_scale
from ui.kit.specs import cached_chart

GREY = "#d9d9d9"
# Two series never differ by hue alone: the second one is dashed, and its points are squares.
DASHES = [[1, 0], [6, 4]]
SHAPES = ["circle", "square"]
DROPPED_SIZE = alt.RelativeBandSize(0.45)  # a dropped pair is a small grey square inside its cell
SHADE_LABELS = "datum.value > 0 ? '+max' : datum.value < 0 ? '−max' : '0'"  # the ends of a symlog bar


def _series_order(values: pd.Series, last: str) -> list[str]:
    """The series names with those starting with ``last`` at the end (they get the dashed line)."""
    return sorted(dict.fromkeys(values), key=lambda name: name.startswith(last))


@cached_chart
def hidden_heatmap(df: pd.DataFrame, step: int) -> alt.LayerChart:
    """h_t for every unit over time (``t``, ``unit``, ``h``), the scrubbed step outlined."""
    n_units = int(df["unit"].nunique())
    cells = kit.heatmap(df, "t", "unit", "h", x_title="time step t", y_title="hidden unit",
                           value_title="h_t", height=max(220, 18 * n_units)).encode(
        y=alt.Y("unit:O", title="hidden unit", axis=alt.Axis(labelOverlap=False)),
        color=alt.Color("h:Q", title="h_t", scale=color_scale("h"), legend=kit.value_legend()))
    return fit_width(alt.layer(cells, _step_marker(df, step)))


def _step_marker(df: pd.DataFrame, step: int) -> alt.Chart:
    marker = df[df["t"] == step].head(1)
    return alt.Chart(marker).mark_rect(fill=None, stroke=kit.PALETTE[1], strokeWidth=3).encode(
        x=alt.X("t:O"))


@cached_chart
def loss_chart(df: pd.DataFrame, step: int) -> alt.LayerChart:
    """L_t per step (``t``, ``loss``) as bars, the scrubbed step in the accent colour, outlined and
    labelled "t = …" above its bar (not by its colour alone)."""
    n = len(df)
    align = "right" if step > 0.85 * n else ("left" if step <= 0.15 * n else "center")
    x = alt.X("t:O", title="time step t")
    df = df.assign(now=df["t"] == step)  # the step in the data, not the spec: ▶ redraws the chart in place
    bars = alt.Chart(df).mark_bar().encode(
        x=x,
        y=alt.Y("loss:Q", title="L_t = −log ŷ_t[target]"),
        color=alt.condition(alt.datum.now, alt.value(kit.PALETTE[1]), alt.value(kit.PALETTE[0])),
        stroke=alt.condition(alt.datum.now, alt.value("#111111"), alt.value(None)),
        strokeWidth=alt.value(2),
        tooltip=["t", "input", "target", alt.Tooltip("loss:Q", format=".4f")],
    )
    # the label sits above the plot, over its bar, where no taller neighbour can cover it
    marked = df[df["now"]].assign(label=f"t = {step}")
    label = alt.Chart(marked).mark_text(baseline="bottom", dy=-3, align=align, color="#111111").encode(
        x=x, y=alt.value(0), text="label:N")
    return alt.layer(bars, label).properties(height=200)


@cached_chart
def error_norm_chart(df: pd.DataFrame, seq_len: int | None = None) -> alt.Chart:
    """‖∂L/∂h_t‖ over t = 1 … T (``t``, ``norm``, ``kind``: full / truncated), log scale.

    The legend sits below the plot, where it can't cover the curves (which end high on the right).
    """
    hi = int(df["t"].max()) if seq_len is None else seq_len
    order = _series_order(df["kind"], "truncated")
    legend = kit.legend("bottom")
    chart = kit.line_chart(df, "t", "norm", color="kind", x_title="time step t", y_title="‖∂L/∂h_t‖",
                              log_y=True, points=True, height=240, legend_at="bottom")
    return fit_width(alt.layer(chart.encode(
        x=step_x("t", "time step t", 1),
        color=alt.Color("kind:N", scale=alt.Scale(domain=order, range=list(kit.PALETTE)), legend=legend),
        strokeDash=alt.StrokeDash("kind:N", scale=alt.Scale(domain=order, range=DASHES), legend=legend),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=order, range=SHAPES), legend=legend)),
        step_span("t", "time step t", 1, hi)))


def shade_bound(values: pd.Series) -> float:
    """The end B of :func:`symlog_shades`' scale: the largest finite |v| (0 when there is none)."""
    finite = values.abs()[np.isfinite(values)]
    return float(finite.max()) if len(finite) else 0.0


def symlog_shades(values: pd.Series) -> tuple[pd.Series, float]:
    """Each value's place on a symmetric log colour scale, in [−1, 1], and the scale's end B, the largest
    finite |v|:

        shade(v) = sign(v) · log(1 + |v|/c) / log(1 + B/c),   c = median |v| over the finite v ≠ 0

    (Vega's symlog with constant c on the domain [−B, 0, B]: per-step terms and a sum 10⁹ times larger both
    stay readable). ±∞ go to the ends, NaN stays NaN (no cell), all zeros give 0. Shades rather than values
    keep the chart's spec the same for every input: new data, drawn in place, not a chart built anew."""
    magnitude = values.abs()
    finite = magnitude[np.isfinite(magnitude)]
    bound = shade_bound(values)
    if not bound > 0:
        return np.sign(values).mask(np.isfinite(values), 0.0).astype(float), bound
    constant = float(finite[finite > 0].median())
    shade = (np.sign(values) * np.log1p(magnitude / constant) / math.log1p(bound / constant)).clip(-1.0, 1.0)
    return shade.astype(float), bound


@cached_chart
def contributions_chart(df: pd.DataFrame, *, columns: int = 6) -> alt.FacetChart:
    """One small heatmap of ∂L/∂W per panel (``panel``, ``i``, ``j``, ``value``, ``kept``), in the frame's
    order: each step's contribution and, last, their sum; dropped contributions (``kept`` False) in grey.
    Colours by :func:`symlog_shades`; the colour bar reads −max, 0, +max (the caption says max)."""
    shade, _ = symlog_shades(df["value"])
    data = df.assign(shade=shade, order=pd.factorize(df["panel"])[0])
    signed = alt.Scale(domain=[stop for stop, _ in SIGNED_STOPS], range=[c for _, c in SIGNED_STOPS],
                       interpolate="rgb")
    legend = alt.Legend(values=[-1, 0, 1], labelExpr=SHADE_LABELS, title=["∂L/∂W entry", "(symlog)"])
    color = alt.condition(alt.datum.kept, alt.Color("shade:Q", scale=signed, legend=legend), alt.value(GREY))
    return alt.Chart(data).mark_rect().encode(
        x=alt.X("j:O", title=None, axis=None), y=alt.Y("i:O", title=None, axis=None), color=color,
        tooltip=["panel", "i", "j", alt.Tooltip("value:Q", format=".4g"), "kept"],
    ).properties(width=90, height=90).facet(
        facet=alt.Facet("panel:N", sort=alt.EncodingSortField("order", op="min"), title=None), columns=columns)


@cached_chart
def paths_heatmap(df: pd.DataFrame) -> alt.Chart:
    """Which loss reaches ∂L/∂W through which step (``t`` loss, ``s`` step, ``log10_norm``, ``kept``).

    With T = 1 the only path starts from h₀ = 0 and carries nothing, so the frame may be empty (no
    colour bar then) or hold one value (a bar around it)."""
    # the colours span the data (the frame holds finite norms only), so a new T is new data, not a new spec;
    # a single value gets a domain around it (a zero-width one has no colours)
    single = df["log10_norm"].nunique() == 1
    span = kit.finite_range(df["log10_norm"])
    scale = alt.Scale(scheme="viridis", domain=list(span)) if single and span else alt.Scale(scheme="viridis")
    color = alt.condition(alt.datum.kept, alt.Color(
        "log10_norm:Q", title=["log₁₀ ‖∂L_t/∂W", "via step s‖"], scale=scale,
        legend=kit.value_legend(df["log10_norm"])), alt.value(GREY))
    # Dropped pairs are small squares, not only grey: a grey and a viridis cell can look alike.
    cells = alt.Chart(df).encode(
        x=alt.X("s:O", title="step s the error reaches"), y=alt.Y("t:O", title="loss L_t"), color=color,
        tooltip=["t", "s", alt.Tooltip("log10_norm:Q", format=".2f"), "kept"])
    return alt.layer(cells.transform_filter(alt.datum.kept).mark_rect(),
                     cells.transform_filter(~alt.datum.kept).mark_rect(width=DROPPED_SIZE, height=DROPPED_SIZE),
                     ).properties(height=300)


def log_domain(values: pd.Series) -> list[float]:
    """Whole decades around the positive ``values``: [10^⌊log₁₀ min⌋, 10^⌈log₁₀ max⌉], at least one decade."""
    positive = values[values > 0]
    if positive.empty:
        return [0.1, 1.0]
    lo, hi = math.floor(math.log10(positive.min())), math.ceil(math.log10(positive.max()))
    return [10.0 ** lo, 10.0 ** max(hi, lo + 1)]


@cached_chart
def truncation_error_chart(df: pd.DataFrame, k: int, seq_len: int | None = None) -> alt.LayerChart:
    """Relative error of the truncated ∂L/∂W over the window k = 1 … T (``k``, ``error``), k marked.

    The log axis spans the decades of the positive errors; an error of exactly 0 has no place on it,
    so it is drawn as a ▼ on the bottom edge (tooltip "exactly 0") rather than dropped or clipped.
    """
    domain = log_domain(df["error"])
    hi = int(df["k"].max()) if seq_len is None else seq_len
    plot = df.assign(shown=df["error"].where(df["error"] > 0, domain[0]), zero=df["error"] == 0)
    x = step_x("k", "truncation window k", 1, pad=10)
    y = alt.Y("shown:Q", title="relative error (log)", scale=alt.Scale(type="log", domain=domain, nice=False),
              axis=kit.log_axis(domain))
    tips = [alt.Tooltip("k:Q"), alt.Tooltip("error:Q", format=".3g")]
    line = alt.Chart(plot[~plot["zero"]]).mark_line(point=True, clip=True, color=kit.PALETTE[0]).encode(
        x=x, y=y, tooltip=tips)
    zeros = alt.Chart(plot[plot["zero"]]).mark_point(shape="triangle-down", size=90, filled=True,
                                                     color=kit.PALETTE[0]).encode(
        x=x, y=y, tooltip=[alt.Tooltip("k:Q"), alt.Tooltip("error:Q", title="error (exactly 0)")])
    chosen = plot[plot["k"] == k].assign(label=f"k = {k}")  # the label in the data: a new k is not a new spec
    here = alt.Chart(chosen).mark_point(size=160, color=kit.PALETTE[1], filled=True).encode(
        x=x, y=y, tooltip=tips)
    align = "right" if k > 0.7 * hi else "left"  # the label stays inside the plot, beside the marker
    label = alt.Chart(chosen).mark_text(align=align, dx=-10 if align == "right" else 10, baseline="middle",
                                        color="#111111").encode(x=x, y=y, text="label:N")
    span = step_span("k", "truncation window k", 1, hi, pad=10)
    return fit_width(alt.layer(line, zeros, here, label, span).properties(height=280))


@cached_chart
def jacobian_chart(df: pd.DataFrame, seq_len: int | None = None) -> alt.Chart:
    """‖∂h_T/∂h_t‖₂ and its bound over the distance T − t (``lag``, ``value``, ``curve``), log scale.

    The distance axis runs over whole steps 0 … T (``seq_len``; by default the largest lag drawn)."""
    hi = int(df["lag"].max()) if seq_len is None else seq_len
    order = _series_order(df["curve"], "bound")  # the bound is dashed
    legend = kit.legend(symbolType="stroke", symbolSize=900)  # a legend line long enough to show its dashes
    lines = kit.line_chart(df, "lag", "value", color="curve", x_title="distance in time T − t",
                           y_title="norm (log)", log_y=True, height=360,
                           tooltip=["lag", "curve", alt.Tooltip("value:Q", format=".3g")]).encode(
        x=step_x("lag", "distance in time T − t", 0),
        color=alt.Color("curve:N", scale=alt.Scale(domain=order, range=[kit.PALETTE[1], kit.PALETTE[0]]),
                        legend=legend),
        strokeDash=alt.StrokeDash("curve:N", scale=alt.Scale(domain=order, range=DASHES), legend=legend))
    return alt.layer(lines, step_span("lag", "distance in time T − t", 0, hi))


@cached_chart
def entry_chart(df: pd.DataFrame, entry: tuple[int, int]) -> alt.LayerChart:
    """∂L/∂W^{(t)} at one entry (i, j) per step as bars (``t``, ``value``), and their running sum
    (``running``) as a dashed line with squares: its last point is the entry of ∂L/∂W."""
    i, j = entry
    x = alt.X("t:O", title="time step t")
    tips = ["t", alt.Tooltip("value:Q", title=f"∂L/∂W^(t) [{i},{j}]", format=".4g"),
            alt.Tooltip("running:Q", title="sum over steps 1..t", format=".4g")]
    bars = alt.Chart(df).mark_bar(color=kit.PALETTE[0]).encode(
        x=x, y=alt.Y("value:Q", title=f"entry ({i}, {j})"), tooltip=tips)
    running = alt.Chart(df).mark_line(color=kit.PALETTE[1], strokeDash=DASHES[1], point=alt.OverlayMarkDef(
        shape="square", color=kit.PALETTE[1])).encode(x=x, y="running:Q", tooltip=tips)
    last = df.tail(1)
    last = last.assign(label=f"Σ = {float(last['running'].iloc[0]):.3g}")  # in the data: the spec stays
    label = alt.Chart(last).mark_text(align="right", dx=-8, dy=-10, color="#111111").encode(
        x=x, y="running:Q", text="label:N")
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#777777").encode(y="y:Q")
    return fit_width(alt.layer(bars, zero, running, label).properties(height=220))


TRAIN_DASHES = [[1, 0], [6, 4], [2, 3]]  # chunks solid, window dashed, full BPTT dotted
TRAIN_SHAPES = ["circle", "square", "triangle-up"]


@cached_chart
def training_chart(df: pd.DataFrame, x: str, kinds: tuple[str, ...]) -> alt.Chart:
    """The whole-text loss of the three training runs (``kind``, ``update``, ``work``, ``loss``) over
    ``x`` ("update" or "work", log scale from 1; the start at 0 is left out), each run by colour, dash
    and point shape."""
    title = {"update": "updates of the weights (log)", "work": "work: products with W or Wᵀ (log)"}[x]
    data = df[df[x] > 0]
    legend = kit.legend("bottom", direction="vertical", labelLimit=400)
    domain = list(kinds)
    return alt.Chart(data).mark_line(point=True, clip=True).encode(
        x=alt.X(f"{x}:Q", title=title, scale=alt.Scale(type="log")),
        y=alt.Y("loss:Q", title="mean loss per step", scale=alt.Scale(zero=False)),
        color=alt.Color("kind:N", scale=alt.Scale(domain=domain, range=list(kit.PALETTE[:3])), legend=legend),
        strokeDash=alt.StrokeDash("kind:N", scale=alt.Scale(domain=domain, range=TRAIN_DASHES), legend=legend),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=domain, range=TRAIN_SHAPES), legend=legend),
        tooltip=["kind", "update", alt.Tooltip("work:Q", format=","), alt.Tooltip("loss:Q", format=".4f")],
    ).properties(height=300)
