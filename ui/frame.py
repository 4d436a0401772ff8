"""The frame every page calls first: page config, grouped navigation, presenter mode, seed, warm-up.

The page list is :mod:`ui.registry`'s; the frame draws it. Pages live in ``pages/<stem>.py`` and Streamlit
serves each at ``/<stem>``; the frame draws the navigation with ``st.page_link`` (never
``st.navigation``, which breaks the first deep link on a fresh server beside a ``pages/`` folder).
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import streamlit as st

from ui import controls, idle, in_view, link, planned, present, warmup
from ui.kit import assets
from ui.opening import figure_slot, head, words_slot
from ui.registry import AUTHOR, BLOG, GROUP_CURSE, GROUP_RNN, HOME, PAGES, TALK, existing_pages, spec
from ui.talk import deck as decks

# The tab icon is a local file: a Material icon there is fetched from Google at every load, which a
# lecture hall without internet cannot do. (Icons in the navigation come from the bundled font.)
FAVICON = str(assets.ASSETS / "favicon.png")
DEFAULT_SEED = 42
MAX_SEED = 2**31 - 1
LAST_PAGE = "_page"
# Browser tests set this to a file: every run of a section appends "<page>.<section>" to it, so a test
# can see which sections a click reran (a counter, never a timing).
RUN_LOG = "APP_SECTION_RUN_LOG"
# "0" draws sections as plain parts of the page (every control reruns it): Streamlit's AppTest keeps only
# what the last run drew, so a fragment rerun would leave its tree holding one section.
FRAGMENTS = in_view.FRAGMENTS


@dataclass(frozen=True)
class Frame:
    """What every page gets back from :func:`frame`."""

    seed: int
    present: bool
    opening: bool = False  # the session's first run of this page (it was not the page of the last run)


def engine_modules(first: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every engine module a page uses, once each: ``first`` (the requested page's), then the series' order."""
    return tuple(dict.fromkeys((*first, *(module for page in PAGES for module in page.engines))))


def start_engine_warm_up(first: tuple[str, ...] = (), *, talk_first: bool = False) -> None:
    """Compile every page's kernels in the background, once per server process, ``first`` first; then open
    :func:`warm_views` once on this server, so their results and charts are cached (see :mod:`ui.warmup`);
    the talk's scenes before the topic pages when a talk link started it; then, while the server is idle,
    :func:`sweep_views`.

    Call it after the page's text: on a cold server the compile would slow the first paint. Once started,
    a call costs a lookup (every run of every page makes one)."""
    if not warmup.started():
        warmup.start_background(engine_modules(first), views=warm_views(talk_first), stream=warmup.own_stream(),
                                sweep=sweep_views())


def warm_views(talk_first: bool = False) -> tuple[str, ...]:
    """The views a fresh server opens once after compiling (:mod:`ui.warmup`): every topic page's default
    and every scene of the default talk deck as its audience sees it (a speaker's first pass after a
    wake-up), the scenes first when ``talk_first``. A deck that cannot be read adds nothing (the talk page
    says what is wrong with it)."""
    try:
        scenes = [f"{TALK.stem}?deck={decks.DEFAULT}&scene={s.number}" for s in decks.load(decks.DEFAULT).scenes]
    except decks.DeckError:
        scenes = []
    pages = [page.stem for page in existing_pages()]
    return (*scenes, *pages) if talk_first else (*pages, *scenes)


def sweep_views() -> tuple[str, ...]:
    """The views a fresh server opens after :func:`warm_views`, when idle: each page's ``sweep`` (the curse
    page's every stop of D, read and presented), as URL paths with their queries."""
    return tuple(f"{page.stem}?{query}" for page in existing_pages() for query in page.sweep)


def warm_engines_of(stem: str, *, talk_first: bool = False) -> None:
    """Start the background warm-up (once per server), page ``stem``'s engines first, then wait for that
    page's own kernels: a cold start shows what was drawn so far and a spinner saying why it waits."""
    engines = spec(stem).engines
    start_engine_warm_up(first=engines, talk_first=talk_first)
    warmup.warm(engines)


def _presenting() -> tuple[bool, str | None]:
    """Presenter mode: the session's choice, else the link's ``?present=`` (1/0); and a note on junk.

    ``present`` is kept in the URL as 1 by the frame itself (not by a bound widget, which would
    rewrite it as ``true``), so a copied link reopens in presenter mode, as the contract says.
    """
    problem = None
    if present.PRESENTING not in st.session_state:
        raw = st.query_params.get("present")
        value, problem = controls.parse_switch(raw) if raw is not None else (False, None)
        st.session_state[present.PRESENTING] = bool(value)
        if problem:
            problem = (raw, problem)
    return st.session_state[present.PRESENTING], problem


def _switch_presenting() -> None:
    """The switch's callback. Streamlit may call it with the switch's value gone from the session (a page
    switch that interrupts a fragment run drops the sidebar's widgets from the old state): then nothing moved."""
    value = st.session_state.get("present_switch")
    if value is not None:
        st.session_state[present.PRESENTING] = value


def _sync_present_param(presenting: bool) -> None:
    if presenting:
        link.edit({"present": "1"})
    else:
        link.edit(drop=("present",))


def navigation(where, *, pages: bool = True) -> None:
    """Grouped links to every page that exists (only the home page's when not ``pages``: a talk's
    sidebar stays closed, and every follower would be sent the links on every scene; in presenter mode
    the pages menu at the top holds them, and the collapsed sidebar would only repeat them)."""
    where.page_link(HOME.path, label=HOME.nav, icon=HOME.icon)
    for group in (GROUP_CURSE, GROUP_RNN) if pages else ():
        members = [page for page in existing_pages() if page.group == group]
        if members:
            where.markdown(f"**{group}**")
            for page in members:
                where.page_link(page.path, label=page.nav, icon=page.icon)


def _top_navigation() -> None:
    """In presenter mode the sidebar is collapsed: keep the pages one click away at the top."""
    with st.expander("Pages", icon=":material/menu:"):
        navigation(st)


def frame(stem: str, top=None) -> Frame:
    """Set up the page ``stem``; call it first on every page (after :func:`ui.opening.opening`, whose
    container ``top``, above the title, then takes the notes about the link and the pages menu)."""
    planned.install()  # a control's keyed rerun planned before its run starts (once per server)
    page = spec(stem)
    opening = st.session_state.get(LAST_PAGE) != stem
    previous = st.session_state.get(LAST_PAGE, stem)
    if previous != stem:  # moved here from another page of the session
        controls.switch_page_controls(previous, stem)
    st.session_state[LAST_PAGE] = stem
    st.session_state[present.IN_SCENE] = stem == TALK.stem
    st.session_state[present.ARTICLE] = page.article.short() if page.article else None
    controls.begin_run()
    presenting, problem = _presenting()
    st.set_page_config(page_title=page.title, page_icon=FAVICON, layout="wide",
                       initial_sidebar_state="collapsed" if presenting else "expanded")
    # the notes about a link's junk: in the opening's container above the title, or here (an empty
    # container inside another would still take a gap above the title)
    st.session_state[controls.NOTES_SLOT] = top if top is not None else st.container()
    if problem:
        controls.show_url_note("present", problem[0], problem[1], False)
    _sync_present_param(presenting)
    with st.sidebar:
        navigation(st, pages=stem != TALK.stem and not presenting)
        st.divider()
        st.toggle("Presenter mode", value=presenting, key="present_switch", on_change=_switch_presenting,
                  help="Larger type and a collapsed sidebar for projectors. Links with ?present=1 open in it.")
        seed = controls.int_input("Seed", "seed", 0, MAX_SEED, DEFAULT_SEED, where=st,
                                  help="Every random number on the page comes from this seed: the same "
                                       "seed gives the same picture on any machine.")
        st.session_state[controls.LINK_SLOT] = st.empty()  # filled by view_link() at the end of the run
        present.page_css()  # here, so the style element takes no room above the page
    if presenting:
        present.presenter_css()
        if stem != TALK.stem:  # a talk moves by its own bar; the sidebar keeps the pages
            with top if top is not None else contextlib.nullcontext():  # above the opening's title
                _top_navigation()
    return Frame(seed=seed, present=presenting, opening=opening)


def page(stem: str, text: ModuleType, sections: ModuleType, top=None) -> Frame:
    """Draw the page ``stem`` from its package: the frame, ``text.TITLE`` and ``text.INTRO`` (unless the
    page file drew them first with :func:`ui.opening.opening`, which gave it ``top``), the page-level
    controls (``sections.page_controls(frame)``, when the page has any; otherwise every section is drawn
    from the frame itself), the opening figure ``sections.hero`` beside the introduction, each of
    ``sections.SECTIONS`` in order, ``text.REFERENCES``.

    The opening figure is drawn as a section is (a fragment in a box the watcher of what is in view sees,
    :func:`as_fragment`), never left for later: the page's main control redraws it while it is in view."""
    start = time.perf_counter()
    fr = frame(stem, top)
    if top is None:
        head(text.TITLE, text.INTRO)
    article = spec(stem).article
    if article:
        words_slot().caption(f"Teaches the article “{article.title}” by {AUTHOR} ({BLOG}); its sources are at "
                             "the end of the page.")
    warm_engines_of(stem)  # after the text, which a cold compile would hold back
    follow = getattr(sections, "IN_VIEW", None)  # the page's main control redraws what is in view (ui.in_view)
    hero = getattr(sections, "hero", None) if figure_slot() is not None else None
    opening = [hero.__name__] if hero is not None else []
    names = [section.__name__ for section in sections.SECTIONS]
    fixed = [section.__name__ for section in sections.SECTIONS if _whole_page(section)]  # part of the page
    boxed = [name for name in names if name not in fixed]  # fragments, each in the box the watcher finds
    in_view.begin_page(stem, [*names, *opening], follow, opening=fr.opening, fixed=[*fixed, *opening])
    page_controls = getattr(sections, "page_controls", None)
    state = fr if page_controls is None else page_controls(fr)
    if hero is not None:
        with figure_slot():
            as_fragment(stem, hero, follow)(state)
    for section in sections.SECTIONS:
        as_fragment(stem, section, follow)(state)
    in_view.watch(stem, [*opening, *boxed], follow)  # what is in view: a fresh page draws it first, D redraws it
    article = spec(stem).article
    present.references(((article.citation(),) if article else ()) + tuple(text.REFERENCES))
    view_link()
    draw_near_next(stem)
    _log_run(f"{stem}.{WHOLE_RUN}", time.perf_counter() - start)
    return fr


def draw_near_next(stem: str) -> None:
    """Have the server draw, when idle, this view with the page's main control one and two stops away
    (:mod:`ui.idle`), unless this is one of the server's own views."""
    stops = spec(stem).stops
    if stops is None or warmup.own_session():
        return
    params = controls.link_params()
    warmup.prefetch(idle.near_views(stem, params, *stops), idle.view(stem, params))


def _view_link() -> None:
    _log_run(controls.LINK_FRAGMENT)
    present.view_link_box(st, controls.link_params())


def view_link() -> None:
    """Draw the sidebar's link to this view (call it last: every control has registered by then). It is a
    fragment, so a control in a section reruns it with the section (``controls.rerun_readers``). A change of
    the link left for later is sent here, if nothing in the run sent it (``ui.link``)."""
    link.flush()
    with st.session_state[controls.LINK_SLOT]:
        st.fragment(_view_link, key=controls.LINK_FRAGMENT)()


def _log_run(name: str, seconds: float | None = None) -> None:
    """Append ``name`` (and the run's server time, when given) to the run log, when one is set: the
    browser tests count section runs in it, ``benchmarks/bench_sections.py`` reads the times."""
    path = os.environ.get(RUN_LOG)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(name + ("" if seconds is None else f" {seconds:.6f}") + "\n")


WHOLE_RUN = "(page)"  # the run log's name for a whole run of a page (frame, text, every section, link)


def _whole_page(section: Callable) -> bool:
    """Whether ``section`` is drawn as part of the page (marked ``reruns_page``, or fragments are off)."""
    return getattr(section, "reruns_page", False) or os.environ.get(FRAGMENTS) == "0"


def as_fragment(stem: str, section: Callable, follow: in_view.InView | None = None) -> Callable:
    """``section`` as a Streamlit fragment (keyed ``<stem>.<section>``), in a box the watcher of what is in view
    can see (:mod:`ui.in_view`): a control inside it reruns the sections that draw or read that control
    (``controls.rerun_readers``), with the page state of the last full run; a page-level control (the seed)
    still reruns the page, where unchanged charts come from the spec cache (:mod:`ui.kit.specs`). A page's
    main control ``follow`` reruns the sections in view, each run reading its current value; a fresh page
    draws a section left for later as its header alone. A section marked ``reruns_page``
    (:func:`controls.reruns_page`) is drawn as part of the page."""
    name = in_view.fragment_key(stem, section.__name__)
    whole_page = _whole_page(section)
    follow = None if whole_page or follow is None or not follow.follows(section.__name__) else follow

    @functools.wraps(section)
    def run(state) -> None:
        start = time.perf_counter()
        st.session_state[controls.SECTION] = None if whole_page else name
        whole = True
        try:
            if whole_page:
                section(state)
            else:
                with st.container(key=in_view.BOX.format(name=section.__name__)):
                    whole = in_view.draw(stem, section, follow, state)
        finally:
            st.session_state[controls.SECTION] = None
            _log_run(name if whole else f"{name}{HEADER_RUN}", time.perf_counter() - start)

    return run if whole_page else st.fragment(run, key=name)


HEADER_RUN = ":header"  # the run log's suffix for a section drawn as its header alone (left for later)
