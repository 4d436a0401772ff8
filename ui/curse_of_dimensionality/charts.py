"""Charts of the curse-of-dimensionality page, composed from the kit (``ui.kit.charts``)."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from ui.kit import charts as kit

MARK_COLOR = kit.PALETTE[1]


def dim_marker(dim: int, label: str | None = None, field: str = "D") -> alt.Chart:
    """A vertical rule at the slider's D (on an x axis whose field is ``field``)."""
    frame = pd.DataFrame({field: [dim], "label": [label or f"D = {dim:,}"]})
    return kit.rules(frame, x=field, label="label", color=MARK_COLOR)


def _long(df: pd.DataFrame, x: str, series: list[str], name: str = "series", value: str = "value"):
    return df.melt(id_vars=[x], value_vars=series, var_name=name, value_name=value)


# ---------------------------------------------------------------------------------------------- grids
def cells_chart(grid: pd.DataFrame, n_samples: int) -> alt.LayerChart:
    """Cells b^D against the number of samples N (log scale)."""
    cells = kit.line_chart(grid, "D", "cells", x_title="number of features D",
                              y_title="cells b^D (log scale)", log_y=True, points=True,
                              tooltip=["D", alt.Tooltip("cells:Q", format=".3g"), "occupied cells"])
    samples = kit.rules(pd.DataFrame({"y": [n_samples], "label": [f"N = {n_samples:,} samples"]}),
                           y="y", label="label", color=MARK_COLOR)
    return alt.layer(cells, samples)


def occupancy_chart(grid: pd.DataFrame) -> alt.LayerChart:
    """Occupied fraction: Monte Carlo points, the expectation and the bound N/b^D."""
    theory = _long(grid, "D", ["expected", "bound N/b^D"], name="curve", value="fraction")
    lines = kit.line_chart(theory, "D", "fraction", color="curve", dash="curve",
                              x_title="number of features D", y_title="share of cells occupied (log)",
                              log_y=True)
    dots = kit.points_chart(grid.rename(columns={"simulated": "fraction"}), "D", "fraction",
                               log_y=True, tooltip=["D", "occupied cells", alt.Tooltip("fraction:Q", format=".3g")])
    return alt.layer(lines, dots)


def knn_chart(knn: pd.DataFrame, dim: int | None = None) -> alt.LayerChart:
    """k-NN accuracy as noise features are added, with chance level and the slider's D when in range."""
    line = kit.line_chart(knn, "features", "accuracy", x_title="features (2 informative + noise), log",
                             y_title="test accuracy of 5-NN", log_x=True, points=True, y_domain=(0.4, 1.0),
                             tooltip=["features", "noise features", alt.Tooltip("accuracy:Q", format=".1%")])
    chance = kit.rules(pd.DataFrame({"y": [0.5], "label": ["chance (50%)"]}), y="y", label="label")
    if dim is None or not knn["features"].min() <= dim <= knn["features"].max():
        return alt.layer(line, chance)
    return alt.layer(line, chance, dim_marker(dim, field="features"))


# ---------------------------------------------------------------------------------------------- cubes
def _circle(cx: float, cy: float, r: float, n: int = 72) -> list[list[float]]:
    t = np.linspace(0.0, 2 * np.pi, n)
    return [[float(cx + r * math.cos(a)), float(cy + r * math.sin(a))] for a in t]


def _feature(ring: list[list[float]], kind: str, label: str) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, "label": label},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def spiky_cube_features(view: str) -> list[dict]:
    """GeoJSON polygons of the stacked unit cubes, their balls and the centre ball (2-D or 3-D view).

    The 3-D view is an oblique projection (x + 0.35 z, y + 0.35 z): spheres project to circles.
    """
    dim = 2 if view == "2-D" else 3
    r_centre = (math.sqrt(dim) - 1) / 2

    def project(p):
        return (p[0] + 0.35 * p[2], p[1] + 0.35 * p[2]) if dim == 3 else (p[0], p[1])

    features = []
    if dim == 2:
        for x0 in (-1, 0):
            for y0 in (-1, 0):
                ring = [[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]
                features.append(_feature(ring, "unit cube", "unit square"))
        centres = [(x, y, 0.0) for x in (-0.5, 0.5) for y in (-0.5, 0.5)]
    else:
        for z in (1, -1):  # back face then front face, for a readable wireframe
            ring = [list(project((x, y, z))) for x, y in ((-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1))]
            features.append(_feature(ring, "unit cube", "box face"))
        for x, y in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            edge = [list(project((x, y, -1))), list(project((x, y, 1)))]
            features.append({"type": "Feature", "properties": {"kind": "unit cube", "label": "box edge"},
                             "geometry": {"type": "LineString", "coordinates": edge}})
        centres = sorted(((x, y, z) for x in (-0.5, 0.5) for y in (-0.5, 0.5) for z in (-0.5, 0.5)),
                         key=lambda c: -c[2])
    for c in centres:
        features.append(_feature(_circle(*project(c), 0.5), "ball of diameter 1", "ball of diameter 1"))
    features.append(_feature(_circle(0.0, 0.0, r_centre), "centre ball",
                             f"centre ball, diameter √{dim} − 1 = {2 * r_centre:.3f}"))
    return features


def spiky_cube_chart(view: str) -> alt.Chart:
    """The article's figure: 2^D unit boxes with inscribed balls and the ball at the centre."""
    colors = alt.Scale(domain=["unit cube", "ball of diameter 1", "centre ball"],
                       range=["#ffffff", "#c6dbef", "#3182bd"])
    return alt.Chart(alt.Data(values=spiky_cube_features(view))).mark_geoshape(
        stroke="#333333", strokeWidth=1, fillOpacity=0.75,
    ).encode(
        color=alt.Color("properties.kind:N", scale=colors, title=None,
                        legend=alt.Legend(orient="bottom", symbolStrokeWidth=0.8, symbolSize=220)),
        tooltip=[alt.Tooltip("properties.label:N", title="shape")],
    ).project(type="identity", reflectY=True).properties(height=320)


def centre_ball_top(dim: int, max_dim: int = 40) -> int:
    """The last D of the centre-ball chart: ``max_dim``, or the slider's D up to 400."""
    return max(max_dim, min(dim, 400))


LENGTHS = ["centre-ball diameter √D − 1", "box side"]


def centre_ball_chart(dim: int, max_dim: int = 40) -> alt.LayerChart:
    """Centre-ball diameter √D − 1 (solid) against the box side 2 (dashed): it pokes out for D > 9."""
    dims = np.arange(1, centre_ball_top(dim, max_dim) + 1)
    df = pd.DataFrame({"D": dims, LENGTHS[0]: np.sqrt(dims) - 1, LENGTHS[1]: 2.0})
    long = _long(df, "D", LENGTHS, name="length", value="value")
    lines = kit.line_chart(long, "D", "value", color="length", x_title="dimension D",
                              y_title="length").encode(
        color=alt.Color("length:N", scale=alt.Scale(domain=LENGTHS, range=[kit.PALETTE[0], "#555555"]),
                        legend=kit.legend()),
        strokeDash=alt.StrokeDash("length:N", scale=alt.Scale(domain=LENGTHS, range=[[1, 0], [6, 4]]),
                                  legend=kit.legend()))  # not by hue alone: the box side is dashed
    nine = kit.rules(pd.DataFrame({"D": [9], "label": ["D = 9: touches the box"]}), x="D",
                        label="label")
    return alt.layer(lines, nine, dim_marker(dim)) if dim <= dims[-1] else alt.layer(lines, nine)


def inscribed_ratio_chart(table: pd.DataFrame, dim: int) -> alt.LayerChart:
    """ρ_D exact (line) and hit-or-miss (points), log scale."""
    chart = kit.theory_over_simulation(
        table, "D", "simulated", "exact", x_title="dimension D", y_title="vol(ball) / vol(cube), log",
        log_y=True, sim=table.dropna(subset=["simulated"]),
        tooltip=["D", "hits", alt.Tooltip("simulated:Q", format=".3g"), alt.Tooltip("exact:Q", format=".3g")])
    return alt.layer(chart, dim_marker(dim)) if dim <= table["D"].max() else chart


def norm_hist_chart(bars: pd.DataFrame, dim: int) -> alt.LayerChart:
    """Distances from the centre of uniform cube points, with the face (1), √(D/3) and the corner √D."""
    hist = kit.histogram_with_curve(bars, None, x_title="distance from the centre ‖x‖",
                                       x_domain=(0.0, math.sqrt(dim)))
    corner = math.sqrt(dim)
    rows = [(1.0, "face centre: 1", 8, "left"), (math.sqrt(dim / 3), f"√(D/3) = {math.sqrt(dim / 3):.3g}", 30, "left"),
            (corner, f"corner: √D = {corner:.3g}", 52, "right")]  # the corner is the right edge: label inwards
    if dim == 1:  # face and corner coincide
        rows = [(1.0, "face = corner: 1", 8, "right"), rows[1]]  # in 1-D a face is a single point
    marks = pd.DataFrame(rows, columns=["x", "label", "y_px", "side"])
    return alt.layer(hist, kit.rules(marks, x="x", color=MARK_COLOR), *_row_labels(marks))


def face_gap_chart(bars: pd.DataFrame, curve: pd.DataFrame, near: float) -> alt.LayerChart:
    """Distances to the nearest face, 1 − max|x_k|, with D (1 − t)^{D−1} and a rule at ``near``."""
    hist = kit.histogram_with_curve(bars, curve, x_title="distance to the nearest face t = 1 − max|x_k|")
    edge = pd.DataFrame({"x": [near], "label": [f"within {near} of a face"], "y_px": [8], "side": ["left"]})
    return alt.layer(hist, kit.rules(edge, x="x", color=MARK_COLOR), *_row_labels(edge))


def _row_labels(marks: pd.DataFrame) -> list[alt.Chart]:
    """Labels of vertical rules, each on its own row (``y_px`` pixels from the top) so neighbours never
    overlap, left or right of their rule (``side``)."""
    layers = []
    for side, style in (("left", {"align": "left", "dx": 4}), ("right", {"align": "right", "dx": -4})):
        part = marks[marks["side"] == side]
        if len(part):
            layers.append(alt.Chart(part).mark_text(color=MARK_COLOR, baseline="middle", **style).encode(
                x="x:Q", y=alt.Y("y_px:Q", scale=None), text="label:N"))
    return layers


# ---------------------------------------------------------------------------------------------- angles
def panel_layout(n_panels: int, wide: bool) -> dict:
    """Columns and panel size of a row of small histograms that fits the page: up to five 105–125 px
    panels in a row on a laptop; on a projector (``wide``: larger text, from 1024 px) three larger
    panels a row, wrapping to a second row."""
    if wide:
        return {"columns": 3, "panel_width": 190, "height": 220}
    return {"columns": n_panels, "panel_width": 125 if n_panels <= 4 else 105, "height": 200}


def angle_hists_chart(bars: pd.DataFrame, curves: pd.DataFrame, wide: bool = False) -> alt.FacetChart:
    """One panel per D: the angle histogram with the exact density f_D(θ) over it (``wide``: presenter
    mode, see ``panel_layout``)."""
    return kit.histogram_with_curve(bars, curves, x_title="angle θ (degrees)", y_title="density per degree",
                                       facet="D", **panel_layout(bars["D"].nunique(), wide))


def spread_chart(table: pd.DataFrame, dim: int) -> alt.LayerChart:
    """Standard deviation of the angle over D (log–log): measured (points), exact for the sphere (solid
    line) and the large-D rule (180/π)/√D (dashed line)."""
    chart = kit.theory_over_simulation(table, "D", "simulated", "exact", x_title="dimension D",
                                   y_title="spread of θ around 90° (degrees)", log_x=True, log_y=True)
    rule = kit.line_chart(table.assign(curve="large-D rule (180/π)/√D"), "D", "large D", log_x=True,
                          log_y=True, x_title="dimension D", y_title="spread of θ around 90° (degrees)")
    rule = rule.mark_line(strokeDash=[6, 4], color="#555555", strokeWidth=1.5).encode(
        detail="curve:N", tooltip=["D", alt.Tooltip("large D:Q", format=".3g", title="(180/π)/√D")])
    return alt.layer(chart, rule, dim_marker(dim))


# ---------------------------------------------------------------------------------------------- shells
def shell_chart(curve: pd.DataFrame, table: pd.DataFrame, eps: float, d90: float, d99: float,
                dim: int) -> alt.LayerChart:
    """1 − (1 − ε)^D over D (log x), Monte Carlo points, and where 90% / 99% is reached."""
    chart = kit.theory_over_simulation(
        curve, "D", "simulated", "exact", x_title="dimension D (log)",
        y_title=f"share of volume in the outer {eps:.1%}", log_x=True, y_domain=(0, 1), sim=table,
        tooltip=["D", "points", alt.Tooltip("simulated:Q", format=".3f"), alt.Tooltip("exact:Q", format=".3f")])
    levels = pd.DataFrame({"D": [d90, d99], "label": [f"90% from D = {math.ceil(d90 - 1e-9):,}",
                                                     f"99% from D = {math.ceil(d99 - 1e-9):,}"],
                           "at": [0.25, 0.1]})
    levels = levels[levels["D"] <= curve["D"].max()]
    return alt.layer(chart, kit.rules(levels, x="D", label="label", label_at="at"), dim_marker(dim))


def radius_chart(bars: pd.DataFrame, curve: pd.DataFrame, eps: float) -> alt.LayerChart:
    """Norms of uniform ball points near the surface with D r^{D−1}, the shell boundary marked."""
    hist = kit.histogram_with_curve(bars, curve, x_title="distance from the centre r")
    edge = pd.DataFrame({"x": [1 - eps], "label": [f"shell starts at 1 − ε = {1 - eps:.3f}"], "y_px": [8],
                         "side": ["right"]})  # the shell is at the right edge: its label goes inwards
    return alt.layer(hist, kit.rules(edge, x="x", color=MARK_COLOR), *_row_labels(edge))


# ---------------------------------------------------------------------------------------------- distances
def contrast_chart(table: pd.DataFrame, dim: int) -> alt.LayerChart:
    """Relative contrast (d_max − d_min)/d_min over D, log–log."""
    line = kit.line_chart(table, "D", "relative contrast", x_title="dimension D", log_x=True,
                             log_y=True, points=True, y_title="(d_max − d_min) / d_min, log",
                             tooltip=["D", "points", alt.Tooltip("relative contrast:Q", format=".3g")])
    return alt.layer(line, dim_marker(dim))


def relative_spread_chart(table: pd.DataFrame, dim: int) -> alt.LayerChart:
    """std/mean of the distances from the query (points) against 0.548/√D (line)."""
    chart = kit.theory_over_simulation(table, "D", "simulated", "exact", x_title="dimension D",
                                          y_title="std / mean of distances, log", log_x=True, log_y=True)
    return alt.layer(chart, dim_marker(dim))


def distance_hists_chart(bars: pd.DataFrame, wide: bool = False) -> alt.FacetChart:
    """Distance / mean distance, one panel per D, shared x axis 0..2 (``wide``: see ``panel_layout``)."""
    layout = panel_layout(bars["D"].nunique(), wide) | {"height": 180}
    return kit.histogram_with_curve(bars, None, x_title="distance / mean distance", facet="D",
                                       x_domain=(0.0, 2.0), **layout)


# ---------------------------------------------------------------------------------------------- grid classifier
CLASS_DOMAIN = ["A", "B", "C"]
CLASS_FILLS = ["#f4c7c3", "#c8e6c9", "#c6dbef"]  # light cells, each labelled with its class letter
CLASS_COLOURS = ["#c0392b", "#2e7d32", "#1f5fa8"]
CLASS_SHAPES = ["circle", "triangle-up", "square"]  # the classes differ by shape, not by hue alone


def grid_picture_chart(cells: pd.DataFrame, points: pd.DataFrame, new_point: tuple[float, float],
                       new_class: str) -> alt.LayerChart:
    """The article's figure: cells shaded and lettered by their majority class (blank when empty),
    training points by class (hue and shape), and the new point as a black cross."""
    size = len(cells) ** 0.5
    filled = cells[cells["class"] != ""].rename(columns={"class": "majority"})
    filled = filled.assign(fill=filled["majority"].map(dict(zip(CLASS_DOMAIN, CLASS_FILLS, strict=True))))
    rects = alt.Chart(filled).mark_rect(opacity=0.8, stroke="#ffffff", strokeWidth=0.5).encode(
        x=alt.X("x0:Q", title="feature 1", scale=alt.Scale(domain=[0, 1], nice=False)), x2="x1:Q",
        y=alt.Y("y0:Q", title="feature 2", scale=alt.Scale(domain=[0, 1], nice=False)), y2="y1:Q",
        fill=alt.Fill("fill:N", scale=None),  # the fills as given: one legend (the points') for the classes
        tooltip=[alt.Tooltip("majority:N", title="cell's majority")])
    letters = alt.Chart(filled).mark_text(fontSize=max(7, int(110 / size)), color="#555555").encode(
        x="cx:Q", y="cy:Q", text="majority:N")
    dots = alt.Chart(points).mark_point(filled=True, size=28, opacity=0.85).encode(
        x="feature 1:Q", y="feature 2:Q",
        color=alt.Color("class:N", scale=alt.Scale(domain=CLASS_DOMAIN, range=CLASS_COLOURS),
                        legend=kit.legend(title="class")),
        shape=alt.Shape("class:N", scale=alt.Scale(domain=CLASS_DOMAIN, range=CLASS_SHAPES),
                        legend=kit.legend(title="class")),
        tooltip=["class:N", alt.Tooltip("feature 1:Q", format=".2f"), alt.Tooltip("feature 2:Q", format=".2f")])
    label = f"new point → {new_class}" if new_class else "new point: empty cell"
    cross = alt.Chart(pd.DataFrame({"x": [new_point[0]], "y": [new_point[1]], "label": [label]}))
    return alt.layer(rects, letters, dots,
                     cross.mark_point(shape="cross", size=260, color="#000000", filled=True).encode(
                         x="x:Q", y="y:Q", tooltip=["label:N"]),
                     cross.mark_text(align="left", dx=10, dy=-10, fontWeight="bold").encode(
                         x="x:Q", y="y:Q", text="label:N")).properties(height=320)


GRID_CURVES = ["accuracy", "new points in empty cells"]


def grid_accuracy_chart(table: pd.DataFrame, features: int) -> alt.LayerChart:
    """Over the features used: the grid's accuracy (solid) and the share of new points whose cell is
    empty (dashed), with chance 1/3 and the chosen number of features marked."""
    long = table.rename(columns={"empty share": GRID_CURVES[1]}).melt(
        id_vars=["features", "cells", "occupied"], value_vars=GRID_CURVES, var_name="curve", value_name="share")
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("features:Q", title="features used F", scale=alt.Scale(domain=[1, 12]),
                axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("share:Q", title="share of new points", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        color=alt.Color("curve:N", scale=alt.Scale(domain=GRID_CURVES, range=[kit.PALETTE[0], "#555555"]),
                        legend=kit.legend(symbolType="stroke", symbolSize=400)),
        strokeDash=alt.StrokeDash("curve:N", scale=alt.Scale(domain=GRID_CURVES, range=[[1, 0], [6, 4]]),
                                  legend=kit.legend(symbolType="stroke", symbolSize=400)),
        tooltip=["features:Q", alt.Tooltip("cells:Q", format=",.0f"), "occupied:Q",
                 "curve:N", alt.Tooltip("share:Q", format=".1%")]).properties(height=320)
    chance = kit.rules(pd.DataFrame({"y": [1 / 3], "label": ["chance: 1/3"]}), y="y", label="label")
    return alt.layer(lines, chance, dim_marker(features, f"F = {features}", field="features"))
