"""The back-propagation page in a real browser: move the clip threshold with the keyboard and watch the
clipped descent and its count of clipped steps change, in the browser alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    RUN_LOG,
    RUN_TIMEOUT_MS,
    assert_answered_in_browser,
    assert_no_errors,
    open_page,
    press_on_slider,
    scroll_to_drawn,
    wait_for_app,
)

pytestmark = pytest.mark.e2e


def clipped_count(page, run: str):
    """The value of the cliff's card for ``run`` ("<n>/60": steps clipped out of 60) at the τ shown."""
    card = page.locator(".browser-frame:visible .browser-metric").filter(
        has=page.locator(".browser-metric-label", has_text=re.compile(rf"^{run}$")))
    return card.locator(".browser-metric-value")


def test_keyboard_on_the_clip_slider_moves_the_clipped_runs_with_no_run(app_server, page):
    """τ is answered in the browser: two presses show τ = 1.2's counts, line and descents without a run of
    any section, the link in the address bar follows, and opening the view link asks the server for τ = 1.2."""
    open_page(page, app_server, "/lstm_backprop?clip=1")
    assert_no_errors(page)
    page.locator(".st-key-clip").scroll_into_view_if_needed()  # far down the page: drawn when in view
    wait_for_app(page)
    expect(clipped_count(page, "norm clipping")).to_have_text("46/60", timeout=RUN_TIMEOUT_MS)
    expect(clipped_count(page, "no clipping")).to_have_text("0/60")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(6)  # the opening figure and five below

    RUN_LOG.write_text("")
    press_on_slider(page, "clip", "ArrowRight", "ArrowRight")
    expect(page.locator('.st-key-clip [data-testid="stSliderThumbValue"]')).to_have_text("1.20")
    expect(clipped_count(page, "norm clipping")).to_have_text("35/60")
    expect(clipped_count(page, "value clipping")).to_have_text("50/60")
    expect(clipped_count(page, "no clipping")).to_have_text("0/60")  # the plain run ignores τ
    expect(page.locator(".browser-frame:visible .browser-caption").first).to_contain_text("At τ = 1.2 ")
    assert_answered_in_browser(page, "clip", "1.2", 2, "cliff_clipping")  # both charts draw τ = 1.2
    expect(clipped_count(page, "norm clipping")).to_have_text("35/60")  # the server's run drew the same τ
    assert_no_errors(page)


def test_junk_link_and_presenter_mode(app_server, page):
    open_page(page, app_server, "/lstm_backprop?clip=-3&seq_len=abc&present=1")
    assert_no_errors(page)
    notes = page.get_by_test_id("stAlert").all_text_contents()  # some far below the window, not drawn yet
    assert any("clip=-3" in note for note in notes) and any("seq_len=abc" in note for note in notes)
    expect(page.get_by_test_id("stGraphVizChart").first).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="LSTM, clipped")).to_be_visible()


CUT_OFF = """m => [...m.querySelectorAll('*')].filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1
                                           && getComputedStyle(e).overflow !== 'visible').map(e => e.innerText)"""


def test_no_metric_text_is_cut_off_in_presenter_mode(app_server, page):
    # 1400 px wide with presenter mode's larger type: every metric's label, value and delta fit their box
    open_page(page, app_server, "/lstm_backprop?present=1")
    metrics = page.locator('[data-testid="stMetric"], .browser-frame:visible .browser-metric')
    page.locator(".st-key-clip").scroll_into_view_if_needed()  # the cliff's cards: drawn when in view
    expect(metrics).to_have_count(7, timeout=RUN_TIMEOUT_MS)  # three descents on the cliff, four training runs
    for metric in metrics.all():
        metric.scroll_into_view_if_needed()
        assert metric.evaluate(CUT_OFF) == [], metric.inner_text()
    assert_no_errors(page)


def test_presenter_mode_keeps_metric_values_large(app_server, page):
    open_page(page, app_server, "/lstm_backprop?present=1")
    assert_no_errors(page)
    text = page.locator('[data-testid="stMainBlockContainer"] p').first.evaluate(
        "e => getComputedStyle(e).fontSize")
    page.locator(".st-key-clip").scroll_into_view_if_needed()  # the cliff's cards: drawn when in view
    for value in ('[data-testid="stMetricValue"] p', ".browser-frame:visible .browser-metric-value"):
        size = page.locator(value).first.evaluate("e => getComputedStyle(e).fontSize")
        assert float(size.rstrip("px")) > 1.5 * float(text.rstrip("px"))  # a number read from the back row


def test_arrow_keys_step_the_chain_rule_through_time(app_server, page):
    """The ←/→ keys the home page promises on both LSTM pages: here they step the chain rule's t."""
    open_page(page, app_server, "/lstm_backprop")
    value = page.locator('.st-key-step [data-testid="stSliderThumbValue"]')
    expect(value).to_have_text("5")
    page.locator("h1").first.click()  # the page has the focus, no widget does
    page.keyboard.press("ArrowRight")
    expect(value).to_have_text("6", timeout=30_000)
    captions = page.get_by_test_id("stCaptionContainer")
    expect(captions.filter(has_text="Step t = 6, unit 1")).to_be_visible(timeout=30_000)  # the graph's
    expect(captions.filter(has_text="Unit 1, step t = 6: the diagonal entry")).to_be_visible()  # the cell Jacobian's
    wait_for_app(page)
    page.keyboard.press("ArrowLeft")
    expect(value).to_have_text("5", timeout=30_000)
    assert_no_errors(page)


PROJECTOR = {"width": 1024, "height": 768}
MIN_LABEL_PX = 18  # read from the back of a lecture hall on a 1024×768 projector
# On-screen size of each diagram text: its font size times the SVG's scale on screen.
LABEL_PX = "els => els.map(e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a)"


@pytest.mark.parametrize("query", ["", "&paths=6&path=y_prev&step=8&j=4&part=whole", "&part=gates"])
def test_every_diagram_label_reads_on_a_projector(app_server, page, query):
    """Presenter mode at 1024×768: the small chain-rule graph (up to six paths) and the graph of one LSTM
    step keep every label at 18 px or more."""
    page.set_viewport_size(PROJECTOR)
    open_page(page, app_server, f"/lstm_backprop?present=1{query}")
    assert_no_errors(page)
    charts = page.get_by_test_id("stGraphVizChart").all()
    assert len(charts) == 2
    for k, chart in enumerate(charts):
        chart.scroll_into_view_if_needed()
        labels = chart.locator("svg text").evaluate_all(LABEL_PX)
        assert labels and min(labels) >= MIN_LABEL_PX, (k, sorted(labels)[:5])


def test_hovering_the_loss_surface_reads_the_loss_there(app_server, page):
    """The surface is one image; unseen blocks over it still say w, b and L under the pointer."""
    open_page(page, app_server, "/lstm_backprop")
    chart = page.locator('[data-testid="stVegaLiteChart"][aria-label^="Loss surface"]').first
    scroll_to_drawn(chart)
    box = chart.bounding_box()  # its size; where it is, at each hover (the sections above it may still be drawn)
    readings = []
    for x, y in ((0.3, 0.3), (0.3, 0.7)):  # above the cliff and on the plain below it, away from the runs
        chart.hover(position={"x": box["width"] * x, "y": box["height"] * y})  # once it stands still
        tooltip = page.locator("#vg-tooltip-element")
        expect(tooltip).to_contain_text("loss L")
        readings.append(tooltip.inner_text())
    assert readings[0] != readings[1] and all("w" in r and "b" in r for r in readings)
    assert_no_errors(page)
