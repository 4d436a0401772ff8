"""The sequences page on a 1024 px screen: no metric, button or table is cut short."""

import pytest

from tests.e2e.conftest import assert_no_errors, open_page

pytestmark = pytest.mark.e2e

# Text cut short by its box: Streamlit ends a metric's label or value and a button's text with "…"
# (text-overflow: ellipsis) when they do not fit, and a displayed formula wider than its column becomes
# a scroll box: either way the element's content is wider than the element.
CUT_TEXTS = """() => [...document.querySelectorAll('[data-testid="stMetricLabel"] *, '
    + '[data-testid="stMetricValue"] *, [data-testid="stMetricDelta"] *, button *, .katex-display')]
  .filter(el => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent.trim()).filter(Boolean)"""
# A table narrower than its columns scrolls sideways: the columns past its edge are out of sight.
SIDEWAYS_TABLES = """() => [...document.querySelectorAll('[data-testid="stTable"], [data-testid="stTable"] *')]
  .filter(el => el.scrollWidth > el.clientWidth + 1).length"""


def cut_texts(page) -> list[str]:
    """The metric and button texts and the formulas on the page that do not fit their box."""
    return page.evaluate(CUT_TEXTS)


@pytest.mark.parametrize("present", ["1", "0"])
def test_nothing_is_cut_at_1024(app_server, page, present):
    page.set_viewport_size({"width": 1024, "height": 768})
    open_page(page, app_server, f"/rnn_prerequisites?present={present}")
    assert page.get_by_test_id("stMetric").count() >= 7  # the dense layer's three, the order test's four
    assert page.locator(".st-key-ctc_examples button").count() >= 4
    assert cut_texts(page) == []
    page.get_by_test_id("stTable").first.scroll_into_view_if_needed()
    assert page.evaluate(SIDEWAYS_TABLES) == 0, "every column of the weather table in sight"
    assert_no_errors(page)
