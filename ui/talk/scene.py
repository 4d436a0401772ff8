"""The talk page: one scene of a deck per screen, moved through with a clicker's keys.

The deck and the scene number live in the link (``/talk?deck=full-series&scene=7``), so a prepared link
opens on its scene. A scene is one section of a topic page, drawn alone through that page's
``page_controls`` with the scene's control values, which enter the way a link's values do: on a scene
change the previous scene's controls leave session state and the URL, the new scene's values are put
in the URL, and ``ui.controls`` parses and checks them as for any link (junk falls back with a note,
here prefixed with the scene it came from). The speaker can move them live; leaving the scene and
coming back resets them to the deck's values.
"""

from __future__ import annotations

import contextlib
from types import ModuleType

import streamlit as st

from ui import controls, present
from ui.frame import LAST_PAGE, TALK, Frame, frame, sections_of, view_link
from ui.talk import deck as decks

DEFAULT_DECK = "full-series"
KEEP = ("deck", "scene", "seed", "present", "view")  # URL keys a scene change leaves alone
APPLIED = "_talk_applied"  # (deck, scene) whose controls are in session state and the URL
REVEALED = "_talk_revealed"  # (deck, scene) whose answer is shown
LAST = "_talk_last"  # (deck, scene) the session was on: a link without them resumes there

KEYS_CSS = """<style>
.st-key-talk_keys { display: none; }
.st-key-talk_bar { border-bottom: 1px solid rgba(49, 51, 63, 0.15); padding-bottom: 0.25rem; }
.st-key-talk_bar [data-testid="stMarkdownContainer"] p { margin-bottom: 0; }
</style>"""


# ---------------------------------------------------------------------------------------------- moving
def _go(name: str, number: int, revealed: bool = False) -> None:
    """Button callback: open scene ``number`` of deck ``name`` (its answer shown when ``revealed``)."""
    st.query_params["deck"] = name
    st.query_params["scene"] = str(number)
    if revealed:
        st.session_state[REVEALED] = (name, number)


def _next(name: str, number: int, total: int, pending: bool) -> None:
    """Next step: the scene's answer when it has one still hidden, else the next scene."""
    if pending and st.session_state.get(REVEALED) != (name, number):
        st.session_state[REVEALED] = (name, number)
    elif number < total:
        _go(name, number + 1)


def _back(name: str, number: int, previous_has_answer: bool) -> None:
    if number > 1:
        _go(name, number - 1, revealed=previous_has_answer)  # back lands on the last step of a scene


# ---------------------------------------------------------------------------------------------- link
def _resolve(raw_deck: str | None, raw_scene: str | None) -> tuple[decks.Deck | None, int]:
    """The deck and scene the link asks for, with a note and scene 1 of the default deck on junk;
    (None, 0) when the deck file itself is broken (its error is shown)."""
    last = st.session_state.get(LAST)
    name = raw_deck if raw_deck is not None else (last[0] if last else DEFAULT_DECK)
    if decks.deck_path(name) is None:
        controls.show_url_note("deck", name, f"is not a deck in talks/ (decks: {', '.join(decks.deck_names())})",
                               DEFAULT_DECK)
        name, raw_scene = DEFAULT_DECK, "1"
    try:
        deck = decks.load(name)
    except decks.DeckError as exc:
        st.error(str(exc), icon=":material/error:")
        return None, 0
    if raw_scene is None:
        return deck, last[1] if last and last[0] == name and last[1] <= len(deck) else 1
    number, problem = controls.parse_number(raw_scene, 1, len(deck), integer=True)
    if number is None or problem:
        controls.show_url_note("scene", raw_scene, f"is not a scene of this deck (1 – {len(deck)})", 1)
        number = 1
    return deck, int(number)


def _query_params_internal():
    """The session's QueryParams object (its widget bindings), or a null context outside a run."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return contextlib.nullcontext(None) if ctx is None else ctx.session_state.query_params()


def _apply(scene: decks.Scene, link: dict[str, str]) -> None:
    """Make the scene's controls the values its widgets open with, as if they came in a link: drop the
    previous scene's values (session state and URL), then put the scene's values in the URL. ``link``
    holds control values from the link itself (kept over the deck's on the session's first scene, so a
    copied "link to this view" reproduces a moved control)."""
    for key in st.session_state.get(controls.BOUND_KEYS, set()) - set(controls.KEEP_ACROSS_PAGES):
        st.session_state.pop(key, None)
    values = {**scene.controls, **link}
    with _query_params_internal() as qp:
        for key in [k for k in st.query_params if k not in KEEP]:
            if qp is not None and qp.is_bound(key):  # the previous scene's widget; it is gone now
                qp.unbind_widget(qp.get_binding_for_param(key).widget_id)
            with contextlib.suppress(Exception):
                del st.query_params[key]
        if qp is not None:
            for key in [k for k in getattr(qp, "_initial_query_params", {}) if k not in KEEP]:
                qp._initial_query_params.pop(key, None)  # else a bound widget could seed from the first link
        for key, value in values.items():
            if qp is not None and qp.is_bound(key):
                qp.unbind_widget(qp.get_binding_for_param(key).widget_id)
            st.query_params[key] = value


class _FromScene:
    """The notes slot, with every note prefixed by the scene whose controls it is about."""

    def __init__(self, slot, prefix: str):
        self._slot, self._prefix = slot, prefix

    def warning(self, body: str, **kwargs):
        return (self._slot or st).warning(self._prefix + body, **kwargs)


def _scrubbed() -> bool:
    """Whether the scene drew a step scrubber (its Back/Next own ← and →): one of this run's controls
    has the scrubber's ``<key>_next`` button next to it."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    drawn = getattr(getattr(ctx, "shared", None), "widget_user_keys_this_run", None)
    registry = st.session_state.get(controls.REGISTRY, {})
    if drawn is not None:
        return any(f"{key}_next" in drawn for key in registry)
    return any(f"{key}_next" in st.session_state for key in registry)


def _presenting_by_default() -> None:
    """Presenter mode is on when a session enters the talk page, unless the link says ``present=``."""
    if st.session_state.get(LAST_PAGE) == TALK.stem:
        return
    if st.query_params.get("present") is None:
        st.session_state[present.PRESENTING] = True
    else:
        st.session_state.pop(present.PRESENTING, None)  # the frame reads the link (and notes junk)


# ---------------------------------------------------------------------------------------------- drawing
def _bar(deck: decks.Deck, scene: decks.Scene) -> None:
    """Deck title, scene counter and title, and the buttons a mouse user needs."""
    n, total = scene.number, len(deck)
    pending = scene.answer is not None
    previous_has_answer = n > 1 and deck.scene(n - 1).answer is not None
    with st.container(key="talk_bar"):
        text, nav = st.columns([1, 1], vertical_alignment="center")
        text.markdown(f"**{n} / {total}** · {scene.title}")
        text.caption(deck.title)
        with nav.container(horizontal=True, horizontal_alignment="right"):
            st.button("First", key="talk_first", shortcut="Home", on_click=_go, args=(deck.name, 1),
                      disabled=n == 1, help="First scene (Home key)", type="tertiary")
            st.button("Back", key="talk_back", shortcut="PageUp", on_click=_back,
                      args=(deck.name, n, previous_has_answer), disabled=n == 1, help="Previous scene (PageUp key)")
            done = n == total and (not pending or st.session_state.get(REVEALED) == (deck.name, n))
            st.button("Next", key="talk_next", shortcut="PageDown", on_click=_next,
                      args=(deck.name, n, total, pending), type="primary", disabled=done,
                      help="Next step: the answer, then the next scene (PageDown or Space)")
            st.button("Last", key="talk_last", shortcut="End", on_click=_go, args=(deck.name, total),
                      disabled=n == total, help="Last scene (End key)", type="tertiary")


def _hidden_keys(deck: decks.Deck, scene: decks.Scene, arrows: bool) -> None:
    """Space (and → / ← when no step scrubber has them) for a clicker: buttons that are not shown."""
    n = scene.number
    with st.container(key="talk_keys"):
        st.button("Next (Space)", key="talk_space", shortcut="Space", on_click=_next,
                  args=(deck.name, n, len(deck), scene.answer is not None))
        if arrows:
            st.button("Next (→)", key="talk_right", shortcut="Right", on_click=_next,
                      args=(deck.name, n, len(deck), scene.answer is not None))
            st.button("Back (←)", key="talk_left", shortcut="Left", on_click=_back,
                      args=(deck.name, n, n > 1 and deck.scene(n - 1).answer is not None))


def _reveal(deck: decks.Deck, scene: decks.Scene) -> None:
    if scene.question is None:
        return
    st.info(scene.question, icon=":material/help:")
    if scene.answer is None:
        return
    if st.session_state.get(REVEALED) == (deck.name, scene.number):
        st.success(scene.answer, icon=":material/lightbulb:")
    else:
        st.button("Show the answer", key="talk_reveal", on_click=_next,
                  args=(deck.name, scene.number, len(deck), True), help="Or Next / PageDown")


def _section(scene: decks.Scene, fr: Frame, first_run: bool) -> None:
    """The scene's section alone, after its page's controls (as ``ui.frame.page`` draws them)."""
    module: ModuleType = sections_of(scene.page)
    section = next(s for s in module.SECTIONS if s.__name__ == scene.section)
    slot = st.session_state.get(controls.NOTES_SLOT)
    if first_run:
        st.session_state[controls.NOTES_SLOT] = _FromScene(slot, f"Scene {scene.number} (“{scene.title}”): ")
    try:
        page_controls = getattr(module, "page_controls", None)
        section(fr if page_controls is None else page_controls(fr))
    finally:
        st.session_state[controls.NOTES_SLOT] = slot
    if first_run:
        drawn = st.session_state.get(controls.REGISTRY, {})
        for key in [k for k in scene.controls if k not in drawn and k not in controls.KEEP_ACROSS_PAGES]:
            (slot or st).warning(f"Scene {scene.number} (“{scene.title}”): the deck sets `{key}`, which is not a "
                                 f"control of this scene (its controls: {', '.join(sorted(drawn)) or 'none'}); "
                                 "ignored.", icon=":material/link_off:")
            with contextlib.suppress(Exception):
                del st.query_params[key]


def show() -> None:
    """Draw the talk page."""
    raw_deck, raw_scene = st.query_params.get("deck"), st.query_params.get("scene")  # before the frame:
    link = {k: v for k, v in st.query_params.to_dict().items() if k not in KEEP}  # a page switch clears them
    first_visit = APPLIED not in st.session_state
    _presenting_by_default()
    fr = frame(TALK.stem)
    st.html(KEYS_CSS)
    deck, number = _resolve(raw_deck, raw_scene)
    if deck is None:
        view_link()
        return
    scene = deck.scene(number)
    st.query_params["deck"], st.query_params["scene"] = deck.name, str(number)
    st.session_state[LAST] = (deck.name, number)
    changed = st.session_state.get(APPLIED) != (deck.name, number)
    if changed:
        _apply(scene, link if first_visit else {})
        st.session_state[APPLIED] = (deck.name, number)
        if st.session_state.get(REVEALED) != (deck.name, number):
            st.session_state.pop(REVEALED, None)
    _bar(deck, scene)
    _section(scene, fr, first_run=changed)
    _reveal(deck, scene)
    if scene.notes:
        with st.expander("Speaker notes", icon=":material/speaker_notes:"):
            st.markdown(scene.notes)
    _hidden_keys(deck, scene, arrows=not _scrubbed())
    view_link()
