"""Words and equations of the LSTM forward page (ui/lstm_forward/text.py): the six equations with one
unit's numbers, and the captions that follow the run."""

from __future__ import annotations

import numpy as np
import pytest

from engine.lstm import init_lstm, lstm_forward
from ui.kit.numbers import latex_term
from ui.lstm_forward import data, text
from ui.lstm_forward.text import gate_terms, step_latex


@pytest.fixture(scope="module")
def run():
    params = init_lstm(2, 3, seed=5)
    x = np.sin(np.arange(14.0))[:, None] * np.array([1.0, -0.5])  # (T, M) = (14, 2)
    return params, lstm_forward(params, x)


@pytest.mark.parametrize("t", [1, 2, 14])
def test_gate_terms_add_up_to_the_engine_pre_activations(run, t):
    params, trace = run
    for unit in (1, 3):
        terms = gate_terms(params, trace, t, unit)
        for gate in "zifo":
            assert terms[gate].total == pytest.approx(getattr(trace, f"{gate}_bar")[t - 1, unit - 1], abs=1e-12)
        assert terms["z"].pc == 0.0


def test_step_latex_shows_the_numbers_of_the_chosen_unit(run):
    params, trace = run
    latex = step_latex(params, trace, 4, 2)
    assert latex.startswith("\\begin{aligned}") and latex.count("\\\\[6pt]") == 5  # six equations
    assert latex.count("\\\\") == 11  # two lines each: symbols, then numbers
    for gate in "zifocy":
        assert latex_term(getattr(trace, gate)[3, 1], first=True) in latex
    assert "p_i \\odot c_{t-1}" in latex and "pinned" not in latex


def test_step_latex_without_peepholes_and_with_pinned_gates():
    params = init_lstm(1, 2, seed=1, peepholes=False)
    trace = lstm_forward(params, np.ones((3, 1)), pin={"f": 1.0})
    latex = step_latex(params, trace, 2, 1)
    assert "p_i" not in latex and "p_o" not in latex
    assert "f_t &= 1.000 \\quad \\text{(pinned)}" in latex and "would be" in latex


def test_terms_in_sums_put_negatives_in_parentheses_and_never_show_a_negative_zero():
    assert latex_term(-0.25) == "(-0.250)" and latex_term(-0.25, first=True) == "-0.250"
    assert latex_term(0.5) == "0.500"
    assert latex_term(-0.0) == "0.000" and latex_term(-0.0002) == "0.000"


@pytest.mark.parametrize(("reach", "says"), [(0.4, "stays within ±0.40"), (1.0, "stays within ±1.00"),
                                             (2.345, "reaches ±2.35, outside [−1, 1]")])
def test_cell_caption_says_how_far_the_cell_went(reach, says):
    caption = text.cell_caption(reach)
    assert says in caption
    assert ("pin the gates" in caption) == (reach <= 1)  # a hint only when there is nothing to see yet


def test_captions_that_follow_the_controls():
    assert text.sequence_idea(1, 1) == "The one step; the dashed line marks t = 1."
    assert text.sequence_idea(30, 7).startswith("All 30 steps at once") and "t = 7" in text.sequence_idea(30, 7)
    assert "peepholes" in text.circuit_caption(True) and "peephole" not in text.circuit_caption(False)
    assert "T = 8" in text.typed_length(8)
    assert "t = 4, unit 2" in text.equations_lead(4, 2)
    note = text.binning_note(3, 500, 32)
    assert "averages 3 steps" in note and "500 steps × 32 units" in note


def test_every_source_and_pin_has_words():
    assert set(text.SOURCE_LABELS) == set(data.SOURCES)
    assert set(text.PINNED) == set(data.PINS) - {"free"}
    assert set(text.GATE_CAPTIONS) == set(data.GATES)


def test_the_peephole_note_says_they_come_later_and_from_whom():
    off, on = text.peephole_note(False), text.peephole_note(True)
    assert "as the article introduces it" in off and "Gers & Schmidhuber's (2000)" in off
    assert "Peepholes on" in on and "adds last" in on and "Gers & Schmidhuber" in text.PEEPHOLE_HELP


def test_the_article_s_two_ways_are_named_and_the_odyssey_caption_follows_the_peepholes():
    assert "electronic circuit" in text.TWO_WAYS and "Space Odyssey" in text.TWO_WAYS
    assert "recommends" in text.TWO_WAYS  # the article's advice: read the circuit
    assert "switch them on" in text.odyssey_caption(False)
    assert "Purple dashed lines are the peepholes" in text.odyssey_caption(True)
    assert "dashed: c_{t−1} comes from the past" in text.odyssey_caption(False)  # the forget loop
