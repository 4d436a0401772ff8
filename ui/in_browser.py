"""A control answered in the browser: a move shows what the server has drawn already, and starts no run.

A run of a page costs Streamlit's browser four passes over the page whatever the run sends (its start,
"running", the new parts, its end), some 60–100 ms on this app's pages against the one-chart floor's 50
(``benchmarks/README.md``, "A move with no run"). A section whose control has a few dozen values, each cheap
to hold, draws them all once and lets the browser pick one:

* the control is the app's slider with ``on_change="ignore"`` (:func:`slider`): a move updates the slider and
  the link in the address bar, and starts no run; the server reads the value with the next run something else
  starts (another control, the link's popover, a scroll that fills a section);
* each chart holds the data of every value and filters on a Vega-Lite parameter (:func:`follow`), bound to a
  hidden range input the driver sets;
* each text that says the value's numbers (a caption, the live line of a formula, a chart's spoken
  description) is drawn once a value, all in one ``st.html`` part (:func:`frames`): one part to build and
  update, however many values, where a Markdown block a value cost a part each (and a KaTeX formula a value
  hundreds of React components: 49 of them made a move of the section's other slider 7x slower). The CSS shows
  the frame of the value the page's body names, ``data-browser-<key>``, else the server's;
* the driver (:func:`driver`, ``assets/in_browser.js``) follows the slider: it writes that attribute and sets
  the charts' inputs on every move, and asks the server for one run of the section and the view link when the
  reader opens the link's popover after a move, so the link they copy is the view they see.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from typing import NamedTuple

import altair as alt
import streamlit as st

from ui import controls
from ui.kit import assets
from ui.kit.played import declare_param

PARAM = "browser_{key}"  # the Vega-Lite parameter (and its bound input's name) that follows the control ``key``
ATTRIBUTE = "data-browser-{key}"  # the body's attribute holding the value the browser shows
FRAME = "browser-frame"  # the class of one value's text in :func:`frames`
CAPTION = "browser-caption"  # a frame's text drawn as a caption (the presenter's CSS sizes it with captions)
LINE = "browser-line"  # a frame's text drawn as the live line of a formula, centred under it
METRIC = "browser-metric"  # a frame's number in a bordered card, as Streamlit draws ``st.metric(border=True)``

CSS = f"""
.{FRAME} {{ display: none; }}
form.vega-bindings:has(input[name^="browser_"]) {{ display: none; }}
.{CAPTION} {{ font-size: 0.875rem; line-height: 1.6; margin: 0; opacity: 0.6; overflow-wrap: break-word; }}
.{LINE} {{ text-align: center; font-family: KaTeX_Main, "Times New Roman", serif; font-size: 1.21em;
  margin: 0 0 1rem 0; }}
.{LINE} i {{ font-family: KaTeX_Math, "Times New Roman", serif; }}
.{METRIC} {{ border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: 0.5rem;
  padding: 15px; margin: 0 0 1rem 0; }}
.{METRIC} p {{ margin: 0; }}
.{METRIC}-label {{ font-size: 0.875rem; line-height: 1.6; }}
.{METRIC}-value {{ font-size: 2.25rem; line-height: 1.2; padding-bottom: 4px; }}
.{METRIC}-delta {{ display: inline-block; font-size: 0.875rem; padding: 2px 6px; border-radius: 9999px;
  background: color-mix(in srgb, currentColor 5%, transparent);
  color: color-mix(in srgb, currentColor 72%, transparent); }}
"""


def slider(label: str, key: str, lo: float, hi: float, default: float, *, step: float = 1, where=None,
           help: str | None = None) -> float:
    """A slider bound to ``?key=`` whose moves start no run (the sections drawn with :func:`follow` and
    :func:`frames` answer them); whole numbers unless ``step`` is a float. Returns the value the server knows."""
    if isinstance(step, float):
        return controls.float_slider(label, key, lo, hi, default, step=step, where=where, help=help,
                                     callbacks={"on_change": "ignore"})
    return controls.int_slider(label, key, lo, hi, default, step=step, where=where, help=help,
                               callbacks={"on_change": "ignore"})


def decimals(step: float) -> int:
    """The decimals a value of a slider by ``step`` is written with: 0 for 1, 1 for 0.1, 2 for 0.05."""
    return len(f"{step:g}".partition(".")[2])


def value_text(value: float, step: float = 1) -> str:
    """``value`` as the frames and the driver name it: "12", "0.3", "1.0" (the step's decimals)."""
    return f"{value:.{decimals(step)}f}"


def shown(key: str, field: str, lo: float, step: float = 1) -> str:
    """The Vega expression keeping the rows of the value the control ``key`` shows: ``field`` within half a
    step of it, or empty (a row without a value, the same at every value, is drawn at every value: not ≥ the
    lowest value ``lo``, whether null or NaN). No function call: Streamlit's Vega interprets the expression
    for every row of the chart at every move (2 × 12,000 rows on the cliff, where ``abs`` and ``isValid`` cost
    ~1.8 µs a row)."""
    name, value, half = PARAM.format(key=key), f"datum['{field}']", f"{step / 2:g}"
    return f"{value} > {name} - {half} && {value} < {name} + {half} || !({value} >= {lo:g})"


def declare(chart: alt.TopLevelMixin, key: str, value: float, lo: float, hi: float,
            step: float = 1) -> alt.TopLevelMixin:
    """Declare on ``chart`` the parameter :data:`PARAM` of the control ``key`` at ``value`` (the server's,
    until the driver sets it), bound to a hidden range input over ``lo`` … ``hi`` by ``step``
    (``kit.played.declare_param``, as ▶'s)."""
    return declare_param(chart, PARAM.format(key=key), value, lo, hi, step)


def follow(chart: alt.TopLevelMixin, key: str, value: float, lo: float, hi: float, field: str,
           step: float = 1) -> alt.TopLevelMixin:
    """``chart`` drawing its rows whose ``field`` is the value the control ``key`` shows in the browser
    (:func:`shown`), the parameter declared on it (:func:`declare`). A layered chart whose layers hold other
    data declares on the whole and filters the layers that follow (``transform_filter(shown(…))``)."""
    return declare(chart, key, value, lo, hi, step).transform_filter(shown(key, field, lo, step))


class At(NamedTuple):
    """Charts whose rows hold every value of the slider ``key`` (``lo`` … ``hi`` by ``step``): the browser draws
    the value the slider shows, the server's ``value`` until it has moved."""

    key: str
    value: float
    lo: float
    hi: float
    step: float = 1

    def declare(self, chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
        """The slider's parameter declared on ``chart`` (:func:`declare`)."""
        return declare(chart, self.key, self.value, self.lo, self.hi, self.step)

    def shown(self, field: str) -> str:
        """The filter keeping the rows whose ``field`` is the value shown, and the rows with none (:func:`shown`)."""
        return shown(self.key, field, self.lo, self.step)


def frames(key: str, value: float, texts: Mapping[float, str], step: float = 1) -> None:
    """Draw the HTML ``texts[v]`` of every value ``v`` of the control ``key`` in one part, each in a frame the
    browser shows while the control reads ``v`` (the server's ``value`` until the driver has run); values are
    named with ``step``'s decimals (:func:`value_text`)."""
    attribute = ATTRIBUTE.format(key=key)
    named = {value_text(v, step): text for v, text in texts.items()}
    rules = [f"body:not([{attribute}]) .{FRAME}[data-key='{key}'][data-v='{value_text(value, step)}'] "
             "{ display: block; }"]
    rules += [f"body[{attribute}='{v}'] .{FRAME}[data-key='{key}'][data-v='{v}'] {{ display: block; }}"
              for v in named]
    body = "".join(f'<div class="{FRAME}" data-key="{key}" data-v="{v}">{text}</div>' for v, text in named.items())
    st.html(f"<style>{CSS}{''.join(rules)}</style>{body}")


def caption(text: str, spoken: str = "") -> str:
    """A frame's caption (plain ``text``, escaped), headed by ``spoken`` for screen readers only: a chart's
    live description beside its steady name (``present.show_chart``'s ``label``)."""
    said = f'<span class="sr-only">{html.escape(spoken)} </span>' if spoken else ""
    return f'<p class="{CAPTION}">{said}{html.escape(text)}</p>'


def line(markup: str) -> str:
    """A frame's live line of a formula (``markup``: HTML, italics ``<i>`` for variables)."""
    return f'<p class="{LINE}">{markup}</p>'


def metric(label: str, value: str, delta: str, help: str = "") -> str:
    """A frame's number in a bordered card: its ``label``, the ``value`` large, a grey ``delta`` under it (all
    plain text, escaped); ``help`` shows on hover."""
    hover = f' title="{html.escape(help)}"' if help else ""
    return (f'<div class="{METRIC}"{hover}><p class="{METRIC}-label">{html.escape(label)}</p>'
            f'<p class="{METRIC}-value">{html.escape(value)}</p>'
            f'<p><span class="{METRIC}-delta">{html.escape(delta)}</span></p></div>')


@functools.cache
def _driver():
    """The driver component (Streamlit's components v2), registered once: ``assets/in_browser.js``."""
    return st.components.v2.component("in_browser", js=assets.script("in_browser.js"), isolate_styles=False)


def driver(key: str, value: float, link_label: str, step: float = 1) -> None:
    """Follow the slider ``key`` in the browser (the server drew ``value``; values named with ``step``'s
    decimals); a press on the button labelled ``link_label`` after a move reruns the control's readers and the
    view link (``controls.rerun_readers``)."""
    _driver()(key=f"in_browser_{key}", data={"key": key, "value": value_text(value, step), "decimals": decimals(step),
                                              "param": PARAM.format(key=key), "attribute": ATTRIBUTE.format(key=key),
                                              "link": link_label},
              on_sync_change=functools.partial(controls.rerun_readers, key))
