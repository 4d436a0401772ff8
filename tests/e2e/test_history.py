"""The history page in a real browser: click an event, filter and search, train XOR with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    RUN_LOG,
    assert_no_errors,
    logged_runs,
    open_page,
    press_on_slider,
    slider_thumb,
    wait_for_app,
    wait_for_link,
)
from tests.e2e.test_rnn_prerequisites import cut_texts
from ui.history import text as ht

pytestmark = pytest.mark.e2e

POINTS = '.st-key-timeline svg.marks path[aria-label*="event: "]'  # Vega's SVG gives each point a label


def _point(page, title_part: str):
    return page.locator(f'.st-key-timeline svg.marks path[aria-label*="event: {title_part}"]').first


def _metric(page, label_start: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text=label_start)
    return metric.get_by_test_id("stMetricValue").inner_text()


def test_clicking_an_event_shows_its_details_and_puts_it_in_the_link(app_server, page):
    open_page(page, app_server, "/history")
    details = page.locator(".st-key-event_details")
    expect(details).to_contain_text("Click a point on the timeline")
    _point(page, "Hochreiter & Schmidhuber").click(force=True)
    expect(details).to_contain_text("Long Short-Term Memory", timeout=30_000)
    expect(details).to_contain_text("Nov 1997")
    expect(details).to_contain_text("Neural Computation 9(8)")
    expect(page).to_have_url(re.compile(r"event=lstm"))
    timeline = page.locator('.st-key-timeline [aria-label^="Timeline of"]')  # its accessible name
    expect(timeline).to_have_attribute("aria-label", re.compile(r"Selected: .*Long Short-Term Memory \(Nov 1997"))
    wait_for_link(page, "event=lstm")  # the link to copy follows the click at once
    _point(page, "Vaswani").click(force=True)
    expect(details).to_contain_text("Attention is all you need", timeout=30_000)
    wait_for_link(page, "event=transformer")
    page.get_by_role("button", name="Later").click()  # step on without touching the chart
    expect(details).to_contain_text("BERT", timeout=30_000)
    expect(page).to_have_url(re.compile(r"event=bert"))
    wait_for_app(page)
    _point(page, "Vaswani").click(force=True)  # the point picked before "Later" opens again
    expect(details).to_contain_text("Attention is all you need", timeout=30_000)
    expect(page).to_have_url(re.compile(r"event=transformer"))
    assert_no_errors(page)


def test_deep_link_filters_and_selects(app_server, page):
    open_page(page, app_server, "/history?cat=Hardware&event=xbox")
    expect(page.locator(POINTS).first).to_be_attached(timeout=30_000)  # Vega draws after the app is idle
    labels = page.locator(POINTS).evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert len(labels) >= 5
    assert all("category: Hardware" in label for label in labels)
    expect(page.locator(".st-key-event_details")).to_contain_text("NV2A")
    assert_no_errors(page)


def test_category_click_writes_a_link_that_reopens_the_same_view(app_server, page):
    open_page(page, app_server, "/history")
    page.locator(".st-key-cat button", has_text="Theory & critique").click()
    expect(page).to_have_url(re.compile(r"cat=Theory(\+|%20)%26(\+|%20)critique"), timeout=30_000)
    wait_for_app(page)
    page.goto(page.url)
    wait_for_app(page)
    expect(page.locator(POINTS).first).to_be_attached(timeout=30_000)  # Vega draws after the app is idle
    labels = page.locator(POINTS).evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert labels and all("category: Theory & critique" in label for label in labels)  # the filter's name
    assert page.get_by_test_id("stAlert").count() == 0, "the link's value is valid: no note"
    assert_no_errors(page)


def test_search_box_narrows_the_timeline(app_server, page):
    open_page(page, app_server, "/history")
    before = page.locator(POINTS).count()
    box = page.locator(".st-key-q input")
    box.fill("GeForce")
    box.press("Enter")
    wait_for_app(page)
    expect(page.locator(POINTS)).not_to_have_count(before, timeout=30_000)
    labels = page.locator(POINTS).evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert 1 <= len(labels) < before
    box.fill("%%%")
    box.press("Enter")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlert").filter(has_text="Search ignored")).to_be_visible(timeout=30_000)
    assert_no_errors(page)


def test_fewer_hidden_units_by_keyboard_retrains_the_net(app_server, page):
    open_page(page, app_server, "/history")
    assert _metric(page, "Two-layer net") == "100% right"
    for units in (3, 2, 1):  # 4 → 1: one tanh unit fails. One key at a time, each once the server has
        press_on_slider(page, "hidden", "ArrowLeft")  # run with the last (a press mid-rerun can be lost)
        expect(slider_thumb(page, "hidden")).to_have_attribute("aria-valuetext", str(units), timeout=30_000)
        wait_for_link(page, f"hidden={units}", timeout_ms=30_000)
        wait_for_app(page)
    metric = page.get_by_test_id("stMetric").filter(has_text="Two-layer net").get_by_test_id("stMetricValue")
    expect(metric).not_to_have_text("100% right", timeout=30_000)
    assert int(metric.inner_text().split("%")[0]) <= 75
    assert_no_errors(page)


def _in_viewport(page, locator) -> bool:
    box, view = locator.bounding_box(), page.viewport_size
    return (box is not None and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= view["height"] + 1
            and box["x"] + box["width"] <= view["width"] + 1)


@pytest.mark.parametrize(("size", "path"), [((1024, 768), "/history?present=1"), ((1400, 1000), "/history")])
def test_a_clicked_event_opens_its_card_in_view(app_server, page, size, path):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, app_server, path)
    labels = page.locator(".st-key-timeline svg.marks text").evaluate_all("els => els.map(e => e.textContent)")
    assert {"Perceptron", "Minsky & Papert", "Backprop", "LSTM", "AlexNet"} <= set(labels)  # named on the chart
    boxes = page.locator(".st-key-timeline svg.marks text").evaluate_all(
        """els => els.filter(e => e.getAttribute('font-weight') === 'bold').map(e => {
             const r = e.getBoundingClientRect();
             return [r.left, r.top, r.right, r.bottom, parseFloat(getComputedStyle(e).fontSize)]; })""")
    assert len(boxes) == len(ht.KEY_EVENTS) and all(box[4] >= 18 for box in boxes)  # readable on a projector
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]  # no two labels overlap
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    point = _point(page, "Rumelhart, Hinton & Williams")
    point.scroll_into_view_if_needed()
    point.click(force=True)
    details = page.locator(".st-key-event_details")
    expect(details).to_contain_text("Learning representations by back-propagating errors", timeout=30_000)
    wait_for_app(page)
    page.wait_for_function(  # the card has been scrolled to and has stopped moving
        """() => { const r = document.querySelector('.st-key-event_details').getBoundingClientRect();
                   return r.bottom <= window.innerHeight + 1 && r.top >= 0; }""", timeout=10_000)
    assert _in_viewport(page, details)
    assert_no_errors(page)


def test_no_metric_label_or_button_text_is_cut_on_a_projector(app_server, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    open_page(page, app_server, "/history?present=1")
    page.locator(".st-key-depth").scroll_into_view_if_needed()  # every section drawn
    wait_for_app(page)
    assert page.get_by_test_id("stMetric").count() >= 2
    assert cut_texts(page) == []


def test_the_depth_is_answered_in_the_browser_and_the_link_follows(app_server, page):
    open_page(page, app_server, "/history?depth=10")
    page.locator(".st-key-depth").scroll_into_view_if_needed()  # the section drawn
    wait_for_app(page)
    shown = page.locator(".browser-frame:visible")
    expect(shown).to_have_count(2)  # the caption and the formula's live line of one depth
    expect(shown.first).to_contain_text("each of the 9 steps", timeout=30_000)
    RUN_LOG.write_text("")
    press_on_slider(page, "depth", "ArrowRight", "ArrowRight", "ArrowRight")
    expect(page).to_have_url(re.compile(r"depth=13"))
    expect(shown.first).to_contain_text("each of the 12 steps")
    expect(shown.nth(1)).to_contain_text("n = 13 layers")
    # the chart's parameter (its hidden input): the chart draws depth 13
    expect(page.locator('.vega-bindings input[name="browser_depth"]')).to_have_value("13")
    page.wait_for_timeout(500)
    assert logged_runs() == []  # three moves, no run of any section
    assert "depth=13" in wait_for_link(page, "depth=13")  # opening the link asked the server for the new depth
    assert any(name.endswith(".vanishing_gradient") for name in logged_runs())
    expect(shown.first).to_contain_text("each of the 12 steps")  # the server's run drew the same depth
    assert_no_errors(page)
