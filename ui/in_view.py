"""What the reader sees: a page's main control redraws the sections in view, and the others as they come into view.

Every section of the curse page moves with D, so a move of D used to redraw the whole page: five sections,
twenty charts, half a second of the browser's work for what one screen shows. A page that names its main
control (``sections.IN_VIEW``, an :class:`InView`) gets instead:

* a watcher (``assets/in_view.js``, Streamlit's components v2, in a fragment of its own) that says which
  sections are within a margin of the viewport, each drawn in ``.st-key-in_view_<section>``; the set is sent
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
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from ui import controls, present

SEEN = "_in_view_seen"  # session key: page -> the fragment keys of its sections in view (as its watcher last said)
DRAWN = "_in_view_drawn"  # session key: fragment key -> the main control's value the section was drawn at
ALSO = "_in_view_also"  # session key: page -> its page-level fragments, which every move of its main control reruns
PAGE_LEVEL = controls.PAGE_LEVEL  # session key: a page-level fragment is drawing (its controls rerun the page)
PAGE = "_in_view_page"  # session key: the page drawing now, when it redraws by view (set by ui.frame.page)
WATCH = "in_view_watch"  # the watcher's fragment key and component key
FRAGMENTS = "APP_SECTION_FRAGMENTS"  # "0": sections are plain parts of the page (ui.frame), nothing here applies
BOX = "in_view_{name}"  # the key of the container a section is drawn in: the watcher finds it by its class


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


def fragment_key(stem: str, section: str) -> str:
    """The fragment key of a page's section (``ui.frame.as_fragment`` names them so)."""
    return f"{stem}.{section}"


# ---------------------------------------------------------------------------------------------- sections
def drawn_at(name: str, follow: InView, state):
    """The page state a section's run draws (``name`` its fragment key): at the control's current value, which
    the section then remembers as the one it was drawn at."""
    value = st.session_state.get(follow.key)
    st.session_state.setdefault(DRAWN, {})[name] = value
    return state if value is None else follow.apply(state, value)


def stale(keys: Sequence[str], value: Any) -> list[str]:
    """The fragments among ``keys`` drawn at another value than ``value`` (one never drawn is not stale)."""
    drawn = st.session_state.get(DRAWN, {})
    return sorted(key for key in keys if key in drawn and drawn[key] != value)


# ---------------------------------------------------------------------------------------------- the control
def callbacks(key: str, default: Any) -> dict:
    """The ``on_change`` of a page's main control, when this run may redraw by view (else none: the page)."""
    page = st.session_state.get(PAGE)
    return {"on_change": moved, "args": (key, default, page)} if enabled() and page else {}


def moved(key: str, default: Any, stem: str) -> None:
    """The main control's callback: rerun the sections in view, the page-level fragments and the link; the
    sections out of view wait until they scroll in (none may be in view: the page's top, above the first
    section that reads the control). The whole page when its watcher has not said what is in view."""
    seen = st.session_state.get(SEEN, {}).get(stem)
    if seen is None:
        return
    from ui.frame import draw_near_next  # (the frame draws the sections: it imports this module)

    value = st.session_state.get(key)
    controls.note_value(key, value, default)  # the link follows the control, which this rerun does not draw
    draw_near_next(stem)  # the server draws the views one and two stops on when idle, as after a page run
    st.rerun([*sorted(seen), *st.session_state.get(ALSO, {}).get(stem, ()), controls.LINK_FRAGMENT, WATCH])


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
    script = (Path(__file__).parent / "assets" / "in_view.js").read_text(encoding="utf-8")
    return st.components.v2.component("in_view_watch", html="<span></span>", js=script, isolate_styles=False)


# A stale section (drawn at another D, out of view when D moved) is faded until it is redrawn, as it scrolls in.
WATCH_CSS = """<style>
.st-key-in_view_watcher { display: none; }
.in-view-stale { opacity: 0.35; transition: opacity 0.2s; }
</style>"""


def watch(stem: str, sections: Sequence[str], follow: InView) -> None:
    """Draw the watcher of the page ``stem``'s ``sections`` (names), in a fragment of its own: what it says
    reruns that fragment, and the sections in view that were drawn at an older value."""
    if not enabled():
        return
    st.fragment(_watch, key=WATCH)(stem, tuple(name for name in sections if follow.follows(name)), follow.key)


def _watch(stem: str, sections: tuple[str, ...], key: str) -> None:
    """The watcher, told which sections are stale (drawn at another value than the control's): it fades them
    until they are redrawn. Fragments rerun in the page's order, so this runs after the sections it judges."""
    st.html(WATCH_CSS)
    behind = set(stale([fragment_key(stem, name) for name in sections], st.session_state.get(key)))
    faded = [name for name in sections if fragment_key(stem, name) in behind]
    with st.container(key="in_view_watcher"):
        _watcher()(key=WATCH, data={"sections": list(sections), "stale": faded},
                   on_seen_change=functools.partial(_seen_changed, stem, sections, key))


def _seen_changed(stem: str, sections: tuple[str, ...], key: str) -> None:
    """The watcher's callback: remember what is in view, and rerun the sections in view that are stale. A name
    that is not a section of the page (a tampered message) is ignored."""
    result = st.session_state.get(WATCH)
    said = result.get("seen") if hasattr(result, "get") else None
    names = [name for name in said if name in sections] if isinstance(said, list) else []
    seen = [fragment_key(stem, name) for name in names]
    st.session_state.setdefault(SEEN, {})[stem] = seen
    redraw = stale(seen, st.session_state.get(key))
    if redraw:
        st.rerun([*redraw, WATCH])
