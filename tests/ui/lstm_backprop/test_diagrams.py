"""The graph of one LSTM step (ui/lstm_backprop/diagrams.py) drawn whole or in halves."""

from __future__ import annotations

import re

import pytest

from tests.ui.simple_rnn.dot_layout import COLUMN_PT, PROJECTOR_PT, SCENE_HEIGHT_PT, svg_size
from ui.lstm_backprop import diagrams

NUMBERS = {"dy": -0.351, "dc": -0.177, "do": -1.23e-5, "df": 0.0456, "di": -0.0789, "dz": 0.0321, "Delta": -0.33,
           "dy_prev": 1.5e-5, "dc_prev": -0.123}


def drawn(dot: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The nodes and the visible arrows of a DOT string."""
    nodes = set(re.findall(r"^  (\w+) \[label=", dot, flags=re.MULTILINE))
    arrows = {(a, b) for a, b, attrs in re.findall(r"^  (\w+) -> (\w+) \[(.*)\];$", dot, flags=re.MULTILINE)
              if "invis" not in attrs}
    return nodes, arrows


def test_the_halves_meet_at_the_cell_and_together_make_the_step():
    whole_nodes, whole_arrows = drawn(diagrams.step_graph_dot("c_prev", NUMBERS, part="whole"))
    cell_nodes, cell_arrows = drawn(diagrams.step_graph_dot("c_prev", NUMBERS, part="cell"))
    gate_nodes, gate_arrows = drawn(diagrams.step_graph_dot("c_prev", NUMBERS, part="gates"))
    assert whole_nodes == set(diagrams.NODES) and len(whole_arrows) == len(diagrams.EDGES)
    assert cell_nodes & gate_nodes == {"c", "o_bar"}  # the cell, and the output gate's input it peeps into
    assert {"loss", "next", "y"} <= cell_nodes and {"x", "y_prev", "params", "c_prev"} <= gate_nodes
    assert cell_arrows | gate_arrows | {("o_bar", "o")} == whole_arrows  # σ′(ō) joins the halves: in neither
    for nodes, arrows in ((cell_nodes, cell_arrows), (gate_nodes, gate_arrows)):
        assert all({a, b} <= nodes for a, b in arrows)


@pytest.mark.parametrize("source", list(diagrams.SOURCES))
def test_a_half_highlights_the_same_arrows_as_the_whole(source):
    def hot(dot: str) -> set[tuple[str, str]]:
        return {(a, b) for a, b in re.findall(rf'^  (\w+) -> (\w+) \[.*color="{diagrams.HIGHLIGHT}"', dot,
                                                flags=re.MULTILINE)}

    whole = hot(diagrams.step_graph_dot(source, NUMBERS))
    for part in ("cell", "gates"):
        nodes, _ = drawn(diagrams.step_graph_dot(source, NUMBERS, part=part))
        assert hot(diagrams.step_graph_dot(source, NUMBERS, part=part)) == {(a, b) for a, b in whole
                                                                              if {a, b} <= nodes}
    with pytest.raises(ValueError, match="part"):
        diagrams.step_graph_dot(source, NUMBERS, part="top")


def test_each_half_fits_a_talk_scene_at_projector_text():
    """Laid out by dot: each half sits whole under a talk scene's title on a 1024 × 768 screen at 14 pt
    (the whole step does not), narrower than the column."""
    for part in ("cell", "gates"):
        width, height, fonts = svg_size(diagrams.step_graph_dot("y_prev", NUMBERS, unit=4, t=8, part=part))
        assert width <= COLUMN_PT and height <= SCENE_HEIGHT_PT, (part, width, height)
        assert min(fonts) >= PROJECTOR_PT, part
    assert svg_size(diagrams.step_graph_dot("y_prev", NUMBERS, unit=4, t=8))[1] > SCENE_HEIGHT_PT
