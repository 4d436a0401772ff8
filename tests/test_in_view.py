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


def test_stale_sections_are_those_drawn_at_another_value(session):
    session[in_view.DRAWN] = {"p.a": 50, "p.b": 60, "p.c": 50}
    assert in_view.stale(["p.a", "p.b", "p.c", "p.never"], 60) == ["p.a", "p.c"]
    assert in_view.stale(["p.a", "p.b"], 50) == ["p.b"]


def test_a_move_reruns_the_sections_in_view_the_bar_the_link_and_the_watcher(session):
    session.update({"dim": 60, in_view.SEEN: {CURSE: [f"{CURSE}.shells", f"{CURSE}.angles"], "other_page": []},
                    in_view.ALSO: {CURSE: ["dim_tools"], "other_page": ["its_bar"]}})
    with pytest.raises(Rerun) as rerun:
        in_view.moved("dim", 50, CURSE)
    assert rerun.value.scope == [f"{CURSE}.angles", f"{CURSE}.shells", "dim_tools", controls.LINK_FRAGMENT,
                                 in_view.WATCH]
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
    in_view.moved("dim", 50, CURSE)  # returns: Streamlit's default, the page, reruns


def test_the_watcher_reruns_the_stale_sections_it_sees(session):
    sections = ("grids", "angles", "shells")
    session.update({"dim": 60, in_view.DRAWN: {f"{CURSE}.grids": 60, f"{CURSE}.angles": 50,
                                              f"{CURSE}.shells": 50}})
    session[in_view.WATCH] = {"seen": ["angles", "grids", "not_a_section", 3]}
    with pytest.raises(Rerun) as rerun:
        in_view._seen_changed(CURSE, sections, "dim")
    assert rerun.value.scope == [f"{CURSE}.angles", in_view.WATCH]  # shells is out of view, grids is at 60
    assert session[in_view.SEEN] == {CURSE: [f"{CURSE}.angles", f"{CURSE}.grids"]}


@pytest.mark.parametrize("said", [None, "grids", {"seen": "grids"}, {"seen": None}])
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
