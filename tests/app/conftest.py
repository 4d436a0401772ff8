"""AppTest helpers: run a page from the home script, optionally with query parameters (a deep link)."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.frame import FRAGMENTS

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


def charts(at: AppTest) -> list:
    """The Vega-Lite charts on the page."""
    return list(at.get("vega_lite_chart")) + list(at.get("arrow_vega_lite_chart"))


def spoken_descriptions(at: AppTest) -> list[str]:
    """The live descriptions said after charts with a steady name (``present.show_chart``'s ``label``), in
    their captions, for screen readers only."""
    return [html.unescape(c.value.split('class="sr-only">', 1)[1].split("</span>", 1)[0])
            for c in at.caption if 'class="sr-only"' in c.value]


@pytest.fixture
def page_runner():
    return run_page
