"""The browser's side of the app: the scripts in ``ui/assets`` that Streamlit's components and ``st.html`` run
(the ▶ driver, the in-view watcher, the talk's clicker, the charts' font watch), and the favicon."""

from __future__ import annotations

import functools
from pathlib import Path

ASSETS = Path(__file__).parents[1] / "assets"


@functools.cache
def script(name: str) -> str:
    """The text of ``ui/assets/<name>``, read once a server."""
    return (ASSETS / name).read_text(encoding="utf-8")
