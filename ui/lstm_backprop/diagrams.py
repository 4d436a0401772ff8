"""Graphviz (DOT) picture of one LSTM step as a graph of variables, with the error paths highlighted.

Forward arrows carry values; back-propagation walks them backwards, multiplying by the local
derivative written on each arrow and adding at every node where paths meet (the chain rule on a
graph). ``step_graph_dot`` highlights every arrow on a path from a chosen source (c_{t−1}, y_{t−1} or
the parameters) to where the loss reads the step (L_t, and step t+1 through y_t and c_t): exactly the
paths by which an error reaches that source. Node labels carry the deltas of one unit.

Both graphs keep every text at ``LABEL_PT`` (14 pt) and are drawn at their own size
(``width="content"``), where that is 18.7 px: they are laid out to stay narrower than a projector's
1024 px page (the step bottom to top, short labels), so nothing is scaled down to fit.
"""

from __future__ import annotations

from collections.abc import Mapping

from ui.kit.dot import FONT
from ui.kit.numbers import signed_text

# An arrow on an error path is thick, solid and pink; every other arrow thin, dashed and grey: the path
# stands out by its line as well as its colour (to a reader without colour vision pink and grey differ little).
HIGHLIGHT = "#d6336c"
MUTED = "#b0b0b0"
MUTED_TEXT = "#767676"  # the derivative on an arrow off the path: grey that still reads (4.5:1 on white)
LABEL_PT = 14  # every label; 18.7 px on screen at the graph's own size
SOURCES = {"c_prev": "cₜ₋₁", "y_prev": "yₜ₋₁", "params": "W, R, b, p"}

# node id -> (label, delta key in the numbers, shape)
NODES: dict[str, tuple[str, str | None, str]] = {
    "x": ("xₜ", None, "box"),
    "y_prev": ("yₜ₋₁", "dy_prev", "box"),
    "c_prev": ("cₜ₋₁", "dc_prev", "box"),
    "params": ("W,R,b,p", None, "box3d"),
    "z_bar": ("z̄ₜ", "dz", "Mrecord"), "i_bar": ("īₜ", "di", "Mrecord"),
    "f_bar": ("f̄ₜ", "df", "Mrecord"), "o_bar": ("ōₜ", "do", "Mrecord"),
    "z": ("zₜ = g(z̄ₜ)", None, "ellipse"), "i": ("iₜ = σ(īₜ)", None, "ellipse"),
    "f": ("fₜ = σ(f̄ₜ)", None, "ellipse"), "o": ("oₜ = σ(ōₜ)", None, "ellipse"),
    "c": ("cₜ", "dc", "box"), "h": ("h(cₜ)", None, "ellipse"),
    "y": ("yₜ", "dy", "box"),
    "loss": ("Lₜ", "Delta", "box"), "next": ("step t+1", None, "box"),
}

# (from, to, local derivative ∂to/∂from written on the arrow)
EDGES: tuple[tuple[str, str, str], ...] = (
    ("x", "z_bar", "W"), ("x", "i_bar", "W"), ("x", "f_bar", "W"), ("x", "o_bar", "W"),
    ("y_prev", "z_bar", "R"), ("y_prev", "i_bar", "R"), ("y_prev", "f_bar", "R"), ("y_prev", "o_bar", "R"),
    ("params", "z_bar", ""), ("params", "i_bar", ""), ("params", "f_bar", ""), ("params", "o_bar", ""),
    ("c_prev", "i_bar", "pᵢ"), ("c_prev", "f_bar", "p_f"), ("c_prev", "c", "⊙ fₜ\\nhighway"),
    ("z_bar", "z", "g′(z̄)"), ("i_bar", "i", "σ′(ī)"), ("f_bar", "f", "σ′(f̄)"), ("o_bar", "o", "σ′(ō)"),
    ("z", "c", "⊙ iₜ"), ("i", "c", "⊙ zₜ"), ("f", "c", "⊙ cₜ₋₁"),
    ("c", "o_bar", "pₒ"), ("c", "h", "h′(cₜ)"), ("h", "y", "⊙ oₜ"), ("o", "y", "⊙ h(cₜ)"),
    ("y", "loss", "Δₜ"), ("y", "next", "Rᵀ δₜ₊₁"), ("c", "next", "⊙ fₜ₊₁, p"),
)
SINKS = ("loss", "next")


def error_paths(source: str) -> set[tuple[str, str]]:
    """Arrows on some path from ``source`` to a sink: the routes its error comes back along."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {list(SOURCES)}, got {source!r}")
    after = {u: [v for a, v, _ in EDGES if a == u] for u, _, _ in EDGES}
    reach_sink: dict[str, bool] = {}

    def reaches(node: str) -> bool:
        if node not in reach_sink:
            reach_sink[node] = node in SINKS or any(reaches(v) for v in after.get(node, []))
        return reach_sink[node]

    from_source, stack = {source}, [source]
    while stack:
        for v in after.get(stack.pop(), []):
            if v not in from_source:
                from_source.add(v)
                stack.append(v)
    return {(u, v) for u, v, _ in EDGES if u in from_source and reaches(v)}


def _node(name: str, numbers: Mapping[str, float], on_path: bool) -> str:
    label, key, shape = NODES[name]
    if key is not None and key in numbers:
        symbol = "Δ" if key == "Delta" else "δ"
        label = f"{label}\\n{symbol} = {signed_text(numbers[key])}"
    color = HIGHLIGHT if on_path else "#444444"
    double = ", peripheries=2" if name == "c" else ""  # the cell, where the paths meet
    return (f'  {name} [label="{label}", shape={shape}, color="{color}", fontcolor="#222222", '
            f'penwidth={2.2 if on_path else 1.0}{double}];')


STEP_PARTS = {"cell": "loss → cₜ", "gates": "cₜ → gates → inputs", "whole": "the whole step"}
# the variables each part of the step draws: the arrows between them come along
_PART_NODES = {
    "cell": {"c", "o_bar", "o", "h", "y", "loss", "next"},
    "gates": {"x", "y_prev", "params", "c_prev", "z_bar", "i_bar", "f_bar", "o_bar", "z", "i", "f", "c"},
}
_ROWS = (("x", "y_prev", "params", "c_prev"), ("z_bar", "i_bar", "f_bar", "o_bar"), ("loss", "next"))


def step_graph_dot(source: str, numbers: Mapping[str, float] | None = None, *, unit: int = 1,
                   t: int = 1, part: str = "whole") -> str:
    """The graph of one step with the error paths to ``source`` highlighted; ``numbers`` holds the
    deltas of unit ``unit`` at step ``t`` (keys dy, dc, do, df, di, dz, Delta, dy_prev, dc_prev).
    Drawn bottom to top (the step's inputs at the bottom, the loss on top, so the errors run down the
    page) in 14 pt text, at its own size: 720 px wide, it fits a projector's 1024 px page and every
    label reads at 18.7 px.

    ``part`` (one of ``STEP_PARTS``) draws the whole step or one half, short enough for a 1024 × 768
    projector: how the error reaches the cell c_t (from the loss through y_t, and from step t+1), or how
    it goes on from c_t through the gates to c_{t−1}, y_{t−1} and the parameters."""
    if part not in STEP_PARTS:
        raise ValueError(f"part must be one of {list(STEP_PARTS)}, got {part!r}")
    numbers = numbers or {}
    shown = set(NODES) if part == "whole" else _PART_NODES[part]
    paths = error_paths(source)
    on_path = {u for u, _ in paths} | {v for _, v in paths}
    lines = [
        "digraph step {",
        f'  comment="one LSTM step, unit {unit}, t = {t}";',
        '  rankdir=BT; bgcolor="transparent"; nodesep=0.15; ranksep=0.25; margin=0;',
        f'  node [fontname="{FONT}", fontsize={LABEL_PT}, style=filled, fillcolor="#ffffff", margin="0.06,0.03"];',
        f'  edge [fontname="{FONT}", fontsize={LABEL_PT}, arrowsize=0.7];',
    ]
    for row in _ROWS:
        row = [name for name in row if name in shown]
        if len(row) > 1:
            lines.append(f"  {{ rank=same; {'; '.join(row)}; }}")
    if part != "cell":
        lines.append("  x -> y_prev -> params -> c_prev [style=invis];")
    lines += [_node(name, numbers, name in on_path) for name in NODES if name in shown]
    for u, v, derivative in EDGES:
        if u not in shown or v not in shown:
            continue
        hot = (u, v) in paths
        style = (f'color="{HIGHLIGHT}", fontcolor="{HIGHLIGHT}", penwidth=2.6' if hot
                 else f'color="{MUTED}", fontcolor="{MUTED_TEXT}", style=dashed')
        label = f'label="{derivative}", ' if derivative else ""
        lines.append(f'  {u} -> {v} [{label}{style}];')
    lines.append("}")
    return "\n".join(lines)


def _real(x: float) -> str:
    """A short number with a real minus sign (−0.3, not -0.3)."""
    return f"{x:g}".replace("-", "−")


def path_graph_dot(ps, weights) -> str:
    """The small graph x₁, x₂ → y_1 … y_n → z of the chain-rule section (``ps``: a
    :class:`engine.chainrule.PathSum`, ``weights`` its (a_j, b_j) rows). Arrows from x₁ and on to z
    are on a path from x₁: thick, solid, pink, labelled with their local derivative; x₂'s arrows are
    thin, dashed and grey. Each y_j carries its value and the product along its path."""
    n = len(ps.paths)
    lines = [
        "digraph paths {",
        f'  comment="chain rule on a small graph, {n} paths";',
        '  rankdir=LR; bgcolor="transparent"; nodesep=0.25; ranksep=0.5; margin=0;',
        f'  node [fontname="{FONT}", fontsize={LABEL_PT}, style=filled, fillcolor="#ffffff", fontcolor="#222222"];',
        f'  edge [fontname="{FONT}", fontsize={LABEL_PT}];',
        f'  x1 [label="x₁ = {_real(ps.x1)}", shape=box, color="{HIGHLIGHT}", penwidth=2.2];',
        f'  x2 [label="x₂ = {_real(ps.x2)}", shape=box, color="#444444"];',
        f'  z [label="z = ½Σy²\\n= {signed_text(ps.z)}", shape=doublecircle, color="{HIGHLIGHT}", penwidth=2.2];',
        "  { rank=same; x1; x2; }",
    ]
    for j in range(n):
        name = f"y{j + 1}"
        lines.append(f'  {name} [label="y{j + 1} = {signed_text(ps.y[j])}\\npath: {signed_text(ps.paths[j])}", '
                     f'shape=box, style="rounded,filled", color="{HIGHLIGHT}", penwidth=2.2];')
        hot = f'color="{HIGHLIGHT}", fontcolor="{HIGHLIGHT}", penwidth=2.6'
        lines.append(f'  x1 -> {name} [label="(1−y²)·{_real(weights[j, 0])}\\n= {signed_text(ps.dy_dx1[j])}", {hot}];')
        lines.append(f'  x2 -> {name} [label="", color="{MUTED}", style=dashed];')
        lines.append(f'  {name} -> z [label="y{j + 1} = {signed_text(ps.dz_dy[j])}", {hot}];')
    names = [f"y{j + 1}" for j in range(n)]
    if n > 1:  # y_1 … y_n top to bottom
        lines.append(f"  {' -> '.join(names)} [style=invis];")
        lines.append(f"  {{ rank=same; {'; '.join(names)}; }}")
    lines.append("}")
    return "\n".join(lines)
