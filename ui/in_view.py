"""What the reader sees: a page's main control redraws the sections in view, and the others as they come into view.

Every section of the curse page moves with D, so a move of D used to redraw the whole page: five sections,
twenty charts, half a second of the browser's work for what one screen shows. A page that names its main
control (``sections.IN_VIEW``, an :class:`InView`) gets instead:

* a watcher (``assets/in_view.js``, Streamlit's components v2, in a fragment of its own) that says which
  sections are in the viewport or just below it, each drawn in ``.st-key-in_view_<section>``; the set is sent
  when it changes and the page has stopped scrolling;
* the control's callback (:func:`moved`) reruns the sections in view, the page-level fragments that show the
  control's value (:func:`page_fragment`, the bar's pin) and the sidebar's link, as one keyed fragment rerun;
* each section remembers the value it was drawn at (``DRAWN``); the watcher fades the sections drawn at another
  value, and when it sees one of them it reruns it (:func:`_seen_changed`) as it scrolls in, within a margin
  before it shows;
* a section's fragment reads the control's current value (``InView.apply``), not the page state of the last
  full run, so a section's own control (the grids' bins) draws at the D the slider shows.

Until the watcher has spoken (a page just opened, a browser without it), and in a talk scene or with fragments
off, the control reruns the page as before. Other page-level controls (the pin, the theory switch, the seed)
rerun the page: they are rare, and every section reads them.

A fresh page draws what is in view first, on every page: its first section whole, the others as their header
and idea alone (``LATER``, :func:`draw`), each drawn whole when it comes within a screen of the viewport, or,
once the page has been still for a moment, one after the other from the top, so a reader who never scrolls (a
keyboard, a screen reader) still gets the whole page. An audience opening a prepared link waits for one
figure, not twenty. The server's own views (:mod:`ui.warmup`, which fill the caches) draw every section.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui import controls, planned, present
from ui.kit import assets

SEEN = "_in_view_seen"  # session key: page -> the fragment keys of its sections in view (as its watcher last said)
DRAWN = "_in_view_drawn"  # session key: fragment key -> the main control's value the section was drawn at
ALSO = "_in_view_also"  # session key: page -> its page-level fragments, which every move of its main control reruns
PAGE_LEVEL = controls.PAGE_LEVEL  # session key: a page-level fragment is drawing (its controls rerun the page)
PAGE = "_in_view_page"  # session key: the page drawing now, when it redraws by view (set by ui.frame.page)
LATER = "_in_view_later"  # session key: page -> its sections drawn as a header alone so far, left for later
READS = "_in_view_reads"  # session key: page -> the fragment keys of its sections that read its main control
OPENED = "_in_view_opened"  # session key: page -> how many times this session opened it (the watcher's epoch)
WATCH = "in_view_watch"  # the watcher's fragment key and component key
FRAGMENTS = "APP_SECTION_FRAGMENTS"  # "0": sections are plain parts of the page (ui.frame), nothing here applies
BOX = "in_view_{name}"  # the key of the container a section is drawn in: the watcher finds it by its class
HEADER_BOX = "in_view_later_{name}"  # the note under a section's header while its figures wait
FILL_MS = "APP_IN_VIEW_FILL_MS"  # how long a still page waits before it draws its next section left for later
FILL_MS_DEFAULT = 1500
OPEN_DRAWN = 1  # a fresh page draws its first section whole; the others as they come near
LATER_NOTE = "Its figures are drawn as the section comes into view."


@dataclass(frozen=True)
class InView:
    """A page's main control: ``key``, ``apply(state, value)`` (the page state drawn at ``value``) and the
    names of the sections that read it (None: every section); the others never go stale."""

    key: str
    apply: Callable[[Any, Any], Any]
    reads: tuple[str, ...] | None = None

    def follows(self, section: str) -> bool:
        """Whether section ``section`` (its name) reads the control."""
        return self.reads is None or section in self.reads


def enabled() -> bool:
    """Whether this run may redraw by view: sections are fragments, and this is a page, not a talk scene."""
    return os.environ.get(FRAGMENTS) != "0" and not present.in_scene()


def lazy() -> bool:
    """Whether a fresh page may leave sections for later: it redraws by view, and a reader opened it (the
    server's own views, which fill its caches, draw every section)."""
    from ui import warmup  # (imported here: the warm-up's module is heavy, and this one is imported early)

    return enabled() and not warmup.own_session()


def fragment_key(stem: str, section: str) -> str:
    """The fragment key of a page's section (``ui.frame.as_fragment`` names them so)."""
    return f"{stem}.{section}"


# ---------------------------------------------------------------------------------------------- the page
def begin_page(stem: str, names: Sequence[str], follow: InView | None, *, opening: bool,
               fixed: Sequence[str] = ()) -> None:
    """Called by the frame before page ``stem``'s controls and sections (``names``; ``fixed``, those never left
    for later: the parts of the page that are not fragments, and the opening figure): the page drawing now, the
    sections that read its main control ``follow``; on ``opening`` (the session's first run of the page) the
    watcher has said nothing yet, and every section after the first that can wait is left for later
    (:func:`draw`)."""
    if not enabled():
        st.session_state[PAGE] = None
        return
    st.session_state[PAGE] = stem
    st.session_state.setdefault(READS, {})[stem] = [
        fragment_key(stem, name) for name in names if follow is not None and follow.follows(name)]
    if opening:
        st.session_state.setdefault(SEEN, {})[stem] = None
        opened = st.session_state.setdefault(OPENED, {})
        opened[stem] = opened.get(stem, 0) + 1
        st.session_state.setdefault(LATER, {})[stem] = (
            [name for name in names[OPEN_DRAWN:] if name not in fixed] if lazy() else [])


def later(stem: str, state=None) -> list[str]:
    """The sections of page ``stem`` drawn as a header alone so far (their figures wait); ``state`` reads like
    ``st.session_state`` (the session's, by default)."""
    return (st.session_state if state is None else state).get(LATER, {}).get(stem, [])


def _near(state, stem: str, names: Sequence[str]) -> list[str]:
    """The fragment keys of the sections among ``names`` that are left for later (``state``'s word)."""
    left = later(stem, state)
    return [fragment_key(stem, name) for name in names if name in left]


def _now(stem: str, names: Sequence[str]) -> list[str]:
    """Take ``names`` off the page's sections left for later: the fragment keys of those that were."""
    now = _near(st.session_state, stem, names)
    if now:
        st.session_state[LATER][stem] = [name for name in later(stem) if fragment_key(stem, name) not in now]
    return now


# ---------------------------------------------------------------------------------------------- sections
def draw(stem: str, section: Callable[[Any], Any], follow: InView | None, state) -> bool:
    """Draw ``section`` of page ``stem`` (in its box, which the frame opened): at the main control's current
    value when it reads it; as its header and idea alone with a note when it is left for later. Whether it
    was drawn whole."""
    name = section.__name__
    key = fragment_key(stem, name)
    if name not in later(stem):
        section(state if follow is None else drawn_at(key, follow, state))
        return True
    st.session_state[present.HEAD_ONLY] = True
    try:
        section(state if follow is None else drawn_at(key, follow, state, remember=False))
    except present.HeadOnly:
        pass
    finally:
        st.session_state[present.HEAD_ONLY] = False
    with st.container(key=HEADER_BOX.format(name=name)):
        st.caption(LATER_NOTE)
    return False


def drawn_at(name: str, follow: InView, state, *, remember: bool = True):
    """The page state a section's run draws (``name`` its fragment key): at the control's current value, which
    the section then remembers as the one it was drawn at (unless not ``remember``: its header alone)."""
    value = controls.current(follow.key)  # the app's value while it holds one (⏸'s frame), else the session's
    if remember:
        st.session_state.setdefault(DRAWN, {})[name] = value
    return state if value is None else follow.apply(state, value)


def stale(keys: Sequence[str], value: Any, state=None) -> list[str]:
    """The fragments among ``keys`` drawn at another value than ``value`` (one never drawn is not stale)."""
    drawn = (st.session_state if state is None else state).get(DRAWN, {})
    return sorted(key for key in keys if key in drawn and drawn[key] != value)


# ---------------------------------------------------------------------------------------------- the control
def callbacks(key: str, default: Any) -> dict:
    """The ``on_change`` of a page's main control, when this run may redraw by view (else none: the page)."""
    page = st.session_state.get(PAGE)
    return {"on_change": moved, "args": (key, default, page)} if enabled() and page else {}


def _move_fragments(state, key: str, default: Any, stem: str) -> list[str] | None:
    """The fragments a move of the main control reruns (None: the whole page, its watcher has not said what is
    in view): the page-level fragments, the sections in view that read it, the link and the watcher."""
    seen = state.get(SEEN, {}).get(stem)
    if seen is None:
        return None
    readers = state.get(READS, {}).get(stem, ())
    # a keyed rerun keeps this order: the page-level fragments (the scrubber) draw the control first, and put a
    # value the app holds back (⏸'s frame, ``controls.hold``) before a section reads it; then the sections in view,
    # in the order the watcher said them (the page's)
    return [*state.get(ALSO, {}).get(stem, ()), *(name for name in seen if name in readers),
            controls.LINK_FRAGMENT, WATCH]


@planned.plannable(_move_fragments)
def moved(key: str, default: Any, stem: str) -> None:
    """The main control's callback: rerun the sections in view, the page-level fragments and the link; the
    sections out of view wait until they scroll in (none may be in view: the page's top, above the first
    section that reads the control). The whole page when its watcher has not said what is in view."""
    fragments = _move_fragments(st.session_state, key, default, stem)
    if fragments is None:
        st.rerun()  # the page (the control may sit in a page-level fragment, whose own rerun is the default)
    from ui.frame import draw_near_next  # (the frame draws the sections: it imports this module)

    value = st.session_state.get(key)
    controls.note_value(key, value, default)  # the link follows the control, which this rerun does not draw
    draw_near_next(stem)  # the server draws the views one and two stops on when idle, as after a page run
    planned.rerun(fragments)


def page_fragment(draw: Callable[..., Any], key: str) -> Callable[..., Any]:
    """``draw`` as a fragment that every move of the main control reruns (what shows its value beside it: the
    pin's "Pin D = 50"), whose own controls rerun the page (:func:`controls.rerun_page`). Called as ``draw``;
    in a full run it returns what ``draw`` returns."""
    def run(*args, **kwargs):
        st.session_state[PAGE_LEVEL] = True
        try:
            return draw(*args, **kwargs)
        finally:
            st.session_state[PAGE_LEVEL] = False

    page = st.session_state.get(PAGE)
    if not enabled() or not page:
        return run
    also = st.session_state.setdefault(ALSO, {}).setdefault(page, [])
    if key not in also:
        also.append(key)
    return st.fragment(run, key=key)


# ---------------------------------------------------------------------------------------------- the watcher
@functools.cache
def _watcher():
    """The watcher component (Streamlit's components v2), registered once: ``assets/in_view.js``."""
    return st.components.v2.component("in_view_watch", html="<span></span>", js=assets.script("in_view.js"),
                                      isolate_styles=False)


# A stale section (drawn at another D, out of view when D moved) is faded until it is redrawn, as it scrolls in; a
# section left for later keeps about a screen's room below its header, so the page does not open all in view.
# The browser skips the style, layout and paint of what is far from the window (``content-visibility: auto``:
# still in the accessibility tree and found by find-in-page) section by section, keeping each one's last drawn
# height (``auto``): a rerun that updates a chart out of sight then costs its script, not its drawing. Not part by
# part: the containment clips a chart's toolbar, which sits above its part. Nor the opening figure, at the page's
# top: a chart is its first part, so the containment would clip that chart's toolbar.
WATCH_CSS = """<style>
.st-key-in_view_watcher { display: none; }
.in-view-stale { opacity: 0.35; transition: opacity 0.2s; }
div[class*="st-key-in_view_later_"] { min-height: 70vh; }
div[class*="st-key-in_view_"]:not([class*="st-key-in_view_watch"]):not([class*="st-key-in_view_later_"]):not(
  .st-key-in_view_hero) {
  content-visibility: auto; contain-intrinsic-block-size: auto 1500px; }
</style>"""


def watch(stem: str, sections: Sequence[str], follow: InView | None) -> None:
    """Draw the watcher of the page ``stem``'s ``sections`` (names; ``follow``, its main control, if any), in a
    fragment of its own: what it says reruns that fragment, the sections in view drawn at an older value of
    ``follow``, and those left for later that come near."""
    if not enabled():
        return
    st.fragment(_watch, key=WATCH)(stem, tuple(sections), None if follow is None else follow.key)


def _watch(stem: str, sections: tuple[str, ...], key: str | None) -> None:
    """The watcher, told which sections are stale (drawn at another value than the control's: it fades them
    until they are redrawn) and which are left for later. It is drawn after the sections in a full run, and
    listed last in every keyed rerun (which runs its fragments in the order listed), so it runs after the
    sections it judges."""
    st.html(WATCH_CSS)
    behind = set(stale([fragment_key(stem, name) for name in sections], st.session_state.get(key))) if key else ()
    data = {"sections": list(sections), "stale": [name for name in sections if fragment_key(stem, name) in behind],
            "later": later(stem), "track": key is not None, "opened": st.session_state.get(OPENED, {}).get(stem, 0),
            "fill_ms": _fill_ms()}
    with st.container(key="in_view_watcher"):
        _watcher()(key=WATCH, data=data, on_seen_change=functools.partial(_seen_changed, stem, sections, key),
                   on_fill_change=functools.partial(_fill_changed, stem, sections))


def _fill_ms() -> int:
    """How long a still page waits before it draws its next section left for later (``APP_IN_VIEW_FILL_MS``)."""
    try:
        return max(0, int(os.environ.get(FILL_MS, FILL_MS_DEFAULT)))
    except ValueError:
        return FILL_MS_DEFAULT


def _said(state, name: str, sections: tuple[str, ...]) -> list[str]:
    """The section names in the watcher's state value ``name`` (``{"names": [...], "opened": n}``) that are
    sections of the page (a tampered message says nothing)."""
    result = state.get(WATCH)
    said = result.get(name) if hasattr(result, "get") else None
    names = said.get("names") if isinstance(said, dict) else None
    return [name for name in names if name in sections] if isinstance(names, list) else []


def _seen_fragments(state, stem: str, sections: tuple[str, ...], key: str | None) -> list[str] | None:
    """What the watcher's ``seen`` (in ``state``) reruns: the sections in view that are stale and those left for
    later that came near, the link when these join it, and the watcher; None when nothing is to be drawn."""
    names = _said(state, "seen", sections)
    keys = list(dict.fromkeys(fragment_key(stem, name) for name in names))
    now = _near(state, stem, names)
    behind = stale(keys, state.get(key), state) if key else ()
    # in the order said, the reader's first: a reader who stops at a section left for later waits for it, not for
    # the one above it that the margin counts as near
    redraw = [fragment for fragment in keys if fragment in now or fragment in behind]
    return [*redraw, *_link_if(now), WATCH] if redraw else None


@planned.plannable(_seen_fragments)
def _seen_changed(stem: str, sections: tuple[str, ...], key: str | None) -> None:
    """The watcher's callback when what is in view changed: remember it, and rerun the sections in view that
    are stale, and those left for later that came near (:func:`_seen_fragments`)."""
    fragments = _seen_fragments(st.session_state, stem, sections, key)
    names = _said(st.session_state, "seen", sections)
    st.session_state.setdefault(SEEN, {})[stem] = [fragment_key(stem, name) for name in names]
    _now(stem, names)
    if fragments:
        planned.rerun(fragments)


def _fill_fragments(state, stem: str, sections: tuple[str, ...]) -> list[str] | None:
    """What the watcher's ``fill`` (in ``state``) reruns: the section left for later that it names; or, asked
    ``again`` (the message has the time it was sent), one this session drew already whose header box the page
    still shows (the run that drew it was cut short by the next message: Streamlit never cleared the box). With
    the link and the watcher; None when nothing is to be drawn."""
    names = _said(state, "fill", sections)[:1]
    redraw = _near(state, stem, names) or ([fragment_key(stem, name) for name in names] if _again(state) else [])
    return [*redraw, controls.LINK_FRAGMENT, WATCH] if redraw else None


@planned.plannable(_fill_fragments)
def _fill_changed(stem: str, sections: tuple[str, ...]) -> None:
    """The watcher's callback when the page has been still: draw the section it names (:func:`_fill_fragments`)."""
    fragments = _fill_fragments(st.session_state, stem, sections)
    _now(stem, _said(st.session_state, "fill", sections)[:1])
    if fragments:
        planned.rerun(fragments)


def _again(state) -> bool:
    """Whether the watcher's ``fill`` asks again for a section drawn already (it carries ``at``, a time)."""
    said = getattr(state.get(WATCH), "get", lambda _: None)("fill")
    return isinstance(said, dict) and isinstance(said.get("at"), int | float)


def _link_if(drawn: Sequence[str]) -> list[str]:
    """The sidebar's link, when sections are drawn whole for the first time: their controls join it."""
    return [controls.LINK_FRAGMENT] if drawn else []
