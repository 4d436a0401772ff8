"""Every topic page opens on a figure: its introduction on the left, its opening figure on the right (stacked,
the figure first, on a projector), drawn from the same controls as the sections below it."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, in_opening, opening_block, run_page
from ui import present
from ui.registry import existing_pages

TOPICS = [page.stem for page in existing_pages() if page.article is not None]
FIGURES = ("vega_lite_chart", "arrow_vega_lite_chart", "graphviz_chart")


def figures(at) -> list:
    return [figure for kind in FIGURES for figure in in_opening(at, kind)]


def test_every_topic_page_is_covered():
    assert len(TOPICS) == 6


@pytest.mark.parametrize("present_mode", ["0", "1"])
@pytest.mark.parametrize("stem", TOPICS)
def test_a_topic_page_opens_on_its_figure_beside_its_introduction(stem, present_mode):
    at = run_page(f"pages/{stem}.py", {"present": present_mode})
    assert_clean(at)
    assert opening_block(at) is not None
    drawn = figures(at)
    assert drawn, f"{stem} drew no opening figure"
    names = [figure.proto.alt for figure in drawn]
    assert all(len(name.split()) >= 12 for name in names), names
    words = " ".join(str(m.value) for m in in_opening(at, "markdown"))
    assert len(words.split()) >= 40  # the introduction
    assert any("Teaches the article" in str(c.value) for c in in_opening(at, "caption"))


@pytest.mark.parametrize(("stem", "low", "high", "said_low", "said_high"), [
    ("curse_of_dimensionality", {"dim": "10"}, {"dim": "400"}, "At <b>D = 10</b>", "At <b>D = 400</b>"),
    ("lstm_forward", {"t": "2"}, {"t": "9"}, "c_{2} = f", "c_{9} = f"),
    ("simple_rnn", {"seq_len": "8"}, {"seq_len": "30"}, "over T = 8 steps", "over T = 30 steps"),
    ("rnn_prerequisites", {"seq_len": "24"}, {"seq_len": "144"}, "steps 1–24", "steps 1–144"),
])
def test_the_opening_figure_follows_the_pages_controls(stem, low, high, said_low, said_high):
    def said(query) -> str:
        at = run_page(f"pages/{stem}.py", query)
        assert_clean(at)
        kinds = ("markdown", "caption", "latex")
        return "\n".join(str(element.value) for kind in kinds for element in in_opening(at, kind))

    first, second = said(low), said(high)
    assert said_low in first and said_high not in first
    assert said_high in second and said_low not in second


def test_the_opening_figure_a_section_also_draws_says_so():
    """The simple RNN's unfolded network and the LSTM pages' charts are drawn again below: a screen reader
    hears which one is the opening's."""
    for stem in ("simple_rnn", "lstm_forward", "lstm_backprop", "history"):
        names = [figure.proto.alt for figure in figures(run_page(f"pages/{stem}.py"))]
        assert all(name.startswith(present.OPENING.strip()[:-1]) for name in names), (stem, names)
