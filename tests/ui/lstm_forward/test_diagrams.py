"""The two LSTM block diagrams (ui/lstm_forward/diagrams.py): DOT strings drawn from the engine's numbers."""

from __future__ import annotations

import re

import numpy as np
import pytest

from engine.lstm import init_lstm, lstm_forward
from ui.kit.colors import value_color
from ui.kit.dot import ELLIPSIS
from ui.lstm_forward.diagrams import (
    PEEPHOLE,
    StepValues,
    _fmt,
    black_box_dot,
    cell_update,
    circuit_dot,
    hadamard_dot,
    odyssey_dot,
    step_values,
)


@pytest.fixture(scope="module")
def trace():
    return lstm_forward(init_lstm(2, 3, seed=9), np.linspace(-1, 1, 16).reshape(8, 2))


def node_attrs(dot: str, name: str) -> str:
    match = re.search(rf"^  {name} \[(.*)\];$", dot, flags=re.MULTILINE)
    assert match, f"node {name} missing"
    return match.group(1)


def is_balanced_dot(dot: str) -> bool:
    body = dot.splitlines()
    return (body[0].startswith("digraph ") and body[0].endswith("{") and body[-1] == "}"
            and dot.count("{") == dot.count("}") and dot.count('"') % 2 == 0
            and all(line.endswith((";", "{", "}")) for line in body))


def test_step_values_reads_one_unit_at_one_step(trace):
    s = step_values(trace, t=3, unit=2, peepholes=True)
    assert s.c == trace.c[2, 1] and s.c_prev == trace.c[1, 1] and s.y_prev == trace.y[1, 1]
    assert s.x == tuple(trace.x[2]) and s.h_c == pytest.approx(np.tanh(trace.c[2, 1]))
    first = step_values(trace, t=1, unit=1, peepholes=True)
    assert first.c_prev == 0.0 and first.y_prev == 0.0  # c0 = y0 = 0


@pytest.mark.parametrize("build", [circuit_dot, odyssey_dot])
def test_both_diagrams_show_the_same_numbers_and_colours(trace, build):
    s = step_values(trace, t=5, unit=3, peepholes=True)
    dot = build(s)
    assert is_balanced_dot(dot)
    for gate in "zifo":
        attrs = node_attrs(dot, gate)
        assert _fmt(getattr(s, gate)) in attrs
        assert f'fillcolor="{value_color(gate, getattr(s, gate))}"' in attrs
    assert _fmt(s.c) in dot and _fmt(s.y) in dot and _fmt(s.c_prev) in dot
    assert f"i⊙z = {_fmt(s.i * s.z)}" in dot and f"f⊙cₜ₋₁ = {_fmt(s.f * s.c_prev)}" in dot
    assert "unit 3, step t = 5" in dot


@pytest.mark.parametrize("build", [circuit_dot, odyssey_dot])
def test_peephole_lines_appear_only_with_peepholes(trace, build):
    on = build(step_values(trace, 2, 1, peepholes=True))
    off = build(step_values(trace, 2, 1, peepholes=False))
    peephole_lines = [line for line in on.splitlines() if " -> " in line and PEEPHOLE in line]
    assert len(peephole_lines) == 3 and all("style=dashed" in line for line in peephole_lines)
    assert PEEPHOLE not in off and "peephole" not in off
    # the only other dashed line is the Space Odyssey's cell loop: "the dotted line denote the information
    # from the past" (the article)
    dashed = [line for line in off.splitlines() if "style=dashed" in line]
    assert dashed == ([line for line in dashed if line.startswith("  cell -> mul_f")] if build is odyssey_dot else [])


def test_pinned_gate_is_dashed_and_labelled():
    pinned = lstm_forward(init_lstm(1, 1, seed=0), np.ones((2, 1)), pin={"f": 1.0, "o": 0.0})
    dot = circuit_dot(step_values(pinned, 2, 1, peepholes=False))
    assert "f = 1.000\\n(pinned)" in node_attrs(dot, "f") and "dashed" in node_attrs(dot, "f")
    assert "o = 0.000\\n(pinned)" in node_attrs(dot, "o")  # on a line of its own: the row of gates stays narrow
    assert "(pinned)" not in node_attrs(dot, "i")


def test_arrow_width_follows_the_gate():
    def width(f: float) -> float:
        s = StepValues(t=1, unit=1, x=(0.5,), y_prev=0.0, c_prev=0.8, z=0.1, i=0.5, f=f, o=0.5, c=0.3,
                       y=0.1, peepholes=False)
        line = next(ln for ln in circuit_dot(s).splitlines() if ln.startswith("  f -> mul_f"))
        return float(re.search(r"penwidth=([\d.]+)", line).group(1))

    assert width(0.0) < width(0.5) < width(1.0)


def test_dark_fills_get_white_text():
    s = StepValues(t=1, unit=1, x=(-1.0,), y_prev=0.0, c_prev=0.0, z=0.0, i=1.0, f=0.0, o=0.5, c=0.0,
                   y=0.0, peepholes=False)
    dot = circuit_dot(s)
    assert 'fontcolor="#ffffff"' in node_attrs(dot, "i")  # dark green
    assert 'fontcolor="#111111"' in node_attrs(dot, "f")  # light grey
    assert "(−1.000)" not in dot and "−1.000" in node_attrs(dot, "x")


def test_several_inputs_are_listed_and_long_ones_shortened():
    s = StepValues(t=1, unit=1, x=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), y_prev=0.0, c_prev=0.0, z=0.0, i=0.5,
                   f=0.5, o=0.5, c=0.0, y=0.0, peepholes=False)
    assert "(0.100, 0.200, 0.300, 0.400, …)" in node_attrs(circuit_dot(s), "x")


# ------------------------------------------------------------------------------------ Hadamard product
CELL = re.compile(r'<TD BGCOLOR="(#[0-9a-f]{6})"[^>]*><FONT COLOR="#[0-9a-f]{6}">'
                  r"(?:<B>)?([−\d.]+)(?:</B>)?</FONT></TD>")


def table_rows(dot: str, node: str) -> list[list[tuple[str, float]]]:
    """The (fill, number) cells of each row of the HTML table of ``node`` (rows without numbers left out)."""
    label = node_attrs(dot, node)
    rows = [[(fill, float(text.replace("−", "-"))) for fill, text in CELL.findall(row)]
            for row in label.split("<TR>")]
    return [row for row in rows if row]


@pytest.fixture(scope="module")
def long_trace():
    return lstm_forward(init_lstm(3, 12, seed=4, peepholes=True), np.sin(np.arange(30.0)).reshape(10, 3))


@pytest.mark.parametrize(("t", "unit"), [(1, 2), (4, 3)])
def test_hadamard_columns_are_numpy_s_element_wise_products(trace, t, unit):
    u = cell_update(trace, t, unit)
    k = t - 1
    c_prev = trace.c0 if k == 0 else trace.c[k - 1]
    np.testing.assert_array_equal(u.kept, np.multiply(trace.f[k], c_prev))
    np.testing.assert_array_equal(u.taken, np.multiply(trace.i[k], trace.z[k]))
    np.testing.assert_allclose(u.kept + u.taken, trace.c[k], rtol=0, atol=1e-12)  # the engine's c_t
    dot = hadamard_dot(u)
    assert is_balanced_dot(dot) and f"step t = {t}" in dot
    for node, (a, b, product) in {"kept": (trace.f[k], c_prev, u.kept), "taken": (trace.i[k], trace.z[k], u.taken),
                                  "total": (u.kept, u.taken, trace.c[k])}.items():
        rows = table_rows(dot, node)
        assert len(rows) == trace.c.shape[1] == 3  # every unit, three coloured columns each
        for j, row in enumerate(rows):
            assert [v for _, v in row] == [float(_fmt(v).replace("−", "-")) for v in (a[j], b[j], product[j])]
    columns = {"kept": (("f", trace.f[k]), ("c", c_prev), ("c", u.kept)),
               "taken": (("i", trace.i[k]), ("z", trace.z[k]), ("c", u.taken))}
    for node, quantities in columns.items():
        for j, row in enumerate(table_rows(dot, node)):
            assert [fill for fill, _ in row] == [value_color(q, float(v[j])) for q, v in quantities]


def test_hadamard_rows_carry_the_operator_and_the_followed_unit_is_bold(trace):
    dot = hadamard_dot(cell_update(trace, 5, 2))
    kept = node_attrs(dot, "kept")
    assert kept.count(">⊙<") == 1 + 3  # the header, then every row
    assert node_attrs(dot, "total").count(">+<") == 1 + 3
    assert f"<B>{_fmt(trace.f[4, 1])}</B>" in kept and f"<B>{_fmt(trace.f[4, 0])}</B>" not in kept
    assert "unit" in kept and "unit" not in node_attrs(dot, "taken")  # beside "kept": the same rows


def test_hadamard_of_many_units_keeps_the_ends_and_the_followed_one(long_trace):
    u = cell_update(long_trace, 6, 7)
    assert u.shown == (1, ELLIPSIS, 6, 7, 8, ELLIPSIS, 12)
    dot = hadamard_dot(u)
    rows = table_rows(dot, "kept")
    assert len(rows) == 5 and "⋮" in node_attrs(dot, "kept")
    assert [v for _, v in rows[2]] == [float(_fmt(v).replace("−", "-"))
                                       for v in (long_trace.f[5, 6], long_trace.c[4, 6], u.kept[6])]
    assert cell_update(long_trace, 6, 1).shown == (1, 2, ELLIPSIS, 12)


# ------------------------------------------------------------------------------------------ black box
def test_black_box_shows_the_shapes_and_short_vectors(trace):
    params = init_lstm(2, 3, seed=9)
    dot = black_box_dot(trace, 4, params)
    assert is_balanced_dot(dot) and "step t = 4" in dot
    assert "W: 4×3×2" in dot and "R: 4×3×3" in dot and "b: 4×3" in dot and "p: 3×3" in dot
    for node, title, values in [("x", "xₜ", trace.x[3]), ("y_prev", "yₜ₋₁", trace.y[2]),
                                ("c_prev", "cₜ₋₁", trace.c[2]), ("y", "yₜ", trace.y[3]), ("c", "cₜ", trace.c[3])]:
        label = node_attrs(dot, node)
        assert title in label and f"({'M = 2' if node == 'x' else 'H = 3'})" in label
        assert [float(v.replace("−", "-")) for _, v in CELL.findall(label)] == [round(float(v), 2) for v in values]
    for edge in ("x -> lstm", "y_prev -> lstm", "c_prev -> lstm", "lstm -> y", "lstm -> c"):
        assert f"  {edge}" in dot


def test_black_box_of_a_wide_block_gives_lengths_only(long_trace):
    dot = black_box_dot(long_trace, 2, init_lstm(3, 12, seed=4, peepholes=False))
    assert "(H = 12)" in node_attrs(dot, "c") and not CELL.findall(node_attrs(dot, "c"))
    assert CELL.findall(node_attrs(dot, "x"))  # three inputs are short enough to write out
    assert "p: " not in dot


# ------------------------------------------------------------------------------ the circuit in halves
def _drawn_nodes(dot: str) -> set[str]:
    return set(re.findall(r"^  (\w+) \[label=", dot, flags=re.MULTILINE))


def test_circuit_halves_draw_the_cell_update_or_the_output(trace):
    s = step_values(trace, t=5, unit=3, peepholes=True)
    cell, output, whole = (circuit_dot(s, part) for part in ("cell", "output", "whole"))
    assert all(is_balanced_dot(dot) for dot in (cell, output, whole))
    assert _drawn_nodes(cell) == {"c_prev", "x", "y_prev", "f", "z", "i", "mul_f", "mul_i", "add", "c"}
    assert _drawn_nodes(output) == {"c", "x", "y_prev", "o", "h", "mul_o", "y"}
    assert _drawn_nodes(cell) | _drawn_nodes(output) == _drawn_nodes(whole)
    assert "(cell update)" in cell and "(output)" in output and "Electronic circuit:" in whole
    for dot in (cell, output):  # no arrow to a node the half leaves out
        for a, b in re.findall(r"^  (\w+) -> (\w+)", dot, flags=re.MULTILINE):
            assert {a, b} <= _drawn_nodes(dot), (a, b)
    assert dot_peepholes(cell) == {("c_prev", "i"), ("c_prev", "f")} and dot_peepholes(output) == {("c", "o")}
    with pytest.raises(ValueError, match="part"):
        circuit_dot(s, "gates")


def dot_peepholes(dot: str) -> set[tuple[str, str]]:
    return {(a, b) for a, b, attrs in re.findall(r"^  (\w+) -> (\w+) \[(.*)\];$", dot, flags=re.MULTILINE)
            if PEEPHOLE in attrs}


def test_each_circuit_half_fits_a_talk_scene_at_projector_text(trace):
    """Laid out by dot: either half is short enough to sit whole under a talk scene's title on a
    1024 × 768 screen, narrower than the column, with every label at 14 pt (18.7 px)."""
    from tests.ui.simple_rnn.dot_layout import COLUMN_PT, PROJECTOR_PT, SCENE_HEIGHT_PT, svg_size

    wide = StepValues(t=500, unit=32, x=(-0.5, -0.25, 0.125, -0.875, 0.5), y_prev=-0.123, c_prev=-12.345,
                      z=-0.3, i=0.4, f=0.6, o=0.5, c=-10.9, y=-0.345, peepholes=True, pinned={"f": 1.0})
    for part in ("cell", "output"):
        width, height, fonts = svg_size(circuit_dot(wide, part))
        assert width <= COLUMN_PT and height <= SCENE_HEIGHT_PT, (part, width, height)
        assert min(fonts) >= PROJECTOR_PT, part
    assert svg_size(circuit_dot(wide, "whole"))[1] > SCENE_HEIGHT_PT  # why the halves exist
