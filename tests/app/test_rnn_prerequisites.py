"""The RNN-prerequisites page in AppTest: defaults, deep links, extreme values, junk links."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT, assert_clean, charts, run_page, spoken_descriptions, warnings_text

PAGE = "pages/rnn_prerequisites.py"
ORDER_ALONE = """
from ui.frame import Frame
from ui.rnn_prerequisites import sections

sections.order_matters(sections.page_controls(Frame(seed=42, present=False)))
"""


def task_diagrams(at) -> list:
    """The six task-type diagrams of section 4 (section 1's semantic-vector diagram left out)."""
    return [g for g in at.get("graphviz_chart") if not g.proto.alt.startswith("Top to bottom")]


def named_charts(at, start: str) -> list[str]:
    """The text alternatives of the charts whose own starts with ``start``."""
    return [c.proto.alt for c in charts(at) if c.proto.alt.startswith(start)]


N_CHARTS = 12  # the spreadsheet, the toy picture and its tensor, four weather panels, three sentences, the order
# chart, the CTC collapse


def text_of(at) -> str:
    parts = [str(el.value) for el in (*at.latex, *at.markdown, *at.caption, *at.info)]
    return "\n".join(parts)


def test_defaults_show_the_articles_576_steps_and_the_correction():
    at = run_page(PAGE)
    assert_clean(at)
    assert at.slider(key="seq_len").value == 576
    assert "(145,\\ 576,\\ 4)" in text_of(at)  # ⌊(1440 − 576)/6⌋ + 1 windows
    assert any("576" in str(box.value) and "574" in str(box.value) for box in at.info)
    assert len(at.get("graphviz_chart")) == 7 and len(task_diagrams(at)) == 6  # and the semantic vector's
    assert len(charts(at)) == N_CHARTS


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
    assert len(task_diagrams(at)) == 6 and len(charts(at)) == N_CHARTS


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
    assert len(at.table[0].value) == 2 and len(at.dataframe) == 0  # the sample's rows, not six rows of the record
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
    length of its own example (not the weather window's)."""
    at = run_page(PAGE, {"seq_len": "24", "win": "100"})
    assert_clean(at)
    # the panels and the order chart keep steady names; their numbers are said in the captions
    assert len([name for name in (c.proto.alt for c in charts(at)) if "over the ten-day record" in name]) == 4
    said = spoken_descriptions(at)
    panels = [part for s in said for part in s.split(". ") if "over the ten-day record" in part]
    assert len(panels) == 4 and all("sample 100, hours 99 to 103" in part for part in panels)
    order = [s for s in said if s.startswith("Two lines over")]
    assert len(order) == 1 and "its 24 steps" in order[0] and "sample 100" in order[0]
    diagrams = [g.proto.alt for g in task_diagrams(at)]
    assert len(set(diagrams)) == 6
    assert not any("24 steps" in name or "x₂₄" in name for name in diagrams)
    sentiment = next(name for name in diagrams if name.startswith("Many to one"))
    assert "unfolded over 5 steps" in sentiment and "x₅" in sentiment and "fun" in sentiment


@pytest.mark.parametrize("query", [{}, {"seq_len": "24"}, {"seq_len": "864", "stride": "1"}])
def test_the_task_diagrams_do_not_follow_the_weather_window(query):
    """The weather slider (576 steps by default) moves the windows, not the task diagrams: sentiment is
    "this film was great fun" and translation "I am a student", whatever the window's length."""
    at = run_page(PAGE, query)
    assert_clean(at)
    specs = [g.proto.spec for g in task_diagrams(at)]
    assert len(specs) == 6 and not any("⋯" in spec or "x<SUB>576</SUB>" in spec for spec in specs)
    assert "unfolded over 4 steps: inputs x₁ … x₄" in "\n".join(g.proto.alt for g in task_diagrams(at))
    assert "Each diagram is unfolded over its own example" in text_of(at)
    assert specs == [g.proto.spec for g in task_diagrams(run_page(PAGE, {"seq_len": "3"}))]


# ------------------------------------------------------------------------ mappings, the dense layer, CTC
def test_the_picture_is_described_as_its_tensor_and_the_classifier_follows_the_photo_side():
    at = run_page(PAGE, {"side": "64"})
    assert_clean(at)
    tensor, = named_charts(at, "Three 6 × 8 grids")
    assert "(3, 6, 8) tensor" in tensor and "red from 40 to 250" in tensor
    assert "sun" in named_charts(at, "The toy picture")[0]
    said = text_of(at)
    assert "3 \\cdot 64^2\\ =\\ 12,288" in said and "(0, 1)" in said and "semantic vector" in said
    assert "image-captioning" in said


def dense_metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric if m.label.startswith("y,")}


def test_a_dense_layer_is_unchanged_when_inputs_and_weights_move_together():
    """The article's argument: reorder the inputs and the weights together and y stays; the inputs
    alone and y changes (issue 14: the page showed only the pooling model)."""
    at = run_page(PAGE)
    assert_clean(at)
    found = dense_metrics(at)
    assert found["y, cat, cat, dog"][0] == found["y, reordered with its weights"][0]
    assert found["y, reordered with its weights"][1] == "unchanged"
    assert found["y, reordered, weights fixed"][0] != found["y, cat, cat, dog"][0]
    assert "dog, cat, cat" in text_of(at) and "exactly the same" in text_of(at)
    notes = [str(box.value) for box in at.info]
    assert any(n.startswith("**On the article") and "the order of inputs does not matter" in n for n in notes)
    assert any(n.startswith("**On the article") and "one sigmoid unit" in n for n in notes)
    assert text_of(at).count("67,500 numbers") == 1  # the default side 150: the fixed size said once


def test_swapping_the_two_cats_changes_nothing_even_with_the_weights_fixed():
    at = run_page(PAGE, {"order": "213"})
    assert_clean(at)
    found = dense_metrics(at)
    assert found["y, reordered, weights fixed"][1] == "unchanged" and "two equal words" in text_of(at)


def test_a_junk_order_falls_back_with_a_note():
    at = run_page(PAGE, {"order": "3 3 1"})
    assert_clean(at)
    assert "order=3 3 1" in warnings_text(at) and at.selectbox(key="order").value == "312"


@pytest.mark.parametrize(("frames", "output"), [("hh-e-ll-lll-oo", "hello"), ("hheelllloo", "helo"),
                                                ("--c-aa-t--", "cat")])
def test_ctc_collapses_the_frames_of_the_link(frames, output):
    at = run_page(PAGE, {"frames": frames})
    assert_clean(at)
    assert at.text_input(key="frames").value == frames
    assert f"collapse to “{output}”" in text_of(at)


def test_ctc_junk_or_too_long_frames_fall_back_with_a_note():
    at = run_page(PAGE, {"frames": "h<e>\\llo"})
    assert_clean(at)
    assert "collapsing “hh-e-ll-lll-oo” instead" in warnings_text(at) and "collapse to “hello”" in text_of(at)
    long = run_page(PAGE, {"frames": "ab" * 100})
    assert_clean(long)
    assert "frames=" in warnings_text(long) and "longer than 60" in warnings_text(long)


def test_ctc_example_button_sets_the_frames():
    at = run_page(PAGE)
    at.button(key="ctc_hheelllloo").click().run()
    assert_clean(at)
    assert at.text_input(key="frames").value == "hheelllloo" and "collapse to “helo”" in text_of(at)


# ---------------------------------------------------------------- the spreadsheet, the semantic vector, the sentences
def test_the_spreadsheet_shapes_follow_the_link_and_junk_falls_back():
    at = run_page(PAGE, {"rows": "5", "cols": "2", "sheets": "3"})
    assert_clean(at)
    sheet, = named_charts(at, "Three spreadsheet drawings")
    assert "shape (5,)" in sheet and "shape (5, 2)" in sheet and "shape (3, 5, 2)" in sheet
    assert "a 3-D tensor (3, 5, 2) is a stack of 3 sheets" in text_of(at)
    junk = run_page(PAGE, {"sheets": "9", "rows": "x"})
    assert_clean(junk)
    assert junk.slider(key="sheets").value == 4 and junk.slider(key="rows").value == 3  # nearest; default
    assert "sheets=9" in warnings_text(junk) and "rows=x" in warnings_text(junk)
    assert "shape (4, 3, 4)" in named_charts(junk, "Three spreadsheet drawings")[0]


def semantic(at):
    diagram, = [g for g in at.get("graphviz_chart") if g.proto.alt.startswith("Top to bottom")]
    return diagram


def test_the_semantic_vector_diagram_follows_the_photo_side():
    at = run_page(PAGE)
    assert_clean(at)
    diagram = semantic(at)
    assert "6,272 numbers" in diagram.proto.spec and "a teddy bear on a bed" in diagram.proto.alt
    assert "Chollet's network, as built" in text_of(at)
    at.slider(key="side").set_value(100).run()
    assert_clean(at)
    assert "(3, 100, 100) tensor" in semantic(at).proto.spec and "2,048 numbers" in semantic(at).proto.spec
    assert "built for 100 × 100" in text_of(at)
    small = run_page(PAGE, {"side": "20"})
    assert_clean(small)
    assert "too small" in semantic(small).proto.spec and "too small" in text_of(small)


def test_the_one_to_many_task_points_at_the_semantic_vector():
    at = run_page(PAGE)
    assert "semantic vector, from a CNN's convolutional part (section 1 draws it)" in text_of(at)


@pytest.mark.parametrize(("first", "english", "kept"), [("cat", "The cat chased the dog.", "the cat chased the dog"),
                                                        ("dog", "The dog chased the cat", "still the cat chasing")])
def test_one_sentence_in_three_languages_and_who_is_named_first(first, english, kept):
    at = run_page(PAGE, {"first": first})
    assert_clean(at)
    sentences = [name for name in named_charts(at, "The ") if " sentence as " in name]
    assert [name.split(" sentence")[0] for name in sentences] == ["The English", "The German", "The Japanese"]
    assert all(f"shape ({t}, 4)" in name for t, name in zip((5, 6, 7), sentences, strict=True))
    said = text_of(at)
    assert english in said and kept in said and "English 5, German 6, Japanese 7" in said


def test_a_junk_first_falls_back_to_the_cat_with_a_note():
    at = run_page(PAGE, {"first": "bird"})
    assert_clean(at)
    assert "first=bird" in warnings_text(at) and "The cat chased the dog." in text_of(at)


def test_on_a_projector_every_diagram_is_set_at_14_points_and_most_run_down_the_page():
    """14 pt is 18.7 px on screen at a diagram's own size (the browser measures it: see the report)."""
    at = run_page(PAGE, {"present": "1"})
    assert_clean(at)
    specs = [g.proto.spec for g in at.get("graphviz_chart")]
    assert all(set(re.findall(r"fontsize=(\d+)", spec)) == {"14"} for spec in specs)
    assert sum("rankdir=LR" in spec for spec in specs) == 5  # all tasks but the bidirectional net
    assert "time runs down the page" in text_of(at)
    laptop = [g.proto.spec for g in run_page(PAGE).get("graphviz_chart")]
    assert not any("rankdir=LR" in spec for spec in laptop) and "fontsize=12" in laptop[0]
