"""WCAG 2.1 AA in a real browser: axe-core on every page, text alternatives, and a keyboard-only walk.

axe-core (the kept library ``axe-playwright-python`` ships) runs on every page on a laptop (1400×1000)
and in presenter mode on a projector (1024×768); a serious or critical violation fails, with axe's own
report of the elements. ``tools/a11y.py audit`` prints the same report for a running app.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import (
    assert_no_errors,
    open_page,
    slider_thumb,
    slider_value,
    wait_for_app,
    wait_for_whole_page,
)
from tools.a11y import PAGES, VIEWS, blocking, report, violations, with_query

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.e2e
GENERIC_NAME = "Vega visualization"  # what vega-embed calls a chart that has no description


@pytest.fixture(params=VIEWS, ids=["laptop", "projector"])
def sized_page(request, browser):
    (width, height), query = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.view_query = query
    yield page
    context.close()


TALK_VIEWS = ("/talk?deck=full-series&scene=1", "/talk?deck=full-series&scene=13&view=speaker",
              "/talk?deck=ten-minutes&view=follow")  # the QR code, the speaker's narrow column, a phone
THEORY_OFF = ("/curse_of_dimensionality?theory=false",)  # the closed forms' layers drawn with no rows, or unseen


@pytest.mark.parametrize("path", PAGES + TALK_VIEWS + THEORY_OFF)
def test_no_serious_axe_violation(app_server, sized_page, path):
    open_page(sized_page, app_server, with_query(path, sized_page.view_query))
    sized_page.wait_for_timeout(500)  # charts draw after the run finishes
    assert_no_errors(sized_page)
    found = blocking(violations(sized_page))
    assert not found, "\n" + report(found)


def _figure_names(page) -> list[str]:
    """The accessible names of every chart and diagram (Streamlit puts ``alt`` on the chart's figure)."""
    return page.evaluate("""() => [
        ...[...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(e => e.getAttribute('aria-label')),
        ...[...document.querySelectorAll('[data-testid="stGraphVizChart"]')].map(
            e => (e.closest('[aria-label]') || e).getAttribute('aria-label')),
    ]""")


@pytest.mark.parametrize("path", [p for p in PAGES if p != "/"])
def test_every_figure_is_named_for_a_screen_reader(app_server, page, path):
    open_page(page, app_server, path)
    wait_for_whole_page(page)  # a section being filled in may hold a chart not yet named, for a moment
    page.wait_for_timeout(500)
    found = _figure_names(page)
    assert found, f"{path} drew no figure"
    assert all(name and name != GENERIC_NAME for name in found), found
    # the live descriptions said after steadily named charts are plain text: Markdown read in them (an
    # emphasis opened by "‖·‖_F") would reach into the visible caption after them
    marked = page.evaluate("""() => [...document.querySelectorAll('.sr-only')]
        .filter(e => e.children.length > 0 || e.closest('em, strong, del, code'))
        .map(e => e.textContent.slice(0, 80))""")
    assert marked == [], marked


def _focus_shows(page) -> bool:
    """Whether the focus can be seen: the focused widget looks different from the same widget unfocused
    (a ring, a shadow or a coloured border; whatever Streamlit draws, compared as pixels)."""
    box = page.evaluate("""() => {
        const e = document.activeElement.closest('[data-testid="stElementContainer"]') || document.activeElement;
        const r = e.getBoundingClientRect();
        return {x: Math.max(r.x - 6, 0), y: Math.max(r.y - 6, 0), width: r.width + 12, height: r.height + 12};
    }""")
    focused = page.screenshot(clip=box, animations="disabled")
    page.evaluate("window.__focused = document.activeElement; document.activeElement.blur()")
    unfocused = page.screenshot(clip=box, animations="disabled")
    page.evaluate("window.__focused.focus({focusVisible: true})")
    return focused != unfocused


def _tab_to(page, predicate_js: str, limit: int = 80) -> int:
    """Press Tab until the focused element satisfies ``predicate_js`` (a JS function of it); the count."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate_js})(document.activeElement)"):
            return presses
    raise AssertionError(f"Tab never reached {predicate_js} in {limit} presses")


def test_a_page_works_from_the_keyboard_alone(app_server, page):
    """From the address bar: Tab to the dimension slider, move it with the arrows and End, press a
    quick-pick button with Enter; every stop shows where the focus is."""
    open_page(page, app_server, "/curse_of_dimensionality")
    page.locator("body").focus()
    stops = []

    def visible_focus_here():
        stops.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
        assert _focus_shows(page), f"no visible focus on {stops[-1]}"

    _tab_to(page, "e => e.closest('.st-key-jump_400') !== null")
    visible_focus_here()
    page.keyboard.press("Enter")
    expect(slider_thumb(page, "dim")).to_have_attribute("aria-valuetext", "400")
    wait_for_app(page)
    assert "dim=400" in page.url

    _tab_to(page, "e => e.closest('.st-key-dim') !== null && e.type === 'range'")
    visible_focus_here()
    page.keyboard.press("ArrowRight")
    expect(slider_thumb(page, "dim")).not_to_have_attribute("aria-valuetext", "400")
    wait_for_app(page)
    page.keyboard.press("End")
    expect(slider_thumb(page, "dim")).to_have_attribute("aria-valuetext", "10000")
    wait_for_app(page)
    assert slider_value(page, "dim") == "10000" and "dim=10000" in page.url
    assert_no_errors(page)


def test_time_steps_from_the_keyboard_on_the_lstm_page(app_server, page):
    """The step scrubber's Back/Next are reachable by Tab, press with Space and Enter, and show focus."""
    open_page(page, app_server, "/lstm_forward?t=5")
    page.locator("body").focus()
    _tab_to(page, "e => e.closest('.st-key-t_next') !== null && e.tagName === 'BUTTON'")
    assert _focus_shows(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**t=6**")
    wait_for_app(page)
    page.keyboard.press("Space")
    page.wait_for_url("**t=7**")
    wait_for_app(page)
    assert_no_errors(page)


@pytest.mark.parametrize("path", ["/lstm_forward", "/history"])
def test_every_tab_stop_shows_where_the_focus_is(app_server, page, path):
    """Walk a whole page with Tab: every stop (sidebar, controls, CSV buttons, expanders) is drawn
    focused, so a keyboard user always sees where they are."""
    open_page(page, app_server, path)
    page.locator("body").focus()
    seen, invisible = [], []
    for _ in range(150):
        page.keyboard.press("Tab")
        here = page.evaluate("""() => { const e = document.activeElement;
            return e === document.body ? null : e.tagName + ' ' + (e.getAttribute('aria-label') || e.innerText || '')
                .slice(0, 40) + ' @' + Math.round(e.getBoundingClientRect().y + scrollY); }""")
        if here is None or here in seen:  # back at the start: the walk went round the page
            break
        seen.append(here)
        if not _focus_shows(page):
            invisible.append(here)
    assert len(seen) > 10, seen
    assert not invisible, invisible
    assert_no_errors(page)


def _deck_scenes() -> list[str]:
    from ui.talk import deck

    return [f"/talk?deck={name}&scene={k}" for name in deck.deck_names()
            for k in range(1, len(deck.load(name).scenes) + 1)]


def test_no_serious_axe_violation_on_any_scene_of_any_deck(app_server, browser):
    """Every scene of the shipped decks, on a 1024×768 projector (the talk page is in presenter mode)."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    scenes, failures = _deck_scenes(), []
    for path in scenes:
        open_page(page, app_server, path)
        page.wait_for_timeout(300)
        found = blocking(violations(page))
        if found:
            failures.append(f"{path}\n{report(found)}")
    context.close()
    assert len(scenes) >= 40
    assert not failures, "\n".join(failures)
    assert not page.errors, page.errors


def test_a_scenes_answer_in_the_bar_passes_axe(app_server, browser):
    """One Next puts a scene's answer in the bar, where its question was, with the question in a tooltip
    (a state no link opens): axe finds nothing serious there either, on a projector."""
    from ui.talk import deck

    scene = next(s for s in deck.load("full-series").scenes if s.answer)
    page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
    open_page(page, app_server, f"/talk?deck=full-series&scene={scene.number}&room=a11y-answer")
    page.keyboard.press("PageDown")
    expect(page.locator(".st-key-talk_ask")).to_contain_text(scene.answer[:30])
    wait_for_app(page)
    page.wait_for_timeout(500)
    found = blocking(violations(page))
    page.context.close()
    assert not found, "\n" + report(found)
