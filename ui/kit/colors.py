"""Colours every page shares: the series palette, theory black, and the value colours of signed
quantities and gates (one definition, so a gate looks the same in a heatmap, a table and a diagram)."""

from __future__ import annotations

import itertools
import math

import altair as alt

PALETTE = ("#1f77b4", "#d6336c", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f")
THEORY_COLOR = "#111111"
PIN_LINE = "#8c8c8c"  # a pinned value's curves ("Pin D", "Pin bias", "Pin τ"): a muted grey behind the colours
PIN_FILL = "#cccccc"  # and its histogram bars
GATE_STOPS = ((0.0, "#f4f4f4"), (1.0, "#1b7837"))  # gates i, f, o in [0, 1]: grey (shut) to green (open)
SIGNED_STOPS = ((-1.0, "#2166ac"), (0.0, "#f7f7f7"), (1.0, "#b2182b"))  # z, c, y: blue < 0 < red


def stops_for(name: str) -> tuple[tuple[float, str], ...]:
    """Colour stops of a quantity: gates i, f, o on [0, 1]; z, c, y and others signed on [−1, 1]."""
    return GATE_STOPS if name in ("i", "f", "o") else SIGNED_STOPS


def value_color(name: str, value: float) -> str:
    """Hex colour of ``value`` of quantity ``name`` (linear RGB between stops, clamped at the ends)."""
    stops = stops_for(name)
    if not math.isfinite(value):
        return "#ffffff"
    v = min(max(value, stops[0][0]), stops[-1][0])
    for (lo, c_lo), (hi, c_hi) in itertools.pairwise(stops):
        if v <= hi:
            w = 0.0 if hi == lo else (v - lo) / (hi - lo)
            rgb = [round((1 - w) * int(c_lo[k : k + 2], 16) + w * int(c_hi[k : k + 2], 16)) for k in (1, 3, 5)]
            return "#" + "".join(f"{c:02x}" for c in rgb)
    return stops[-1][1]


def color_scale(name: str) -> alt.Scale:
    """The Vega-Lite scale drawing exactly ``value_color``'s colours."""
    stops = stops_for(name)
    return alt.Scale(domain=[s for s, _ in stops], range=[c for _, c in stops], interpolate="rgb", clamp=True)


def ink(fill: str) -> str:
    """Black or white text, whichever reads better on the hex colour ``fill`` (perceived luminance)."""
    r, g, b = (int(fill[k : k + 2], 16) for k in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else "#111111"
