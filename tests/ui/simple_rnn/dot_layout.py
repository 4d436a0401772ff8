"""A diagram as Graphviz's dot lays it out: its size in points and its font sizes (the diagram tests of
the simple-RNN and LSTM pages share it). Skips the test where Graphviz is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

PROJECTOR_PT = 14  # Graphviz points: 18.7 px on screen where the SVG keeps its own size
COLUMN_PT = 620  # the page's column at 1024 px presenting is 814 px = 610 pt; local dot measures ~4% wider
SCENE_HEIGHT_PT = 425  # a talk scene's first figure starts ~197 px down a 768 px screen: 571 px = 428 pt


def svg_size(dot: str) -> tuple[float, float, list[float]]:
    """Width and height (points) of the diagram as dot lays it out, and every font size in it."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz)")
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True).stdout.decode()
    size = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    return float(size.group(1)), float(size.group(2)), [float(f) for f in re.findall(r'font-size="([\d.]+)"', svg)]
