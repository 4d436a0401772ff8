"""The back-propagation page in AppTest: defaults, deep links, junk links, extreme sliders."""

from __future__ import annotations

import re

import pytest

from engine import training
from tests.app.conftest import assert_clean, charts, run_page, warnings_text
from ui.lstm_backprop import data as cached

PAGE = "pages/lstm_backprop.py"


def metrics(at) -> dict[str, str]:
    """The page's metrics by label: Streamlit's, and the cliff's cards at the τ the server drew (its τ is
    answered in the browser: the cards of every τ are drawn, that τ's shown until the slider moves)."""
    shown = {m.label: m.value for m in at.metric}
    cards = next((str(el.proto.body) for el in at.get("html") if "browser-metric-label\"" in str(el.proto.body)), "")
    tau = re.search(r"body:not\(\[data-browser-clip\]\) \.browser-frame\[data-key='clip'\]\[data-v='([\d.]+)'\]",
                    cards)
    if tau:
        frame = re.search(rf'data-v="{re.escape(tau.group(1))}">(.*?)(<div class="browser-frame"|$)', cards).group(1)
        shown |= dict(re.findall(r'browser-metric-label">([^<]*)</p><p class="browser-metric-value">([^<]*)<', frame))
    return shown


def text(at) -> str:
    return "\n".join(str(el.value) for el in list(at.markdown) + list(at.caption) + list(at.latex))


@pytest.fixture(scope="module")
def default_page():
    return run_page(PAGE)


def test_defaults_draw_every_section(default_page):
    at = default_page
    assert_clean(at)
    assert at.slider(key="clip").value == 1.0 and at.slider(key="seq_len").value == 100
    assert len(charts(at)) == 5  # error through time, cliff, loss per descent step, training loss, norms
    paths, dot = [el.proto.spec for el in at.get("graphviz_chart")]
    assert paths.startswith("digraph paths") and dot.startswith("digraph step")
    assert len(at.latex) >= 8
    shown = metrics(at)
    assert shown["no clipping"] == "0/60"
    assert shown["norm clipping"] != "0/60"
    assert float(shown["LSTM, clipped"]) < 1 / 6 < float(shown["LSTM, no clip"])
    assert "RNN, clipped" in shown  # the comparison is on by default


def test_gradient_check_badge_is_green(default_page):
    badges = [el for el in default_page.markdown if "Gradient check" in str(el.value)]
    assert badges and "passed" in str(badges[0].value) and ":green" in str(badges[0].value)


def test_deep_link_clip_changes_the_clipped_runs(default_page):
    at = run_page(PAGE, query={"clip": "0.5"})
    assert_clean(at)
    assert at.slider(key="clip").value == 0.5
    assert "link" not in warnings_text(at)  # a valid link raises no note
    assert metrics(at)["norm clipping"] != metrics(default_page)["norm clipping"]


def test_junk_link_falls_back_with_notes():
    at = run_page(PAGE, query={"clip": "-3", "seq_len": "abc"})
    assert_clean(at)
    notes = warnings_text(at)
    assert "clip=-3" in notes and "seq_len=abc" in notes
    assert at.slider(key="clip").value == 0.1  # below the range: clamped to its bottom, with a note
    assert at.slider(key="seq_len").value == 100  # not a number: the default
    assert len(charts(at)) == 5


def test_extreme_sliders_stay_honest():
    at = run_page(PAGE, query={"seq_len": "500", "rscale": "3", "fbias": "-3", "clip": "10", "zoom": "1",
                               "step": "8", "j": "4", "path": "params"})
    assert_clean(at)
    assert len(charts(at)) == 5
    assert "last step" in text(at)  # t = T: nothing comes from the future


def test_underflow_to_zero_is_said_not_hidden():
    at = run_page(PAGE, query={"seq_len": "500", "fbias": "-3", "rscale": "0.1"})
    assert_clean(at)
    assert "Some errors underflowed" in text(at)


def test_subnormal_sizes_are_left_off_the_log_axis():
    """Sizes between 0 and the smallest normal double (1.98e-323 here) blank a Vega log axis: they count
    as underflowed, like exact zeros."""
    frame, summary = cached.flow_frame(300, -3.0, 1.0, 42)
    assert frame["size"].min() >= cached.TINY
    assert summary["highway_zero"] > 0 or summary["lstm_cell_zero"] > 0


def test_the_cliff_holds_every_tau_and_shows_the_servers_until_the_slider_moves(default_page):
    """τ is answered in the browser: the cards and the line under the cliff are drawn at each of the slider's
    100 values; the server's τ (the link's, or the one its next run reads) is the one shown."""
    frames = [str(el.proto.body) for el in default_page.get("html") if "data-key=\"clip\"" in str(el.proto.body)]
    assert len(frames) == 2  # the line under the cliff, the cards
    for part in frames:
        assert len(re.findall(r'class="browser-frame" data-key="clip"', part)) == 100
    assert 'data-v="0.1"' in frames[0] and 'data-v="10.0"' in frames[0]
    assert "At τ = 1 no clipped step is longer than η·τ = 0.05" in frames[0]
    at = run_page(PAGE)
    before = metrics(at)["norm clipping"]
    at.slider(key="clip").set_value(5.0).run()
    assert_clean(at)
    assert metrics(at)["norm clipping"] != before
    assert metrics(at)["norm clipping"] == "1/60" and metrics(at)["no clipping"] == "0/60"


def test_exploding_training_is_reported_not_raised(default_page):
    # at the defaults the unclipped simple RNN overflows: said in a warning, its metric reads "exploded"
    assert metrics(default_page)["RNN, no clip"] == "exploded"
    assert "exploded to inf/NaN" in warnings_text(default_page)


def test_training_without_the_rnn_and_with_extreme_settings():
    at = run_page(PAGE, query={"eta": "2", "tclip": "5", "tlen": "60", "rnn": "0"})
    assert_clean(at)
    assert len(charts(at)) == 5
    assert not any(label.startswith("RNN") for label in metrics(at))


def test_metric_texts_are_short_enough_for_a_quarter_of_the_page_in_presenter_mode(default_page):
    # at 1400 px in presenter mode a quarter-width metric shows about 20 characters of label or delta
    for metric in default_page.metric:
        assert len(metric.label) <= 20 and len(str(metric.value)) <= 14
        assert len(metric.proto.delta) <= 20, metric.proto.delta


def test_long_sequences_train_fewer_steps_and_say_so():
    at = run_page(PAGE, query={"seq_len": "500", "tlen": "60", "eta": "2"})
    assert_clean(at)
    notes = "\n".join(str(el.value) for el in at.caption) + warnings_text(at)
    at_60 = training.within_budget(training.TrainConfig(seq_len=60), cached.PAGE_WORK)
    assert at_60.n_steps < 1000 and f"get {at_60.n_steps} steps instead of 1000" in notes
    assert len(charts(at)) == 5


def test_back_and_next_step_the_chain_rule_through_time():
    """The ←/→ keys the home page promises: Back/Next beside the step slider, bound to Left/Right."""
    at = run_page(PAGE)
    assert at.button(key="step_next").proto.shortcut == "right"
    assert at.slider(key="step").value == 5 and "t = 5" in at.get("graphviz_chart")[1].proto.spec
    at.button(key="step_next").click().run()
    assert at.slider(key="step").value == 6 and "t = 6" in at.get("graphviz_chart")[1].proto.spec
    for _ in range(2):
        at.button(key="step_next").click().run()
    assert at.slider(key="step").value == 8 and at.button(key="step_next").disabled  # the last step
    at.button(key="step_prev").click().run()
    assert at.slider(key="step").value == 7
    assert_clean(at)


def test_the_small_graph_adds_its_paths_and_the_cell_jacobian_is_not_f(default_page):
    shown = text(default_page)
    assert "x₁ reaches z by 2 paths" in shown
    assert "0.454 against f_t = 0.600" in shown  # unit 1 at t = 5, seed 42: the full ∂c_t/∂c_{t−1}
    assert "finite differences: 0.454 (relative difference " in shown  # checked on the page, not elsewhere
    assert "(509 of 1,000) had norms above τ, throughout training" in shown  # the clipped LSTM run's count
    assert "follows it" not in shown
    at = run_page(PAGE, query={"paths": "5", "x1": "-1.2"})
    assert_clean(at)
    assert "x₁ reaches z by 5 paths" in text(at)
    at = run_page(PAGE, query={"paths": "99", "x1": "abc"})
    assert_clean(at)
    assert "paths=99" in warnings_text(at) and "x1=abc" in warnings_text(at)


def test_the_page_says_it_clips_once_and_names_the_adding_problem(default_page):
    shown = text(default_page) + warnings_text(default_page) + "\n".join(str(el.value) for el in default_page.info)
    assert "Le, Jaitly & Hinton (2015)" in shown
    assert "once per back-propagation pass" in shown


def test_the_step_graph_is_drawn_in_halves_picked_by_the_link(default_page):
    """By default the top half (loss → c_t), short enough for a projector; ?part= picks the other half or the
    whole step, and junk falls back to the top half with a note."""
    def step_graph(at) -> str:
        return [el.proto.spec for el in at.get("graphviz_chart")][1]

    top = step_graph(default_page)
    assert " loss [" in top and " x [" not in top and "Shown: the top half" in text(default_page)
    for part, has, lacks in (("gates", " x [", " loss ["), ("whole", " x [", None)):
        at = run_page(PAGE, query={"part": part})
        assert_clean(at)
        dot = step_graph(at)
        assert has in dot and (lacks is None or lacks not in dot) and "link" not in warnings_text(at)
    at = run_page(PAGE, query={"part": "sideways"})
    assert_clean(at)
    assert "part=sideways" in warnings_text(at) and step_graph(at) == top


def _training_runs(at) -> set[str]:
    """The run names in the training charts' data (their legends)."""
    import pyarrow as pa

    names = set()
    for chart in charts(at):
        if "SGD step" not in chart.proto.spec:
            continue
        for dataset in chart.proto.datasets:
            table = pa.ipc.open_stream(dataset.data.data).read_all()
            if "run" in table.column_names:
                names |= set(table.column("run").to_pylist())
    return names


def test_pin_tau_keeps_its_runs_in_grey_while_tau_moves():
    at = run_page(PAGE)
    assert_clean(at)
    assert not any(name.startswith("pinned") for name in _training_runs(at))
    at.button(key="tpin_now").click().run()
    assert at.query_params["tpin"] in ("0.5", ["0.5"])
    assert at.button(key="tpin_now").disabled  # the slider's τ is the pinned one: nothing new to pin
    at.slider(key="tclip").set_value(2.0).run()
    assert_clean(at)
    assert "pinned: clipped at τ = 0.5" in _training_runs(at)
    assert "Grey: the runs clipped at the pinned τ = 0.5" in text(at)
    assert at.button(key="tpin_now").label == "Pin τ = 2"
    at.button(key="untpin").click().run()
    assert "tpin" not in at.query_params
    assert not any(name.startswith("pinned") for name in _training_runs(at))


def test_a_pinned_tau_in_the_link_is_drawn_and_junk_is_noted():
    at = run_page(PAGE, {"tpin": "2", "tclip": "0.5"})
    assert_clean(at)
    assert "pinned: clipped at τ = 2" in _training_runs(at)
    at = run_page(PAGE, {"tpin": "junk"})
    assert_clean(at)
    assert "`tpin=junk` in the link is not a number" in warnings_text(at)
    assert not any(name.startswith("pinned") for name in _training_runs(at))
