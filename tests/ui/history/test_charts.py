"""History page charts: specs built from real engine output, checked through ``to_dict()``."""

from __future__ import annotations

import colorsys
import json

import numpy as np
import pandas as pd
import pytest

from engine import history, xor
from tests.conftest import luminance
from ui import in_browser
from ui.history import charts as charts
from ui.history import data as ch
from ui.history import text as ht
from ui.kit.specs import spec_of


def _layers(spec: dict) -> list[dict]:
    out = []
    for layer in spec.get("layer", []):
        out.extend(_layers(layer) if "layer" in layer else [layer])
    return out


def _mark(layer: dict) -> str:
    mark = layer["mark"]
    return mark["type"] if isinstance(mark, dict) else mark


@pytest.fixture(scope="module")
def timeline_spec():
    return charts.timeline_chart(history.load_events(), history.eras_frame(), "lstm").to_dict()


def test_categories_match_the_engine():
    assert charts.CATEGORIES == history.CATEGORIES
    mapped = {ht.category_of(option) for option in ht.CATEGORY_OPTIONS if option != "All"}
    assert mapped == set(history.CATEGORIES)
    assert ht.category_of("All") == "all"
    assert all(option.isalpha() for option in (*ht.CATEGORY_OPTIONS, *ht.GATE_OPTIONS)), "URL-safe words"


def test_timeline_has_shaded_eras_and_clickable_points(timeline_spec):
    layers = _layers(timeline_spec)
    marks = [_mark(layer) for layer in layers]
    assert marks.count("rect") == 1 and "point" in marks and "text" in marks
    points = next(layer for layer in layers if _mark(layer) == "point")
    params = timeline_spec["params"]  # Altair lifts a layer's params to the top, with the view they bind
    assert [p["name"] for p in params] == [charts.SELECTION]
    assert params[0]["views"] == [points["name"]]
    assert params[0]["select"]["type"] == "point"
    assert params[0]["select"]["fields"] == ["id"]
    assert points["encoding"]["x"]["type"] == "temporal"
    names = [ht.CATEGORY_NAMES[c] for c in history.CATEGORIES]
    assert points["encoding"]["color"]["scale"]["domain"] == names
    assert points["encoding"]["y"]["scale"]["domain"] == names


def test_timeline_keeps_its_points_as_svg_nodes(timeline_spec):
    """The timeline's points are what a reader clicks and what a screen reader names one by one ("event: …"):
    Vega's SVG, not the canvas every other chart is painted on."""
    from ui.kit import specs

    assert timeline_spec["usermeta"] == specs.SVG_MARKS
    assert specs.painted(dict(timeline_spec))["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_timeline_datasets_hold_every_event_and_era(timeline_spec):
    sizes = sorted(len(rows) for rows in timeline_spec["datasets"].values())
    assert sizes == sorted([len(history.ERAS), len(ht.KEY_EVENTS), len(history.load_events())])
    events = max(timeline_spec["datasets"].values(), key=len)
    assert sum(row["is_selected"] for row in events) == 1
    assert next(row for row in events if row["is_selected"])["id"] == "lstm"


def test_lanes_cycle_within_a_category():
    lanes = charts.with_lanes(history.load_events())
    assert set(lanes["lane"]) == set(range(charts.N_LANES))
    for _, group in lanes.groupby("category"):
        assert list(group["lane"]) == [k % charts.N_LANES for k in range(len(group))]


def test_era_labels_cover_every_era():
    assert set(charts.ERA_SHORT) == {e.key for e in history.ERAS}


def test_winter_labels_sit_on_the_bottom_edge_so_narrow_eras_do_not_collide(timeline_spec):
    texts = [layer for layer in _layers(timeline_spec) if _mark(layer) == "text"
             and layer["encoding"]["text"]["field"] != "label"]  # the era names, not the key events'
    edges = sorted((str(t["encoding"]["y"]["value"] if "y" in t["encoding"] else t["mark"]["y"]),
                    json.dumps(t.get("transform"))) for t in texts)
    assert [y for y, _ in edges] == ["0", "height"]  # the top edge and the bottom edge, at any chart height
    assert "winter" in edges[0][1] and "winter" in edges[1][1]  # one keeps the winters, one the rest


def test_region_chart_cells_points_and_lines():
    per = ch.perceptron_run("xor", 1.0, 42)  # the frames the page draws
    spec = charts.region_chart(per["region"], per["points"], title="t", step=ch.STEP, lines=per["lines"]).to_dict()
    marks = [_mark(layer) for layer in _layers(spec)]
    assert marks == ["rect", "rule", "point", "text", "text"]  # the verdicts over a white halo
    rect = _layers(spec)[0]
    assert rect["encoding"]["color"]["scale"]["domain"] == [0.0, 0.5, 1.0]
    assert len(per["region"]) == ch.N_GRID ** 2 and len(per["points"]) == 4
    verdicts = next(rows for rows in spec["datasets"].values() if len(rows) == 4 and "verdict" in rows[0])
    assert sorted(row["verdict"] for row in verdicts) == sorted(per["points"]["verdict"])
    assert any(row["verdict"] == "✗" for row in verdicts)  # no line splits XOR: a corner is wrong
    no_lines = charts.region_chart(per["region"], per["points"], title="t", step=ch.STEP).to_dict()
    assert "rule" not in [_mark(layer) for layer in _layers(no_lines)]


def test_gradient_and_training_charts_use_log_scales():
    g = xor.deep_sigmoid_gradients(depth=5, width=4)
    grads = pd.DataFrame({"depth": 5, "layer": np.tile(g.layer, 2), "ratio": np.r_[g.delta_norm, g.bound],
                          "curve": ["measured"] * 5 + ["bound"] * 5})
    spec = charts.gradient_chart(grads, 5).to_dict()
    assert spec["encoding"]["y"]["scale"]["type"] == "log"
    curves = pd.DataFrame({"epoch": [1, 2], "accuracy": [0.5, 1.0], "model": ["perceptron", "two-layer net"]})
    assert charts.training_chart(curves).to_dict()["encoding"]["x"]["scale"]["type"] == "log"
    loss = pd.DataFrame({"epoch": [1, 2], "loss": [0.7, 0.1]})
    assert charts.loss_chart(loss).to_dict()["encoding"]["y"]["scale"]["type"] == "log"


def test_the_gradient_chart_holds_every_depth_and_shows_the_one_the_browser_names():
    grads, firsts = ch.gradients_by_depth(1.0, 42)
    assert sorted(grads["depth"].unique()) == list(ch.DEPTHS) == sorted(firsts)
    for depth in (2, 20, 50):  # a net of depth n has n layers, each curve 1 at the top layer n
        one = grads[(grads["depth"] == depth) & (grads["curve"] == ht.GRADIENT_CURVES[0])]
        assert list(one["layer"]) == list(range(1, depth + 1)) and one["ratio"].iloc[-1] == 1.0
        assert one["ratio"].iloc[0] == firsts[depth]
    spec = charts.gradient_chart(grads, 20).to_dict()
    param = spec["params"][0]
    assert param["name"] == "browser_depth" and param["value"] == 20  # the server's depth until the slider moves
    assert param["bind"] == {"input": "range", "min": 2, "max": 50, "step": 1}  # Vega names its input so
    assert {"filter": in_browser.shown("depth", "depth", 2)} in spec["transform"]


def test_series_differ_by_more_than_hue():
    grads, _ = ch.gradients_by_depth(1.0, 42)
    enc = charts.gradient_chart(grads, 6).to_dict()["encoding"]
    for channel in ("color", "strokeDash", "shape"):  # one legend shows all three
        assert enc[channel]["field"] == "curve" and enc[channel]["scale"]["domain"] == list(ht.GRADIENT_CURVES)
    assert enc["strokeDash"]["scale"]["range"] == charts.DASHES  # measured solid, bound dashed, ¼^(n−l) dotted
    assert len({str(d) for d in charts.DASHES}) == len(set(charts.SHAPES)) == 3
    curves = pd.DataFrame({"epoch": [1, 2], "accuracy": [0.5, 1.0], "model": list(charts.MODELS)})
    enc = charts.training_chart(curves).to_dict()["encoding"]
    assert enc["strokeDash"]["scale"] == {"domain": list(charts.MODELS), "range": charts.DASHES[:2]}
    assert enc["strokeDash"]["legend"]["symbolType"] == "stroke"  # the legend draws the dashes


def test_the_two_sides_of_a_decision_region_differ_in_lightness():
    """Output 0 and output 1 stay apart in grey (achromatopsia), not only by hue."""
    dark, light = (luminance(c) for c in charts.TARGET_COLOURS)
    assert (light + 0.05) / (dark + 0.05) >= 3
    low, _, high = charts.REGION_SCALE.range
    assert (low, high) == charts.TARGET_COLOURS  # the points' fills are the regions' ends


def test_event_card_and_formulas():
    card = ht.event_card(history.event_by_id("backprop"))
    assert "Oct 1986" in card and "Nature" in card and "Rumelhart" in card
    assert r"\times 10^{-5}" in ht.mlp_formula(4, 1.2e-5) and "= 0.0012" in ht.mlp_formula(4, 1.2e-3)
    assert "= 1.5 × 10⁻¹²" in ht.gradient_line(20, 1.5e-12)
    assert "0.10" in ht.perceptron_formula([0.1, -0.2], 0.3, 1.0)


def test_neighbour_steps_through_the_shown_events():
    ids = ["a", "b", "c"]
    assert ht.neighbour(ids, "b", 1) == "c" and ht.neighbour(ids, "b", -1) == "a"
    assert ht.neighbour(ids, "c", 1) is None and ht.neighbour(ids, "a", -1) is None
    assert ht.neighbour(ids, "", 1) == "a" and ht.neighbour(ids, "zzz", -1) == "c"
    assert ht.neighbour([], "a", 1) is None


def _hue_chroma(colour: str) -> tuple[float, float]:
    r, g, b = (int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5))
    return 360 * colorsys.rgb_to_hls(r, g, b)[0], max(r, g, b) - min(r, g, b)


def test_no_category_colour_shares_a_hue_with_a_band(timeline_spec):
    layers = _layers(timeline_spec)
    points = next(layer for layer in layers if _mark(layer) == "point")
    bands = next(layer for layer in layers if _mark(layer) == "rect")["encoding"]["fill"]["scale"]["range"]
    colours = points["encoding"]["color"]["scale"]["range"]
    assert len(set(colours)) == len(history.CATEGORIES) and charts.SELECTED_RING not in colours  # the ring shows
    for colour in colours:
        hue, chroma = _hue_chroma(colour)
        for band in bands:
            band_hue, band_chroma = _hue_chroma(band)
            if chroma > 0.1 and band_chroma > 0.1:  # greys have no hue to confuse
                gap = min(abs(hue - band_hue), 360 - abs(hue - band_hue))
                assert gap >= 45, (colour, band, gap)


def test_the_time_axis_has_room_past_the_first_and_last_events(timeline_spec):
    layers = _layers(timeline_spec)
    points = next(layer for layer in layers if _mark(layer) == "point")
    lo, hi = (pd.Timestamp(d) for d in points["encoding"]["x"]["scale"]["domain"])
    dates = history.load_events()["date"]
    assert dates.min() - lo >= pd.Timedelta(days=365) and hi - dates.max() >= pd.Timedelta(days=365)
    eras = max((rows for rows in timeline_spec["datasets"].values() if "kind" in rows[0]), key=len)
    starts = sorted(pd.Timestamp(row["start"]) for row in eras)
    ends = sorted(pd.Timestamp(row["end"]) for row in eras)
    assert starts[0] == lo and ends[-1] == hi, "the bands cover the whole axis, no white strip at an edge"
    assert starts[1:] == ends[:-1], "no gap between bands"


def test_every_category_has_one_name_on_the_filter_and_the_chart():
    for option, category in ht.CATEGORY_OPTIONS.items():
        if category != "all":
            assert ht.OPTION_LABELS[option] == ht.CATEGORY_NAMES[category]
    assert [ht.CATEGORY_NAMES[c] for c in history.CATEGORIES] == charts.ROWS
    event = history.load_events().query("category == 'theory/critique'").iloc[0]
    assert "Theory & critique" in ht.event_card(event)


def test_neighbour_of_a_filtered_out_event_steps_by_date():
    ids, dates = ["a", "c", "d"], [1950, 1970, 1990]
    assert ht.neighbour(ids, "b", -1, dates, 1960) == "a" and ht.neighbour(ids, "b", 1, dates, 1960) == "c"
    assert ht.neighbour(ids, "z", 1, dates, 2000) is None  # nothing later on the filtered timeline


def test_timeline_caption_counts_what_is_shown():
    total = len(history.load_events())
    everything = ht.timeline_caption(ch.filtered("all", ""), total, ch.eras())
    assert everything.startswith(f"{total} of {total} events") and "a decade" in everything
    assert ht.timeline_caption(ch.filtered("all", "")[:0], total, ch.eras()) == f"0 of {total} events match."


def test_xor_captions_follow_the_truth_table_and_the_run():
    assert "linearly separable" in ht.perceptron_caption("AND", 1.0, True)
    assert "outside this square" in ht.perceptron_caption("XOR", 0.5, False)
    assert "fails like the perceptron" in ht.mlp_caption("XOR", 1, 0.75)
    assert ht.hidden_units(1) == "1 hidden unit" and ht.hidden_units(4) == "4 hidden units"
    assert ht.line_crosses_square([1.0, 1.0], -1.0, -0.5, 1.5)
    assert not ht.line_crosses_square([0.17, 0.13], 0.96, -0.5, 1.5)


def test_markdown_safe_keeps_a_backslash():
    assert ht.markdown_safe("'\\' has no letters") == "'\\\\' has no letters"


def test_notes_name_the_filter_and_keep_the_query_visible():
    assert ht.no_match("  zzq ", "All") == "No event matches “zzq”; try another word."
    note = ht.no_match("\\x", "Critique")
    assert "in Theory & critique" in note and "or the category “All”" in note and "“\\\\x”" in note
    assert ht.search_ignored("too short") == "Search ignored: too short."
    assert ht.search_ignored("'\\' has no letters") == "Search ignored: '\\\\' has no letters."
    assert "`" + "x" * 40 + "`" in ht.unknown_event("x" * 100)  # a long id is cut, not echoed in full


def _text_layers(spec: dict) -> list[dict]:
    return [layer for layer in _layers(spec) if _mark(layer) == "text"]


def _label_rows(spec: dict) -> list[dict]:
    return next(rows for rows in spec["datasets"].values() if rows and "label" in rows[0])


def test_key_events_are_named_on_the_chart_in_large_type(timeline_spec):
    named = [layer for layer in _text_layers(timeline_spec) if layer["encoding"]["text"]["field"] == "label"]
    assert len(named) == 1
    mark = named[0]["mark"]
    assert mark["fontSize"] >= 18, "readable on a 1024 px projector"
    labels = {row["id"]: row["label"] for row in _label_rows(timeline_spec)}
    assert labels == dict(ht.KEY_EVENTS)
    assert {"perceptron-paper", "perceptrons-book", "backprop", "lstm", "alexnet"} <= set(labels)


def test_every_key_event_is_an_event_of_the_data():
    ids = set(history.load_events()["id"])
    assert {event_id for event_id, _ in ht.KEY_EVENTS} <= ids
    assert len({label for _, label in ht.KEY_EVENTS}) == len(ht.KEY_EVENTS)


@pytest.mark.parametrize("px_per_year", [charts.NARROWEST_PX_PER_YEAR, 6.0, 12.0, 20.0])
def test_no_two_key_labels_overlap_in_their_row(px_per_year):
    labels = charts.key_labels(history.load_events(), px_per_year)
    assert len(labels) == len(ht.KEY_EVENTS)
    for _, row in labels.groupby("row"):
        spans = row.sort_values("left")[["left", "right"]].to_numpy()
        assert all(spans[k + 1, 0] >= spans[k, 1] for k in range(len(spans) - 1)), row
    widths_px = (labels["right"] - labels["left"]) * px_per_year
    assert (widths_px >= labels["label"].str.len() * charts.LABEL_CHAR_PX).all()


def test_key_labels_use_few_rows_and_sit_above_the_category_rows(timeline_spec):
    labels = charts.key_labels(history.load_events())
    assert labels["row"].max() < 3, "the labels take at most three text rows at 1024 px"
    top = charts.rows_top(labels)
    assert top >= labels["label_y"].max() + charts.LABEL_FONT_PX
    points = next(layer for layer in _layers(timeline_spec) if _mark(layer) == "point")
    assert points["encoding"]["y"]["scale"]["range"][0] == top


def test_key_labels_follow_the_filter():
    hardware = history.filter_events(history.load_events(), ["hardware"], "")
    assert charts.key_labels(hardware).empty
    assert charts.rows_top(charts.key_labels(hardware)) < charts.rows_top(charts.key_labels(history.load_events()))
    chart = charts.timeline_chart(hardware, history.eras_frame(), None).to_dict()
    assert chart["layer"]


def test_cached_timeline_spec_validates_in_both_modes():
    from ui.present import projector_fonts, projector_height

    chart = charts.timeline_chart(history.load_events(), history.eras_frame(), "backprop")
    assert spec_of(chart)["layer"]  # the spec Streamlit is sent, from the shared cache
    chart.to_dict(validate=True)
    projector_fonts(projector_height(chart)).to_dict(validate=True)
