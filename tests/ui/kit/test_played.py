"""Charts ▶ plays in the browser: the parameter they declare and the filter on it."""

import altair as alt
import pandas as pd

from ui.kit import played


def _chart() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"x": [1, 2], "frame": [0, 3]})).mark_point().encode(x="x:Q")


def test_without_play_a_chart_declares_and_filters_nothing():
    chart = _chart()
    assert played.declare(chart, None) is chart
    assert played.on_frame(chart, None) is chart


def test_a_played_chart_declares_its_parameter_at_the_start_bound_to_the_frames_range():
    run = played.Played("play_toy", (2, 3, 50), 3)
    spec = played.declare(played.on_frame(_chart(), run), run).to_dict()
    (param,) = spec["params"]
    assert (param["name"], param["value"]) == ("play_toy", 3)
    assert (param["bind"]["input"], param["bind"]["min"], param["bind"]["max"]) == ("range", 2, 50)
    assert {"filter": "datum.frame == 0 || datum.frame == play_toy"} in spec["transform"]


def test_a_share_parameter_steps_by_its_own_step():
    spec = played.declare_param(_chart(), "play_share", 40, 4, 100, 4).to_dict()
    assert spec["params"][0]["bind"]["step"] == 4
