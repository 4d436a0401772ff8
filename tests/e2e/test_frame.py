"""The frame in a real browser: a deep link with junk, presenter mode, navigation."""

import pytest

from tests.e2e.conftest import assert_no_errors, open_page, view_link_text, wait_for_app

pytestmark = pytest.mark.e2e


def test_junk_link_shows_a_note_not_a_traceback(app_server, page):
    open_page(page, app_server, "/?seed=abc")
    assert_no_errors(page)
    assert "seed=abc" in page.get_by_test_id("stAlert").first.inner_text()


def test_junk_in_a_control_the_page_does_not_draw_is_named_and_leaves_the_address_bar(app_server, page):
    """At T = 1 the simple RNN draws no t or k slider; their junk is still named (where the slider would be,
    as its section is drawn) and leaves the address bar."""
    open_page(page, app_server, "/simple_rnn?seq_len=-5&t=-5&k=-5")
    assert_no_errors(page)
    notes = " ".join(page.get_by_test_id("stAlert").all_text_contents())
    for key in ("seq_len", "t", "k"):
        assert f"{key}=-5 in the link is below the smallest value 1" in notes
    page.wait_for_url(lambda url: "t=" not in url and "k=" not in url)


def test_presenter_mode_collapses_sidebar_and_keeps_navigation(app_server, page):
    open_page(page, app_server, "/?present=1")
    assert_no_errors(page)
    assert page.get_by_test_id("stSidebar").get_attribute("data-collapsed") == "true"
    assert "present=1" in page.url  # the link keeps presenter mode as the contract's 1
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")
    assert float(font.rstrip("px")) > 40
    page.get_by_text("Pages").first.click()
    page.get_by_test_id("stMain").get_by_test_id("stPageLink").filter(has_text="Spiky cubes").first.click()
    page.wait_for_url("**/curse_of_dimensionality**")
    wait_for_app(page)
    assert_no_errors(page)
    assert "present=1" in page.url
    assert page.get_by_test_id("stSidebar").get_attribute("data-collapsed") == "true"


def _seed(page) -> str:
    return page.locator(".st-key-seed input").input_value()


def test_seed_and_slider_values_survive_page_switches(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality?dim=500&seed=7")
    assert _seed(page) == "7"
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stPageLink").filter(has_text="A brief history").first.click()
    page.wait_for_url("**/history**")
    wait_for_app(page)
    assert_no_errors(page)
    assert _seed(page) == "7"  # not reset to the input's minimum by the switch
    assert "seed=7" in view_link_text(page)
    sidebar.get_by_test_id("stPageLink").filter(has_text="Spiky cubes").first.click()
    page.wait_for_url("**/curse_of_dimensionality**")
    wait_for_app(page)
    assert _seed(page) == "7"
    assert page.locator('.st-key-dim input[type="range"]').first.get_attribute("aria-valuetext") == "500"


def test_a_page_opened_from_the_menu_starts_from_its_own_defaults(app_server, page):
    open_page(page, app_server, "/rnn_prerequisites?seq_len=100")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stPageLink").filter(has_text="Simple RNN").first.click()
    page.wait_for_url("**/simple_rnn**")
    wait_for_app(page)
    assert_no_errors(page)
    assert "seq_len" not in page.url  # the other page's sequence length does not leak in
    assert page.locator('.st-key-seq_len input[type="range"]').first.get_attribute("aria-valuetext") == "20"


def test_values_at_a_widgets_minimum_stay_in_the_link(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality?dim=1&bins=2")
    assert_no_errors(page)
    link = view_link_text(page)
    assert "dim=1" in link and "bins=2" in link


@pytest.mark.parametrize("path", ["/", "/curse_of_dimensionality", "/rnn_prerequisites", "/simple_rnn", "/history",
                                  "/lstm_forward", "/lstm_backprop"])
def test_pages_load_nothing_from_the_internet(app_server, page, path):
    """A lecture hall may have no internet: every request (tab icon, fonts, charts) stays on the server."""
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(app_server) and not request.url.startswith(("data:", "blob:"))
            else None)
    open_page(page, app_server, path)
    assert_no_errors(page)
    assert outside == []


def test_presenter_mode_keeps_every_choice_visible_on_a_1024_projector(app_server, browser):
    """At 1024 px and presenter type a row of choices wraps instead of hiding its last option."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    try:
        open_page(page, app_server, "/lstm_forward?present=1")
        group = page.locator(".st-key-pin [role=radiogroup]")
        last = group.get_by_role("radio").last
        box, edge = last.bounding_box(), group.bounding_box()
        assert box["x"] + box["width"] <= edge["x"] + edge["width"] + 1  # "all 0" is inside, not scrolled away
    finally:
        context.close()


# The first canvas chart's pixels (a chart on a canvas keeps the fonts it was painted in)
PIXELS = """document.querySelector('[data-testid="stVegaLiteChart"] canvas')?.toDataURL()"""


def test_a_canvas_chart_painted_before_the_page_font_arrives_is_painted_again_when_it_does(app_server, page):
    """On a slow line the charts can be painted before Source Sans has arrived, in a fallback face; when it
    arrives, they are painted again (``assets/chart_fonts.js``). Here the font is held back until the page is
    drawn."""
    held = []
    page.route("**/SourceSans*.woff2", lambda route: held.append(route))
    page.goto(app_server + "/curse_of_dimensionality", wait_until="commit")
    wait_for_app(page)
    page.wait_for_function(f"() => ({PIXELS} || '').length > 1000")
    page.wait_for_timeout(1000)  # the page as a slow line leaves it: its charts painted, its font not here
    assert held and page.evaluate("document.fonts.status") == "loading"
    page.evaluate(f"() => {{ window.__painted = {PIXELS}; }}")
    for route in held:
        route.continue_()
    page.unroute("**/SourceSans*.woff2")
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_function(f"() => {PIXELS} !== window.__painted", timeout=5000)
    assert_no_errors(page)
