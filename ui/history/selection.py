"""Which event the timeline shows: a click on the chart, the link's ``?event=``, Earlier and Later.

The link is the one truth: a click on a point writes its id into ``?event=`` (a double-click that
clears the selection removes it), so the view can be shared; Earlier/Later write the link too and
give the chart a fresh key, so that a click on the point picked before them counts again.

A click or a step also asks for the event's card to be scrolled into view (once: a rerun for another
reason leaves the page where the reader put it); :func:`scroll_to_card` draws that request.
"""

from __future__ import annotations

import streamlit as st

from ui import controls, link
from ui.history.charts import SELECTION

NONCE = "_timeline_nonce"  # bumped by Earlier/Later: the chart's key changes, its old selection is gone
PICK = "_history_pick"  # the chart's last selection, to tell a new click from a rerun
SCROLL = "_history_scroll"  # how many times a card was asked into view; > the last one drawn: scroll again
SCROLLED = "_history_scrolled"
CARD_KEY = "event_details"  # the card's container (its CSS class is st-key-event_details)
# Scroll the card just into view (no jump when it is on screen already), once the chart above it has
# been laid out; the count makes each request a new element, so that the browser runs it again.
# The margins keep the card clear of Streamlit's header above and the window's edge below.
SCROLL_SCRIPT = """<style>.st-key-{key} {{ scroll-margin: 5rem 0 1rem; }}</style>
<script data-request="{count}">
setTimeout(() => document.querySelector(".st-key-{key}")?.scrollIntoView({{block: "nearest", behavior: "smooth"}}),
           {delay_ms});
</script>"""
SCROLL_DELAY_MS = 350


def _ask_for_card() -> None:
    st.session_state[SCROLL] = st.session_state.get(SCROLL, 0) + 1


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
        link.edit({"event": picked})  # a link to this view opens the same event
        _ask_for_card()
    else:
        link.edit(drop=("event",))


def wanted() -> str:
    """The id of the event the link asks for ("" for none)."""
    controls.owns("event")
    return str(st.query_params.get("event", ""))


def show_event(event_id: str) -> None:
    """Earlier/Later's callback: open ``event_id`` with a fresh chart that has nothing selected."""
    link.edit({"event": event_id})
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
    st.session_state[PICK] = None
    _ask_for_card()


def scroll_request() -> str:
    """The script that brings the card into view when a click or a step asked for it since the last one
    ("" when nothing did)."""
    count = st.session_state.get(SCROLL, 0)
    if count <= st.session_state.get(SCROLLED, 0):
        return ""
    st.session_state[SCROLLED] = count
    return SCROLL_SCRIPT.format(count=count, key=CARD_KEY, delay_ms=SCROLL_DELAY_MS)


def scroll_to_card() -> None:
    """Draw the pending request to scroll the card into view, if any (JavaScript of this page's own)."""
    script = scroll_request()
    if script:
        st.html(script, unsafe_allow_javascript=True, width="content")
