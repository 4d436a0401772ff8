"""Graphviz DOT pieces the diagrams of several pages share: fills, HTML labels, nodes, edges, rows.

Pure functions returning DOT text for ``st.graphviz_chart``. Time runs left to right; inputs sit at the
bottom, hidden states in the middle, outputs on top (Goodfellow et al., fig. 10.3). Long sequences are
drawn with their first and last steps (and the focused ones) and an ellipsis in between.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence

FONT = "Helvetica"
ACCENT = "#d6336c"
ACCENT_FILL = "#fbe3ec"
INPUT_FILL = "#e7f0fa"
HIDDEN_FILL = "#fff3df"
OUTPUT_FILL = "#e6f4e6"
DECODER_FILL = "#efe6f7"
GREY = "#b0b0b0"
ELLIPSIS = None  # marks a gap in a list of shown steps

_GRAPH = re.compile(r"^(\s*(?:strict\s+)?digraph\s+)(\w+)(\s*\{)")
_INVISIBLE = ("\u200b", "\u200c")  # zero-width space and non-joiner: one bit each; DOT takes them in a name


def marked(dot: str) -> str:
    """``dot`` with an invisible mark of its content appended to its graph's name.

    The browser's renderer (d3-graphviz, inside ``st.graphviz_chart``) keys every SVG element by the
    ``<title>`` path from the graph down, and when a chart is redrawn with new DOT it prepares a
    morph of every edge it can match to the old drawing: it samples each path once per pixel of its
    length with ``getPointAtLength``, seconds a frame for an unfolded RNN, although nothing animates.
    A graph whose name carries its content matches nothing of the drawing before, so the new drawing
    is simply put in place. The mark is 24 bits of the DOT's hash as zero-width characters: the name
    a pointer over the diagram shows stays what it was.
    """
    bits = int.from_bytes(hashlib.blake2b(dot.encode(), digest_size=3).digest(), "big")
    mark = "".join(_INVISIBLE[(bits >> i) & 1] for i in range(24))
    renamed, found = _GRAPH.subn(lambda m: m.group(1) + m.group(2) + mark + m.group(3), dot, count=1)
    if not found:
        raise ValueError("not a named DOT digraph: " + dot[:40])
    return renamed


def shown_steps(seq_len: int, focus: Sequence[int] = (), edge: int = 2, max_full: int = 7) -> list:
    """Steps 1..T to draw: all when T ≤ max_full, else the first and last ``edge`` steps, the focused
    steps and their neighbours, with ``ELLIPSIS`` for every gap of more than one step."""
    if seq_len <= max_full:
        return list(range(1, seq_len + 1))
    keep = set(range(1, edge + 1)) | set(range(seq_len - edge + 1, seq_len + 1))
    for t in focus:
        keep |= {s for s in (t - 1, t, t + 1) if 1 <= s <= seq_len}
    out: list = []
    for t in sorted(keep):
        if out and t - out[-1] == 2:
            out.append(t - 1)
        elif out and t - out[-1] > 2:
            out.append(ELLIPSIS)
        out.append(t)
    return out


def sub_label(symbol: str, t: int | str, token: str | None = None) -> str:
    sub = f"{symbol}<SUB>{t}</SUB>"
    if token is None:
        return f"<{sub}>"
    return f'<<B>{escape(token)}</B><BR/><FONT POINT-SIZE="10">{sub}</FONT>>'


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def node(name: str, label: str, fill: str, *, color: str = "#444444", shape: str = "box",
          width: float = 1.5, dashed: bool = False) -> str:
    style = '"rounded,filled,dashed"' if dashed else '"rounded,filled"'
    return (f'  {name} [label={label}, shape={shape}, style={style}, fillcolor="{fill}", '
            f'color="{color}", penwidth={width}];')


def edge(a: str, b: str, label: str = "", *, color: str = "#555555", dashed: bool = False,
          constraint: bool = True, width: float = 1.2) -> str:
    attrs = [f'color="{color}"', f"penwidth={width}"]
    if label:
        attrs.append(f'label=<{label}>, fontcolor="{color}"')
    if dashed:
        attrs.append("style=dashed")
    if not constraint:
        attrs.append("constraint=false")
    return f"  {a} -> {b} [{', '.join(attrs)}];"


def header(title: str | None = None) -> list[str]:
    lines = ["digraph G {", '  rankdir=BT; nodesep=0.35; ranksep=0.45; bgcolor="transparent";',
             f'  node [fontname="{FONT}", fontsize=13, height=0.4];',
             f'  edge [fontname="{FONT}", fontsize=11];']
    if title:
        lines.append(f'  labelloc="t"; label=<{title}>; fontname="{FONT}"; fontsize=14;')
    return lines


def rank_row(names: Sequence[str]) -> str:
    """One row: same rank, kept in time order by invisible left-to-right edges."""
    order = "".join(f"  {a} -> {b} [style=invis];\n" for a, b in itertools.pairwise(names))
    return order + "  { rank=same; " + "; ".join(names) + "; }"


def ellipsis(name: str) -> str:
    return f'  {name} [label="⋯", shape=plaintext, fontsize=20];'


