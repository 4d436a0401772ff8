"""Compiling the numba engine: once per server process, in the background from the first visit.

Every cloud wake-up starts with an empty numba cache (a fresh container), so the first visit of each
page would wait for its kernels (about 20 s for all of them on two cores). The frame starts
:func:`start_background` on the server's first session: one daemon thread imports every engine module
and calls its ``warm_up()``, so the pages a visitor opens next are ready. A page still calls
:func:`warm` for its own engines after drawing its title and intro: when the thread got there first,
that is a lookup; when not, numba's compiler lock makes the page wait for (or do) the same compile,
never a second one. The kernels are serial, so no numba threading layer is involved.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
import time

import streamlit as st

WARM_MESSAGE = ("Compiling this page's engine: a one-time step after the server starts "
                "(about 20 s on a small machine, about 1 s once cached)…")
_LOG = logging.getLogger(__name__)
_STARTED: dict[str, threading.Thread] = {}
_LOCK = threading.Lock()


def _exists(module: str) -> bool:
    return importlib.util.find_spec(f"engine.{module}") is not None


def compile_module(module: str) -> float:
    """Import ``engine.<module>`` and call its ``warm_up()``; return the seconds it took."""
    start = time.perf_counter()
    warm_up = getattr(importlib.import_module(f"engine.{module}"), "warm_up", None)
    if warm_up is not None:
        warm_up()
    return time.perf_counter() - start


@st.cache_resource(show_spinner=WARM_MESSAGE, max_entries=32)
def warm_engine(module: str) -> float:
    """:func:`compile_module` once per process (Streamlit shares the result across sessions)."""
    return compile_module(module)


def warm(modules: tuple[str, ...]) -> None:
    """Warm every listed engine module that exists in this checkout (a spinner says why it waits)."""
    for module in modules:
        if _exists(module):
            warm_engine(module)


def _compile_all(modules: tuple[str, ...], done: list[tuple[str, float]]) -> None:
    for module in modules:
        try:
            if _exists(module):
                done.append((module, compile_module(module)))
        except Exception:  # pragma: no cover - a failed warm-up leaves the page to compile on demand
            _LOG.exception("background warm-up of engine.%s failed", module)


def start_background(modules: tuple[str, ...], name: str = "engine") -> threading.Thread:
    """Start compiling ``modules`` in one daemon thread, once per process and ``name``; return it.

    Its ``compiled`` attribute lists (module, seconds) as each finishes."""
    with _LOCK:
        thread = _STARTED.get(name)
        if thread is None:
            done: list[tuple[str, float]] = []
            thread = threading.Thread(target=_compile_all, args=(tuple(modules), done),
                                      name=f"{name}-warm-up", daemon=True)
            thread.compiled = done
            thread.start()
            _STARTED[name] = thread
    return thread
