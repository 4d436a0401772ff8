"""A chart's key written as text: one line per series, its stroke drawn beside the words that say its value.

A Vega-Lite legend takes its room out of the chart's height and cannot carry live numbers without changing
the chart's spec (which makes the browser build the chart anew). A figure whose series each have a value
worth reading ("39% of the ball within 1% of its skin") says them in a key of its own, below the chart:

    key = lines_key("At D = 50:", [(colour, dash, "<b>39%</b> of the ball ..."), ...])   # HTML for st.markdown
"""

from __future__ import annotations

from collections.abc import Sequence

KEY_CSS = ("<style>.line-key { list-style: none; margin: 0; padding: 0; } "
           ".line-key li { margin: 0 0 0.1rem 0; padding: 0; } "
           ".line-key svg { vertical-align: middle; margin-right: 0.5em; }</style>")


def stroke(colour: str, dash: Sequence[int], width: int = 36) -> str:
    """A short line in ``colour`` with the dash pattern ``dash`` (Vega-Lite's strokeDash), as inline SVG
    hidden from screen readers (the words beside it say what it is)."""
    pattern = " ".join(str(d) for d in dash)
    return (f'<svg aria-hidden="true" width="{width}" height="10" viewBox="0 0 {width} 10">'
            f'<line x1="1" y1="5" x2="{width - 1}" y2="5" stroke="{colour}" stroke-width="3" '
            f'stroke-dasharray="{pattern}"/></svg>')


def lines_key(head: str, rows: Sequence[tuple[str, Sequence[int], str]]) -> str:
    """A key headed by ``head``: each of ``rows`` (colour, dash, HTML words) as its line's stroke, then its words."""
    items = "".join(f"<li>{stroke(colour, dash)}{words}</li>" for colour, dash, words in rows)
    return f'{KEY_CSS}<p>{head}</p><ul class="line-key">{items}</ul>'
