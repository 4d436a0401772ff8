"""Chart builders and data helpers of the LSTM forward page (ui/lstm_forward/charts.py, data.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine.lstm import init_lstm, lstm_forward
from ui.kit.colors import value_color
from ui.lstm_forward import charts, data


@pytest.fixture(scope="module")
def run():
    params = init_lstm(2, 3, seed=5)
    x = np.sin(np.arange(14.0))[:, None] * np.array([1.0, -0.5])  # (T, M) = (14, 2)
    return params, lstm_forward(params, x)


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def test_color_scale_draws_the_same_stops_as_value_color():
    scale = charts.color_scale("o").to_dict()
    assert scale["domain"] == [0.0, 1.0] and scale["range"] == ["#f4f4f4", "#1b7837"]
    assert scale["interpolate"] == "rgb" and scale["clamp"] is True
    assert charts.color_scale("z").to_dict()["domain"] == [-1.0, 0.0, 1.0]


def test_input_frame_is_time_major_and_one_based(run):
    _, trace = run
    df = data.input_frame(trace.x)
    assert len(df) == 28 and list(df.columns) == ["t", "input", "value"]
    row = df[(df["t"] == 3) & (df["input"] == "x[2]")]
    assert row["value"].item() == trace.x[2, 1]


def test_gate_frame_bins_are_means(run):
    _, trace = run
    full = data.gate_frame(trace)
    assert len(full) == 4 * 14 * 3
    binned = data.gate_frame(trace, bin_steps=4)
    assert sorted(binned["t"].unique()) == [1, 5, 9, 13]
    cell = binned[(binned["gate"] == "f") & (binned["t"] == 13) & (binned["unit"] == 2)]
    assert cell["value"].item() == pytest.approx(trace.f[12:14, 1].mean())  # last bin holds 2 steps
    cell = binned[(binned["gate"] == "z") & (binned["t"] == 5) & (binned["unit"] == 1)]
    assert cell["value"].item() == pytest.approx(trace.z[4:8, 0].mean())


def test_time_bin_keeps_heatmaps_within_budget():
    assert data.time_bin(20, 4) == 1
    assert data.time_bin(500, 32) == 3
    assert 500 / data.time_bin(500, 32) * 32 <= data.MAX_CELLS_PER_GATE


def test_step_table_matches_the_trace(run):
    _, trace = run
    table = data.step_table(trace, 5)
    assert list(table.columns) == ["unit", "z", "i", "f", "o", "c", "y"]
    np.testing.assert_array_equal(table["c"], trace.c[4])
    np.testing.assert_array_equal(table["unit"], [1, 2, 3])


def test_gate_heatmap_outlines_the_bin_holding_t(run):
    _, trace = run
    spec = charts.gate_heatmap(data.gate_frame(trace, 4), "i", t=7, bin_steps=4).to_dict()
    heat, box = layers(spec)
    assert heat["mark"]["type"] == "rect" and heat["encoding"]["x2"]["field"] == "t1"
    assert heat["encoding"]["color"]["scale"]["range"] == ["#f4f4f4", "#1b7837"]
    box_rows = spec["datasets"][box["data"]["name"]]
    assert box_rows == [{"t0": 4.5, "t1": 8.5}]  # bin [5, 8] holds t = 7
    assert spec["autosize"]["type"] == "fit-x"
    assert spec["title"]["text"] == charts.GATE_TITLES["i"]


def test_state_and_input_charts_mark_the_current_step(run):
    _, trace = run
    for spec in (charts.state_chart(data.state_frame(trace), "cell c", 9).to_dict(),
                 charts.input_chart(data.input_frame(trace.x), 9).to_dict()):
        rule, readout = spec["layer"][-2:]  # the marker at t, then the pointer's readout (any t)
        assert rule["mark"]["type"] == "rule"
        assert spec["datasets"][rule["data"]["name"]] == [{"t": 9}]
        assert readout["layer"][1]["transform"][0]["filter"]["param"].startswith("at_")
    state = charts.state_chart(data.state_frame(trace), "output y", 9).to_dict()
    rows = next(v for v in state["datasets"].values() if len(v) > 1)
    assert {row["quantity"] for row in rows} == {"output y"}
    color = layers(state)[0]["encoding"]["color"]
    assert color["field"] == "unit" and color["type"] == "nominal"
    assert color["legend"]["orient"] == "right"  # 3 units: one colour and one legend entry each


# ---------------------------------------------------------------------------------------------
# Readable on a projector


@pytest.mark.parametrize(("n_units", "height"), [(1, 120), (4, 120), (8, 144), (32, 576)])
def test_heatmap_rows_are_tall_enough_for_a_label_each(n_units, height):
    assert charts.heatmap_height(n_units) == height
    assert charts.heatmap_height(n_units) >= charts.UNIT_PX * n_units


def test_gate_heatmap_labels_every_unit_when_few(run):
    _, trace = run
    spec = charts.gate_heatmap(data.gate_frame(trace), "z", t=2).to_dict()
    heat = layers(spec)[0]
    assert heat["encoding"]["y"]["axis"]["labelOverlap"] is False
    assert spec["height"] >= 120 and spec["title"]["text"] == charts.GATE_TITLES["z"]


def test_styled_step_table_colours_cells_like_the_heatmaps(run):
    _, trace = run
    table = data.step_table(trace, 3)
    table.loc[0, "c"] = -1e-6  # rounds to zero: no "-0.000"
    html = charts.styled_step_table(table).to_html()
    assert "-0.000" not in html and ">0.000<" in html
    assert f"background-color: {value_color('f', table.loc[1, 'f'])}" in html
    assert f"background-color: {value_color('y', table.loc[2, 'y'])}" in html
    assert html.count("<tr>") == len(table) + 1  # header + one row per unit, no index column


def test_time_axes_have_integer_ticks_from_step_one(run):
    _, trace = run
    for spec in (charts.input_chart(data.input_frame(trace.x), 3).to_dict(),
                 charts.state_chart(data.state_frame(trace), "cell c", 3).to_dict()):
        x = layers(spec)[0]["encoding"]["x"]
        assert x["axis"]["format"] == "d" and x["axis"]["tickMinStep"] == 1
        assert "domain" not in x["scale"] and x["scale"]["zero"] is False  # t = 1 … T from the data, not from 0
        assert x["axis"]["labelExpr"] == "datum.value < 1 ? '' : datum.label"
    heat = layers(charts.gate_heatmap(data.gate_frame(trace), "f", t=2).to_dict())[0]
    assert heat["encoding"]["x"]["axis"]["format"] == "d"
    assert charts.data_step_x("t", "t", 1, pd.Series([1])).to_dict()["scale"]["domain"] == [0.5, 1.5]  # T = 1
