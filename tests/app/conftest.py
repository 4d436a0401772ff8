"""AppTest helpers: run a page from the home script, optionally with query parameters (a deep link)."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.frame import FRAGMENTS
from ui.opening import ROW as OPENING_ROW

# AppTest's element tree holds only what the last run drew: sections rerun with the page here (the
# browser tests check that a control reruns its section alone).
os.environ[FRAGMENTS] = "0"

TIMEOUT = 180  # seconds: a cold numba compile of a page's kernels can take ~20 s on 2 cores


def run_page(page: str = "streamlit_app.py", query: Mapping[str, str] | None = None,
             timeout: float = TIMEOUT) -> AppTest:
    """Open ``page`` (``"pages/x.py"`` or the home script) in a fresh session, as a link would.

    The app always starts from ``streamlit_app.py`` (the entrypoint, as on a server); ``query`` is the
    link's query string.
    """
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page != "streamlit_app.py":
        at.switch_page(page)
    return at.run()


def assert_clean(at: AppTest) -> None:
    """No exception element and no uncaught error on the page."""
    assert not at.exception, [e.value for e in at.exception]


def warnings_text(at: AppTest) -> str:
    """All warning boxes' text, joined (URL notes are warnings)."""
    return "\n".join(str(w.value) for w in at.warning)


CHART_TYPES = ("vega_lite_chart", "arrow_vega_lite_chart")


def opening_block(at: AppTest):
    """The row of the page's opening (its introduction and its opening figure, ``ui.opening``), or None."""
    return next((block for block in at.main.children.values()
                 if getattr(getattr(block, "proto", None), "id", "").endswith(f"-{OPENING_ROW}")), None)


def in_opening(at: AppTest, element_type: str) -> list:
    """The elements of type ``element_type`` in the page's opening row (its opening figure)."""
    block = opening_block(at)
    return [] if block is None else list(block.get(element_type))


def sections_only(at: AppTest, element_type: str) -> list:
    """The elements of type ``element_type`` on the page, except the opening figure's: the sections' own, in
    the order the sections draw them."""
    opening = {id(element) for element in in_opening(at, element_type)}
    return [element for element in at.get(element_type) if id(element) not in opening]


def charts(at: AppTest, *, opening: bool = False) -> list:
    """The Vega-Lite charts on the page: the sections' own, or with ``opening`` the opening figure's too."""
    pick = at.get if opening else (lambda kind: sections_only(at, kind))
    return [chart for kind in CHART_TYPES for chart in pick(kind)]


# ``ui.in_browser.frames``: the rule showing the server's value's frame until the browser names one
_SHOWN = re.compile(r"body:not\(\[data-browser-([\w-]+)\]\) \.browser-frame\[data-key='\1'\]\[data-v='([^']+)'\]")


def shown_frames(at: AppTest, *, opening: bool = False) -> list[str]:
    """The HTML of the ``ui.in_browser`` frames a reader sees at the values the server drew (a control answered
    in the browser draws every value's text, one part a set), one a set: the sections' (or the whole page's)."""
    shown = []
    for part in (at.get("html") if opening else sections_only(at, "html")):
        body = str(part.proto.body)
        named = _SHOWN.search(body)
        if named:
            key, value = named.groups()
            start = f'<div class="browser-frame" data-key="{key}" data-v="{value}">'
            shown.append(body.split(start, 1)[1].split('<div class="browser-frame"', 1)[0].removesuffix("</div>"))
    return shown


def spoken_descriptions(at: AppTest, *, opening: bool = False) -> list[str]:
    """The live descriptions said after charts with a steady name (``present.show_chart``'s ``label``), in
    their captions, for screen readers only: the sections' (with ``opening``, the opening figure's too); then
    those in captions a control answered in the browser draws (``shown_frames``)."""
    captions = [c.value for c in (at.caption if opening else sections_only(at, "caption"))]
    return [html.unescape(text.split('class="sr-only">', 1)[1].split("</span>", 1)[0])
            for text in captions + shown_frames(at, opening=opening) if 'class="sr-only"' in text]


@pytest.fixture
def page_runner():
    return run_page
