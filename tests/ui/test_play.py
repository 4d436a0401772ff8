"""▶ Play: the frame grid, one tick of a sweep, ▶ and ⏸ on a page (AppTest cannot run the timer: the
tests drive the tick function and the button's callback)."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
from unittest import mock

import pandas as pd
import pyarrow as pa
import pytest

from tests.app.conftest import assert_clean, charts, run_page
from ui import controls, play
from ui.curse_of_dimensionality.sections import DIM_FRAMES, QUICK_DIMS

STOPS = controls.nice_values(1, 10_000)
# A sequence longer than ``play.STACK_UP_TO`` steps: its t plays on the server, a frame a run
LONG = {"seq_len": str(play.STACK_UP_TO + 20)}


# ---------------------------------------------------------------------------------------------- frames
def test_log_frames_run_from_lo_to_hi_on_the_slider_stops_evenly_in_log():
    frames = play.log_frames(2, 10_000, 32, STOPS)
    assert frames[0] == 2 and frames[-1] == 10_000
    assert frames == sorted(set(frames)) and set(frames) <= set(STOPS)
    assert 28 <= len(frames) <= 32
    ratios = [math.log(b / a) for a, b in itertools.pairwise(frames[8:])]  # past the small integers
    assert max(ratios) < 2.5 * min(ratios)  # roughly even in log D


@pytest.mark.parametrize(("lo", "hi", "n"), [(5, 5, 10), (0, 10, 5), (2, 10, 1)])
def test_log_frames_refuse_an_empty_range(lo, hi, n):
    with pytest.raises(ValueError):
        play.log_frames(lo, hi, n, STOPS)


def test_the_curse_pages_frames_hold_the_quick_picks():
    assert set(QUICK_DIMS) - {1} <= set(DIM_FRAMES)
    assert DIM_FRAMES[0] == 2 and DIM_FRAMES[-1] == 10_000 and 25 <= len(DIM_FRAMES) <= 40


@pytest.mark.parametrize(("value", "start"), [(50, 70), (55, 70), (1, 2), (9000, 10_000), (10_000, 2)])
def test_play_starts_after_the_value_and_again_from_the_first_frame_at_the_end(value, start):
    assert play.start_frame(DIM_FRAMES, value) == start


def test_next_frame_stops_at_the_end():
    assert play.next_frame([1, 2, 3], 1) == 2
    assert play.next_frame([1, 2, 3], 3) is None


# ---------------------------------------------------------------------------------------------- ticks
def test_a_tick_moves_one_frame_and_the_last_tick_stops_with_the_control_at_the_end():
    session: dict = {}
    play.play("angles", 2, session)
    assert play.playing("angles", session) and play.reached("angles", session) == 2
    assert play.advance("angles", "dim", [2, 3, 4], session) == 3
    assert play.advance("angles", "dim", [2, 3, 4], session) == 4
    assert session.get("dim") is None  # the control is left alone while playing
    assert play.advance("angles", "dim", [2, 3, 4], session) is None
    assert not play.playing("angles", session) and session["dim"] == 4


def test_pause_writes_the_frame_reached_into_the_control():
    session: dict = {"dim": 50}
    play.play("shells", 60, session)
    play.advance("shells", "dim", DIM_FRAMES, session)
    assert play.stop("shells", "dim", session) == 70 and session["dim"] == 70
    assert play.stop("shells", "dim", session) is None and session["dim"] == 70  # not playing: no change


def test_one_sweep_plays_at_a_time():
    session: dict = {}
    play.play("angles", 2, session)
    play.play("shells", 2, session)
    assert play.playing("shells", session) and not play.playing("angles", session)
    assert play.reached("angles", session) is None


# ---------------------------------------------------------------------------------------------- AppTest
def _tick(at, name: str, key: str, frames) -> None:
    """What one timed rerun of the playing section does, on the AppTest session's state."""
    session = {k: at.session_state[k] for k in (play.PLAYING, play.VALUE) if k in at.session_state}
    play.advance(name, key, frames, session)
    at.session_state[play.VALUE] = session[play.VALUE]


@contextlib.contextmanager
def _session(session: dict):
    """``st.session_state`` replaced by a plain dict for a pure function of the controls."""
    with mock.patch.object(controls.st, "session_state", session):
        yield


def _button(at, name: str):
    """The section's ▶ or ⏸, whichever is drawn (they are two widgets)."""
    keys = {b.key for b in at.button}
    (key,) = {f"play_{name}_start", f"play_{name}_pause"} & keys
    return at.button(key=key)


def _bar_text(at) -> str:
    return " ".join(m.value for m in at.markdown if " · frame " in m.value)


def test_play_then_ticks_then_pause_on_the_lstm_step_through_time():
    """A sweep the server plays (t on the LSTM forward page, whose scrubber is drawn above the section)."""
    at = run_page("pages/lstm_forward.py", {"t": "3", **LONG})
    assert_clean(at)
    assert "**t = 3** · frame 3 of " in _bar_text(at)
    _button(at, "step_through_time").click().run()
    assert _button(at, "step_through_time").label == "Pause"
    assert "**t = 4**" in _bar_text(at)  # ▶ starts at the frame after the scrubber's t
    formulas = [f.value for f in at.latex]
    for _ in range(2):
        _tick(at, "step_through_time", "t", range(1, 100))
    at.run()
    assert "**t = 6**" in _bar_text(at)
    assert at.slider(key="t").value == 3  # the page's scrubber waits for ⏸
    assert [f.value for f in at.latex] != formulas  # the section is drawn at t = 6
    _button(at, "step_through_time").click().run()
    assert_clean(at)
    assert _button(at, "step_through_time").label == "Play"
    assert at.slider(key="t").value == 6
    assert at.query_params["t"] in ("6", ["6"])


def _fresh_run_then_a_tick():
    """A generator section through ``play._body`` twice, as a run of the section and as a tick."""
    import functools

    import streamlit as st

    from ui import play

    log = []

    def toy(state):
        log.append("played")
        yield
        log.append("rest")

    sweep = play.Sweep("toy", "toy_t", "t", "", lambda state: [1, 2, 3], lambda state: 1,
                       functools.partial(play._into_session, "toy_t"))
    play.play("toy", 1, key="toy_t")
    st.session_state[play.FRESH] = "toy"
    handed, ticked = [], []
    play._body(sweep, toy, None, None, handed)  # a run of the section: what follows the yield is handed on
    value = handed[1]
    for _ in handed[0]:
        pass
    play._body(sweep, toy, None, None, ticked)  # a tick: one frame on, drawn up to the yield only
    st.session_state["result"] = (log, value, len(ticked), play.reached("toy"))


def test_a_tick_redraws_a_generator_section_up_to_its_yield_and_a_run_hands_on_the_rest():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_fresh_run_then_a_tick).run()
    assert not at.exception
    log, value, ticked, reached = at.session_state["result"]
    assert log == ["played", "rest", "played"]  # the tick did not draw the rest
    assert (value, ticked, reached) == (1, 0, 2)


def _lead_then_the_timed_part():
    """A played section with a lead, its timed fragment replaced by one that says when it runs."""
    from unittest import mock

    import streamlit as st

    from ui import play

    log, timed = [], [False]

    def fragment(body, run_every=None):
        def run(*args):
            timed[0] = True
            try:
                body(*args)
            finally:
                timed[0] = False
        return run

    @play.sweeps("toy_t", "t", frames=lambda state: [1, 2, 3], value=lambda state: 1,
                 lead=lambda state: log.append(("lead", timed[0])))
    def toy(state):
        log.append(("figure", timed[0]))
        yield
        log.append(("rest", timed[0]))

    with (mock.patch.object(play.st, "fragment", fragment),
          mock.patch.object(play.st, "html", lambda html: log.append(("style", timed[0])))):
        toy(None)
    st.session_state["log"] = log


def test_a_sections_lead_and_the_bars_style_are_drawn_outside_the_timed_fragment():
    """A tick reruns the timed fragment only: what no frame changes is drawn outside it, once."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_lead_then_the_timed_part).run()
    assert not at.exception
    assert at.session_state["log"] == [("lead", False), ("style", False), ("figure", True), ("rest", False)]


def test_while_the_simple_rnn_plays_the_part_after_the_figure_says_where_it_was_drawn():
    at = run_page("pages/simple_rnn.py", {"t": "3", **LONG})
    note = "Below: at t = 4, where ▶ started; drawn again when it stops."
    assert note not in [c.value for c in at.caption]
    _button(at, "forward").click().run()
    assert note in [c.value for c in at.caption]
    _button(at, "forward").click().run()
    assert_clean(at)
    assert not [c.value for c in at.caption if "where ▶ started" in c.value]


def test_a_link_opens_paused_with_its_speed():
    at = run_page("pages/simple_rnn.py", {"forward_fps": "8", "t": "3", **LONG})
    assert_clean(at)
    assert _button(at, "forward").label == "Play"
    assert at.slider(key="forward_fps").value == 8
    _button(at, "forward").click().run()
    _tick(at, "forward", "t", range(1, 61))
    at.run()
    assert at.slider(key="t").value == 5  # ▶ from t = 3 starts at 4; one tick: 5


def test_leaving_the_page_pauses_the_sweep():
    at = run_page("pages/lstm_forward.py", LONG)
    _button(at, "step_through_time").click().run()
    assert _button(at, "step_through_time").label == "Pause"
    at.switch_page("pages/simple_rnn.py").run()
    at.switch_page("pages/lstm_forward.py").run()
    assert_clean(at)
    assert _button(at, "step_through_time").label == "Play"


def test_a_click_delivered_twice_does_not_turn_the_sweep_back_on():
    """▶ and ⏸ are no-ops in the state they lead to: a repeated ⏸ leaves the sweep paused at its frame."""
    session = {}
    play.play("angles", 70, session)
    assert play.stop("angles", "dim", session) == 70 and session["dim"] == 70
    assert play.stop("angles", "dim", session) is None and not play.playing("angles", session)
    assert session["dim"] == 70


def test_pause_and_play_are_two_widgets_so_a_stale_click_on_pause_finds_no_button():
    at = run_page("pages/simple_rnn.py", LONG)
    keys = {b.key for b in at.button}
    assert "play_forward_start" in keys and "play_forward_pause" not in keys
    _button(at, "forward").click().run()
    keys = {b.key for b in at.button}
    assert "play_forward_pause" in keys and "play_forward_start" not in keys


def test_while_play_sweeps_t_the_scrubber_above_the_section_says_so_and_waits():
    """The frames redraw their section only, so a control drawn above it (the LSTM page's t) keeps the value
    ▶ started from: while it plays, the section's frame greys it and its label says that ▶ plays it below;
    ⏸ (a full rerun) drops that. A control the section draws itself (the simple RNN's t) shows every frame,
    and is left alone."""
    def held(at) -> bool:
        return any(".st-key-t " in h.proto.body and play.HELD_NOTE in h.proto.body for h in at.get("html"))

    at = run_page("pages/lstm_forward.py", {"t": "3", **LONG})
    assert not held(at)
    _button(at, "step_through_time").click().run()
    assert_clean(at)
    assert held(at)
    _button(at, "step_through_time").click().run()  # ⏸
    assert_clean(at)
    assert not held(at) and at.slider(key="t").value == at.session_state["t"] == 4
    rnn = run_page("pages/simple_rnn.py", LONG)
    _button(rnn, "forward").click().run()
    assert_clean(rnn)
    assert not any(play.HELD_NOTE in h.proto.body for h in rnn.get("html"))


@pytest.mark.parametrize(("value", "seen", "moves"), [
    (70, 70, True), (70, 50, True), (70, 40, True), (70, 30, False), (70, None, True), (None, 2, True)])
def test_a_tick_waits_while_the_browser_is_more_than_two_frames_behind(value, seen, moves):
    frames = [2, 10, 30, 40, 50, 70, 100]
    assert play.caught_up(frames, value, seen) is moves


def test_pause_holds_the_frame_against_the_browsers_older_value():
    """⏸ sets the control and holds it: a tick already on its way carries the slider's old value back, and
    does not undo the pause; once the browser sends the new value, the hold ends."""
    session = {}
    play.play("angles", 300, session, key="dim")
    assert session[controls.SWEPT] == "dim"
    assert play.stop("angles", "dim", session) == 300 and controls.SWEPT not in session
    with _session(session):
        assert controls._held("dim", 300) == 300  # the pause's own run (the app set the value)
        assert controls._held("dim", 50) == 300  # the browser's old value, sent before it drew the pause: held
        assert controls._held("dim", 300) == 300  # the browser agrees: the hold ends
        assert controls._held("dim", 70) == 70  # a later move is the reader's own


@pytest.mark.parametrize("reported, taken", [(40, 40), (40.0, 40), (42, None), ("40", None), (True, None),
                                             ([40], None), (None, None)])
def test_the_frame_the_browser_reports_goes_into_the_control_only_when_it_is_a_frame(reported, taken):
    """⏸ of a sweep played in the browser: the component's trigger value is the frame reached; the control
    takes it (and the page reruns); anything else (a tampered message) is ignored."""
    session = {"tshown": 100, "drv": {"stopped": reported}}
    with _session(session), mock.patch.object(play.st, "session_state", session), \
            mock.patch.object(play.st, "rerun") as rerun:
        play._reached_in_browser("tshown", "drv", tuple(range(4, 101, 4)))
    assert session["tshown"] == (100 if taken is None else taken)
    assert type(session["tshown"]) is int
    assert rerun.called == (taken is not None)


def test_the_training_section_plays_in_the_browser_with_its_charts_parameter():
    """The training's bar is the browser's ▶ (no server-side ▶/⏸ widgets), and its charts declare the
    parameter it steps, at the slider's value."""
    at = run_page("pages/lstm_backprop.py", {"tshown": "40"})
    assert_clean(at)
    assert not {f"play_training_clipping_{b}" for b in ("start", "pause")} & {b.key for b in at.button}
    specs = [json.loads(c.proto.spec) for c in charts(at) if "play_training_clipping" in c.proto.spec]
    assert [p["value"] for spec in specs for p in spec["params"] if p["name"] == "play_training_clipping"] == [40, 40]


def test_the_bar_reads_a_held_value_before_the_slider_is_drawn():
    """``controls.peek`` (the training's bar, drawn before its slider): the app's held value while a hold
    lasts (a request carrying the browser's older value must not move ▶'s start), else the session's, else
    the link's, else the default."""
    parse = lambda raw: controls.parse_on_steps(raw, 4, 100, 4, integer=True)  # noqa: E731
    session = {}
    with _session(session), mock.patch.object(controls.st, "query_params", {"tshown": "40"}):
        assert controls.peek("tshown", 100, parse) == 40
        session["tshown"] = 20
        assert controls.peek("tshown", 100, parse) == 20
        controls.hold("tshown", 44, session)
        session["tshown"] = 20  # the browser's older value, come back
        assert controls.peek("tshown", 100, parse) == 44
    with _session({}), mock.patch.object(controls.st, "query_params", {"tshown": "junk"}):
        assert controls.peek("tshown", 100, parse) == 100


# ---------------------------------------------------------------- Pac-Man: prepared on ▶, played in the browser
def _angle_chart(at):
    (chart,) = [c for c in charts(at) if "one panel for each of the article's D" in c.proto.alt]
    return chart


def _angle_spec(at) -> dict:
    return json.loads(_angle_chart(at).proto.spec)


def _rows(chart) -> pd.DataFrame:
    """The rows a drawn chart holds (Streamlit sends its datasets as Arrow, beside the spec)."""
    tables = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    return pd.concat(tables, ignore_index=True)


def _angle_rows(at) -> pd.DataFrame:
    return _rows(_angle_chart(at))


def _prepared(section: str, query: dict[str, str]):
    """The curse page at ``query`` as ▶ of ``section`` draws it once it has asked for every frame (from
    D = 100, the slider at 70), with the charts that declare the section's parameter."""
    at = run_page("pages/curse_of_dimensionality.py", query)
    at.session_state[play.PREPARED] = {section: (70, 100, 1)}
    at.run()
    assert_clean(at)
    return at, [c for c in charts(at) if f'"play_{section}"' in c.proto.spec]


def _panel_labels(at) -> set[str]:
    return set(_angle_rows(at)["D"].dropna().astype(str))


def test_pac_man_plays_in_the_browser_and_its_panels_hold_one_frame_until_play():
    """The Pac-Man bar is the browser's ▶ (no server-side ▶/⏸ widgets); until ▶ its panels hold the slider's
    D only, with no parameter: a view that does not play sends one frame."""
    at = run_page("pages/curse_of_dimensionality.py", {"dim": "70"})
    assert_clean(at)
    assert not {"play_angles_start", "play_angles_pause"} & {b.key for b in at.button}
    assert "params" not in _angle_spec(at) and "frame" not in _angle_rows(at)
    assert _panel_labels(at) == {"D = 2", "D = 3", "D = 50", "D = 100", "D = 70"}


def test_after_play_the_panels_hold_every_frame_and_filter_on_the_parameter():
    """▶ (the component's ``start``, a frame) reruns the section with the panels of every frame: the chart
    declares ``play_angles`` at the frame sent and draws the rows of frame 0 (the article's D) and of that
    frame; the part after the panels says where it was drawn; a moved D drops it all."""
    at, _ = _prepared("angles", {"dim": "70"})
    spec = _angle_spec(at)
    (param,) = [p for p in spec["params"] if p["name"] == "play_angles"]
    assert param["value"] == 100
    assert {"filter": "datum.frame == 0 || datum.frame == play_angles"} in spec["transform"]
    frames = {f"D = {d:,}" for d in DIM_FRAMES}
    assert _panel_labels(at) == frames  # the article's four and every other frame's (none twice)
    rows = _angle_rows(at)
    assert set(rows.loc[rows["D"] == "D = 50", "frame"]) == {0}  # drawn at every frame
    assert set(rows.loc[rows["D"] == "D = 1,200", "frame"]) == {1200}  # drawn at its own
    assert "Below: at D = 70, where ▶ started; drawn again when it stops." in [c.value for c in at.caption]
    at.select_slider(key="dim").set_value(200).run()  # a key on the slider: the component stops, unreported
    assert_clean(at)
    assert "params" not in _angle_spec(at) and "angles" not in at.session_state[play.PREPARED]


@pytest.mark.parametrize("sent, kept", [(100, 100), (100.0, 100), (99, None), ("100", None), (False, None),
                                        (None, None)])
def test_play_asks_for_every_frame_only_with_a_frame(sent, kept):
    """The component's ``start`` is the frame ▶ starts from: kept (with the control's value and a new count,
    which tells the component to play) only when it is a frame; the section (its fragment) then reruns."""
    session = {"drv": {"start": sent}}
    with mock.patch.object(play.st, "session_state", session), mock.patch.object(play.st, "rerun") as rerun:
        play._prepare_in_browser("angles", "drv", DIM_FRAMES, 70, "curse_of_dimensionality.angles")
        play._prepare_in_browser("angles", "drv", DIM_FRAMES, 70, "curse_of_dimensionality.angles")
    if kept is None:
        assert play.PREPARED not in session and not rerun.called
    else:
        assert session[play.PREPARED] == {"angles": (70, kept, 2)}
        rerun.assert_called_with(["curse_of_dimensionality.angles"])


def test_pause_in_the_browser_drops_the_frames_and_keeps_the_frame_reached():
    session = {"dim": 70, play.PREPARED: {"angles": (70, 100, 1)}, "drv": {"stopped": 400}}
    with _session(session), mock.patch.object(play.st, "session_state", session), \
            mock.patch.object(play.st, "rerun") as rerun:
        play._reached_in_browser("dim", "drv", DIM_FRAMES, "angles")
    assert session["dim"] == 400 and session[play.PREPARED] == {} and rerun.called


def test_after_play_the_shells_three_charts_hold_every_frame():
    """The shells' ▶ prepares like Pac-Man's: the discs, the share over D and the radii declare
    ``play_shells`` at the frame sent; the radii hold each frame's histogram (``frame``), the discs each
    frame's stand-in; V_D(1) above them, at the D ▶ started from, is faded with the part after them."""
    at, declared = _prepared("shells", {"dim": "70", "pin": "10"})
    assert len(declared) == 3
    for chart in declared:
        (param,) = json.loads(chart.proto.spec)["params"]
        assert param["value"] == 100 and param["bind"]["min"] == 2 and param["bind"]["max"] == 10_000
    (radii,) = [c for c in declared if c.proto.alt.startswith("Histogram of the distances from the centre of uniform")]
    assert set(_rows(radii)["frame"].dropna()) == {0, *DIM_FRAMES}  # pinned D: 0; each frame its own
    (discs,) = [c for c in declared if c.proto.alt.startswith("Three discs")]
    labels = set(_rows(discs)["label"].dropna())
    assert all(f"D = {d:,} stand-in" in " ".join(labels) for d in DIM_FRAMES)
    faded = play.REST_CSS.format(name="shells")
    assert any(faded in h.proto.body for h in at.get("html"))
    assert "Below: at D = 70, where ▶ started; drawn again when it stops." in [c.value for c in at.caption]


def test_after_play_the_distance_charts_hold_every_frame_and_their_formula_fades():
    at, declared = _prepared("distances", {"dim": "70"})
    assert len(declared) == 2
    for chart in declared:
        assert {0, *DIM_FRAMES} <= set(_rows(chart)["frame"].dropna())  # the table's D and every frame's own
    assert any(play.REST_CSS.format(name="distances") in h.proto.body for h in at.get("html"))


# -------------------------------------------------- t of a short sequence: stacked on ▶, played in the browser
def _blocks(at, prefix: str) -> list:
    """The containers keyed ``<prefix>…`` the run drew, in the page's order (their key ends the block's id)."""
    found = []

    def walk(node) -> None:
        if getattr(node, "children", None) is None:
            return
        block_id = getattr(getattr(node, "proto", None), "id", "") or ""
        if block_id.rsplit("-", 1)[-1].startswith(prefix):
            found.append(node)
        for child in node.children.values():
            walk(child)

    walk(at._tree)
    return found


def _key(block) -> str:
    return block.proto.id.rsplit("-", 1)[-1]


def _elements(block, kind: str) -> list:
    out = []

    def walk(node) -> None:
        if getattr(node, "type", None) == kind:
            out.append(node)
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(block)
    return out


@pytest.mark.parametrize(("page", "section"), [("simple_rnn", "forward"), ("lstm_forward", "step_through_time")])
def test_a_short_sequences_t_plays_in_the_browser_and_its_section_draws_one_step_until_play(page, section):
    at = run_page(f"pages/{page}.py", {"t": "3"})
    assert_clean(at)
    assert not {f"play_{section}_{b}" for b in ("start", "pause")} & {b.key for b in at.button}  # the browser's ▶
    assert not _blocks(at, f"play_stack_{section}")


@pytest.mark.parametrize(("page", "section", "diagrams"), [("simple_rnn", "forward", 1),
                                                           ("lstm_forward", "step_through_time", 2)])
def test_after_play_a_short_sequence_draws_every_step_stacked(page, section, diagrams):
    """▶ asked for every step (from t = 4, the slider at 3): the section draws its diagrams and formulas once a
    step, each in its own part of one stack, with the style that shows the step ▶ starts from; the part of the
    simple RNN's section after the figure says where it was drawn."""
    at = run_page(f"pages/{page}.py", {"t": "3"})
    at.session_state[play.PREPARED] = {section: (3, 4, 1)}
    at.run()
    assert_clean(at)
    assert len(_blocks(at, f"play_stack_{section}")) == 1
    parts = _blocks(at, f"play_frame_{section}_")
    assert [_key(p) for p in parts] == [f"play_frame_{section}_{t}" for t in range(1, 21)]
    assert all(len(_elements(part, "graphviz_chart")) == diagrams for part in parts)
    for t in (1, 7, 20):  # each step's part holds what the section draws at that t without ▶
        alone = run_page(f"pages/{page}.py", {"t": str(t)})
        dots = [g.proto.spec for g in _elements(parts[t - 1], "graphviz_chart")]
        assert set(dots) <= {g.proto.spec for g in alone.get("graphviz_chart")}
        formulas = [f.value for f in _elements(parts[t - 1], "latex")]
        every = [f.value for f in alone.latex]
        at_t = every.index(formulas[0])
        assert formulas and every[at_t:at_t + len(formulas)] == formulas
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert f".st-key-play_stack_{section} > :has(> .st-key-play_frame_{section}_4)" in styles
    if section == "forward":  # (the LSTM's step section moves as a whole)
        assert "Below: at t = 3, where ▶ started; drawn again when it stops." in [c.value for c in at.caption]


def test_a_moved_t_drops_the_stack():
    at = run_page("pages/simple_rnn.py", {"t": "3"})
    at.session_state[play.PREPARED] = {"forward": (3, 4, 1)}
    at.run()
    at.slider(key="t").set_value(9).run()
    assert_clean(at)
    assert not _blocks(at, "play_stack_forward") and "forward" not in at.session_state[play.PREPARED]


@pytest.mark.parametrize(("page", "section", "steps", "server"), [
    ("simple_rnn", "forward", play.STACK_UP_TO, False), ("simple_rnn", "forward", play.STACK_UP_TO + 1, True),
    ("lstm_forward", "step_through_time", play.STACK_UP_TO // 2, False),
    ("lstm_forward", "step_through_time", play.STACK_UP_TO // 2 + 1, True)])
def test_a_longer_sequence_plays_on_the_server(page, section, steps, server):
    """The browser stacks at most ``STACK_UP_TO`` steps of one diagram (the LSTM's steps have two: half as many);
    past that, ▶ is the server's two buttons."""
    at = run_page(f"pages/{page}.py", {"seq_len": str(steps)})
    assert_clean(at)
    assert (f"play_{section}_start" in {b.key for b in at.button}) is server


def test_a_sequence_made_short_while_the_server_plays_it_hands_play_to_the_browser():
    """T moved from 60 to 20 while the server plays t: its sweep (and timer) is dropped, the browser's ▶ shows."""
    at = run_page("pages/simple_rnn.py", {"t": "3", **LONG})
    _button(at, "forward").click().run()
    assert play.playing("forward", at.session_state)
    at.slider(key="seq_len").set_value(20).run()
    assert_clean(at)
    assert not play.playing("forward", at.session_state)
    assert not {"play_forward_start", "play_forward_pause"} & {b.key for b in at.button}
