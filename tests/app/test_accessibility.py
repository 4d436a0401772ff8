"""Text alternatives: every chart and diagram of every page has an accessible name that says what it shows.

Streamlit passes a chart's ``alt`` to the browser as the aria-label of its figure (a screen reader reads
it instead of the axis ticks); ``present.show_chart``, ``plain_chart`` and ``diagram`` require one. This
checks the protos each page sends, on a laptop and in presenter mode, and that the names carry the
view's numbers (they change when a control moves).
"""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, run_page, spoken_descriptions
from tests.conftest import ROOT

PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.stem != "__init__")
MIN_WORDS = 6  # "Chart." or a bare title is not a text alternative


def figures(at) -> list:
    """Every Vega-Lite chart and Graphviz diagram the run drew, as protos."""
    kinds = ("vega_lite_chart", "arrow_vega_lite_chart", "graphviz_chart")
    return [element.proto for kind in kinds for element in at.get(kind)]


def names(at) -> list[str]:
    return [proto.alt for proto in figures(at)]


@pytest.mark.parametrize("present", ["0", "1"])
@pytest.mark.parametrize("page", PAGES)
def test_every_figure_has_a_text_alternative(page, present):
    at = run_page(f"pages/{page}", {"present": present})
    assert_clean(at)
    found = names(at)
    assert found, f"{page} drew no chart or diagram"
    short = [name for name in found if len(name.split()) < MIN_WORDS]
    assert not short, f"{page}: figures without a real text alternative: {short}"
    repeated = {name for name in found if found.count(name) > 1}
    assert not repeated, f"{page}: two figures share one description: {repeated}"


@pytest.mark.parametrize(("page", "query_a", "query_b"), [
    ("curse_of_dimensionality.py", {"dim": "10"}, {"dim": "400"}),
    ("simple_rnn.py", {"seq_len": "8"}, {"seq_len": "30"}),
    ("lstm_forward.py", {"t": "2"}, {"t": "9"}),
])
def test_the_descriptions_follow_the_controls(page, query_a, query_b):
    """A moved control changes the numbers a screen reader hears, as it changes the drawing."""
    first, second = names(run_page(f"pages/{page}", query_a)), names(run_page(f"pages/{page}", query_b))
    assert len(first) == len(second)
    assert first != second


def test_a_chart_with_a_steady_name_says_its_numbers_in_its_caption():
    """The curse page's D moves fourteen charts only through their data (the opening figure's and thirteen of
    the sections'; the grids' controls move four more): their accessible name stays (so the browser updates
    them in place), and the live description with D's numbers follows in the caption, for screen readers."""
    low, high = (run_page("pages/curse_of_dimensionality.py", {"dim": d}) for d in ("10", "400"))
    steady = [name for name in names(low) if name in names(high)]
    said_low, said_high = (spoken_descriptions(at, opening=True) for at in (low, high))
    assert len(said_low) == len(said_high) == 18
    assert all(len(name.split()) >= MIN_WORDS for name in steady) and len(steady) >= 18
    moved = [a != b for a, b in zip(said_low, said_high, strict=True)]
    assert sum(moved) >= 14  # those D moves carry D's numbers (the grids' four follow b, N and F)
    assert said_low[0].startswith("At the slider's D = 10: ") and "D = 400" in said_high[0]
    assert any("D = 10" in s for s in said_low) and any("400" in s for s in said_high)
