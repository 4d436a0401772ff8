"""▶ in a real browser: the server plays t on the LSTM and simple RNN pages frame by frame for a long sequence (the
section's own fragment, on a timer, while the page's other sections stay as drawn); a short one, the D sweeps
(Pac-Man, the shells, the distances) and the training play in the browser, with no run per frame;
⏸ stops them with the slider and the link at the frame reached.
Asserts values, the URL and the server's section-run log, never times."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    RUN_LOG,
    RUN_TIMEOUT_MS,
    assert_no_errors,
    logged_runs,
    open_page,
    press_on_slider,
    scroll_to_drawn,
    slider_value,
    wait_for_app,
)
from ui.play import STACK_UP_TO

pytestmark = pytest.mark.e2e

PAGE = "curse_of_dimensionality"
LONG = f"seq_len={STACK_UP_TO + 20}"  # a sequence whose t the server plays
DEFAULT_D = 50  # the slider's default, which Streamlit leaves out of the link
SHOWN = re.compile(r"D = ([\d,]+)")


def _shown_d(page, section: str) -> int:
    """The D the play bar of ``section`` says it draws."""
    text = page.locator(f".st-key-play_bar_{section}").inner_text()
    return int(SHOWN.search(text).group(1).replace(",", ""))


def _linked_d(url: str) -> int:
    """The D a link opens on: its `dim`, or the default when the link leaves it out."""
    found = re.search(r"[?&]dim=(\d+)", url)
    return int(found.group(1)) if found else DEFAULT_D


def _step_shown(page, section: str) -> int:
    """The t the play bar of ``section`` says it draws."""
    return int(re.search(r"t = (\d+)", page.locator(f".st-key-play_bar_{section}").inner_text()).group(1))


def test_the_server_plays_t_on_the_lstm_page_and_pause_keeps_the_frame(app_server, page):
    """A sweep the server plays: each frame reruns the section alone (a timed fragment); the scrubber above
    it waits where ▶ started, greyed, its label saying ▶ plays below; ⏸ puts the frame reached into it and
    the link, and no timer is left behind."""
    open_page(page, app_server, f"/lstm_forward?t=1&{LONG}")
    button = page.locator(".st-key-play_step_through_time button").first  # (a button with help has a hidden twin)
    button.scroll_into_view_if_needed()
    RUN_LOG.write_text("")
    button.click()
    expect(button).to_contain_text("Pause")
    page.wait_for_function(
        """() => { const m = document.querySelector('.st-key-play_bar_step_through_time').innerText.match(/t = (\\d+)/);
                   return m && Number(m[1]) >= 4; }""", timeout=RUN_TIMEOUT_MS)
    runs = set(logged_runs())
    assert runs <= {"lstm_forward.step_through_time", "view_link"}, runs  # the other sections were not rerun
    assert slider_value(page, "t") == "1"
    held = """() => getComputedStyle(document.querySelector('.st-key-t [data-testid="stWidgetLabel"] p'),
                                     '::after').content"""
    assert "playing below" in page.evaluate(held)
    button.click()
    expect(button).to_contain_text("Play", timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    reached = _step_shown(page, "step_through_time")
    assert reached >= 4
    expect(page.locator(".st-key-t input[type='range']").first).to_have_attribute(
        "aria-valuetext", str(reached), timeout=RUN_TIMEOUT_MS)
    assert re.search(rf"[?&]t={reached}(&|$)", page.url)
    page.wait_for_timeout(1500)  # no timer left behind: the value stays
    assert _step_shown(page, "step_through_time") == reached
    assert "playing" not in page.evaluate(held)
    assert_no_errors(page)


def test_while_the_server_plays_the_simple_rnn_the_rest_of_the_section_waits_faded(app_server, page):
    """Each frame redraws the section up to its figure: what follows stays as drawn where ▶ started, faded
    under a note, and comes back at ⏸."""
    open_page(page, app_server, f"/simple_rnn?t=1&{LONG}")
    button = page.locator(".st-key-play_forward button").first
    button.scroll_into_view_if_needed()
    rest = page.locator(".st-key-play_rest_forward")
    button.click()
    expect(button).to_contain_text("Pause")
    expect(page.get_by_text("Below: at t = 2, where ▶ started")).to_be_visible()
    assert rest.evaluate("e => getComputedStyle(e).opacity") == "0.45"
    drawn = rest.inner_text()
    shown = _step_shown(page, "forward")
    page.wait_for_function(f"""() => !document.querySelector('.st-key-play_bar_forward').innerText
                                        .includes('t = {shown} ')""", timeout=RUN_TIMEOUT_MS)
    assert rest.inner_text() == drawn
    button.click()
    expect(button).to_contain_text("Play", timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    assert page.get_by_text("where ▶ started").count() == 0
    assert rest.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert_no_errors(page)


# The frame of a stacked sweep on screen (the one visible part of its stack) and the t its bar says, at once
STACK_SHOWN = """(name) => {
  const shown = [...document.querySelectorAll(`.st-key-play_stack_${name} > *`)]
    .filter((part) => getComputedStyle(part).visibility === 'visible')
    .map((part) => Number(part.firstElementChild.className.match(/play_frame_\\S+_(\\d+)/)[1]));
  const now = document.querySelector(`.st-key-play_${name} .play-now`).textContent.match(/t = (\\d+)/);
  return {shown, now: now && Number(now[1])};
}"""


@pytest.mark.parametrize(("stem", "section"), [("simple_rnn", "forward"), ("lstm_forward", "step_through_time")])
def test_a_short_sequence_plays_t_in_the_browser_after_one_run(app_server, page, stem, section):
    """t through a sequence of at most ``STACK_UP_TO`` steps: ▶ asks the server once for the diagrams and
    formulas of every step, stacked, and the browser shows one step after the other: one section run, then
    none per frame; ⏸ puts the step reached into t and the link, and the section draws one step again."""
    open_page(page, app_server, f"/{stem}?t=1")
    button = page.locator(f".st-key-play_{section} button")
    button.scroll_into_view_if_needed()
    assert page.locator(f".st-key-play_stack_{section}").count() == 0  # one step until ▶
    RUN_LOG.write_text("")
    button.click()
    expect(button).to_contain_text("Pause", timeout=RUN_TIMEOUT_MS)
    page.wait_for_function(f"(name) => ({STACK_SHOWN})(name).now >= 6", arg=section, timeout=RUN_TIMEOUT_MS)
    seen = page.evaluate(STACK_SHOWN, section)
    assert seen["shown"] == [seen["now"]]  # the step the bar names is the one on screen, and only it
    assert len(page.locator(f".st-key-play_stack_{section} > *").all()) == 20  # every step of T = 20
    runs = logged_runs()
    assert runs.count(f"{stem}.{section}") == 1 and set(runs) <= {f"{stem}.{section}", "view_link"}, runs
    assert slider_value(page, "t") == "1"
    button.click()
    expect(button).to_contain_text("Play")
    wait_for_app(page)
    reached = _step_shown(page, section)
    assert reached >= 6
    expect(page.locator(".st-key-t input[type='range']").first).to_have_attribute(
        "aria-valuetext", str(reached), timeout=RUN_TIMEOUT_MS)
    assert re.search(rf"[?&]t={reached}(&|$)", page.url)
    assert page.locator(f".st-key-play_stack_{section}").count() == 0
    assert_no_errors(page)


def _parameter(page, name: str) -> list[str]:
    """The values of the charts' ▶ parameter ``name`` (their hidden range inputs)."""
    return page.locator(f'input[name="{name}"]').evaluate_all("els => els.map(e => e.value)")


@pytest.mark.parametrize(("section", "figures"), [("angles", 1), ("shells", 3), ("distances", 2)])
def test_a_d_sweep_plays_in_the_browser_after_one_run_and_pause_keeps_the_frame(app_server, page, section, figures):
    """The D sweeps' ▶ (Pac-Man, the shells, the distances) ask the server once for their charts of every
    frame, then step their Vega-Lite parameter in the browser: one section run, then none per frame; ⏸ puts
    the frame reached into D and the link, and the charts hold one frame again."""
    param = f"play_{section}"
    open_page(page, app_server, f"/{PAGE}?dim=2")
    button = page.locator(f".st-key-{param} button")
    button.scroll_into_view_if_needed()
    assert _parameter(page, param) == []  # one frame, no parameter, until ▶
    RUN_LOG.write_text("")
    button.click()
    expect(button).to_contain_text("Pause", timeout=RUN_TIMEOUT_MS)
    page.wait_for_function(
        """(param) => { const now = document.querySelector(`.st-key-${param} .play-now`).textContent;
                        const m = now.match(/D = ([\\d,]+)/);
                        return m && Number(m[1].replace(/,/g, '')) >= 8; }""", arg=param, timeout=RUN_TIMEOUT_MS)
    values = _parameter(page, param)
    assert len(values) == figures and len(set(values)) == 1 and int(values[0]) >= 8  # the frame the button shows
    runs = logged_runs()
    assert runs.count(f"{PAGE}.{section}") == 1 and set(runs) <= {f"{PAGE}.{section}", "view_link"}, runs
    assert slider_value(page, "dim") == "2"
    assert "playing" in page.evaluate("""() => getComputedStyle(
        document.querySelector('.st-key-dim [data-testid="stWidgetLabel"] p'), '::after').content""")
    expect(page.get_by_text("Below: at D = 2, where ▶ started")).to_be_visible()
    played = page.locator(f'[data-testid="stVegaLiteChart"]:has(input[name="{param}"])')
    labels = played.evaluate_all("els => els.map(e => e.ariaLabel)")
    assert labels == ["Chart playing: pause to read its numbers."] * figures
    button.click()
    expect(button).to_contain_text("Play")
    reached = _shown_d(page, section)
    assert reached >= 8
    expect(page.locator(".st-key-dim input[type='range']").first).to_have_attribute(
        "aria-valuetext", str(reached), timeout=RUN_TIMEOUT_MS)
    assert _linked_d(page.url) == reached
    wait_for_app(page)
    expect(page.locator(f'input[name="{param}"]')).to_have_count(0, timeout=RUN_TIMEOUT_MS)  # one frame again
    assert page.get_by_text("where ▶ started").count() == 0
    page.wait_for_timeout(1000)  # no timer left behind
    assert _shown_d(page, section) == reached
    assert_no_errors(page)


def test_the_talk_scene_of_the_pac_man_section_has_its_play_button(app_server, page):
    open_page(page, app_server, "/talk?deck=full-series&scene=8")
    expect(page.locator(".st-key-play_angles button").first).to_contain_text("Play")
    assert_no_errors(page)


TRAINING = ".st-key-play_training_clipping"
SHOWN_PARAM = "play_training_clipping"  # the training charts' parameter


def _frame_shown(page) -> int:
    """The share of the training the training section's ▶ says it draws (in %)."""
    return int(re.search(r"shown = (\d+)%", page.locator(f"{TRAINING} .play-now").inner_text()).group(1))


def test_the_training_plays_in_the_browser_with_no_rerun_and_pause_keeps_the_frame(app_server, page):
    """The training's ▶ steps the charts' Vega-Lite parameter in the browser: frames go by with no section
    run on the server; ⏸ puts the frame reached into the slider and the link."""
    open_page(page, app_server, "/lstm_backprop?tshown=20")
    button = page.locator(f"{TRAINING} button")
    scroll_to_drawn(button)
    assert _frame_shown(page) == 20 and _parameter(page, SHOWN_PARAM) == ["20", "20"]  # both charts, at the link's
    assert page.locator('form.vega-bindings:has(input[name="play_training_clipping"])').first.is_hidden()
    RUN_LOG.write_text("")
    button.click()
    expect(button).to_contain_text("Pause")
    page.wait_for_function(f"() => /shown = (4[4-9]|[5-9]\\d)%/.test(document.querySelector('{TRAINING} .play-now')"
                           ".textContent)", timeout=RUN_TIMEOUT_MS)  # from 24% (after the link's 20) to ≥ 44%
    values = _parameter(page, SHOWN_PARAM)
    assert len(set(values)) == 1 and int(values[0]) >= 44  # the charts draw the frame the button shows
    assert logged_runs() == []  # no server run for any frame
    played = page.locator('[data-testid="stVegaLiteChart"]:has(input[name="play_training_clipping"])')
    assert all("playing" in label for label in played.evaluate_all("els => els.map(e => e.ariaLabel)"))
    assert "playing" in page.evaluate("""() => getComputedStyle(
        document.querySelector('.st-key-tshown [data-testid="stWidgetLabel"] p'), '::after').content""")
    button.click()
    expect(button).to_contain_text("Play")
    reached = _frame_shown(page)
    expect(page.locator(".st-key-tshown input[type='range']").first).to_have_attribute(
        "aria-valuetext", str(reached), timeout=RUN_TIMEOUT_MS)
    assert re.search(rf"[?&]tshown={reached}(&|$)", page.url)
    wait_for_app(page)
    assert _parameter(page, SHOWN_PARAM) == [str(reached)] * 2  # redrawn by the server at the frame reached
    assert not any("playing" in label for label in played.evaluate_all("els => els.map(e => e.ariaLabel)"))
    page.wait_for_timeout(1000)  # no timer left behind
    assert _frame_shown(page) == reached
    assert_no_errors(page)


def test_space_on_the_trainings_play_button_plays_and_stays_on_the_talk_scene(app_server, page):
    """In a talk scene, Space on the focused ▶ plays (as on any button), and is not also the deck's
    "next scene"."""
    open_page(page, app_server, "/talk?deck=full-series&scene=41")
    button = page.locator(f"{TRAINING} button")
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_contain_text("Pause")
    expect(page.get_by_text("41 / ")).to_be_visible()
    assert "scene=41" in page.url
    button.click()
    expect(button).to_contain_text("Play")
    assert_no_errors(page)


def test_the_trainings_play_goes_on_at_the_new_speed_and_stops_once(app_server, page):
    """Moving the speed while the training plays reruns the section (the component is called again): it plays
    on from the frame reached, and ⏸ stops it for good: no timer left from before the move moves the frame
    or reports another one."""
    open_page(page, app_server, "/lstm_backprop?tshown=4&training_clipping_fps=2")
    button = page.locator(f"{TRAINING} button")
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_function(f"() => /frame [3-9] of/.test(document.querySelector('{TRAINING} .play-now').textContent)",
                           timeout=RUN_TIMEOUT_MS)
    press_on_slider(page, "training_clipping_fps", "ArrowRight")  # 2 → 3 frames a second: the section reruns
    wait_for_app(page)
    expect(button).to_contain_text("Pause")
    moving = _frame_shown(page)
    page.wait_for_function(f"() => !document.querySelector('{TRAINING} .play-now').textContent"
                           f".includes('shown = {moving}%')", timeout=RUN_TIMEOUT_MS)
    button.click()
    expect(button).to_contain_text("Play")
    reached = _frame_shown(page)
    expect(page.locator(".st-key-tshown input[type='range']").first).to_have_attribute(
        "aria-valuetext", str(reached), timeout=RUN_TIMEOUT_MS)
    page.wait_for_timeout(2500)  # several ticks of a timer left behind, if any
    assert _frame_shown(page) == reached and "Play" in button.inner_text()
    assert re.search(rf"[?&]tshown={reached}(&|$)", page.url)
    assert_no_errors(page)
