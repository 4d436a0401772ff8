"""Text alternatives: every chart and diagram of every page has an accessible name that says what it shows.

Streamlit passes a chart's ``alt`` to the browser as the aria-label of its figure (a screen reader reads
it instead of the axis ticks); ``present.show_chart``, ``plain_chart`` and ``diagram`` require one. This
checks the protos each page sends, on a laptop and in presenter mode, and that the names carry the
view's numbers (they change when a control moves).
"""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import assert_clean, run_page, spoken_descriptions
from tests.conftest import ROOT, contrast

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
    """A moved control changes the numbers a screen reader hears, as it changes the drawing: in a figure's
    name, or, for a figure whose name stays (the curse page's, all of them), in its caption."""
    def heard(at) -> list[str]:
        return names(at) + spoken_descriptions(at, opening=True)

    first, second = heard(run_page(f"pages/{page}", query_a)), heard(run_page(f"pages/{page}", query_b))
    assert len(first) == len(second)
    assert first != second


def test_a_chart_with_a_steady_name_says_its_numbers_in_its_caption():
    """The curse page's D moves sixteen charts only through their data (the opening figure's and fifteen of
    the sections', the two pictures among them; the grids' controls move four more): their accessible name
    stays (so the browser updates them in place), and the live description with D's numbers follows in the
    caption, for screen readers."""
    low, high = (run_page("pages/curse_of_dimensionality.py", {"dim": d}) for d in ("10", "400"))
    steady = [name for name in names(low) if name in names(high)]
    said_low, said_high = (spoken_descriptions(at, opening=True) for at in (low, high))
    assert len(said_low) == len(said_high) == 20
    assert all(len(name.split()) >= MIN_WORDS for name in steady) and len(steady) >= 20
    moved = [a != b for a, b in zip(said_low, said_high, strict=True)]
    assert sum(moved) >= 16  # those D moves carry D's numbers (the grids' four follow b, N and F)
    assert said_low[0].startswith("At the slider's D = 10: ") and "D = 400" in said_high[0]
    assert any("D = 10" in s for s in said_low) and any("400" in s for s in said_high)


def contrast_on_white(color: str) -> float:
    """WCAG 2's contrast ratio of a ``#rrggbb`` colour against white."""
    return contrast(color, "#ffffff")


def test_contrast_on_white_matches_wcag_examples():
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA
    assert contrast_on_white("#808495") == pytest.approx(3.72, abs=0.01)  # Streamlit's chart labels


@pytest.mark.parametrize("page", [page for page in PAGES if page != "talk.py"])  # the deck: presenter mode only
def test_chart_labels_are_dark_enough_to_read(page):
    """On the light page every chart in Streamlit's theme names its axis, legend and panel labels and titles
    in an ink of at least 4.5:1 on white (WCAG AA for text): the theme's own grey is 3.7:1, and a canvas's
    text is out of reach of the browser's accessibility checks."""
    charts = [proto for proto in figures(run_page(f"pages/{page}")) if getattr(proto, "theme", "") == "streamlit"]
    assert charts, f"{page} drew no chart in Streamlit's theme"
    for proto in charts:
        config = json.loads(proto.spec).get("config", {})
        for part in ("axis", "legend", "header"):
            for ink in ("labelColor", "titleColor"):
                color = config.get(part, {}).get(ink)
                assert color is not None, f"{page}: a chart leaves {part}.{ink} to the theme's grey ({proto.alt})"
                assert contrast_on_white(color) >= 4.5, f"{page}: {part}.{ink} {color} ({proto.alt})"
