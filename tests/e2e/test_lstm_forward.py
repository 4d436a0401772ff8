"""The LSTM forward page in a real browser: scrub through time with the keyboard, see the numbers change."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_errors, open_page, read_down, scroll_to_drawn, wait_for_app

pytestmark = pytest.mark.e2e


def step_shown(page):
    """The value printed on the time-step slider's thumb."""
    return page.locator('.st-key-t [data-testid="stSliderThumbValue"]')


def circuit(page):
    return page.get_by_test_id("stGraphVizChart").first


def test_arrow_keys_scrub_the_time_step_and_the_numbers_follow(app_server, page):
    open_page(page, app_server, "/lstm_forward?seq_len=30&t=5")
    assert_no_errors(page)
    expect(step_shown(page)).to_have_text("5")
    expect(circuit(page)).to_contain_text("step t = 5")
    equations_before = page.get_by_test_id("stMarkdownContainer").filter(has_text="six equations").inner_text()
    katex_before = page.locator(".katex").first.inner_text()

    # focus on the page, not on a widget (the buttons' shortcuts fire), with the step's section in view, below
    # the opening figure: the diagrams are redrawn as t moves while they are in view (ui.in_view)
    page.get_by_role("heading", name="1 · Step through time").click()
    page.wait_for_function("() => (document.body.dataset.inView || '').split(',').includes('step_through_time')")
    wait_for_app(page)  # a key pressed while a run redraws the scrubber's buttons can be lost
    page.keyboard.press("ArrowRight")
    expect(step_shown(page)).to_have_text("6")
    wait_for_app(page)
    page.keyboard.press("ArrowRight")
    expect(step_shown(page)).to_have_text("7")
    wait_for_app(page)
    expect(circuit(page)).to_contain_text("step t = 7")
    assert "step t = 7" in page.get_by_test_id("stMarkdownContainer").filter(has_text="six equations").inner_text()
    assert "step t = 5" in equations_before
    assert page.locator(".katex").first.inner_text() != katex_before  # the live numbers changed

    page.keyboard.press("ArrowLeft")
    expect(step_shown(page)).to_have_text("6")
    wait_for_app(page)
    expect(circuit(page)).to_contain_text("step t = 6")
    expect(page).to_have_url(re.compile(r"[?&]t=6(&|$)"))  # the step is in the link to share
    assert_no_errors(page)


COUNT_PATH_SAMPLES = """() => {
    window.pathSamples = 0;
    const sample = SVGGeometryElement.prototype.getPointAtLength;
    SVGGeometryElement.prototype.getPointAtLength = function (...args) {
        window.pathSamples += 1;
        return sample.apply(this, args);
    };
}"""


def test_a_new_step_redraws_the_diagrams_without_morphing_them(app_server, page):
    """A new step's circuit replaces the old one: no edge is sampled pixel by pixel for a morph that
    never plays (d3-graphviz does that for every element it matches to the drawing before)."""
    open_page(page, app_server, "/lstm_forward?seq_len=12&t=3")
    page.evaluate(COUNT_PATH_SAMPLES)
    page.locator('.st-key-t input[type="range"]').focus()
    for shown in ("4", "5"):
        page.keyboard.press("ArrowRight")
        expect(step_shown(page)).to_have_text(shown)
        wait_for_app(page)
        expect(circuit(page)).to_contain_text(f"step t = {shown}")
    assert page.evaluate("window.pathSamples") == 0
    assert_no_errors(page)


WHOLE_SEQUENCE = '.st-key-in_view_whole_sequence [data-testid="stVegaLiteChart"]'  # (not the opening figure's)


def test_the_whole_sequence_charts_answer_the_pointer_and_keep_their_drawing_when_t_moves(app_server, page):
    """Pointing at the cell chart shows every unit's value at that step, drawn by the browser alone (no
    rerun); a new step moves the marker in the charts already drawn instead of building them anew."""
    open_page(page, app_server, "/lstm_forward?seq_len=20&t=3")
    charts = page.locator(WHOLE_SEQUENCE)
    expect(charts).to_have_count(7)
    kept = charts.evaluate_all("els => els.map((el, k) => { const c = el.querySelector('canvas, svg'); "
                               "c.dataset.drawn = k; return !!c; })")
    assert all(kept)
    cell = page.locator(f'{WHOLE_SEQUENCE}[aria-label*="cell c over"]').first  # its name is on the chart's box
    scroll_to_drawn(cell)
    page.wait_for_timeout(400)  # the scroll reaches the watcher of what is in view, whose report may start a run
    wait_for_app(page)
    cell.hover()  # its centre, once it stands still (the sections above it may still be drawn)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("step t")
    expect(tooltip).to_contain_text("unit 4")
    assert page.get_by_test_id("stApp").get_attribute("data-test-script-state") == "notRunning"

    page.mouse.move(0, 0)
    page.locator('.st-key-t input[type="range"]').focus()
    page.keyboard.press("ArrowRight")
    expect(step_shown(page)).to_have_text("4")
    wait_for_app(page)
    still = charts.evaluate_all("els => els.map(el => el.querySelector('canvas, svg')?.dataset.drawn ?? null)")
    assert still == [str(k) for k in range(7)], f"charts built anew for a new step: {still}"
    # the step section, out of view when t moved, is redrawn as it scrolls in (ui.in_view)
    read_down(page, ["step_through_time"])
    expect(circuit(page)).to_contain_text("step t = 4")
    assert_no_errors(page)


def test_a_pinned_forget_bias_stays_grey_behind_the_cell_while_the_bias_moves(app_server, page):
    """Pin the bias at −2, move it to −1.5: the cell and output charts draw both runs (the pinned one in
    grey), say so in their titles, and the link keeps the pin."""
    open_page(page, app_server, "/lstm_forward?seq_len=20&fbias=-2")
    page.locator(".st-key-bpin_now button").first.click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('bpin') === '-2'")
    wait_for_app(page)
    page.locator('.st-key-fbias input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('fbias') === '-1.5'")
    wait_for_app(page)
    expect(page.locator(".st-key-unbpin button").first).to_be_visible()
    # Under the cell and the output charts; polled, as the charts' fragment may still be redrawing.
    pinned = page.get_by_test_id("stCaptionContainer").filter(has_text="bias at -2 (pinned)")
    expect(pinned).to_have_count(2, timeout=30_000)
    assert "bpin=-2" in page.url
    assert_no_errors(page)


def test_slider_keyboard_and_pinned_gates(app_server, page):
    open_page(page, app_server, "/lstm_forward?seq_len=12&pin=ones")
    assert_no_errors(page)
    page.locator('.st-key-t input[type="range"]').focus()
    page.keyboard.press("End")
    expect(step_shown(page)).to_have_text("12")
    wait_for_app(page)
    expect(circuit(page)).to_contain_text("(pinned)")
    expect(page.get_by_test_id("stAlert").filter(has_text="All gates pinned to 1")).to_be_visible()
    assert_no_errors(page)


def test_diagram_labels_are_drawn_at_the_size_graphviz_laid_them_out_with(app_server, page):
    """Streamlit shrinks every text of a Graphviz chart to one small size; the page's style undoes it."""
    open_page(page, app_server, "/lstm_forward")
    sizes = page.locator('[data-testid="stGraphVizChart"] svg text').evaluate_all(
        "els => els.map(e => [parseFloat(e.getAttribute('font-size')), parseFloat(getComputedStyle(e).fontSize)])")
    assert len(sizes) > 20
    assert all(abs(asked - drawn) < 0.01 for asked, drawn in sizes), sizes[:5]


PROJECTOR = {"width": 1024, "height": 768}
MIN_LABEL_PX = 18  # read from the back of a lecture hall on a 1024×768 projector
# On-screen size of each diagram text: its font size times the SVG's scale on screen.
LABEL_PX = "els => els.map(e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a)"


def diagram_label_sizes(page) -> list[list[float]]:
    """The on-screen size (px) of every text of every Graphviz diagram on the page, diagram by diagram."""
    sizes = []
    for chart in page.get_by_test_id("stGraphVizChart").all():
        chart.scroll_into_view_if_needed()
        sizes.append(chart.locator("svg text").evaluate_all(LABEL_PX))
    return sizes


@pytest.mark.parametrize("query", ["", "&peep=1&n_input=8&pin=ones&n_hidden=32&unit=17&t=7&circuit=whole",
                                   "&peep=1&circuit=output"])
def test_every_diagram_label_reads_on_a_projector(app_server, page, query):
    """Presenter mode at 1024×768: the circuit, the Space Odyssey block, the Hadamard product and the black
    box keep every label at 18 px or more, with the default block and with the widest one (eight inputs,
    peepholes, every gate pinned, 32 units)."""
    assert_labels_read_on_a_projector(page, app_server, f"/lstm_forward?present=1{query}", 4)


def assert_labels_read_on_a_projector(page, server, path: str, n_diagrams: int) -> None:
    """Open ``path`` at 1024 × 768: no errors, ``n_diagrams`` diagrams, every label 18 px or more on screen."""
    page.set_viewport_size(PROJECTOR)
    open_page(page, server, path)
    assert_no_errors(page)
    sizes = diagram_label_sizes(page)
    assert len(sizes) == n_diagrams
    for k, labels in enumerate(sizes):
        assert labels and min(labels) >= MIN_LABEL_PX, (k, sorted(labels)[:5])


STEP_TABLE = """() => {
    const frame = [...document.querySelectorAll('[data-testid="stTable"]')]
        .find(t => t.closest('[data-testid="stVerticalBlock"]')?.innerText.includes('Every unit at step'));
    const scroller = [frame, ...frame.querySelectorAll('*')].find(e => e.scrollHeight > e.clientHeight + 2
        && getComputedStyle(e).overflowY !== 'visible') || null;
    const row = frame.querySelector('tbody tr').getBoundingClientRect().height;
    const named = [frame, ...frame.querySelectorAll('*')].map(e => e.getAttribute('aria-label')).filter(Boolean);
    return {rows: frame.querySelectorAll('tbody tr').length, shown: frame.getBoundingClientRect().height / row,
            scrolls: scroller !== null, label: named.join(' | ')};
}"""


@pytest.mark.parametrize("present", ["0", "1"])
def test_the_step_table_is_a_coloured_html_table_that_scrolls_past_ten_units(app_server, page, present):
    """Every unit at step t, read as it is drawn (no canvas grid); eleven units or more scroll inside a frame
    of ten rows and the header, in the reading type and in the projector's, instead of pushing the
    equations down."""
    open_page(page, app_server, f"/lstm_forward?n_hidden=11&t=3&present={present}")
    assert_no_errors(page)
    assert page.get_by_test_id("stDataFrame").count() == 0
    table = page.evaluate(STEP_TABLE)
    assert table["rows"] == 11 and table["scrolls"] and 10.5 < table["shown"] < 11.8, table
    assert "every unit's block input z" in table["label"] and "t = 3" in table["label"], table
    head = page.evaluate("""() => {
        const t = document.querySelector('[data-testid="stTable"]');
        const box = [t, ...t.querySelectorAll('*')].find(e => e.scrollHeight > e.clientHeight + 2
            && getComputedStyle(e).overflowY !== 'visible');
        box.scrollTop = box.scrollHeight;
        return t.querySelector('thead th').getBoundingClientRect().top - box.getBoundingClientRect().top;
    }""")
    assert abs(head) < 3, head  # scrolled to its last row, the table keeps its header in view
    body = page.get_by_test_id("stTable").locator("tbody")
    colours = body.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c).backgroundColor)")
    assert len(set(colours)) > 10  # each number on its colour, as in the heatmaps and diagrams
    before = body.inner_text()
    page.locator(".st-key-t_next button").first.click()
    expect(page.get_by_text("Every unit at step t = 4")).to_be_visible()
    wait_for_app(page)
    assert body.inner_text() != before

    open_page(page, app_server, f"/lstm_forward?n_hidden=4&t=3&present={present}")
    table = page.evaluate(STEP_TABLE)
    assert table["rows"] == 4 and not table["scrolls"], table
    assert_no_errors(page)
