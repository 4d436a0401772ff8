"""Only the changed part reruns: in a real browser, a control inside a section reruns that section (and
the sections that read the control), the sidebar's link follows, and the rest of the page stays drawn.
The server logs each section run (``ui.frame.RUN_LOG``): these tests count runs, never time them."""

from __future__ import annotations

import importlib
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    RUN_LOG,
    RUN_TIMEOUT_MS,
    assert_no_errors,
    hold_answers,
    logged_runs,
    open_page,
    press_on_slider,
    read_down,
    release_answers,
    wait_for_app,
    wait_for_link,
    wait_for_whole_page,
)
from ui.frame import HEADER_RUN

pytestmark = pytest.mark.e2e


def _runs_after(page, action) -> list[str]:
    RUN_LOG.write_text("")
    action()
    page.wait_for_timeout(400)  # the rerun request leaves the browser
    wait_for_app(page)
    for _ in range(150):  # a run is logged when it ends, and the link's fragment runs last
        if "view_link" in logged_runs():
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(300)
    return logged_runs()


def _told(page) -> list[str]:
    """What the server tells this page about its runs, from now on: "start" for each run begun
    (``new_session``), "early" for a run ended early for another (the keyed rerun a callback asked for).
    Call it before the page opens."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    told: list[str] = []

    def heard(payload) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if msg.WhichOneof("type") == "new_session":
            told.append("start")
        elif msg.WhichOneof("type") == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            told.append("early")

    page.on("websocket", lambda socket: socket.on("framereceived", heard))
    return told


def _charts(page) -> int:
    return page.locator('[data-testid="stVegaLiteChart"]').count()


def test_a_grid_control_reruns_the_grid_section_and_its_reader_alone(app_server, page):
    """The samples N rerun the grids and the part below that reads them (the cells b^D at the slider's D), not
    the rest of the page (the grids' b starts no run at all: it is answered in the browser)."""
    told = _told(page)
    open_page(page, app_server, "/curse_of_dimensionality")
    charts = _charts(page)
    told.clear()
    runs = _runs_after(page, lambda: page.locator(".st-key-n button").filter(has_text="10000").click())
    assert runs == ["curse_of_dimensionality.grids", "curse_of_dimensionality.no_neighbours", "view_link"]
    assert "start" in told and "early" not in told  # planned before it began (ui.planned), not a run ended early
    assert "n=10000" in page.url
    wait_for_link(page, "n=10000")  # the link to copy follows the section
    expect(page.locator(".browser-frame:visible").filter(has_text="N = 10,000 samples from D = 5")).to_have_count(1)
    assert _charts(page) == charts  # the other sections are still drawn
    assert_no_errors(page)


CURSE = "curse_of_dimensionality"


def _seen(page, *names: str) -> None:
    """Wait until the page's watcher has said that ``names`` are the sections in view (``ui.in_view``), and
    for the server's answer to it."""
    page.wait_for_function("""(names) => {
        const now = (document.body.dataset.inView || '').split(',').filter(Boolean);
        return now.length === names.length && names.every((name) => now.includes(name));
    }""", arg=list(names), timeout=RUN_TIMEOUT_MS)  # (said in the reader's order: in view, then near)
    page.wait_for_timeout(500)
    wait_for_app(page)


def _in_view(page) -> list[str]:
    """The sections in view, once the page's watcher has said so (``ui.in_view``) and the server answered."""
    page.wait_for_function("() => document.body.dataset.inView !== undefined", timeout=RUN_TIMEOUT_MS)
    page.wait_for_timeout(500)
    wait_for_app(page)
    return [name for name in page.evaluate("document.body.dataset.inView").split(",") if name]


def _scroll_to(page, section: str) -> None:
    page.locator(f".st-key-in_view_{section}").evaluate("e => e.scrollIntoView({block: 'start'})")


def test_d_redraws_the_sections_in_view_and_the_others_as_they_scroll_in(app_server, page):
    told = _told(page)
    open_page(page, app_server, f"/{CURSE}")
    _seen(page, "grids", "hero")
    told.clear()
    runs = _runs_after(page, lambda: press_on_slider(page, "dim", "ArrowRight"))
    assert runs == [f"{CURSE}.hero", "view_link"]  # not the grids, which read no D, nor the sections below
    expect(page.locator(".st-key-in_view_grids")).not_to_have_class(re.compile("in-view-stale"))  # nothing to redo
    assert "start" in told and "early" not in told  # the keyed rerun planned before it began (ui.planned)
    assert "dim=60" in page.url
    wait_for_link(page, "dim=60")
    expect(page.locator(".st-key-pin_now")).to_contain_text("Pin D = 60")  # the bar's pin names the new D
    shells = page.locator(".st-key-in_view_shells")
    expect(shells).to_contain_text("50-ball")  # out of view: still as drawn at D = 50
    RUN_LOG.write_text("")
    told.clear()
    _scroll_to(page, "shells")
    expect(shells).to_contain_text("60-ball", timeout=RUN_TIMEOUT_MS)  # its radii caption, redrawn at D = 60
    wait_for_app(page)
    assert "start" in told and "early" not in told  # the watcher's rerun planned too (ui.planned)
    assert f"{CURSE}.shells" in logged_runs()
    assert f"{CURSE}.grids" not in logged_runs()  # they read no D
    assert f"{CURSE}.hero" not in logged_runs()
    # the section's own control draws at the slider's D, not at the D of the page's last full run
    runs = _runs_after(page, lambda: press_on_slider(page, "eps", "ArrowRight"))
    assert runs == [f"{CURSE}.shells", "view_link"]
    expect(shells).to_contain_text("60-ball")
    assert_no_errors(page)


@pytest.mark.parametrize(("shown", "waits", "back"), [("angles", "spiky_cubes", "end"),
                                                     ("spiky_cubes", "cube_corners", "start")],
                         ids=["above the window", "a part below"])
def test_a_section_out_of_view_waits_until_the_reader_scrolls_to_it(app_server, page, shown, waits, back):
    """D moved with one section at the top of the window reruns it alone (``in_view.js`` counts the window and
    200 px below it), not the section that has just scrolled out above (the spiky cubes, with Pac-Man in view)
    nor a part of the page of its own below (why the cube is spiky, with the stacked cubes in view): it stays
    faded, and is redrawn at the new D when the reader scrolls to it."""
    open_page(page, app_server, f"/{CURSE}")
    wait_for_whole_page(page)
    _scroll_to(page, shown)
    _seen(page, shown)
    runs = _runs_after(page, lambda: press_on_slider(page, "dim", "ArrowRight"))
    assert runs == [f"{CURSE}.{shown}", "view_link"]
    box = page.locator(f".st-key-in_view_{waits}")
    expect(box).to_have_class(re.compile("in-view-stale"))  # drawn at D = 50, faded
    expect(box).to_contain_text("D = 50")
    RUN_LOG.write_text("")
    box.evaluate(f"e => e.scrollIntoView({{block: '{back}'}})")  # above: its end at the window's bottom
    expect(box).not_to_have_class(re.compile("in-view-stale"), timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    assert f"{CURSE}.{waits}" in logged_runs()
    expect(box).to_contain_text("D = 60")
    assert_no_errors(page)


# Whether the browser draws a section's content (false while ``content-visibility: auto`` skips it, far away).
DRAWN = "name => document.querySelector(`.st-key-in_view_${name}`).firstElementChild" \
    ".checkVisibility({contentVisibilityAuto: true})"


def test_the_browser_skips_drawing_the_sections_far_from_the_window(app_server, page):
    """The sections far below the window are not laid out or painted (a move of D that updates them out of sight
    costs no drawing), yet stay in the page; scrolled to, one is drawn, and the one left far above is skipped in
    turn."""
    open_page(page, app_server, f"/{CURSE}")
    wait_for_whole_page(page)
    assert page.evaluate(DRAWN, "grids")
    assert not page.evaluate(DRAWN, "distances")
    expect(page.locator(".st-key-in_view_distances h2").first).to_be_attached()
    _scroll_to(page, "distances")
    page.wait_for_function(DRAWN, arg="distances")
    page.wait_for_function(f"name => !({DRAWN})(name)", arg="grids")
    assert_no_errors(page)


def test_the_pin_and_theory_beside_d_rerun_the_page(app_server, page):
    open_page(page, app_server, f"/{CURSE}?dim=60")
    _seen(page, "grids", "hero")
    runs = _runs_after(page, lambda: page.locator(".st-key-pin_now button").first.click())
    assert {f"{CURSE}.grids", f"{CURSE}.distances", "view_link"} <= set(runs)
    wait_for_link(page, "pin=60")
    runs = _runs_after(page, lambda: page.locator(".st-key-theory label").click())
    assert {f"{CURSE}.grids", f"{CURSE}.distances", "view_link"} <= set(runs)
    wait_for_link(page, "theory=false")
    assert_no_errors(page)


@pytest.mark.parametrize(("path", "key", "expected"), [
    # t is drawn by the forward section and read by the BPTT and vanishing sections: those rerun, not the
    # chunked-training one
    ("/simple_rnn", "t", ["simple_rnn.bptt", "simple_rnn.forward", "simple_rnn.vanishing", "view_link"]),
    ("/lstm_backprop", "fbias", ["lstm_backprop.through_time", "view_link"]),
])
def test_a_section_control_reruns_its_readers_only(app_server, page, path, key, expected):
    open_page(page, app_server, path)
    runs = _runs_after(page, lambda: press_on_slider(page, key, "ArrowLeft"))
    assert sorted(runs) == expected
    wait_for_link(page, f"{key}=")
    assert_no_errors(page)


@pytest.mark.parametrize(("stem", "section", "moved"), [
    ("simple_rnn", "vanishing", "seq_len=21"),
    ("rnn_prerequisites", "order_matters", "seq_len=577"),
])
def test_t_at_the_top_redraws_nothing_in_view_and_a_reader_as_it_scrolls_in(app_server, page, stem, section, moved):
    """The RNN pages' T is above their first section, which does not read it: a move reruns the opening figure
    beside it and the link alone, and a section that reads T is redrawn at the new T as it comes into view,
    faded until then."""
    open_page(page, app_server, f"/{stem}")
    reads = set(importlib.import_module(f"ui.{stem}.sections").IN_VIEW.reads) - {"hero"}
    assert not set(_in_view(page)) & reads  # no section that reads T is in view at the top
    runs = _runs_after(page, lambda: press_on_slider(page, "seq_len", "ArrowRight"))
    assert runs == [f"{stem}.hero", "view_link"]
    wait_for_link(page, moved)
    box = page.locator(f".st-key-in_view_{section}")
    expect(box).to_have_class(re.compile(r"\bin-view-stale\b"))
    RUN_LOG.write_text("")
    _scroll_to(page, section)
    expect(box).not_to_have_class(re.compile(r"\bin-view-stale\b"), timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    assert f"{stem}.{section}" in logged_runs()
    assert_no_errors(page)


def _sections(stem: str) -> list[str]:
    return [section.__name__ for section in importlib.import_module(f"ui.{stem}.sections").SECTIONS]


@pytest.mark.parametrize("stem", ["curse_of_dimensionality", "rnn_prerequisites", "simple_rnn", "history",
                                  "lstm_forward", "lstm_backprop"])
def test_a_fresh_page_draws_its_first_section_and_the_others_header_first(app_server, page, stem):
    """An audience opening a prepared link waits for one section: the page's first run draws its opening figure
    and its first section whole, the others as their header alone; then each is drawn once, and nothing fails."""
    RUN_LOG.write_text("")
    open_page(page, app_server, f"/{stem}?present=1", whole=False)
    wait_for_whole_page(page)  # (a short page's sections come near at once: the run log, not the DOM, says how)
    names = _sections(stem)
    runs = logged_runs()
    first = [f"{stem}.hero", f"{stem}.{names[0]}", *(f"{stem}.{name}{HEADER_RUN}" for name in names[1:]),
             "view_link"]
    assert runs[:len(first)] == first
    assert sorted(run for run in runs[len(first):] if run.startswith(f"{stem}.")) == sorted(
        f"{stem}.{name}" for name in names[1:])  # each drawn whole once
    assert page.locator("h2, h3").count() >= len(names)  # a section's header (a part of one: its subheader)
    assert_no_errors(page)


@pytest.mark.parametrize("section", ["shells", "distances"])
def test_a_section_scrolled_to_is_drawn_before_those_a_still_page_fills_in(app_server, page, section):
    """The section the reader stops at is drawn before the one above it, which the fill would draw first (it goes
    from the top), and which the watcher says is near (a margin above the viewport) after the sections in view."""
    RUN_LOG.write_text("")
    open_page(page, app_server, f"/{CURSE}?dim=60", whole=False)
    _scroll_to(page, section)
    wait_for_whole_page(page)
    drawn = [run for run in logged_runs() if run.startswith(f"{CURSE}.") and HEADER_RUN not in run]
    names = _sections(CURSE)
    above = names[names.index(section) - 1]
    assert drawn.index(f"{CURSE}.{section}") < drawn.index(f"{CURSE}.{above}"), drawn
    expect(page.locator(f'.st-key-in_view_{section} [data-testid="stVegaLiteChart"]').first).to_be_visible()
    assert_no_errors(page)


def test_a_fill_that_falls_due_while_the_reader_scrolls_draws_the_reader_s_section(app_server, page):
    """From the moment the page opens, the reader scrolls back and forth between the last two sections, so the
    page never goes still: the fill falls due all the same (its deadline), and draws a section the reader is at,
    not the one below the top. (On a slow machine a fill fell due just as a reader scrolled, and drew the
    sections above theirs first.) A busy browser may still let the watcher say what is in view between two
    scrolls: the server draws what it says in view first, not the section above it that counts as near."""
    RUN_LOG.write_text("")
    page.add_init_script("""window.__jiggle = setInterval(() => {
        const boxes = ['shells', 'distances'].map((n) => document.querySelector(`.st-key-in_view_${n}`));
        if (boxes.some((box) => !box)) return;
        window.__flip = !window.__flip;
        boxes[window.__flip ? 0 : 1].scrollIntoView({block: 'start'});
    }, 100);""")
    later = {f"{CURSE}.{name}" for name in _sections(CURSE)[1:]}  # the sections a fresh page leaves for later
    open_page(page, app_server, f"/{CURSE}?dim=60", whole=False)
    try:
        filled = []
        for _ in range(150):
            filled = [run for run in logged_runs() if run in later]
            if filled:
                break
            page.wait_for_timeout(200)
    finally:
        page.evaluate("() => clearInterval(window.__jiggle)")
    assert filled and filled[0] in (f"{CURSE}.shells", f"{CURSE}.distances"), filled
    assert_no_errors(page)


def test_a_page_that_never_goes_still_is_filled_in_all_the_same(app_server, page):
    """The page jumps between its top and its end every 100 ms, so what is in view never settles: the
    sections left for later are drawn all the same, one per deadline (``FILL_DEADLINE`` in ``ui.in_view``)."""
    RUN_LOG.write_text("")
    open_page(page, app_server, "/lstm_backprop", whole=False)
    page.evaluate("""() => { window.jiggle = setInterval(() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const end = main.scrollTop > 10 ? 0 : main.scrollHeight;
        main.scrollTo(0, end);
        window.scrollTo(0, end);
    }, 100); }""")
    try:
        wait_for_whole_page(page, timeout_ms=90_000)
    finally:
        page.evaluate("() => clearInterval(window.jiggle)")
    assert_no_errors(page)


def test_leaving_a_page_while_it_fills_in_draws_the_next_page_whole(app_server, page):
    """A reader leaves a fresh page while it still fills in, and scrolls as they go: the new page is drawn
    whole, with its sidebar. (The page being left says nothing more: a message from its watcher carries that
    page, and Streamlit can fold it and the switch into one run of the page being left.)"""
    open_page(page, app_server, f"/{CURSE}?dim=60", whole=False)
    page.evaluate("""() => {  // at once, while sections left for later are still being drawn
        [...document.querySelectorAll('[data-testid="stSidebar"] a')].find((a) => a.href.endsWith('/history')).click();
        window.scrollBy(0, 3000);
        document.querySelector('[data-testid="stMain"]').scrollBy(0, 3000);
    }""")
    page.wait_for_url("**/history**")
    wait_for_whole_page(page)
    expect(page.locator("h1").first).to_contain_text("history", ignore_case=True)
    assert page.locator(".st-key-seed input").count() == 1
    assert_no_errors(page)


def test_lstm_next_redraws_the_sections_in_view_and_the_scrubber(app_server, page):
    """Next on the LSTM forward page moves t: the sections in view rerun (the step's diagrams at the top),
    with the scrubber, whose Back button comes alive; the whole-sequence charts below wait until they
    scroll in, faded."""
    told = _told(page)
    open_page(page, app_server, "/lstm_forward?seq_len=20&t=1")
    _scroll_to(page, "step_through_time")  # below the opening figure
    page.wait_for_function("() => (document.body.dataset.inView || '').split(',').includes('step_through_time')",
                           timeout=RUN_TIMEOUT_MS)
    seen = _in_view(page)
    back = page.locator(".st-key-t_prev button").first  # (Streamlit adds a hidden copy of a button with a shortcut)
    expect(back).to_be_disabled()
    told.clear()
    runs = _runs_after(page, lambda: page.locator(".st-key-t_next button").first.click())
    assert runs == [*(f"lstm_forward.{name}" for name in seen), "view_link"]
    assert "start" in told and "early" not in told  # a press, too, is a run planned before it began
    expect(back).to_be_enabled()  # the scrubber reran with the sections
    wait_for_link(page, "t=2")
    box = page.locator(".st-key-in_view_whole_sequence")
    expect(box).to_have_class(re.compile(r"\bin-view-stale\b"))
    read_down(page, ["whole_sequence"])
    assert_no_errors(page)


def test_a_click_on_next_survives_the_watcher_speaking_before_its_answer_arrives(app_server, page):
    """Next moves t in its callback, on the server; until that run's answer reaches the browser, the slider
    there still shows the old t, and every message the browser sends carries it. The watcher (``in_view.js``)
    speaks when the sections in view change (the click scrolled the page): it waits until the reader's run
    has come and gone, or it would set t back and the click would be lost (it was, in a CI run under load)."""
    held = hold_answers(page)
    open_page(page, app_server, "/lstm_forward?seq_len=30&t=5")
    _in_view(page)
    held["on"] = True
    page.locator(".st-key-t_next button").first.click()
    page.locator(".st-key-in_view_whole_sequence").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)  # the watcher would have spoken after 150 ms
    release_answers(held)
    wait_for_link(page, "t=6")
    page.wait_for_timeout(1000)  # what the watcher says after the answer
    wait_for_app(page)
    expect(page.locator('.st-key-t [data-testid="stSliderThumbValue"]')).to_have_text("6")
    assert "t=6" in page.url
    assert_no_errors(page)
