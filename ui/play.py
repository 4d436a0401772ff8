"""Play: a ▶ button that sweeps one control of a section through its range, frame by frame.

A section with a natural sweep (D from 2 to 10,000, the time step t, the training steps shown) is decorated
with :func:`sweeps` and calls :func:`bar` where its ▶/⏸ button and speed slider belong. A sweep the server
plays (t of a long sequence): while it plays, the section's body is a fragment rerun every 1/fps seconds
(``st.fragment(run_every=…)``): each run moves the swept value one frame on and redraws that section only,
never the page, so a control above the section (the LSTM page's t) does not rerun the whole page at every
frame. A section may ``yield`` once, at its top level (not inside a ``with``), after the figure ▶ moves: each
frame then redraws the section up to there, and what follows stays as drawn when ▶ started, faded under a
note, until ⏸ redraws it (the browser's redrawing of a whole section is what holds ▶ back: Pac-Man went from
2.5 to 4.6 frames a second when it played on the server).

How the value flows:

* the frames are a fixed grid (:func:`log_frames` for D, every step for t); ▶ starts from the frame
  after the control's value (from the first frame when it is at the end) and the sweep **stops** at
  the last frame;
* while playing, the frame reached lives in the session under this module's key, not in the control:
  a page-level slider outside the fragment is not redrawn, and the browser would send its old value
  back at every frame. The section is drawn with ``apply(state, value)`` (a fresh copy of the page's
  state: a fragment rerun otherwise sees the state of the last full run);
* the timer is the browser's (Streamlit's ``run_every``), and a hidden widget echoes the frame the browser
  has drawn: a tick moves on only while the screen is at most ``AHEAD`` frames behind, so ⏸ lands near
  the frame shown and a slow browser slows ▶ down instead of falling behind. (Waiting for the frame
  itself halves the rate: the echo comes back a tick late.)
* a control the section draws itself (t) shows each frame, so the browser sends an older value back at
  the next tick: that is not a move, and does not rerun the control's readers (``controls.SWEPT``);
* ▶ and ⏸ are two widgets, each a no-op when the sweep is already in its state, so a click delivered
  twice never turns the sweep back on;
* ⏸ (or the end of the sweep) writes the frame reached into the control and reruns the page, so the
  slider shows it and the URL holds it: the link reproduces the frame. A link opens paused; the speed
  is a URL-bound control like any other (``?<section>_fps=``).

Each frame costs one run of the section: its Monte Carlo results and chart specs come from the caches
of the page (``data.py``, :mod:`ui.kit.specs`), whose sizes are bounded.

**Played in the browser** (``sweeps(..., in_browser=True)``, the training's steps shown): where the section's
charts already hold every frame and only filter on the swept value, that value is a Vega-Lite parameter
(:func:`param`, bound to a hidden input) and ▶ is a small component (``assets/play.js``) that steps it on the
browser's timer: no server run per frame, so ▶ keeps to the asked rate whatever the server does. ⏸ or the last
frame sends the frame reached back (a trigger value): the control takes it, as with ⏸ above, and the page
reruns. The rest of the section (captions, descriptions, the CSV) shows the frame ▶ started from until then.

**Prepared on ▶** (``sweeps(..., prepare=True)``, the D sweeps): charts that would hold every frame at every
view (34 Monte Carlo runs, a heavier page for every reader) hold the control's frame only. ▶ sends the frame
to start from (the component's ``start`` trigger, :func:`_prepare_in_browser`); the section reruns with
:func:`prepared` giving every frame, so its charts hold them all and filter on :func:`param`; the component,
called with that run's token, plays once the section's ``bar(charts=n)`` charts are drawn. ⏸ drops them.

**Stacked** (``sweeps(..., stack_up_to=n)``, t through a sequence of at most n steps): prepared on ▶ as above,
but what ▶ moves is diagrams and formulas, which no parameter moves; the section draws it through
:func:`each_frame`, once at the control's value, or on ▶ once a frame, stacked in one place (the tallest frame
sets its height), and the component shows one frame at a time. A longer sweep plays on the server.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import inspect
import math
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any

import streamlit as st

from ui import controls, presses
from ui.kit import assets
from ui.kit.style import style as kit_style

PLAYING = "_play_on"  # session key: name of the sweep that plays now (one at a time), else absent
VALUE = "_play_value"  # session key: {sweep name: the frame value reached}
FRESH = "_play_fresh"  # session key: the section has just drawn the body: the next body run is not a tick
CURRENT = "_play_current"  # session key: the sweep of the section being drawn (for :func:`bar`)
# session key: {sweep name: (the control's value, the frame ▶ starts from, a count of ▶ presses)} of the sweeps
# played in the browser whose charts hold every frame while ▶ plays (``sweeps(..., prepare=True)``)
PREPARED = "_play_prepared"
PRESSES = "_play_presses"  # session key: how many times ▶ asked for the charts of every frame
# In a talk scene, whose figures come first (``ui.talk.scene``), the play bar comes before them: the button
# stays on a 1024 × 768 screen. On a phone the bar takes two rows, not three (Streamlit stacks columns there).
BAR_CSS = """<style>
.st-key-talk_scene [data-testid="stLayoutWrapper"]:has(> [class*="st-key-play_bar_"]) { order: -2 !important; }
[class*="st-key-play_seen_"] { display: none; }
@media (max-width: 640px) {  /* a phone: ▶ and the frame reached side by side, the speed under them */
  [class*="st-key-play_bar_"] [data-testid="stColumn"] { min-width: 0 !important; flex: 1 1 40% !important; }
  [class*="st-key-play_bar_"] [data-testid="stColumn"]:last-child { flex-basis: 100% !important; }
}
</style>"""
AHEAD = 2  # frames the server may run ahead of the frame the browser says it has drawn
FPS_RANGE = (1, 10)
# A t sweep of at most this many frames of one diagram plays in the browser, its diagrams and formulas drawn at every
# frame when ▶ is pressed (:func:`each_frame`); a longer sequence plays on the server, a frame a run. (▶ to the first
# frame took 3.2 s for the simple RNN's 40 steps, 6.1 s for 40 LSTM steps of two diagrams each: the LSTM stacks 20.)
STACK_UP_TO = 40
DEFAULT_FPS = 5


# ---------------------------------------------------------------------------------------------- frames
def log_frames(lo: int, hi: int, n: int, stops: Sequence[int]) -> list[int]:
    """About ``n`` frames from ``lo`` to ``hi``, evenly spaced in log D and snapped to the slider's
    ``stops`` (so every frame is a value the slider can show): lo · (hi/lo)^(k/(n−1)), k = 0 … n−1, each
    moved to the nearest stop in ratio, duplicates dropped."""
    if not 0 < lo < hi or n < 2:
        raise ValueError(f"need 0 < lo < hi and n ≥ 2, got lo={lo}, hi={hi}, n={n}")
    allowed = [s for s in stops if lo <= s <= hi]
    frames = []
    for k in range(n):
        target = lo * (hi / lo) ** (k / (n - 1))
        frames.append(min(allowed, key=lambda s: abs(math.log(s / target))))
    return sorted(set(frames))


def start_frame(frames: Sequence[int], value: int) -> int:
    """Where ▶ starts: the first frame after ``value``; the first frame when ``value`` is at or past the end."""
    i = bisect.bisect_right(frames, value)
    return frames[i] if i < len(frames) else frames[0]


def next_frame(frames: Sequence[int], value: int) -> int | None:
    """The frame after ``value``, or None when ``value`` is the last (the sweep stops there)."""
    i = bisect.bisect_right(frames, value)
    return frames[i] if i < len(frames) else None


# ---------------------------------------------------------------------------------------------- sweeps
@dataclasses.dataclass(frozen=True)
class Sweep:
    """One section's sweep: the control ``key`` it moves, its ``frames`` (a function of the page's state),
    how to read the control's ``value`` from the state, and how to ``apply`` a frame to the state."""

    name: str
    key: str
    label: str
    unit: str
    frames: Callable[[Any], Sequence[int]]
    value: Callable[[Any], int]
    apply: Callable[[Any, int], Any]
    outside: bool = False  # the control is drawn outside the section (the page's D): frames do not move it
    in_browser: bool = False  # ▶ steps a Vega-Lite parameter in the browser (:func:`param`), no server run per frame
    prepare: bool = False  # (in the browser) the charts hold every frame only while ▶ plays: ▶ asks for them first
    stacked: bool = False  # (prepared) the section draws what ▶ moves at every frame, stacked (:func:`each_frame`)

    @property
    def fps_key(self) -> str:
        return f"{self.name}_fps"


def _session(session: MutableMapping | None) -> MutableMapping:
    return st.session_state if session is None else session


def playing(name: str, session: MutableMapping | None = None) -> bool:
    """Whether the sweep ``name`` plays now (in ``session``: this session's state unless given)."""
    return _session(session).get(PLAYING) == name


def reached(name: str, session: MutableMapping | None = None) -> int | None:
    """The frame value the sweep ``name`` has reached while playing (None when it is not playing)."""
    session = _session(session)
    return session.get(VALUE, {}).get(name) if playing(name, session) else None


def advance(name: str, key: str, frames: Sequence[int], session: MutableMapping | None = None) -> int | None:
    """One tick of the sweep ``name``: move it one frame on and return the value to draw; past the last
    frame, stop (the control ``key`` takes the last value; the caller reruns the page) and return None."""
    session = _session(session)
    values = session.setdefault(VALUE, {})
    value = next_frame(frames, values.get(name, frames[0]))
    if value is None:
        stop(name, key, session)
        return None
    values[name] = value
    return value


def play(name: str, start: int, session: MutableMapping | None = None, key: str | None = None) -> None:
    """Start the sweep ``name`` of the control ``key`` at ``start`` (stops any other sweep of the session)."""
    session = _session(session)
    session[PLAYING] = name
    session[controls.SWEPT] = key
    # leaving the page or the scene drops them
    session.setdefault(controls.BOUND_KEYS, set()).update((PLAYING, controls.SWEPT))
    session.setdefault(VALUE, {})[name] = start
    session[FRESH] = name


def stop(name: str, key: str, session: MutableMapping | None = None) -> int | None:
    """Stop the sweep ``name``: its control ``key`` takes the value reached (which the page then shows and
    the URL keeps). Returns that value (None when it was not playing)."""
    session = _session(session)
    value = reached(name, session)
    session.pop(PLAYING, None)
    session.pop(controls.SWEPT, None)
    session.get(VALUE, {}).pop(name, None)
    if value is not None:
        controls.hold(key, value, session)  # a tick on its way carries the control's old value back
    return value


def _drop(name: str) -> None:
    """Forget the server's sweep ``name`` without a frame for its control (its timer stops with the next run)."""
    for key in (PLAYING, controls.SWEPT):
        st.session_state.pop(key, None)
    st.session_state.get(VALUE, {}).pop(name, None)


def _start(sweep_name: str, key: str, start: int, outer: str | None) -> None:
    """▶ callback: the section reruns and its body becomes a timed fragment. A no-op when the sweep already
    plays (a click the browser sent twice)."""
    if playing(sweep_name):
        return
    play(sweep_name, start, key=key)
    st.rerun([outer] if outer else "app")


def _pause(sweep_name: str, key: str) -> None:
    """⏸ callback: the control takes the frame reached and the page reruns, so the control and the URL show
    it. A no-op when the sweep no longer plays (a click the browser sent twice)."""
    if stop(sweep_name, key) is not None:
        st.rerun()


def bar(where=None, charts: int = 1) -> None:
    """The ▶/⏸ button and the speed slider of the sweep of the section being drawn (see :func:`sweeps`);
    nothing when the section is drawn without its sweep. ``charts``: how many charts a sweep that
    ``prepare``s draws on the parameter (▶ plays once they are all drawn)."""
    if CURRENT not in st.session_state:
        return
    sweep, frames, value, outer = st.session_state[CURRENT]
    if sweep.in_browser:
        _browser_bar(sweep, frames, value, where, outer, charts)
        return
    on = playing(sweep.name)
    host = (where if where is not None else st).container(key=f"play_bar_{sweep.name}")
    button, now, speed = host.columns([2, 3, 3], vertical_alignment="center")
    # ▶ and ⏸ are two widgets (one drawn at a time) in one container, ``play_<name>``: a click the browser
    # sends again after the button has turned (a timed rerun racing the click) reaches a widget that is no
    # longer drawn, and is dropped, instead of turning the sweep back on.
    button = button.container(key=f"play_{sweep.name}")
    hint = _hint(sweep, frames)
    if on:
        button.button("Pause", key=f"play_{sweep.name}_pause", icon=":material/pause:", type="primary",
                      width="stretch", on_click=presses.once(_pause), args=(sweep.name, sweep.key), help=hint)
    else:
        button.button("Play", key=f"play_{sweep.name}_start", icon=":material/play_arrow:", width="stretch",
                      on_click=presses.once(_start), args=(sweep.name, sweep.key, start_frame(frames, value), outer),
                      help=hint)
    at = bisect.bisect_left(frames, value) + 1
    now.markdown(f"**{sweep.label} = {value:,}{sweep.unit}** · frame {min(at, len(frames))} of {len(frames)}")
    controls.int_slider("Frames per second", sweep.fps_key, *FPS_RANGE, DEFAULT_FPS, where=speed,
                        help="Speed of ▶: frames drawn per second (each frame reruns this section only).")
    st.session_state[_seen_key(sweep.name)] = value  # the browser sends it back once it has drawn this frame
    host.number_input("Frame drawn", key=_seen_key(sweep.name), label_visibility="collapsed")


# In a talk scene, the part of a played section with a lead that holds its bar and the figure ▶ moves comes
# before the lead (the simple RNN's folded cell): the scene is about the figure that plays
# (!important: the scene's figure-first rule, as specific, sits later in the page than a section's own sheet)
TIMED_FIRST_CSS = """<style>
.st-key-talk_scene [data-testid="stLayoutWrapper"]:has([class*="st-key-play_bar_"]) { order: -2 !important; }
</style>"""


def _bar_css(sweep: Sweep, on: bool) -> str:
    """The style of a server-played sweep's bar (and, while it plays, of the faded rest and the held control),
    for the section to draw outside the timed fragment: a new style element at every frame would make the
    browser restyle the whole page."""
    return (BAR_CSS + (REST_CSS.format(name=sweep.name) if on else "")
            + (held_css(sweep.key) if on and sweep.outside else ""))


def _hint(sweep: Sweep, frames: Sequence[int]) -> str:
    """The ▶ button's help: what it sweeps and what ⏸ keeps."""
    return (f"Sweep {sweep.label} from {frames[0]:,} to {frames[-1]:,} ({len(frames)} frames); "
            "pause keeps the frame reached, in the slider and the link.")


def held_css(key: str) -> str:
    """While ▶ sweeps a control drawn outside the section (the page's D, in its sticky bar), the frames redraw
    the section only and the control keeps the value ▶ started from: it is greyed, cannot be grabbed, and
    its label says ▶ plays it below. The style is part of the section's frame, so ⏸ (a full rerun) drops it."""
    return f"<style>{_held_rules(f'.st-key-{key}', HELD_NOTE)}</style>"


def _held_rules(where: str, note: str) -> str:
    """CSS for a held control inside ``where``: its slider greyed and out of the pointer's reach, ``note``
    after its label (the server's sweeps: :func:`held_css`; the browser's: ``play-held``, set by play.js)."""
    return (f"{where} [data-testid='stSlider'] {{ opacity: 0.45; pointer-events: none; }}"
            f"{where} [data-testid='stWidgetLabel'] p::after {{ content: '{note}'; font-weight: 600; }}")


HELD_NOTE = " · ▶ playing below"  # one line in the bar on a 1024 px projector


def _seen_key(name: str) -> str:
    """The hidden widget that echoes the frame the browser has drawn (see :data:`AHEAD`)."""
    return f"play_seen_{name}"


def caught_up(frames: Sequence[int], value: int | None, seen: int | None) -> bool:
    """Whether the browser, which says it has drawn ``seen``, is close enough behind ``value`` (the frame
    the server drew last) for the next tick to move on: at most :data:`AHEAD` frames behind."""
    if value is None or seen is None or seen not in frames or value not in frames:
        return True
    return frames.index(value) - frames.index(seen) <= AHEAD


def sweeps(key: str, label: str, frames: Callable[[Any], Sequence[int]], value: Callable[[Any], int],
           apply: Callable[[Any, int], Any] | None = None, unit: str = "", in_browser: bool = False,
           prepare: bool = False, lead: Callable[[Any], None] | None = None, stack_up_to: int = 0):
    """Decorate a section so that it can play: while its sweep plays, the section's body runs as a
    fragment every 1/fps seconds, one frame further each time. ``frames(state)`` lists the values,
    ``value(state)`` reads the control, ``apply(state, v)`` returns the state drawn at frame ``v``
    (default: the frame goes into ``st.session_state[key]``, for a control the section draws itself);
    ``label`` and ``unit`` name the value beside the button ("D = 50", "shown = 40%"). A section that is a
    generator is redrawn at each frame up to its ``yield`` only (see the module's docstring). ``in_browser``:
    the section's charts filter on the parameter :func:`param` of the section, and ▶ steps it in the browser;
    ``prepare`` (with ``in_browser``): they hold every frame only while ▶ plays (:func:`prepared`), which
    ▶ asks the server for first, so a view that does not play sends one frame. ``lead(state)`` draws the
    section's top, which no frame changes (its header, a folded diagram, the equations in symbols): drawn
    outside the timed fragment, so a frame of a server-played sweep sends and redraws only what moves.
    ``stack_up_to``: a sweep of at most that many frames plays in the browser, prepared, with the part of the
    section ▶ moves drawn at every frame, stacked, one shown at a time (:func:`each_frame`: diagrams and formulas,
    which no Vega-Lite parameter can move); a longer one plays on the server."""

    def decorate(section: Callable) -> Callable:
        base = Sweep(section.__name__, key, label, unit, frames, value, apply or functools.partial(_into_session, key),
                     outside=apply is not None, in_browser=in_browser or prepare, prepare=prepare)

        @functools.wraps(section)
        def played(state) -> None:
            from ui import present  # (it imports this module)

            if st.session_state.get(present.HEAD_ONLY):  # the header alone (ui.in_view): no fragment, no sweep
                drawn = (lead or section)(state)
                if inspect.isgenerator(drawn):
                    next(drawn, None)
                return
            sweep = base
            if 0 < len(frames(state)) <= stack_up_to:
                sweep = dataclasses.replace(base, in_browser=True, prepare=True, stacked=True)
                if playing(sweep.name):  # the server played a sequence made short since: the browser's ▶ takes over
                    _drop(sweep.name)
            on = playing(sweep.name)
            fps = st.session_state.get(sweep.fps_key, DEFAULT_FPS)
            body = st.fragment(_body, run_every=1 / fps if on else None)
            if lead is not None:
                lead(state)
            style = (TIMED_FIRST_CSS if lead is not None else "") + ("" if sweep.in_browser else _bar_css(sweep, on))
            if style:
                kit_style(style)
            st.session_state[FRESH] = sweep.name
            rest: list = []
            body(sweep, section, state, st.session_state.get(controls.SECTION), rest)
            if rest:
                _rest(sweep, *rest)

        return played

    return decorate


def _into_session(key: str, state, value: int):
    """Apply a frame to a control the section draws itself: its session value, read when it is drawn."""
    st.session_state[key] = value
    return state


def _body(sweep: Sweep, section: Callable, state, outer: str | None, rest: list) -> None:
    """The section at the current frame: a tick (a timed rerun of this fragment alone) moves one frame on;
    a run from the section or the page draws the frame reached. A section that ``yield``s is drawn up to its
    ``yield`` here; on a run from the section or the page, what follows goes into ``rest`` (with the value
    drawn), for :func:`_rest` to draw after the fragment; a tick leaves it as it was drawn."""
    frames = list(sweep.frames(state))
    fresh = st.session_state.pop(FRESH, None) == sweep.name
    if not fresh and not playing(sweep.name):
        # a tick of a sweep that has stopped: ⏸'s page run was overtaken by a tick already on its way, and
        # this fragment still carries its timer. A page run draws it anew, without one.
        st.rerun()
    seen = st.session_state.get(_seen_key(sweep.name))
    if (playing(sweep.name) and not fresh and caught_up(frames, reached(sweep.name), seen)
            and advance(sweep.name, sweep.key, frames) is None):
        st.rerun()  # the end: the page redraws with the control at the last frame
    value = reached(sweep.name)
    if value is not None:
        state = sweep.apply(state, value)
    st.session_state[CURRENT] = (sweep, frames, sweep.value(state) if value is None else value, outer)
    previous = st.session_state.get(controls.SECTION)
    st.session_state[controls.SECTION] = outer
    try:
        drawn = section(state)
        if inspect.isgenerator(drawn):
            next(drawn, None)
            if fresh:
                rest.extend((drawn, st.session_state[CURRENT][2]))
            else:
                drawn.close()
    finally:
        st.session_state[controls.SECTION] = previous
        st.session_state.pop(CURRENT, None)


# While ▶ plays, the part of a section after its ``yield`` stays as drawn when ▶ started, faded, under a note
# (and so does a part before it that names the swept value, in a container keyed ``play_rest_<name>_…``)
REST_CSS = "<style>[class*='st-key-play_rest_{name}'] {{ opacity: 0.45; }}</style>"


def _rest(sweep: Sweep, rest, value: int) -> None:
    """The part of a played section after its ``yield``: drawn on every run of the section or the page, never
    on a tick, so each frame of ▶ redraws the figure it moves and nothing else. While ▶ plays it shows the
    frame ▶ started from, faded, under a note that says so; ⏸ (a page run) draws it at the frame reached."""
    note = st.empty()  # (always there: the part's elements keep their place when ▶ starts and stops)
    if playing(sweep.name) or sweep.name in st.session_state.get(PREPARED, {}):
        note.caption(f"Below: at {sweep.label} = {value:,}{sweep.unit}, where ▶ started; drawn again when it stops.")
    with st.container(key=f"play_rest_{sweep.name}"):
        for _ in rest:
            pass


# ------------------------------------------------------------------------------------------ in the browser
def param(name: str) -> str:
    """The Vega-Lite parameter that ▶ steps in the browser for the section ``name`` (its sweep ``in_browser``):
    the section's charts declare it (the control's value, bound to a hidden range input) and filter on it."""
    return f"play_{name}"


# The charts' bound inputs are the driver's, never the reader's: hidden. The button is drawn as Streamlit's.
BROWSER_CSS = """<style>
form.vega-bindings:has(input[name^="play_"]) { display: none; }
.play-driver { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap;
  font-family: var(--st-font, inherit); }
.play-driver button { display: inline-flex; align-items: center; justify-content: center; gap: 0.35rem;
  min-width: 7.5rem; min-height: 2.5rem; padding: 0.25rem 0.9rem; font: inherit; cursor: pointer;
  color: var(--st-text-color, #31333f); background: var(--st-background-color, #fff);
  border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); border-radius: var(--st-button-radius, 0.5rem); }
.play-driver button:hover { border-color: var(--st-primary-color, #ff4b4b); color: var(--st-primary-color, #ff4b4b); }
.play-driver button:focus-visible { outline: 2px solid var(--st-primary-color, #ff4b4b); outline-offset: 2px; }
.play-driver button.on { color: #fff; background: var(--st-primary-color, #ff4b4b);
  border-color: var(--st-primary-color, #ff4b4b); }
.play-driver svg { width: 1.25em; height: 1.25em; fill: currentColor; }
@media (max-width: 640px) {  /* a phone, presenter-sized text too: the button and the frame reached on one row */
  .play-driver { gap: 0.5rem; }
  .play-driver button { min-width: 0; padding: 0.25rem 0.6rem; }
  .play-driver .play-now { font-size: 0.9em; }  /* "D = 10,000 · frame 34 of 34" beside "Pause" */
}
""" + _held_rules(".play-held", " · ▶ playing") + "</style>"
DRIVER_HTML = ('<div class="play-driver"><button type="button">Play</button>'
               '<span class="play-now" aria-live="off"></span></div>')


@functools.cache
def _driver():
    """The ▶ component (Streamlit's components v2), registered once: ``assets/play.js``."""
    return st.components.v2.component("play_driver", html=DRIVER_HTML, js=assets.script("play.js"),
                                      isolate_styles=False)


def _browser_bar(sweep: Sweep, frames: Sequence[int], value: int, where, outer: str | None = None,
                 charts: int = 1) -> None:
    """The bar of a sweep played in the browser: the ▶ component (the button and the frame shown) and the
    speed slider. The component reports the frame reached at ⏸ and at the end (:func:`_reached_in_browser`);
    a sweep that ``prepare``s first asks for the charts of every frame (:func:`_prepare_in_browser`) and
    plays once they are drawn."""
    ready = _prepared_entry(sweep, value)
    kit_style(BAR_CSS + BROWSER_CSS + (REST_CSS.format(name=sweep.name) if ready else ""))
    host = (where if where is not None else st).container(key=f"play_bar_{sweep.name}")
    button, speed = host.columns([5, 3], vertical_alignment="center")
    fps = controls.int_slider("Frames per second", sweep.fps_key, *FPS_RANGE, DEFAULT_FPS, where=speed,
                              help="Speed of ▶: frames drawn per second (the browser draws them, no rerun).")
    hint = _hint(sweep, frames)
    key = f"play_{sweep.name}_driver"
    data = {"name": sweep.name, "param": param(sweep.name), "control": sweep.key, "frames": list(frames),
            "value": value, "next": start_frame(frames, value), "fps": fps, "label": sweep.label,
            "unit": sweep.unit, "hint": hint, "prepare": sweep.prepare}
    if ready:
        data["play"] = {"from": ready[1], "token": ready[2], "charts": 0 if sweep.stacked else charts,
                        "stack": len(frames) if sweep.stacked else 0}
    with button.container(key=f"play_{sweep.name}"):
        _driver()(key=key, data=data,
                  on_stopped_change=functools.partial(_reached_in_browser, sweep.key, key, tuple(frames), sweep.name),
                  on_start_change=functools.partial(_prepare_in_browser, sweep.name, key, tuple(frames), value, outer))


def _frame_in(result: Any, field: str, frames: Sequence[int]) -> int | None:
    """The frame the component sent as ``field`` of its ``result``; None unless it is one of ``frames``
    (a tampered message)."""
    sent = result.get(field) if hasattr(result, "get") else None
    if isinstance(sent, (int, float)) and not isinstance(sent, bool) and sent in frames:
        return frames[frames.index(sent)]
    return None


def _reached_in_browser(control: str, key: str, frames: Sequence[int], name: str = "") -> None:
    """The component's ⏸ (or last frame): the control takes the frame the browser reached, and the page
    reruns, so the slider and the link show it (and the charts hold one frame again). A value that is not a
    frame (a tampered message) is ignored."""
    reached_frame = _frame_in(st.session_state.get(key), "stopped", frames)
    if reached_frame is not None:
        st.session_state.get(PREPARED, {}).pop(name, None)
        controls.hold(control, reached_frame)
        st.rerun()


def _prepare_in_browser(name: str, key: str, frames: Sequence[int], value: int, outer: str | None = None) -> None:
    """The component's ▶ of a sweep that ``prepare``s: the section (the fragment ``outer``, or the page) reruns
    with the charts of every frame, from the frame sent, and the part after its ``yield`` under the note that
    says where it was drawn; the component then plays."""
    start = _frame_in(st.session_state.get(key), "start", frames)
    if start is None:
        return
    count = st.session_state[PRESSES] = st.session_state.get(PRESSES, 0) + 1  # tells the component: a new ▶
    st.session_state.setdefault(PREPARED, {})[name] = (value, start, count)
    st.session_state.setdefault(controls.BOUND_KEYS, set()).add(PREPARED)  # leaving the page drops it
    st.rerun([outer] if outer else "app")


def _prepared_entry(sweep: Sweep, value: int) -> tuple[int, int, int] | None:
    """The sweep's (value, start frame, count) while its charts hold every frame; dropped (None) once the
    control no longer has the value ▶ started from (a key on the slider, another scene)."""
    entries = st.session_state.get(PREPARED, {})
    entry = entries.get(sweep.name) if sweep.prepare else None
    if entry is not None and entry[0] != value:
        entries.pop(sweep.name, None)
        return None
    return entry


def prepared() -> tuple[list[int], int] | None:
    """For a section drawn with a sweep that ``prepare``s: (every frame, the frame ▶ starts from) while ▶
    plays it in the browser, so the section's charts hold them all and filter on :func:`param`; else None."""
    current = st.session_state.get(CURRENT)
    if current is None:
        return None
    sweep, frames, value, _ = current
    entry = _prepared_entry(sweep, value)
    return None if entry is None else (list(frames), entry[1])


# The frames of a stacked sweep (:func:`each_frame`) in one place, one shown at a time: first the frame ▶ starts
# from, then the one the component shows (it sets each frame's ``visibility``); hidden frames keep their layout
# (a diagram is laid out where it is drawn), and the place is as tall as the tallest frame, so nothing jumps.
STACK_CSS = """<style>
.st-key-play_stack_{name} {{ display: grid !important; grid-template-columns: minmax(0, 1fr); }}
.st-key-play_stack_{name} > * {{ grid-area: 1 / 1; visibility: hidden; }}
.st-key-play_stack_{name} > * * {{ visibility: inherit !important; }}  /* (Streamlit's elements say "visible") */
.st-key-play_stack_{name} > :has(> .st-key-play_frame_{name}_{start}) {{ visibility: visible; }}
</style>"""


def each_frame(draw: Callable[[int], None], value: int) -> None:
    """Draw the part of a section that ▶ moves, ``draw(v)`` at the frame ``v``: at ``value``; while ▶ plays a
    stacked sweep in the browser (``sweeps(stack_up_to=…)``), at every frame, each in a container keyed
    ``play_frame_<section>_<v>``, stacked in one place, of which the component shows one at a time."""
    ready = prepared()
    current = st.session_state.get(CURRENT)
    if ready is None or not current[0].stacked:
        draw(value)
        return
    frames, start = ready
    name = current[0].name
    kit_style(STACK_CSS.format(name=name, start=start))
    with st.container(key=f"play_stack_{name}"):
        for frame in frames:
            with st.container(key=f"play_frame_{name}_{frame}"):
                draw(frame)
