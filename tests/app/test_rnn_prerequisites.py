"""The RNN-prerequisites page in AppTest: defaults, deep links, extreme values, junk links."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT, assert_clean, charts, run_page, warnings_text

PAGE = "pages/rnn_prerequisites.py"
ORDER_ALONE = """
from ui.frame import Frame
from ui.rnn_prerequisites import sections

sections.order_matters(sections.page_controls(Frame(seed=42, present=False)))
"""


def text_of(at) -> str:
    parts = [str(el.value) for el in (*at.latex, *at.markdown, *at.caption, *at.info)]
    return "\n".join(parts)


def test_defaults_show_the_articles_576_steps_and_the_correction():
    at = run_page(PAGE)
    assert_clean(at)
    assert at.slider(key="seq_len").value == 576
    assert "(145,\\ 576,\\ 4)" in text_of(at)  # ⌊(1440 − 576)/6⌋ + 1 windows
    assert any("576" in str(box.value) and "574" in str(box.value) for box in at.info)
    assert len(at.get("graphviz_chart")) == 6
    assert len(charts(at)) == 5  # four weather panels and the order chart


def test_order_blind_model_is_unchanged_and_rnn_changes():
    at = run_page(PAGE, {"seq_len": "24"})
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Order-blind, in order"] == metrics["Order-blind, shuffled"]
    assert metrics["RNN o_T, in order"] != metrics["RNN o_T, shuffled"]
    deltas = {m.label: m.proto.delta for m in at.metric}
    assert deltas["Order-blind, shuffled"] == "unchanged" and deltas["RNN o_T, shuffled"] != "unchanged"
    assert "(237,\\ 24,\\ 4)" in text_of(at)


@pytest.mark.parametrize("query", [{"seq_len": "1", "stride": "144"}, {"seq_len": "864", "stride": "1"},
                                   {"seq_len": "5", "seed": "7"}])
def test_extreme_values_render(query):
    at = run_page(PAGE, query)
    assert_clean(at)
    assert len(at.get("graphviz_chart")) == 6 and len(charts(at)) == 5


def test_junk_link_falls_back_with_a_note():
    at = run_page(PAGE, {"seq_len": "abc", "seed": "-1", "stride": "0.5"})
    assert_clean(at)
    assert at.slider(key="seq_len").value == 576 and at.slider(key="stride").value == 6
    notes = warnings_text(at)
    assert "seq_len=abc" in notes and "stride=0.5" in notes


def test_window_slider_moves_the_shaded_sample_and_is_clamped():
    at = run_page(PAGE, {"win": "100"})
    assert_clean(at)
    assert "sample 100 of 145: steps 595–1170" in text_of(at)
    at.slider(key="stride").set_value(144).run()  # now only ⌊(1440 − 576)/144⌋ + 1 = 7 samples
    assert_clean(at)
    assert at.slider(key="win").value == 7 and "sample 7 of 7" in text_of(at)


def test_a_two_step_window_shows_two_rows_and_no_arrow_when_nothing_changed():
    at = run_page(PAGE, query={"seq_len": "2"})
    assert_clean(at)
    assert len(at.dataframe[0].value) == 2  # the sample's rows, not six rows of the record
    shuffled = next(m for m in at.metric if m.label == "RNN o_T, shuffled")
    assert shuffled.proto.delta == "unchanged"  # seed 42's shuffle keeps this two-step order
    assert shuffled.proto.color == shuffled.proto.GRAY and shuffled.proto.direction == shuffled.proto.NONE


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_order_test_alone_uses_the_window_of_the_link_or_the_session_as_the_page_does():
    query = {"seq_len": "24", "win": "100"}
    page = run_page(PAGE, query)
    at = AppTest.from_string(ORDER_ALONE, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert_clean(at)
    assert metrics(at) == metrics(page)
    assert [s.key for s in at.slider] == ["seq_len", "stride"]  # the window is read, not drawn again
    first = AppTest.from_string(ORDER_ALONE, default_timeout=TIMEOUT)
    first.query_params["seq_len"] = "24"
    first.run()
    assert metrics(first) != metrics(at)  # no window given: the first one, another window's readings
    first.session_state["win"] = 100  # a deck sets the window
    first.run()
    assert metrics(first) == metrics(page)
    first.session_state["win"] = 10_000  # beyond the last window: clamped, as the slider would be
    first.run()
    assert_clean(first)
    assert metrics(first) == metrics(run_page(PAGE, {"seq_len": "24", "win": "237"}))


def test_figures_are_described_with_the_views_numbers():
    """The weather panels name the shaded sample, the order chart its steps, each task diagram the
    sequence length it is unfolded over."""
    at = run_page(PAGE, {"seq_len": "24", "win": "100"})
    assert_clean(at)
    panels = [c.proto.alt for c in charts(at)]
    assert all("sample 100, hours 99 to 103" in name for name in panels[:4])
    assert "its 24 steps" in panels[4] and "sample 100" in panels[4]
    diagrams = [g.proto.alt for g in at.get("graphviz_chart")]
    assert len(set(diagrams)) == 6
    assert sum("unfolded over 24 steps" in name and "x₂₄" in name for name in diagrams) == 4
