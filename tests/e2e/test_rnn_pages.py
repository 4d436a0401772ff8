"""The RNN pages in a real browser: keyboard on the seq_len slider redraws the unfolded diagrams."""

import pytest

from tests.e2e.conftest import assert_no_errors, open_page, read_down, wait_for_app
from tests.e2e.test_lstm_forward import assert_labels_read_on_a_projector
from ui.simple_rnn import sections as simple_rnn_sections

pytestmark = pytest.mark.e2e


def thumb(page, key: str):
    """The slider's thumb (streamlit 1.67 draws sliders as react-aria ``input[type=range]``)."""
    return page.locator(f'.st-key-{key} input[type="range"]')


def slider_value(page, key: str) -> str:
    return thumb(page, key).get_attribute("value")


def press_on_slider(page, key: str, keys: list[str]) -> None:
    """Press each key on the slider's thumb and let the app rerun before the next (a key pressed while the
    page reruns for the previous one can be lost when the machine is loaded)."""
    for name in keys:
        handle = thumb(page, key)
        handle.focus()
        handle.press(name)
        page.wait_for_timeout(300)
        wait_for_app(page)


def diagrams(page) -> list[str]:
    return page.locator('[data-testid="stGraphVizChart"] svg').evaluate_all(
        "nodes => nodes.map(n => n.textContent)")


def task_diagrams(page) -> list[str]:
    """The six task diagrams (not section 1's semantic-vector diagram)."""
    return [text for text in diagrams(page) if "semantic vector" not in text]


def test_simple_rnn_keyboard_shortens_the_unfolded_network(app_server, page):
    open_page(page, app_server, "/simple_rnn?seq_len=12")
    assert_no_errors(page)
    assert slider_value(page, "seq_len") == "12"
    before = diagrams(page)
    assert any("h₁₂" in text for text in before)  # the window of steps around t = T = 12
    press_on_slider(page, "seq_len", ["ArrowLeft", "ArrowLeft"])
    assert_no_errors(page)
    assert slider_value(page, "seq_len") == "10"
    read_down(page, simple_rnn_sections.IN_VIEW.reads)
    after = diagrams(page)
    assert after != before and not any("h₁₂" in text for text in after) and any("h₁₀" in text for text in after)
    assert thumb(page, "t").get_attribute("max") == "10"
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 6
    # the diagrams' accessible names (what a screen reader says) follow the slider too
    names = page.locator('[role="figure"][aria-label^="The RNN unfolded"]').evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('aria-label'))")
    assert any("unfolded over 10 steps" in name and "step 10 highlighted" in name for name in names), names


def test_prerequisites_task_diagrams_keep_their_examples_length_when_the_window_moves(app_server, page):
    """The weather window's slider redraws the windows, not the six task diagrams: each is unfolded
    over its own example ("this film was great fun": five steps), never over 576 steps."""
    open_page(page, app_server, "/rnn_prerequisites")
    assert_no_errors(page)
    before = task_diagrams(page)
    assert len(before) == 6 and not any("x576" in text or "⋯" in text for text in before)
    assert any("fun" in text and "x5" in text and "x6" not in text for text in before)  # sentiment
    press_on_slider(page, "seq_len", ["ArrowRight"])
    assert_no_errors(page)
    assert slider_value(page, "seq_len") == "577"
    assert task_diagrams(page) == before


# Scroll regions of the page's own content: formulas and boxes that scroll sideways (a table scrolls in its
# own focusable grid, which a keyboard reaches).
OVERFLOWING = """() => [...document.querySelectorAll('main *')]
    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .filter(e => !e.closest('[data-testid="stDataFrame"]'))
    .map(e => e.className + ': ' + e.textContent.slice(0, 60))"""


@pytest.mark.parametrize(("width", "height", "query"), [(1400, 1000, ""), (1024, 768, "&present=1")])
@pytest.mark.parametrize("steps", ["seq_len=3", "seq_len=864&stride=1"])
def test_prerequisites_diagrams_and_formulas_fit_without_scrolling(app_server, page, width, height, query, steps):
    """No task diagram's bordered box and no formula becomes a scroll region (a keyboard cannot reach
    its hidden part), with the narrowest diagrams (3 steps, drawn at their own width) or the longest."""
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_server, f"/rnn_prerequisites?{steps}{query}")
    assert_no_errors(page)
    assert page.evaluate(OVERFLOWING) == []


@pytest.mark.parametrize(("width", "height", "query"), [(1400, 1000, ""), (1024, 768, "&present=1")])
def test_simple_rnn_formulas_fit_without_scrolling(app_server, page, width, height, query):
    """The one-step-back formulas (the Jacobian, its transpose on the error, "not the error"), the W^(t)
    sum and the rest: none becomes a scroll region, with 32 hidden units and long numbers."""
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_server, f"/simple_rnn?seq_len=200&hidden=32&rho=2.5&t=137{query}")
    assert_no_errors(page)
    assert page.evaluate(OVERFLOWING) == []


# Each diagram's right edge against the column it sits in.
RIGHT_EDGES = """els => els.map(e => [e.getBoundingClientRect().right,
    e.closest('[data-testid="stVerticalBlock"]').getBoundingClientRect().right])"""


@pytest.mark.parametrize("query", ["seq_len=20", "seq_len=200&hidden=32&t=137&k=60"])
def test_every_simple_rnn_diagram_label_reads_on_a_projector(app_server, page, query):
    """Presenter mode at 1024 × 768: every diagram of the page (the opening figure's unfolded network, the dense
    layer, the neurons, the folded and unfolded network, the split neuron, the backward window) keeps its labels
    at 18 px or more and stays inside its column, with a short sequence and with a long one (t and the window
    mid-sequence)."""
    assert_labels_read_on_a_projector(page, app_server, f"/simple_rnn?present=1&{query}", 8)
    for right, column in page.locator('[data-testid="stGraphVizChart"] svg').evaluate_all(RIGHT_EDGES):
        assert right <= column + 1, (right, column)
