"""The page's link, edited in one message to the browser, or none when it already reads so.

Every write to ``st.query_params`` sends the browser a message of its own, and the browser answers each by
rewriting its address and adding an entry to its history. A talk's scene change wrote the link eight times in
one run: the scene's ``deck`` and ``scene`` twice, each control of the old scene dropped and each of the new one
set, and presenter mode's ``present=1`` on every run, changed or not. :func:`edit` makes all of a change one
message, and skips a write that changes nothing. With ``later`` it leaves the message to the run's next edit
that changes the link, or to :func:`flush` at the end of the run: a button's callback and the run it asks for
then change the link once, and the browser's Back button goes back one step.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping

import streamlit as st

PENDING = "_link_pending"  # session key: the link changed and the browser has not been told yet


@contextlib.contextmanager
def internal() -> Iterator[object | None]:
    """The session's own ``QueryParams`` (its widget bindings and its messages), under the session's lock;
    None outside a run."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        yield None
        return
    with ctx.session_state.query_params() as qp:
        yield qp


def edit(values: Mapping[str, str] | None = None, drop: Iterable[str] = (), *, later: bool = False) -> bool:
    """Take ``drop`` out of the link, then set ``values`` in it, and tell the browser once if anything changed
    (now, or with the run's next edit that changes it, else at the run's end, when ``later``); whether it did.
    A parameter bound to a widget is the widget's: dropping it leaves it (Streamlit keeps it in step with the
    widget), setting it is an error, as with ``st.query_params``."""
    values = dict(values or {})
    with internal() as qp:
        if qp is None:  # outside a run there is no link to change
            return False
        bound = [key for key in values if qp.is_bound(key)]
        if bound:
            raise ValueError(f"the link's {', '.join(bound)} belong to widgets: move the widgets instead")
        params = qp._query_params
        before = dict(params)
        for key in drop:
            if key in params and not qp.is_bound(key):
                del params[key]
        for key, value in values.items():
            qp._set_item_internal(key, value)
        changed = params != before
        if later:
            st.session_state[PENDING] = st.session_state.get(PENDING, False) or changed
        elif changed:
            st.session_state[PENDING] = False
            qp._send_query_param_msg()
        return changed


def flush() -> None:
    """Tell the browser of a change left for later, if no edit since has."""
    if st.session_state.get(PENDING):
        with internal() as qp:
            if qp is not None:
                st.session_state[PENDING] = False
                qp._send_query_param_msg()


def forget_seeds(keys: Iterable[str] | None = None, *, keep: Iterable[str] = ()) -> None:
    """Forget the run's first link values of ``keys`` (None: all but ``keep``), which Streamlit seeds a bound
    widget from when it is drawn anew: the value session state holds then wins."""
    with internal() as qp:
        seeds = getattr(qp, "_initial_query_params", {}) if qp is not None else {}
        for key in [k for k in seeds if k not in set(keep)] if keys is None else list(keys):
            seeds.pop(key, None)
