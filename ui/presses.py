"""A button's press runs its callback once, in the run its press asked for.

A press is a trigger: the browser sets it, sends the page's widget values at its next flush (a zero-delay
timer) and then forgets it. A page with a timed fragment (the talk's room poll, ▶) also sends those values
from an interval timer. When the browser is busy (a large chart painting, a slow projector laptop), that
interval can be overdue when the key or click arrives; it then runs between the press and the flush and
sends the press as well, in a request that reruns only its own fragment. The server runs the callback in
that fragment's run, and again in the press's own run: one PageDown on a question went two steps (the
answer, then the next scene). A callback that sets a value from its arguments does no harm twice; one that
moves from where the session is (the talk's Next) does.

:func:`once` wraps a button's callback so that it acts only in a run that draws the button: a run of the
whole page, or of the fragment the button sits in. Another fragment's run that carries the press leaves it
to the press's own request, which always follows (the flush)."""

from __future__ import annotations

import functools
from collections.abc import Callable

UNKNOWN = object()  # where a button is drawn when this Streamlit does not say: its callback always acts


def _drawing_fragment() -> str | object | None:
    """The fragment this part of the script draws into (None outside a fragment), or :data:`UNKNOWN`."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

        return getattr(ThreadState.get(), "fragment_id", UNKNOWN)
    except (ImportError, AttributeError, RuntimeError):  # outside a run, or another Streamlit: as if unwrapped
        return UNKNOWN


def _runs_this_run() -> list[str] | None:
    """The fragments this run reruns; None or empty for a run of the whole page (or when nothing says)."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:
        return None
    return getattr(get_script_run_ctx(suppress_warning=True), "fragment_ids_this_run", None)


def drawn_by_this_run(fragment: str | object | None) -> bool:
    """Whether this run draws what ``fragment`` (None: the page outside every fragment) holds."""
    fragments = _runs_this_run()
    return fragment is UNKNOWN or not fragments or fragment in fragments


def once(callback: Callable[..., None]) -> Callable[..., None]:
    """``callback`` for a button drawn here, acting only in a run that draws the button (see the module)."""
    fragment = _drawing_fragment()

    @functools.wraps(callback)
    def pressed(*args, **kwargs) -> None:
        if drawn_by_this_run(fragment):
            callback(*args, **kwargs)

    return pressed
