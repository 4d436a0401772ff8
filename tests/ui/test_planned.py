"""A control's keyed rerun is planned before its run starts: one changed control whose callback names its
fragments turns the browser's request into that fragment run; anything else is left as the browser sent it."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from ui import controls, in_view, planned, presses

PAGE = "page-hash"


@dataclass
class Meta:
    """The part of Streamlit's ``WidgetMetadata`` the planner reads."""

    callback: Any = None
    callback_args: tuple = ()
    callback_kwargs: dict | None = None
    fragment_id: str | None = None
    value_type: str = "int_value"

    @staticmethod
    def deserializer(value):
        return value


@dataclass
class State:
    """The part of Streamlit's ``SessionState`` the planner reads: the widgets' values and metadata, and the
    session's own keys."""

    values: dict[str, Any]
    metas: dict[str, Meta]
    session: dict[str, Any] = field(default_factory=dict)

    def get_widget_metadata(self, widget_id):
        return self.metas.get(widget_id)

    def get_widget_value(self, widget_id):
        return self.values[widget_id]

    def __getitem__(self, key):
        return self.session[key]


class Storage:
    @staticmethod
    def resolve_target(keys):
        return [f"id:{key}" for key in keys]


class Session:
    def __init__(self, state: State):
        self.page_script_hash = PAGE
        self._session_state = state
        self._fragment_storage = Storage()


def _sent(**values: int) -> WidgetStates:
    states = WidgetStates()
    for widget_id, value in values.items():
        states.widgets.add(id=widget_id, int_value=value)
    return states


def _request(**kwargs) -> RerunData:
    kwargs.setdefault("widget_states", _sent(d=60, seed=1))
    return RerunData(page_script_hash=kwargs.pop("page_script_hash", PAGE), **kwargs)


def _asks(state, key, stem):
    """A callback's fragments: what its session says, or None (the whole page) before it says anything."""
    seen = state.get("seen", {}).get(stem)
    return None if seen is None else [*seen, "link"]


@planned.plannable(_asks)
def _moved(key, stem):
    pass


def _session(meta: Meta | None = None, seen=("grids", "hero")) -> Session:
    meta = meta or Meta(callback=_moved, callback_args=("d", "curse"))
    return Session(State(values={"d": 50, "seed": 1}, metas={"d": meta, "seed": Meta()},
                         session={"seen": {"curse": list(seen)}} if seen is not None else {}))


def test_one_changed_control_becomes_the_fragment_run_its_callback_names():
    request = _request()
    run = planned.plan(_session(), request)
    assert run.fragment_id_queue == ["id:grids", "id:hero", "id:link"]
    assert run.is_fragment_scoped_rerun and run.fragment_id is None
    assert run.widget_states is request.widget_states  # the callback still runs in it, with the browser's values


def test_a_control_in_a_fragment_is_planned_when_its_fragment_is_rerun():
    meta = Meta(callback=_moved, callback_args=("d", "curse"), fragment_id="id:grids")
    run = planned.plan(_session(meta), _request(fragment_id="id:grids"))
    assert run.fragment_id_queue == ["id:grids", "id:hero", "id:link"] and run.fragment_id is None


@pytest.mark.parametrize("request_", [
    _request(widget_states=_sent(d=60, seed=2)),  # two controls changed at once
    _request(widget_states=_sent(d=50, seed=1)),  # nothing changed (the talk's poll, a watcher's word)
    _request(is_history_navigation=True),  # the browser's Back: the link decides
    _request(page_script_hash="another page"),
    _request(is_auto_rerun=True, fragment_id="id:poll"),  # a timed fragment (the talk's poll)
    _request(widget_states=None),  # a rerun with no values (st.rerun, a reconnect)
    _request(fragment_id_queue=["id:x"]),  # already a keyed run
], ids=["two changed", "none changed", "history", "another page", "timed", "no values", "keyed"])
def test_anything_but_one_changed_control_of_the_page_goes_as_sent(request_):
    assert planned.plan(_session(), request_) is request_


@pytest.mark.parametrize("meta", [
    Meta(callback=lambda key, stem: None, callback_args=("d", "curse")),  # a callback that names nothing
    Meta(),  # no callback
    Meta(callback=_moved, callback_args=("d", "curse"), fragment_id="id:tools"),  # drawn in a fragment not rerun
    Meta(callback=_moved, callback_args=("d", "curse"), value_type="trigger_value"),  # a button on the page
], ids=["not plannable", "no callback", "its fragment not rerun", "a button outside every fragment"])
def test_a_control_whose_run_cannot_be_planned_goes_as_sent(meta):
    request = _request()
    assert planned.plan(_session(meta), request) is request


def test_a_callback_that_wants_the_whole_page_goes_as_sent():
    request = _request()
    assert planned.plan(_session(seen=None), request) is request  # the watcher has not said what is in view


def test_outside_a_run_nothing_is_planned():
    assert not planned.planned(["grids"])


def test_the_apps_callbacks_name_their_fragments_from_the_session_alone():
    state = {in_view.SEEN: {"curse": ["curse.hero", "curse.grids"]}, in_view.READS: {"curse": ["curse.grids"]},
             in_view.ALSO: {"curse": ["dim_tools"]}, controls.READERS: {"bins": {"curse.grids"}}}
    move = [*state[in_view.ALSO]["curse"], "curse.grids", controls.LINK_FRAGMENT, in_view.WATCH]
    assert in_view.moved.fragments(state, "dim", 50, "curse") == move
    assert in_view.moved.fragments({}, "dim", 50, "curse") is None  # the whole page
    assert controls.rerun_readers.fragments(state, "bins") == ["curse.grids", controls.LINK_FRAGMENT]
    assert controls.rerun_readers.fragments({**state, controls.SWEPT: "bins"}, "bins") is None  # ▶'s echo
    next_ = {"on_change": in_view.moved, "args": ("dim", 50, "curse")}
    assert controls._move.fragments(state, "dim", 1, 9, 1, False, next_) == move  # Next: the slider's callback's
    assert controls._move.fragments(state, "bins", 1, 9, 1, True, None) == ["curse.grids", controls.LINK_FRAGMENT]
    assert presses.once(controls._move).fragments is controls._move.fragments  # Back and Next as drawn


# ---------------------------------------------------------------------------------------------- the watcher
WATCH_ID = f"$$ID-0123abcd-{in_view.WATCH}"  # a keyed components-v2 element's id ends with its key
CURSE = "curse"
SECTIONS = ("grids", "angles", "shells")


@dataclass
class JsonMeta(Meta):
    """A components-v2 element's state: a JSON map, one callback per key (``on_seen_change``, ...)."""

    callbacks: dict | None = None
    value_type: str = "json_value"
    fragment_id: str | None = f"id:{in_view.WATCH}"

    @staticmethod
    def deserializer(value):  # Streamlit hands it the JSON parsed
        return dict(value)


def _watcher(shown: dict) -> Session:
    """A curse page drawn at D = 50 and moved to 60, shells left for later, its watcher having said ``shown``."""
    meta = JsonMeta(callbacks={"seen": functools.partial(in_view._seen_changed, CURSE, SECTIONS, "dim"),
                               "fill": functools.partial(in_view._fill_changed, CURSE, SECTIONS)})
    session = {"dim": 60, in_view.LATER: {CURSE: ["shells"]},
               in_view.DRAWN: {f"{CURSE}.grids": 50, f"{CURSE}.angles": 60}}
    return Session(State(values={WATCH_ID: shown}, metas={WATCH_ID: meta}, session=session))


def _says(**values) -> RerunData:
    states = WidgetStates()
    states.widgets.add(id=WATCH_ID, json_value=json.dumps(values))
    return RerunData(page_script_hash=PAGE, widget_states=states, fragment_id=f"id:{in_view.WATCH}")


def _word(*names: str) -> dict:
    return {"names": list(names), "opened": 1}


def test_the_watchers_word_becomes_the_fragment_run_its_callback_names():
    """What is in view changed: the stale section in view and the one left for later that came near are drawn,
    with the link and the watcher, as one run (the watcher's own run was doomed to end early for it)."""
    run = planned.plan(_watcher({"seen": _word("angles")}), _says(seen=_word("grids", "shells")))
    assert run.fragment_id_queue == [f"id:{CURSE}.grids", f"id:{CURSE}.shells", f"id:{controls.LINK_FRAGMENT}",
                                     f"id:{in_view.WATCH}"]
    assert run.is_fragment_scoped_rerun and run.fragment_id is None


def test_a_still_pages_fill_becomes_the_fragment_run_that_draws_the_section():
    run = planned.plan(_watcher({"seen": _word("grids")}), _says(seen=_word("grids"), fill=_word("shells")))
    assert run.fragment_id_queue == [f"id:{CURSE}.shells", f"id:{controls.LINK_FRAGMENT}", f"id:{in_view.WATCH}"]


@pytest.mark.parametrize("shown, said", [
    ({"seen": _word("grids")}, {"seen": _word("angles")}),  # in view now: drawn at D = 60 already
    ({"seen": _word("grids")}, {"seen": _word("angles"), "fill": _word("shells")}),  # two words at once
    ({"seen": _word("grids")}, {"seen": _word("grids")}),  # nothing new
    ({}, {"seen": {"names": "shells"}}),  # a tampered message
], ids=["nothing to draw", "two words", "same word", "tampered"])
def test_a_watchers_word_with_nothing_to_draw_or_two_words_goes_as_sent(shown, said):
    request = _says(**said)
    assert planned.plan(_watcher(shown), request) is request


def test_the_watchers_callbacks_name_the_fragments_they_rerun():
    assert in_view._seen_changed.fragments is in_view._seen_fragments
    assert in_view._fill_changed.fragments is in_view._fill_fragments
