"""ui.frame's callbacks, on a plain dict standing in for the session."""

from __future__ import annotations

from ui import frame, present


def test_the_presenter_switch_follows_its_value_and_ignores_a_call_without_one(monkeypatch):
    """Streamlit can call the switch's callback after a page switch dropped the switch's value from the
    session: then presenter mode stays as it was (it once raised a KeyError and the page lost its sidebar)."""
    state = {present.PRESENTING: True}
    monkeypatch.setattr(frame.st, "session_state", state)
    frame._switch_presenting()
    assert state[present.PRESENTING] is True
    state["present_switch"] = False
    frame._switch_presenting()
    assert state[present.PRESENTING] is False
