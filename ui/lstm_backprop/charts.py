"""Charts of the back-propagation page: error sizes through time, the cliff, training with clipping.

Builders take the DataFrames of ``data.py`` and return Altair charts (no ``st.*``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import altair as alt
import numpy as np
import pandas as pd

from ui import in_browser
from ui.kit import charts as kit
from ui.kit import png
from ui.kit.colors import PIN_LINE
from ui.kit.played import declare_param
from ui.kit.specs import cached_chart

RUN_COLORS = {"no clipping": kit.PALETTE[1], "norm clipping": kit.PALETTE[0],
              "value clipping": kit.PALETTE[3], "clipped at τ": kit.PALETTE[0]}


# Each run's line style beside its colour (no clipping's pink and clipping's blue are one grey to a reader
# without colour vision): no clipping short dashes, norm clipping solid, value clipping long dashes.
RUN_DASHES = {"no clipping": [2, 2], "norm clipping": [1, 0], "value clipping": [12, 6], "clipped at τ": [1, 0]}
# Training runs are told apart by markers instead (their dash says the model): clipped steps are diamonds
# on the cliff, so a clipped run's markers are diamonds too.
RUN_SHAPES = {"no clipping": "circle", "clipped at τ": "diamond"}
PINNED = "pinned: clipped at τ = "  # a run kept from a pinned τ (the section's "Pin τ"): grey, behind the others
PINNED_STYLE = (PIN_LINE, [1, 0], "square")  # colour, dash, marker shape


def pinned_run(tau: float) -> str:
    """The legend name of the runs clipped at the pinned ``tau``."""
    return f"{PINNED}{tau:g}"


def _style(run: str) -> tuple[str, list[int], str]:
    """A run's colour, dash and marker shape: its own, or the pinned runs' grey."""
    if run.startswith(PINNED):
        return PINNED_STYLE
    return RUN_COLORS[run], RUN_DASHES[run], RUN_SHAPES.get(run, "circle")


def _names(df: pd.DataFrame) -> list[str]:
    """The runs of ``df`` in legend order: the page's own, then a pinned one."""
    present = set(df["run"])
    return [r for r in RUN_COLORS if r in present] + sorted(r for r in present if r.startswith(PINNED))
SERIES_DASHES = ([1, 0], [8, 4], [2, 2], [10, 3, 2, 3])  # the through-time series, in FLOW_LABELS' order
MARKERS = 12  # about this many markers along each training run

SURFACE_DOMAIN = (-3.0, 1.5)  # log₁₀ L from the lightest to the darkest grey, clamped beyond
SURFACE_GREYS = (0xFB, 0x3A)  # light → dark: #fbfbfb, #3a3a3a
READOUT_CELLS = 30  # the surface's hover readout: L at the centre of 30 × 30 blocks of its cells (900 items)
SURFACE_SCALE = alt.Scale(domain=list(SURFACE_DOMAIN), clamp=True, interpolate="rgb",
                          range=[f"#{g:02x}{g:02x}{g:02x}" for g in SURFACE_GREYS])


def _run_scale(runs: Sequence[str]) -> alt.Scale:
    return alt.Scale(domain=list(runs), range=[_style(r)[0] for r in runs])


def _run_color(field: str, runs: Sequence[str], symbol: str | None = "circle") -> alt.Color:
    key = kit.legend("bottom", symbolType=symbol) if symbol else kit.legend("bottom")
    return alt.Color(f"{field}:N", title=None, legend=key, scale=_run_scale(runs))


def _run_dash(field: str, runs: Sequence[str]) -> alt.StrokeDash:
    """The runs' dash styles, in the same legend as their colours."""
    return alt.StrokeDash(f"{field}:N", title=None, legend=kit.legend("bottom", symbolType="stroke"),
                          scale=alt.Scale(domain=list(runs), range=[_style(r)[1] for r in runs]))


@cached_chart
def flow_chart(df: pd.DataFrame, seq_len: int, key_columns: int | None = None) -> alt.Chart:
    """Size of the error that reached step t from a loss at the last step, log scale; the key in one row, or
    in ``key_columns`` columns (a half-width figure)."""
    chart = kit.line_chart(df, "t", "size", color="series", log_y=True, x_title="time step t",
                              y_title="error size (log scale)", height=340,
                              tooltip=["series:N", "t:Q", alt.Tooltip("size:Q", format=".3g")])
    series = list(dict.fromkeys(df["series"]))
    key = kit.legend("bottom", symbolType="stroke", **({"columns": key_columns} if key_columns else {}))
    return chart.encode(
        x=alt.X("t:Q", title="time step t", scale=alt.Scale(domain=[1, seq_len], nice=False)),
        color=alt.Color("series:N", title=None, legend=key,
                        scale=alt.Scale(domain=series, range=list(kit.PALETTE[:len(series)]))),
        strokeDash=alt.StrokeDash("series:N", title=None, legend=key,
                                  scale=alt.Scale(domain=series, range=list(SERIES_DASHES[:len(series)]))))


def surface_greys(surface: pd.DataFrame) -> np.ndarray:
    """The grey of every cell as ``SURFACE_SCALE`` shades log₁₀ L: t = clamp((v − lo)/(hi − lo), 0, 1) over
    ``SURFACE_DOMAIN``, grey = (1 − t)·light + t·dark; one pixel a cell, cell (i, j) at column i and, the
    highest b on top, row n_b − 1 − j."""
    n_w, n_b = int(surface["i"].max()) + 1, int(surface["j"].max()) + 1
    (lo, hi), (light, dark) = SURFACE_DOMAIN, SURFACE_GREYS
    t = np.full((n_b, n_w), np.nan)
    t[surface["j"].to_numpy(), surface["i"].to_numpy()] = surface["log10 loss"].to_numpy()
    t = np.clip((np.nan_to_num(t, nan=hi) - lo) / (hi - lo), 0.0, 1.0)
    return np.rint((1 - t) * light + t * dark).astype(np.uint8)[::-1]


def surface_image(surface: pd.DataFrame, window: tuple[tuple, tuple]) -> pd.DataFrame:
    """The surface as one PNG spanning the window (a row: its ``data:`` URL and the window's corners). An image
    mark is one item to draw where n² rectangles were n² items, each encoded by Streamlit's expression
    interpreter (120 × 120 cells: ~0.75 s of a fresh tab of the page here)."""
    (w_lo, w_hi), (b_lo, b_hi) = window
    return pd.DataFrame({"url": [png.data_uri(png.png(surface_greys(surface)))], "w_lo": [float(w_lo)],
                         "w_hi": [float(w_hi)], "b_lo": [float(b_lo)], "b_hi": [float(b_hi)]})


def surface_readout(surface: pd.DataFrame, window: tuple[tuple, tuple], cells: int = READOUT_CELLS
                    ) -> pd.DataFrame:
    """What hovering the surface reads: the window cut into ``cells`` × ``cells`` blocks of its cells (fewer
    when the surface has fewer), each block's edges and L at the cell nearest its centre (w, b there). An
    image cannot answer the pointer; 900 unseen blocks over it can, at a sixteenth of the items the
    surface's cells would be (and ~25 kB of float32 data)."""
    (w_lo, w_hi), (b_lo, b_hi) = window
    n_w, n_b = int(surface["i"].max()) + 1, int(surface["j"].max()) + 1
    k_w, k_b = max(1, -(-n_w // cells)), max(1, -(-n_b // cells))  # cells a block, ceil
    i, j = surface["i"].astype(int), surface["j"].astype(int)
    centre_i, centre_j = np.minimum(i // k_w * k_w + k_w // 2, n_w - 1), np.minimum(j // k_b * k_b + k_b // 2, n_b - 1)
    picked = surface[(i == centre_i) & (j == centre_j)]
    dw, db = (w_hi - w_lo) / n_w, (b_hi - b_lo) / n_b
    block_i, block_j = picked["i"].astype(int) // k_w, picked["j"].astype(int) // k_b
    return pd.DataFrame({
        "w0": w_lo + block_i * k_w * dw, "w1": np.minimum(w_lo + (block_i + 1) * k_w * dw, w_hi),
        "b0": b_lo + block_j * k_b * db, "b1": np.minimum(b_lo + (block_j + 1) * k_b * db, b_hi),
        "w": w_lo + (picked["i"].astype(int) + 0.5) * dw, "b": b_lo + (picked["j"].astype(int) + 0.5) * db,
        "L": np.power(10.0, picked["log10 loss"].astype(float))}).reset_index(drop=True).astype(np.float32)


def _surface(surface: pd.DataFrame, window: tuple[tuple, tuple], w_scale: alt.Scale, b_scale: alt.Scale
             ) -> alt.LayerChart:
    """log₁₀ L over (w, b) as an image; its grey scale's legend from two unseen points at the window's
    corner (the image has no fill of its own for a legend to read); unseen blocks that say L under the
    pointer (:func:`surface_readout`)."""
    image = alt.Chart(surface_image(surface, window)).mark_image(aspect=False, smooth=False, aria=False).encode(
        x=alt.X("w_lo:Q", title="recurrent weight w", scale=w_scale), x2="w_hi:Q",
        y=alt.Y("b_lo:Q", title="bias b", scale=b_scale), y2="b_hi:Q", url="url:N")
    (w_lo, _), (b_lo, _) = window
    ends = pd.DataFrame({"w": [float(w_lo)] * 2, "b": [float(b_lo)] * 2, "log10 loss": list(SURFACE_DOMAIN)})
    legend = alt.Chart(ends).mark_point(opacity=0, aria=False).encode(
        x=alt.X("w:Q", scale=w_scale), y=alt.Y("b:Q", scale=b_scale),
        fill=alt.Fill("log10 loss:Q", title="log₁₀ L", scale=SURFACE_SCALE,
                      legend=kit.value_legend(type="gradient")))
    readout = alt.Chart(surface_readout(surface, window)).mark_rect(opacity=0, aria=False).encode(
        x=alt.X("w0:Q", scale=w_scale), x2="w1:Q", y=alt.Y("b0:Q", scale=b_scale), y2="b1:Q",
        tooltip=[alt.Tooltip("w:Q", title="w", format=".3f"), alt.Tooltip("b:Q", title="b", format=".3f"),
                 alt.Tooltip("L:Q", title="loss L", format=".3g")])
    return alt.layer(image, legend, readout)


@cached_chart
def cliff_chart(surface: pd.DataFrame, runs: pd.DataFrame, window: tuple[tuple, tuple],
                at: in_browser.At) -> alt.LayerChart:
    """log₁₀ L over (w, b) as a heatmap (one image, a pixel a cell), with the three descents drawn on top from
    the same start, at the τ the slider shows (``at``)."""
    (w_lo, w_hi), (b_lo, b_hi) = window
    w_scale = alt.Scale(domain=[w_lo, w_hi], nice=False, zero=False)
    b_scale = alt.Scale(domain=[b_lo, b_hi], nice=False, zero=False)
    heat = _surface(surface, window, w_scale, b_scale)
    names = [r for r in RUN_COLORS if r in set(runs["run"])]
    tips = ["run:N", "step:Q", alt.Tooltip("w:Q", format=".3f"), alt.Tooltip("b:Q", format=".3f"),
            alt.Tooltip("grad norm:Q", format=".3g"), "clipped:N"]  # the loss: the chart under it
    base = alt.Chart(_at_every_tau(runs, ("w", "b", "grad norm", "clipped"))).transform_filter(at.shown("tau")).encode(
        x=alt.X("w:Q", scale=w_scale), y=alt.Y("b:Q", scale=b_scale), color=_run_color("run", names, "stroke"),
        tooltip=tips)
    plain = alt.datum.run == "no clipping"  # drawn last and thinner: where the runs coincide both show
    dash = _run_dash("run", names)
    # a white casing under every path: the lines stand out from the grey surface whatever their hue (under
    # red-green deficiencies the plain run's pink is a mid grey, lost on the surface without it)
    casing = base.mark_line(strokeWidth=5, clip=True, color="#ffffff", opacity=0.8).encode(
        order="step:Q", detail="run:N", color=alt.value("#ffffff"), tooltip=alt.value(None))
    paths = alt.layer(
        casing,
        base.transform_filter(~plain).mark_line(strokeWidth=3, clip=True).encode(
            order="step:Q", detail="run:N", strokeDash=dash),
        base.transform_filter(plain).mark_line(strokeWidth=2, clip=True).encode(order="step:Q", strokeDash=dash))
    dots = base.mark_point(filled=True, size=14, opacity=1, clip=True).encode(
        color=alt.Color("run:N", legend=None, scale=_run_scale(names)),
        shape=alt.Shape("clipped:N", title=None, legend=alt.Legend(
                            orient="bottom", labelExpr="datum.label == 'true' ? 'clipped step' : 'step'"),
                        scale=alt.Scale(domain=[False, True], range=["circle", "diamond"])))
    start = runs[runs["step"] == 0].head(1).assign(label="start")
    at_start = alt.Chart(start).encode(x=alt.X("w:Q", scale=w_scale), y=alt.Y("b:Q", scale=b_scale))
    label = alt.layer(at_start.mark_point(shape="circle", size=220, strokeWidth=2.5, color="#ffffff"),
                      at_start.mark_text(align="left", dx=12, dy=-12, fontWeight="bold", fontSize=15,
                                         color="#ffffff").encode(text="label:N"))
    # the surface is drawn by fill, the runs by colour: two scales, and the runs' colours and dashes share
    # one legend
    return at.declare(alt.layer(heat, paths, dots, label).properties(height=460))


LOSS_TICKS = 4  # ticks on the cliff's loss axis: fewer than its decades, so Vega puts them on powers of ten
LOSS_CEILING = 1e2  # above this a run has blown up: its line leaves the top of the chart
NORM_CEILING = 1e3


def _log_domain(values: pd.Series, ceiling: float) -> list[float]:
    """A log-axis domain that holds the data up to ``ceiling`` (an exploded run leaves through the top)."""
    positive = values[(values > 0) & (values < float("inf"))]
    lo = max(float(positive.min()) if len(positive) else 1e-3, 1e-8)
    hi = min(max(float(positive.max()) if len(positive) else 1.0, 1.0), ceiling)
    return [lo, hi]


def _model_tip(df: pd.DataFrame) -> list[str]:
    return ["model:N"] if "model" in df else []


def _by_model(chart: alt.Chart, df: pd.DataFrame) -> alt.Chart:
    """One line style per model (LSTM solid, simple RNN dashed) when the frame holds several."""
    if "model" not in df or df["model"].nunique() < 2:
        return chart
    models = list(dict.fromkeys(df["model"]))
    key = kit.legend("bottom", symbolType="stroke", symbolStrokeColor="#555555")  # no colour of its own
    return chart.encode(strokeDash=alt.StrokeDash("model:N", title=None, legend=key,
                                                  scale=alt.Scale(domain=models, range=[[1, 0], [5, 3]])))


@cached_chart
def cliff_loss_chart(runs: pd.DataFrame, at: in_browser.At) -> alt.Chart:
    """Loss along each descent, log scale, at the τ the slider shows (``at``): the unclipped run's jump is the
    step that hit the wall."""
    names = [r for r in RUN_COLORS if r in set(runs["run"])]
    rows = _at_every_tau(runs, ("loss",))
    line = alt.Chart(rows).transform_filter(at.shown("tau")).mark_line(point=alt.OverlayMarkDef(size=16), clip=True)
    chart = line.encode(
        x=alt.X("step:Q", title="gradient-descent step", scale=kit.scale(False), axis=kit.x_axis()),
        y=alt.Y("loss:Q", title="loss L(w, b) (log scale)", scale=kit.scale(True),
                # Vega's ticks: fixed tick values (``kit.log_labels``) would be those of every τ at once
                axis=alt.Axis(labelExpr=kit.VEGA_LOG_LABELS, tickCount=LOSS_TICKS)),
        color=_run_color("run", names, "stroke"), strokeDash=_run_dash("run", names),
        tooltip=["run:N", "step:Q", alt.Tooltip("loss:Q", format=".3g")],
    ).properties(height=320)
    return at.declare(chart)


def _at_every_tau(runs: pd.DataFrame, values: Sequence[str]) -> pd.DataFrame:
    """The columns a cliff chart reads of the descents at every τ (~12,000 rows): τ, the run, the step and
    ``values``, its numbers in single precision (drawn, and shown to three digits; τ is matched within half a
    step). A chart sent 43 bytes a row, 520 kB, for every τ's descents; now 10–18."""
    rows = runs[["tau", "run", "step", *values]]
    return rows.astype({c: np.float32 for c in ("tau", *values) if rows[c].dtype.kind == "f"})


def _markers(base: alt.Chart, df: pd.DataFrame, y: alt.Y, names: Sequence[str]) -> alt.Chart:
    """Every few steps a marker on each run's line, its shape naming the run (``RUN_SHAPES``), in the
    legend of the runs' colours: the runs told apart without their hues."""
    every = max(1, int(df["step"].max()) // MARKERS)
    shape = alt.Shape("run:N", title=None, legend=kit.legend("bottom"),
                      scale=alt.Scale(domain=list(names), range=[_style(r)[2] for r in names]))
    return base.transform_filter(f"datum.step % {every} == 0").mark_point(
        filled=True, size=90, opacity=1, clip=True).encode(y=y, shape=shape, strokeDash=alt.value([1, 0]))


def _slim(df: pd.DataFrame, values: Sequence[str]) -> pd.DataFrame:
    """The columns a training chart reads: the run's names, ``step`` and the ``values`` it draws (a chart
    sent ~45 bytes a row for the whole frame). Their number types are narrowed only where exact
    (``ui.kit.specs``): a running mean shown to four decimals keeps all of them."""
    return df[[c for c in ("model", "run", "step", *values) if c in df]]


class Shown(NamedTuple):
    """How much of the training a chart draws: the steps 1 … ⌈n · share / 100⌉ of n, with ``share`` (in %,
    a multiple of ``every``) held by the Vega-Lite parameter ``param``, which ▶ steps in the browser
    (``ui.play.param``)."""

    param: str
    share: int
    every: int


def _shown_rows(df: pd.DataFrame, steps: int, shown: Shown | None) -> alt.Chart:
    """A chart of the rows of ``df`` up to the share ``shown`` of its ``steps`` (every row without one).

    The chart holds every step of the runs and filters on the parameter: the scales (from every row) and
    the data stay the same from frame to frame, and ▶ moves the parameter in the browser, with no rerun."""
    chart = alt.Chart(df)
    return chart if shown is None else chart.transform_filter(f"datum.step <= ceil({steps} * {shown.param} / 100)")


def _with_shown(chart: alt.LayerChart, shown: Shown | None) -> alt.LayerChart:
    """Declare the parameter of ``shown`` on ``chart``: its share, from ``every`` to 100 (``ui.kit.played``)."""
    return chart if shown is None else declare_param(chart, shown.param, shown.share, shown.every, 100, shown.every)


@cached_chart
def training_loss_chart(df: pd.DataFrame, baseline: float, steps: int | None = None,
                        shown: Shown | None = None) -> alt.LayerChart:
    """Batch loss (faint) and its running mean (bold) per run, with the 'always answer 1' line; the x axis
    runs to ``steps`` (default: the last step), and the curves to the share ``shown`` of it (:func:`_shown_rows`)."""
    names, df = _names(df), _slim(df, ["loss", "loss (running mean)"])
    steps = steps or int(df["step"].max())
    domain = _log_domain(df["loss"], LOSS_CEILING)
    y_scale = alt.Scale(type="log", domain=domain)
    x = alt.X("step:Q", title="SGD step", axis=kit.x_axis(), scale=alt.Scale(domain=[1, steps], nice=False))
    base = _by_model(_shown_rows(df, steps, shown).encode(x=x, color=_run_color("run", names, None)), df)
    raw = base.mark_line(opacity=0.25, strokeWidth=1, clip=True).encode(
        y=alt.Y("loss:Q", title="mean squared error (log scale)", scale=y_scale, axis=kit.log_axis(domain)))
    smooth_y = alt.Y("loss (running mean):Q", scale=y_scale)
    tips = [*_model_tip(df), "run:N", "step:Q", alt.Tooltip("loss (running mean):Q", format=".4f")]
    smooth = base.mark_line(strokeWidth=2.5, clip=True).encode(y=smooth_y, tooltip=tips)
    line = kit.rules(pd.DataFrame({"y": [baseline], "label": ["always answer 1\n(MSE 1/6)"]}),
                        y="y", label="label", outside=True)
    marks = _markers(base, df, smooth_y, names).encode(tooltip=tips)
    return _with_shown(alt.layer(raw, smooth, marks, line).properties(height=300), shown)


@cached_chart
def training_norm_chart(df: pd.DataFrame, threshold: float, steps: int | None = None,
                        shown: Shown | None = None) -> alt.LayerChart:
    """‖g‖ before clipping per step and run with the threshold τ, and a tick along the top edge for
    every step whose gradient was clipped; the x axis runs to ``steps`` (default: the last step), the
    curves to the share ``shown`` of it (:func:`_shown_rows`)."""
    names, df = _names(df), _slim(df, ["grad norm", "clipped"])
    domain = _log_domain(df["grad norm"], NORM_CEILING)
    steps = steps or int(df["step"].max())
    x = alt.X("step:Q", title="SGD step", scale=alt.Scale(domain=[1, steps], nice=False))
    base = _by_model(_shown_rows(df, steps, shown).encode(x=x, color=_run_color("run", names, None)), df)
    norm_y = alt.Y("grad norm:Q", title="‖g‖ before clipping (log scale)", axis=kit.log_axis(domain),
                   scale=alt.Scale(type="log", domain=domain))
    tips = [*_model_tip(df), "run:N", "step:Q", alt.Tooltip("grad norm:Q", format=".3g"), "clipped:N"]
    lines = base.mark_line(strokeWidth=1, opacity=0.75, clip=True).encode(y=norm_y, tooltip=tips)
    rule = kit.rules(pd.DataFrame({"y": [threshold], "label": [f"threshold\nτ = {threshold:g}"]}),
                        y="y", label="label", color="#111111", outside=True)
    ticks = _shown_rows(df, steps, shown).encode(x=x, color=_run_color("run", names, None))  # no dash: one legend
    events = ticks.transform_filter(alt.datum.clipped).mark_tick(thickness=1, size=12, opacity=0.7).encode(
        y=alt.value(6), tooltip=[*_model_tip(df), "run:N", "step:Q"])
    marks = _markers(base, df, norm_y, names).encode(tooltip=tips)
    return _with_shown(alt.layer(lines, marks, rule, events).properties(height=300), shown)
