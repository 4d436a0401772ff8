"""ui/simple_rnn/charts.py builders on frames made by ui/simple_rnn/data.py's pure helpers."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from engine import rnn, sequences
from ui.kit.colors import value_color
from ui.kit.specs import stable_names
from ui.simple_rnn import charts
from ui.simple_rnn import data as cached


@pytest.fixture(scope="module")
def run():
    task = sequences.char_task(12)
    params = rnn.init_rnn(len(task.vocab), 4, len(task.vocab), seed=1, recurrent_scale=0.9)
    trace = rnn.rnn_forward(params, task.x)
    return cached.RNNRun(task, params, trace, rnn.rnn_bptt(params, trace, task.targets),
                         rnn.gradient_paths(params, trace, task.targets), rnn.jacobian_norms(params, trace))


def spec(chart) -> dict:
    return chart.to_dict()


def test_hidden_heatmap_marks_the_step(run):
    frame = cached.hidden_frame(run)
    assert len(frame) == 12 * 4 and frame["h"].between(-1, 1).all()
    d = spec(charts.hidden_heatmap(frame, 5))
    scale = d["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == [-1.0, 0.0, 1.0]
    assert scale["range"] == ["#2166ac", "#f7f7f7", "#b2182b"]  # as the LSTM page: blue < 0 < red
    assert d["layer"][0]["encoding"]["y"]["axis"]["labelOverlap"] is False  # every unit labelled
    marker = d["datasets"][d["layer"][1]["data"]["name"]]
    assert {row["t"] for row in marker} == {5}


def test_loss_chart_highlights_the_step(run):
    frame = cached.loss_frame(run)
    np.testing.assert_allclose(frame["loss"].sum(), run.grads.loss)
    assert list(frame["input"][:3]) == list(run.task.chars[:3])
    d = spec(charts.loss_chart(frame, 3))
    bars, label = d["layer"]
    assert "datum.now" in json.dumps(bars["encoding"]["color"])
    assert "datum.now" in json.dumps(bars["encoding"]["stroke"])  # outlined, not only coloured
    rows = d["datasets"][bars["data"]["name"]]
    assert [row["t"] for row in rows if row["now"]] == [3]
    assert label["mark"]["type"] == "text" and label["encoding"]["text"]["field"] == "label"
    assert [(row["t"], row["label"]) for row in d["datasets"][label["data"]["name"]]] == [(3, "t = 3")]
    later = stable_names(spec(charts.loss_chart(frame, 4)))  # the next step (▶): new data, the same spec
    assert json.dumps({**later, "datasets": None}) == json.dumps({**stable_names(d), "datasets": None})


def test_contributions_panels_sum_to_the_gradient(run):
    cut = rnn.rnn_bptt(run.params, run.trace, run.task.targets, truncation=3)
    steps = cached.contribution_steps(12, 6, n_panels=5)
    assert steps == [4, 5, 6, 7, 8]
    frame = cached.contributions_frame(cut, run.grads, steps)
    panels = list(dict.fromkeys(frame["panel"]))
    assert panels == ["step 4", "step 5", "step 6", "step 7", "step 8", "… other steps", "Σ, k = 3",
                      "Σ, full BPTT"]
    parts = frame[frame["panel"].str.startswith(("step", "…"))].groupby(["i", "j"])["value"].sum()
    total = frame[frame["panel"] == "Σ, k = 3"].set_index(["i", "j"])["value"]
    np.testing.assert_allclose(parts.sort_index().to_numpy(), total.sort_index().to_numpy(), atol=1e-12)
    d = spec(charts.contributions_chart(frame))
    assert d["facet"]["field"] == "panel" and d["spec"]["encoding"]["color"]["condition"]["test"] == "datum.kept"
    assert d["facet"]["sort"] == {"field": "order", "op": "min"}  # the frame's order, not the alphabet's
    rows = d["datasets"][d["data"]["name"]]
    assert [r["panel"] for r in rows if r["i"] == r["j"] == 0] == panels
    assert [r["order"] for r in rows if r["i"] == r["j"] == 0] == list(range(len(panels)))
    scale = d["spec"]["encoding"]["color"]["condition"]["scale"]
    assert scale["range"] == [value_color("h", v) for v in (-1.0, 0.0, 1.0)]  # LSTM colours
    assert scale["domain"] == [-1.0, 0.0, 1.0]


def test_symlog_shades_follow_vegas_symlog_scale():
    values = pd.Series([0.0, 1e-3, -2e-3, 0.5, -40.0, 3e6])
    shade, bound = charts.symlog_shades(values)
    assert bound == 3e6 == charts.shade_bound(values)
    c = np.median(np.abs(values[values != 0]))
    expected = np.sign(values) * np.log1p(np.abs(values) / c) / np.log1p(bound / c)
    np.testing.assert_allclose(shade, expected, rtol=1e-12)
    assert shade.iloc[-1] == 1.0 and shade.iloc[0] == 0.0 and -1 < shade.iloc[4] < shade.iloc[2] < 0
    overflow, bound = charts.symlog_shades(pd.Series([np.inf, -np.inf, 1.0, np.nan]))
    assert bound == 1.0 and list(overflow[:3]) == [1.0, -1.0, 1.0] and np.isnan(overflow.iloc[3])
    zeros, bound = charts.symlog_shades(pd.Series([0.0, 0.0, np.inf, np.nan]))
    assert bound == 0.0 and list(zeros[:3]) == [0.0, 0.0, 1.0] and np.isnan(zeros.iloc[3])


def test_contributions_keep_one_spec_as_the_window_moves(run):
    """A new T, t or k is new data, not a new spec: the browser updates the chart in place."""
    specs = []
    for truncation, step in ((3, 6), (5, 9), (12, 12)):
        cut = rnn.rnn_bptt(run.params, run.trace, run.task.targets, truncation=truncation)
        frame = cached.contributions_frame(cut, run.grads, cached.contribution_steps(12, step, n_panels=5))
        specs.append(json.dumps({**stable_names(spec(charts.contributions_chart(frame))), "datasets": None}))
    assert len(set(specs)) == 1


def test_contribution_steps_stay_inside_the_sequence():
    assert cached.contribution_steps(3, 3) == [1, 2, 3]
    assert cached.contribution_steps(40, 40) == list(range(30, 41))
    assert cached.contribution_steps(40, 1) == list(range(1, 12))


def test_paths_frame_marks_dropped_pairs(run):
    frame = cached.paths_frame(run, 3)
    assert (frame["s"] <= frame["t"]).all()
    last = frame[frame["t"] == 12]  # L_12 with k = 3 reaches steps 12, 11, 10 and no further
    assert set(last.loc[last["kept"], "s"]) == {10, 11, 12}
    assert set(last.loc[~last["kept"], "s"]) == set(range(2, 10))
    assert frame[frame["t"] <= 3]["kept"].all()  # the first losses have no more than k steps behind them
    assert 1 not in set(frame["s"])  # h_0 = 0: step 1 sends nothing to ∂L/∂W (log of 0 dropped)
    kept, dropped = spec(charts.paths_heatmap(frame))["layer"]
    assert kept["encoding"]["color"]["condition"]["test"] == "datum.kept"  # dropped pairs fall to the grey
    assert kept["transform"] == [{"filter": "datum.kept"}] and "width" not in kept["mark"]
    assert dropped["transform"] == [{"filter": "(!datum.kept)"}]
    assert dropped["mark"]["width"] == {"band": charts.DROPPED_SIZE.band} == dropped["mark"]["height"]  # smaller


def test_truncation_error_keeps_exact_zeros_on_the_bottom_edge_and_marks_k(run):
    frame = cached.truncation_error_frame(run)
    assert list(frame["k"]) == list(range(1, 13))  # k = 1 … T, none dropped
    assert (frame.loc[frame["k"] >= 11, "error"] == 0).all()  # step 1 adds nothing: k ≥ T − 1 is exact
    d = spec(charts.truncation_error_chart(frame, 4, 12))
    line, zeros, here, label, span = d["layer"]
    assert [row["k"] for row in d["datasets"][here["data"]["name"]]] == [4]
    assert label["encoding"]["text"]["field"] == "label"  # the chosen window is labelled, not only coloured
    assert [row["label"] for row in d["datasets"][label["data"]["name"]]] == ["k = 4"]
    zero_rows = d["datasets"][zeros["data"]["name"]]
    lo, hi = line["encoding"]["y"]["scale"]["domain"]
    assert [row["k"] for row in zero_rows] == [11, 12] and {row["shown"] for row in zero_rows} == {lo}
    positive = frame.loc[frame["error"] > 0, "error"]
    assert lo <= positive.min() and positive.max() <= hi  # nothing leaves the plot
    assert "domain" not in line["encoding"]["x"]["scale"]  # the axis spans the data: k = 1 … T in the span layer
    assert [row["k"] for row in d["datasets"][span["data"]["name"]]] == [1, 12] and span["mark"]["opacity"] == 0
    assert zeros["encoding"]["x"]["scale"]["padding"] > 0  # the ▼ on the last window is drawn whole


def test_log_domain_follows_the_data_in_whole_decades():
    assert charts.log_domain(pd.Series([0.0, 6.3e-4, 0.74])) == [1e-4, 1.0]
    assert charts.log_domain(pd.Series([0.01])) == [0.01, 0.1]
    assert charts.log_domain(pd.Series([0.0])) == [0.1, 1.0]


def test_error_norm_legend_sits_outside_the_plot(run):
    cut = rnn.rnn_bptt(run.params, run.trace, run.task.targets, truncation=2)
    whole = spec(charts.error_norm_chart(cached.error_norm_frame(run.grads, cut), 12))
    assert whole["autosize"]["type"] == "fit-x"
    d, span = whole["layer"]
    assert [row["t"] for row in whole["datasets"][span["data"]["name"]]] == [1, 12]  # every step, in the data
    assert d["encoding"]["color"]["legend"]["orient"] == "bottom"
    kinds = ["full BPTT", "truncated, k = 2"]
    for channel, values in (("color", None), ("strokeDash", charts.DASHES), ("shape", charts.SHAPES)):
        enc = d["encoding"][channel]  # one legend shows hue, dash and point shape together
        assert enc["field"] == "kind" and enc["scale"]["domain"] == kinds and enc["legend"]["orient"] == "bottom"
        if values:
            assert enc["scale"]["range"] == values and values[0] != values[1]
    assert "domain" not in d["encoding"]["x"]["scale"]


def test_jacobian_frame_hides_non_finite_values(run):
    frame = cached.jacobian_frame(run)
    assert set(frame["curve"]) == {"‖∂h_T/∂h_t‖₂", "bound (‖W‖₂ γ)^(T−t)"}
    assert np.isfinite(frame["value"]).all()
    d = spec(charts.jacobian_chart(frame))["layer"][0]
    assert d["encoding"]["y"]["scale"]["type"] == "log"
    dash = d["encoding"]["strokeDash"]
    assert dash["scale"]["domain"] == ["‖∂h_T/∂h_t‖₂", "bound (‖W‖₂ γ)^(T−t)"]  # the bound is the dashed one
    assert dash["scale"]["range"] == charts.DASHES and dash["legend"]["symbolType"] == "stroke"
    assert d["encoding"]["color"]["scale"]["domain"] == dash["scale"]["domain"]
    exploded = cached.RNNRun(run.task, run.params, run.trace, run.grads, run.paths,
                             rnn.JacobianNorms(np.arange(3), np.array([1.0, np.inf, np.nan]),
                                               np.array([1.0, 2.0, np.inf]), 2.0, 1.0, 2.0))
    assert len(cached.jacobian_frame(exploded)) == 3


def test_error_norm_frame_has_both_kinds_equal_on_the_last_k_steps(run):
    cut = rnn.rnn_bptt(run.params, run.trace, run.task.targets, truncation=2)
    frame = cached.error_norm_frame(run.grads, cut)
    assert set(frame["kind"]) == {"full BPTT", "truncated, k = 2"}
    full = frame[frame["kind"] == "full BPTT"].set_index("t")["norm"]
    kept = frame[frame["kind"] == "truncated, k = 2"].set_index("t")["norm"]
    np.testing.assert_allclose(kept[[11, 12]], full[[11, 12]])  # every loss that reaches them is in the window
    assert not np.allclose(kept[:10], full[:10])  # earlier steps lose the losses beyond k
    assert spec(charts.error_norm_chart(frame))["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"


def test_jacobian_distance_axis_is_whole_steps_up_to_T(run):
    frame = cached.jacobian_frame(run)
    d = spec(charts.jacobian_chart(frame.iloc[:3], run.trace.seq_len))  # the exploded end left out
    lines, span = d["layer"]
    x = lines["encoding"]["x"]
    assert x["axis"]["format"] == "d" and x["axis"]["tickMinStep"] == 1
    assert [row["lag"] for row in d["datasets"][span["data"]["name"]]] == [0, run.trace.seq_len]
