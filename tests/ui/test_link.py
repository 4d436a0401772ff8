"""The link is edited in one message to the browser, or none when it already reads so."""

from __future__ import annotations

import pytest
import streamlit.runtime.state.query_params as streamlit_query_params
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture
def messages(monkeypatch):
    """How many times a run told the browser its link changed (``page_info_changed``)."""
    sent = []
    send = streamlit_query_params.QueryParams._send_query_param_msg

    def counted(self):
        sent.append(dict(self._query_params))
        return send(self)

    monkeypatch.setattr(streamlit_query_params.QueryParams, "_send_query_param_msg", counted)
    return sent


def _edits():
    import streamlit as st

    from ui import link

    plan = st.session_state.get("plan", {})
    st.session_state["changed"] = link.edit(plan.get("values"), drop=plan.get("drop", ()))
    st.slider("Bound", 0, 9, key="bound", bind="query-params")
    if plan.get("set_bound"):
        try:
            link.edit({"bound": "3"})
        except ValueError as exc:
            st.session_state["error"] = str(exc)


def _app(query: dict[str, str]) -> AppTest:
    at = AppTest.from_function(_edits, default_timeout=30)
    at.query_params.update(query)
    return at


def _run(at: AppTest, plan: dict) -> AppTest:
    at.session_state["plan"] = plan
    return at.run()


def test_a_change_of_several_parameters_is_one_message(messages):
    at = _run(_app({"a": "1", "b": "2", "keep": "x"}), {"values": {"c": "3", "a": "9"}, "drop": ("b",)})
    assert at.session_state["changed"] is True
    assert len(messages) == 1 and messages[0] == {"a": "9", "keep": "x", "c": "3"}
    assert dict(at.query_params) == {"a": "9", "keep": "x", "c": "3"}


def test_an_edit_that_changes_nothing_sends_nothing(messages):
    at = _run(_app({"a": "1"}), {"values": {"a": "1"}, "drop": ("missing",)})
    assert at.session_state["changed"] is False and messages == []


def test_a_bound_parameter_stays_when_dropped_and_cannot_be_set(messages):
    at = _run(_app({"bound": "4"}), {})
    at = _run(at, {"drop": ("bound",), "set_bound": True})
    assert at.session_state["changed"] is False, "the widget's parameter is the widget's"
    assert "belong to widgets" in at.session_state["error"]
    assert at.slider(key="bound").value == 4


def test_a_talk_scene_change_tells_the_browser_once(messages):
    """Next's callback (the scene) and the run (the new scene's controls) change the link in one message, so
    the browser keeps one history entry a step; eight messages before."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.query_params.update({"deck": "full-series", "scene": "7"})
    at.switch_page("pages/talk.py").run()
    messages.clear()
    at.button(key="talk_next").click().run()
    assert len(messages) == 1, messages
    assert messages[-1]["scene"] == "8" and messages[-1]["dim"] == "50" and messages[-1]["theory"] == "false"
    messages.clear()
    at.button(key="talk_next").click().run()  # scene 8's second step: the same scene, its theory drawn
    assert len(messages) == 1, messages
    assert at.query_params["scene"] == "8" and at.query_params["theory"] == "true"
