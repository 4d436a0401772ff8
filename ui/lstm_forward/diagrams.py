"""Graphviz (DOT) pictures of one LSTM block at one time step, drawn from the engine's numbers.

Two layouts of the same state (Greff et al. 2017, fig. 1, and the article's "electronic circuit"):

* ``circuit_dot``: the cell "highway" runs left to right, c_{t−1} → ⊙ f → + → c_t → h → ⊙ o → y_t;
  the gates sit below it and join it through Hadamard products ("on-ramps").
* ``odyssey_dot``: the "Space Odyssey" block, inputs at the bottom, the cell in the centre with its
  forget loop, the gates around it, the output at the top.

Both take a ``StepValues`` (one unit, one step), so the two can never disagree. Node colours come
from ``ui.kit.colors.value_color`` (the heatmaps' colours); peephole lines appear only when the
block has peepholes; a pinned gate is drawn dashed with "(pinned)".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ui.kit.colors import ink, value_color
from ui.kit.dot import FONT
from ui.kit.numbers import fixed

MUTED = "#8a8a8a"
PEEPHOLE = "#7b3294"


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


def _gate_label(s: StepValues, gate: str, title: str, fun: str) -> str:
    value = getattr(s, gate)
    if gate in s.pinned:
        return f"{title}\\n{gate} = {_fmt(value)} (pinned)"
    return f"{title}\\n{gate} = {fun}(…) = {_fmt(value)}" if fun else f"{title}\\n{gate} = {_fmt(value)}"


def _gate_nodes(s: StepValues, short: bool = False) -> list[str]:
    """The four gate nodes; ``short`` leaves out "σ(…)" (a narrower block, so larger type in half a page)."""
    gates = {"z": ("block input", "g"), "i": ("input gate", "σ"), "f": ("forget gate", "σ"),
             "o": ("output gate", "σ")}
    return [_node(g, _gate_label(s, g, title, "" if short else fun), g, getattr(s, g), shape="ellipse",
                  pinned=g in s.pinned)
            for g, (title, fun) in gates.items()]


def _input_label(s: StepValues) -> str:
    shown = ", ".join(_fmt(v) for v in s.x[:4]) + (", …" if len(s.x) > 4 else "")
    return f"input xₜ\\n({shown})" if len(s.x) > 1 else f"input xₜ\\n{shown}"


def _width(gate_value: float) -> float:
    """Pen width of a flow scaled by the gate that lets it through."""
    return 0.6 + 4.0 * min(max(gate_value, 0.0), 1.0)


def _header(name: str, rankdir: str, s: StepValues, title: str, fontsize: int = 11) -> list[str]:
    return [
        f"digraph {name} {{",
        f'  graph [rankdir={rankdir}, bgcolor="transparent", fontname="{FONT}", labelloc=t, '
        f'fontsize={fontsize + 2}, label="{title}: unit {s.unit}, step t = {s.t}", nodesep=0.3, ranksep=0.35];',
        f'  node [fontname="{FONT}", fontsize={fontsize}, penwidth=1.2];',
        f'  edge [fontname="{FONT}", fontsize={fontsize - 1}, arrowsize=0.7];',
    ]


def _peepholes(s: StepValues, cell_prev: str, cell_now: str, label: str = "peephole") -> list[str]:
    if not s.peepholes:
        return []
    return [
        _edge(cell_prev, "i", dashed=True, color=PEEPHOLE, label=label, extra=", constraint=false"),
        _edge(cell_prev, "f", dashed=True, color=PEEPHOLE, extra=", constraint=false"),
        _edge(cell_now, "o", dashed=True, color=PEEPHOLE, label=label, extra=", constraint=false"),
    ]


def circuit_dot(s: StepValues) -> str:
    """The "electronic circuit": a horizontal cell highway with the gates joining it from below."""
    hw = ', group="highway"'
    lines = _header("circuit", "LR", s, "Electronic circuit")
    lines += [
        _node("x", _input_label(s), "x", s.x[0]),
        _node("y_prev", f"previous output yₜ₋₁\\n{_fmt(s.y_prev)}", "y", s.y_prev),
        _node("c_prev", f"cell cₜ₋₁\\n{_fmt(s.c_prev)}", "c", s.c_prev, extra=hw),
        *_gate_nodes(s),
        _op("mul_f", "⊙").replace("];", f"{hw}];"), _op("mul_i", "⊙"), _op("add", "+").replace("];", f"{hw}];"),
        _node("c", f"cell cₜ\\n{_fmt(s.c)}", "c", s.c, extra=hw + ", penwidth=2.2"),
        _node("h", f"h(cₜ) = tanh\\n{_fmt(s.h_c)}", "c", s.h_c, shape="ellipse", extra=hw),
        _op("mul_o", "⊙").replace("];", f"{hw}];"),
        _node("y", f"output yₜ\\n{_fmt(s.y)}", "y", s.y, extra=hw + ", penwidth=2.2"),
        "  { rank=min; x; y_prev; c_prev; }",
    ]
    for gate in ("z", "i", "f", "o"):
        lines += [_edge("x", gate, color=MUTED, width=0.8), _edge("y_prev", gate, color=MUTED, width=0.8)]
    lines += [
        _edge("c_prev", "mul_f", width=2.5, extra=", weight=8"),
        _edge("f", "mul_f", width=_width(s.f)),
        _edge("mul_f", "add", label=f"f⊙cₜ₋₁ = {_fmt(s.f * s.c_prev)}", width=_width(s.f), extra=", weight=8"),
        _edge("z", "mul_i"),
        _edge("i", "mul_i", width=_width(s.i)),
        _edge("mul_i", "add", label=f"i⊙z = {_fmt(s.i * s.z)}", width=_width(s.i)),
        _edge("add", "c", width=2.5, extra=", weight=8"),
        _edge("c", "h", width=2.5, extra=", weight=8"),
        _edge("h", "mul_o", width=2.5, extra=", weight=8"),
        _edge("o", "mul_o", width=_width(s.o)),
        _edge("mul_o", "y", width=_width(s.o), extra=", weight=8"),
        *_peepholes(s, "c_prev", "c"),
        "}",
    ]
    return "\n".join(lines)


def odyssey_dot(s: StepValues) -> str:
    """The "Space Odyssey" block: the cell in the centre, gates around it, output on top."""
    lines = _header("odyssey", "BT", s, "Space Odyssey block", fontsize=15)  # drawn in half the width
    lines += [
        _node("inputs", f"{_input_label(s)}\\nyₜ₋₁ = {_fmt(s.y_prev)}", shape="box"),
        *_gate_nodes(s, short=True),
        _op("mul_i", "⊙"), _op("mul_f", "⊙"), _op("mul_o", "⊙"),
        _node("cell", f"cell\\ncₜ = {_fmt(s.c)}", "c", s.c, shape="doublecircle", extra=", width=1.3"),
        _node("h", f"h = tanh\\n{_fmt(s.h_c)}", "c", s.h_c, shape="ellipse"),
        _node("y", f"block output yₜ\\n{_fmt(s.y)}", "y", s.y, extra=", penwidth=2.2"),
        "  { rank=same; i; z; }",
        "  { rank=same; f; cell; }",
    ]
    for gate in ("z", "i", "f", "o"):
        lines.append(_edge("inputs", gate, color=MUTED, width=0.8))
    lines += [
        _edge("z", "mul_i"),
        _edge("i", "mul_i", width=_width(s.i)),
        _edge("mul_i", "cell", label=f"i⊙z = {_fmt(s.i * s.z)}", width=_width(s.i)),
        _edge("cell", "mul_f", label=f"cₜ₋₁ = {_fmt(s.c_prev)}", extra=", constraint=false"),
        _edge("f", "mul_f", width=_width(s.f)),
        _edge("mul_f", "cell", label=f"f⊙cₜ₋₁ = {_fmt(s.f * s.c_prev)}", width=_width(s.f),
              extra=", constraint=false"),
        _edge("cell", "h", width=2.5),
        _edge("h", "mul_o", width=2.5),
        _edge("o", "mul_o", width=_width(s.o)),
        _edge("mul_o", "y", width=_width(s.o)),
        *_peepholes(s, "cell", "cell", label=""),  # labels would widen the block; the caption says it
        "}",
    ]
    return "\n".join(lines)
