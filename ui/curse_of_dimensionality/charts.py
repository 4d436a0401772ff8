"""Charts of the curse-of-dimensionality page, composed from the kit (``ui.kit.charts``)."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from ui import in_browser
from ui.curse_of_dimensionality.pictures import circle
from ui.kit import charts as kit
from ui.kit.colors import PIN_FILL, PIN_LINE
from ui.kit.played import Played, declare, on_frame
from ui.kit.specs import cached_chart

MARK_COLOR = kit.PALETTE[1]


def dim_marker(dim: float, label: str | None = None, field: str = "D", *, color: str = MARK_COLOR,
               row: int = 0, left: bool = False, more: pd.DataFrame | None = None,
               played: Played | None = None) -> alt.LayerChart:
    """A vertical rule at the slider's D (on an x axis whose field is ``field``), labelled at the top,
    ``row`` lines down; ``left``: the label left of the rule (a rule near the right edge). A NaN ``dim``
    draws nothing (off the axis). ``more`` and ``played``: the rows of every frame of ▶ (``frame``), of
    which the rule draws the parameter's.

    The side and the place are data, not spec: a rule that moves, or moves its label across, or off the
    axis, leaves the chart's spec as it was, so the drawn chart is updated in place."""
    frame = more if more is not None else pd.DataFrame({field: [float(dim)], "label": [label or f"D = {dim:,}"],
                                                        "side": ["left" if left else "right"]})
    x = alt.X(f"{field}:Q")
    rule = on_frame(alt.Chart(frame).mark_rule(color=color, strokeDash=[6, 4]).encode(x=x), played)
    texts = [on_frame(alt.Chart(frame).mark_text(color=color, baseline="middle", align=align, dx=dx).encode(
        x=x, y=alt.value(MARK_TOP_PX + MARK_ROW_PX * row), text="label:N").transform_filter(alt.datum.side == side),
        played) for side, align, dx in (("left", "right", -4), ("right", "left", 4))]
    return alt.layer(rule, *texts)


MARK_TOP_PX = 10  # the first marker label's centre, from the top of the plot
MARK_ROW_PX = 20  # and the next one's, below it (the pinned D)


def _near_right(value: float, lo: float, hi: float, log: bool, share: float = 0.8) -> bool:
    """Whether ``value`` lies past ``share`` of the axis [lo, hi] (the right fifth): its label then goes
    left of it, where the chart has room."""
    if hi <= lo:
        return False
    where = (math.log(value / lo) / math.log(hi / lo)) if log else (value - lo) / (hi - lo)
    return where > share


MARKER_FLIP = 0.7  # past this share of the axis a marker's label goes left: a half-width chart on a 1024 px
# laptop has ~100 px right of D = 1,000 on a 1 … 10,000 log axis, less than "pinned D = 1,000" needs


def dim_markers(dim: int, pin: int | None, span: tuple[float, float], *, log: bool = False,
                field: str = "D", played: Played | None = None) -> list[alt.LayerChart]:
    """The slider's D (last layer) and the pinned D (grey, a row lower), drawn where the axis ``span``
    reaches them; a label near the right edge sits left of its rule. The layers are the same wherever D
    is (see :func:`dim_marker`), so moving D changes the chart's data only. ``played``: the slider's rule at
    the frame ▶ has reached (its rows of every frame)."""
    lo, hi = span

    def place(value: int) -> tuple[float, bool]:
        inside = lo <= value <= hi
        return (value if inside else float("nan")), inside and _near_right(value, lo, hi, log, MARKER_FLIP)

    def marker(value: int, **kwargs) -> alt.LayerChart:
        at, left = place(value)
        return dim_marker(at, field=field, left=left, **kwargs)

    layers = []
    if pin is not None:
        layers.append(marker(pin, label=f"pinned D = {pin:,}", color=PIN_LINE, row=1))
    if played is None:
        return [*layers, marker(dim, label=f"D = {dim:,}")]
    rows = [(*place(f), f) for f in played.frames]
    every = pd.DataFrame({field: [at for at, _, _ in rows], "label": [f"D = {f:,}" for *_, f in rows],
                          "side": ["left" if left else "right" for _, left, _ in rows],
                          "frame": [f for *_, f in rows]})
    return [*layers, dim_marker(dim, field=field, more=every, played=played)]


def theory_over(theory: bool, *args, **kwargs) -> alt.LayerChart:
    """``kit.theory_over_simulation(*args, **kwargs)``, its closed form drawn or not by ``theory`` (data)."""
    return kit.theory_over_simulation(*args, theory=theory, **kwargs)


def _shown(frame: pd.DataFrame | None, theory: bool) -> pd.DataFrame | None:
    """A closed form's rows, or none of them with the theory off: its layer stays, so the spec does too."""
    return frame if frame is None or theory else frame.iloc[:0]


def _rows_shown(chart: alt.Chart, theory: bool) -> alt.Chart:
    """``chart`` (built from every row of its closed form, so its axis labels are those the theory shows), or
    with none of its rows when the theory is off: the same spec, the browser updates the drawn chart in place."""
    chart = _unannounced(chart)
    if not theory:
        chart.data = chart.data.iloc[:0]
    return chart


def _unannounced(chart: alt.Chart) -> alt.Chart:
    """A copy of ``chart`` without a role in the accessibility tree (a layer that may hold no rows: a graphic
    with no name; the chart's own description says what it draws)."""
    mark = chart.mark
    chart = chart.copy()
    chart.mark = alt.MarkDef(**({"type": mark} if isinstance(mark, str) else mark.to_dict()), aria=False)
    return chart


def pinned_histogram(bars: pd.DataFrame, curve: pd.DataFrame | None, pinned: pd.DataFrame,
                     pinned_curve: pd.DataFrame | None, names: tuple[str, str], *, x_title: str,
                     y_title: str = "density", facet: str | None = None, columns: int = 5, height: int = 200,
                     panel_width: int = 125, x_domain=None, x_ticks=None, rows: int = 0) -> alt.Chart:
    """The histogram of ``kit.histogram_with_curve`` with the pinned D's behind it: its bars light grey,
    its exact density dashed grey; the legend names the two (``names``: now, pinned).

    With ``facet`` the pinned rows carry the label of the panel they are drawn in (the slider's)."""
    frames = [pinned.assign(layer="pinned", series=names[1], rank=1), bars.assign(layer="now", series=names[0], rank=0)]
    frames += [c.assign(layer=name) for c, name in ((pinned_curve, "pinned curve"), (curve, "curve"))
               if c is not None]
    data = kit.padded(pd.concat(frames, ignore_index=True), rows)
    x_scale = alt.Scale(domain=list(x_domain)) if x_domain else alt.Scale(zero=False, nice=False)  # the bins span it
    axis = alt.Axis(values=list(x_ticks)) if x_ticks else alt.Undefined
    y = alt.Y("density:Q", title=None if facet else y_title)
    stack = {} if facet else {"columns": 1}  # a half-width chart: one entry a line, never past its edge
    # the legend's names (D = 60, D = 200 pinned) are data, in the order of ``rank``: moving D keeps the spec
    fills = alt.Color("series:N", sort=alt.EncodingSortField("rank", op="min"),
                      scale=alt.Scale(range=[kit.PALETTE[0], PIN_FILL]),
                      legend=kit.legend(symbolType="square", symbolSize=120, **stack))

    def part(name: str, mark: alt.Chart) -> alt.Chart:
        return mark.transform_filter(alt.datum.layer == name)

    bar_x = alt.X("left:Q", title=None if facet else x_title, scale=x_scale, axis=axis)
    tips = [alt.Tooltip("series:N", title="histogram"), alt.Tooltip("left:Q", format=".3g"),
            alt.Tooltip("right:Q", format=".3g"), alt.Tooltip("density:Q", format=".3g")]
    layers = [part("pinned", alt.Chart().mark_rect(opacity=0.9)),
              part("now", alt.Chart().mark_rect(opacity=0.6))]
    layers = [layer.encode(x=bar_x, x2="right:Q", y=y, color=fills, tooltip=tips) for layer in layers]
    line_x = alt.X("x:Q", scale=x_scale, axis=axis)
    if pinned_curve is not None:  # (no role of their own: rows that may be left out, with the theory off)
        dashed = alt.Chart().mark_line(color=PIN_LINE, strokeWidth=1.5, strokeDash=[5, 3], aria=False)
        layers.insert(1, part("pinned curve", dashed).encode(x=line_x, y=y))
    if curve is not None:
        solid = alt.Chart().mark_line(color=kit.THEORY_COLOR, strokeWidth=2, aria=False)
        layers.append(part("curve", solid).encode(x=line_x, y=y))
    if facet is None:
        return alt.layer(*layers, data=data).properties(height=height)
    panel = alt.layer(*layers).properties(height=height, width=panel_width)
    return kit.panels_in_order(panel, data, bars[facet], facet, x_title, columns)


def histogram(bars: pd.DataFrame, curve: pd.DataFrame | None, pinned: tuple | None = None,
              theory: bool = True, **kwargs) -> alt.Chart:
    """``kit.histogram_with_curve``, or :func:`pinned_histogram` when ``pinned`` is (bars, curve, names);
    ``theory`` off leaves the exact densities out (the measured histogram first, the theory later): their
    rows, not their layers, so the spec stays and the drawn chart is updated in place."""
    if pinned is None:
        return kit.histogram_with_curve(bars, _shown(curve, theory), **kwargs)
    pinned_bars, pinned_curve, names = pinned
    return pinned_histogram(bars, _shown(curve, theory), pinned_bars, _shown(pinned_curve, theory), names,
                            **kwargs)


def _long(df: pd.DataFrame, x: str, series: list[str], name: str = "series", value: str = "value",
          keep: list[str] = ()):
    return df.melt(id_vars=[x, *keep], value_vars=series, var_name=name, value_name=value)


# ---------------------------------------------------------------------------------------------- grids
GRID_LOG_TICKS = 6  # ticks asked of Vega on the grids' log axes


def _every_bins_log_y(chart: alt.Chart) -> alt.Chart:
    """A log y axis whose ticks Vega picks for the b shown (its rows span a few decades at b = 2 and sixteen at
    b = 20: ticks fixed from every b's rows would be far apart at one end), labelled 1, 10, 100, 10³ …"""
    chart.encoding.y.axis = alt.Axis(labelExpr=kit.VEGA_LOG_LABELS, tickCount=GRID_LOG_TICKS)
    return chart



@cached_chart
def cells_chart(grid: pd.DataFrame, n_samples: int, at: in_browser.At) -> alt.LayerChart:
    """Cells b^D against the number of samples N (log scale), at the b the slider shows (``at``: ``grid`` holds
    every b, column ``bins``)."""
    cells = kit.line_chart(grid, "D", "cells", x_title="number of features D",
                              y_title="cells b^D (log scale)", log_y=True, points=True,
                              tooltip=["D", alt.Tooltip("cells:Q", format=".3g"), "occupied cells"])
    samples = kit.rules(pd.DataFrame({"y": [n_samples], "label": [f"N = {n_samples:,} samples"]}),
                           y="y", label="label", color=MARK_COLOR)
    return at.declare(alt.layer(_every_bins_log_y(cells.transform_filter(at.shown("bins"))), samples))


@cached_chart
def occupancy_chart(grid: pd.DataFrame, theory: bool, at: in_browser.At) -> alt.LayerChart:
    """Occupied fraction: Monte Carlo points, the expectation and the bound N/b^D (``theory`` off: the
    points alone, the curves' rows left out), at the b the slider shows (``at``: ``grid`` holds every b)."""
    titles = {"x_title": "number of features D", "y_title": "share of cells occupied (log)", "log_y": True}
    dots = kit.line_chart(grid.rename(columns={"simulated": "fraction"}), "D", "fraction", **titles,
                          tooltip=["D", "occupied cells", alt.Tooltip("fraction:Q", format=".3g")]).mark_point(
        filled=True, size=40, clip=True)
    curves = _long(grid, "D", ["expected", "bound N/b^D"], name="curve", value="fraction", keep=["bins"])
    lines = _rows_shown(kit.line_chart(curves, "D", "fraction", color="curve", dash="curve", **titles), theory)
    shown = at.shown("bins")
    return at.declare(alt.layer(_every_bins_log_y(lines.transform_filter(shown)),
                                _every_bins_log_y(dots.transform_filter(shown))))


@cached_chart
def knn_chart(knn: pd.DataFrame, dim: int | None = None, pin: int | None = None) -> alt.LayerChart:
    """k-NN accuracy as noise features are added, with chance level and the slider's (and the pinned) D
    where the axis reaches them."""
    line = kit.line_chart(knn, "features", "accuracy", x_title="features (2 informative + noise), log",
                             y_title="test accuracy of 5-NN", log_x=True, points=True, y_domain=(0.4, 1.0),
                             tooltip=["features", "noise features", alt.Tooltip("accuracy:Q", format=".1%")])
    chance = kit.rules(pd.DataFrame({"y": [0.5], "label": ["chance (50%)"]}), y="y", label="label")
    if dim is None:
        return alt.layer(line, chance)
    span = (knn["features"].min(), knn["features"].max())
    return alt.layer(line, chance, *dim_markers(dim, pin, span, log=True, field="features"))


# ---------------------------------------------------------------------------------------------- cubes
def _feature(ring: list[list[float]], kind: str, label: str) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, "label": label},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEO_DECIMALS = 4  # a picture ~400 px across a few units: 10⁻⁴ of a unit is far below a pixel


def _rounded(coordinates):
    """GeoJSON ``coordinates`` (nested lists of [x, y]) rounded to ``GEO_DECIMALS``: the spec carries
    "0.8660" where it carried "0.8660254037844386", a quarter of the characters for the same drawing."""
    if isinstance(coordinates, list):
        return [_rounded(c) for c in coordinates]
    return round(float(coordinates), GEO_DECIMALS)


def _geo(features: list[dict]) -> alt.Chart:
    """A chart of GeoJSON ``features`` (drawn with the identity projection), their coordinates rounded."""
    shown = [{**f, "geometry": {**f["geometry"], "coordinates": _rounded(f["geometry"]["coordinates"])}}
             for f in features]
    return alt.Chart(alt.Data(values=shown))


def centre_ball_top(dim: int, max_dim: int = 40, per_side: int = 2) -> int:
    """The last D of the centre-ball chart: ``max_dim``, the slider's D up to 400, or twice the D at
    which the centre ball fills a box of ``per_side`` cubes a side, whichever is largest."""
    return max(max_dim, min(dim, 400), 2 * (per_side + 1) ** 2)


LENGTHS = ["centre-ball diameter √D − 1", "box side"]
CENTRE_BALL_POINTS = 200  # whole D from 1 to the last, at most this many: a smooth line, few rows to redraw
CENTRE_BALL_ROWS = 2 * CENTRE_BALL_POINTS  # both lines, padded to a steady count


@cached_chart
def centre_ball_chart(dim: int, max_dim: int = 40, per_side: int = 2, pin: int | None = None) -> alt.LayerChart:
    """Centre-ball diameter √D − 1 (solid) against the box side k (dashed): it pokes out for D > (k + 1)²."""
    dims = np.unique(np.round(np.linspace(1, centre_ball_top(dim, max_dim, per_side), CENTRE_BALL_POINTS)))
    df = pd.DataFrame({"D": dims, LENGTHS[0]: np.sqrt(dims) - 1, LENGTHS[1]: float(per_side)})
    long = kit.padded(_long(df, "D", LENGTHS, name="length", value="value"), CENTRE_BALL_ROWS)
    lines = kit.line_chart(long, "D", "value", color="length", x_title="dimension D",
                              y_title="length").encode(
        color=alt.Color("length:N", scale=alt.Scale(domain=LENGTHS, range=[kit.PALETTE[0], "#555555"]),
                        legend=kit.legend(columns=1)),  # one entry a line: a half-width column holds them
        strokeDash=alt.StrokeDash("length:N", scale=alt.Scale(domain=LENGTHS, range=[[1, 0], [6, 4]]),
                                  legend=kit.legend(columns=1)))  # not by hue alone: the box side is dashed
    limit = (per_side + 1) ** 2
    touch = kit.rules(pd.DataFrame({"D": [limit], "label": [f"D = {limit}: touches the box"],
                                    "at": [0.3 * per_side]}), x="D", label="label", label_at="at")
    return alt.layer(lines, touch, *dim_markers(dim, pin, (1, dims[-1])))


@cached_chart
def inscribed_ratio_chart(table: pd.DataFrame, dim: int, pin: int | None = None,
                          theory: bool = True) -> alt.LayerChart:
    """ρ_D exact (line) and hit-or-miss (points), log scale; the slider's and the pinned D marked."""
    chart = theory_over(
        theory, table, "D", "simulated", "exact", x_title="dimension D", y_title="vol(ball) / vol(cube), log",
        log_y=True, sim=table.dropna(subset=["simulated"]),
        tooltip=["D", "hits", alt.Tooltip("simulated:Q", format=".3g"), alt.Tooltip("exact:Q", format=".3g")])
    return alt.layer(chart, *dim_markers(dim, pin, (1, table["D"].max())))


@cached_chart
def norm_hist_chart(bars: pd.DataFrame, dim: int, theory: bool = True, pinned: tuple | None = None) -> alt.LayerChart:
    """Distances from the centre of uniform cube points, with the face (1), √(D/3) and the corner √D
    (``theory`` off: without √(D/3), where the theory says they pile up); ``pinned``: (bars, None,
    names) of the pinned D, grey behind. The axis spans the bins, 0 to the corner √D (the pinned D's
    corner too): from the data, not the spec, so moving D updates the drawn chart in place."""
    hist = histogram(bars, None, pinned, x_title="distance from the centre ‖x‖", height=CUBE_HIST_HEIGHT)
    corner = math.sqrt(dim)
    rows = [(1.0, "face centre: 1", 8, "left"), (math.sqrt(dim / 3), f"√(D/3) = {math.sqrt(dim / 3):.3g}", 30, "left"),
            (corner, f"corner: √D = {corner:.3g}", 52, "right")]  # the corner is the right edge: label inwards
    if dim == 1:  # face and corner coincide
        rows = [(1.0, "face = corner: 1", 8, "right"), rows[1]]  # in 1-D a face is a single point
    marks = pd.DataFrame(rows, columns=["x", "label", "y_px", "side"])
    if not theory:
        marks = marks[~marks["label"].str.startswith("√")]
    return alt.layer(hist, kit.rules(marks, x="x", color=MARK_COLOR), *_row_labels(marks))


@cached_chart
def face_gap_chart(bars: pd.DataFrame, curve: pd.DataFrame, near: float, theory: bool = True,
                   pinned: tuple | None = None) -> alt.LayerChart:
    """Distances to the nearest face, 1 − max|x_k|, with D (1 − t)^{D−1} and a rule at ``near``;
    ``pinned``: (bars, curve, names) of the pinned D, grey behind."""
    hist = histogram(bars, curve, pinned, theory, x_title=["distance to the nearest face", "t = 1 − max|x_k|"],
                     height=CUBE_HIST_HEIGHT)
    edge = pd.DataFrame({"x": [near], "label": [f"within {near} of a face"], "y_px": [8], "side": ["left"]})
    return alt.layer(hist, kit.rules(edge, x="x", color=MARK_COLOR), *_row_labels(edge))


CUBE_HIST_HEIGHT = 260  # the cube's two histograms: room for their labels' rows and a pinned D's legend


def _row_labels(marks: pd.DataFrame, color: str = MARK_COLOR, y: alt.Y | None = None) -> list[alt.Chart]:
    """Labels of vertical rules, each on its own row (``y_px`` pixels from the top, or ``y`` in the units of
    the chart's own y axis) so neighbours never overlap, left or right of their rule (``side``), each over a
    white halo that keeps a neighbour's rule from striking it through."""
    return [alt.Chart(marks).transform_filter(alt.datum.side == side).mark_text(
        baseline="middle", **style, **paint).encode(x="x:Q", y=y or alt.Y("y_px:Q", scale=None), text="label:N")
        for side, style in (("left", {"align": "left", "dx": 4}), ("right", {"align": "right", "dx": -4}))
        for paint in ({"color": "white", "stroke": "white", "strokeWidth": 4, "strokeJoin": "round"},
                      {"color": color})]


# ---------------------------------------------------------------------------------------------- angles
def panel_layout(n_panels: int, wide: bool) -> dict:
    """Columns and panel size of a row of small histograms that fits the page: up to five panels in one
    row, 105–125 px on a laptop; on a projector (``wide``: larger text, from 1024 px) 95–120 px, so the
    row still fits a 1024 px screen's column."""
    if wide:
        return {"columns": n_panels, "panel_width": 120 if n_panels <= 4 else 95, "height": 220}
    return {"columns": n_panels, "panel_width": 125 if n_panels <= 4 else 105, "height": 200}


@cached_chart
def angle_hists_chart(bars: pd.DataFrame, curves: pd.DataFrame, wide: bool = False,
                      zoom: bool = False, pinned: tuple | None = None, theory: bool = True,
                      played: Played | None = None) -> alt.FacetChart:
    """One panel per D: the angle histogram with the exact density f_D(θ) over it (``wide``: presenter
    mode, see ``panel_layout``), on one shared 0–180° axis with ticks at 0, 90 and 180, so the peak's
    narrowing shows from panel to panel; ``zoom``: each panel on its own range. ``pinned``: (bars,
    curve, names) of the pinned D, drawn grey in the slider's panel (see :func:`pinned_histogram`).

    ``played``: ▶ in the browser: the rows of every frame (``data.angle_frames``, a ``frame`` column, 0 for
    the article's panels), of which the chart draws those of frame 0 and of the parameter's frame."""
    shared = {} if zoom else {"x_domain": (0, 180), "x_ticks": (0, 90, 180)}
    rows = 0 if played else (PANELS + bool(pinned)) * ANGLE_PANEL_ROWS
    chart = histogram(bars, curves, pinned, theory, x_title="angle θ (degrees)", y_title="density per degree",
                      facet="D", **panel_layout(PANELS, wide), rows=rows, **shared)
    return declare(on_frame(chart, played), played)


PANELS = 5  # a row of histograms: the article's four D and the slider's. Laid out for five whatever D is
# (four when the slider sits on one of the article's), and the data padded to a steady row count: moving D
# then updates the drawn panels in place (see ``kit.padded``)
ANGLE_PANEL_ROWS = 90 + 61 + 41  # a panel's bars and density grid at most (``data.angle_hist``)
DISTANCE_PANEL_ROWS = 60


CAP_BELT_COLORS = ["#e6550d", "#3182bd"]  # the cap round the fixed vector, the belt round 90°
GLOBE_TILT = math.radians(20.0)  # the globe is seen from 20° above its equator


def _globe_xy(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Orthographic view of the unit sphere, pole up, from ``GLOBE_TILT`` above the equator: screen x,
    screen y and depth (> 0 faces the viewer) of the points at latitude ``lat``, longitude ``lon`` (radians)."""
    t = GLOBE_TILT
    x = np.cos(lat) * np.sin(lon)
    y = math.cos(t) * np.sin(lat) - math.sin(t) * np.cos(lat) * np.cos(lon)
    depth = math.sin(t) * np.sin(lat) + math.cos(t) * np.cos(lat) * np.cos(lon)
    return x, y, depth


EDGE_POINTS = 73  # points along a zone's visible latitude arc (and its share of the horizon)


def _visible_half_angle(lat: float) -> float:
    """λ* (radians): the longitudes |λ| < λ* of latitude ``lat`` (degrees) face the viewer. From
    depth = sin t sin φ + cos t cos φ cos λ > 0: cos λ > −tan t tan φ; π when the whole circle shows."""
    c = -math.tan(GLOBE_TILT) * math.tan(math.radians(lat))
    return math.pi if c <= -1 else 0.0 if c >= 1 else math.acos(c)


def _latitude_arc(lat: float, lon_from: float, lon_to: float) -> list[list[float]]:
    """Screen points of latitude ``lat`` (degrees) from longitude ``lon_from`` to ``lon_to`` (radians)."""
    lons = np.linspace(lon_from, lon_to, EDGE_POINTS)
    x, y, _ = _globe_xy(np.full_like(lons, math.radians(lat)), lons)
    return [[float(u), float(v)] for u, v in zip(x, y, strict=True)]


def _horizon_arc(start: list[float], end: list[float], via: float) -> list[list[float]]:
    """The sphere's outline (the unit circle on screen) from ``start`` to ``end``, both on it, going round
    through the direction ``via`` (radians): where a zone runs over the horizon."""
    a, b = math.atan2(start[1], start[0]), math.atan2(end[1], end[0])
    turn = (b - a) % (2 * math.pi)  # counter-clockwise from a to b
    if (via - a) % (2 * math.pi) > turn:  # via is not on that way round: go clockwise
        turn -= 2 * math.pi
    angles = a + turn * np.linspace(0.0, 1.0, max(2, round(abs(turn) / (2 * math.pi) * 4 * EDGE_POINTS)))
    return [[math.cos(u), math.sin(u)] for u in angles]


def _zone_outline(lat_lo: float, lat_hi: float) -> list[list[float]]:
    """The outline, on screen, of the visible part of the zone between two latitudes (degrees): its upper
    latitude arc left to right, the horizon down the right side, its lower arc right to left, the horizon
    up the left side. A zone up to the pole (the cap) is bounded by its lower arc, closed round the top
    by the horizon when part of the cap is out of sight, the whole ellipse when none is."""
    lo = _visible_half_angle(lat_lo)
    if lat_hi >= 90.0:
        if lo >= math.pi:
            return _latitude_arc(lat_lo, -math.pi, math.pi)
        arc = _latitude_arc(lat_lo, -lo, lo)
        return arc + _horizon_arc(arc[-1], arc[0], via=math.pi / 2)[1:]
    hi = _visible_half_angle(lat_hi)
    top, bottom = _latitude_arc(lat_hi, -hi, hi), _latitude_arc(lat_lo, lo, -lo)
    return (top + _horizon_arc(top[-1], bottom[0], via=0.0)[1:-1]
            + bottom + _horizon_arc(bottom[-1], top[0], via=math.pi)[1:])


def _cone_outline(half_width: float) -> list[list[list[float]]]:
    """The two outline lines of the cone of half-angle ``half_width`` round the pole, tip at the centre:
    from the centre to the points of its rim (latitude 90° − w) seen farthest left and right of the axis."""
    rim = np.radians(np.linspace(-180.0, 180.0, 721))
    x, y, _ = _globe_xy(np.full_like(rim, math.radians(90.0 - half_width)), rim)
    side = np.arctan2(x, y)  # the direction of each rim point seen from the centre
    return [[[0.0, 0.0], [float(x[i]), float(y[i])]] for i in (int(np.argmin(side)), int(np.argmax(side)))]


def _zone_legend() -> alt.Legend:
    """The cap-and-belt legend: one entry a line under the figure (the entries carry their shares)."""
    return kit.legend("bottom", direction="vertical", symbolSize=100, labelOffset=3, labelLimit=400)


@cached_chart
def cap_belt_globe_chart(half_width: float, cap_label: str, belt_label: str) -> alt.LayerChart:
    """The 3-D picture of why 90° wins: a sphere with a fixed vector a to its north pole, the cap of the
    directions within ``half_width`` degrees of a (the cone's rim) and the belt of those within
    ``half_width`` of 90°, seen from a little above; the legend carries their shares of the sphere."""
    cap = _feature(_zone_outline(90.0 - half_width, 90.0), cap_label, cap_label)
    belt = _feature(_zone_outline(-half_width, half_width), belt_label, belt_label)
    sphere = _feature(circle(0.0, 0.0, 1.0, 145), "sphere", "the unit sphere: all directions")
    cone = _cone_outline(half_width)
    tip = 1.3 * math.cos(GLOBE_TILT)  # the vector a runs from the centre through the north pole
    cone_lines = {"type": "Feature", "properties": {"label": f"cone of half-angle {half_width:g}° round a"},
                  "geometry": {"type": "MultiLineString", "coordinates": cone}}
    head = [[0.0, tip], [-0.06, tip - 0.13], [0.06, tip - 0.13], [0.0, tip]]
    vector = [{"type": "Feature", "properties": {"label": "the fixed vector a"},
               "geometry": {"type": "LineString", "coordinates": [[0.0, 0.0], [0.0, tip - 0.1]]}},
              _feature(head, "vector", "the fixed vector a")]
    colors = alt.Scale(domain=[cap_label, belt_label], range=CAP_BELT_COLORS)
    zones = _geo([cap, belt]).mark_geoshape(strokeWidth=0.6).encode(
        color=alt.Color("properties.kind:N", scale=colors, legend=_zone_legend()),
        stroke=alt.Stroke("properties.kind:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("properties.kind:N", title="zone")])
    label = pd.DataFrame({"x": [0.0], "y": [tip], "label": ["a"]})
    return alt.layer(
        _geo([sphere]).mark_geoshape(fill="#f4f4f4", stroke="#555555", strokeWidth=1.5, aria=False),
        zones,
        _geo([cone_lines]).mark_geoshape(filled=False, stroke="#111111", strokeWidth=1.5, strokeDash=[5, 3]).encode(
            tooltip=[alt.Tooltip("properties.label:N", title="line")]),
        _geo(vector).mark_geoshape(fill="#111111", stroke="#111111", strokeWidth=2.5).encode(
            tooltip=[alt.Tooltip("properties.label:N", title="line")]),
        alt.Chart(label).mark_text(align="left", baseline="top", dx=8, fontWeight="bold", fontStyle="italic").encode(
            longitude="x:Q", latitude="y:Q", text="label:N"),
    ).project(type="identity", reflectY=True).properties(height=380)


DENSITY_GRID_ROWS = 361 + 81 + 3  # a density curve's grid at most (``data.angle_density_curves``)


@cached_chart
def angle_density_chart(curves: pd.DataFrame, zones: pd.DataFrame, labels: dict[str, str]) -> alt.LayerChart:
    """The angle's density over 0°–180° (black: the first D of ``curves``, the slider's; dashed grey:
    D = 3, the globe's) with its areas under the cap and the belt shaded in the globe's colours;
    ``labels`` names the zones "cap" and "belt" in the legend (with their shares).

    The legends' names (D = 150, the zones' shares) are in the data, in the order of a ``rank`` column,
    not in the spec: while D plays the chart keeps its spec and is redrawn in place."""
    curves = curves.assign(curve=[f"D = {d:,}" + (" (the globe)" if d == 3 else "") for d in curves["D"]])
    curves = curves.assign(rank=curves["curve"].map({name: k for k, name in enumerate(dict.fromkeys(curves["curve"]))}))
    zones = zones.assign(rank=zones["zone"].map({"cap": 0, "belt": 1}), zone=zones["zone"].map(labels))
    curves, zones = kit.padded(curves, 2 * DENSITY_GRID_ROWS), kit.padded(zones, DENSITY_GRID_ROWS)  # steady rows
    x = alt.X("theta:Q", title="angle θ to the fixed vector (degrees)",
              scale=alt.Scale(domain=[0, 180], nice=False), axis=kit.x_axis(values=list(range(0, 181, 30))))
    y = alt.Y("density:Q", title="density per degree")
    in_order = alt.EncodingSortField("rank", op="min")
    areas = alt.Chart(zones).mark_area(opacity=0.75, clip=True).encode(
        x=x, y=alt.Y("density:Q", stack=None), detail="zone:N", tooltip=["zone:N"],  # side by side, not stacked
        color=alt.Color("zone:N", sort=in_order, scale=alt.Scale(range=CAP_BELT_COLORS), legend=_zone_legend()))
    lines = alt.Chart(curves).mark_line(strokeWidth=2, clip=True).encode(
        x=x, y=y,
        color=alt.Color("curve:N", sort=in_order, scale=alt.Scale(range=[kit.THEORY_COLOR, "#777777"]),
                        legend=kit.legend()),
        strokeDash=alt.StrokeDash("curve:N", sort=in_order, scale=alt.Scale(range=[[1, 0], [6, 4]]),
                                  legend=kit.legend()),
        tooltip=["curve:N", alt.Tooltip("theta:Q", format=".1f", title="θ (°)"),
                 alt.Tooltip("density:Q", format=".3g")])
    return alt.layer(areas, lines).resolve_scale(color="independent", strokeDash="independent").properties(
        height=380)


@cached_chart
def spread_chart(table: pd.DataFrame, dim: int, pin: int | None = None, theory: bool = True) -> alt.LayerChart:
    """Standard deviation of the angle over D (log–log): measured (points), exact for the sphere (solid
    line) and the large-D rule (180/π)/√D (dashed line; both hidden with ``theory`` off)."""
    span = (table["D"].min(), table["D"].max())
    chart = theory_over(theory, table, "D", "simulated", "exact", x_title="dimension D",
                                   y_title="spread of θ around 90° (degrees)", log_x=True, log_y=True)
    rule = kit.line_chart(table.assign(curve="large-D rule (180/π)/√D"), "D", "large D", log_x=True,
                          log_y=True, x_title="dimension D", y_title="spread of θ around 90° (degrees)")
    rule = rule.mark_line(strokeDash=[6, 4], color="#555555", strokeWidth=1.5).encode(
        detail="curve:N", tooltip=["D", alt.Tooltip("large D:Q", format=".3g", title="(180/π)/√D")])
    return alt.layer(chart, _rows_shown(rule, theory), *dim_markers(dim, pin, span, log=True))


# ---------------------------------------------------------------------------------------------- shells
@cached_chart
def shell_chart(curve: pd.DataFrame, table: pd.DataFrame, eps: float, d90: float, d99: float,
                dim: int, pin: int | None = None, theory: bool = True, played: Played | None = None) -> alt.LayerChart:
    """1 − (1 − ε)^D over D (log x), Monte Carlo points, and where 90% / 99% is reached (the curve and
    those levels hidden with ``theory`` off); the slider's and the pinned D marked (``played``: the slider's
    at the frame ▶ has reached)."""
    chart = theory_over(
        theory, curve, "D", "simulated", "exact", x_title="dimension D (log)",
        y_title=f"share of volume in the outer {eps:.1%}", log_x=True, y_domain=(0, 1), sim=table,
        tooltip=["D", "points", alt.Tooltip("simulated:Q", format=".3f"), alt.Tooltip("exact:Q", format=".3f")])
    span = (curve["D"].min(), curve["D"].max())
    levels = pd.DataFrame({"x": [d90, d99], "label": [f"90% from D = {math.ceil(d90 - 1e-9):,}",
                                                     f"99% from D = {math.ceil(d99 - 1e-9):,}"],
                           "share": [SHELL_LEVEL, SHELL_LEVEL - 0.1]})
    levels = levels[levels["x"] <= span[1]]
    # a long label ("90% from D = 230"): right of the middle it goes left of its rule, or a half-width chart
    # cuts it at its edge ("90% from D = 23")
    levels = levels.assign(side=["right" if _near_right(x, *span, log=True, share=0.5) else "left"
                                 for x in levels["x"]])
    levels = _shown(levels, theory)
    levels = [_unannounced(layer) for layer in (kit.rules(levels, x="x"), *_row_labels(levels, LEVEL_COLOR, LEVEL_Y))]
    return declare(alt.layer(chart, *levels, *dim_markers(dim, pin, span, log=True, played=played)), played)


# The 90% and 99% labels sit low in the plot, at these shares of the y axis (0–1), whatever height the plot
# is left with (Streamlit fits the axes and the legend into the chart's height): right of D ≈ 200 the curve
# runs along the top
SHELL_LEVEL = 0.2
LEVEL_Y = alt.Y("share:Q")  # (its implicit title gives way to the axis's own)
LEVEL_COLOR = "#555555"


@cached_chart
def radius_chart(bars: pd.DataFrame, curve: pd.DataFrame, eps: float, pinned: tuple | None = None,
                 theory: bool = True, played: Played | None = None) -> alt.LayerChart:
    """Norms of uniform ball points near the surface with D r^{D−1}, the shell boundary marked;
    ``pinned``: (bars, curve, names) of the pinned D behind, in grey (see :func:`pinned_histogram`);
    ``played``: the rows of every frame (``frame``; the pinned D's 0), drawn at the parameter's."""
    hist = on_frame(histogram(bars, curve, pinned, theory, x_title="distance from the centre r",
                              height=kit.HEIGHT), played)  # as tall as the shell chart beside it
    edge = pd.DataFrame({"x": [1 - eps], "label": [f"shell starts at 1 − ε = {1 - eps:.3f}"], "y_px": [8],
                         "side": ["right"]})  # the shell is at the right edge: its label goes inwards
    return declare(alt.layer(hist, kit.rules(edge, x="x", color=MARK_COLOR), *_row_labels(edge)), played)


# ---------------------------------------------------------------------------------------------- distances
CONTRAST_ROWS = 14  # the table's 13 dimensions and the slider's D


@cached_chart
def contrast_chart(table: pd.DataFrame, dim: int, pin: int | None = None,
                   played: Played | None = None) -> alt.LayerChart:
    """Relative contrast (d_max − d_min)/d_min over D, log–log (``table`` padded to ``CONTRAST_ROWS``:
    the slider's D adds a row, or not; ``played``: the rows of every frame, ``data.contrast_frames``)."""
    line = kit.line_chart(_steady(table, played), "D", "relative contrast", x_title="dimension D", log_x=True,
                          log_y=True, points=True, y_title="(d_max − d_min) / d_min, log",
                          tooltip=["D", "points", alt.Tooltip("relative contrast:Q", format=".3g")])
    span = (table["D"].min(), table["D"].max())
    return declare(alt.layer(on_frame(line, played), *dim_markers(dim, pin, span, log=True, played=played)), played)


@cached_chart
def relative_spread_chart(table: pd.DataFrame, dim: int, pin: int | None = None,
                          theory: bool = True, played: Played | None = None) -> alt.LayerChart:
    """std/mean of the distances from the query (points) against 0.548/√D (line; hidden with ``theory`` off);
    ``played`` as in :func:`contrast_chart`."""
    chart = theory_over(theory, _steady(table, played), "D", "simulated", "exact",
                        x_title="dimension D", y_title="std / mean of distances, log", log_x=True, log_y=True)
    chart.layer = [on_frame(layer, played) for layer in chart.layer]  # (each layer holds its own data)
    span = (table["D"].min(), table["D"].max())
    return declare(alt.layer(chart, *dim_markers(dim, pin, span, log=True, played=played)), played)


def _steady(table: pd.DataFrame, played: Played | None) -> pd.DataFrame:
    """The table of the contrast charts: padded to a steady row count (moving D updates them in place), or
    every frame's rows while ▶ plays in the browser, sorted by D so each frame's line runs left to right."""
    return kit.padded(table, CONTRAST_ROWS) if played is None else table.sort_values("D", kind="stable")


@cached_chart
def distance_hists_chart(bars: pd.DataFrame, wide: bool = False, pinned: tuple | None = None) -> alt.FacetChart:
    """Distance / mean distance, one panel per D, shared x axis 0..2 (``wide``: see ``panel_layout``);
    ``pinned``: (bars, None, names) of the pinned D, grey in the slider's panel."""
    layout = panel_layout(PANELS, wide) | {"height": 180}
    return histogram(bars, None, pinned, x_title="distance / mean distance", facet="D",
                     x_domain=(0.0, 2.0), rows=(PANELS + bool(pinned)) * DISTANCE_PANEL_ROWS, **layout)


# ---------------------------------------------------------------------------------------------- grid classifier
CLASS_DOMAIN = ["A", "B", "C"]
CLASS_FILLS = ["#f4c7c3", "#c8e6c9", "#c6dbef"]  # light cells, each labelled with its class letter
CLASS_COLOURS = ["#c0392b", "#2e7d32", "#1f5fa8"]
CLASS_SHAPES = ["circle", "triangle-up", "square"]  # the classes differ by shape, not by hue alone


@cached_chart
def grid_picture_chart(cells: pd.DataFrame, points: pd.DataFrame, new_point: tuple[float, float],
                       crosses: pd.DataFrame, at: in_browser.At) -> alt.LayerChart:
    """The article's figure: cells shaded and lettered by their majority class (blank when empty),
    training points by class (hue and shape), and the new point as a black cross labelled with its cell's
    class; ``cells`` and ``crosses`` (bins, class) hold every b, and the browser draws the one the slider
    shows (``at``)."""
    filled = cells[cells["class"] != ""]
    filled = pd.DataFrame({  # a cell as its column i and row j of b: the browser works out its corners and centre
        "bins": filled["bins"], "i": (filled["x0"] * filled["bins"]).round().astype(int),
        "j": (filled["y0"] * filled["bins"]).round().astype(int), "majority": filled["class"],
        "fill": filled["class"].map(dict(zip(CLASS_DOMAIN, CLASS_FILLS, strict=True))),
        "font": np.maximum(7, 110 // filled["bins"])})  # data, not spec: the letters fit any b
    corners = {"x0": "datum.i / datum.bins", "x1": "(datum.i + 1) / datum.bins", "cx": "(datum.i + 0.5) / datum.bins",
               "y0": "datum.j / datum.bins", "y1": "(datum.j + 1) / datum.bins", "cy": "(datum.j + 0.5) / datum.bins"}
    shown = at.shown("bins")
    rects = alt.Chart(filled).transform_filter(shown).transform_calculate(**corners).mark_rect(
        opacity=0.8, stroke="#ffffff", strokeWidth=0.5).encode(
        x=alt.X("x0:Q", title="feature 1", scale=alt.Scale(domain=[0, 1], nice=False)), x2="x1:Q",
        y=alt.Y("y0:Q", title="feature 2", scale=alt.Scale(domain=[0, 1], nice=False)), y2="y1:Q",
        fill=alt.Fill("fill:N", scale=None),  # the fills as given: one legend (the points') for the classes
        tooltip=[alt.Tooltip("majority:N", title="cell's majority")])
    letters = alt.Chart(filled).transform_filter(shown).transform_calculate(**corners).mark_text(
        color="#555555").encode(
        x="cx:Q", y="cy:Q", text="majority:N", size=alt.Size("font:Q", scale=None, legend=None))
    dots = alt.Chart(points).mark_point(filled=True, size=28, opacity=0.85).encode(
        x="feature 1:Q", y="feature 2:Q",
        color=alt.Color("class:N", scale=alt.Scale(domain=CLASS_DOMAIN, range=CLASS_COLOURS),
                        legend=kit.legend(title="class")),
        shape=alt.Shape("class:N", scale=alt.Scale(domain=CLASS_DOMAIN, range=CLASS_SHAPES),
                        legend=kit.legend(title="class")),
        tooltip=["class:N", alt.Tooltip("feature 1:Q", format=".2f"), alt.Tooltip("feature 2:Q", format=".2f")])
    labels = [f"new point → {new}" if new else "new point: empty cell" for new in crosses["class"]]
    cross = alt.Chart(pd.DataFrame({"bins": crosses["bins"], "x": new_point[0], "y": new_point[1],
                                    "label": labels})).transform_filter(shown)
    return at.declare(alt.layer(rects, letters, dots,
                                cross.mark_point(shape="cross", size=260, color="#000000", filled=True).encode(
                                    x="x:Q", y="y:Q", tooltip=["label:N"]),
                                cross.mark_text(align="left", dx=10, dy=-10, fontWeight="bold").encode(
                                    x="x:Q", y="y:Q", text="label:N")).properties(height=320))


GRID_CURVES = ["accuracy", "new points in empty cells"]


@cached_chart
def grid_accuracy_chart(table: pd.DataFrame, features: int, at: in_browser.At) -> alt.LayerChart:
    """Over the features used: the grid's accuracy (solid) and the share of new points whose cell is
    empty (dashed), with chance 1/3 and the chosen number of features marked; ``table`` holds every b, and the
    browser draws the one the slider shows (``at``)."""
    long = table.rename(columns={"empty share": GRID_CURVES[1]}).melt(
        id_vars=["bins", "features", "cells", "occupied"], value_vars=GRID_CURVES, var_name="curve",
        value_name="share")
    lines = alt.Chart(long).transform_filter(at.shown("bins")).mark_line(point=True).encode(
        x=alt.X("features:Q", title="features used F", scale=alt.Scale(domain=[1, 12]),
                axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("share:Q", title="share of new points", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        color=alt.Color("curve:N", scale=alt.Scale(domain=GRID_CURVES, range=[kit.PALETTE[0], "#555555"]),
                        legend=kit.legend(symbolType="stroke", symbolSize=400, columns=1)),
        strokeDash=alt.StrokeDash("curve:N", scale=alt.Scale(domain=GRID_CURVES, range=[[1, 0], [6, 4]]),
                                  legend=kit.legend(symbolType="stroke", symbolSize=400, columns=1)),
        tooltip=["features:Q", alt.Tooltip("cells:Q", format=",.0f"), "occupied:Q",
                 "curve:N", alt.Tooltip("share:Q", format=".1%")]).properties(height=320)
    chance = kit.rules(pd.DataFrame({"y": [1 / 3], "label": ["chance: 1/3"]}), y="y", label="label")
    return at.declare(alt.layer(lines, chance, dim_marker(features, f"F = {features}", field="features")))


# ---------------------------------------------------------------------------------------------- the page at D
FACE_DASHES = ([1, 0], [8, 3], [2, 2], [6, 2, 2, 2], [12, 4])  # not by hue alone: each face its own stroke
FACE_STYLES = tuple(zip(kit.PALETTE, FACE_DASHES, strict=False))  # (colour, dash) of each face, in order:
# the figure's key is written below it (``ui.kit.swatches``), with the values at D


@cached_chart
def faces_chart(curves: pd.DataFrame, points: pd.DataFrame, dim: int, pin: int | None = None,
                height: int = 240) -> alt.LayerChart:
    """The page in one figure: each of the five shares its sections measure (``curves``: D, face, share,
    closed forms) over D (log x), each tending to 100%, with their values at the slider's D (``points``)
    and the slider's (and the pinned) D marked. No legend: the key below it says each face's value at D,
    in the faces' colours and dashes (``FACE_STYLES``, in the order of ``curves``)."""
    faces = list(dict.fromkeys(curves["face"]))
    x = alt.X("D:Q", title="dimension D (log)", scale=kit.scale(True),
              axis=kit.x_axis(**kit.log_labels(True, curves, "D")))
    y = alt.Y("share:Q", title="share", scale=alt.Scale(domain=(0, 1)), axis=alt.Axis(format="%", tickCount=5))
    hues = alt.Scale(domain=faces, range=list(kit.PALETTE[:len(faces)]))
    tooltip = ["face:N", "D:Q", alt.Tooltip("share:Q", format=".1%")]
    lines = alt.Chart(curves).mark_line(clip=True, strokeWidth=2.5).encode(
        x=x, y=y, tooltip=tooltip, color=alt.Color("face:N", scale=hues, legend=None),
        strokeDash=alt.StrokeDash("face:N", scale=alt.Scale(domain=faces, range=list(FACE_DASHES[:len(faces)])),
                                  legend=None))
    dots = alt.Chart(points).mark_point(filled=True, size=70, opacity=1).encode(
        x=x, y=y, tooltip=tooltip, color=alt.Color("face:N", scale=hues, legend=None))
    span = (float(curves["D"].min()), float(curves["D"].max()))
    return alt.layer(lines, dots, *dim_markers(dim, pin, span, log=True)).properties(height=height)
