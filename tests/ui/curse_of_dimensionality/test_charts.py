"""Chart builders of the curse page: specs carry the data, the closed form and the marks they promise."""

import json
import re

import numpy as np
import pandas as pd
import pytest

from tests.conftest import rows_aside
from ui import in_browser
from ui.curse_of_dimensionality import charts as charts
from ui.kit.played import Played


def spec(chart) -> str:
    return json.dumps(chart.to_dict())


def marked(chart) -> dict[str, tuple[float, str]]:
    """The D markers of a chart, as drawn: label -> (x, side of the rule the label sits on); x NaN when the
    axis does not reach that D (the marker is then left out of the drawing)."""
    rows = [row for rows in chart.to_dict()["datasets"].values() for row in rows if {"side", "label"} <= set(row)]
    def x(row) -> float:
        value = row.get("D", row.get("features"))
        return float("nan") if value is None else float(value)  # NaN travels as null

    return {row["label"]: (x(row), row["side"]) for row in rows if "D = " in row["label"] or "F = " in row["label"]}


def plain(chart) -> str:
    """The spec with its text as written (√, °), not as JSON escapes."""
    return json.dumps(chart.to_dict(), ensure_ascii=False)


def test_the_centre_ball_chart_draws_the_box_of_k_cubes_a_side():
    chart = charts.centre_ball_chart(10, per_side=4).to_dict()
    rows = [row for rows in chart["datasets"].values() for row in rows]
    assert {row["value"] for row in rows if row.get("length") == "box side"} == {4.0}
    assert "D = 25: touches the box" in spec(charts.centre_ball_chart(10, per_side=4))
    assert charts.centre_ball_top(10, per_side=4) == 50 and charts.centre_ball_top(10, per_side=20) == 882


def test_the_globe_is_an_orthographic_view_and_its_cap_lies_round_the_pole():
    lat, lon = np.meshgrid(np.radians(np.linspace(-90, 90, 13)), np.radians(np.linspace(0, 360, 25)))
    x, y, depth = charts._globe_xy(lat, lon)
    assert np.allclose(x ** 2 + y ** 2 + depth ** 2, 1.0)  # a rotation: the sphere stays a unit sphere
    tilt = charts.GLOBE_TILT
    assert np.allclose(charts._globe_xy(np.array(np.pi / 2), np.array(0.0)), (0.0, np.cos(tilt), np.sin(tilt)))
    for w in (5, 10, 20, 30, 45):
        for lo, hi in ((90 - w, 90), (-w, w)):  # the cap and the belt
            u, v = np.array(charts._zone_outline(lo, hi)).T
            assert np.allclose((u[0], v[0]), (u[-1], v[-1]))  # a closed ring
            assert (u ** 2 + v ** 2 <= 1 + 1e-9).all()  # on the disc the sphere covers
            # lift each point back onto the sphere, in front or behind (one on the horizon is both): a
            # point of the outline lies on the zone's edge latitudes or on the horizon between them
            front = np.sqrt(np.clip(1 - u ** 2 - v ** 2, 0, None))
            ok = np.zeros(len(u), bool)
            for depth in (front, -front):
                lat = np.degrees(np.arcsin(np.clip(v * np.cos(tilt) + depth * np.sin(tilt), -1, 1)))
                ok |= (lat >= lo - 1e-6) & (lat <= hi + 1e-6)
            assert ok.all()
    labels = {"cap": "cap θ < 10°: 0.76% of the sphere", "belt": "belt 90° ± 10°: 17.4% of the sphere"}
    text = plain(charts.cap_belt_globe_chart(10, labels["cap"], labels["belt"]))
    assert "cone of half-angle 10° round a" in text and "0.76% of the sphere" in text


def _ring_area(ring: list[list[float]]) -> float:
    x, y = np.array(ring).T
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2  # the shoelace formula


@pytest.mark.parametrize("w", [10, 30, 45])
def test_each_zones_outline_holds_the_part_of_the_sphere_in_view(w):
    """Points spread evenly over the disc the sphere covers, lifted onto its front: those whose latitude
    falls in a zone cover the area its outline encloses (so the outline is the zone, not a tangle)."""
    u, v = np.random.default_rng(0).uniform(-1, 1, (2, 400_000))
    u, v = u[u ** 2 + v ** 2 < 1], v[u ** 2 + v ** 2 < 1]
    tilt = charts.GLOBE_TILT
    lat = np.degrees(np.arcsin(v * np.cos(tilt) + np.sqrt(1 - u ** 2 - v ** 2) * np.sin(tilt)))
    for lo, hi in ((90 - w, 90), (-w, w)):
        measured = np.pi * np.mean((lat >= lo) & (lat <= hi))
        assert _ring_area(charts._zone_outline(lo, hi)) == pytest.approx(measured, rel=0.02)


def test_the_globe_sends_each_zone_once_with_its_coordinates_rounded():
    labels = {"cap": "cap θ < 10°: 0.76% of the sphere", "belt": "belt 90° ± 10°: 17.4% of the sphere"}
    chart = charts.cap_belt_globe_chart(10, labels["cap"], labels["belt"])
    zones = chart.to_dict()["layer"][1]["data"]["values"]
    assert [z["properties"]["kind"] for z in zones] == [labels["cap"], labels["belt"]]  # one outline a zone
    shapes = json.dumps([layer["data"]["values"] for layer in chart.to_dict()["layer"] if "values" in layer["data"]])
    assert not re.search(r"\d\.\d{5,}", shapes)  # no coordinate carries more than GEO_DECIMALS digits
    assert len(spec(chart)) < 16_000  # (it was 131,000 characters: 288 cells, 16-digit coordinates)


def test_the_density_chart_shades_the_cap_and_the_belt_under_the_sliders_curve():
    curves = pd.DataFrame({"theta": [0.0, 90.0, 180.0, 0.0, 90.0, 180.0], "density": [0, 0.05, 0, 0, 0.0087, 0],
                           "D": [50, 50, 50, 3, 3, 3]})
    zones = pd.DataFrame({"theta": [0.0, 10.0, 80.0, 100.0], "density": [0, 0, 0.01, 0.01],
                          "zone": ["cap", "cap", "belt", "belt"]})
    labels = {"cap": "cap θ < 10°: 3.2 × 10⁻³⁹ at D = 50", "belt": "belt 90° ± 10°: 77.7% at D = 50"}
    chart = charts.angle_density_chart(curves, zones, labels)
    d = chart.to_dict()
    areas, lines = d["layer"]
    assert areas["mark"]["type"] == "area" and areas["encoding"]["color"]["scale"]["range"] == charts.CAP_BELT_COLORS
    assert lines["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]  # not by hue alone
    assert areas["encoding"]["y"]["stack"] is None  # the cap and the belt side by side: no fill between them
    # the legends' names and order are in the data (the spec stays the same while D plays)
    in_order = {"field": "rank", "op": "min"}
    assert areas["encoding"]["color"]["sort"] == lines["encoding"]["color"]["sort"] == in_order
    zone_layer, line_layer = chart.chart.layer
    assert list(zone_layer.data.sort_values("rank")["zone"].drop_duplicates()) == list(labels.values())
    assert list(line_layer.data.sort_values("rank")["curve"].drop_duplicates()) == ["D = 50", "D = 3 (the globe)"]
    assert "D = 50" not in json.dumps({k: v for k, v in d.items() if k != "datasets"})


def test_shell_chart_marks_where_ninety_and_ninety_nine_percent_are_reached():
    curve = pd.DataFrame({"D": [1, 10, 10_000], "exact": [0.01, 0.1, 1.0]})
    table = pd.DataFrame({"D": [1, 10], "simulated": [0.01, 0.1], "exact": [0.01, 0.1], "points": [10, 10]})
    text = spec(charts.shell_chart(curve, table, 0.01, 229.1, 458.2, 50))
    # 229.1 is not a dimension: 90% is reached from the first whole D past it (issue 14)
    assert "90% from D = 230" in text and "99% from D = 459" in text and "D = 50" in text
    assert "229" not in text.replace("229.1", "")


def test_dim_marker_only_where_the_axis_reaches_it():
    table = pd.DataFrame({"D": [1, 2], "exact": [0.7, 0.5], "simulated": [0.7, 0.5], "hits": [1, 1]})
    assert marked(charts.inscribed_ratio_chart(table, 2))["D = 2"][0] == 2
    assert np.isnan(marked(charts.inscribed_ratio_chart(table, 500))["D = 500"][0])  # off the axis: not drawn


def _without_data(chart) -> tuple[dict, list[int]]:
    """What Streamlit's browser side compares to decide whether to build a drawn chart anew: the spec
    without its data, and each dataset's row count."""
    import pyarrow as pa

    from ui.kit.specs import convert

    d = convert(chart)
    rows = [pa.ipc.open_stream(data).read_all().num_rows for data in d.pop("datasets").values()]
    return d, rows


@pytest.mark.parametrize("dims", [(50, 60), (100, 150), (2, 10_000), (200, 10)])
def test_moving_d_changes_only_the_data_of_the_charts_it_moves(dims):
    """A marker that moves, crosses to the other side of its label or leaves the axis; a panel added or
    dropped; a curve that grows with D: the spec and the row counts stay, so the browser updates the drawn
    chart in place (a new spec or row count builds it anew, ~0.1–0.3 s a chart)."""
    table = pd.DataFrame({"D": [2, 10, 100, 10_000], "relative contrast": [80.0, 3.0, 0.3, 0.05],
                          "simulated": [0.4, 0.2, 0.05, 0.005], "exact": [0.39, 0.17, 0.055, 0.0055],
                          "points": [9, 9, 9, 9]})
    knn = pd.DataFrame({"noise features": [0, 8, 1024], "features": [2, 10, 1026], "accuracy": [0.9, 0.7, 0.5]})

    def frames(dim: int):
        def with_slider(rows):
            return pd.concat([rows, rows.iloc[[1]].assign(D=dim)]) if dim not in set(rows["D"]) else rows
        bars, curve = _angle_frames(f"D = {dim}", 0.05)
        panels = [_angle_frames(f"D = {d}", 0.05) for d in dict.fromkeys((2, 3, 50, 100, dim))]
        return [charts.contrast_chart(with_slider(table), dim, pin=10),
                charts.relative_spread_chart(with_slider(table), dim),
                charts.knn_chart(knn, dim),
                charts.centre_ball_chart(dim),
                charts.angle_hists_chart(pd.concat([b for b, _ in panels]), pd.concat([c for _, c in panels]),
                                         pinned=(bars, curve, (f"D = {dim}", "D = 10 pinned"))),
                charts.norm_hist_chart(pd.DataFrame({"left": [0.0], "right": [dim ** 0.5], "density": [1.0]}), dim)]

    for before, after in zip(frames(dims[0]), frames(dims[1]), strict=True):
        assert _without_data(before) == _without_data(after)


def test_knn_chart_marks_the_slider_dimension_on_its_feature_axis():
    knn = pd.DataFrame({"noise features": [0, 8, 1024], "features": [2, 10, 1026], "accuracy": [0.9, 0.7, 0.5]})
    d = charts.knn_chart(knn, 50).to_dict()
    assert marked(charts.knn_chart(knn, 50))["D = 50"] == (50, "right")
    assert d["layer"][-1]["layer"][0]["encoding"]["x"]["field"] == "features"  # same axis as the curve
    assert np.isnan(marked(charts.knn_chart(knn, 5000))["D = 5,000"][0])
    assert np.isnan(marked(charts.knn_chart(knn, 1))["D = 1"][0])


def test_norm_histogram_marks_face_and_corner():
    bars = pd.DataFrame({"left": [0.0], "right": [1.0], "density": [1.0]})
    text = spec(charts.norm_hist_chart(bars, 100))
    # distance 1 is where the centre of a face is, not "the face" (points lie near faces: see face_gap_chart)
    assert "face centre: 1" in text and "face: 1" not in text and "corner: \\u221aD = 10" in text
    datasets = charts.norm_hist_chart(bars, 2).to_dict()["datasets"].values()
    pixel_rows = {row["label"]: row["y_px"] for rows in datasets for row in rows if "y_px" in row}
    assert len(pixel_rows) == 3 and len(set(pixel_rows.values())) == 3  # at D = 2 three rows: no overlap
    assert "face = corner: 1" in spec(charts.norm_hist_chart(bars, 1))  # they coincide at D = 1


def test_norms_caption_claims_the_spike_only_when_the_histogram_shows_it():
    from ui.curse_of_dimensionality import text as fg

    spike = pd.DataFrame({"left": [3.9, 4.0], "right": [4.0, 4.1], "density": [1.0, 2.0]})
    said = fg.norms_caption(spike, 50, 100)
    # almost every point IS near some face (92% within 0.05 at D = 50): the caption must not deny it
    assert "none near a face" not in said and "all near √(D/3)" in said and "middle of a face" in said
    spread = pd.DataFrame({"left": [0.1, 1.0], "right": [1.0, 1.4], "density": [1.0, 1.0]})
    assert "none" not in fg.norms_caption(spread, 2, 100) and "spread" in fg.norms_caption(spread, 2, 100)


def test_face_gap_chart_draws_the_exact_density_and_the_near_line():
    bars = pd.DataFrame({"left": [0.0, 0.05], "right": [0.05, 0.1], "density": [18.0, 2.0]})
    curve = pd.DataFrame({"x": [0.0, 0.1], "density": [50.0, 0.26]})
    text = spec(charts.face_gap_chart(bars, curve, 0.05))
    assert "within 0.05 of a face" in text and "nearest face" in text and '"theory"' in text


@pytest.mark.parametrize("n_panels", [4, 5])
@pytest.mark.parametrize("wide", [False, True])
def test_histogram_panels_fit_the_page(n_panels, wide):
    """A row of panels plus their y axes (~60 px each) fits 840 px (a 1280 px laptop page) or, in
    presenter mode, 870 px (a 1024 px projector): panels wrap instead of running off the edge. Four panels
    (the slider on one of the article's D) are laid out as five are, so moving D keeps the spec."""
    layout = charts.panel_layout(charts.PANELS, wide)
    assert layout["columns"] * (layout["panel_width"] + 60) <= (870 if wide else 840)
    bars = pd.DataFrame({"left": [0.0] * n_panels, "right": [1.0] * n_panels, "density": [1.0] * n_panels,
                         "D": [f"D = {d}" for d in range(n_panels)]})
    d = charts.distance_hists_chart(bars, wide).to_dict()
    assert d["columns"] == layout["columns"] and d["spec"]["width"] == layout["panel_width"]


def test_theory_and_simulation_differ_by_more_than_hue():
    """The legend draws the closed form as a line and the simulation as a dot (a shape beside the hue),
    and every layer keeps its data (a chart whose layers share one frame draws the frame once, on top)."""
    table = pd.DataFrame({"D": [2, 10, 100], "simulated": [52.0, 18.0, 5.8], "exact": [52.0, 18.6, 5.76],
                          "large D": [40.5, 18.1, 5.73]})
    d = charts.spread_chart(table, 50).to_dict()
    theory = d["layer"][0]
    dots = theory["layer"][0]
    dots = theory["layer"][1]
    shape = dots["encoding"]["shape"]  # the names in data order, simulation first: a dot, then a line
    assert shape["scale"] == {"range": ["circle", "stroke"]} and shape["sort"] == "descending"
    assert theory["layer"][0]["encoding"]["shape"] == shape  # unseen points put "closed form" in its domain
    assert "data" in theory  # the points and the line are drawn, not an empty plot
    shell = pd.DataFrame({"D": [1, 10], "simulated": [0.01, 0.1], "exact": [0.01, 0.1], "points": [10, 10]})
    assert "shape" in charts.shell_chart(shell, shell, 0.01, 229, 458, 50).to_dict()["layer"][0]["layer"][1]["encoding"]


def test_angle_spread_chart_draws_the_large_d_rule_dashed_beside_the_exact_spread():
    table = pd.DataFrame({"D": [2, 10], "simulated": [52.0, 18.0], "exact": [52.0, 18.6], "large D": [40.5, 18.1]})
    layers = charts.spread_chart(table, 50).to_dict()["layer"]
    rule = layers[1]
    assert rule["mark"]["strokeDash"] == [6, 4] and rule["encoding"]["y"]["field"] == "large D"


def test_centre_ball_and_box_side_differ_by_dash():
    lines = charts.centre_ball_chart(50).to_dict()["layer"][0]["encoding"]
    assert lines["strokeDash"]["field"] == lines["color"]["field"] == "length"  # one legend, dash and hue
    assert lines["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]  # the box side is the dashed one
    assert [charts.centre_ball_top(dim) for dim in (3, 50, 10_000)] == [40, 50, 400]


BINS_AT = in_browser.At("bins", 10, 2, 20)  # the grids' b as the server drew it


def test_grid_classifier_charts_tell_classes_and_curves_apart_without_hue():
    from ui.curse_of_dimensionality import data as cg

    every = cg.grids_by_bins(1000, 42)
    assert len(every.points) == cg.SHOWN_POINTS
    picture = charts.grid_picture_chart(every.cells, every.points, cg.NEW_POINT, every.crosses, BINS_AT).to_dict()
    dots = picture["layer"][2]
    assert dots["encoding"]["shape"]["scale"]["range"] == charts.CLASS_SHAPES
    assert picture["layer"][1]["mark"]["type"] == "text"  # every cell lettered with its class
    assert "new point \\u2192 A" in spec(charts.grid_picture_chart(every.cells, every.points, cg.NEW_POINT,
                                                                    every.crosses, BINS_AT))
    lines = charts.grid_accuracy_chart(every.classifier, 4, BINS_AT).to_dict()["layer"][0]
    assert lines["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]
    assert "F = 4" in spec(charts.grid_accuracy_chart(every.classifier, 4, BINS_AT))


def _filters(layer: dict) -> list[str]:
    return [step["filter"] for step in layer.get("transform", []) if "filter" in step]


def test_the_grid_charts_hold_every_b_and_draw_the_one_the_slider_shows():
    """b is answered in the browser (``ui.in_browser``): each grid chart declares the slider's parameter at the
    server's b, and the layers drawn from every b's rows keep the b shown; the points, the chance line, the
    chosen F and the samples' line are the same at every b."""
    from ui.curse_of_dimensionality import data as cg

    every = cg.grids_by_bins(1000, 42)
    shown = BINS_AT.shown("bins")
    built = {"picture": charts.grid_picture_chart(every.cells, every.points, cg.NEW_POINT, every.crosses, BINS_AT),
             "accuracy": charts.grid_accuracy_chart(every.classifier, 4, BINS_AT),
             "cells": charts.cells_chart(every.grid, 1000, BINS_AT),
             "occupancy": charts.occupancy_chart(every.grid, True, BINS_AT)}
    filtered = {"picture": [True, True, False, True, True], "accuracy": [True, False, False],
                "cells": [True, False], "occupancy": [True, True]}
    for name, chart in built.items():
        drawn = chart.to_dict()
        (param,) = drawn["params"]
        assert param["name"] == "browser_bins" and param["value"] == 10, name
        assert param["bind"] == {"input": "range", "min": 2, "max": 20, "step": 1}, name
        assert [shown in _filters(layer) for layer in drawn["layer"]] == filtered[name], name
    assert sorted(set(every.cells["bins"])) == list(range(2, 21))  # every b's cells
    assert sum(b * b for b in range(2, 21)) == len(every.cells)
    # a cell is sent as its column and row (small whole numbers), its corners worked out by the browser
    rects = built["picture"].to_dict()["layer"][0]
    sent = pd.DataFrame(built["picture"].to_dict()["datasets"][rects["data"]["name"]])
    assert list(sent.columns) == ["bins", "i", "j", "majority", "fill", "font"]
    filled = every.cells[every.cells["class"] != ""].reset_index(drop=True)
    assert np.allclose(sent["i"] / sent["bins"], filled["x0"]) and np.allclose((sent["j"] + 0.5) / sent["bins"],
                                                                                 filled["cy"])
    calculated = {step["as"]: step["calculate"] for step in rects["transform"] if "calculate" in step}
    assert calculated["x1"] == "(datum.i + 1) / datum.bins" and calculated["cy"] == "(datum.j + 0.5) / datum.bins"
    for name in ("cells", "occupancy"):  # ticks for the b shown, not fixed from every b's rows
        layer = built[name].to_dict()["layer"][0]
        assert "values" not in layer["encoding"]["y"]["axis"] and layer["encoding"]["y"]["axis"]["tickCount"] == 6


# ---------------------------------------------------------------------------------------------- pin and theory
def _every(spec, pick) -> list:
    """``pick(d)`` (a list) of every object ``d`` anywhere in a (layered, faceted) spec, in order."""
    if isinstance(spec, dict):
        return pick(spec) + [found for value in spec.values() for found in _every(value, pick)]
    if isinstance(spec, list):
        return [found for value in spec for found in _every(value, pick)]
    return []


def _marks(d: dict) -> list[str]:
    """Every mark type in a (layered, faceted) spec."""
    def mark(obj: dict) -> list[str]:
        found = obj.get("mark")
        return [] if found is None else [found["type"] if isinstance(found, dict) else found]
    return _every(d, mark)


def _angle_frames(label: str, peak: float):
    bars = pd.DataFrame({"left": [80.0, 90.0], "right": [90.0, 100.0], "density": [peak, peak], "D": label})
    curve = pd.DataFrame({"x": [80.0, 90.0, 100.0], "density": [0.0, peak, 0.0], "D": label})
    return bars, curve


def test_a_pinned_d_is_drawn_grey_behind_the_sliders_panel_with_a_legend_naming_both():
    bars, curve = _angle_frames("D = 100", 0.08)
    pinned_bars, pinned_curve = _angle_frames("D = 100", 0.02)  # the pinned D's rows, in the slider's panel
    names = ("now: D = 100", "pinned: D = 10")
    d = charts.angle_hists_chart(bars, curve, pinned=(pinned_bars, pinned_curve, names)).to_dict()
    layers = d["spec"]["layer"][0]["layer"]
    fills = layers[0]["encoding"]["color"]
    assert fills["scale"] == {"range": [charts.kit.PALETTE[0], charts.PIN_FILL]}  # now blue, pinned grey:
    assert fills["sort"] == {"field": "rank", "op": "min"}  # the legend's names in the data, in rank order
    ranks = {row["series"]: row["rank"] for rows in d["datasets"].values() for row in rows
             if row.get("rank") is not None}
    assert ranks == {names[0]: 0, names[1]: 1}
    assert layers[0]["transform"][0]["filter"].endswith("'pinned')")  # the pinned bars first: behind
    pinned_line = layers[1]
    assert pinned_line["mark"]["strokeDash"] == [5, 3] and pinned_line["mark"]["color"] == charts.PIN_LINE
    assert layers[-1]["mark"]["color"] == charts.kit.THEORY_COLOR  # the slider's density on top, black
    rows = next(iter(d["datasets"].values()))
    assert {row["layer"] for row in rows} == {"pinned", "now", "pinned curve", "curve"}
    assert {row["D"] for row in rows} == {"D = 100"}
    assert {row["layer"] for row in rows if row["density"] is not None} == {"pinned", "now", "pinned curve", "curve"}


def test_played_panels_draw_frame_zero_and_the_frame_the_parameter_holds():
    """▶ in the browser: the chart of every frame's rows declares ``play_angles`` at the start, bound to a
    (hidden) range input, and filters before faceting; the panels themselves are the unplayed chart's."""
    bars, curve = _angle_frames("D = 100", 0.08)
    plain = charts.angle_hists_chart(bars, curve).to_dict()
    played = charts.angle_hists_chart(bars.assign(frame=0), curve.assign(frame=0),
                                      played=Played("play_angles", (2, 70, 10_000), 70)).to_dict()
    (param,) = played["params"]
    assert param["name"] == "play_angles" and param["value"] == 70
    assert param["bind"] == {"input": "range", "min": 2, "max": 10_000, "step": 1}
    assert played["transform"] == [{"filter": "datum.frame == 0 || datum.frame == play_angles"}]
    assert played["spec"] == plain["spec"] and played["facet"] == plain["facet"]
    assert "params" not in plain and "transform" not in plain


def _filters(spec) -> list[str]:
    """Every filter expression anywhere in a Vega-Lite spec."""
    return _every(spec, lambda obj: [t["filter"] for t in obj.get("transform", []) if isinstance(t.get("filter"), str)])


def test_the_shells_played_charts_draw_the_d_marker_and_the_stand_in_of_the_parameters_frame():
    """While ▶ plays the shells in the browser: the share chart holds a D marker row for every frame (the
    pinned one once, unfiltered), filtered on ``play_shells``, declared at the start (the discs:
    ``test_pictures``)."""
    played = Played("play_shells", (2, 50, 1000), 50)
    curve = pd.DataFrame({"D": [1.0, 10.0, 10_000.0], "exact": [0.01, 0.1, 1.0]})
    table = pd.DataFrame({"D": [1, 10, 10_000], "simulated": [0.01, 0.1, 1.0], "points": [5000, 5000, 100]})
    d = charts.shell_chart(curve, table, 0.01, 229.6, 458.2, 50, pin=10, played=played).to_dict()
    assert [p["value"] for p in d["params"] if p["name"] == "play_shells"] == [50]
    shown = "datum.frame == 0 || datum.frame == play_shells"
    assert _filters(d).count(shown) == 3  # the slider's rule and its two label sides
    frames = {row.get("frame") for rows in d["datasets"].values() for row in rows}
    assert {2, 50, 1000} <= frames


def _steady(on, off) -> str:
    """The spec ``on`` and ``off`` share, the rows aside (a dataset's name is a hash of its rows): the browser
    updates a drawn chart in place when it is the same."""
    specs = [rows_aside(chart.to_dict()) for chart in (on, off)]
    assert specs[0] == specs[1]
    return specs[0]


def _rows(chart) -> list[dict]:
    return [row for rows in chart.to_dict().get("datasets", {}).values() for row in rows]


def test_theory_off_leaves_the_measurements_alone_and_on_draws_the_closed_form_over_them():
    """The reveal "first the measurements, then the theory" (a talk's second step) is data: every chart keeps
    its spec, so the browser updates it in place rather than drawing it anew."""
    bars, curve = _angle_frames("D = 50", 0.05)
    on, off = charts.angle_hists_chart(bars, curve), charts.angle_hists_chart(bars, curve, theory=False)
    assert "line" in _marks(json.loads(_steady(on, off)))
    assert {row["layer"] for row in _rows(on)} == {"simulation", "theory"}
    assert {row["layer"] for row in _rows(off)} == {"simulation"}  # the density's rows are left out
    pinned = (*_angle_frames("D = 50", 0.01), ("now: D = 50", "pinned: D = 2"))
    on, off = (charts.angle_hists_chart(bars, curve, pinned=pinned, theory=t) for t in (True, False))
    assert _marks(json.loads(_steady(on, off))).count("rect") == 2
    assert {row["layer"] for row in _rows(off)} == {"now", "pinned"}  # both histograms stay, no curve
    table = pd.DataFrame({"D": [2, 10, 100], "simulated": [52.0, 18.0, 5.8], "exact": [52.0, 18.6, 5.76],
                          "large D": [40.5, 18.1, 5.73], "hits": [9, 9, 9]})
    for chart in (charts.spread_chart, charts.relative_spread_chart, charts.inscribed_ratio_chart):
        on, off = chart(table, 50), chart(table, 50, theory=False)
        measured = json.loads(_steady(on, off))["layer"][0]
        assert [layer["mark"]["type"] for layer in measured["layer"]] == ["point", "point", "line"]
        assert {row["shown"] for row in _rows(off) if "shown" in row} == {0.0}  # the line unseen, the axes kept
        assert {row["shown"] for row in _rows(on) if "shown" in row} == {1.0}
    on, off = charts.spread_chart(table, 50), charts.spread_chart(table, 50, theory=False)
    assert _marks(json.loads(_steady(on, off))).count("line") == 2  # exact and the large-D rule
    assert sum("curve" in row for row in _rows(on)) == 3 and not any("curve" in row for row in _rows(off))
    shell = pd.DataFrame({"D": [1, 10], "simulated": [0.01, 0.1], "exact": [0.01, 0.1], "points": [10, 10]})
    curve = pd.DataFrame({"D": [1, 10, 10_000], "exact": [0.01, 0.1, 1.0]})
    on, off = (charts.shell_chart(curve, shell, 0.01, 229.1, 458.2, 50, theory=t) for t in (True, False))
    _steady(on, off)
    assert "90% from" in spec(on)
    assert "90% from" not in spec(off) and "D = 50" in spec(off)  # the levels come from the closed form
    grid = pd.DataFrame({"D": [1, 2], "cells": [10.0, 100.0], "occupied cells": [10, 90], "simulated": [1.0, 0.9],
                         "expected": [1.0, 0.9], "bound N/b^D": [100.0, 10.0]})
    grid = grid.assign(bins=10)
    on, off = charts.occupancy_chart(grid, True, BINS_AT), charts.occupancy_chart(grid, False, BINS_AT)
    assert _marks(json.loads(_steady(on, off))) == ["line", "point"]
    assert {row.get("curve") for row in _rows(on)} >= {"expected", "bound N/b^D"}
    assert not any("curve" in row for row in _rows(off))
    faces = pd.DataFrame({"left": [0.0], "right": [1.0], "density": [1.0]})
    on, off = charts.norm_hist_chart(faces, 100), charts.norm_hist_chart(faces, 100, theory=False)
    _steady(on, off)
    assert "\\u221a(D/3)" in spec(on)
    assert "\\u221a(D/3)" not in spec(off)


def test_the_pinned_d_is_marked_grey_a_row_below_the_sliders_and_only_on_the_axis():
    table = pd.DataFrame({"D": [2, 10, 10_000], "relative contrast": [80.0, 3.0, 0.05], "points": [10, 10, 10]})
    layers = charts.contrast_chart(table, 50, pin=10).to_dict()["layer"]
    pinned, now = layers[-2]["layer"], layers[-1]["layer"]
    assert pinned[0]["mark"]["color"] == charts.PIN_LINE and now[0]["mark"]["color"] == charts.MARK_COLOR
    assert pinned[1]["encoding"]["y"]["value"] > now[1]["encoding"]["y"]["value"]  # no overlap
    assert marked(charts.contrast_chart(table, 50, pin=10))["pinned D = 10"][0] == 10
    assert np.isnan(marked(charts.centre_ball_chart(20, pin=1000))["pinned D = 1,000"][0])  # beyond the axis
    # a label at the right edge goes left of its rule, where the chart has room for it: each side a layer,
    # the label drawn by the one its row names
    sides = [(layer["mark"]["align"], layer["transform"][0]["filter"]) for layer in now[1:]]
    assert sides == [("right", "(datum.side === 'left')"), ("left", "(datum.side === 'right')")]
    right = marked(charts.contrast_chart(table, 10_000, pin=5000))
    assert right["D = 10,000"][1] == "left" and right["pinned D = 5,000"][1] == "left"
    assert marked(charts.contrast_chart(table, 50))["D = 50"][1] == "right"


def test_the_cubes_histograms_draw_a_pinned_d_behind_and_reach_its_corner():
    bars = pd.DataFrame({"left": [5.0], "right": [6.0], "density": [1.0]})
    pinned = (pd.DataFrame({"left": [1.0], "right": [2.0], "density": [0.5]}), None, ("D = 100", "D = 400 pinned"))
    d = charts.norm_hist_chart(bars, 100, pinned=pinned).to_dict()
    hist = d["layer"][0]
    x = hist["layer"][0]["encoding"]["x"]["scale"]
    assert "domain" not in x and x["nice"] is False  # the axis spans the bins: the pinned D's corner too
    ranks = {row["series"]: row["rank"] for rows in d["datasets"].values() for row in rows
             if row.get("rank") is not None}
    assert ranks == {"D = 100": 0, "D = 400 pinned": 1}
    gaps = pd.DataFrame({"left": [0.0], "right": [0.05], "density": [18.0]})
    curve = pd.DataFrame({"x": [0.0, 0.1], "density": [50.0, 0.26]})
    face = spec(charts.face_gap_chart(gaps, curve, 0.05, pinned=(gaps, curve, ("D = 100", "D = 10 pinned"))))
    assert "D = 10 pinned" in face and '"pinned curve"' in face


def test_the_steady_row_counts_hold_the_largest_frames_the_data_makes():
    """Padding keeps a chart's row count only if it is at least the largest frame: the angle panels' bars
    and density grid, the density curves' grid (a panel at D = 10,000 and D = 2, zoomed or not)."""
    from ui.curse_of_dimensionality import data as cg

    for dim in (2, 3, 50, 10_000):
        for zoom in (False, True):
            bars, curve, _ = cg.angle_hist(dim, 1000, 1, "cube", zoom)
            assert len(bars) + len(curve) <= charts.ANGLE_PANEL_ROWS
        curves, zones = cg.angle_density_curves(dim, 10)
        assert len(curves) <= 2 * charts.DENSITY_GRID_ROWS and len(zones) <= charts.DENSITY_GRID_ROWS
    assert len(cg.CONTRAST_DIMS) + 1 == charts.CONTRAST_ROWS
    per_panel = cg.distance_hists(100, 1, (2, 10_000)).groupby("D").size()
    assert (per_panel <= charts.DISTANCE_PANEL_ROWS).all()


def test_the_shell_levels_labels_sit_low_inside_the_plot_in_the_axis_units():
    """The 90% and 99% labels are placed on the share axis (0–1), not in pixels from the top: Streamlit fits
    the legend and the axis titles into the chart's height, and 200 px from the top fell under the plot,
    over the x axis title."""
    curve = pd.DataFrame({"D": [1.0, 10.0, 10_000.0], "exact": [0.01, 0.1, 1.0]})
    table = pd.DataFrame({"D": [1, 10, 10_000], "simulated": [0.01, 0.1, 1.0], "points": [5000, 5000, 100]})
    d = charts.shell_chart(curve, table, 0.01, 229.6, 458.2, 50).to_dict()
    texts = [layer for layer in d["layer"] if layer.get("encoding", {}).get("y", {}).get("field") == "share"]
    assert texts and all("scale" not in layer["encoding"]["y"] for layer in texts)  # the chart's own y scale
    shares = sorted({row["share"] for rows in d["datasets"].values() for row in rows if "share" in row})
    assert shares == pytest.approx([charts.SHELL_LEVEL - 0.1, charts.SHELL_LEVEL]) and 0 < shares[0] < shares[1] < 0.5
