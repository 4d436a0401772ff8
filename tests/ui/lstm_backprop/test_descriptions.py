"""Text alternatives of the back-propagation page (ui/lstm_backprop/text.py) and the second channel beside
colour in its charts and graph: the descriptions carry the live numbers and change with the controls."""

from __future__ import annotations

import json

import pandas as pd

from engine import chainrule
from ui.kit.numbers import signed_text, text_sci
from ui.lstm_backprop import charts, diagrams, text

LABELS = {"lstm_cell": "LSTM cell", "rnn_hidden": "simple RNN"}


def _numbers(t: int, j: int = 1) -> dict[str, float]:
    demo = chainrule.chain_demo(7)
    numbers = chainrule.delta_terms(demo, t - 1, j - 1)
    numbers.update(dy_prev=0.5, dc_prev=-0.25)
    return numbers


def test_step_graph_description_carries_the_deltas_of_the_step():
    numbers = _numbers(3)
    paths = diagrams.error_paths("y_prev")
    said = text.step_graph_description("y_prev", numbers, 3, 2, len(paths), len(diagrams.EDGES))
    assert f"{len(paths)} of its {len(diagrams.EDGES)} arrows" in said and "previous output" in said
    assert "unit 2 at t = 3" in said
    for key in ("Delta", "dy", "dc", "dz", "di", "df", "do"):
        assert signed_text(numbers[key]) in said  # as the graph's nodes print them
    assert "δc(t−1) = −0.25" in said
    assert said != text.step_graph_description("y_prev", _numbers(6), 6, 2, len(paths), len(diagrams.EDGES))


def test_flow_description_says_underflow_and_overflow_as_what_they_are():
    flow = pd.DataFrame({"t": [1, 2, 3, 3], "series": ["LSTM cell", "LSTM cell", "LSTM cell", "simple RNN"],
                         "size": [1e-9, 1e-3, 1.0, 1.0]})
    summary = {"lstm_cell_first": 1e-9, "rnn_hidden_first": float("inf")}
    said = text.flow_description(flow, summary, 3, LABELS)
    assert "LSTM cell from 1 at t = 3 to 1 × 10⁻⁹ at t = 1" in said
    assert "simple RNN from 1 at t = 3 to inf at t = 1" in said
    summary["rnn_hidden_first"] = 0.0
    assert "to 0 at t = 1" in text.flow_description(flow, summary, 3, LABELS)


def _summary(n_clipped: int) -> dict:
    run = {"n_clipped": n_clipped, "steps": 60, "final_loss": 0.0076, "longest_step": 22.0, "longest_at": 31,
           "end": (-6.48, 2.5)}
    return {"none": {**run, "label": "no clipping", "n_clipped": 0}, "norm": {**run, "label": "norm clipping"}}


def test_cliff_descriptions_follow_the_threshold():
    runs = pd.DataFrame({"run": ["no clipping"], "step": [0], "w": [5.0], "b": [-5.0]})
    one, two = text.cliff_description(_summary(46), runs, 1.0), text.cliff_description(_summary(35), runs, 1.2)
    assert "τ = 1:" in one and "46 of 60 steps clipped" in one and "(5, −5)" in one and "(−6.48, 2.5)" in one
    assert "τ = 1.2" in two and "35 of 60" in two
    loss = text.cliff_loss_description(_summary(46))
    assert "norm clipping ends at 0.0076" in loss and "22 at step 31" in loss


def test_the_line_under_the_cliff_bounds_a_clipped_step_by_eta_tau():
    summary = {**_summary(46), "value": {**_summary(46)["norm"], "label": "value clipping", "end": (5.09, -2.67)}}
    line = text.cliff_reading(summary, 1.2, 0.05)
    assert line.startswith("At τ = 1.2 no clipped step is longer than η·τ = 0.06:")
    assert "norm clipping ends at (w, b) = (−6.48, 2.5), value clipping at (5.09, −2.67)." in line
    assert text.cliff_metric_help(summary["norm"]) == ("46 of 60 gradient-descent steps were clipped; the longest "
                                                       "step was 22 (step 31).")


def _log(stop: int | None = None) -> pd.DataFrame:
    rows = []
    for model in ("LSTM", "simple RNN"):
        for run in ("no clipping", "clipped at τ"):
            last = stop if (stop and model == "simple RNN" and run == "no clipping") else 100
            for step in range(1, last + 1):
                rows.append({"model": model, "run": run, "step": step, "loss": 0.2, "loss (running mean)": 0.1 / step,
                             "grad norm": 3.0 if run == "no clipping" else 0.7, "clipped": run != "no clipping"})
    return pd.DataFrame(rows)


def test_training_descriptions_name_every_run_and_a_stopped_one():
    said = text.training_loss_description(_log(stop=40), 100, 1 / 6)
    assert f"LSTM, clipped at τ ends at {text_sci(0.1 / 100)}" in said
    assert "simple RNN, no clipping ends at 0.0025 when it stops at step 40" in said and "0.17" in said
    norms = text.training_norm_description(_log(), 100, 0.5)
    assert "τ = 0.5" in norms and "LSTM, clipped at τ: median 0.7, largest 0.7, 100 steps clipped" in norms
    assert "simple RNN, no clipping: median 3, largest 3, 0 steps clipped" in norms


def test_runs_and_series_have_a_channel_beside_colour():
    flow = pd.DataFrame({"t": [1, 2, 1, 2], "series": ["a", "a", "b", "b"], "size": [1e-9, 1.0, 1e-20, 1.0]})
    dash = charts.flow_chart(flow, 2).to_dict()["encoding"]["strokeDash"]
    assert dash["field"] == "series" and dash["scale"]["range"][0] != dash["scale"]["range"][1]
    spec = charts.training_loss_chart(_log(), 1 / 6).to_dict()
    shapes = [layer["encoding"]["shape"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    assert shapes and shapes[0]["field"] == "run" and shapes[0]["scale"]["range"] == ["circle", "diamond"]
    norms = json.dumps(charts.training_norm_chart(_log(), 0.5).to_dict())
    assert '"shape"' in norms


def test_the_error_path_is_solid_and_thick_every_other_arrow_dashed():
    dot = diagrams.step_graph_dot("c_prev")
    on = next(line for line in dot.splitlines() if "c_prev -> c " in line)
    off = next(line for line in dot.splitlines() if "params -> z_bar" in line)
    assert "dashed" not in on and "penwidth=2.6" in on
    assert "style=dashed" in off and "penwidth" not in off


def test_formulas_keep_to_three_terms_a_row():
    """Rows of at most three terms: no formula is wider than a projector's column (no scroll box)."""
    numbers = {key: -1.234e-5 for key in ("Delta", "rec_z", "rec_i", "rec_f", "rec_o", "h_c", "o", "sig_o", "f",
                                          "i", "z", "c_prev", "p_i", "p_f", "p_o", "di_next", "df_next",
                                          "dc_next", "f_next", "dy", "do", "dc_direct", "dc", "df", "di", "dz")}
    for line in text.delta_equations(numbers, 3, last=True):
        rows = line.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}").split(r"\\")
        terms = [row.replace(r"\times 10^", "") for row in rows]  # a number's own × is no product
        assert all(row.count(" + ") + row.count(r"\times") <= 3 for row in terms), line  # a leading + too
    assert text.PARAMETER_GRADIENTS.count(r"\\") == 2  # three rows of two


def test_path_graph_description_and_diagram_carry_the_paths():
    ps = chainrule.path_sum(0.5, -0.3, 3)
    said = text.path_graph_description(ps, chainrule.PATH_WEIGHTS)
    assert "3 middle variables" in said and signed_text(ps.derivative) in said
    for p in ps.paths:
        assert signed_text(p) in said
    dot = diagrams.path_graph_dot(ps, chainrule.PATH_WEIGHTS)
    assert dot.count("style=dashed") == 3  # x₂'s arrows: dashed as well as grey
    assert dot.count("penwidth=2.6") == 6  # the arrows on x₁'s paths: thick as well as pink
    assert "x₂ = −0.3" in dot
