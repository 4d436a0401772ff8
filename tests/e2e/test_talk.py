"""The talk deck in a real browser: a clicker's keys move through the scenes and the link follows."""

import collections
import contextlib
import re
import time
import warnings

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import (
    RUN_TIMEOUT_MS,
    assert_no_errors,
    hold_answers,
    open_page,
    release_answers,
    wait_for_app,
)
from ui.talk import deck as decks
from ui.talk import live

pytestmark = pytest.mark.e2e


def _press(page, key: str) -> None:
    page.keyboard.press(key)
    page.wait_for_timeout(300)  # the rerun starts
    wait_for_app(page)


def test_pagedown_space_and_home_move_through_the_deck(app_server, page):
    deck = decks.load("ten-minutes")
    assert not any(s.has_step for s in deck.scenes[:2]), "scenes 1–2 have no reveal step (else Next reveals first)"
    total = len(deck)
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    open_page(page, app_server, "/talk?deck=ten-minutes&scene=1")
    assert_no_errors(page)
    expect(counter).to_contain_text(f"1 / {total}")
    _press(page, "PageDown")
    _press(page, "PageDown")
    expect(counter).to_contain_text(f"3 / {total}", timeout=RUN_TIMEOUT_MS)
    assert re.search(r"[?&]scene=3\b", page.url), page.url
    _press(page, "Home")
    expect(counter).to_contain_text(f"1 / {total}", timeout=RUN_TIMEOUT_MS)
    assert re.search(r"[?&]scene=1\b", page.url), page.url
    _press(page, "Space")  # a hidden button carries Space
    expect(counter).to_contain_text(f"2 / {total}", timeout=RUN_TIMEOUT_MS)
    _press(page, "End")
    expect(counter).to_contain_text(f"{total} / {total}", timeout=RUN_TIMEOUT_MS)
    assert_no_errors(page)


def test_the_home_page_opens_a_deck_on_its_first_scene(app_server, page):
    """A teacher who never read the README finds the talk: the home page's deck link opens scene 1, in
    presenter mode, and its speaker view link the speaker's view."""
    deck = decks.load("ten-minutes")
    open_page(page, app_server, "/")
    card = page.locator(".st-key-talk_card_ten-minutes")
    expect(card).to_contain_text(f"{deck.title}, {len(deck)} scenes")
    card.get_by_role("link", name="The talk, from scene 1").click()
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    expect(counter).to_contain_text(f"1 / {len(deck)}", timeout=RUN_TIMEOUT_MS)
    assert "/talk?" in page.url and "deck=ten-minutes" in page.url, page.url
    assert re.search(r"[?&]scene=1\b", page.url) and re.search(r"[?&]present=1\b", page.url), page.url
    assert_no_errors(page)
    open_page(page, app_server, "/")
    page.locator(".st-key-talk_card_ten-minutes").get_by_role("link", name="Speaker view").click()
    expect(page.locator(".st-key-talk_notes")).to_contain_text("Next:", timeout=RUN_TIMEOUT_MS)
    assert "view=speaker" in page.url and "deck=ten-minutes" in page.url, page.url
    page.get_by_test_id("stExpandSidebarButton").click()  # (presenter mode keeps the sidebar closed)
    page.get_by_test_id("stSidebar").get_by_role("link", name="Home").click()  # leaving drops the talk's keys
    page.wait_for_url(re.compile(r"/(\?.*)?$"))
    wait_for_app(page)
    assert not re.search(r"[?&](deck|scene|view|room|features)=", page.url), page.url
    assert_no_errors(page)


def test_the_browsers_back_and_forward_go_one_step_through_the_talk(app_server, page):
    """One history entry a step (the link changes once a step, not once a parameter), and the browser's Back
    at once shows the step before, its revealed values and all, with no older link to hold it off."""
    deck = decks.load("full-series")
    assert deck.scene(8).reveal == {"theory": "true"} and deck.scene(9).has_step, "the deck's scenes 8–9 changed"
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    open_page(page, app_server, "/talk?deck=full-series&scene=7")
    entries = page.evaluate("history.length")
    for _ in range(3):  # scene 8, its theory drawn, scene 9
        _press(page, "PageDown")
    expect(counter).to_contain_text(f"9 / {len(deck)}", timeout=RUN_TIMEOUT_MS)
    assert page.evaluate("history.length") - entries == 3
    for travel, scene, theory in ((page.go_back, 8, True), (page.go_back, 8, False), (page.go_forward, 8, True),
                                  (page.go_forward, 9, None)):
        travel()
        page.wait_for_timeout(300)
        wait_for_app(page)
        expect(counter).to_contain_text(f"{scene} / {len(deck)}", timeout=RUN_TIMEOUT_MS)
        assert re.search(rf"[?&]scene={scene}\b", page.url), page.url
        if theory is not None:  # (the widget itself may then drop a default value from the address)
            expect(page.locator(".st-key-theory input[type=checkbox]")).to_be_checked(checked=theory)
    assert page.evaluate("history.length") - entries == 3, "travelling adds no entry (Forward still works)"
    assert_no_errors(page)


def test_a_clicker_turns_the_scene_while_a_slider_has_the_focus(app_server, page):
    """A speaker who has just moved a slider leaves the focus on it: the clicker's PageDown and PageUp still turn
    the scene (the slider would take them for itself and move), and the slider keeps its value."""
    deck = decks.load("full-series")
    n = next(s.number for s in deck.scenes if s.section == "angles" and not s.has_step)
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    open_page(page, app_server, f"/talk?deck=full-series&scene={n}")
    for key, scene in (("PageDown", n + 1), ("PageUp", n)):
        page.locator('.st-key-dim input[type="range"]').first.focus()
        _press(page, key)
        expect(counter).to_contain_text(f"{scene} / {len(deck)}", timeout=RUN_TIMEOUT_MS)
        assert re.search(rf"[?&]scene={scene}\b", page.url), page.url
        assert re.search(rf"[?&]dim={deck.scene(scene).controls['dim']}\b", page.url), page.url
    assert_no_errors(page)


@pytest.mark.parametrize(("scene", "url_after"), [(32, "scene=33"), (8, "theory=true")], ids=["move", "reveal"])
def test_a_pagedown_survives_the_poll_asking_before_its_answer_arrives(app_server, page, scene, url_after):
    """The room's poll asks for a run every second, with the link and control values the browser has. A
    PageDown whose answer takes longer (a slow network, a busy server) is followed by a poll that still says
    the scene before it (or the question's controls, on a reveal): the move is held against it, and lands."""
    deck = decks.load("full-series")
    target = deck.scene(scene + (not deck.scene(scene).has_step))
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    held = hold_answers(page)
    open_page(page, app_server, f"/talk?deck=full-series&scene={scene}&room=e2e-slow")
    held["on"] = True
    page.keyboard.press("PageDown")
    page.wait_for_timeout(1600)  # the poll has asked, with the older link
    release_answers(held)
    page.wait_for_timeout(2500)  # what the poll's run led to
    wait_for_app(page)
    expect(counter).to_contain_text(f"{target.number} / {len(deck)}")
    assert url_after in page.url, page.url
    assert_no_errors(page)


KEEP_INTERVALS = """(() => {  // the page's interval timers, so a test can run one when it chooses
  const set = window.setInterval, clear = window.clearInterval;
  window.__intervals = new Map();
  window.setInterval = function (fn, ms, ...rest) {
    const id = set.call(this, fn, ms, ...rest);
    window.__intervals.set(id, { fn, ms });
    return id;
  };
  window.clearInterval = function (id) { window.__intervals.delete(id); return clear.call(this, id); };
})();"""

PRESS_AS_THE_POLL_FALLS_DUE = """([selector, pollMs]) => {
  const polls = [...window.__intervals.values()].filter((timer) => timer.ms === pollMs);
  if (polls.length !== 1) return polls.length;
  setTimeout(() => { const start = performance.now(); while (performance.now() - start < 300) {} }, 0);
  document.querySelector(selector).click();  // the press: its flush is a 0 ms timer, behind the busy one
  polls[0].fn();  // the poll's interval, overdue on a busy browser, runs before that flush
  return 1;
}"""


def test_one_pagedown_is_one_step_when_the_poll_sends_it_too(app_server, page):
    """A projector laptop busy painting when the clicker's key arrives: the room poll's interval is overdue and
    runs between the press and the press's own flush, so it sends the press too, in a request for the poll's
    fragment alone, which the server starts first. The press acts once (``ui.presses``): scene 8's PageDown shows
    its answer, and does not skip on to scene 9."""
    deck = decks.load("full-series")
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    page.add_init_script(KEEP_INTERVALS)
    page.frames_seen = _frames_seen(page)
    open_page(page, app_server, "/talk?deck=full-series&scene=8&room=e2e-busy")
    assert page.evaluate(PRESS_AS_THE_POLL_FALLS_DUE, [".st-key-talk_next button", live.POLL_S * 1000]) == 1
    page.wait_for_timeout(1500)
    wait_for_app(page)
    expect(counter).to_contain_text(f"8 / {len(deck)}")
    assert re.search(r"[?&]scene=8\b", page.url) and "theory=true" in page.url, page.url
    pressed = [what for _, way, what in page.frames_seen if way == "asked" and "'talk_next'" in what]
    assert len(pressed) == 2, pressed  # the poll's request and the press's own both carried it
    assert_no_errors(page)


def test_a_scene_box_gone_missing_is_drawn_again_once(app_server, page):
    """The scene's box has gone missing under its bar a few times in hundreds of scenes walked (a key's run and
    the room's poll reaching the server together). The talk's watch (``assets/redraw.js``) asks for one more
    run when the page has been idle for a second with the bar and no box, and not again for that link within
    ten seconds. The fault cannot be caused on demand, so the watch is pointed at a box no scene draws."""
    page.frames_seen = _frames_seen(page)
    open_page(page, app_server, "/talk?deck=ten-minutes&scene=2&room=e2e-redraw")
    assert page.evaluate("() => window.__talkRedraw.asked") == 0  # a scene that is drawn is left alone
    page.evaluate("() => { window.__talkRedraw.box = '.st-key-no_such_box'; }")
    page.wait_for_function("() => window.__talkRedraw.asked === 1", timeout=10_000)
    wait_for_app(page)
    page.wait_for_timeout(3000)  # idle and still "missing": it does not ask again
    assert page.evaluate("() => window.__talkRedraw.asked") == 1
    redraws = [what for _, way, what in page.frames_seen if way == "asked" and "talk_redraw" in what]
    assert len(redraws) == 1, list(page.frames_seen)
    assert "scene=2" in redraws[0], redraws  # the run is asked with the scene's own link: it stays on it
    expect(page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first).to_contain_text("2 / ")
    assert page.locator(".st-key-talk_scene").count() == 1
    assert_no_errors(page)


def _new_page(browser, size: tuple[int, int]):
    """A page in a context of its own (its own session), collecting page errors as the ``page`` fixture."""
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def test_a_phone_and_the_projector_follow_the_speaker(app_server, browser):
    """Three windows in one room: the speaker's view, the projector's (the audience view, opened on a
    prepared link) and a phone's (``view=follow``, from the QR code). The speaker's PageDown moves both."""
    deck = decks.load("ten-minutes")
    total = len(deck)
    room = "e2e-follow"
    windows = {}
    for name, size, path in (("speaker", (1280, 800), f"&scene=1&view=speaker&room={room}"),
                             ("projector", (1024, 768), f"&scene=1&room={room}"),
                             ("phone", (390, 844), f"&view=follow&room={room}")):
        windows[name] = _new_page(browser, size)
        open_page(windows[name], app_server, f"/talk?deck=ten-minutes{path}")
    counters = {name: w.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
                for name, w in windows.items()}
    for name in windows:
        expect(counters[name]).to_contain_text(f"1 / {total}", timeout=RUN_TIMEOUT_MS)
    expect(windows["phone"].get_by_text("Following the speaker")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    speaker = windows["speaker"]
    speaker.bring_to_front()
    _press(speaker, "PageDown")
    for name in windows:  # the followers' poll runs every second; the wait only bounds a failure
        expect(counters[name]).to_contain_text(f"2 / {total}", timeout=30_000)
    _press(windows["phone"], "PageDown")  # the phone explores on its own: the others stay
    expect(counters["phone"]).to_contain_text(f"3 / {total}", timeout=RUN_TIMEOUT_MS)
    expect(windows["phone"].get_by_text("You are exploring on your own")).to_be_visible(timeout=30_000)
    expect(counters["projector"]).to_contain_text(f"2 / {total}")
    windows["phone"].get_by_role("button", name="Rejoin the speaker").click()
    expect(counters["phone"]).to_contain_text(f"2 / {total}", timeout=30_000)
    for window in windows.values():
        assert_no_errors(window)
        window.context.close()


FIGURES = ('.st-key-talk_scene :is([data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"], '
           '[data-testid="stImage"], [data-testid="stTable"])')
# a figure of this run: shown, with a height, and not a stale one that the run in progress is about to replace
DRAWN = ("(sel) => [...document.querySelectorAll(sel)].some(e => e.offsetParent && !e.closest('[data-stale=\"true\"]')"
         " && e.getBoundingClientRect().height > 0)")
# On each scene: the first figure's box, the smallest diagram label, formula text and body text.
MEASURE = """(sel) => {
  const shown = [...document.querySelectorAll(sel)].filter(e => e.offsetParent && !e.closest('[data-stale="true"]'));
  // the first on screen (a scene's style may draw a figure before one above it in the page's order)
  const first = shown.length ? shown.map(e => e.getBoundingClientRect()).sort((a, b) => a.top - b.top)[0] : null;
  const size = (e) => parseFloat(getComputedStyle(e).fontSize) * (e.getScreenCTM ? e.getScreenCTM().a : 1);
  const labels = [...document.querySelectorAll('.st-key-talk_scene [data-testid="stGraphVizChart"] svg text')]
    .filter(e => e.textContent.trim()).map(size);
  const formulas = [...document.querySelectorAll('.st-key-talk_scene .katex-display .katex')]
    .filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize));
  const over = [...document.querySelectorAll('.st-key-talk_scene .katex-display')]
    .filter(e => e.offsetParent).map(e => e.scrollWidth - e.clientWidth);
  const body = document.querySelector('.st-key-talk_scene [data-testid="stMarkdownContainer"] p');
  const bar = document.querySelector('.st-key-talk_scene [class*="st-key-play_bar_"]');
  const played = bar && shown.find(e => bar.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {top: first && first.top, bottom: first && first.bottom, right: first && first.right,
          label: labels.length ? Math.min(...labels) : null, formula: formulas.length ? Math.min(...formulas) : null,
          body: body ? parseFloat(getComputedStyle(body).fontSize) : null,
          formulaOver: over.length ? Math.max(...over) : 0,
          played: played ? played.getBoundingClientRect().bottom : null,
          // what a missing figure's report says: figures in the DOM, shown or not, and the script's state
          present: document.querySelectorAll(sel).length,
          state: document.querySelector('[data-testid="stApp"]').dataset.testScriptState,
          shown: (document.querySelector('.st-key-talk_scene')?.innerText ?? '(no scene box)').slice(0, 300),
          errors: [...document.querySelectorAll('[data-testid="stException"]')].map(e => e.innerText.slice(0, 600))};
}"""


# Scenes not yet fixed, each with what the scene test would report ("label" or "figure"); none left.
KNOWN: dict[tuple[str, str], str] = {}


# What the page's main area holds (each block's key or test id), for a scene whose box is missing.
MAIN_BLOCKS = """() => [...document.querySelectorAll('[data-testid="stMain"] [class*="st-key-"]')]
    .map(e => [...e.classList].find(c => c.startsWith('st-key-'))).slice(0, 40)"""


def _measure_scene(page, app_server: str, number: int) -> dict:
    """MEASURE on the scene once its run is over and a figure of it is drawn. On a busy machine a figure can
    come late (a chart is drawn after the run, and the room's poll may rerun the page after a move), so a
    scene with no figure gets a second wait before it is reported.

    A scene whose box is missing altogether after both waits (the bar counts the scene, the scene is not
    drawn: seen in full CI runs, at scenes 20 and 25, never alone) is a fault of its own, not of the
    projector's layout, which this test measures: it is reported as a warning with what the page held and
    its last websocket messages, and the scene is measured again from its link."""
    for _ in range(2):
        wait_for_app(page)
        with contextlib.suppress(PlaywrightTimeout):  # a scene without a figure is reported by the caller
            page.wait_for_function(DRAWN, arg=FIGURES, timeout=15_000)
        page.wait_for_timeout(800)  # Vega-Lite draws after the run
        m = page.evaluate(MEASURE, FIGURES)
        if m["top"] is not None:
            return m
    if m["shown"] == "(no scene box)":
        frames = _frames_around_key(page, before=4, after=40)
        warnings.warn(f"scene {number}: the bar counts it but its box is not drawn (script {m['state']}; the "
                      f"page's blocks: {page.evaluate(MAIN_BLOCKS)}; link {page.url}); measured again from "
                      f"its link. The websocket messages since the key:\n{frames}", stacklevel=2)
        open_page(page, app_server, "/talk?" + page.url.split("?", 1)[1], whole=False)
        wait_for_app(page)
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(DRAWN, arg=FIGURES, timeout=15_000)
        page.wait_for_timeout(800)
        m = page.evaluate(MEASURE, FIGURES)
    return m


def test_every_scene_fits_a_1024_projector(app_server, browser):
    """Walk the whole series with PageDown at 1024 × 768, as a speaker would, and on every scene check that
    its first figure is whole on screen, and so is the figure its ▶ moves (the first after the play bar),
    diagram labels are 18 px or more (measured on screen, so what the back row sees), and formulas are as
    large as the body text and fit their column."""
    deck = decks.load("full-series")
    page = _new_page(browser, (1024, 768))
    page.frames_seen = _frames_seen(page)
    page.add_init_script(KEYS_SEEN)
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    open_page(page, app_server, "/talk?deck=full-series&scene=1")
    problems = []
    for scene in deck.scenes:
        _reach(page, counter, scene.number, len(deck))
        m = _measure_scene(page, app_server, scene.number)
        where = f"scene {scene.number} ({scene.page}.{scene.section})"
        known = KNOWN.get((scene.page, scene.section))
        if (m["top"] is None or m["bottom"] > 768 or m["right"] > 1024) and known != "figure":  # none, or not whole
            problems.append(f"{where}: first figure at {m['top']}–{m['bottom']} px (right {m['right']}; "
                            f"{m['present']} figure elements, script {m['state']}; the scene shows: {m['shown']!r}; "
                            f"exceptions shown: {m['errors']!r})")
        if m["errors"]:  # an exception shown on one scene is gone by the end of the walk, where the check is
            problems.append(f"{where}: an exception is shown: {m['errors']!r}")
        if m["played"] is not None and m["played"] > 768:  # a scene that plays: the figure ▶ moves, in view
            problems.append(f"{where}: the figure its ▶ moves ends at {m['played']} px")
        if m["label"] is not None and m["label"] < 18 and known != "label":
            problems.append(f"{where}: a diagram label is {m['label']:.1f} px")
        if m["formula"] is not None and m["body"] is not None and m["formula"] < m["body"] - 0.5:
            problems.append(f"{where}: formula text {m['formula']:.1f} px, smaller than the body's {m['body']:.1f} px")
        if m["formulaOver"] > 1:
            problems.append(f"{where}: a formula runs {m['formulaOver']} px past its column")
        if scene.number < len(deck):
            wait_for_app(page)  # the speaker moves on once the scene is shown, not while it is still drawn
            page.frames_seen.append((round(time.monotonic(), 3), "key", f"PageDown on scene {scene.number}"))
            page.keyboard.press("PageDown")
            if scene.has_step:
                page.wait_for_timeout(300)
                wait_for_app(page)
                if scene.answer:  # the answer takes the question's place, on the first screen, figure whole
                    problems.extend(_answer_problems(page, app_server, scene))
                page.keyboard.press("PageDown")  # past the second step (an answer, or the theory drawn)
    redrawn = page.evaluate("() => window.__talkRedraw?.asked ?? 0")
    if redrawn:  # healed on the projector, but still worth knowing: the fault the watch is there for happened
        warnings.warn(f"the talk's watch drew a missing scene box again {redrawn} time(s) in the walk; the "
                      f"websocket messages around the last key:\n{_frames_around_key(page, before=4, after=40)}",
                      stacklevel=1)
    assert_no_errors(page)
    page.context.close()
    assert not problems, "\n".join(problems)


# The bar's visible markdown blocks whose text runs past the box the page lays out for them, in px.
TEXT_PAST_ITS_BOX = """() => [...document.querySelectorAll(
    '.st-key-talk_bar [data-testid="stMarkdown"] [data-testid="stMarkdownContainer"]')]
  .filter(m => m.offsetParent !== null)
  .map(m => [m.innerText.slice(0, 40),
             Math.round(m.getBoundingClientRect().bottom
                        - m.closest('[data-testid="stMarkdown"]').getBoundingClientRect().bottom)])
  .filter(([, past]) => past > 0)"""

QUESTION_LINES = """() => { const p = document.querySelector('.st-key-talk_ask p'); const bar = document.querySelector(
  '.st-key-talk_bar'); const r = p.getBoundingClientRect();
  return {lines: Math.round(r.height / parseFloat(getComputedStyle(p).lineHeight)),
          textBottom: r.bottom, rule: bar.getBoundingClientRect().bottom}; }"""


def test_a_question_on_two_lines_stays_above_the_bars_rule(app_server, browser):
    """At 1024 × 768 scene 11's question takes two lines: every text of the bar keeps inside its own box, and the
    question ends above the bar's rule (Streamlit pulls a markdown block up by 1rem for its last paragraph's
    margin, which the bar takes away: the rule ran through the question's second line)."""
    page = _new_page(browser, (1024, 768))
    open_page(page, app_server, "/talk?deck=full-series&scene=11")
    expect(page.locator(".st-key-talk_ask")).to_contain_text("250-dimensional ball")
    wait_for_app(page)
    question = page.evaluate(QUESTION_LINES)
    assert question["lines"] == 2, question  # the case this checks
    assert question["textBottom"] <= question["rule"], question
    assert page.evaluate(TEXT_PAST_ITS_BOX) == []
    assert_no_errors(page)
    page.context.close()


ANSWER_SHOWN = """(answer) => { const box = document.querySelector('.st-key-talk_ask');
  return !!box && box.innerText.includes(answer) && box.getBoundingClientRect().bottom <= innerHeight; }"""


def _answer_problems(page, app_server: str, scene) -> list[str]:
    """What is wrong with a scene's answer step: the answer not shown in the bar, on screen, or the first
    figure no longer whole."""
    where = f"scene {scene.number} ({scene.page}.{scene.section}), its answer"
    try:
        page.wait_for_function(ANSWER_SHOWN, arg=scene.answer[:40], timeout=15_000)
    except PlaywrightTimeout:
        return [f"{where}: not shown in the bar on the first screen"]
    m = _measure_scene(page, app_server, scene.number)
    if m["top"] is None or m["bottom"] > 768 or m["right"] > 1024:
        return [f"{where}: the first figure at {m['top']}–{m['bottom']} px (right {m['right']})"]
    return []


def _reach(page, counter, number: int, total: int) -> None:
    """Wait for scene ``number``. A PageDown the page did not act on (seen twice in CI, scenes 33 → 34 and
    34 → 35, never here; the focus was not in a field) is pressed again, with a warning naming where the focus
    was: this test measures the scenes, ``test_pagedown_space_and_home_move_through_the_deck`` the keys."""
    shown = re.compile(rf"\b{number} / {total}\b")
    try:
        expect(counter).to_contain_text(shown, timeout=60_000)
        return
    except AssertionError:
        focus = page.evaluate("() => document.activeElement?.outerHTML.slice(0, 120)")
        frames = _frames_around_key(page, before=60, after=12)
        keys = page.evaluate("() => JSON.stringify((window.__keysSeen || []).slice(-6))")
        warnings.warn(f"PageDown to scene {number} was not acted on within 60 s (focus: {focus}); pressed again."
                      f" The keys the page heard (and its Next button then): {keys}. The page's websocket messages"
                      f" around the key (time, way, what):\n{frames}", stacklevel=2)
    page.keyboard.press("PageDown")
    expect(counter).to_contain_text(shown, timeout=RUN_TIMEOUT_MS)


# Every key the page hears, first of all listeners, with the Next button and the script's state at that moment.
KEYS_SEEN = """window.__keysSeen = []; window.addEventListener('keydown', (e) => {
  const next = document.querySelector('.st-key-talk_next button');
  window.__keysSeen.push({key: e.key, at: Math.round(performance.now()), target: e.target.tagName,
    next: next ? (next.disabled ? 'disabled' : 'enabled') : 'absent',
    state: document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState});
  window.__keysSeen = window.__keysSeen.slice(-20);
}, true);"""


def _frames_around_key(page, before: int, after: int) -> str:
    """The page's websocket messages (:func:`_frames_seen`) around the last key the walk pressed, a line each."""
    seen = list(getattr(page, "frames_seen", ()))
    key = max((k for k, frame in enumerate(seen) if frame[1] == "key"), default=0)
    return "\n".join(map(str, seen[max(0, key - before):key + after]))


def _frames_seen(page, keep: int = 400) -> collections.deque:
    """The last ``keep`` messages of the page's websocket, each as (time, way, what): a rerun the browser asked
    for (its fragment, the buttons it triggers, its query string), and the server's runs' starts, ends and link
    changes. For the warning of :func:`_reach`: what went on around a PageDown the page did not act on."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen: collections.deque = collections.deque(maxlen=keep)

    def sent(payload) -> None:
        with contextlib.suppress(Exception):  # a message this decoding does not know is left out
            message = BackMsg.FromString(payload if isinstance(payload, bytes) else payload.encode())
            if message.WhichOneof("type") == "rerun_script":
                rerun = message.rerun_script
                pressed = [w.id.rsplit("-", 1)[-1] for w in rerun.widget_states.widgets
                           if w.WhichOneof("value") == "trigger_value" and w.trigger_value]
                seen.append((round(time.monotonic(), 3), "asked", f"fragment {rerun.fragment_id[:8] or '-'} "
                             f"pressed {pressed} ?{rerun.query_string}"))

    def received(payload) -> None:
        with contextlib.suppress(Exception):  # a message this decoding does not know is left out
            message = ForwardMsg.FromString(payload if isinstance(payload, bytes) else payload.encode())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                seen.append((round(time.monotonic(), 3), "run", "started"))
            elif kind == "script_finished":
                seen.append((round(time.monotonic(), 3), "run", f"ended ({message.script_finished})"))
            elif kind == "page_info_changed":
                seen.append((round(time.monotonic(), 3), "link", message.page_info_changed.query_string))

    def on_socket(socket) -> None:
        socket.on("framesent", sent)
        socket.on("framereceived", received)

    page.on("websocket", on_socket)
    return seen


# The charts whose right edge runs past the screen (a chart laid out wider than a phone's column).
PAST_THE_EDGE = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1
                 || (e.querySelector('.marks')?.getBoundingClientRect().right ?? 0) > innerWidth + 1)
    .map(e => (e.getAttribute('aria-label') || '').slice(0, 50))"""


@pytest.mark.parametrize("path", ["/talk?deck=full-series&scene=8&view=follow&room=phone", "/curse_of_dimensionality"])
def test_on_a_phone_every_chart_fits_the_screen_and_the_play_bar_takes_two_rows(app_server, page, path):
    """At 390 × 844 (a phone following the talk), the panels side by side (Pac-Man's, the distances') are
    drawn scaled to the column, not cut at the screen's edge; ▶ and the frame reached share a row. (A room
    of its own: no speaker of another test moves this follower off scene 8.)"""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, app_server, path)
    expect(page.locator('[data-testid="stVegaLiteChart"] .marks').first).to_be_visible()
    assert page.evaluate(PAST_THE_EDGE) == []
    button = page.locator(".st-key-play_angles button").bounding_box()
    reached = page.locator(".st-key-play_angles .play-now").bounding_box()
    assert abs(button["y"] + button["height"] / 2 - reached["y"] - reached["height"] / 2) < 30
    assert reached["x"] > button["x"] + button["width"] - 1
    assert_no_errors(page)


@pytest.mark.parametrize(("scene", "shown"), [(14, False), (15, True), (18, False), (19, False), (20, True)])
def test_a_scene_shows_its_pages_controls_only_when_its_section_reads_them(app_server, page, scene, shown):
    """On the projector, the sequence length and stride sit above the weather windows (scene 15) but not above
    the tensors of a photo (14) or CTC's frames (18); T, H and ρ above the unrolled RNN (20), not above the
    dense layer (19). Hidden, the controls are still drawn: the scene's link and values stay as they were."""
    page.set_viewport_size({"width": 1024, "height": 768})
    open_page(page, app_server, f"/talk?deck=full-series&scene={scene}")
    assert_no_errors(page)
    slider = page.locator(".st-key-talk_scene .st-key-seq_len")
    expect(slider).to_be_attached()
    expect(slider).to_be_visible() if shown else expect(slider).to_be_hidden()
    expect(page.locator(".st-key-talk_unread_controls")).to_have_count(0 if shown else 1)
