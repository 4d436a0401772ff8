"""Graphviz (DOT) pictures of one LSTM block at one time step, drawn from the engine's numbers.

Two layouts of the same state of one unit (Greff et al. 2017, fig. 1, and the article's "electronic
circuit"):

* ``circuit_dot``: the cell "highway" runs down the left, c_{t−1} → ⊙ f → + → c_t → tanh → ⊙ o → y_t;
  the gates sit in a row under the inputs and join it through Hadamard products ("on-ramps").
* ``odyssey_dot``: the "Space Odyssey" block, inputs at the bottom, the cell in the centre with its
  forget loop (dashed: from the past), the gates around it, the output at the top.

Both take a ``StepValues`` (one unit, one step), so the two can never disagree. Node colours come
from ``ui.kit.colors.value_color`` (the heatmaps' colours); peephole lines appear only when the
block has peepholes; a pinned gate is drawn dashed with "(pinned)".

Two more pictures of the whole block at step t: ``hadamard_dot``, the cell update as columns
multiplied element by element (one row per unit), and ``black_box_dot``, the block as the box the
article ends its circuit with (what goes in and out, and the weights' shapes).

Every text is ``LABEL_PT`` (14 pt) or larger and the pages draw each picture at its own size
(``width="content"``), where 14 pt is 18.7 px: the layouts are kept narrower than a projector's
1024 px page (top to bottom, short labels), so nothing is scaled down to fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ui.kit.colors import ink, value_color
from ui.kit.dot import ELLIPSIS, FONT, shown_steps
from ui.kit.numbers import fixed

MUTED = "#8a8a8a"
PEEPHOLE = "#7b3294"
LABEL_PT = 14  # every label; 18.7 px on screen at the picture's own size
TITLE_PT = 16


@dataclass(frozen=True)
class StepValues:
    """Every number of one unit of the block at step ``t`` (1-based), as drawn in the diagrams."""

    t: int
    unit: int
    x: tuple[float, ...]
    y_prev: float
    c_prev: float
    z: float
    i: float
    f: float
    o: float
    c: float
    y: float
    peepholes: bool
    pinned: dict[str, float] = field(default_factory=dict)

    @property
    def h_c(self) -> float:
        return math.tanh(self.c)


def step_values(trace, t: int, unit: int, peepholes: bool) -> StepValues:
    """The numbers of unit ``unit`` at step ``t`` (both 1-based) of an ``LSTMTrace``."""
    k, j = t - 1, unit - 1
    y_prev = trace.y0[j] if k == 0 else trace.y[k - 1, j]
    c_prev = trace.c0[j] if k == 0 else trace.c[k - 1, j]
    values = {g: float(getattr(trace, g)[k, j]) for g in ("z", "i", "f", "o", "c", "y")}
    return StepValues(t=t, unit=unit, x=tuple(float(v) for v in trace.x[k]), y_prev=float(y_prev),
                      c_prev=float(c_prev), peepholes=peepholes, pinned=trace.pinned(), **values)


def _fmt(value: float) -> str:
    """A number as the diagrams show it: 3 decimals, a real minus sign."""
    return fixed(value, 3, minus="−")


def _node(name: str, label: str, quantity: str | None = None, value: float | None = None,
          shape: str = "box", pinned: bool = False, extra: str = "") -> str:
    fill = value_color(quantity, value) if quantity is not None and value is not None else "#ffffff"
    style = '"filled,dashed,rounded"' if pinned else '"filled,rounded"'
    return (f'  {name} [label="{label}", shape={shape}, style={style}, fillcolor="{fill}", '
            f'fontcolor="{ink(fill)}"{extra}];')


def _op(name: str, symbol: str) -> str:
    return f'  {name} [label="{symbol}", shape=circle, width=0.38, fixedsize=true, fontsize=16];'


def _edge(a: str, b: str, *, label: str = "", width: float = 1.2, color: str = "#333333",
          dashed: bool = False, extra: str = "") -> str:
    attrs = [f"penwidth={width:.2f}", f'color="{color}"']
    if label:
        attrs.append(f'label="{label}", fontcolor="{color}"')
    if dashed:
        attrs.append("style=dashed")
    return f"  {a} -> {b} [{', '.join(attrs)}{extra}];"


def _gate_label(s: StepValues, gate: str, title: str) -> str:
    """Name, symbol and value; "(pinned)" on a line of its own, so the row of gates stays narrow."""
    label = f"{title}\\n{gate} = {_fmt(getattr(s, gate))}"
    return label + "\\n(pinned)" if gate in s.pinned else label


def _gate_nodes(s: StepValues, shape: str = "ellipse") -> list[str]:
    """The four gate nodes, coloured by their values."""
    gates = {"z": "block input", "i": "input gate", "f": "forget gate", "o": "output gate"}
    return [_node(g, _gate_label(s, g, title), g, getattr(s, g), shape=shape, pinned=g in s.pinned)
            for g, title in gates.items()]


def _inputs(s: StepValues, shown: int = 4) -> str:
    """x_t as the diagrams print it: one number, or the first ``shown`` in parentheses."""
    if len(s.x) == 1:
        return _fmt(s.x[0])
    return "(" + ", ".join(_fmt(v) for v in s.x[:shown]) + (", …" if len(s.x) > shown else "") + ")"


def _input_label(s: StepValues) -> str:
    return f"input xₜ\\n{_inputs(s)}"


def _width(gate_value: float) -> float:
    """Pen width of a flow scaled by the gate that lets it through."""
    return 0.6 + 4.0 * min(max(gate_value, 0.0), 1.0)


def _header(name: str, rankdir: str, s: StepValues, title: str) -> list[str]:
    return [
        f"digraph {name} {{",
        f'  graph [rankdir={rankdir}, bgcolor="transparent", fontname="{FONT}", labelloc=t, '
        f'fontsize={TITLE_PT}, label="{title}: unit {s.unit}, step t = {s.t}", nodesep=0.2, ranksep=0.3];',
        f'  node [fontname="{FONT}", fontsize={LABEL_PT}, penwidth=1.2];',
        f'  edge [fontname="{FONT}", fontsize={LABEL_PT}, arrowsize=0.7];',
    ]


def _peepholes(s: StepValues, cell_prev: str, cell_now: str, label: str = "peephole") -> list[str]:
    if not s.peepholes:
        return []
    return [
        _edge(cell_prev, "i", dashed=True, color=PEEPHOLE, label=label, extra=", constraint=false"),
        _edge(cell_prev, "f", dashed=True, color=PEEPHOLE, extra=", constraint=false"),
        _edge(cell_now, "o", dashed=True, color=PEEPHOLE, label=label, extra=", constraint=false"),
    ]


CIRCUIT_PARTS = {"cell": "cell update", "output": "output", "whole": "whole block"}
# the nodes each part of the circuit draws: the arrows between them come along
_PART_NODES = {
    "cell": {"c_prev", "x", "y_prev", "f", "z", "i", "mul_f", "mul_i", "add", "c"},
    "output": {"c", "x", "y_prev", "o", "h", "mul_o", "y"},
}


def circuit_dot(s: StepValues, part: str = "whole") -> str:
    """The "electronic circuit", turned a quarter (the article draws the highway along the top) so that
    it is tall rather than wide: the cell highway runs down the left, c_{t−1} → ⊙ f → + → c_t → tanh →
    ⊙ o → y_t; the gates sit in a row under the inputs and join it through Hadamard products
    ("on-ramps").

    ``part`` (one of ``CIRCUIT_PARTS``) draws the whole block or one half of it, short enough for a
    1024 × 768 projector at 14 pt: the cell update c_t = f ⊙ c_{t−1} + i ⊙ z (gates f, z, i), or the
    output y_t = o ⊙ tanh(c_t) (gate o, from c_t at the top)."""
    if part not in CIRCUIT_PARTS:
        raise ValueError(f"part must be one of {list(CIRCUIT_PARTS)}, got {part!r}")
    hw = ', group="highway"'
    title = "Electronic circuit" + ("" if part == "whole" else f" ({CIRCUIT_PARTS[part]})")
    nodes = {
        "x": _node("x", _input_label(s), "x", s.x[0]),
        "y_prev": _node("y_prev", f"output yₜ₋₁\\n{_fmt(s.y_prev)}", "y", s.y_prev),
        "c_prev": _node("c_prev", f"cell cₜ₋₁\\n{_fmt(s.c_prev)}", "c", s.c_prev, extra=hw),
        **dict(zip("zifo", _gate_nodes(s, shape="box"), strict=True)),
        "mul_f": _op("mul_f", "⊙").replace("];", f"{hw}];"), "mul_i": _op("mul_i", "⊙"),
        "add": _op("add", "+").replace("];", f"{hw}];"),
        "c": _node("c", f"cell cₜ\\n{_fmt(s.c)}", "c", s.c, extra=hw + ", penwidth=2.2"),
        "h": _node("h", f"tanh(cₜ) = {_fmt(s.h_c)}", "c", s.h_c, shape="ellipse", extra=hw),
        "mul_o": _op("mul_o", "⊙").replace("];", f"{hw}];"),
        "y": _node("y", f"output yₜ\\n{_fmt(s.y)}", "y", s.y, extra=hw + ", penwidth=2.2"),
    }
    shown = set(nodes) if part == "whole" else _PART_NODES[part]
    top = "c_prev" if "c_prev" in shown else "c"  # the highway's first node, at the left of the inputs
    gates = [g for g in ("f", "z", "i", "o") if g in shown]
    lines = _header("circuit", "TB", s, title)
    lines += [nodes[name] for name in nodes if name in shown]
    lines += [
        f"  {{ rank=min; {top}; x; y_prev; }}",
        f"  {{ rank=same; {'; '.join(gates)}; }}",
        f"  {top} -> x -> y_prev [style=invis];",  # the highway down the left, the gates in the article's order
    ]
    if len(gates) > 1:
        lines.append(f"  {' -> '.join(gates)} [style=invis];")
    edges = [(a, g, {"color": MUTED, "width": 0.8}) for g in gates for a in ("x", "y_prev")]
    edges += [
        ("c_prev", "mul_f", {"width": 2.5, "extra": ", weight=8"}),
        ("f", "mul_f", {"width": _width(s.f)}),
        ("mul_f", "add", {"label": f"f⊙cₜ₋₁ = {_fmt(s.f * s.c_prev)}", "width": _width(s.f), "extra": ", weight=8"}),
        ("z", "mul_i", {}),
        ("i", "mul_i", {"width": _width(s.i)}),
        ("mul_i", "add", {"label": f"i⊙z = {_fmt(s.i * s.z)}", "width": _width(s.i)}),
        ("add", "c", {"width": 2.5, "extra": ", weight=8"}),
        ("c", "h", {"width": 2.5, "extra": ", weight=8"}),
        ("h", "mul_o", {"width": 2.5, "extra": ", weight=8"}),
        ("o", "mul_o", {"width": _width(s.o)}),
        ("mul_o", "y", {"width": _width(s.o), "extra": ", weight=8"}),
    ]
    lines += [_edge(a, b, **style) for a, b, style in edges if a in shown and b in shown]
    lines += [line for line in _peepholes(s, "c_prev", "c")
              if all(name.strip() in shown for name in line.split("[")[0].split(" -> "))]
    lines.append("}")
    return "\n".join(lines)


def odyssey_dot(s: StepValues) -> str:
    """The "Space Odyssey" block: the cell in the centre with its forget loop, the gates around it,
    the inputs at the bottom and the output on top; the two ⊙ under the cell are the two terms of its
    update."""
    lines = _header("odyssey", "BT", s, "Space Odyssey block")
    lines += [
        _node("inputs", f"xₜ = {_inputs(s)}\\nyₜ₋₁ = {_fmt(s.y_prev)}", shape="box"),
        *_gate_nodes(s),
        _op("mul_i", "⊙"), _op("mul_f", "⊙"), _op("mul_o", "⊙"),
        _node("cell", f"cₜ\\n{_fmt(s.c)}", "c", s.c, shape="doublecircle"),
        _node("h", f"tanh(cₜ)\\n{_fmt(s.h_c)}", "c", s.h_c, shape="ellipse"),
        _node("y", f"output yₜ\\n{_fmt(s.y)}", "y", s.y, extra=", penwidth=2.2"),
        "  { rank=same; z; i; f; }",
        "  { rank=same; o; h; }",
        "  z -> i -> f [style=invis];",
    ]
    for gate in ("z", "i", "f", "o"):
        lines.append(_edge("inputs", gate, color=MUTED, width=0.8))
    lines += [
        _edge("z", "mul_i"),
        _edge("i", "mul_i", width=_width(s.i)),
        _edge("mul_i", "cell", label=f"i⊙z = {_fmt(s.i * s.z)}", width=_width(s.i)),
        _edge("cell", "mul_f", label=f"cₜ₋₁ = {_fmt(s.c_prev)}", dashed=True, extra=", constraint=false"),
        _edge("f", "mul_f", width=_width(s.f)),
        _edge("mul_f", "cell", label=f"f⊙cₜ₋₁ = {_fmt(s.f * s.c_prev)}", width=_width(s.f)),
        _edge("cell", "h", width=2.5),
        _edge("h", "mul_o", width=2.5),
        _edge("o", "mul_o", width=_width(s.o)),
        _edge("mul_o", "y", width=_width(s.o)),
        *_peepholes(s, "cell", "cell", label=""),  # labels would widen the block; the caption says it
        "}",
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ Hadamard product
@dataclass(frozen=True)
class CellUpdate:
    """The vectors of the cell update c_t = f_t ⊙ c_{t−1} + i_t ⊙ z_t at step ``t`` (1-based), every
    unit, and the units the picture shows (``shown``: 1-based unit numbers, ``ELLIPSIS`` for a gap)."""

    t: int
    unit: int
    f: np.ndarray
    c_prev: np.ndarray
    i: np.ndarray
    z: np.ndarray
    c: np.ndarray
    shown: tuple

    @property
    def kept(self) -> np.ndarray:
        """f_t ⊙ c_{t−1}: what the forget gate keeps of the old cell."""
        return self.f * self.c_prev

    @property
    def taken(self) -> np.ndarray:
        """i_t ⊙ z_t: what the input gate lets in of the block input."""
        return self.i * self.z


MAX_UNITS_SHOWN = 6  # more units: the first and the last, the followed one and its neighbours, ⋮ between


def cell_update(trace, t: int, unit: int) -> CellUpdate:
    """The cell update of an ``LSTMTrace`` at step ``t``; ``unit`` is the one the page follows."""
    k = t - 1
    shown = tuple(shown_steps(trace.c.shape[1], focus=(unit,), edge=1, max_full=MAX_UNITS_SHOWN))
    return CellUpdate(t=t, unit=unit, f=trace.f[k], c_prev=trace.c_prev[k], i=trace.i[k], z=trace.z[k],
                      c=trace.c[k], shown=shown)


def _cell(quantity: str, value: float, *, bold: bool = False, digits: int = 3, width: str = "") -> str:
    """A table cell holding ``value`` in its colour (``value_color``), in black or white to read on it."""
    fill = value_color(quantity, value)
    text = fixed(value, digits, minus="−")
    text = f"<B>{text}</B>" if bold else text
    size = f' WIDTH="{width}"' if width else ""
    return f'<TD BGCOLOR="{fill}"{size}><FONT COLOR="{ink(fill)}">{text}</FONT></TD>'


def _symbol(text: str) -> str:
    return f'<TD BORDER="0">{text}</TD>'


def _columns_table(u: CellUpdate, columns: list, units: bool = True) -> str:
    """An HTML-like table: a header row, then one row per shown unit (numbered when ``units``).
    ``columns`` holds (header, quantity, values) for a coloured column of numbers, or a plain string
    for an operator column (⊙, =, +) written on every row. The followed unit's row is bold."""
    def row(first: str, cells: str) -> str:
        return f"<TR>{_symbol(first) if units else ''}{cells}</TR>"

    head = "".join(_symbol(c) if isinstance(c, str) else f'<TD BORDER="0">{c[0]}</TD>' for c in columns)
    rows = [row("unit", head)]
    for j in u.shown:
        if j is ELLIPSIS:
            rows.append(row("⋮", "".join(_symbol("" if isinstance(c, str) else "⋮") for c in columns)))
            continue
        bold = j == u.unit and len(u.c) > 1
        cells = "".join(_symbol(c) if isinstance(c, str) else _cell(c[1], float(c[2][j - 1]), bold=bold, width="58")
                        for c in columns)
        rows.append(row(f"<B>{j}</B>" if bold else str(j), cells))
    return ('<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2" CELLPADDING="3">' + "".join(rows) + "</TABLE>>")


def hadamard_dot(u: CellUpdate) -> str:
    """The Hadamard product at work: f_t ⊙ c_{t−1} and i_t ⊙ z_t, each as two coloured columns and
    the column of their element-wise products, and their sum, the new cell c_t, row by row."""
    kept = [("fₜ", "f", u.f), "⊙", ("cₜ₋₁", "c", u.c_prev), "=", ("f⊙cₜ₋₁", "c", u.kept)]
    taken = [("iₜ", "i", u.i), "⊙", ("zₜ", "z", u.z), "=", ("i⊙z", "c", u.taken)]
    total = [("f⊙cₜ₋₁", "c", u.kept), "+", ("i⊙z", "c", u.taken), "=", ("cₜ", "c", u.c)]
    return "\n".join([
        "digraph hadamard {",
        f'  graph [rankdir=TB, bgcolor="transparent", fontname="{FONT}", fontsize={TITLE_PT}, labelloc=t, '
        f'label="The Hadamard product ⊙ at step t = {u.t}", nodesep=0.4, ranksep=0.35];',
        f'  node [shape=plaintext, fontname="{FONT}", fontsize={LABEL_PT}];',
        f'  edge [color="{MUTED}", arrowsize=0.7];',
        f"  kept [label={_columns_table(u, kept)}];",
        f"  taken [label={_columns_table(u, taken, units=False)}];",  # beside kept: the same rows
        f"  total [label={_columns_table(u, total)}];",
        "  kept -> total;",
        "  taken -> total;",
        "}",
    ])


# ------------------------------------------------------------------------------------------ black box
MAX_VALUES_SHOWN = 4  # a vector of up to this many numbers is written out in the black box


def _vector_node(name: str, title: str, size: str, quantity: str, values, bold: bool = False) -> str:
    """A vector in the black box: its name and length, and under them its numbers in coloured cells
    (2 decimals) when it has at most ``MAX_VALUES_SHOWN`` of them."""
    head = f"<B>{title}</B>" if bold else title
    rows = [f'<TR><TD BORDER="0" COLSPAN="{max(len(values), 1)}">{head}  ({size})</TD></TR>']
    if len(values) <= MAX_VALUES_SHOWN:
        rows.append(f"<TR>{''.join(_cell(quantity, float(v), digits=2) for v in values)}</TR>")
    table = '<TABLE BORDER="1" STYLE="rounded" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3">' + "".join(rows)
    return f"  {name} [label=<{table}</TABLE>>];"


def black_box_dot(trace, t: int, params) -> str:
    """The block as a black box (the article's last figure of the circuit): x_t, y_{t−1} and c_{t−1} in,
    y_t and c_t out, each with its length (M or H) and, when short, its numbers at step ``t``; the
    box lists the weights' shapes (``params``: the block, for its peepholes)."""
    k = t - 1
    m, h = trace.x.shape[1], trace.c.shape[1]
    shapes = f"W: 4×{h}×{m}\\nR: 4×{h}×{h}\\nb: 4×{h}"
    if params.has_peepholes:
        shapes += f"\\np: 3×{h}"
    return "\n".join([
        "digraph blackbox {",
        f'  graph [rankdir=LR, bgcolor="transparent", fontname="{FONT}", fontsize={TITLE_PT}, labelloc=t, '
        f'label="The LSTM block as a black box at step t = {t}", nodesep=0.25, ranksep=0.5];',
        f'  node [shape=plaintext, fontname="{FONT}", fontsize={LABEL_PT}];',
        '  edge [arrowsize=0.8, penwidth=1.6, color="#333333"];',
        _vector_node("x", "xₜ", f"M = {m}", "x", trace.x[k]),
        _vector_node("y_prev", "yₜ₋₁", f"H = {h}", "y", trace.y_prev[k]),
        _vector_node("c_prev", "cₜ₋₁", f"H = {h}", "c", trace.c_prev[k]),
        f'  lstm [label="LSTM block\\n{shapes}", shape=box, style="filled", fillcolor="#222222", '
        'fontcolor="#ffffff", margin="0.25,0.15"];',
        _vector_node("y", "yₜ", f"H = {h}", "y", trace.y[k], bold=True),
        _vector_node("c", "cₜ", f"H = {h}", "c", trace.c[k], bold=True),
        "  x -> lstm;",
        "  y_prev -> lstm;",
        "  c_prev -> lstm [penwidth=2.5];",
        "  lstm -> y;",
        "  lstm -> c [penwidth=2.5];",
        "}",
    ])
