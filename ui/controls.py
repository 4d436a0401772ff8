"""Widgets bound to the URL: every control's state lives in the query string.

Each function creates one keyed widget with ``bind="query-params"``, so a link reproduces the view.
A value in the link that is junk (text, NaN, out of range, an unknown option, a repeated key) never
raises: the widget falls back (to the default, or to the nearest allowed value) and a short note
above the page says what was ignored.

How the state flows:

* the widget gets its real default as ``value=`` (so Streamlit drops the parameter from the URL only
  when it equals that default, never merely because it equals the minimum);
* on a page's first run the value parsed from the link (or the default) is put in
  ``st.session_state[key]``; later runs assign the current value again, which keeps it when the
  same page is rebuilt (Streamlit starts a page's widgets afresh);
* every control registers its value, its default and its URL text, from which the sidebar's
  "link to this view" is rebuilt after each control (so it never lags the widgets);
* when the session moves to another page, the frame puts the previous page's controls aside (except
  the seed) with :func:`switch_page_controls`: keys such as ``seq_len`` mean different things on
  different pages and must not leak from one to the next; coming back restores them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitInvalidLayoutContextError

from ui import link, planned, presses
from ui.kit.numbers import nice_values

NOTES_SLOT = "_url_notes_slot"
LINK_SLOT = "_link_slot"
BOUND_KEYS = "_bound_keys"  # every key bound by these controls in this session (a set)
REGISTRY = "_bound_now"  # key -> (URL text, is default) for this run's controls
OWNED = "_owned_now"  # the URL keys this run's page reads without a control (the talk's ``view``, :func:`owns`)
KEEP_ACROSS_PAGES = ("seed",)
# A page's sections are fragments (the frame's ``as_fragment``): a control drawn in one reruns the sections
# that draw or read it and the sidebar's view link, nothing else. The frame names the section being drawn.
SECTION = "_section"  # session key: the fragment key of the section drawing now (None outside sections)
READERS = "_readers"  # session key: control key -> fragment keys of the sections that draw or read it
SWEPT = "_swept"  # session key: the control a playing ▶ moves (ui.play): its echoes are not moves
LINK_FRAGMENT = "view_link"  # the fragment key of the sidebar's "link to this view"
PAGE_LEVEL = "_in_view_page_level"  # session key: a page-level fragment is drawing (ui.in_view.page_fragment)


# ---------------------------------------------------------------------------------------------- notes
def _show_note(text: str) -> None:
    """Show a note about an ignored URL value at the top of the page (the frame's slot); where the control is
    when a section's fragment draws it for the first time (a fresh page's section drawn as it comes into view,
    ``ui.in_view``), which cannot write above itself."""
    slot = st.session_state.get(NOTES_SLOT)
    try:
        (st if slot is None else slot).warning(text, icon=":material/link_off:")
    except StreamlitInvalidLayoutContextError:
        st.warning(text, icon=":material/link_off:")


def _clip(text: str, n: int = 40) -> str:
    """At most ``n`` characters of ``text`` for a note (a long link value is not repeated in full)."""
    return text if len(text) <= n else text[:n] + "…"


def show_url_note(key: str, raw: str, problem: str, value) -> None:
    """The visible note for a URL value that was ignored or corrected (the value as the page shows it:
    a switch says on/off, a choice its label, a number its digits)."""
    _show_note(f"`{key}={str(raw)[:40]}` in the link {problem}; using {_as_shown(value)} instead.")


def _as_shown(value) -> str:
    """A value in a note as the page shows it."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, str):
        return f"“{_clip(value)}”"
    return f"{value:g}" if isinstance(value, float) else str(value)


# ---------------------------------------------------------------------------------------------- parsers
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


def parse_on_steps(raw: str, lo: float, hi: float, step: float, integer: bool) -> tuple[float | None, str | None]:
    """:func:`parse_number`, then snap to the slider's grid lo, lo + step, … (a link may say 75 where the
    slider moves by 50: the page would show one number and compute with another)."""
    x, problem = parse_number(raw, lo, hi, integer)
    if x is None or problem:
        return x, problem
    k = round((x - lo) / step)
    snapped = min(hi, lo + k * step)
    snapped = int(snapped) if integer else round(snapped, 10)
    if abs(snapped - x) > 1e-9 * max(1.0, abs(x)):
        return snapped, f"is between the slider's steps of {step:g}"
    return x, None


def parse_nearest(raw: str, values: Sequence[int]) -> tuple[int | None, str | None]:
    """Parse a URL value and snap it to the nearest of ``values`` (nearest in ratio)."""
    x, problem = parse_number(raw, min(values), max(values), integer=True)
    if x is None:
        return None, problem
    nearest = min(values, key=lambda v: abs(math.log(v / x)) if x > 0 else v)
    if nearest != x and problem is None:
        problem = f"is not a stop of the slider (nearest: {nearest:,})"
    return nearest, problem


def parse_switch(raw: str) -> tuple[bool | None, str | None]:
    """Parse an on/off URL value: 1/true/on/yes or 0/false/off/no."""
    word = str(raw).strip().lower()
    if word in ("1", "true", "on", "yes"):
        return True, None
    if word in ("0", "false", "off", "no"):
        return False, None
    return None, "is not on/off (use 1 or 0)"


# ---------------------------------------------------------------------------------------------- state
def _start(key: str, default: Any, parse: Callable[[str], tuple[Any, str | None]],
           shown: Callable[[Any], Any] = lambda value: value) -> None:
    """Put the widget's value in session state before the widget is created (see the module notes)."""
    st.session_state.setdefault(BOUND_KEYS, set()).add(key)
    if key in st.session_state:
        st.session_state[key] = _held(key, st.session_state[key])
        return
    value = default
    if (link := _link(key, parse)) is not None:
        raw, parsed, problem = link
        if parsed is None:
            parsed = _fallback(key, parse)
        value = default if parsed is None else parsed
        if problem:
            show_url_note(key, raw, problem, shown(value))
            _forget_link_value(key)  # else a bound widget could read the raw value back (75 on a step-50 slider)
    st.session_state[key] = value


def _link(key: str, parse: Callable[[str], tuple[Any, str | None]]) -> tuple[str, Any, str | None] | None:
    """``?key=`` of the link: its last raw value, that value ``parse``d, and what is wrong with it (a repeated
    key included), or None when the link does not carry ``key``."""
    raws = st.query_params.get_all(key)
    if not raws:
        return None
    parsed, problem = parse(raws[-1])
    if len(raws) > 1:
        problem = f"appears {len(raws)} times" + (f" and its last value {problem}" if problem else "")
    return raws[-1], parsed, problem


FALLBACKS = "_link_fallbacks"  # session key: control key -> the value junk in the link falls back on, if not
# the control's default (a talk scene's value, which a link's value overrides)


def _fallback(key: str, parse: Callable[[str], tuple[Any, str | None]]) -> Any:
    """The value junk in ``?key=`` falls back on instead of the control's default (:data:`FALLBACKS`), or None."""
    raw = st.session_state.get(FALLBACKS, {}).get(key)
    return None if raw is None else parse(str(raw))[0]


HELD = "_held"  # session key: control key -> [value set by the app, monotonic time the hold ends, runs seen]
HOLD_SECONDS = 5.0


def hold(key: str, value: Any, session: MutableMapping | None = None, seconds: float = HOLD_SECONDS) -> None:
    """Set the control ``key`` to ``value`` from the app (⏸ of a ▶ that moved it), and keep it there against
    the browser's older value until the browser sends ``value`` back (at most ``seconds``): a request the
    browser sent before it drew the new value (a ▶ tick on its way) carries the old one, and would
    otherwise undo the change."""
    session = st.session_state if session is None else session
    session[key] = value
    session.setdefault(HELD, {})[key] = [value, time.monotonic() + seconds, 0]


def _held(key: str, value: Any) -> Any:
    """The control's value this run: a held value while its hold lasts. The first run after :func:`hold`
    is the app's own (it set the value); a later run whose value agrees is the browser's echo, and ends
    the hold, as does its time running out."""
    holds = st.session_state.get(HELD, {})
    if key not in holds:
        return value
    target, until, runs = holds[key]
    holds[key][2] = runs + 1
    if (value == target and runs > 0) or time.monotonic() > until:
        holds.pop(key)
        return value
    return target


def _set(key: str, value: Any, page: bool = False) -> None:
    """Button callback: ``key`` takes ``value``; ``page``: and the page reruns (a button in a page-level
    fragment, whose default is to rerun that fragment only)."""
    st.session_state[key] = value
    if page:
        st.rerun()


def _pin_buttons(key: str, current: Any, pinned: Any, *, name: str, shown: Callable[[Any], str] = str,
                help: str | None = None) -> None:
    """"Pin <name> = <current>" (keep the current curves in grey while the control moves: a before and
    after on one chart) and, while a value is pinned, "Unpin". The pinned value lives in ``?key=``, read
    with :func:`link_value`; the buttons are ``<key>_now`` and ``un<key>``."""
    page = bool(st.session_state.get(PAGE_LEVEL))
    st.button(f"Pin {name} = {shown(current)}", key=f"{key}_now", on_click=presses.once(_set),
              args=(key, current, page), help=help, icon=":material/push_pin:", disabled=pinned == current)
    if pinned is not None:
        st.button("Unpin", key=f"un{key}", on_click=presses.once(_set), args=(key, None, page),
                  help=f"Remove the pinned {name} = {shown(pinned)} from the charts.")


def pin_control(key: str, current: Any, parse: Callable[[str], tuple[Any, str | None]], *, name: str,
                shown: Callable[[Any], str] = str, help: str | None = None) -> Any:
    """"Pin this curve": the pinned value of a control, kept in ``?key=`` (:func:`link_value`, ``parse``
    reads the link; junk gets the usual note and falls back to "no pinned <name>"), and its buttons
    (:func:`_pin_buttons`) drawn where the caller is (in a horizontal container they share one row).
    Returns the pinned value, or None."""
    pinned = link_value(key, None, parse, text=_pin_text,  # junk pins nothing; a value out of range, its end
                        shown=lambda value: f"no pinned {name}" if value is None else f"pinned {name} = {shown(value)}")
    _pin_buttons(key, current, pinned, name=name, shown=shown, help=help)
    return pinned


def _pin_text(value: Any) -> str:
    """A pinned value as the link writes it: an integer as is, a float in its shortest form."""
    return "" if value is None else str(value) if isinstance(value, int) else f"{value:g}"


SAVED = "_saved_controls"  # page -> {key: value} of its controls when the session last left it


def switch_page_controls(previous: str, current: str) -> None:
    """On moving from page ``previous`` to ``current``: put the previous page's control values aside,
    bring back the values ``current`` had when last left (the seed is shared), and drop the previous
    page's URL parameters (every control's and those it read, :func:`owns`), so that e.g. one page's
    ``seq_len`` never leaks into another's, while a link's own (the home page's ``/talk?deck=…&view=speaker``)
    reach the page it opens."""
    saved = st.session_state.setdefault(SAVED, {})
    st.session_state.pop(FALLBACKS, None)  # a talk scene's values are no fallback on another page
    keys = set(st.session_state.get(REGISTRY, {})) - set(KEEP_ACROSS_PAGES)
    saved[previous] = {k: st.session_state[k] for k in keys if k in st.session_state}
    for key in st.session_state.get(BOUND_KEYS, set()) - set(KEEP_ACROSS_PAGES):
        st.session_state.pop(key, None)
    for key, value in saved.get(current, {}).items():
        st.session_state[key] = value
    # the page's controls (drawn now or bound earlier in the session: a hidden one's value may linger) and the
    # keys it read without one
    leaving = keys | st.session_state.get(BOUND_KEYS, set()) | st.session_state.get(OWNED, set())
    # (a parameter still bound to a widget stays: Streamlit keeps it in sync itself)
    link.edit(drop=[key for key in st.query_params if key in leaving and key not in (*KEEP_ACROSS_PAGES, "present")])


def owns(key: str) -> None:
    """Say that this run's page reads ``?key=`` without a control: leaving the page drops it from the link."""
    st.session_state.setdefault(OWNED, set()).add(key)


def begin_run() -> None:
    """Start this run's registry of controls and of the sections that read them (called by the frame)."""
    st.session_state[REGISTRY] = {}
    st.session_state[OWNED] = set()
    st.session_state[READERS] = {}
    st.session_state[SECTION] = None


def _note_reader(key: str) -> None:
    """Remember that the section drawing now draws or reads control ``key``."""
    section = st.session_state.get(SECTION)
    if section:
        st.session_state.setdefault(READERS, {}).setdefault(key, set()).add(section)


def _readers(state, key: str) -> list[str] | None:
    """The fragments a move of ``key`` drawn in a section reruns: the sections that draw or read it and the
    view link (None: none, or ▶ moves it and the browser echoes a frame already passed)."""
    if state.get(SWEPT) == key:
        return None
    readers = state.get(READERS, {}).get(key)
    return [*sorted(readers), LINK_FRAGMENT] if readers else None


@planned.plannable(_readers)
def rerun_readers(key: str) -> None:
    """Widget callback of a control drawn in a section: rerun the sections that draw or read ``key`` and
    the view link, instead of the whole page (Streamlit's keyed fragment rerun)."""
    fragments = _readers(st.session_state, key)
    if fragments:
        planned.rerun(fragments)


def reruns_page(section):
    """Mark a section whose controls rerun the whole page (a chart selection that other parts of the page
    follow): the frame draws it as part of the page, not as a fragment."""
    section.reruns_page = True
    return section


def rerun_page() -> None:
    """Widget callback of a control in a page-level fragment (``ui.in_view.page_fragment``): rerun the page,
    not only the fragment it is drawn in."""
    st.rerun()


def _callbacks(key: str) -> dict:
    """The ``on_change`` of a control drawn in a section, or in a page-level fragment (it reruns the page);
    none on a page-level control, which reruns the page anyway."""
    if st.session_state.get(SECTION):
        return {"on_change": rerun_readers, "args": (key,)}
    return {"on_change": rerun_page} if st.session_state.get(PAGE_LEVEL) else {}


def note_value(key: str, value: Any, default: Any) -> None:
    """Register ``value`` of control ``key`` outside a run that draws it (a callback whose rerun does not), so
    the link to this view says it."""
    st.session_state.setdefault(REGISTRY, {})[key] = (str(value), value == default)


def _register(key: str, value: Any, default: Any, text: str) -> None:
    st.session_state.setdefault(REGISTRY, {})[key] = (text, value == default)
    _note_reader(key)


def link_params() -> dict[str, str]:
    """The query parameters that reproduce this view: the URL's own, overridden by every control."""
    params = {k: str(v) for k, v in st.query_params.to_dict().items()}
    registry = st.session_state.get(REGISTRY, {})
    for key in st.session_state.get(BOUND_KEYS, set()) - set(registry):
        params.pop(key, None)  # a control not drawn now (H = 1 hides the unit picker): its old value is stale
    for key, (text, is_default) in registry.items():
        if is_default:
            params.pop(key, None)
        else:
            params[key] = text
    return params


def _here(where):
    return st if where is None else where


def _number_text(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# ---------------------------------------------------------------------------------------------- widgets
def int_slider(label: str, key: str, lo: int, hi: int, default: int, *, step: int = 1,
               help: str | None = None, where=None, callbacks: dict | None = None) -> int:
    """An integer slider bound to ``?key=`` (``callbacks``: as :func:`log_int_slider`'s)."""
    _start(key, default, lambda raw: parse_on_steps(raw, lo, hi, step, integer=True))
    value = int(_here(where).slider(label, lo, hi, value=default, step=step, key=key, help=help,
                                    bind="query-params", **(callbacks or _callbacks(key))))
    _register(key, value, default, str(value))
    return value


def log_int_slider(label: str, key: str, lo: int, hi: int, default: int, *, help: str | None = None,
                   where=None, callbacks: dict | None = None) -> int:
    """An integer slider with roughly logarithmic stops (1 … 10,000), bound to ``?key=``.

    Links may carry any number in range: it snaps to the nearest stop, with a note. ``callbacks``: the
    ``on_change`` (and its ``args``) of a page's main control (``ui.in_view.callbacks``).
    """
    values = nice_values(lo, hi)
    if default not in values:
        raise ValueError(f"default {default} is not a stop of {values}")
    _start(key, default, lambda raw: parse_nearest(raw, values))
    value = int(_here(where).select_slider(label, values, value=default, key=key, help=help,
                                           bind="query-params", **(callbacks or _callbacks(key))))
    _register(key, value, default, str(value))
    return value


def float_slider(label: str, key: str, lo: float, hi: float, default: float, *, step: float,
                 help: str | None = None, fmt: str | None = None, where=None, callbacks: dict | None = None) -> float:
    """A float slider bound to ``?key=`` (``callbacks``: as :func:`log_int_slider`'s)."""
    _start(key, float(default), lambda raw: parse_on_steps(raw, lo, hi, step, integer=False))
    value = float(_here(where).slider(label, float(lo), float(hi), value=float(default), step=float(step),
                                      format=fmt, key=key, help=help, bind="query-params",
                                      **(callbacks or _callbacks(key))))
    _register(key, value, float(default), _number_text(value))
    return value


def _forget_link_value(key: str) -> None:
    """Remove ``?key=`` from the link and from the snapshot Streamlit seeds bound widgets from, so the
    widget takes the value :func:`_start` put in session state.

    Needed wherever Streamlit would accept the raw value itself: a value between a slider's steps,
    and ``inf`` in a whole-number box (Streamlit 1.67 seeds it with ``int(float(raw))`` and lets the
    ``OverflowError`` escape)."""
    link.edit(drop=(key,))
    link.forget_seeds((key,))


def int_input(label: str, key: str, lo: int, hi: int, default: int, *, help: str | None = None,
              where=None) -> int:
    """A whole-number box bound to ``?key=`` (used for seeds)."""
    _start(key, default, lambda raw: parse_number(raw, lo, hi, integer=True))
    value = int(_here(where).number_input(label, lo, hi, value=default, step=1, key=key, help=help,
                                          bind="query-params", **_callbacks(key)))
    _register(key, value, default, str(value))
    return value


def choice(label: str, key: str, options: Sequence[str], default: str, *, kind: str = "segmented",
           labels: Mapping[str, str] | None = None, help: str | None = None, where=None) -> str:
    """One of ``options`` (short URL-safe strings), shown with ``labels``; bound to ``?key=``.

    Streamlit writes an option's *label* into the URL; links may carry the label or the option.
    """
    options = list(options)
    if default not in options:
        raise ValueError(f"default {default!r} is not one of {options}")
    by_label = {labels.get(o, o): o for o in options} if labels else {}

    def parse(raw: str) -> tuple[str | None, str | None]:
        if raw in options or raw in by_label:
            return by_label.get(raw, raw), None
        return None, f"is not one of {', '.join(fmt(o) for o in options)}"

    fmt = (lambda o: labels.get(o, o)) if labels else str
    raw = None if key in st.session_state else st.query_params.get(key)
    _start(key, default, parse, shown=fmt)
    if raw in options and raw not in by_label and fmt(raw) != raw:  # an option's name, not its label, which
        _forget_link_value(key)  # Streamlit reads alone: it would drop the parameter, and the address bar the view
        link.edit({key: fmt(raw)})
    host = _here(where)
    common = {"format_func": fmt, "key": key, "help": help, "bind": "query-params", **_callbacks(key)}
    if kind == "segmented":
        value = host.segmented_control(label, options, default=default, required=True, **common)
    elif kind == "radio":
        value = host.radio(label, options, index=options.index(default), horizontal=True, **common)
    elif kind == "select":
        value = host.selectbox(label, options, index=options.index(default), **common)
    else:
        raise ValueError(f"kind must be 'segmented', 'radio' or 'select', got {kind!r}")
    value = default if value is None else str(value)
    _register(key, value, default, fmt(value))
    return value


def toggle(label: str, key: str, default: bool = False, *, help: str | None = None, where=None) -> bool:
    """An on/off switch bound to ``?key=`` (links may say true/false or 1/0)."""
    _start(key, bool(default), parse_switch)
    value = bool(_here(where).toggle(label, value=bool(default), key=key, help=help, bind="query-params",
                                     **_callbacks(key)))
    _register(key, value, bool(default), "true" if value else "false")
    return value


def link_value(key: str, default: Any, parse: Callable[[str], tuple[Any, str | None]],
               text: Callable[[Any], str] = str, shown: Callable[[Any], Any] = lambda value: value) -> Any:
    """A value kept in ``?key=`` that no widget shows: buttons set it through ``st.session_state[key]``
    (e.g. a pinned D). Parsed and noted as every control's link value; written into the URL here (a
    bound widget would do it itself), and dropped from it when it equals ``default``; ``shown`` gives a
    value as a note about junk in the link names it."""
    _start(key, default, parse, shown)
    value = st.session_state[key]
    if value == default:
        link.edit(drop=(key,))
    else:
        link.edit({key: text(value)})
    _register(key, value, default, text(value))
    return value


def text(label: str, key: str, default: str = "", *, max_chars: int = 500, help: str | None = None,
         placeholder: str | None = None, where=None) -> str:
    """A one-line text box bound to ``?key=`` (over-long links are cut to ``max_chars``)."""

    def parse(raw: str) -> tuple[str, str | None]:
        raw = str(raw)
        if len(raw) > max_chars:
            return raw[:max_chars], f"is longer than {max_chars} characters"
        return raw, None

    _start(key, default, parse)
    value = _here(where).text_input(label, value=default, key=key, help=help, max_chars=max_chars,
                                    placeholder=placeholder, bind="query-params", **_callbacks(key))
    value = "" if value is None else str(value)
    _register(key, value, default, value)
    return value


# ---------------------------------------------------------------------------------------------- 1..N
def _clamp(key: str, hi: int) -> None:
    """Keep a bound value inside [1, hi] when hi shrinks (a shorter sequence, fewer units or windows)."""
    value = st.session_state.get(key)
    if isinstance(value, int) and value > hi:
        st.session_state[key] = hi


def index_slider(label: str, key: str, n: int, default: int = 1, *, help: str | None = None, where=None,
                 callbacks: dict | None = None) -> int:
    """A 1 … n slider bound to ``?key=`` that survives a smaller n (its value is clamped) and is not
    drawn when n = 1 (it returns 1): time steps, units, windows, truncation lengths (``callbacks``: as
    :func:`log_int_slider`'s)."""
    _clamp(key, n)
    if n <= 1:
        _check_undrawn(key, n)
        return 1
    return int_slider(label, key, 1, n, min(default, n), help=help, where=where, callbacks=callbacks)


def _check_undrawn(key: str, n: int) -> None:
    """A 1 … n control that is not drawn (n = 1) still answers junk in its link the first time it is read: the
    usual note, and the value leaves the link (the control starts from its default when it is drawn)."""
    if key in st.session_state:
        return
    link = _link(key, lambda raw: parse_on_steps(raw, 1, n, 1, integer=True))
    if link is not None and link[2]:
        show_url_note(key, link[0], link[2], 1)
        _forget_link_value(key)


def index_value(key: str, n: int, default: int = 1) -> int:
    """The value of the 1 … n slider ``key`` without drawing it (for a section that reads a control
    another section draws): the slider's value in this session (or one a deck has set), else the link's
    ``?key=``, else ``default``; always within 1 … n."""
    value = st.session_state.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raw = st.query_params.get(key)
        value = None if raw is None else parse_on_steps(raw, 1, n, 1, integer=True)[0]
    _note_reader(key)
    return min(max(int(default if value is None else value), 1), n)


def peek(key: str, default: Any, parse: Callable[[str], tuple[Any, str | None]]) -> Any:
    """The value the control ``key`` will show this run, read before it is drawn (▶'s bar comes first):
    its value in this session (the app's while it holds one: :func:`hold`), else the link's ``?key=``
    (``parse``d), else ``default``."""
    if (now := current(key)) is not None or key in st.session_state:
        return now
    raw = st.query_params.get(key)
    parsed = None if raw is None else parse(raw)[0]
    return default if parsed is None else parsed


def read(key: str, default: Any, parse: Callable[[str], tuple[Any, str | None]]) -> Any:
    """The value of control ``key`` for a section that reads it while another section draws it (the grids' bins
    under the grids): as :func:`peek`, and the section drawing now is noted as its reader, so a move of the
    control reruns it too (:func:`rerun_readers`)."""
    _note_reader(key)
    return peek(key, default, parse)


def current(key: str) -> Any:
    """The value of the control ``key`` now: the app's while it holds one (:func:`hold`), else this session's;
    None before the control has been drawn in this session."""
    held = st.session_state.get(HELD, {}).get(key)
    return held[0] if held is not None else st.session_state.get(key)


def _moves(state, key: str, delta: int, hi: int, default: int = 1, in_section: bool = False,
           then: dict | None = None) -> list[str] | None:
    """The fragments Back / Next rerun: those the slider's own ``on_change`` names, or the readers of ``key``."""
    if then:
        fragments = getattr(then["on_change"], "fragments", None)
        return fragments(state, *then.get("args", ())) if fragments else None
    return _readers(state, key) if in_section else None


@planned.plannable(_moves)
def _move(key: str, delta: int, hi: int, default: int = 1, in_section: bool = False,
          then: dict | None = None) -> None:
    """Back / Next: move ``key`` by ``delta`` within 1 … hi; then the slider's own ``on_change`` (``then``), or
    rerun the section's readers when the scrubber is drawn in a section."""
    st.session_state[key] = min(max(int(st.session_state.get(key, default)) + delta, 1), hi)
    if then:
        then["on_change"](*then.get("args", ()))
    elif in_section:
        rerun_readers(key)


def step_scrubber(key: str, n_steps: int, default: int = 1, *, label: str = "Time step t",
                  help: str = "Scrub through time; the diagrams, equations and table show step t.",
                  where=None, callbacks: dict | None = None) -> int:
    """A time step t in 1 … n_steps: slider plus Back/Next buttons bound to the ← / → keys; returns t.

    The buttons change the slider's value through ``st.session_state`` in their callbacks (before the
    rerun draws the slider), never through ``value=``; then they call the slider's ``callbacks`` (a page's
    main control: ``ui.in_view.callbacks``). One scrubber a page (the keys are the page's)."""
    _clamp(key, n_steps)
    host = _here(where)
    if n_steps == 1:
        _check_undrawn(key, n_steps)
        host.caption("The sequence has a single step: t = 1.")
        return 1
    back, slider, forward = host.columns([3, 10, 3], vertical_alignment="bottom")
    # first: a link's t is read here
    t = index_slider(label, key, n_steps, default, where=slider, help=help, callbacks=callbacks)
    _step_buttons(key, t, n_steps, default, (back, forward), callbacks)
    return t


ELSEWHERE = "_also"  # the key suffix of Back and Next drawn away from their scrubber (``step_buttons``)


def step_buttons(key: str, n_steps: int, default: int = 1, *, where=None, callbacks: dict | None = None) -> int:
    """Back and Next for the time step ``key`` of a page's :func:`step_scrubber`, drawn elsewhere (beside an
    opening figure), without the scrubber's ← and → keys, which stay the scrubber's; returns t. A sequence of a
    single step draws none."""
    t = index_value(key, n_steps, default)
    if n_steps > 1:
        with _here(where).container(horizontal=True, gap="small", key=f"{key}{ELSEWHERE}"):
            _step_buttons(key, t, n_steps, default, (st, st), callbacks, ELSEWHERE)
    return t


def _step_buttons(key: str, t: int, n_steps: int, default: int, where: tuple, callbacks: dict | None,
                  suffix: str = "") -> None:
    """Back and Next in ``where`` (two hosts), moving ``key`` from ``t``: the scrubber's own (``suffix`` empty)
    are bound to the ← and → keys."""
    in_section = bool(st.session_state.get(SECTION))
    own = not suffix
    keys = (" (← key)", " (→ key)") if own else (" (or the ← key)", " (or the → key)")
    where[0].button("Back", key=f"{key}{suffix}_prev", shortcut="Left" if own else None,
                    on_click=presses.once(_move), args=(key, -1, n_steps, default, in_section, callbacks),
                    disabled=t == 1, help="One step back" + keys[0], width="stretch" if own else "content")
    where[1].button("Next", key=f"{key}{suffix}_next", shortcut="Right" if own else None,
                    on_click=presses.once(_move), args=(key, 1, n_steps, default, in_section, callbacks),
                    disabled=t == n_steps,
                    help="One step forward" + keys[1], width="stretch" if own else "content")


def unit_picker(key: str, n_units: int, where=None) -> int:
    """Which unit (1 … n_units) the diagrams and equations follow."""
    return index_slider("Unit shown in the diagrams and equations", key, n_units, where=where)
