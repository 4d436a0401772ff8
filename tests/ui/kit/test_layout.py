"""Layout of the charts: legends off the data, whole end markers, projector fonts, colour-bar labels."""

from __future__ import annotations

import html
import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

from engine.lstm import init_lstm, lstm_forward
from ui import present
from ui.curse_of_dimensionality import charts as geometry
from ui.history import charts as history
from ui.kit import charts as common
from ui.lstm_backprop import charts as backprop
from ui.lstm_forward import charts as lstm
from ui.lstm_forward import data as lstm_data
from ui.simple_rnn import charts as rnn


def _layers(spec: dict) -> list[dict]:
    """Every unit spec of a (nested) layer chart."""
    if "layer" not in spec:
        return [spec]
    return [unit for layer in spec["layer"] for unit in _layers(layer)]


def _legends(spec: dict) -> list[dict]:
    return [enc["legend"] for unit in _layers(spec) for enc in unit.get("encoding", {}).values()
            if isinstance(enc, dict) and enc.get("legend")]


GRADS = pd.DataFrame({"depth": 5, "layer": np.tile(np.arange(1, 6), 2),
                      "ratio": np.r_[1e-4 ** (1 / np.arange(1, 6)), [1.0] * 5],
                      "curve": ["measured"] * 5 + ["bound"] * 5})
JACOBIAN = pd.DataFrame({"lag": np.tile(np.arange(0, 4), 2), "value": np.r_[1.0, 2.0, 3.0, 4.0, 1.0, 3.0, 9.0, 27.0],
                         "curve": ["‖∂h_T/∂h_t‖₂"] * 4 + ["bound"] * 4})
SHELL = pd.DataFrame({"D": [1.0, 3.0, 10.0], "simulated": [0.2, 0.5, 0.9], "exact": [0.2, 0.49, 0.89],
                      "points": [100] * 3})


@pytest.mark.parametrize("spec", [
    history.gradient_chart(GRADS, 5).to_dict(),
    rnn.jacobian_chart(JACOBIAN).to_dict(),
    geometry.shell_chart(SHELL, SHELL, 0.2, 10.0, 21.0, 5).to_dict(),
    geometry.centre_ball_chart(50).to_dict(),
])
def test_legends_of_charts_with_data_in_the_corners_sit_outside_the_plot(spec):
    legends = _legends(spec)
    assert legends and all(leg["orient"] in common.OUTSIDE for leg in legends)


def _training_frame() -> pd.DataFrame:
    steps = np.arange(1, 21)
    rows = [pd.DataFrame({"run": run, "step": steps, "loss": 0.2 + 0.01 * steps, "loss (running mean)": 0.2,
                          "grad norm": 1.0 + steps, "clipped": steps % 2 == 0})
            for run in ("no clipping", "clipped at τ")]
    return pd.concat(rows, ignore_index=True)


@pytest.mark.parametrize("spec", [backprop.training_loss_chart(_training_frame(), 1 / 6).to_dict(),
                                  backprop.training_norm_chart(_training_frame(), 0.5).to_dict()])
def test_training_rule_labels_sit_right_of_the_plot_and_swatches_are_solid(spec):
    texts = [u for u in _layers(spec) if u["mark"]["type"] == "text"]
    assert texts and all(t["encoding"]["x"] == {"value": "width"} for t in texts)  # in the margin, off the curves
    assert all(t["mark"]["align"] == "left" for t in texts)
    colors = [leg for leg in _legends(spec) if leg.get("symbolOpacity") is not None]
    assert colors and all(leg["symbolOpacity"] == 1 for leg in colors)  # not the faint per-batch style


def test_line_point_and_theory_scales_have_room_for_their_end_markers():
    df = pd.DataFrame({"D": [1, 12], "cells": [10.0, 1e12]})
    specs = [common.line_chart(df, "D", "cells", log_y=True, points=True).to_dict(),
             common.points_chart(df, "D", "cells").to_dict(),
             *_layers(common.theory_over_simulation(df.assign(e=df["cells"]), "D", "cells", "e", x_title="D",
                                                    y_title="c", y_domain=(0, 1e12)).to_dict())]
    for spec in specs:
        for channel in ("x", "y"):
            scale = spec["encoding"][channel]["scale"]
            assert scale["padding"] >= 4 and scale["nice"] is False  # nice would round the padding out a decade
    assert specs[-1]["encoding"]["y"]["scale"]["domain"] == [0, 1e12]  # the domain itself is unchanged
    x = common.step_x("t", "t", 1, 20).to_dict()
    assert x["scale"]["padding"] >= 4 and x["scale"]["domain"] == [1, 20]
    assert x["axis"]["labelFlush"] > x["scale"]["padding"]  # the last label ends at its tick, inside the chart


def test_log_axes_over_several_decades_label_powers_of_ten():
    wide = common.line_chart(pd.DataFrame({"D": [2, 10_000], "c": [1.0, 2.0]}), "D", "c", log_x=True).to_dict()
    assert "LN10" in wide["encoding"]["x"]["axis"]["labelExpr"]
    narrow = common.line_chart(pd.DataFrame({"D": [2, 10], "c": [1.0, 2.0]}), "D", "c", log_x=True).to_dict()
    assert "labelExpr" not in narrow["encoding"]["x"]["axis"]


def test_projector_height_makes_room_for_the_larger_text():
    base = alt.Chart(pd.DataFrame({"a": [1]})).mark_point()
    tall = present.projector_height(base.properties(height=260)).to_dict()
    assert tall["height"] == 260 + present.PROJECTOR_EXTRA_HEIGHT_PX
    layered = present.projector_height(alt.layer(base.properties(height=300), base)).to_dict()
    assert layered["height"] == 300 + present.PROJECTOR_EXTRA_HEIGHT_PX  # a layer's height counts
    assert "height" not in present.projector_height(base).to_dict()  # no set height: Streamlit's default


def test_projector_fonts_are_near_the_body_text_size():
    config = present.projector_fonts(alt.Chart(pd.DataFrame({"a": [1]})).mark_point()).to_dict()["config"]
    assert config["axis"]["labelFontSize"] >= 18 and config["axis"]["titleFontSize"] >= 20
    assert config["legend"]["labelFontSize"] >= 18 and config["title"]["fontSize"] >= 20
    assert config["legend"]["labelLimit"] >= 300  # "centre-ball diameter √D − 1" whole at 19 px
    assert config["axis"]["labelSeparation"] > 0  # "58 60" never touch: Vega thins the ticks instead


def test_colour_bars_have_a_compact_number_format():
    df = pd.DataFrame({"t": [2, 3], "s": [1, 2], "log10_norm": [21.9, -1.0], "kept": [True, True]})
    text = json.dumps(rnn.paths_heatmap(df).to_dict())
    assert f'"format": "{common.VALUE_FORMAT}"' in text
    heat = common.heatmap(pd.DataFrame({"t": [1], "unit": [1], "h": [0.5]}), "t", "unit", "h").to_dict()
    assert heat["encoding"]["color"]["legend"]["format"] == common.VALUE_FORMAT


def test_state_chart_with_many_units_greys_them_and_colours_the_highlight():
    trace = lstm_forward(init_lstm(1, 12, seed=5), np.sin(np.arange(10.0))[:, None])
    frame = lstm_data.state_frame(trace)
    spec = lstm.state_chart(frame, "cell c", 3, highlight=5).to_dict()
    grey, picked, _, readout = spec["layer"]
    assert grey["encoding"]["color"] == {"value": lstm.UNIT_GREY} and grey["encoding"]["detail"]["field"] == "unit"
    assert picked["encoding"]["color"] == {"value": common.PALETTE[0]}
    assert {row["unit"] for row in spec["datasets"][picked["data"]["name"]]} == {5}
    assert not _legends(spec)  # no 12-entry legend with repeating colours
    assert [tip["title"] for tip in readout["layer"][0]["encoding"]["tooltip"]] == ["step t", "unit 5"]
    assert len(lstm.state_chart(frame, "cell c", 3).to_dict()["layer"]) == 3  # no highlight: grey lines only


def test_paths_heatmap_has_no_nan_colour_bar():
    empty = pd.DataFrame({"t": pd.Series(dtype=int), "s": pd.Series(dtype=int),
                          "log10_norm": pd.Series(dtype=float), "kept": pd.Series(dtype=bool)})
    def colour(frame):  # the kept cells' colour rule (the dropped cells are a second, smaller layer)
        return rnn.paths_heatmap(frame).to_dict()["layer"][0]["encoding"]["color"]["condition"]

    assert colour(empty)["legend"] is None  # T = 1: nothing to colour, so no bar reading "NaN"
    one = pd.DataFrame({"t": [2], "s": [2], "log10_norm": [-0.2], "kept": [True]})
    lo, hi = colour(one)["scale"]["domain"]
    assert lo < -0.2 < hi  # a single value gets a bar around it, not a zero-width one


def test_log_axis_labels_short_when_narrow_and_decades_when_wide():
    narrow = common.log_labels(True, pd.DataFrame({"y": [0.62827024394, 0.7]}), "y")
    assert narrow == {"values": [0.628, 0.7], "format": common.NARROW_LOG_FORMAT}
    # the upper half of [0.5, 1.9] is labelled too (Vega's own ticks stop at 1 there)
    assert common.narrow_log_ticks(0.49, 1.9) == [0.5, 0.7, 1.0, 1.5]
    assert common.narrow_log_ticks(0.0055, 0.45) == [0.01, 0.02, 0.05, 0.1, 0.2]  # 1-2-5 when 1-1.5-…-7 crowds
    assert common.log_labels(True, pd.DataFrame({"y": [1e-3, 1.0]}), "y") == {"labelExpr": common.DECADE_LABELS}
    # many decades: ticks on the powers of ten only (Vega's count rule), no grey bands of minor grid lines
    many = common.log_labels(True, pd.DataFrame({"y": [1e-9, 1.0]}), "y")
    assert many["values"] == [10.0 ** -k for k in range(10)]
    assert len(common.log_labels(True, pd.DataFrame({"y": [1e-28, 1.0]}), "y")["values"]) <= 11
    assert common.log_labels(False, pd.DataFrame({"y": [1e-6, 1.0]}), "y") == {}


def test_a_spoken_description_keeps_markdown_marks_as_characters():
    said = "sum with k = 5 (‖·‖_F = 4.54), *not* $x$ [a](b) `c` ~d~ | <e> & f\\ :x:"
    literal = present.literal_html(said + "\n# g")
    assert not set("_*$[]`~|<>\\:\n") & set(literal)  # nothing for Markdown, formulas, emoji or HTML to act on
    assert html.unescape(literal) == said + " # g"  # and a screen reader hears it as written, on one line
