"""ui/idle.py: which views the server draws while idle, in which order, and that it waits for quiet."""

from __future__ import annotations

import threading

import pytest

from ui import idle
from ui.registry import DIM_DEFAULT, DIM_STOPS


def test_a_view_waits_for_a_window_in_which_the_server_was_idle():
    used = iter([0.0, 0.9, 0.9, 1.5, 1.5, 1.55])  # CPU seconds read before and after each window
    slept = []
    idle.wait_quiet(window=1.0, share=0.1, clock=lambda: next(used), sleep=slept.append)
    assert slept == [1.0, 1.0, 1.0]  # busy (0.9 s in 1 s), busy (0.6 s), then idle (0.05 s): it returns


def test_a_view_has_one_spelling():
    assert idle.view("curse", {"present": "1", "dim": "60"}) == "curse?dim=60&present=1"
    assert idle.view("curse", {}) == "curse"


def test_the_views_near_a_visitors_are_one_then_two_stops_away_the_rest_as_it_was():
    near = idle.near_views("curse", {}, "dim", DIM_STOPS, DIM_DEFAULT)  # at the default, D = 50
    assert near == ["curse?dim=60", "curse?dim=40", "curse?dim=70", "curse?dim=30"]
    near = idle.near_views("curse", {"dim": "60", "pin": "10", "present": "1"}, "dim", DIM_STOPS, DIM_DEFAULT)
    assert near == ["curse?dim=70&pin=10&present=1", "curse?pin=10&present=1",  # D = 50: the default, no dim
                    "curse?dim=80&pin=10&present=1", "curse?dim=40&pin=10&present=1"]
    assert idle.near_views("curse", {"dim": "1"}, "dim", DIM_STOPS, DIM_DEFAULT) == ["curse?dim=2", "curse?dim=3"]
    assert idle.near_views("curse", {"dim": "55"}, "dim", DIM_STOPS, DIM_DEFAULT) == []  # not a stop
    assert idle.near_views("curse", {"dim": "junk"}, "dim", DIM_STOPS, DIM_DEFAULT) == []


@pytest.fixture
def quiet(monkeypatch):
    waits = []
    monkeypatch.setattr(idle, "wait_quiet", waits.append)
    return waits


def test_views_near_visitors_come_first_the_newest_first_then_the_sweep_none_twice(quiet):
    views = idle.IdleViews()
    opened = []
    views.near(["a?d=2", "a?d=1"])
    views.near(["b?d=2", "b?d=1"])  # a later visitor (or the same one, moved again)
    views.seen("a?d=9")
    views.serve(opened.append, sweep=["a?d=9", "a?d=1", "a?d=8"])
    assert opened == ["b?d=2", "b?d=1", "a?d=2", "a?d=1", "a?d=8"]  # a?d=9 drawn before, a?d=1 just now
    assert quiet == [idle.NEAR_QUIET_S] * 4 + [idle.QUIET_S]
    views.near(["a?d=8", "a?d=1"])  # both drawn: nothing to start
    assert views.waiting() == ([], [])


def test_only_the_newest_views_near_visitors_wait():
    views = idle.IdleViews()  # not serving: nothing is drawn, they wait
    views.near([f"a?d={k}" for k in range(idle.NEAR_MAX + 5)])
    near, _ = views.waiting()
    assert len(near) == idle.NEAR_MAX and near[0] == "a?d=0"  # the most wanted of the last request first


def test_a_visitor_after_the_sweep_gets_a_thread_that_draws_the_views_near_and_ends(quiet):
    views = idle.IdleViews()
    opened, done = [], threading.Event()

    def open_view(page):
        opened.append(page)
        if len(opened) == 3:
            done.set()

    views.serve(open_view, sweep=["a?d=1"])  # the warm-up's thread: the sweep, then it returns
    assert opened == ["a?d=1"]
    views.near(["a?d=3", "a?d=2"])  # a visitor later: a thread of its own
    assert done.wait(10)
    assert opened == ["a?d=1", "a?d=3", "a?d=2"]
    for _ in range(200):  # it found nothing more and ended
        if not any(t.name == "idle-views" for t in threading.enumerate()):
            break
        threading.Event().wait(0.01)
    assert not any(t.name == "idle-views" for t in threading.enumerate())
