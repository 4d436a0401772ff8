"""The RNN pages in a real browser: keyboard on the seq_len slider redraws the unfolded diagrams."""

import pytest

from tests.e2e.conftest import assert_no_errors, open_page, wait_for_app

pytestmark = pytest.mark.e2e


def thumb(page, key: str):
    """The slider's thumb (streamlit 1.67 draws sliders as react-aria ``input[type=range]``)."""
    return page.locator(f'.st-key-{key} input[type="range"]')


def slider_value(page, key: str) -> str:
    return thumb(page, key).get_attribute("value")


def press_on_slider(page, key: str, keys: list[str]) -> None:
    handle = thumb(page, key)
    handle.focus()
    for name in keys:
        handle.press(name)
    page.wait_for_timeout(300)
    wait_for_app(page)


def diagrams(page) -> list[str]:
    return page.locator('[data-testid="stGraphVizChart"] svg').evaluate_all(
        "nodes => nodes.map(n => n.textContent)")


def test_simple_rnn_keyboard_shortens_the_unfolded_network(app_server, page):
    open_page(page, app_server, "/simple_rnn?seq_len=12")
    assert_no_errors(page)
    assert slider_value(page, "seq_len") == "12"
    before = diagrams(page)
    assert any("h12" in text for text in before)
    press_on_slider(page, "seq_len", ["ArrowLeft", "ArrowLeft"])
    assert_no_errors(page)
    assert slider_value(page, "seq_len") == "10"
    after = diagrams(page)
    assert after != before and not any("h12" in text for text in after)
    assert thumb(page, "t").get_attribute("max") == "10"
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 6


def test_prerequisites_keyboard_adds_a_step_to_every_task_diagram(app_server, page):
    open_page(page, app_server, "/rnn_prerequisites?seq_len=5")
    assert_no_errors(page)
    before = diagrams(page)
    assert len(before) == 6 and not any("x6" in text for text in before)
    press_on_slider(page, "seq_len", ["ArrowRight"])
    assert_no_errors(page)
    assert slider_value(page, "seq_len") == "6"
    after = diagrams(page)
    assert sum("x6" in text for text in after) >= 4  # every diagram with inputs at each step
