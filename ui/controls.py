"""Widgets bound to the URL: every control's state lives in the query string.

Each function creates one keyed widget with ``bind="query-params"``, so a link reproduces the view.
A value in the link that is junk (text, NaN, out of range, an unknown option) never raises: the
widget falls back (to the default, or to the nearest bound for a number out of range) and a short
note above the page says what was ignored.

The widget's starting value is put into ``st.session_state`` once (never passed as ``value=``,
which Streamlit rejects beside a session-state value); a valid URL value wins over it on load.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

NOTES_SLOT = "_url_notes_slot"


def _show_note(text: str) -> None:
    """Show a note about an ignored URL value at the top of the page (the frame's slot)."""
    slot = st.session_state.get(NOTES_SLOT)
    (st if slot is None else slot).warning(text, icon=":material/link_off:")


def parse_number(raw: str, lo: float, hi: float, integer: bool) -> tuple[float | None, str | None]:
    """Parse a URL value into a number in [lo, hi].

    Returns ``(value, problem)``: ``value`` is None when ``raw`` is not a finite number (the caller
    uses its default); an out-of-range number is clamped to the nearest bound and ``problem`` says so.
    """
    try:
        x = float(str(raw).strip())
    except ValueError:
        return None, "is not a number"
    if not math.isfinite(x):
        return None, "is not a finite number"
    if integer and x != int(x):
        return None, "is not a whole number"
    problem = None
    if x < lo:
        x, problem = lo, f"is below the smallest value {lo:g}"
    elif x > hi:
        x, problem = hi, f"is above the largest value {hi:g}"
    return (int(x) if integer else x), problem


def _start(key: str, default: Any, parse: Callable[[str], tuple[Any, str | None]]) -> None:
    """Put the widget's starting value in session state, noting junk in the URL.

    A value already in session state is assigned again: after a page switch the same key belongs to
    a new widget (widget identities are per page), which would otherwise start from its minimum.
    """
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]
        return
    raw = st.query_params.get(key)
    value = default
    if raw is not None:
        parsed, problem = parse(raw)
        value = default if parsed is None else parsed
        if problem:
            show_url_note(key, raw, problem, value)
    st.session_state[key] = value


def _here(where):
    return st if where is None else where


def int_slider(label: str, key: str, lo: int, hi: int, default: int, *, step: int = 1,
               help: str | None = None, where=None) -> int:
    """An integer slider bound to ``?key=``."""
    _start(key, default, lambda raw: parse_number(raw, lo, hi, integer=True))
    return int(_here(where).slider(label, lo, hi, step=step, key=key, help=help, bind="query-params"))


def nice_values(lo: int, hi: int) -> list[int]:
    """1, 2, …, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 120, … within [lo, hi]."""
    mantissas = (10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90)
    values = set(range(lo, min(hi, 10) + 1))
    scale = 1
    while scale * 10 <= hi:
        values.update(m * scale for m in mantissas if lo <= m * scale <= hi)
        scale *= 10
    values.add(hi)
    return sorted(v for v in values if lo <= v <= hi)


def parse_nearest(raw: str, values: Sequence[int]) -> tuple[int | None, str | None]:
    """Parse a URL value and snap it to the nearest of ``values`` (nearest in ratio)."""
    x, problem = parse_number(raw, min(values), max(values), integer=True)
    if x is None:
        return None, problem
    nearest = min(values, key=lambda v: abs(math.log(v / x)) if x > 0 else v)
    if nearest != x and problem is None:
        problem = f"is not a stop of the slider (nearest: {nearest:,})"
    return nearest, problem


def log_int_slider(label: str, key: str, lo: int, hi: int, default: int, *, help: str | None = None,
                   where=None) -> int:
    """An integer slider with roughly logarithmic stops (1 … 10,000), bound to ``?key=``.

    Links may carry any number in range: it snaps to the nearest stop, with a note.
    """
    values = nice_values(lo, hi)
    if default not in values:
        raise ValueError(f"default {default} is not a stop of {values}")
    _start(key, default, lambda raw: parse_nearest(raw, values))
    return int(_here(where).select_slider(label, values, key=key, help=help, bind="query-params"))


def float_slider(label: str, key: str, lo: float, hi: float, default: float, *, step: float,
                 help: str | None = None, fmt: str | None = None, where=None) -> float:
    """A float slider bound to ``?key=``."""
    _start(key, float(default), lambda raw: parse_number(raw, lo, hi, integer=False))
    return float(_here(where).slider(label, float(lo), float(hi), step=float(step), format=fmt,
                                     key=key, help=help, bind="query-params"))


def int_input(label: str, key: str, lo: int, hi: int, default: int, *, help: str | None = None,
              where=None) -> int:
    """A whole-number box bound to ``?key=`` (used for seeds)."""
    _start(key, default, lambda raw: parse_number(raw, lo, hi, integer=True))
    return int(_here(where).number_input(label, lo, hi, step=1, key=key, help=help,
                                         bind="query-params"))


def choice(label: str, key: str, options: Sequence[str], default: str, *, kind: str = "segmented",
           labels: Mapping[str, str] | None = None, help: str | None = None, where=None) -> str:
    """One of ``options`` (short URL-safe strings), shown with ``labels``; bound to ``?key=``."""
    options = list(options)
    if default not in options:
        raise ValueError(f"default {default!r} is not one of {options}")

    by_label = {labels.get(o, o): o for o in options} if labels else {}

    def parse(raw: str) -> tuple[str | None, str | None]:
        # Streamlit writes an option's *label* into the URL when labels are shown; accept both.
        if raw in options or raw in by_label:
            return by_label.get(raw, raw), None
        return None, f"is not one of {', '.join(options)}"

    _start(key, default, parse)
    fmt = (lambda o: labels.get(o, o)) if labels else str
    host = _here(where)
    if kind == "segmented":
        value = host.segmented_control(label, options, format_func=fmt, key=key, help=help,
                                       required=True, bind="query-params")
    elif kind == "radio":
        value = host.radio(label, options, format_func=fmt, key=key, help=help, horizontal=True,
                           bind="query-params")
    elif kind == "select":
        value = host.selectbox(label, options, format_func=fmt, key=key, help=help, bind="query-params")
    else:
        raise ValueError(f"kind must be 'segmented', 'radio' or 'select', got {kind!r}")
    return default if value is None else str(value)


def parse_switch(raw: str) -> tuple[bool | None, str | None]:
    """Parse an on/off URL value: 1/true/on/yes or 0/false/off/no."""
    word = str(raw).strip().lower()
    if word in ("1", "true", "on", "yes"):
        return True, None
    if word in ("0", "false", "off", "no"):
        return False, None
    return None, "is not on/off (use 1 or 0)"


def show_url_note(key: str, raw: str, problem: str, value) -> None:
    """The visible note for a URL value that was ignored or corrected."""
    _show_note(f"`{key}={str(raw)[:40]}` in the link {problem}; using {value!r} instead.")


def toggle(label: str, key: str, default: bool = False, *, help: str | None = None, where=None) -> bool:
    """An on/off switch bound to ``?key=`` (accepts true/false and 1/0 in links)."""
    _start(key, bool(default), parse_switch)
    return bool(_here(where).toggle(label, key=key, help=help, bind="query-params"))


def text(label: str, key: str, default: str = "", *, max_chars: int = 500, help: str | None = None,
         placeholder: str | None = None, where=None) -> str:
    """A one-line text box bound to ``?key=`` (over-long links are cut to ``max_chars``)."""

    def parse(raw: str) -> tuple[str, str | None]:
        raw = str(raw)
        if len(raw) > max_chars:
            return raw[:max_chars], f"is longer than {max_chars} characters"
        return raw, None

    _start(key, default, parse)
    value = _here(where).text_input(label, key=key, help=help, max_chars=max_chars,
                                    placeholder=placeholder, bind="query-params")
    return "" if value is None else str(value)
