"""The only ``st.cache_data`` / ``st.cache_resource`` wrappers around engine calls.

This package holds the per-process numba warm-up; each topic has its own module of bounded
``st.cache_data`` wrappers (``ui/cached/geometry.py``, ``ui/cached/lstm.py``, ...).
"""

from __future__ import annotations

import importlib
import importlib.util
import time

import streamlit as st

WARM_MESSAGE = ("Compiling this page's engine: a one-time step after the server starts "
                "(about 20 s on a small machine, about 1 s once cached)…")


@st.cache_resource(show_spinner=WARM_MESSAGE, max_entries=32)
def warm_engine(module: str) -> float:
    """Import ``engine.<module>`` and call its ``warm_up()`` once per process; return the seconds."""
    start = time.perf_counter()
    engine_module = importlib.import_module(f"engine.{module}")
    warm_up = getattr(engine_module, "warm_up", None)
    if warm_up is not None:
        warm_up()
    return time.perf_counter() - start


def warm(modules: tuple[str, ...]) -> None:
    """Warm every listed engine module that exists in this checkout."""
    for module in modules:
        if importlib.util.find_spec(f"engine.{module}") is not None:
            warm_engine(module)
