"""The simple-RNN page in AppTest: defaults, deep links, extreme values, junk links."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import (
    TIMEOUT,
    assert_clean,
    charts,
    in_opening,
    run_page,
    sections_only,
    spoken_descriptions,
    warnings_text,
)

PAGE = "pages/simple_rnn.py"
BPTT_ALONE = """
from ui.frame import Frame
from ui.simple_rnn import sections

sections.bptt(sections.page_controls(Frame(seed=42, present=False)))
"""


def latex(at) -> str:
    return "\n".join(str(el.value) for el in at.latex)


def test_defaults_render_every_section():
    at = run_page(PAGE)
    assert_clean(at)
    assert at.slider(key="seq_len").value == 20 and at.slider(key="t").value == 20
    assert len(charts(at)) == 10
    assert len(in_opening(at, "graphviz_chart")) == 1  # the opening figure: the network unfolded over T
    # the sections': dense layer, neurons, copies, folded, unfolded, split neuron, backward
    assert len(sections_only(at, "graphviz_chart")) == 7
    assert r"a_{20} = b + W h_{19} + U x_{20}" in latex(at)
    assert "relative error" in latex(at)


def test_deep_link_sets_the_sequence_length():
    at = run_page(PAGE, {"seq_len": "24", "k": "3", "t": "10"})
    assert_clean(at)
    assert at.slider(key="seq_len").value == 24
    assert at.slider(key="k").value == 3 and at.slider(key="t").value == 10
    assert r"\hat y_{10}" in latex(at) and r"\nabla_W^{(k=3)}" in latex(at)


def test_moving_sliders_changes_the_numbers():
    at = run_page(PAGE, {"seq_len": "12"})
    before = latex(at)
    at.slider(key="t").set_value(4).run()
    assert_clean(at)
    assert r"a_{4} = " in latex(at) and latex(at) != before
    at.slider(key="seq_len").set_value(3).run()  # the scrubber and k are clamped to the new T
    assert_clean(at)
    assert at.slider(key="t").value <= 3 and at.slider(key="k").value <= 3


@pytest.mark.parametrize("query", [
    {"seq_len": "1"},
    {"seq_len": "200", "hidden": "32", "rho": "3"},
    {"seq_len": "60", "rho": "0.1", "hidden": "2"},
])
def test_extreme_values_render(query):
    at = run_page(PAGE, query)
    assert_clean(at)
    assert len(charts(at)) >= (8 if query["seq_len"] == "1" else 9)  # T = 1: no truncation charts


def test_exploding_gradients_are_reported_not_hidden():
    at = run_page(PAGE, {"seq_len": "200", "hidden": "32", "rho": "3"})
    assert_clean(at)
    text = latex(at)
    assert r"\le (\|W\|_2\,\gamma)^{200} = (3" in text


@pytest.mark.parametrize("query", [
    {"seq_len": "abc", "seed": "-1"},
    {"seq_len": "NaN", "hidden": "1e9", "rho": "-4", "k": "x", "t": "999"},
])
def test_junk_links_fall_back_with_a_note(query):
    at = run_page(PAGE, query)
    assert_clean(at)
    assert at.slider(key="seq_len").value == 20
    assert "seq_len=" in warnings_text(at)


def test_one_step_says_the_relative_error_is_undefined_instead_of_zero():
    at = run_page(PAGE, query={"seq_len": "1"})
    assert_clean(at)
    (formula,) = [el.value for el in at.latex if "relative error" in el.value]
    assert "undefined" in formula and "relative error} = 0" not in formula
    # no empty truncation charts: a sentence says why there is nothing to truncate
    assert any("nothing to truncate" in el.value for el in at.info)
    assert not any("gradient_paths" in str(el.proto) for el in at.get("download_button"))


def backward_caption(at) -> str:
    return next(el.value for el in at.caption if el.value.startswith("The error of L_"))


def test_bptt_alone_reads_the_time_step_from_the_link_or_the_session_as_the_page_does():
    page = run_page(PAGE, {"seq_len": "12", "t": "5"})
    at = AppTest.from_string(BPTT_ALONE, default_timeout=TIMEOUT)
    at.query_params["seq_len"], at.query_params["t"] = "12", "5"
    at.run()
    assert_clean(at)
    assert backward_caption(at) == backward_caption(page) and "L_5 " in backward_caption(at)
    assert latex(at) in latex(page)  # the same gradient formula
    assert [s.key for s in at.slider] == ["seq_len", "hidden", "rho", "k"]  # t is read, not drawn again
    at.session_state["t"] = 7  # a deck sets the step
    at.run()
    assert "L_7 " in backward_caption(at)
    at.session_state["t"] = 99  # beyond T: clamped, as the slider would be
    at.run()
    assert_clean(at)
    assert "L_12 " in backward_caption(at)


def test_bptt_alone_without_a_step_uses_the_sliders_default_T():
    at = AppTest.from_string(BPTT_ALONE, default_timeout=TIMEOUT).run()
    assert_clean(at)
    assert "L_20 " in backward_caption(at)


def alt_texts(at) -> list[str]:
    """The text alternatives of every chart and diagram the page drew (their accessible names)."""
    kinds = ("graphviz_chart", "arrow_vega_lite_chart", "vega_lite_chart")
    return [el.proto.alt for kind in kinds for el in sections_only(at, kind)]


def test_every_figure_says_what_it_shows_with_the_views_numbers():
    at = run_page(PAGE, {"seq_len": "12", "k": "3", "t": "5"})
    assert_clean(at)
    names = alt_texts(at)
    assert len(names) == 17 and len(set(names)) == 17 and all(len(n.split()) >= 12 for n in names)
    assert any("step 5 highlighted: h₄ and x₅" in n for n in names)
    assert any("from h₅ to h₃, 3 steps (window k = 3)" in n for n in names)
    at.slider(key="t").set_value(7).run()
    assert any("step 7 highlighted: h₆ and x₇" in n for n in alt_texts(at))
    assert any("the chosen k = 3 is marked" in n for n in spoken_descriptions(at))  # after its steady name


def test_going_back_one_step_shows_the_transposed_product_with_the_engines_numbers():
    from engine import rnn, sequences
    from ui.simple_rnn.text import vec

    at = run_page(PAGE, {"seq_len": "12", "t": "6", "hidden": "4", "rho": "1.5"})
    assert_clean(at)
    task = sequences.char_task(12)
    K = len(task.vocab)
    params = rnn.init_rnn(K, 4, K, 42, recurrent_scale=1.5)
    trace = rnn.rnn_forward(params, task.x)
    grads = rnn.rnn_bptt(params, trace, task.targets)
    # what reaches h_5 through W: the engine's ∂L/∂h_5 less what L_5 sends there itself
    back = grads.dh[4] - params.V.T @ grads.dc_steps[4]
    wrong = (1 - trace.h[5] ** 2) * (params.W @ grads.dh[5])
    text = latex(at)
    assert rf"\mathrm{{diag}}(1-h_{{6}}^2)\,\frac{{\partial L}}{{\partial h_{{6}}}} = {vec(back)}" in text
    assert r"W^\top \mathrm{diag}(1-h_{6}^2)" in text and r"\text{not the error:}" in text
    assert vec(back) != vec(wrong)  # a page that multiplied by diag(1 − h²) W would show these numbers instead
    assert rf"W\,\frac{{\partial L}}{{\partial h_{{6}}}} = {vec(wrong)}" in text  # labelled "not"


def test_the_article_s_chunks_train_beside_the_window_and_full_bptt():
    at = run_page(PAGE, {"chunk": "10", "passes": "3"})
    assert_clean(at)
    assert at.slider(key="chunk").value == 10 and at.slider(key="passes").value == 3
    names = alt_texts(at)
    assert any("chunks of k = 10 (the article)" in n and "72" in n for n in names)  # 24 × 3
    assert not any("Work bounded" in el.value for el in at.caption)


def test_training_work_is_bounded_and_says_so():
    at = run_page(PAGE, {"chunk": "120", "passes": "40", "hidden": "32"})
    assert_clean(at)
    notes = " ".join(str(el.value) for el in [*at.warning, *at.info, *at.caption])
    assert "Work bounded" in notes and "window k = 120" in notes


def dot_sources(at) -> list[str]:
    return [el.proto.spec for el in at.get("graphviz_chart")]


def test_the_dense_review_shows_the_errors_reaching_the_chosen_neuron_with_the_engines_numbers():
    from engine import rnn
    from ui.kit.numbers import fixed

    at = run_page(PAGE, {"j": "3", "seed": "7"})
    assert_clean(at)
    assert at.slider(key="j").value == 3
    net = rnn.dense_backprop(7, 3, 3, 2)
    want = (1 - net.h1[2] ** 2) * sum(net.W2[k, 2] * net.delta_out[k] for k in range(2))
    text = latex(at)
    assert r"\delta_{3} = f'(a_{3})" in text and f"= {fixed(want)}" in text
    assert "= 12 + 8 = 20" in text  # 3·3 + 3 and 2·3 + 2
    assert rf"2\varepsilon}} = {fixed(net.fd_delta_hidden[2])}" in text
    (dense,) = [d for d in dot_sources(at) if "neuron j = 3" in d]
    assert "h3 -> y1 [" in dense and "h3 -> y2 [" in dense and "dir=back" in dense
    at.slider(key="j").set_value(1).run()
    assert_clean(at)
    assert any("neuron j = 1" in d for d in dot_sources(at))


def test_parameters_are_counted_from_the_pages_sizes_and_do_not_grow_with_t():
    short, long = run_page(PAGE, {"seq_len": "5", "hidden": "4"}), run_page(PAGE, {"seq_len": "150", "hidden": "4"})
    for at in (short, long):
        assert_clean(at)
    M = 17  # the text's vocabulary, the same for both lengths
    total = 4 * M + 4 * 4 + 4 + M * 4 + M
    for at, T in ((short, 5), (long, 150)):
        assert f"= {total}" in latex(at)
        said = " ".join(el.value for el in at.markdown)
        assert f"Unfolded over T = {T} steps the count is still **{total}**" in said
        assert f"{T} × {total} = {T * total:,}" in said


def test_unfolding_as_copies_says_when_the_drawing_is_capped():
    at = run_page(PAGE, {"seq_len": "3"})
    assert_clean(at)
    captions = " ".join(el.value for el in at.caption)
    assert "all 3 copies drawn" in captions
    copies = next(d for d in dot_sources(at) if "cluster_1" in d)
    assert all(f'label="t = {t}"' in copies for t in (1, 2, 3))
    at = run_page(PAGE, {"seq_len": "40"})
    captions = " ".join(el.value for el in at.caption)
    assert "copies 1, 2 and 40 drawn, the 37 between them as ⋯ (capped" in captions
    copies = next(d for d in dot_sources(at) if "cluster_1" in d)
    assert 'label="t = 40"' in copies and 'label="t = 3"' not in copies


def test_the_split_neuron_follows_the_time_step_and_the_unit():
    from engine import rnn, sequences
    from ui.kit.numbers import fixed

    at = run_page(PAGE, {"seq_len": "12", "t": "6", "unit": "3"})
    assert_clean(at)
    assert at.slider(key="unit").value == 3
    task = sequences.char_task(12)
    K = len(task.vocab)
    params = rnn.init_rnn(K, 8, K, 42, recurrent_scale=0.9)
    trace = rnn.rnn_forward(params, task.x)
    assert rf"h_{{6,3}} = \tanh(a_{{6,3}}) = \tanh({fixed(trace.a[5, 2])}) = {fixed(trace.h[5, 2])}" in latex(at)
    assert any("hidden unit i = 3 at step t = 6" in d for d in dot_sources(at))
    at.slider(key="t").set_value(2).run()
    assert_clean(at)
    assert r"h_{2,3} = \tanh" in latex(at)


def test_junk_in_the_neuron_and_unit_links_falls_back_with_a_note():
    at = run_page(PAGE, {"j": "7", "unit": "abc", "seq_len": "10"})
    assert_clean(at)
    assert at.slider(key="j").value == 3 and at.slider(key="unit").value == 1  # nearest allowed, default
    notes = warnings_text(at)
    assert "j=" in notes and "unit=" in notes
    assert any("neuron j = 3" in d for d in dot_sources(at))


def test_the_unfolded_diagrams_draw_a_window_of_steps_and_say_which():
    """A long sequence: the forward diagram draws the five steps around t, the backward one the ends of the
    truncation window, and each caption names the steps drawn."""
    at = run_page(PAGE, {"seq_len": "200", "t": "137", "k": "60"})
    assert_clean(at)
    unfolded, backward = (el.proto.spec for el in sections_only(at, "graphviz_chart")[4::2])
    assert all(f"h{t} [" in unfolded for t in range(135, 140)) and "h134 [" not in unfolded
    assert all(f"h{t} [" in backward for t in (77, 78, 136, 137)) and "h100 [" not in backward
    captions = "\n".join(c.value for c in at.caption)
    assert "A window of the 200 steps is drawn (steps 135–139)" in captions
    assert "A window of the 200 steps is drawn (steps 77, 78, 136, 137)" in captions
