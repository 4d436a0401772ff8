"""A talk move held against the browser's older link (ui.talk.hold)."""

from ui.talk import hold

MOVED = {"deck": "full-series", "scene": "32", "t": "10"}
OLDER = {"deck": "full-series", "scene": "31", "t": "20"}


def _held(expect=None, seconds=hold.SECONDS) -> dict:
    session: dict = {}
    hold.hold(session, "full-series", 32, False, expect or {}, seconds=seconds)
    return session


def test_the_moves_own_run_agrees_and_keeps_the_hold():
    session = _held()
    assert hold.stale(session, MOVED) is None
    assert hold.HOLD in session  # the app's own run is not the browser's echo


def test_an_older_link_after_the_move_is_stale_and_the_move_is_kept():
    session = _held()
    hold.stale(session, MOVED)
    assert hold.stale(session, OLDER) == ("full-series", 32, False)
    assert hold.stale(session, OLDER) == ("full-series", 32, False)  # as often as the browser says it


def test_the_browsers_echo_ends_the_hold():
    session = _held()
    hold.stale(session, MOVED)
    assert hold.stale(session, MOVED) is None
    assert hold.HOLD not in session
    assert hold.stale(session, OLDER) is None  # after the echo, a link is the reader's word again


def test_the_hold_runs_out():
    session = _held(seconds=-1.0)
    assert hold.stale(session, OLDER) is None
    assert hold.HOLD not in session


def test_a_reveal_is_told_apart_by_its_values():
    session: dict = {}
    hold.hold(session, "full-series", 7, True, {"theory": "true"})
    question = {"deck": "full-series", "scene": "7", "theory": "false"}
    answer = {**question, "theory": "True"}  # as a link may spell it
    assert hold.stale(session, answer) is None
    assert hold.stale(session, question) == ("full-series", 7, True)
    assert hold.stale(session, answer) is None
    assert hold.HOLD not in session
