"""ui/simple_rnn/diagrams.py: DOT strings for the RNN folded and unfolded."""

from __future__ import annotations

import re

import pytest

from ui.kit import dot as kit_dot
from ui.simple_rnn import diagrams as d


def nodes(dot: str) -> set[str]:
    return set(re.findall(r"^\s+(\w+) \[label=<", dot, flags=re.M))  # drawn nodes (HTML labels)


@pytest.mark.parametrize("seq_len", [1, 3, 7, 576])
def test_unfolded_rnn_has_every_drawn_step_and_balanced_braces(seq_len):
    dot = d.unfolded_rnn_dot(seq_len, step=seq_len)
    assert dot.startswith("digraph") and dot.count("{") == dot.count("}")
    names = nodes(dot)
    for t in (1, seq_len):
        assert {f"x{t}", f"h{t}", f"o{t}", f"L{t}"} <= names
    assert ("⋯" in dot) == (seq_len > 7)
    assert f'color="{kit_dot.ACCENT}", penwidth=2.6' in dot  # the scrubbed step is highlighted


def test_backward_window_greys_states_it_does_not_reach():
    dot = d.unfolded_rnn_dot(6, backward=(6, 2))  # L_6 reaches h_6 and h_5 only
    for t in (5, 6):
        assert re.search(rf'h{t} \[label=<h<SUB>{t}</SUB>>.*fillcolor="{kit_dot.HIDDEN_FILL}"', dot)
    for t in (1, 4):
        assert re.search(rf'h{t} \[label=<h<SUB>{t}</SUB>>.*fillcolor="#f2f2f2"', dot)
    assert "h6 -> h5" in dot and "h5 -> h4" not in dot


def test_folded_rnn_has_a_self_loop():
    assert "h -> h" in d.folded_rnn_dot()


