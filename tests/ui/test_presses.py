"""A press acts in the run that draws its button, not in another fragment's run that carries it too."""

import pytest

from ui import presses


@pytest.fixture
def runs(monkeypatch):
    """Set which fragments "this run" reruns (None: the whole page) and which one a button is drawn in."""
    state = {"this_run": None, "drawing": None}
    monkeypatch.setattr(presses, "_runs_this_run", lambda: state["this_run"])
    monkeypatch.setattr(presses, "_drawing_fragment", lambda: state["drawing"])
    return state


@pytest.mark.parametrize(("drawn_in", "this_run", "acts"), [
    (None, None, True),  # a button outside fragments, a run of the whole page
    (None, [], True),
    (None, ["poll"], False),  # the room poll's run carried the press: its own request follows
    ("section", None, True),  # a button in a section, a run of the whole page
    ("section", ["section"], True),  # its section's run
    ("section", ["poll", "section"], True),  # the two requests folded into one run
    ("section", ["poll"], False),
    (presses.UNKNOWN, ["poll"], True),  # a Streamlit that does not say where the button is: as unwrapped
])
def test_a_press_acts_only_in_a_run_that_draws_its_button(runs, drawn_in, this_run, acts):
    calls = []
    runs["drawing"] = drawn_in
    callback = presses.once(lambda *args, **kwargs: calls.append((args, kwargs)))
    runs["this_run"] = this_run
    callback(1, two=2)
    assert calls == ([((1,), {"two": 2})] if acts else [])


def test_outside_a_run_every_call_acts():
    """No script run (a plain call, a unit test of a callback): the callback acts, as it would unwrapped."""
    calls = []
    presses.once(lambda: calls.append(1))()
    assert calls == [1]
