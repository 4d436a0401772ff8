"""Compile engine modules in a process of their own: ``python -m engine.compile_worker``.

A fresh server (every cloud wake-up) compiles every kernel before its pages are quick, ~25 s of one core
on this project's engines. Numba compiles one function at a time per process (a global compiler lock),
so a second core helps only from a second process. Each worker reads one module name a line on its
standard input, imports ``engine.<name>`` and calls its ``warm_up()``: numba writes every kernel it
compiles to the cache folder the worker shares with the server (``NUMBA_CACHE_DIR``, set by
:mod:`engine._numba` and inherited), from which the server then loads them in a fraction of a second.
It answers one line a module, ``<name> ok <seconds>`` or ``<name> error <what went wrong>``, and ends
at the end of its input (its server gone).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import re
import sys
import time
from collections.abc import Iterable
from typing import TextIO

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def is_engine_module(name: str) -> bool:
    """Whether ``engine.<name>`` is a module of this checkout (a plain lowercase name, nothing else)."""
    return bool(_NAME.match(name)) and importlib.util.find_spec(f"engine.{name}") is not None


def compile_module(name: str) -> float:
    """Import ``engine.<name>`` and call its ``warm_up()`` (when it has one); the seconds it took.

    Raises ValueError for a name that is not a module of the engine."""
    if not is_engine_module(name):
        raise ValueError(f"{name!r} is not a module of the engine")
    start = time.perf_counter()
    warm_up = getattr(importlib.import_module(f"engine.{name}"), "warm_up", None)
    if warm_up is not None:
        warm_up()
    return time.perf_counter() - start


def answer(name: str) -> str:
    """The line a worker answers for module ``name``: never raises."""
    try:
        return f"{name} ok {compile_module(name):.3f}"
    except Exception as exc:  # reported to the server, which then compiles the module itself
        return f"{name} error {type(exc).__name__}: {exc}".replace("\n", " ")[:300]


def serve(lines: Iterable[str], out: TextIO) -> None:
    """Answer each non-blank line of ``lines`` (a module name) on ``out``, flushed at once."""
    for line in lines:
        if line.strip():
            print(answer(line.strip()), file=out, flush=True)


if __name__ == "__main__":  # pragma: no cover - run by ui.compile_pool in a process of its own
    with contextlib.suppress(OSError):
        os.nice(5)  # the server's own threads (a visitor's page) come first on a shared core
    serve(sys.stdin, sys.stdout)
