"""ui/rnn_prerequisites/charts.py builders: the weather record and the order demo."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine import sequences
from ui.rnn_prerequisites import charts
from ui.rnn_prerequisites import data as cached


def spec(chart) -> dict:
    return chart.to_dict()


def test_weather_panels_one_per_feature_with_the_window_shaded():
    record = sequences.weather_record(300, seed=0)
    panels = charts.weather_panels(cached.weather_long(record), (0.0, 4.0), units=sequences.UNITS)
    assert len(panels) == 4
    first = spec(panels[0])
    band = [layer["mark"]["type"] for layer in first["layer"][0]["layer"]]
    assert band == ["rect", "rule"]  # the shade, and a line at its start that a one-step window still shows
    assert first["layer"][1]["encoding"]["y"]["title"] == ["temp.", "(°C)"]  # short: fits a 115 px panel
    assert first["layer"][1]["encoding"]["x"]["axis"]["labels"] is False
    assert spec(panels[-1])["layer"][1]["encoding"]["x"]["title"] == "hours"


def test_order_chart_draws_both_orders_on_whole_steps():
    frame = pd.DataFrame({"t": [1, 2, 3, 1, 2, 3], "value": [0.1, 0.2, 0.3, 0.3, 0.1, 0.2],
                          "order": ["in time order"] * 3 + ["shuffled"] * 3})
    d = spec(charts.order_chart(frame))
    assert d["mark"]["point"] is True  # few steps: each one is a point, so a one-step window still shows
    x = d["encoding"]["x"]
    assert x["scale"]["domain"] == [1, 3] and x["axis"]["format"] == "d"  # steps 1..L, no 1.5
    steps = np.arange(1, 61)
    many = pd.DataFrame({"t": np.tile(steps, 2), "value": 0.0, "order": ["in time order"] * 60 + ["shuffled"] * 60})
    assert spec(charts.order_chart(many))["mark"]["point"] is False  # 60 steps: lines, not 120 dots


def test_the_two_orders_differ_by_dash_as_well_as_hue():
    frame = pd.DataFrame({"t": [1, 2, 1, 2], "value": [0.1, 0.2, 0.2, 0.1],
                          "order": ["in time order"] * 2 + ["shuffled"] * 2})
    enc = spec(charts.order_chart(frame))["encoding"]
    assert enc["strokeDash"]["field"] == enc["color"]["field"] == "order"  # one legend showing both
    assert enc["strokeDash"]["scale"]["range"][0] == [1, 0] and enc["strokeDash"]["legend"]["symbolType"] == "stroke"


def test_picture_tensor_chart_prints_every_value_and_the_picture_uses_the_pixels_colours():
    from ui.rnn_prerequisites import data

    picture = data.toy_picture()
    long = data.picture_long(picture)
    assert len(long) == picture.size and set(long["channel"]) == {"red", "green", "blue"}
    spec = charts.channels_chart(long).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert marks == ["rect", "text"]  # numbers on the cells: no value told by shade alone
    pixels = data.picture_pixels(picture)
    assert pixels.loc[0, "colour"] == "#6eaae6" and charts.picture_chart(pixels).to_dict()["encoding"]["color"][
        "scale"] is None
