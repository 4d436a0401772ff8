"""Which event the timeline shows: a click on the chart, the link's ``?event=``, Earlier and Later.

The link is the one truth: a click on a point writes its id into ``?event=`` (a double-click that
clears the selection removes it), so the view can be shared; Earlier/Later write the link too and
give the chart a fresh key, so that a click on the point picked before them counts again.
"""

from __future__ import annotations

import streamlit as st

from ui.history.charts import SELECTION

NONCE = "_timeline_nonce"  # bumped by Earlier/Later: the chart's key changes, its old selection is gone
PICK = "_history_pick"  # the chart's last selection, to tell a new click from a rerun


def chart_key() -> str:
    """The timeline chart's widget key (a fresh one after Earlier/Later)."""
    return f"timeline_chart_{st.session_state.get(NONCE, 0)}"


def follow_click(key: str) -> None:
    """Put a new click on the chart ``key`` (or its clearing) into the link, and redraw the link to copy."""
    clicked = st.session_state.get(key)  # the chart's selection, as the browser sent it
    picked = next((p["id"] for p in clicked.selection.get(SELECTION, [])), None) if clicked else None
    if picked == st.session_state.get(PICK):
        return
    st.session_state[PICK] = picked
    if picked:
        st.query_params["event"] = picked  # a link to this view opens the same event
    else:
        st.query_params.pop("event", None)


def wanted() -> str:
    """The id of the event the link asks for ("" for none)."""
    return str(st.query_params.get("event", ""))


def show_event(event_id: str) -> None:
    """Earlier/Later's callback: open ``event_id`` with a fresh chart that has nothing selected."""
    st.query_params["event"] = event_id
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
    st.session_state[PICK] = None
