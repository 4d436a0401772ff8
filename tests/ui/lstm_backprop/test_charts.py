"""Chart and diagram builders of the back-propagation page, through their specs and DOT strings."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pandas as pd
import pytest

from engine import training
from ui import in_browser
from ui.kit.specs import stable_names
from ui.lstm_backprop import charts, diagrams
from ui.lstm_backprop import text as eq


def _spec(chart) -> dict:
    return chart.to_dict()


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _runs_frame() -> pd.DataFrame:
    """The descents as ``data.cliff_runs_by_tau`` gives them: the plain run once (no τ), the clipped ones at
    τ = 1 and τ = 2."""
    rows = []
    for tau, run in ((np.nan, "no clipping"), *((tau, run) for tau in (1.0, 2.0)
                                                for run in ("norm clipping", "value clipping"))):
        for step in range(4):
            rows.append({"tau": tau, "run": run, "step": step, "w": 5.0 + 0.1 * step, "b": -5.0 + 0.5 * step,
                         "loss": 1.0 / (step + 1), "grad norm": 2.0, "clipped": step % 2 == 1})
    return pd.DataFrame(rows)


AT = in_browser.At("clip", 1.2, 0.1, 10.0, 0.1)  # the slider's τ as the server drew it


def _surface_frame() -> pd.DataFrame:
    j, i = np.meshgrid(np.arange(4), np.arange(5), indexing="ij")
    loss = 0.5 * (i + j) ** 2 + 1e-3
    return pd.DataFrame({"i": i.ravel().astype(np.uint8), "j": j.ravel().astype(np.uint8),
                         "log10 loss": np.log10(loss.ravel()).astype(np.float32)})


def _decoded(url: str) -> np.ndarray:
    """The pixels of a ``data:`` PNG (Pillow comes with Streamlit)."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def test_the_cliff_surface_is_one_image_a_pixel_a_cell_shaded_as_its_legend():
    surface = _surface_frame()  # 5 cells over w (i), 4 over b (j); log10 L grows with i + j
    greys = charts.surface_greys(surface)
    assert greys.shape == (4, 5)  # rows: b, columns: w
    (lo, hi), (light, dark) = charts.SURFACE_DOMAIN, charts.SURFACE_GREYS
    for row in surface.itertuples():
        t = min(max((row[3] - lo) / (hi - lo), 0.0), 1.0)
        assert greys[3 - row.j, row.i] == round((1 - t) * light + t * dark)  # the highest b on top
    assert greys[3, 0] == light  # L = 10⁻³ at (0, 0), the domain's low end
    beyond = pd.DataFrame({"i": [0, 1], "j": [0, 0], "log10 loss": [-5.0, 3.0]})
    assert charts.surface_greys(beyond).tolist() == [[light, dark]]  # clamped to the ends
    image = charts.surface_image(surface, ((3.0, 7.5), (-6.0, -0.5)))
    assert len(image) == 1 and tuple(image.iloc[0][["w_lo", "w_hi", "b_lo", "b_hi"]]) == (3.0, 7.5, -6.0, -0.5)
    assert (_decoded(image["url"].iloc[0]) == greys).all()


def test_the_cliff_surface_legend_reads_the_same_scale_as_the_image():
    heat = _spec(charts.cliff_chart(_surface_frame(), _runs_frame(), ((3.0, 7.5), (-6.0, -0.5)), AT))["layer"][0]
    image, legend, _ = heat["layer"]
    assert image["mark"] == {"type": "image", "aspect": False, "smooth": False, "aria": False}  # crisp, unsaid
    assert {image["encoding"][c]["field"] for c in ("x", "x2", "y", "y2")} == {"w_lo", "w_hi", "b_lo", "b_hi"}
    fill = legend["encoding"]["fill"]
    assert fill["field"] == "log10 loss" and fill["scale"]["domain"] == list(charts.SURFACE_DOMAIN)
    assert fill["scale"]["interpolate"] == "rgb"  # the image's greys are a straight line between the two
    assert legend["mark"]["opacity"] == 0


def test_hovering_the_cliff_surface_reads_the_loss_of_the_block_under_the_pointer():
    window = ((3.0, 7.5), (-6.0, -0.5))  # 5 cells over w (0.9 wide), 4 over b (1.375 high)
    surface = _surface_frame()
    whole = charts.surface_readout(surface, window, cells=5)
    assert len(whole) == 20  # as many blocks as cells: each says its own cell's L
    cell = whole[(whole["w0"] == 3.0 + 2 * 0.9) & (whole["b0"] == -6.0 + 1.375)].iloc[0]
    assert cell["w"] == pytest.approx(3.0 + 2.5 * 0.9) and cell["b"] == pytest.approx(-6.0 + 1.5 * 1.375)
    assert cell["L"] == pytest.approx(0.5 * (2 + 1) ** 2 + 1e-3, rel=1e-6)  # cell (i, j) = (2, 1)
    blocks = charts.surface_readout(surface, window, cells=2)  # blocks of 3 × 2 cells, the last narrower
    assert len(blocks) == 4
    assert sorted(set(blocks["w0"])) == pytest.approx([3.0, 3.0 + 3 * 0.9])
    assert sorted(set(blocks["w1"])) == pytest.approx([3.0 + 3 * 0.9, 7.5])  # they tile the window
    assert sorted(set(blocks["b0"])) == pytest.approx([-6.0, -6.0 + 2 * 1.375])
    first = blocks[(blocks["w0"] == 3.0) & (blocks["b0"] == -6.0)].iloc[0]
    assert first["L"] == pytest.approx(0.5 * (1 + 1) ** 2 + 1e-3, rel=1e-6)  # the block's centre cell (1, 1)
    layer = _spec(charts.cliff_chart(surface, _runs_frame(), window, AT))["layer"][0]["layer"][2]
    assert layer["mark"] == {"type": "rect", "opacity": 0, "aria": False}  # unseen, unsaid: the pointer's
    assert [t["field"] for t in layer["encoding"]["tooltip"]] == ["w", "b", "L"]
    assert len(charts.surface_readout(pd.DataFrame({"i": np.repeat(np.arange(120), 120).astype(np.uint8),
                                                    "j": np.tile(np.arange(120), 120).astype(np.uint8),
                                                    "log10 loss": np.zeros(14400, np.float32)}),
                                      window)) == charts.READOUT_CELLS ** 2


def test_cliff_chart_layers_surface_paths_points_and_start():
    window = ((3.0, 7.5), (-6.0, -0.5))
    spec = _spec(charts.cliff_chart(_surface_frame(), _runs_frame(), window, AT))
    marks = [[sub["mark"]["type"] for sub in layer.get("layer", [layer])] for layer in spec["layer"]]
    assert marks == [["image", "point", "rect"], ["line", "line", "line"], ["point"], ["point", "text"]]
    heat, casing = spec["layer"][0], spec["layer"][1]["layer"][0]
    paths, plain = spec["layer"][1]["layer"][1], spec["layer"][1]["layer"][2]
    # a white casing under the paths keeps them apart from the grey surface whatever their hue
    assert casing["encoding"]["color"]["value"] == "#ffffff"
    assert casing["mark"]["strokeWidth"] > paths["mark"]["strokeWidth"]
    # the plain run is drawn last and thinner, so where the descents coincide both colours show
    assert "no clipping" in plain["transform"][1]["filter"] and "!" in paths["transform"][1]["filter"]
    assert plain["mark"]["strokeWidth"] < paths["mark"]["strokeWidth"]
    image = heat["layer"][0]
    assert image["encoding"]["x"]["scale"]["domain"] == [3.0, 7.5]
    assert image["encoding"]["y"]["scale"]["domain"] == [-6.0, -0.5]
    assert "fill" in heat["layer"][1]["encoding"]  # the surface's legend is by fill: the runs' colours stay their own
    assert paths["encoding"]["order"]["field"] == "step"
    assert paths["mark"]["clip"] is True  # points outside the window are cut, not squeezed in
    colors = paths["encoding"]["color"]["scale"]
    assert colors["domain"] == ["no clipping", "norm clipping", "value clipping"]
    assert len(set(colors["range"])) == 3
    # each run has its dash beside its colour, in the same legend (no colour alone carries the run)
    for layer in (paths, plain):
        dashes = layer["encoding"]["strokeDash"]
        assert dashes["field"] == "run" and dashes["scale"]["domain"] == colors["domain"]
        assert len({str(d) for d in dashes["scale"]["range"]}) == 3
    assert "resolve" not in spec


def test_cliff_loss_chart_one_line_per_run():
    spec = _spec(charts.cliff_loss_chart(_runs_frame(), AT))
    assert spec["mark"]["type"] == "line"
    assert spec["encoding"]["y"]["scale"]["type"] == "log"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["no clipping", "norm clipping", "value clipping"]


def test_the_cliff_charts_hold_every_tau_and_draw_the_one_the_slider_shows():
    """τ is answered in the browser: each chart declares the slider's parameter at the server's τ, bound to an
    input by the slider's step, and its descents (not the surface) keep the rows at that τ and the plain run's,
    which have no τ."""
    shown = "datum['tau'] > browser_clip - 0.05 && datum['tau'] < browser_clip + 0.05 || !(datum['tau'] >= 0.1)"
    param = {"name": "browser_clip", "value": 1.2, "bind": {"input": "range", "min": 0.1, "max": 10.0, "step": 0.1}}
    cliff = _spec(charts.cliff_chart(_surface_frame(), _runs_frame(), ((3.0, 7.5), (-6.0, -0.5)), AT))
    assert cliff["params"] == [param]
    heat, paths, dots, start = cliff["layer"]
    assert all("transform" not in layer for layer in heat["layer"])  # the surface is the same at every τ
    for layer in (*paths["layer"], dots):
        assert layer["transform"][0] == {"filter": shown}
    assert "transform" not in start["layer"][0]  # the start: one point, the same at every τ
    loss = _spec(charts.cliff_loss_chart(_runs_frame(), AT))
    assert loss["params"] == [param] and loss["transform"] == [{"filter": shown}]
    assert loss["encoding"]["y"]["axis"]["labelExpr"] == charts.kit.VEGA_LOG_LABELS  # Vega's ticks at any τ


def test_training_charts_dash_the_rnn_and_cap_exploded_runs():
    df = _training_frame().assign(model="LSTM")
    rnn = _training_frame().assign(model="simple RNN")
    rnn.loc[rnn["step"] == 5, ["loss", "grad norm"]] = 1e250
    spec = _spec(charts.training_loss_chart(pd.concat([df, rnn]), training.MEAN_BASELINE))
    smooth = spec["layer"][1]
    assert smooth["encoding"]["strokeDash"]["field"] == "model"
    assert smooth["encoding"]["y"]["scale"]["domain"][1] == charts.LOSS_CEILING
    norms = _spec(charts.training_norm_chart(pd.concat([df, rnn]), 0.5))
    assert norms["layer"][0]["encoding"]["y"]["scale"]["domain"][1] == charts.NORM_CEILING


def test_flow_chart_is_log_scale_over_time():
    df = pd.DataFrame({"t": [1, 2, 1, 2], "series": ["a", "a", "b", "b"], "size": [1e-9, 1.0, 1e-20, 1.0]})
    spec = _spec(charts.flow_chart(df, seq_len=2))
    assert spec["encoding"]["y"]["scale"]["type"] == "log"
    assert spec["encoding"]["x"]["scale"]["domain"] == [1, 2]
    assert spec["encoding"]["color"]["field"] == "series"


def _training_frame() -> pd.DataFrame:
    n = 30
    rows = []
    for run, clipped in (("no clipping", False), ("clipped at τ", True)):
        for step in range(1, n + 1):
            rows.append({"run": run, "step": step, "loss": 1.0 / step, "loss (running mean)": 1.0 / step,
                         "grad norm": 2.0 / step, "clipped": clipped and step < 10})
    return pd.DataFrame(rows)


def test_training_loss_chart_has_raw_smooth_and_baseline():
    spec = _spec(charts.training_loss_chart(_training_frame(), training.MEAN_BASELINE))
    layers = spec["layer"]
    assert layers[0]["encoding"]["y"]["field"] == "loss"
    assert layers[1]["encoding"]["y"]["field"] == "loss (running mean)"
    assert layers[0]["encoding"]["y"]["scale"]["type"] == "log"
    assert pytest.approx(1 / 6) in _data_values(spec, "y")


def test_training_norm_chart_marks_threshold_and_clip_events():
    spec = _spec(charts.training_norm_chart(_training_frame(), 0.5))
    text = json.dumps(spec, ensure_ascii=False)
    assert '"tick"' in text and "datum.clipped" in text
    assert 0.5 in _data_values(spec, "y")
    assert "threshold\\nτ = 0.5" in text  # the label breaks into two lines in the margin


def _data_values(spec: dict, field: str) -> list:
    values = []
    for dataset in spec.get("datasets", {}).values():
        values += [row[field] for row in dataset if field in row]
    return values


def test_error_paths_to_each_source():
    to_c = diagrams.error_paths("c_prev")
    assert ("c_prev", "c") in to_c  # the highway
    assert ("c_prev", "f_bar") in to_c and ("c_prev", "i_bar") in to_c
    assert not any(u in ("x", "y_prev", "params") for u, _ in to_c)
    to_y = diagrams.error_paths("y_prev")
    assert {("y_prev", g) for g in ("z_bar", "i_bar", "f_bar", "o_bar")} <= to_y
    assert ("c_prev", "c") not in to_y
    # every highlighted path ends where the loss reads the step
    for source in diagrams.SOURCES:
        ends = {v for _, v in diagrams.error_paths(source)}
        assert "loss" in ends and "next" in ends
    with pytest.raises(ValueError, match="source"):
        diagrams.error_paths("x")


def test_step_graph_dot_highlights_and_shows_numbers():
    dot = diagrams.step_graph_dot("c_prev", {"dc": -0.177, "Delta": 0.33, "dc_prev": 1.5e-5}, unit=2, t=3)
    assert dot.startswith("digraph step {") and dot.rstrip().endswith("}")
    drawn = [line for line in dot.splitlines() if " -> " in line and "style=invis" not in line]
    assert len(drawn) == len(diagrams.EDGES)  # the invisible ones only keep the inputs in order
    highway = next(line for line in dot.splitlines() if "c_prev -> c " in line)
    assert diagrams.HIGHLIGHT in highway and "highway" in highway
    param_edge = next(line for line in dot.splitlines() if "params -> z_bar" in line)
    assert diagrams.MUTED in param_edge
    assert "δ = −0.177" in dot and "Δ = +0.33" in dot and "δ = +1.5 × 10⁻⁵" in dot
    assert "unit 2, t = 3" in dot


def test_delta_equations_render_numbers_and_last_step_note():
    numbers = {k: 0.1 for k in ("Delta", "rec_z", "rec_i", "rec_f", "rec_o", "h_c", "o", "sig_o", "f", "i", "z",
                                "c_prev", "p_i", "p_f", "p_o", "di_next", "df_next", "dc_next", "f_next",
                                "dy", "do", "dc_direct", "dc", "df", "di", "dz")}
    numbers["dy"] = -2.5e-5
    lines = eq.delta_equations(numbers, t=8, last=True)
    assert len(lines) == 6
    assert lines[0].startswith(r"\begin{aligned}") and "last step" in lines[0]
    assert r"(-2.5 \times 10^{-5})" in lines[0]



@pytest.mark.parametrize("build", [
    lambda df, shown: charts.training_loss_chart(df, training.MEAN_BASELINE, 30, shown),
    lambda df, shown: charts.training_norm_chart(df, 0.5, 30, shown)])
def test_training_charts_grow_by_a_parameter_over_the_same_data(build):
    """▶ grows the curves in the browser: the chart holds every step of the runs and draws those up to
    ⌈30 · share / 100⌉, the share being a Vega-Lite parameter bound to an input (which ▶ moves). Two
    shares give the same data and the same layers; only the parameter's value differs."""
    whole = _training_frame()
    specs = [stable_names(_spec(build(whole, charts.Shown("play_x", share, 4)))) for share in (8, 12)]
    assert specs[0]["datasets"] == specs[1]["datasets"]
    assert [p["value"] for spec in specs for p in spec["params"] if p["name"] == "play_x"] == [8, 12]
    param = next(p for p in specs[0]["params"] if p["name"] == "play_x")
    assert param["bind"] == {"input": "range", "min": 4, "max": 100, "step": 4}
    assert {**specs[0], "params": None} == {**specs[1], "params": None}
    drawn = [layer for layer in _layers(specs[0]) if layer.get("mark", {}).get("type") in ("line", "point", "tick")]
    assert drawn and all("datum.step <= ceil(30 * play_x / 100)" in json.dumps(layer["transform"]) for layer in drawn)
    assert "play_x" not in json.dumps(build(whole, None).to_dict())  # no share: every step, no parameter


def test_a_pinned_taus_runs_are_grey_squares_after_the_pages_own_in_the_legend():
    df = _training_frame()
    pinned = df[df["run"] == "clipped at τ"].assign(run=charts.pinned_run(2.0))
    spec = _spec(charts.training_loss_chart(pd.concat([pinned, df]), training.MEAN_BASELINE))
    scale = _layers(spec)[0]["encoding"]["color"]["scale"]
    assert scale["domain"] == ["no clipping", "clipped at τ", "pinned: clipped at τ = 2"]
    assert scale["range"][-1] == charts.PINNED_STYLE[0]
    shapes = next(layer["encoding"]["shape"]["scale"] for layer in _layers(spec) if "shape" in layer["encoding"])
    assert shapes["range"][-1] == "square"


def test_a_training_chart_sends_only_the_columns_it_reads():
    frame = pd.DataFrame({"model": "LSTM", "run": "no clipping", "step": np.arange(1, 5),
                          "loss": [1.0, 0.5, 0.25, 0.125], "loss (running mean)": [1.0, 0.75, 0.6, 1234.5678],
                          "grad norm": [1.0, 10.0, 1e50, 2.0], "clipped": False})
    loss = charts._slim(frame, ["loss", "loss (running mean)"])
    assert list(loss) == ["model", "run", "step", "loss", "loss (running mean)"]
    assert loss["loss (running mean)"].iloc[3] == 1234.5678  # all four decimals of the tooltip
    norm = charts._slim(frame, ["grad norm", "clipped"])
    assert "loss" not in norm and norm["grad norm"].iloc[2] == 1e50  # the exploded norm as it is
    for chart in (charts.training_loss_chart(frame, 1 / 6, 4), charts.training_norm_chart(frame, 1.0, 4)):
        rows = [row for rows in chart.to_dict()["datasets"].values() for row in rows if "step" in row]
        assert max(len(row) for row in rows) < len(frame.columns)  # not every column of the frame
