"""Words of the LSTM forward page, and its six equations of one step in LaTeX with the numbers of one
unit substituted (pure functions and strings, no ``st.*``).

For unit j, "W_z x_t" is row j of W_z times x_t (a number), and so on; the terms are recomputed
from the parameters and must add up to the engine's pre-activations (tests check this).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ui.kit.numbers import latex_term

TITLE = "LSTM forward propagation, gate by gate"
INTRO = (
    "An LSTM block reads a sequence one step at a time. At each step three **gates** — numbers between "
    "0 (shut) and 1 (open) — decide how much of the new **block input** z enters the **cell**, how much "
    "of the old cell is kept, and how much of the cell is shown as the **output** y. The cell is a "
    "*highway*: what the forget gate keeps travels on unchanged. Pick an input, then step through time."
)
REFERENCES = [
    "K. Greff, R. K. Srivastava, J. Koutník, B. R. Steunebrink, J. Schmidhuber, "
    "[LSTM: A Search Space Odyssey](https://arxiv.org/abs/1503.04069), IEEE TNNLS 28(10), 2017 — the "
    "equations and the block diagram used here.",
    "S. Hochreiter, J. Schmidhuber, Long Short-Term Memory, Neural Computation 9(8), 1997.",
    "F. A. Gers, J. Schmidhuber, F. Cummins, Learning to Forget: Continual Prediction with LSTM, 2000 "
    "(the forget gate); F. A. Gers, J. Schmidhuber, Recurrent Nets that Time and Count, 2000 (peepholes).",
    "C. Olah, [Understanding LSTM Networks](https://colah.github.io/posts/2015-08-Understanding-LSTMs/), 2015.",
]
SOURCE_LABELS = {"sine": "Sine wave", "square": "Square wave", "impulse": "Single impulse",
                 "noise": "Random noise", "typed": "Type numbers"}
PINNED = {  # what the article's two extreme cases do to the cell
    "ones": "**All gates pinned to 1:** nothing is forgotten and everything is let in, so the cell adds "
            "up the block inputs: c_t = c_{t−1} + z_t. Watch the cell drift in the chart below.",
    "zeros": "**All gates pinned to 0:** nothing enters and nothing is kept, so c_t = 0 and y_t = 0 at "
             "every step — the block forgets everything.",
}
ODYSSEY_CAPTION = ("The *Space Odyssey* block (Greff et al.): the same numbers, with the cell in the centre, "
                   "its forget loop, and the gates around it. Colours as in every chart here: gates grey (shut) "
                   "to green (open); z, c, y red > 0, blue < 0.")
INPUT_CAPTION = "The input x_t the block reads (input k is the signal k − 1 steps late)."
GATE_CAPTIONS = {
    "z": "Block input z: red > 0, blue < 0 (tanh keeps it in (−1, 1)). It is what the cell could take in.",
    "i": "Input gate i: green = open (lets z into the cell), grey = shut. The outlined column is step t.",
    "f": "Forget gate f: a row that stays green keeps that unit's cell memory alive.",
    "o": "Output gate o: how much of tanh(c_t) each unit shows as its output y_t.",
}
OUTPUT_CAPTION = "The output y_t = tanh(c_t)·o_t always stays inside (−1, 1)."


def typed_length(seq_len: int) -> str:
    """Under the typed numbers: they, not the slider, set T."""
    return f"The typed numbers set the length: T = {seq_len} (the slider above is for generated inputs)."


def circuit_caption(peepholes: bool) -> str:
    """How to read the electronic circuit (with a word on the peephole lines when there are some)."""
    return ("The *electronic circuit*: the cell highway runs from c_{t−1} to c_t and on to the output; the "
            "gates join it through Hadamard products ⊙ (element-wise). Arrow widths follow the gate values: "
            "a wide arrow carries what an open gate lets through."
            + (" Dashed purple lines are peepholes." if peepholes else ""))


def equations_lead(t: int, unit: int) -> str:
    """The line above the six equations: which step and unit, and how to read the symbols."""
    return (f"**The six equations at step t = {t}, unit {unit}** (σ is the logistic function, g = h = tanh, "
            "⊙ the element-wise product; for one unit, W_z x_t is that unit's row of W_z times x_t):")


def sequence_idea(seq_len: int, t: int) -> str:
    """The idea of the whole-sequence section: how many steps, and where step t is marked."""
    steps = "The one step" if seq_len == 1 else f"All {seq_len} steps at once"
    return f"{steps}; the dashed line marks t = {t}."


def binning_note(bin_steps: int, seq_len: int, n_hidden: int) -> str:
    """Why a heatmap column holds several steps."""
    return (f"each heatmap column averages {bin_steps} steps to keep the picture light "
            f"({seq_len} steps × {n_hidden} units).")


def cell_caption(reach: float) -> str:
    """What to notice in the cell chart, for how far the cell actually went (max |c_t|)."""
    if reach > 1:
        return f"The cell c_t is a running sum, not squashed: here it reaches ±{reach:.2f}, outside [−1, 1]."
    return (f"The cell c_t is a running sum, not squashed, though here it stays within ±{reach:.2f}; pin the "
            "gates to 1 or raise the forget-gate bias and watch it drift out of [−1, 1].")


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
