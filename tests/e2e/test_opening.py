"""Every topic page's first screen holds a figure: on a laptop beside the introduction, on a 1024 × 768
projector in presenter mode above it, across the width, in the presenter's type."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_errors, open_page, wait_for_app
from ui.registry import existing_pages

pytestmark = pytest.mark.e2e

TOPICS = [page.stem for page in existing_pages() if page.article is not None]
FIGURE = ('.st-key-opening :is([data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"]) '
          ':is(svg, canvas)')
SCREENS = [(1400, 1000, ""), (1024, 768, "?present=1")]


@pytest.mark.parametrize(("width", "height", "query"), SCREENS, ids=["laptop", "projector"])
def test_the_first_screen_of_every_topic_page_shows_its_figure(app_server, browser, width, height, query):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    try:
        for stem in TOPICS:
            open_page(page, app_server, f"/{stem}{query}")
            assert_no_errors(page)
            page.evaluate("window.scrollTo(0, 0)")
            figure = page.locator(FIGURE).first
            figure.wait_for(state="visible")
            box = figure.bounding_box()
            title = page.locator("h1").first.bounding_box()
            # the figure starts on the first screen with at least 200 px of it in view, and is no thumbnail
            assert box["y"] + 200 <= height, (stem, box)
            assert box["width"] >= (0.3 if not query else 0.6) * width, (stem, box)
            if query:  # on a projector, right under the title, not beside a column of large type
                assert box["y"] >= title["y"] + title["height"] - 1, (stem, box, title)
    finally:
        context.close()


def test_moving_d_redraws_the_opening_figure_with_the_sections_in_view(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality?dim=50")
    key = page.locator(".st-key-in_view_hero")
    assert "D = 50" in key.inner_text()
    page.get_by_role("button", name="400", exact=True).click()
    page.wait_for_function("() => document.querySelector('.st-key-in_view_hero').innerText.includes('D = 400')")
    assert_no_errors(page)
    assert "over 99.9% of direction pairs" in key.inner_text()


def test_the_lstm_pages_opening_figure_steps_t_from_the_first_screen(app_server, page):
    """Back and Next beside the opening figure move t: the figure's step, the link's t, and the scrubber below."""
    open_page(page, app_server, "/lstm_forward")
    hero = page.locator(".st-key-in_view_hero")
    expect(hero.get_by_text("Step t = 1")).to_be_visible()
    nxt = hero.locator(".st-key-t_also_next button").first
    assert nxt.bounding_box()["y"] < 1000  # on the first screen of a 1400 × 1000 window
    nxt.click()
    expect(hero.get_by_text("Step t = 2")).to_be_visible()
    wait_for_app(page)
    assert "t=2" in page.url
    page.locator(".st-key-t_next").scroll_into_view_if_needed()
    expect(page.locator('.st-key-t [data-testid="stSliderThumbValue"]')).to_have_text("2")
    assert_no_errors(page)


def test_on_a_projector_the_figures_back_and_next_stay_side_by_side(app_server, browser):
    """Presenter mode stacks the opening row, not the rows inside the figure: Back stays left of Next."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    try:
        open_page(page, app_server, "/lstm_forward?present=1&t=5")
        back, nxt = (page.locator(f".st-key-t_also_{side} button").first.bounding_box() for side in ("prev", "next"))
        assert abs(back["y"] - nxt["y"]) < 2 and back["x"] < nxt["x"], (back, nxt)
        assert_no_errors(page)
    finally:
        context.close()
