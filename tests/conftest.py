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
