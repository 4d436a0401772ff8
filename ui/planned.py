"""A control's keyed rerun planned before its run starts, so the browser sees one run where it saw two.

A control whose callback reruns some fragments (``st.rerun([...])``: D redraws the sections in view, a section's
control the sections that read it) cost the browser two runs a move. Streamlit starts the run the browser asked
for (the whole page, or the control's fragment) and tells the browser so (``new_session``, "running": the
browser renders every element of the page again for each), then calls the callback, whose ``st.rerun`` ends
that run at once ("finished early for a rerun") and starts the keyed one, which the browser is told about
again. Unless the browser took the two starts in one batch, that was a pass over the whole page (3,238
components on the curse page) for a run that drew nothing: 10 % of a move with Pac-Man in view
(``benchmarks/README.md``, "One run a move").

A callback marked :func:`plannable` names the fragments it would rerun with a function of the session's state
alone. When a request from the browser arrives while the session runs nothing, and exactly one control's value
differs from the session's, and that control's callback is plannable, the request becomes that keyed fragment
run before it starts (:func:`plan`, installed on Streamlit's ``AppSession`` by :func:`install`). The callback
still runs in it, first, as in any run; :func:`rerun` asks for its keyed run only when this run is not that one
already (:func:`planned`). Anything else (a run in progress, two changes at once, a history navigation, a
callback that wants the whole page) goes as before: the callback's own ``st.rerun`` then starts the keyed run.

A components-v2 element (the in-view watcher) has a callback per key of its state (``on_seen_change``); Streamlit
calls those whose key's value changed. One changed key's callback is planned the same way, its ``fragments`` reading
the element's key in ``state`` as the value the request brings: scrolling a section into view, or a still page
filling in, is one run, not a watcher's run ended early for the sections' (``benchmarks/README.md``, "The
watcher's word").
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

Fragments = Callable[..., Sequence[str] | None]  # (state, *callback args) -> fragment keys, or None: not planned

_LOG = logging.getLogger(__name__)
_UNREAD = object()  # a value sent that could not be read as the session reads it: its request is not planned


def plannable(fragments: Fragments) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Mark a widget callback whose keyed rerun ``fragments(state, *args, **kwargs)`` names (``state`` reads
    like ``st.session_state``: ``state.get(key, default)``)."""
    def mark(callback: Callable[..., None]) -> Callable[..., None]:
        callback.fragments = fragments
        return callback
    return mark


class _State:
    """Streamlit's ``SessionState`` read as ``st.session_state`` reads it, outside a run; ``sent`` holds the
    value the request brings for a keyed widget (by its key), which the run would read."""

    def __init__(self, session_state, sent: dict[str, Any] | None = None) -> None:
        self._state, self._sent = session_state, sent or {}

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._sent:
            return self._sent[key]
        try:
            return self._state[key]
        except KeyError:
            return default


def _changed(session_state, widget_states) -> dict[str, Any]:
    """The widgets whose value the browser sends differs from the session's, with the value sent (compared as
    values, as Streamlit compares them to decide which callbacks to call; a widget the session has no value or
    metadata for counts). It stops at the second: a request that changes two is not planned."""
    from streamlit.runtime.state.session_state import unpack_widget_state_value

    changed = {}
    for sent in widget_states.widgets:
        meta = session_state.get_widget_metadata(sent.id)
        try:
            value = meta.deserializer(unpack_widget_state_value(sent))
            same = value == session_state.get_widget_value(sent.id)
        except Exception:  # no metadata, no value, or values numpy compares element by element
            value, same = _UNREAD, False
        if not same:
            changed[sent.id] = value
            if len(changed) > 1:
                break
    return changed


def _json_map(value) -> dict:
    """A components-v2 state value as the map Streamlit diffs to pick its callbacks (``{"value": {...}}``
    unwrapped)."""
    if not isinstance(value, dict):
        return {}
    inner = value.get("value")
    return dict(inner) if set(value) == {"value"} and isinstance(inner, dict) else dict(value)


def _callback(session_state, widget_id: str, meta, value) -> Callable[..., None] | None:
    """The one callback Streamlit would call for the widget's change to ``value``: its ``on_change``, or for a
    components-v2 state (``json_value``) the callback of the one key whose value changed; None for none, or more."""
    callbacks = getattr(meta, "callbacks", None)
    if meta.callback is not None or not callbacks or meta.value_type != "json_value":
        return meta.callback
    try:
        old = _json_map(session_state.get_widget_value(widget_id))
    except KeyError:
        old = {}
    new = _json_map(value)
    keys = [key for key in new.keys() | old.keys() if old.get(key) != new.get(key)]
    return callbacks.get(keys[0]) if len(keys) == 1 else None


def _fragments_of(callback, state, meta) -> Sequence[str] | None:
    """The fragments a :func:`plannable` ``callback`` (or a ``functools.partial`` of one) names, called with the
    arguments Streamlit would call it with; None for a callback that is not plannable."""
    args, kwargs = tuple(meta.callback_args or ()), dict(meta.callback_kwargs or {})
    if isinstance(callback, functools.partial):
        args, kwargs = (*callback.args, *args), {**callback.keywords, **kwargs}
        callback = callback.func
    fragments = getattr(callback, "fragments", None)
    return None if fragments is None else fragments(state, *args, **kwargs)


def plan(session, rerun_data):
    """``rerun_data`` as the keyed fragment run its one changed control's callback would ask for, or as is.

    Only a request that changes one control of the page the session shows (not a timed fragment's: the talk's
    poll, every second in every follower's session, is left as sent unread), whose callback is
    :func:`plannable` and names fragments (not the whole page); a control drawn in a fragment only when that
    fragment is among them, a button outside every fragment never (its :func:`ui.presses.once` acts only in a
    run that draws it)."""
    if (rerun_data.widget_states is None or rerun_data.fragment_id_queue or rerun_data.is_history_navigation
            or rerun_data.is_auto_rerun or rerun_data.page_script_hash != session.page_script_hash):
        return rerun_data
    from streamlit.runtime.state.common import user_key_from_element_id

    state = session._session_state
    changed = _changed(state, rerun_data.widget_states)
    if len(changed) != 1:
        return rerun_data
    (widget_id, value), = changed.items()
    meta = state.get_widget_metadata(widget_id)
    if value is _UNREAD:
        return rerun_data
    callback = _callback(state, widget_id, meta, value)
    user_key = user_key_from_element_id(widget_id)
    sent = {user_key: value} if user_key and meta.value_type == "json_value" else {}
    keys = None if callback is None else _fragments_of(callback, _State(state, sent), meta)
    if not keys:
        return rerun_data
    ids = session._fragment_storage.resolve_target(list(keys))
    if meta.fragment_id not in ids and (meta.fragment_id is not None or meta.value_type == "trigger_value"):
        return rerun_data
    return dataclasses.replace(rerun_data, fragment_id=None, fragment_id_queue=ids, is_fragment_scoped_rerun=True)


def planned(keys: Sequence[str]) -> bool:
    """Whether this run already reruns the fragments ``keys`` name (a planned run: no ``st.rerun`` needed)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not ctx.fragment_ids_this_run:
        return False
    try:
        ids = ctx.fragment_storage.resolve_target(list(keys))
    except Exception:  # a key no fragment has (yet): not this run
        return False
    return set(ids) == set(ctx.fragment_ids_this_run)


def rerun(keys: Sequence[str]) -> None:
    """``st.rerun(keys)`` from a plannable callback, unless this run is that keyed run already (planned)."""
    if not planned(keys):
        st.rerun(list(keys))


@functools.cache
def install() -> None:
    """Plan every new run of this server's sessions (once per process)."""
    from streamlit.runtime.app_session import AppSession

    create = AppSession._create_scriptrunner

    def _create_scriptrunner(self, initial_rerun_data):
        try:
            initial_rerun_data = plan(self, initial_rerun_data)
        except Exception:  # never in the way of a run: the callback reruns as before
            _LOG.debug("a rerun could not be planned", exc_info=True)
        return create(self, initial_rerun_data)

    AppSession._create_scriptrunner = _create_scriptrunner
