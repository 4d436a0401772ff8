"""ui.in_view: which sections a move of a page's main control reruns, and which a scroll brings back.

The browser side (the watcher, the fade, the run counts) is in tests/e2e/test_fragments.py; here the
decisions, on a plain dict standing in for the session."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from ui import controls, in_view

CURSE = "curse_of_dimensionality"


class Rerun(Exception):
    """What ``st.rerun`` was asked to rerun."""

    def __init__(self, scope):
        super().__init__(scope)
        self.scope = scope


@pytest.fixture
def session(monkeypatch):
    state: dict = {}
    monkeypatch.setattr(in_view.st, "session_state", state)
    monkeypatch.setattr(controls.st, "session_state", state)

    def rerun(scope="app"):
        raise Rerun(scope)

    monkeypatch.setattr(in_view.st, "rerun", rerun)
    monkeypatch.setattr(in_view, "enabled", lambda: True)
    import ui.frame

    monkeypatch.setattr(ui.frame, "draw_near_next", lambda stem: state.setdefault("_near", []).append(stem))
    return state


@dataclass(frozen=True)
class State:
    dim: int
    seed: int = 42


FOLLOW = in_view.InView("dim", lambda state, dim: replace(state, dim=dim))


def test_a_section_draws_at_the_controls_value_and_remembers_it(session):
    session["dim"] = 60
    drawn = in_view.drawn_at(f"{CURSE}.shells", FOLLOW, State(dim=50))  # the page state of the last full run
    assert drawn == State(dim=60)
    assert session[in_view.DRAWN] == {f"{CURSE}.shells": 60}


def test_a_section_draws_at_the_value_the_app_holds_not_the_browsers_late_echo(session):
    """⏸ put the frame reached (60) into the control; a request the browser sent before it drew it says 50."""
    controls.hold("dim", 60, session)
    session["dim"] = 50
    assert in_view.drawn_at(f"{CURSE}.shells", FOLLOW, State(dim=50)) == State(dim=60)
    assert session[in_view.DRAWN] == {f"{CURSE}.shells": 60}


def test_stale_sections_are_those_drawn_at_another_value(session):
    session[in_view.DRAWN] = {"p.a": 50, "p.b": 60, "p.c": 50}
    assert in_view.stale(["p.a", "p.b", "p.c", "p.never"], 60) == ["p.a", "p.c"]
    assert in_view.stale(["p.a", "p.b"], 50) == ["p.b"]


def test_a_move_reruns_the_sections_in_view_the_bar_the_link_and_the_watcher(session):
    session.update({"dim": 60, in_view.SEEN: {CURSE: [f"{CURSE}.shells", f"{CURSE}.angles", f"{CURSE}.intro"],
                                              "other_page": []},
                    in_view.READS: {CURSE: [f"{CURSE}.grids", f"{CURSE}.angles", f"{CURSE}.shells"]},
                    in_view.ALSO: {CURSE: ["dim_tools"], "other_page": ["its_bar"]}})
    with pytest.raises(Rerun) as rerun:
        in_view.moved("dim", 50, CURSE)
    # the intro is in view but does not read D
    assert rerun.value.scope == ["dim_tools", f"{CURSE}.shells", f"{CURSE}.angles", controls.LINK_FRAGMENT,
                                 in_view.WATCH]  # the bar above the sections first, then these as the watcher said
    assert session[controls.REGISTRY]["dim"] == ("60", False)  # the link says the new D
    assert session["_near"] == [CURSE]  # and the server draws the next stops when idle


def test_a_move_with_no_reading_section_in_view_reruns_the_link_and_the_watcher(session):
    session.update({"dim": 60, in_view.SEEN: {CURSE: []}})
    with pytest.raises(Rerun) as rerun:
        in_view.moved("dim", 50, CURSE)
    assert rerun.value.scope == [controls.LINK_FRAGMENT, in_view.WATCH]


@pytest.mark.parametrize("seen", [{}, {"other_page": []}])
def test_a_move_reruns_the_page_until_the_watcher_has_said_what_is_in_view(session, seen):
    session.update({"dim": 60, in_view.SEEN: seen})
    with pytest.raises(Rerun) as rerun:
        in_view.moved("dim", 50, CURSE)
    assert rerun.value.scope == "app"  # the page (a control in a page-level fragment would rerun that alone)


def test_the_watcher_reruns_the_stale_sections_it_sees(session):
    sections = ("grids", "angles", "shells")
    session.update({"dim": 60, in_view.DRAWN: {f"{CURSE}.grids": 60, f"{CURSE}.angles": 50,
                                              f"{CURSE}.shells": 50}})
    session[in_view.WATCH] = {"seen": {"names": ["angles", "grids", "not_a_section", 3], "opened": 1}}
    with pytest.raises(Rerun) as rerun:
        in_view._seen_changed(CURSE, sections, "dim")
    assert rerun.value.scope == [f"{CURSE}.angles", in_view.WATCH]  # shells is out of view, grids is at 60
    assert session[in_view.SEEN] == {CURSE: [f"{CURSE}.angles", f"{CURSE}.grids"]}


@pytest.mark.parametrize("said", [None, "grids", {"seen": "grids"}, {"seen": None}, {"seen": ["grids"]},
                                  {"seen": {"names": "grids"}}, {"seen": {"names": None}}])
def test_the_watcher_ignores_a_tampered_message(session, said):
    session.update({"dim": 60, in_view.WATCH: said, in_view.DRAWN: {f"{CURSE}.grids": 50}})
    in_view._seen_changed(CURSE, ("grids",), "dim")  # no rerun, nothing in view
    assert session[in_view.SEEN] == {CURSE: []}


def test_a_page_fragment_is_listed_once_and_marks_its_controls_page_level(session, monkeypatch):
    monkeypatch.setattr(in_view.st, "fragment", lambda run, key: run)
    session[in_view.PAGE] = CURSE
    seen = []

    def draw(x):
        seen.append(session[in_view.PAGE_LEVEL])
        return x + 1

    assert in_view.page_fragment(draw, "dim_tools")(1) == 2
    assert in_view.page_fragment(draw, "dim_tools")(2) == 3
    assert session[in_view.ALSO] == {CURSE: ["dim_tools"]}
    assert seen == [True, True] and session[in_view.PAGE_LEVEL] is False
    assert controls._callbacks("theory") == {}
    session[in_view.PAGE_LEVEL] = True
    assert controls._callbacks("theory") == {"on_change": controls.rerun_page}


# ---------------------------------------------------------------------------------------------- a fresh page
SECTIONS = ("grids", "spiky_cubes", "angles", "shells")


def test_a_fresh_page_leaves_every_section_but_the_first_for_later(session, monkeypatch):
    monkeypatch.setattr(in_view, "lazy", lambda: True)
    session[in_view.SEEN] = {CURSE: [f"{CURSE}.grids"]}  # what the watcher said on the last visit
    in_view.begin_page(CURSE, SECTIONS, FOLLOW, opening=True, fixed=("angles",))
    assert in_view.later(CURSE) == ["spiky_cubes", "shells"]  # angles is part of the page: no fragment to rerun
    assert session[in_view.SEEN][CURSE] is None  # D reruns the page until this visit's watcher has spoken
    assert session[in_view.READS][CURSE] == [f"{CURSE}.{name}" for name in SECTIONS]
    assert session[in_view.OPENED][CURSE] == 1 and session[in_view.PAGE] == CURSE
    in_view._now(CURSE, ["shells"])
    in_view.begin_page(CURSE, SECTIONS, FOLLOW, opening=False)  # a later run of the page (the seed moved)
    assert in_view.later(CURSE) == ["spiky_cubes"] and session[in_view.OPENED][CURSE] == 1
    in_view.begin_page(CURSE, SECTIONS, None, opening=True)  # opened again: a new epoch for the watcher
    assert in_view.later(CURSE) == ["spiky_cubes", "angles", "shells"] and session[in_view.OPENED][CURSE] == 2
    assert session[in_view.READS][CURSE] == []  # no main control: no section reads one


def test_the_servers_own_views_draw_every_section(session, monkeypatch):
    monkeypatch.setattr(in_view, "lazy", lambda: False)
    in_view.begin_page(CURSE, SECTIONS, FOLLOW, opening=True)
    assert in_view.later(CURSE) == []


def test_without_fragments_nothing_is_left_for_later(session, monkeypatch):
    monkeypatch.setattr(in_view, "enabled", lambda: False)
    in_view.begin_page(CURSE, SECTIONS, FOLLOW, opening=True)
    assert in_view.later(CURSE) == [] and session[in_view.PAGE] is None


@pytest.fixture
def drawing(session, monkeypatch):
    """The elements ``in_view.draw`` makes outside the section, by name."""
    import contextlib

    made: list = []
    monkeypatch.setattr(in_view.st, "container", lambda key: made.append(key) or contextlib.nullcontext())
    monkeypatch.setattr(in_view.st, "caption", lambda text: made.append(text))
    return made


def test_a_section_left_for_later_draws_its_header_alone_then_whole(session, drawing):
    drawn: list = []

    def shells(state):
        drawn.append(("header", state.dim))
        if session.get(in_view.present.HEAD_ONLY):  # as present.section does after the header
            raise in_view.present.HeadOnly
        drawn.append(("figures", state.dim))

    session.update({"dim": 60, in_view.LATER: {CURSE: ["shells"]}})
    assert in_view.draw(CURSE, shells, FOLLOW, State(dim=50)) is False
    assert drawn == [("header", 60)]  # the header says the slider's D
    assert drawing == ["in_view_later_shells", in_view.LATER_NOTE]
    assert in_view.DRAWN not in session  # never drawn: not stale either, the watcher does not fade it
    assert session[in_view.present.HEAD_ONLY] is False
    in_view._now(CURSE, ["shells"])
    assert in_view.draw(CURSE, shells, FOLLOW, State(dim=50)) is True
    assert drawn[1:] == [("header", 60), ("figures", 60)] and session[in_view.DRAWN] == {f"{CURSE}.shells": 60}


def test_the_watcher_draws_the_sections_left_for_later_that_come_near(session):
    session.update({"dim": 60, in_view.LATER: {CURSE: ["angles", "shells"]},
                    in_view.DRAWN: {f"{CURSE}.grids": 50}})
    session[in_view.WATCH] = {"seen": {"names": ["grids", "shells"], "opened": 1}}
    with pytest.raises(Rerun) as rerun:
        in_view._seen_changed(CURSE, ("grids", "angles", "shells"), "dim")
    # stale, and left for later (whose controls join the link)
    assert rerun.value.scope == [f"{CURSE}.grids", f"{CURSE}.shells", controls.LINK_FRAGMENT, in_view.WATCH]
    assert in_view.later(CURSE) == ["angles"]


def test_the_watcher_s_sections_are_drawn_in_the_order_it_said_them(session):
    """In view first, then near (``ui/assets/in_view.js``): a reader who stops at a section left for later waits
    for it, not for the one above it that the margin counts as near."""
    session.update({"dim": 60, in_view.LATER: {CURSE: ["angles", "shells", "distances"]},
                    in_view.DRAWN: {f"{CURSE}.grids": 50}})
    session[in_view.WATCH] = {"seen": {"names": ["shells", "distances", "grids", "angles", "shells"], "opened": 1}}
    with pytest.raises(Rerun) as rerun:
        in_view._seen_changed(CURSE, ("grids", "angles", "shells", "distances"), "dim")
    assert rerun.value.scope == [f"{CURSE}.shells", f"{CURSE}.distances", f"{CURSE}.grids", f"{CURSE}.angles",
                                 controls.LINK_FRAGMENT, in_view.WATCH]


def test_a_page_with_no_main_control_draws_what_comes_near(session):
    session.update({in_view.LATER: {"lstm_forward": ["black_box"]}})
    session[in_view.WATCH] = {"seen": {"names": ["black_box"], "opened": 1}}
    with pytest.raises(Rerun) as rerun:
        in_view._seen_changed("lstm_forward", ("step_through_time", "black_box"), None)
    assert rerun.value.scope == ["lstm_forward.black_box", controls.LINK_FRAGMENT, in_view.WATCH]


def test_a_still_page_draws_the_section_the_watcher_names(session):
    session.update({in_view.LATER: {CURSE: ["angles", "shells"]}})
    session[in_view.WATCH] = {"fill": {"names": ["angles"], "opened": 1}}
    with pytest.raises(Rerun) as rerun:
        in_view._fill_changed(CURSE, ("grids", "angles", "shells"))
    assert rerun.value.scope == [f"{CURSE}.angles", controls.LINK_FRAGMENT, in_view.WATCH]
    assert in_view.later(CURSE) == ["shells"]


def test_a_fill_of_a_section_this_session_drew_already_draws_it_again(session):
    """The page still shows its header box (the run that drew it was cut short): the watcher asks again, with
    the time, and it is drawn again. Asked without (a message sent before the section was drawn), nothing."""
    said = {"names": ["grids"], "opened": 1, "at": 1.7e12}
    session.update({in_view.LATER: {CURSE: ["shells"]}, in_view.WATCH: {"fill": said}})
    with pytest.raises(Rerun) as rerun:
        in_view._fill_changed(CURSE, ("grids", "shells"))
    assert rerun.value.scope == [f"{CURSE}.grids", controls.LINK_FRAGMENT, in_view.WATCH]
    assert in_view.later(CURSE) == ["shells"]


@pytest.mark.parametrize("said", [{"names": ["grids"]}, {"names": ["grids"], "at": "now"}, {"names": ["not_a_section"]},
                                  {"names": "shells"}, "shells", None, {"names": None}, {"name": "shells"},
                                  {"names": []}])
def test_a_fill_of_a_section_drawn_already_or_tampered_does_nothing(session, said):
    session.update({in_view.LATER: {CURSE: ["shells"]}, in_view.WATCH: {"fill": said}})
    in_view._fill_changed(CURSE, ("grids", "shells"))  # no rerun
    assert in_view.later(CURSE) == ["shells"]


def test_the_step_buttons_move_t_then_call_the_main_controls_callback(session):
    called = []
    session["t"] = 5
    controls._move("t", 1, 6, then={"on_change": lambda *args: called.append((args, session["t"])), "args": ("t", 1)})
    assert called == [(("t", 1), 6)]  # after the move, with the slider's own arguments
    controls._move("t", 1, 6, then={"on_change": lambda *args: called.append(session["t"]), "args": ()})
    assert called[-1] == 6  # held at the end
    controls._move("t", -10, 6)  # no callback, not in a section: the page's own rerun
    assert session["t"] == 1
