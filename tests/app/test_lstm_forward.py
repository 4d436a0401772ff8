"""The LSTM forward page in AppTest: defaults, deep links, junk links, typed sequences, the scrubber."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT, assert_clean, charts, run_page, warnings_text

PAGE = "pages/lstm_forward.py"


def diagrams(at) -> list[str]:
    return [el.proto.spec for el in at.get("graphviz_chart")]


def latex(at) -> str:
    return "\n".join(el.value for el in at.latex)


def markdown(at) -> str:
    return "\n".join(el.value for el in at.markdown)


def errors(at) -> str:
    return "\n".join(str(e.value) for e in at.error)


@pytest.fixture(scope="module")
def default_page():
    return run_page(PAGE)


def test_defaults_draw_everything(default_page):
    at = default_page
    assert_clean(at)
    assert at.slider(key="seq_len").value == 20 and at.slider(key="t").value == 1
    assert at.slider(key="n_hidden").value == 4
    assert len(charts(at)) == 7  # input, four gate heatmaps, cell, output
    circuit, odyssey, hadamard, box = diagrams(at)
    assert circuit.startswith("digraph circuit") and odyssey.startswith("digraph odyssey")
    assert hadamard.startswith("digraph hadamard") and box.startswith("digraph blackbox")
    assert "peephole" not in circuit and "unit 1, step t = 1" in odyssey  # the article starts without them
    assert "step t = 1" in hadamard and "W: 4×4×1" in box
    assert at.toggle(key="peep").value is False
    assert latex(at).count("\\\\[6pt]") == 5  # six equations
    assert len(at.table) == 1 and len(at.table[0].value) == 4 and len(at.dataframe) == 0
    assert "All 20 steps" in markdown(at)


def test_deep_link_with_a_long_sequence():
    at = run_page(PAGE, query={"seq_len": "300", "t": "250", "n_hidden": "32"})
    assert_clean(at)
    assert at.slider(key="seq_len").value == 300 and at.slider(key="t").value == 250
    assert "step t = 250" in diagrams(at)[0]
    assert "each heatmap column averages 2 steps" in markdown(at) + "\n".join(c.value for c in at.caption)


def test_junk_link_falls_back_with_notes():
    at = run_page(PAGE, query={"seq_len": "abc", "seed": "-1", "pin": "sideways", "t": "NaN"})
    assert_clean(at)
    assert at.slider(key="seq_len").value == 20 and at.slider(key="t").value == 1
    notes = warnings_text(at)
    assert "seq_len=abc" in notes and "seed=-1" in notes and "pin=sideways" in notes
    assert len(charts(at)) == 7


def test_step_beyond_the_sequence_is_clamped():
    at = run_page(PAGE, query={"seq_len": "10", "t": "50"})
    assert_clean(at)
    assert at.slider(key="t").value == 10
    assert "t=50" in warnings_text(at)


def test_typed_sequence_with_garbage_keeps_the_last_good_one():
    at = run_page(PAGE, query={"src": "typed", "typed": "0.5, abc, 2"})
    assert_clean(at)
    assert "item 2, 'abc', is not a number" in errors(at)
    assert "All 8 steps" in markdown(at)  # the default typed sequence has 8 numbers
    assert "T = 8" in "\n".join(c.value for c in at.caption)
    at.text_input(key="typed").set_value("1, 2, 3").run()
    assert_clean(at)
    assert not at.error and "All 3 steps" in markdown(at)
    at.text_input(key="typed").set_value("1, 2, oops, 4").run()
    assert_clean(at)
    assert "item 3, 'oops'" in errors(at) and "Still showing: 1, 2, 3" in errors(at)
    assert "All 3 steps" in markdown(at)


def test_next_and_back_buttons_move_the_time_step():
    at = run_page(PAGE)
    at.button(key="t_next").click().run()
    at.button(key="t_next").click().run()
    assert at.slider(key="t").value == 3
    assert "step t = 3" in diagrams(at)[0]
    at.button(key="t_prev").click().run()
    assert_clean(at)
    assert at.slider(key="t").value == 2


def test_shorter_sequence_pulls_the_step_back_inside():
    at = run_page(PAGE, query={"t": "20"})
    at.slider(key="seq_len").set_value(5).run()
    assert_clean(at)
    assert at.slider(key="t").value == 5


def test_all_gates_pinned_to_one_and_to_zero():
    ones = run_page(PAGE, query={"pin": "ones", "t": "4"})
    assert_clean(ones)
    assert "c_t = c_{t−1} + z_t" in "\n".join(str(i.value) for i in ones.info)
    assert "pinned" in latex(ones) and "(pinned)" in diagrams(ones)[0]
    zeros = run_page(PAGE, query={"pin": "zeros", "t": "4"})
    assert_clean(zeros)
    assert zeros.table[0].value["c"].abs().max() == 0.0


def test_peepholes_are_off_by_default_and_a_link_with_peep_1_turns_them_on(default_page):
    shown = "\n".join(c.value for c in default_page.caption)
    assert "as the article introduces it: no peepholes" in shown and "Gers & Schmidhuber's (2000)" in shown
    assert "p_i" not in latex(default_page)
    at = run_page(PAGE, query={"peep": "1"})
    assert_clean(at)
    assert at.toggle(key="peep").value is True
    circuit, *_, box = diagrams(at)
    assert "peephole" in circuit and "p_i" in latex(at)
    assert "p: 3×4" in box  # the black box lists the peephole weights too
    assert "Peepholes on" in "\n".join(c.value for c in at.caption)


def test_extremes_one_step_one_unit_no_peepholes():
    at = run_page(PAGE, query={"seq_len": "1", "n_hidden": "1", "n_input": "8", "peep": "0",
                               "src": "impulse", "fbias": "3"})
    assert_clean(at)
    circuit, odyssey, _, box = diagrams(at)
    assert "peephole" not in circuit + odyssey
    assert "W: 4×1×8" in box and "(M = 8)" in box
    assert "p_i" not in latex(at)
    assert len(charts(at)) == 7


@pytest.mark.parametrize("source", ["square", "noise"])
def test_other_sources(source):
    at = run_page(PAGE, query={"src": source, "seq_len": "60"})
    assert_clean(at)
    assert len(charts(at)) == 7


def test_presenter_mode_draws_the_step_table_in_large_type():
    at = run_page(PAGE, query={"present": "1", "n_hidden": "3", "t": "2"})
    assert_clean(at)
    assert len(at.dataframe) == 0 and len(at.table) == 1  # an HTML table takes the projector's type size
    assert len(at.table[0].value) == 3
    assert len(charts(at)) == 7
    captions = "\n".join(c.value for c in at.caption)
    assert "red > 0, blue < 0" in captions and "Forget gate f" in captions  # one caption per heatmap


@pytest.mark.parametrize(("query", "says"), [({}, "stays within ±"), ({"fbias": "3"}, "outside [−1, 1]")])
def test_cell_caption_says_what_the_cell_did(query, says):
    at = run_page(PAGE, query=query)
    assert_clean(at)
    (caption,) = [c.value for c in at.caption if "running sum" in c.value]
    assert says in caption


def test_junk_notes_speak_the_page_s_words():
    at = run_page(PAGE, query={"pin": "maybe", "peep": "x"})
    notes = warnings_text(at)
    assert "not one of computed, all 1, all 0; using “computed”" in notes  # the buttons' labels
    assert "using off instead" in notes and "True" not in notes  # peepholes are off by default


def test_a_very_long_typed_link_is_cut_and_not_echoed_in_full():
    at = run_page(PAGE, query={"src": "typed", "typed": ",".join(["1"] * 10_000)})
    assert_clean(at)
    notes = warnings_text(at)
    assert "longer than 500 characters" in notes and len(notes) < 400


def test_the_link_drops_a_control_that_is_no_longer_drawn():
    at = run_page(PAGE, query={"n_hidden": "7", "unit": "5"})
    assert "unit=5" in at.sidebar.code[0].value
    at.slider(key="n_hidden").set_value(1).run()  # one unit: no unit picker
    assert_clean(at)
    assert "unit=" not in at.sidebar.code[0].value and "n_hidden=1" in at.sidebar.code[0].value


ALONE = """
from ui.frame import Frame
from ui.lstm_forward import sections

sections.{name}(sections.page_controls(Frame(seed=42, present=False)))
"""


def _in_order(node):
    """Every element under ``node``, in the order the page shows them."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _in_order(child)


def test_the_whole_sequence_alone_follows_the_link_s_step_and_unit():
    at = AppTest.from_string(ALONE.format(name="whole_sequence"), default_timeout=TIMEOUT)
    for key, value in {"seq_len": "30", "t": "7", "n_hidden": "12", "unit": "9"}.items():
        at.query_params[key] = value
    at.run()
    assert_clean(at)
    assert [h.value for h in at.header] == ["4 · The whole sequence"]
    assert "All 30 steps at once; the dashed line marks t = 7." in markdown(at)
    assert len(charts(at)) == 7 and not diagrams(at)  # the step section did not run
    assert "unit 9 in colour" in str(charts(at)[-1].proto.spec)  # 12 units: the followed one stands out


def test_the_step_section_alone_puts_its_header_above_the_scrubber():
    at = AppTest.from_string(ALONE.format(name="step_through_time"), default_timeout=TIMEOUT)
    at.query_params["t"] = "3"
    at.run()
    assert_clean(at)
    assert [h.value for h in at.header] == ["1 · Step through time"]
    drawn = list(_in_order(at.main))
    header = next(k for k, el in enumerate(drawn) if type(el).__name__ == "Header")
    assert header < drawn.index(at.slider(key="t")), "the header leads its section, above the scrubber"
    assert "step t = 3" in diagrams(at)[0] and not charts(at)


def test_the_opening_figure_steps_t_with_the_scrubber():
    """Back and Next beside the opening figure move the scrubber's t (and the link's), from the first screen."""
    at = run_page(PAGE)
    assert at.button(key="t_also_prev").disabled and not at.button(key="t_also_next").disabled
    at.button(key="t_also_next").click().run()
    at.button(key="t_also_next").click().run()
    assert_clean(at)
    assert at.slider(key="t").value == 3 and at.query_params["t"] == "3"
    assert "Step **t = 3**" in markdown(at) and "c_{3} = f" in latex(at)
    at.button(key="t_also_prev").click().run()
    assert at.slider(key="t").value == 2
    last = run_page(PAGE, {"t": "20"})
    assert last.button(key="t_also_next").disabled and not last.button(key="t_also_prev").disabled
    single = run_page(PAGE, {"seq_len": "1"})
    assert_clean(single)
    assert not [b for b in single.button if b.key and b.key.startswith("t_also")]


def test_a_linked_step_can_go_back_at_once():
    """A prepared link at t = 5: Back is live on the first view (its state follows the link's t)."""
    at = run_page(PAGE, {"t": "5"})
    assert at.slider(key="t").value == 5 and not at.button(key="t_prev").disabled
    at.button(key="t_prev").click().run()
    assert at.slider(key="t").value == 4
    last = run_page(PAGE, {"t": "20"})
    assert last.button(key="t_next").disabled and not last.button(key="t_prev").disabled


def test_the_hadamard_and_black_box_sections_follow_the_step_and_unit():
    at = run_page(PAGE, query={"n_hidden": "12", "unit": "7", "t": "9"})
    assert_clean(at)
    _, _, hadamard, box = diagrams(at)
    assert "step t = 9" in hadamard and "step t = 9" in box
    assert "<B>7</B>" in hadamard and "⋮" in hadamard  # twelve units: the followed one, the ends, ⋮ between
    assert "(H = 12)" in box and "R: 4×12×12" in box
    headers = [h.value for h in at.header]
    assert headers[1:3] == ["2 · The Hadamard product ⊙", "3 · The block as a black box"]
    captions = "\n".join(c.value for c in at.caption)
    assert "Unit 7: the forget gate" in captions and "Keras and PyTorch call y_t the hidden state h_t" in captions


@pytest.mark.parametrize(("name", "header"), [("hadamard_product", "2 · The Hadamard product ⊙"),
                                               ("black_box", "3 · The block as a black box")])
def test_the_new_sections_draw_alone(name, header):
    at = AppTest.from_string(ALONE.format(name=name), default_timeout=TIMEOUT)
    at.query_params["t"] = "4"
    at.run()
    assert_clean(at)
    assert [h.value for h in at.header] == [header]
    (dot,) = diagrams(at)
    assert "step t = 4" in dot


def test_the_circuit_is_drawn_in_halves_picked_by_the_link(default_page):
    """By default the cell update (short enough for a projector); ?circuit= picks the output or the whole
    block, and junk falls back to the cell update with a note."""
    def circuit(at) -> str:
        return next(d for d in diagrams(at) if d.startswith("digraph circuit"))

    cell = circuit(default_page)
    assert "(cell update)" in cell and " mul_o [" not in cell
    for part, has in (("output", " mul_o ["), ("whole", " mul_f [")):
        at = run_page(PAGE, query={"circuit": part})
        assert_clean(at)
        assert has in circuit(at) and "link" not in warnings_text(at)
    assert " add [" not in circuit(run_page(PAGE, query={"circuit": "output"}))
    at = run_page(PAGE, query={"circuit": "gates"})
    assert_clean(at)
    assert "circuit=gates" in warnings_text(at) and circuit(at) == cell


def _cell_chart(at):
    return next(c for c in charts(at) if "cell c" in c.proto.spec and "over time" in c.proto.spec)


def test_pin_keeps_a_forget_bias_in_grey_behind_the_cell_and_output_and_unpin_clears_it():
    """"Pin bias" keeps that bias's run (same weights and inputs) as grey dashed lines on the cell and
    output charts while the bias moves: at −2 the cell forgets, at +2 it builds up, on one chart."""
    import json

    import pyarrow as pa

    at = run_page(PAGE, {"fbias": "-2"})
    assert "pinned" not in _cell_chart(at).proto.spec
    at.button(key="bpin_now").click().run()
    assert_clean(at)
    assert at.session_state["bpin"] == -2.0 and at.query_params["bpin"] in ("-2", ["-2"])
    assert at.button(key="bpin_now").disabled  # the slider's bias is the pinned one: nothing to compare yet
    at.slider(key="fbias").set_value(2.0).run()
    assert_clean(at)
    cell = _cell_chart(at)
    spec = json.loads(cell.proto.spec)
    assert "bias -2 (pinned)" in json.dumps(spec["title"])
    rows = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in cell.proto.datasets]
    pinned = next(r for r in rows if "bias" in r.columns and r["bias"].notna().any())
    assert set(pinned["bias"]) == {-2.0} and set(pinned["quantity"]) == {"cell c"}
    now = next(r for r in rows if "quantity" in r.columns and "bias" not in r.columns)
    # the same block, only the bias differs: the pinned cell stays smaller than the current one
    assert pinned["value"].abs().max() < now[now["quantity"] == "cell c"]["value"].abs().max()
    assert "bias at -2 (pinned)" in " ".join(c.value for c in at.caption)
    assert "bpin=-2" in at.sidebar.code[0].value  # the link to this view keeps the pin
    at.button(key="unbpin").click().run()
    assert_clean(at)
    assert at.session_state["bpin"] is None and "bpin" not in at.query_params
    assert "pinned" not in _cell_chart(at).proto.spec


@pytest.mark.parametrize(("raw", "pin", "note"), [("1.5", 1.5, None), ("1.3", 1.5, "step"),
                                                  ("abc", None, "not a number"), ("9", 3.0, "above")])
def test_a_pinned_bias_in_the_link_is_read_like_the_slider_and_junk_falls_back_with_a_note(raw, pin, note):
    at = run_page(PAGE, {"bpin": raw})
    assert_clean(at)
    assert at.session_state["bpin"] == pin
    assert ("bpin=" in warnings_text(at)) == (note is not None)
    if note:
        assert note in warnings_text(at)
