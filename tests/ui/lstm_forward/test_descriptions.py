"""Text alternatives of the LSTM forward page's charts and diagrams (ui/lstm_forward/text.py), and the
second channel beside colour in its charts: the descriptions carry the live numbers and follow t."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine.lstm import init_lstm, lstm_forward
from ui.lstm_forward import charts, data, diagrams, text


@pytest.fixture(scope="module")
def trace():
    params = init_lstm(1, 4, seed=3)
    return lstm_forward(params, np.sin(np.arange(12.0))[:, None])


def test_diagram_descriptions_carry_the_unit_and_step_numbers(trace):
    for t in (2, 9):
        s = diagrams.step_values(trace, t, 3, peepholes=True)
        circuit, odyssey = text.circuit_description(s), text.odyssey_description(s)
        assert f"unit 3 at step t = {t}" in circuit and f"unit 3 at step t = {t}" in odyssey
        for value in (s.z, s.i, s.f, s.o, s.c, s.y):
            assert text.number(value) in circuit  # the same numbers the diagram prints
        assert text.number(s.c_prev) in odyssey and text.number(s.y_prev) in odyssey
        assert circuit != odyssey and "peepholes" in circuit
    assert text.circuit_description(diagrams.step_values(trace, 2, 3, True)) != \
        text.circuit_description(diagrams.step_values(trace, 9, 3, True))


def test_numbers_use_a_real_minus_and_say_overflow_as_inf():
    assert text.number(-0.25) == "−0.250" and text.number(float("inf")) == "inf"
    assert text.number(float("nan")) == "NaN"


def test_whole_sequence_descriptions_say_the_trace_and_where_step_t_is(trace):
    """The whole-sequence charts' text alternatives do not depend on t (a new one would make the browser build
    the chart anew at every step); they carry the trace's own numbers and say where step t's values are."""
    f = text.gate_description("f", trace.f)
    assert "forget gate f, 4 units by 12 steps" in f and text.number(float(trace.f.max()), 2) in f
    assert "step t the page follows" in f and "step section" in f
    assert "Cells marked + or −" in text.gate_description("z", trace.z)
    state = text.state_description("cell c", trace.c, 1)
    assert "cell c over 12 steps" in state and text.number(float(trace.c[-1, 3]), 2) in state
    x = text.input_description(trace.x)
    assert text.number(float(trace.x[-1, 0]), 2) in x and "12 steps" in x and "dashed rule" in x


def test_many_units_give_a_range_and_the_followed_unit():
    values = np.linspace(-1, 1, 5 * 20).reshape(5, 20)
    gate = text.gate_description("i", values, bin_steps=2)
    assert "20 units" in gate and "mean of 2 steps" in gate and "mean 0.00" in gate
    state = text.state_description("output y", values, 7)
    assert "unit 7 (the bold line in colour)" in state and text.number(float(values[-1, 6]), 2) in state


def test_units_and_inputs_have_a_dash_beside_their_colour(trace):
    frames = data.state_frame(trace)
    spec = charts.state_chart(frames, "cell c", 3).to_dict()
    dash = spec["layer"][0]["encoding"]["strokeDash"]
    assert dash["field"] == "unit" and len({str(d) for d in dash["scale"]["range"]}) == 4
    inputs = data.input_frame(np.ones((6, 3)))
    assert charts.input_chart(inputs, 2).to_dict()["layer"][0]["encoding"]["strokeDash"]["field"] == "input"


def test_the_block_input_heatmap_writes_each_sign(trace):
    gates = data.gate_frame(trace)
    spec = charts.gate_heatmap(gates, "z", 3).to_dict()
    signs = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "text"]
    assert len(signs) == 1 and signs[0]["encoding"]["text"]["field"] == "sign"
    assert not any(layer.get("mark", {}).get("type") == "text"
                   for layer in charts.gate_heatmap(gates, "f", 3).to_dict()["layer"])  # gates run one way
    long = pd.DataFrame({"t": np.repeat(np.arange(1, 101), 2), "unit": np.tile([1, 2], 100), "gate": "z",
                         "value": np.tile([-0.5, 0.5], 100)})
    assert len(charts.gate_heatmap(long, "z", 3).to_dict()["layer"]) == 2  # cells too narrow for a sign


def test_table_numbers_past_ten_drop_decimals_so_the_table_keeps_its_width():
    assert charts.table_number(-0.1234) == "-0.123" and charts.table_number(0.5, 2) == "0.50"
    assert charts.table_number(12.3456) == "12.35" and charts.table_number(-123.456) == "-123.5"
    assert len(charts.table_number(-499.97)) <= len(charts.table_number(-0.123)) + 1


def test_hadamard_description_and_caption_carry_the_products(trace):
    u = diagrams.cell_update(trace, 6, 2)
    said = text.hadamard_description(u)
    assert "step t = 6, 4 units" in said
    for column in (u.f, u.c_prev, u.kept, u.i, u.z, u.taken, u.c):
        assert "(" + ", ".join(text.number(float(v)) for v in column) + ")" in said
    caption = text.hadamard_caption(u)
    assert f"{text.number(u.f[1])} × {text.number(u.c_prev[1])} = {text.number(u.kept[1])}" in caption
    assert "left out" not in caption
    wide = lstm_forward(init_lstm(1, 20, seed=3), np.sin(np.arange(12.0))[:, None])
    many = diagrams.cell_update(wide, 6, 11)
    assert "some left out" in text.hadamard_description(many) and "Unit 11" in text.hadamard_description(many)
    assert "the rows marked ⋮ are left out; unit 11" in text.hadamard_caption(many)


def test_black_box_description_gives_lengths_and_short_vectors(trace):
    params = init_lstm(1, 4, seed=3)
    said = text.black_box_description(trace, 3, params)
    assert "step t = 3" in said and "x(t), 1 number" in said and "c(t), 4 numbers" in said
    assert text.number(float(trace.y[2, 0]), 2) in said and "W 4×4×1, R 4×4×4, b 4×4, p 3×4" in said
    assert "only the lengths" in text.black_box_caption(12) and "in its cells" in text.black_box_caption(4)
