"""Shared test set-up: the repository root on ``sys.path``; a numba cache private to the test run."""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")


def rows_aside(spec: dict) -> str:
    """A chart's spec (``to_dict()``) as text, without its rows: the datasets left out and their names (hashes of
    the rows) made one. Two charts with the same text are updated in place by the browser, data alone."""
    import json
    import re

    return re.sub(r'"data-[0-9a-f]+"', '"rows"', json.dumps({k: v for k, v in spec.items() if k != "datasets"}))


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a ``#rrggbb`` colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[k:k + 2], 16) / 255) for k in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
