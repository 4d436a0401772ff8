"""The curse page in a real browser: deep link, keyboard on the D slider, presenter mode."""

import pytest

from tests.e2e.conftest import (
    RUN_LOG,
    RUN_TIMEOUT_MS,
    assert_answered_in_browser,
    assert_no_errors,
    open_page,
    press_on_slider,
    read_down,
    slider_value,
    view_link_text,
    wait_for_app,
)
from ui.curse_of_dimensionality import sections as curse_sections

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.e2e


def _angle_formula(page) -> str:
    return page.locator('[data-testid="stMarkdownContainer"] .katex').filter(has_text="measured").first.inner_text()


def test_deep_link_then_keyboard_moves_dim_and_the_charts_follow(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality?dim=100")
    assert_no_errors(page)
    assert slider_value(page, "dim") == "100"
    assert page.get_by_test_id("stVegaLiteChart").count() >= 13
    before = _angle_formula(page)
    press_on_slider(page, "dim", "ArrowRight", "ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('dim') === '150'")
    expect(page.get_by_text("D = 150").first).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    assert slider_value(page, "dim") == "150"
    read_down(page, ["angles"])  # out of view at the top: redrawn as it scrolls in (ui.in_view)
    assert _angle_formula(page) != before
    link = view_link_text(page)
    assert link.endswith("/curse_of_dimensionality?dim=150")  # "copy link" reproduces this view
    assert_no_errors(page)


def test_keyboard_on_the_grids_b_moves_every_grid_part_with_no_run(app_server, page):
    """b is answered in the browser: two presses show b = 12's captions, formula and cells b^D (under the grids,
    at the slider's D) with no run of any section, the four grid charts' inputs at 12, the link in the address
    bar following; opening the view link asks the server for b = 12."""
    open_page(page, app_server, "/curse_of_dimensionality")
    assert_no_errors(page)
    shown = page.locator(".browser-frame:visible")
    expect(shown.filter(has_text="cut into 10 × 10 cells")).to_have_count(1)
    RUN_LOG.write_text("")
    press_on_slider(page, "bins", "ArrowRight", "ArrowRight")
    expect(page.locator('.st-key-bins [data-testid="stSliderThumbValue"]')).to_have_text("12")
    expect(shown.filter(has_text="cut into 12 × 12 cells")).to_have_count(1)
    expect(shown.filter(has_text="with b = 12 the grid has more cells than the N = 1,000 samples from D = 3")
           ).to_have_count(1)
    expect(shown.filter(has_text="= 144 cells")).to_have_count(1)  # the grid classifier's b^F, F = 2
    expect(shown.filter(has_text="9.1 × 1053")).to_have_count(1)  # the cells 12^50 at the slider's D = 50
    expect(shown.filter(has_text="10 × 10")).to_have_count(0)
    assert_answered_in_browser(page, "bins", "12", 4, "grids")  # the four grid charts draw b = 12
    expect(shown.filter(has_text="cut into 12 × 12 cells")).to_have_count(1)  # the server's run drew the same b
    assert_no_errors(page)


STEADY = ("5-nearest-neighbour vote as noise", "distance to the nearest face of uniform", "spread of the angle between",
          "share of a ball's volume within", "centre of uniform points of the D-ball", "random query to uniform points",
          "centre ball's diameter √D − 1 against", "centre of uniform points of the D-cube",
          "one panel for each of the article's D", "density at the slider's D", "relative contrast (d_max",
          "spread σ/μ of the distances")


def test_a_new_d_updates_the_charts_it_moves_through_their_data_in_place(app_server, page):
    """Twelve charts D changes only through their data keep their drawing (Vega updates it) instead of being
    built anew, from D = 50 to the next stop (which adds a fifth angle panel and a row to the distance
    tables), whether redrawn at once (in view) or as they scroll in; their live numbers are read out in their
    captions, for screen readers."""
    open_page(page, app_server, "/curse_of_dimensionality?dim=50")
    mark = """names => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
        .filter(e => names.some(n => (e.getAttribute('aria-label') || '').includes(n)))
        .map((e, k) => { const c = e.querySelector('canvas, svg'); if (c && !c.dataset.drawn) c.dataset.drawn = k;
                         return c ? c.dataset.drawn : null; })"""
    assert page.evaluate(mark, list(STEADY)) == [str(k) for k in range(len(STEADY))]
    said = page.locator(".sr-only").all_inner_texts()
    press_on_slider(page, "dim", "ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('dim') !== '50'")
    # the spoken numbers follow D (waited for: the link changes before the rerun has drawn anything)
    page.wait_for_function("""said => JSON.stringify([...document.querySelectorAll('.sr-only')].map(e => e.innerText))
                                      !== JSON.stringify(said)""", arg=said, timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    read_down(page, [section.__name__ for section in curse_sections.SECTIONS])
    assert not page.locator(".in-view-stale").count()
    assert page.evaluate(mark, list(STEADY)) == [str(k) for k in range(len(STEADY))], "a chart was built anew"
    assert_no_errors(page)


def test_presenter_mode_deep_link(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality?dim=500&present=1")
    assert_no_errors(page)
    assert page.get_by_test_id("stSidebar").get_attribute("data-collapsed") == "true"
    assert slider_value(page, "dim") == "500"
    assert page.get_by_test_id("stVegaLiteChart").count() >= 13


def test_junk_link_shows_a_note(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality?dim=abc&seed=-1")
    assert_no_errors(page)
    notes = " ".join(page.get_by_test_id("stAlert").all_inner_texts())
    assert "dim=abc" in notes and "seed=-1" in notes
    assert slider_value(page, "dim") == "50"


@pytest.mark.parametrize(("width", "height", "query"), [(1400, 900, ""), (1024, 768, "?present=1")])
def test_the_d_slider_stays_in_view_beside_every_section(app_server, page, width, height, query):
    """Every figure of the page moves with D: scrolled down to the last section, D is still on screen
    (a bar under the header), and moving it there changes what that section shows."""
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_server, f"/curse_of_dimensionality{query}")
    page.get_by_role("heading", name="5 · Distances").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    thumb = page.locator('.st-key-dim input[type="range"]').first
    box = thumb.bounding_box()
    assert box is not None and 0 <= box["y"] <= height / 3, box  # in the top third, not scrolled away
    before = page.get_by_text("D = 50").count()
    press_on_slider(page, "dim", "ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('dim') === '60'")
    wait_for_app(page)
    expect(page.get_by_text("D = 60").first).to_be_attached()  # the rerun may start after the URL changed
    wait_for_app(page)
    assert thumb.bounding_box()["y"] <= height / 3  # still in view after the rerun
    assert before >= 1
    assert_no_errors(page)


# Scroll regions of the page's own content: formulas and boxes that scroll sideways (a table scrolls in its
# own focusable grid, which a keyboard reaches).
OVERFLOWING = """() => [...document.querySelectorAll('main *')]
    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .filter(e => !e.closest('[data-testid="stDataFrame"]'))
    .map(e => e.className + ': ' + e.textContent.slice(0, 60))"""


@pytest.mark.parametrize(("width", "height", "query"), [(1400, 1000, ""), (1024, 768, "&present=1")])
def test_no_formula_or_block_needs_a_scroll_bar(app_server, page, width, height, query):
    """The longest numbers (D = 10,000, 20 bins, ε = 0.001) still fit the column: no formula becomes a
    scroll region a keyboard cannot reach, on a laptop or on a projector."""
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app_server, f"/curse_of_dimensionality?dim=10000&bins=20&n=10000&eps=0.001{query}")
    assert_no_errors(page)
    assert page.evaluate(OVERFLOWING) == []


# Each section's first figure and the control of its own drawn right above it (the D bar is page-wide).
SECTION_CONTROLS = [("1 · Grids", "bins"), ("2 · Spiky cubes", "cube_view"), ("3 · Pac-Man", "sampling"),
                    ("4 · Empty M&M", "eps"), ("5 · Distances", "points")]


@pytest.mark.parametrize("query", ["", "?present=1"])
def test_every_sections_figure_is_in_view_with_the_d_slider_and_its_own_control(app_server, page, query):
    """At 1400 × 900, with a section's first figure scrolled up from the bottom of the screen until it
    shows whole, the D slider (in the bar under the header) and the section's own control are on
    screen too, the control not hidden under the bar."""
    page.set_viewport_size({"width": 1400, "height": 900})
    open_page(page, app_server, f"/curse_of_dimensionality{query}")
    for title, key in SECTION_CONTROLS:
        heading = page.get_by_role("heading", name=title)
        figure = heading.locator('xpath=following::*[@data-testid="stVegaLiteChart"][1]')
        figure.evaluate("e => e.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(300)
        shown = figure.bounding_box()
        thumb = page.locator('.st-key-dim input[type="range"]').first.bounding_box()
        bar = page.locator(".st-key-dim_bar").bounding_box()
        control = page.locator(f".st-key-{key}").bounding_box()
        assert shown["y"] >= bar["y"] + bar["height"] and shown["y"] + shown["height"] <= 900 + 1, (title, shown)
        assert thumb["y"] >= 0 and thumb["y"] + thumb["height"] <= 900, (title, thumb)
        assert control["y"] >= bar["y"] + bar["height"] - 1, (title, control, bar)
    assert_no_errors(page)


# Text cut by its box: an element that clips with an ellipsis (a button's label, a metric) whose text is wider
# than it, and a button group or button that runs out of its column.
CUT_LABELS = """() => {
  const cut = [];
  const boxes = document.querySelectorAll(
    'main button [data-testid="stMarkdownContainer"], main [data-testid="stMetric"] *, main label *');
  for (const box of boxes) {
    const style = getComputedStyle(box);
    if (style.overflow === 'visible' && style.textOverflow !== 'ellipsis') continue;
    const range = document.createRange();
    range.selectNodeContents(box);
    const text = range.getBoundingClientRect().width, room = box.getBoundingClientRect().width;
    if (box.textContent.trim() && text > room + 0.5) {
      cut.push(`${box.textContent.trim()} (${text.toFixed(1)} > ${room.toFixed(1)})`);
    }
  }
  for (const group of document.querySelectorAll('main [data-testid="stButtonGroup"], main button')) {
    const column = group.closest('[data-testid="stColumn"]') || group.closest('[data-testid="stMainBlockContainer"]');
    const outer = column.getBoundingClientRect(), inner = group.getBoundingClientRect();
    if (inner.width && inner.right > outer.right + 12) {
      cut.push(`${group.textContent.trim().slice(0, 30)} runs out of its column`);
    }
  }
  return cut;
}"""


@pytest.mark.parametrize("query", ["", "&present=1"])
def test_no_button_metric_or_label_is_cut_at_1024(app_server, page, query):
    """On a 1024 px screen (laptop with its sidebar open, or projector) every button reads whole, "10,000"
    among the jumps, "CSV" under the charts, the pin and the theory switch; so do labels and metrics."""
    page.set_viewport_size({"width": 1024, "height": 768})
    open_page(page, app_server, f"/curse_of_dimensionality?dim=10000&pin=1000&bins=20&n=10000{query}")
    assert_no_errors(page)
    assert page.locator(".st-key-jump_10000 button").inner_text() == "10,000"
    assert "Pin D = 10,000" in page.locator(".st-key-pin_now").inner_text()
    assert page.evaluate(CUT_LABELS) == []
