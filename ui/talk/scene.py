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
import functools
import time
from types import ModuleType

import streamlit as st

from ui import controls, link, present, presses
from ui.frame import LAST_PAGE, Frame, frame, start_engine_warm_up, view_link, warm_engines_of
from ui.kit import assets
from ui.registry import TALK, sections_of
from ui.talk import deck as decks
from ui.talk import hold, live

KEEP = ("deck", "scene", "seed", "present", "view", "room")  # URL keys a scene change leaves alone
APPLIED = "_talk_applied"  # (deck, scene, reveal step shown) whose controls are in session state and the URL
REVEALED = "_talk_revealed"  # (deck, scene) whose answer is shown
LAST = "_talk_last"  # (deck, scene) the session was on: a link without them resumes there
SEEN = "_talk_seen"  # the version of the room's position this session has shown (ui.talk.live)
EXPLORING = "_talk_exploring"  # a follower moved on their own: it stops following until it rejoins
VIEWS = ("audience", "speaker", "follow")

KEYS_CSS = """<style>
.st-key-talk_keys { display: none; }
.st-key-talk_bar { border-bottom: 1px solid rgba(49, 51, 63, 0.15); padding-bottom: 0.25rem; }
/* Streamlit pulls a markdown block up by 1rem to cancel its last paragraph's margin: with that margin gone here,
   the block is kept its text's height (a question on two lines ran through the bar's rule), and the title and the
   question sit 0.25rem apart */
.st-key-talk_bar [data-testid="stMarkdownContainer"] { margin-bottom: 0; }
.st-key-talk_bar [data-testid="stMarkdownContainer"] p { margin-bottom: 0; }
.st-key-talk_bar [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { gap: 0.25rem; }
.st-key-talk_ask [data-testid="stMarkdownContainer"] p { font-size: 1.25rem; line-height: 1.35; }
.st-key-talk_notes [data-testid="stMarkdownContainer"] :is(p, li) { font-size: 1.45rem; line-height: 1.45; }
[data-testid="stStatusWidget"] { visibility: hidden; }  /* the follow poll runs every second: no flicker */
.st-key-talk_speaker_scene .katex { font-size: 0.75em !important; }
.st-key-talk_speaker_scene .katex-display { overflow-x: hidden; }
</style>"""

# A scene is one screen: the bar says its title and the speaker says its idea, so the section's header, its
# idea paragraph, its quick-pick row and its CSV buttons give their room to the figure; captions stay.
SCENE_CSS = """<style>
.st-key-talk_scene [data-testid="stElementContainer"]:has(> [data-testid="stHeading"] h2),
.st-key-talk_scene [data-testid="stElementContainer"]:has(> [data-testid="stHeading"] h2)
  + [data-testid="stElementContainer"]:has([data-testid="stMarkdown"]),
.st-key-talk_scene [data-testid="stDownloadButton"],
.st-key-talk_scene [data-testid="stLayoutWrapper"]:has([class*="st-key-jump_"]),
.st-key-talk_scene [data-testid="stElementContainer"]:has(+ [data-testid="stLayoutWrapper"] [class*="st-key-jump_"])
  { display: none; }
.st-key-talk_unread_controls, [data-testid="stLayoutWrapper"]:has(> .st-key-talk_unread_controls) { display: none; }
/* figure first: in every block of the scene, what holds a figure comes before the text and controls */
:is(.st-key-talk_scene, .st-key-talk_scene [data-testid="stVerticalBlock"])
  > :has(:is([data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"], [data-testid="stImage"])) { order: -1; }
/* a clicker needs no hints, and Home / End work without their buttons: the bar keeps to one row */
.st-key-talk_bar kbd { display: none; }
@media (max-width: 1199px) { .st-key-talk_first, .st-key-talk_last { display: none; } }
</style>"""


# ---------------------------------------------------------------------------------------------- moving
def _go(name: str, number: int, revealed: bool = False, who: tuple[str, str] | None = None) -> None:
    """Button callback: open scene ``number`` of deck ``name`` (its answer shown when ``revealed``);
    ``who`` = (room, view) of the session that moved, which tells the room (see :func:`_moved`)."""
    link.edit({"deck": name, "scene": str(number)}, later=True)  # the run's new controls go with it
    if revealed:
        st.session_state[REVEALED] = (name, number)
    _hold(name, number, revealed)
    _moved(name, number, who)


def _hold(name: str, number: int, revealed: bool) -> None:
    """Hold the move against the browser's older link (``ui.talk.hold``): on a reveal, its values tell
    the answer's step apart from the question's."""
    expect = {}
    if revealed:
        with contextlib.suppress(decks.DeckError, KeyError, IndexError):
            expect = dict(decks.load(name).scene(number).reveal)
    hold.hold(st.session_state, name, number, revealed, expect)


def _next(name: str, number: int, total: int, pending: bool, who: tuple[str, str] | None = None) -> None:
    """Next step: the scene's answer when it has one still hidden, else the next scene."""
    if pending and st.session_state.get(REVEALED) != (name, number):
        st.session_state[REVEALED] = (name, number)
        _hold(name, number, True)
        _moved(name, number, who)
    elif number < total:
        _go(name, number + 1, who=who)


def _back(name: str, number: int, previous_has_answer: bool, who: tuple[str, str] | None = None) -> None:
    if number > 1:
        _go(name, number - 1, revealed=previous_has_answer, who=who)  # back lands on a scene's last step


def _moved(name: str, number: int, who: tuple[str, str] | None) -> None:
    """After a move: the speaker's and the audience's views publish it to their room; a follower that
    moves on their own explores, and stops following until they rejoin."""
    if who is None:
        return
    room, view = who
    if view == "follow":
        st.session_state[EXPLORING] = True
        return
    revealed = st.session_state.get(REVEALED) == (name, number)
    st.session_state[SEEN] = live.publish(name, room, number, revealed).version


def _rejoin() -> None:
    st.session_state[EXPLORING] = False
    st.session_state[SEEN] = 0  # the next poll moves to where the speaker is


# ---------------------------------------------------------------------------------------------- link
def _resolve(raw_deck: str | None, raw_scene: str | None) -> tuple[decks.Deck | None, int]:
    """The deck and scene the link asks for, with a note and scene 1 of the default deck on junk;
    (None, 0) when the deck file itself is broken (its error is shown)."""
    last = st.session_state.get(LAST)
    name = raw_deck if raw_deck is not None else (last[0] if last else decks.DEFAULT)
    if decks.deck_path(name) is None:
        controls.show_url_note("deck", name, f"is not a deck in talks/ (decks: {', '.join(decks.deck_names())})",
                               decks.DEFAULT)
        name, raw_scene = decks.DEFAULT, "1"
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
    elif (repeated := len(st.query_params.get_all("scene"))) > 1:  # as a control's link value says it
        controls.show_url_note("scene", raw_scene, f"appears {repeated} times", number)
    return deck, int(number)


def _apply(scene: decks.Scene, given: dict[str, str], revealed: bool = False) -> None:
    """Make the scene's controls the values its widgets open with, as if they came in a link: drop the
    previous scene's values (session state and URL), then put the scene's values in the URL (with its
    ``reveal`` values over them on its second step), in one message to the browser. ``given`` holds control
    values from the link itself (kept over the deck's on the session's first scene, so a copied "link to this
    view" reproduces a moved control, and on a step the browser's history brings back)."""
    for key in st.session_state.get(controls.BOUND_KEYS, set()) - set(controls.KEEP_ACROSS_PAGES):
        st.session_state.pop(key, None)
    values = {**scene.controls, **(scene.reveal if revealed else {}), **given}
    # junk in the link falls back on the scene's value, not the page's default
    st.session_state[controls.FALLBACKS] = {key: scene.controls[key] for key in given if key in scene.controls}
    with link.internal() as qp:
        leaving = [k for k in st.query_params if k not in KEEP]
        if qp is not None:
            for key in {*leaving, *values}:
                if qp.is_bound(key):  # the previous scene's widget; it is gone now
                    qp.unbind_widget(qp.get_binding_for_param(key).widget_id)
    # else a bound widget could seed from the first link; on the browser's Back, the history entry's link is the
    # one to seed from (Streamlit seeds a bound widget from it, or gives it its default)
    if not _travelled():
        link.forget_seeds(keep=KEEP)
    link.edit(values, drop=leaving)


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


def _travelled() -> bool:
    """Whether the browser asked for this run from its history (its Back or Forward button)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def _travel_to(name: str, scene: decks.Scene, given: dict[str, str]) -> None:
    """Open ``scene`` of deck ``name`` on the step a history entry's link values ``given`` show: its second
    when they hold the scene's revealed values (the link changes with a reveal, so the browser keeps an entry
    for each step), else its first."""
    revealed = bool(scene.reveal) and all(
        str(given.get(key, "")).lower() == str(value).lower() for key, value in scene.reveal.items())
    if revealed:
        st.session_state[REVEALED] = (name, scene.number)
    elif st.session_state.get(REVEALED) == (name, scene.number):
        st.session_state.pop(REVEALED, None)


def _presenting_by_default() -> None:
    """Presenter mode is on when a session enters the talk page, unless the link says ``present=``."""
    if st.session_state.get(LAST_PAGE) == TALK.stem:
        return
    if st.query_params.get("present") is None:
        st.session_state[present.PRESENTING] = True
    else:
        st.session_state.pop(present.PRESENTING, None)  # the frame reads the link (and notes junk)


# ---------------------------------------------------------------------------------------------- drawing
def _bar(deck: decks.Deck, scene: decks.Scene, who: tuple[str, str]) -> None:
    """Deck title, scene counter and title, and the buttons a mouse user needs."""
    n, total = scene.number, len(deck)
    pending = scene.has_step
    previous_has_answer = n > 1 and deck.scene(n - 1).has_step
    with st.container(key="talk_bar"):
        text, nav = st.columns([3, 2], vertical_alignment="center")
        text.markdown(f"**{n} / {total}** · {scene.title}")
        _asks(deck, scene, text)
        with nav.container(horizontal=True, horizontal_alignment="right"):
            if who[1] != "follow":
                with st.popover("Phone", icon=":material/qr_code_2:", help="A QR code to follow the talk on a phone",
                                type="tertiary"):
                    _qr(deck, who[0], st)
            st.button("First", key="talk_first", shortcut="Home", on_click=presses.once(_go),
                      args=(deck.name, 1, False, who), disabled=n == 1, help="First scene (Home key)", type="tertiary")
            st.button("Back", key="talk_back", shortcut="PageUp", on_click=presses.once(_back),
                      args=(deck.name, n, previous_has_answer, who), disabled=n == 1,
                      help="Previous scene (PageUp key)")
            done = n == total and (not pending or st.session_state.get(REVEALED) == (deck.name, n))
            st.button("Next", key="talk_next", shortcut="PageDown", on_click=presses.once(_next),
                      args=(deck.name, n, total, pending, who), type="primary", disabled=done,
                      help="Next step: the answer, then the next scene (PageDown or Space)")
            st.button("Last", key="talk_last", shortcut="End", on_click=presses.once(_go),
                      args=(deck.name, total, False, who), disabled=n == total, help="Last scene (End key)",
                      type="tertiary")


def _hidden_keys(deck: decks.Deck, scene: decks.Scene, arrows: bool, who: tuple[str, str]) -> None:
    """Space (and → / ← when no step scrubber has them) for a clicker: buttons that are not shown; PageDown /
    PageUp taken from a focused control for the scene (``assets/clicker.js``); and a run asked for when the
    scene's box has gone missing under its bar (``assets/redraw.js``)."""
    n = scene.number
    with st.container(key="talk_keys"):
        st.html(f"<script>{assets.script('clicker.js')}\n{assets.script('redraw.js')}</script>",
                unsafe_allow_javascript=True, width="content")
        st.button("Draw the scene again", key="talk_redraw")  # assets/redraw.js: a scene box gone missing
        st.button("Next (Space)", key="talk_space", shortcut="Space", on_click=presses.once(_next),
                  args=(deck.name, n, len(deck), scene.has_step, who))
        if arrows:
            st.button("Next (→)", key="talk_right", shortcut="Right", on_click=presses.once(_next),
                      args=(deck.name, n, len(deck), scene.has_step, who))
            st.button("Back (←)", key="talk_left", shortcut="Left", on_click=presses.once(_back),
                      args=(deck.name, n, n > 1 and deck.scene(n - 1).has_step, who))


def _asks(deck: decks.Deck, scene: decks.Scene, where) -> None:
    """Under the scene's title, where the room reads it on the first screen: its question, then (one Next
    later) its answer in its place; the deck's title on a scene that asks nothing. Next is the only button a
    reveal needs (``_next``), so a clicker's press shows the answer where the question was."""
    if scene.question is None:
        where.caption(deck.title)
        return
    box = where.container(key="talk_ask")
    if scene.answer is not None and st.session_state.get(REVEALED) == (deck.name, scene.number):
        box.markdown(f":material/lightbulb: {scene.answer}", help=f"The question: {scene.question}")
    else:
        box.markdown(f":material/help: {scene.question}")


def _section(scene: decks.Scene, fr: Frame, first_run: bool) -> None:
    """The scene's section alone, after its page's controls (as ``ui.frame.page`` draws them), in the
    scene's container: figure first (see ``SCENE_CSS``)."""
    with st.container(key="talk_scene"):
        _draw_section(scene, fr, first_run)


def _draw_section(scene: decks.Scene, fr: Frame, first_run: bool) -> None:
    module: ModuleType = sections_of(scene.page)
    section = next(s for s in module.SECTIONS if s.__name__ == scene.section)
    # a talk link is often a fresh server's first request: this scene's page compiles first, the rest behind it
    warm_engines_of(scene.page, talk_first=True)
    slot = st.session_state.get(controls.NOTES_SLOT)
    if first_run:
        st.session_state[controls.NOTES_SLOT] = _FromScene(slot, f"Scene {scene.number} (“{scene.title}”): ")
    try:
        state, unread = _page_state(module, scene.section, fr)
        section(state)
    finally:
        st.session_state[controls.NOTES_SLOT] = slot
    if first_run:
        drawn = [key for key in st.session_state.get(controls.REGISTRY, {}) if key not in unread]
        for key in [k for k in scene.controls if k not in drawn and k not in controls.KEEP_ACROSS_PAGES]:
            (slot or st).warning(f"Scene {scene.number} (“{scene.title}”): the deck sets `{key}`, which is not a "
                                 f"control of this scene (its controls: {', '.join(sorted(drawn)) or 'none'}); "
                                 "ignored.", icon=":material/link_off:")
            link.edit(drop=(key,))


UNREAD_BOX = "talk_unread_controls"  # a page's controls that the scene's section does not read: drawn, not shown


def _page_state(module: ModuleType, name: str, fr: Frame) -> tuple[object, set[str]]:
    """The page state section ``name`` is drawn from (its page's ``page_controls``, as ``ui.frame.page`` draws
    them), and the keys of the page's controls it does not read. A page that lists the sections reading its
    controls (``CONTROLS_READ_BY``) has them drawn hidden for any other section: a projector shows no slider
    that moves nothing (the sequence length above the CTC scene). Drawn still, they keep their values, their
    link and their notes."""
    page_controls = getattr(module, "page_controls", None)
    if page_controls is None:
        return fr, set()
    if name in getattr(module, "CONTROLS_READ_BY", (name,)):
        return page_controls(fr), set()
    before = set(st.session_state.get(controls.REGISTRY, {}))
    with st.container(key=UNREAD_BOX):
        state = page_controls(fr)
    return state, set(st.session_state.get(controls.REGISTRY, {})) - before


def _view_and_room(deck: decks.Deck) -> tuple[str, str]:
    """The link's ``view`` (audience, speaker or follow) and ``room``, each with a note and a fallback on junk."""
    raw_view = st.query_params.get("view")
    view = raw_view or "audience"
    if view not in VIEWS:
        controls.show_url_note("view", raw_view, f"is not a view ({', '.join(VIEWS)})", "audience")
        view = "audience"
    raw_room = st.query_params.get("room")
    room, problem = live.parse_room(raw_room, deck.name)
    if problem:
        controls.show_url_note("room", raw_room, problem, room)
    return view, room


def follow_link(deck: decks.Deck, room: str) -> str:
    """The address a phone opens to follow this talk (``view=follow``), from this page's own address."""
    try:
        url = st.context.url or ""
    except Exception:  # AppTest has no browser URL
        url = ""
    params = {"deck": deck.name, "view": "follow", **({"room": room} if room != deck.name else {})}
    return present.view_link(url.split("?")[0] if url else "/talk", params)


@functools.lru_cache(maxsize=64)
def qr_png(link: str) -> bytes:
    """The PNG of a QR code of ``link`` (made once per link and process: every follower's page shows it)."""
    import io

    import segno

    image = io.BytesIO()
    segno.make(link, error="m").save(image, kind="png", scale=6, border=2)
    return image.getvalue()


def _qr(deck: decks.Deck, room: str, where, *, width: int = 220, with_link: bool = True) -> None:
    """A QR code of the follow link (and the link as text, for those who type)."""
    link = follow_link(deck, room)
    where.image(qr_png(link), width=width, caption="Scan to follow on a phone",
                alt=f"QR code of the link that follows this talk on a phone: {link}")
    if with_link:
        where.code(link, language=None, wrap_lines=True)


def _position(deck: decks.Deck, view: str, room: str, shown: tuple[int, bool]) -> None:
    """Poll the room (a fragment rerun every ``live.POLL_S`` s): when the speaker has moved since this
    session last looked, go there (a follower who explores does not; they see where the speaker is and
    can rejoin). The speaker's view shows the clock here."""
    position = live.where(deck.name, room)
    exploring = view == "follow" and st.session_state.get(EXPLORING, False)
    if position is not None and position.version > st.session_state.get(SEEN, 0) and not exploring:
        st.session_state[SEEN] = position.version
        if (position.scene, position.revealed) != shown:
            link.edit({"scene": str(position.scene)}, later=True)  # with the scene's controls, in the rerun
            if position.revealed:
                st.session_state[REVEALED] = (deck.name, position.scene)
            _hold(deck.name, position.scene, position.revealed)
            st.rerun()
    if view == "speaker":
        started = st.session_state.setdefault("_talk_started", time.time())
        minutes, seconds = divmod(int(time.time() - started), 60)
        st.metric("Clock", time.strftime("%H:%M"))
        st.caption(f"{minutes}:{seconds:02d} into the talk")
    elif view == "follow":
        if exploring:
            where = f"the speaker is on scene {position.scene}" if position else "the speaker has not moved yet"
            st.info(f"You are exploring on your own; {where}.", icon=":material/explore:")
            st.button("Rejoin the speaker", key="talk_rejoin", on_click=presses.once(_rejoin), type="primary")
        else:
            st.caption(":material/sync: Following the speaker" + ("" if position else " (waiting for a first move)"))


def _speaker_notes(deck: decks.Deck, scene: decks.Scene) -> None:
    """The speaker's side: notes large, the next scene's title, the clock (in the polling fragment)."""
    nxt = deck.scene(scene.number + 1).title if scene.number < len(deck) else "— the end —"
    with st.container(key="talk_notes"):
        st.markdown(scene.notes or "*No notes for this scene.*")
        if scene.question:
            st.markdown(f"**Asks:** {scene.question}" + (f"  \n**Answer:** {scene.answer}" if scene.answer else ""))
        st.markdown(f"**Next:** {nxt}")


def show() -> None:
    """Draw the talk page: the audience's view (the projector), the speaker's or a follower's."""
    raw_deck, raw_scene = st.query_params.get("deck"), st.query_params.get("scene")  # before the frame:
    given = {k: v for k, v in st.query_params.to_dict().items() if k not in KEEP}  # a page switch clears them
    first_visit = APPLIED not in st.session_state
    travelled = _travelled()
    if travelled:  # the browser's Back or Forward: its link is the reader's word, not an older one
        st.session_state.pop(hold.HOLD, None)
    held = hold.stale(st.session_state, st.query_params.to_dict())
    if held is not None:  # the browser asked before it saw the last move: its link and controls are older
        raw_deck, raw_scene, given = held[0], str(held[1]), {}
        if held[2]:
            st.session_state[REVEALED] = held[:2]
        st.session_state.pop(APPLIED, None)  # the step's controls are set again, as on arrival
    _presenting_by_default()
    fr = frame(TALK.stem)
    for key in ("deck", "scene", "view", "room"):  # the talk's own: leaving it drops them from the link
        controls.owns(key)
    st.html(KEYS_CSS + SCENE_CSS)
    deck, number = _resolve(raw_deck, raw_scene)
    if deck is None:
        start_engine_warm_up(talk_first=True)  # a talk link is often a fresh server's first request
        view_link()
        return
    view, room = _view_and_room(deck)
    who = (room, view)
    if first_visit and view != "follow":  # a projector opened on a prepared link stays on its scene
        position = live.where(deck.name, room)
        st.session_state[SEEN] = position.version if position else 0
    scene = deck.scene(number)
    link.edit({"deck": deck.name, "scene": str(number)})
    st.session_state[LAST] = (deck.name, number)
    if (st.session_state.get(APPLIED) or (None, None))[:2] != (deck.name, number) \
            and st.session_state.get(REVEALED) != (deck.name, number):
        st.session_state.pop(REVEALED, None)  # a new scene opens on its first step
    if travelled:  # the step the history entry shows: the scene's revealed values in its link, or its first
        _travel_to(deck.name, scene, given)
    step = (deck.name, number, bool(scene.reveal) and st.session_state.get(REVEALED) == (deck.name, number))
    changed = st.session_state.get(APPLIED) != step  # a new scene, or its reveal step's controls
    if changed:
        _apply(scene, given if first_visit or travelled else {}, revealed=step[2])
        st.session_state[APPLIED] = step
    if (view == "speaker" and first_visit) or travelled:
        _moved(deck.name, number, who)  # where the speaker opens (or goes in the browser) is where the talk is
    _bar(deck, scene, who)
    shown = (number, st.session_state.get(REVEALED) == (deck.name, number))
    poll = st.fragment(_position, run_every=live.POLL_S)
    if view == "speaker":
        figure, side = st.columns([3, 2], gap="large")
        with side:
            poll(deck, view, room, shown)
            _speaker_notes(deck, scene)
        with figure.container(key="talk_speaker_scene"):  # the scene small: formulas smaller, never a scroll box
            _section(scene, fr, first_run=changed)
    else:
        poll(deck, view, room, shown)
        figure = st.container()
        if view == "audience" and number == 1:  # the title scene: the code beside the figure, for the room
            figure, side = st.columns([5, 1])
            _qr(deck, room, side, width=150, with_link=False)
        with figure:
            _section(scene, fr, first_run=changed)
        if scene.notes and view == "audience":
            with st.expander("Speaker notes", icon=":material/speaker_notes:"):
                st.markdown(scene.notes)
    _hidden_keys(deck, scene, arrows=not _scrubbed(), who=who)
    view_link()
