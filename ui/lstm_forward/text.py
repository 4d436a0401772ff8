"""The six LSTM equations of one step, in LaTeX, with the actual numbers of one unit substituted.

For unit j, "W_z x_t" is row j of W_z times x_t (a number), and so on; the terms are recomputed
from the parameters and must add up to the engine's pre-activations (tests check this).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ui.kit.numbers import latex_term

GATE_ROWS = {"z": 0, "i": 1, "f": 2, "o": 3}
PEEP_ROWS = {"i": 0, "f": 1, "o": 2}


@dataclass(frozen=True)
class GateTerms:
    """The parts of one pre-activation: W x + R y + p c + b (p c = 0 for z or without peepholes)."""

    Wx: float
    Ry: float
    pc: float
    b: float

    @property
    def total(self) -> float:
        return self.Wx + self.Ry + self.pc + self.b


def gate_terms(params, trace, t: int, unit: int) -> dict[str, GateTerms]:
    """The terms of z̄, ī, f̄, ō of unit ``unit`` at step ``t`` (both 1-based)."""
    k, j = t - 1, unit - 1
    y_prev = trace.y0 if k == 0 else trace.y[k - 1]
    c_prev = trace.c0[j] if k == 0 else trace.c[k - 1, j]
    peek = {"z": 0.0, "i": c_prev, "f": c_prev, "o": trace.c[k, j]}
    out = {}
    for gate, g in GATE_ROWS.items():
        p = params.p[PEEP_ROWS[gate], j] if gate in PEEP_ROWS else 0.0
        out[gate] = GateTerms(Wx=float(np.dot(params.W[g, j], trace.x[k])),
                              Ry=float(np.dot(params.R[g, j], y_prev)), pc=float(p * peek[gate]),
                              b=float(params.b[g, j]))
    return out


def _sum(terms: GateTerms, peephole: bool) -> str:
    parts = [terms.Wx, terms.Ry] + ([terms.pc] if peephole else []) + [terms.b]
    return " + ".join(latex_term(v, first=n == 0) for n, v in enumerate(parts))


def _gate_line(gate: str, terms: GateTerms, value: float, peepholes: bool, pinned: dict) -> str:
    fun = "g" if gate == "z" else r"\sigma"
    shown = r"\tanh" if gate == "z" else r"\sigma"
    peep = peepholes and gate != "z"
    cell = "c_t" if gate == "o" else "c_{t-1}"
    name = gate
    symbolic = (f"{fun}(W_{gate} x_t + R_{gate} y_{{t-1}}"
                + (f" + p_{gate} \\odot {cell}" if peep else "") + f" + b_{gate})")
    numeric = f"{shown}({_sum(terms, peep)}) = {shown}({latex_term(terms.total, first=True)})"
    if gate in pinned:
        return (f"{name}_t &= {latex_term(value, first=True)} \\quad \\text{{(pinned)}} \\\\\n"
                f"&\\phantom{{=}} \\text{{free, }} {symbolic} \\text{{ would be }} "
                f"{latex_term(_activation(gate, terms.total), first=True)}")
    return f"{name}_t &= {symbolic} \\\\\n&= {numeric} = {latex_term(value, first=True)}"


def _activation(gate: str, v: float) -> float:
    return float(np.tanh(v)) if gate == "z" else float(1.0 / (1.0 + np.exp(-v)))


def step_latex(params, trace, t: int, unit: int) -> str:
    """One ``aligned`` block: z, i, f, c, o, y of unit ``unit`` at step ``t`` (1-based); each equation on
    two lines, the symbols and then the same with the numbers (short enough for a projector)."""
    k, j = t - 1, unit - 1
    terms = gate_terms(params, trace, t, unit)
    value = {g: float(getattr(trace, g)[k, j]) for g in ("z", "i", "f", "o", "c", "y")}
    c_prev = float(trace.c0[j] if k == 0 else trace.c[k - 1, j])
    peepholes, pinned = params.has_peepholes, trace.pinned()
    gate = {g: _gate_line(g, terms[g], value[g], peepholes, pinned) for g in GATE_ROWS}
    z, i, f, o = (latex_term(value[g], first=g == "z") for g in "zifo")
    rows = [
        gate["z"], gate["i"], gate["f"],
        (f"c_t &= z_t \\odot i_t + c_{{t-1}} \\odot f_t \\\\\n&= {z} \\cdot {i} + {latex_term(c_prev)} "
         f"\\cdot {f} = {latex_term(value['c'], first=True)}"),
        gate["o"],
        (f"y_t &= h(c_t) \\odot o_t \\\\\n&= \\tanh({latex_term(value['c'], first=True)}) \\cdot {o} "
         f"= {latex_term(value['y'], first=True)}"),
    ]
    return "\\begin{aligned}\n" + " \\\\[6pt]\n".join(rows) + "\n\\end{aligned}"
