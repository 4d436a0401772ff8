"""The two LSTM block diagrams (ui/lstm_forward/diagrams.py): DOT strings drawn from the engine's numbers."""

from __future__ import annotations

import re

import numpy as np
import pytest

from engine.lstm import init_lstm, lstm_forward
from ui.kit.colors import value_color
from ui.lstm_forward.diagrams import PEEPHOLE, StepValues, _fmt, circuit_dot, odyssey_dot, step_values


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
    assert on.count("style=dashed") == 3
    assert sum(PEEPHOLE in line for line in on.splitlines() if " -> " in line) == 3
    assert "style=dashed" not in off and PEEPHOLE not in off and "peephole" not in off


def test_pinned_gate_is_dashed_and_labelled():
    pinned = lstm_forward(init_lstm(1, 1, seed=0), np.ones((2, 1)), pin={"f": 1.0, "o": 0.0})
    dot = circuit_dot(step_values(pinned, 2, 1, peepholes=False))
    assert "f = 1.000 (pinned)" in node_attrs(dot, "f") and "dashed" in node_attrs(dot, "f")
    assert "o = 0.000 (pinned)" in node_attrs(dot, "o")
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
