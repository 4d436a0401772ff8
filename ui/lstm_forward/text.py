"""Words of the LSTM forward page, and its six equations of one step in LaTeX with the numbers of one
unit substituted (pure functions and strings, no ``st.*``).

For unit j, "W_z x_t" is row j of W_z times x_t (a number), and so on; the terms are recomputed
from the parameters and must add up to the engine's pre-activations (tests check this).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ui.kit.numbers import fixed, latex_term, text_sci
from ui.lstm_forward.opening import INTRO, TITLE  # noqa: F401 (the page draws them first, see ui.opening)

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
TWO_WAYS = ("The article draws the block in two ways, both below with the same numbers: the *electronic "
            "circuit*, which it recommends because it looks most like a simple RNN block (inputs in, the cell's "
            "highway straight through), and the *Space Odyssey* figure of Greff et al., with the cell at the "
            "centre and the gates around it.")


def odyssey_caption(peepholes: bool) -> str:
    """How to read the Space Odyssey block; without peepholes, what Greff et al.'s figure adds."""
    return ("The *Space Odyssey* block (Greff et al.): the same numbers, with the cell in the centre, its forget "
            "loop (dashed: c_{t−1} comes from the past) and the gates around it. Colours as in every chart here: "
            "gates grey (shut) to green (open); z, c, y red > 0, blue < 0; every node also prints its value."
            + (" Purple dashed lines are the peepholes from the cell to each gate." if peepholes else
               " Greff et al.'s figure also draws peepholes from the cell to each gate: switch them on to see "
               "them."))


INPUT_CAPTION = "The input x_t the block reads (input k is the signal k − 1 steps late)."
GATE_CAPTIONS = {
    "z": "Block input z: red > 0, blue < 0 (tanh keeps it in (−1, 1)). It is what the cell could take in.",
    "i": "Input gate i: green = open (lets z into the cell), grey = shut. The outlined column is step t.",
    "f": "Forget gate f: a row that stays green keeps that unit's cell memory alive.",
    "o": "Output gate o: how much of tanh(c_t) each unit shows as its output y_t.",
}
OUTPUT_CAPTION = "The output y_t = tanh(c_t)·o_t always stays inside (−1, 1)."


BIAS_PIN_HELP = ("Keep this bias's cell and output, in grey, on the whole-sequence charts while you move the "
                 "bias: the same weights and inputs, a before and after on one chart.")


def bias_pin_note(pin: float) -> str:
    """The cell and output captions' note on the pinned forget-gate bias."""
    return f" Grey, dashed: the same block with the forget-gate bias at {pin:+g} (pinned)."


PEEPHOLE_HELP = ("Off, as the article first draws the block. On: peephole connections (Gers & Schmidhuber "
                 "2000) let the gates look at the cell, c_{t−1} for i and f, c_t for o.")


def peephole_note(peepholes: bool) -> str:
    """Under the controls: the block as the article introduces it, and where peepholes come from."""
    if peepholes:
        return ("Peepholes on: the gates also see the cell (p_i ⊙ c_{t−1}, p_f ⊙ c_{t−1}, p_o ⊙ c_t). They are "
                "Gers & Schmidhuber's (2000) addition, which the article adds last, as the blue lines of its "
                "circuit, because without them no gate sees the cell directly.")
    return ("The block as the article introduces it: no peepholes, so the gates see only x_t and y_{t−1}. "
            "Switch *Peepholes* on for Gers & Schmidhuber's (2000) addition, which the article adds last.")


def typed_length(seq_len: int) -> str:
    """Under the typed numbers: they, not the slider, set T."""
    return f"The typed numbers set the length: T = {seq_len} (the slider above is for generated inputs)."


CIRCUIT_PART_WORDS = {
    "cell": " Shown: the cell update, c_t = f ⊙ c_{t−1} + i ⊙ z; pick *output* for y_t = o ⊙ tanh(c_t).",
    "output": " Shown: the output, y_t = o ⊙ tanh(c_t); pick *cell update* for how c_t was made.",
    "whole": "",
}


def circuit_caption(peepholes: bool, part: str = "whole") -> str:
    """How to read the electronic circuit (with a word on the peephole lines when there are some, and
    on the half of it that is drawn)."""
    return ("The *electronic circuit*: the cell highway runs from c_{t−1} to c_t and on to the output; the "
            "gates join it through Hadamard products ⊙ (element-wise). Arrow widths follow the gate values: "
            "a wide arrow carries what an open gate lets through."
            + (" Dashed purple lines are peepholes." if peepholes else "") + CIRCUIT_PART_WORDS[part])


HADAMARD_IDEA = (
    "The ⊙ in the circuit is the **Hadamard product**: it multiplies two vectors of the same length element "
    "by element, nothing more. The cell update uses it twice: the forget gate scales the old cell, "
    "$f_t \\odot c_{t-1}$, and the input gate scales the block input, $i_t \\odot z_t$; their sum is the new "
    "cell $c_t$. Below, every unit of the block at step t, one unit per row.")
HADAMARD_LATEX = (r"\mathbf a \odot \mathbf b = (a_1 b_1,\ a_2 b_2,\ \dots,\ a_H b_H), \qquad "
                  r"c_t = f_t \odot c_{t-1} + i_t \odot z_t")


def _units_shown(u) -> str:
    """Which units a Hadamard picture leaves out (empty when it shows all)."""
    n_units = len(u.c)
    shown = [j for j in u.shown if j is not None]
    if len(shown) == n_units:
        return ""
    return f" With {n_units} units, the rows marked ⋮ are left out; unit {u.unit}, the one followed, is in bold."


def hadamard_caption(u) -> str:
    """What to notice in the Hadamard picture, with the followed unit's numbers."""
    j = u.unit - 1
    return (f"Each row is one unit and stays one unit: ⊙ never mixes them, where a matrix product such as "
            f"W x mixes every input into every unit. Unit {u.unit}: the forget gate {number(u.f[j])} keeps "
            f"{number(u.f[j])} × {number(u.c_prev[j])} = {number(u.kept[j])} of the old cell, the input gate "
            f"{number(u.i[j])} lets in {number(u.i[j])} × {number(u.z[j])} = {number(u.taken[j])}, and the new "
            f"cell is their sum, {number(u.c[j])}. A gate near 0 shuts its product, near 1 passes it on."
            + _units_shown(u))


def hadamard_description(u) -> str:
    """The Hadamard picture: the three columns of each product and the sum, unit by unit (up to
    ``LISTED_UNITS`` units; else the followed one)."""
    if len(u.c) <= LISTED_UNITS:
        def col(v) -> str:
            return "(" + _values(v, 3) + ")"
        return (f"The Hadamard product at step t = {u.t}, {len(u.c)} units, one per row: f {col(u.f)} ⊙ "
                f"c(t−1) {col(u.c_prev)} = {col(u.kept)}; i {col(u.i)} ⊙ z {col(u.z)} = {col(u.taken)}; "
                f"the sum is the new cell c {col(u.c)}.")
    j = u.unit - 1
    return (f"The Hadamard product at step t = {u.t}, {len(u.c)} units, one per row, some left out. Unit "
            f"{u.unit}: f {number(u.f[j])} ⊙ c(t−1) {number(u.c_prev[j])} = {number(u.kept[j])}; i "
            f"{number(u.i[j])} ⊙ z {number(u.z[j])} = {number(u.taken[j])}; new cell c = {number(u.c[j])}.")


BLACK_BOX_IDEA = (
    "However the inside is drawn, the article closes its circuit by covering the block with a black box, the "
    "way it is usually shown. At every step it takes the input $x_t$ and, through its recurrent connections, the last "
    "output $y_{t-1}$ and the last cell $c_{t-1}$; it gives out $y_t$ and $c_t$, which the next step gets as "
    "its $y_{t-1}$ and $c_{t-1}$. The weights inside are the same at every step.")


def black_box_caption(n_hidden: int) -> str:
    """How to read the black box: the lengths, and the other name of y."""
    numbers = ("each vector's numbers at step t are in its cells (coloured as in the charts)"
               if n_hidden <= 4 else "with more than four units only the lengths are written")
    return (f"M is the input size, H the number of units; {numbers}. The box holds the block's only parameters: "
            "W for the input, R for the recurrent connection, b the bias (p the peepholes, when on), one slice "
            "per gate (z, i, f, o). Keras and PyTorch call y_t the hidden state h_t.")


def black_box_description(trace, t: int, params) -> str:
    """The black box: what goes in and out, with lengths and (when short) the numbers at step ``t``."""
    k = t - 1
    m, h = trace.x.shape[1], trace.c.shape[1]

    def vec(name: str, values) -> str:
        said = f"{name}, {len(values)} number{'s' if len(values) > 1 else ''}"
        return said + (f" ({_values(values)})" if len(values) <= 4 else "")

    peep = f", p 3×{h}" if params.has_peepholes else ""
    return (f"The LSTM block as a black box at step t = {t}: in go {vec('x(t)', trace.x[k])}, "
            f"{vec('y(t−1)', trace.y_prev[k])} and {vec('c(t−1)', trace.c_prev[k])}; out come "
            f"{vec('y(t)', trace.y[k])} and {vec('c(t)', trace.c[k])}. Inside: W 4×{h}×{m}, R 4×{h}×{h}, "
            f"b 4×{h}{peep}.")


def step_table_alt(t: int, n_units: int) -> str:
    """The step table's accessible name."""
    return (f"Table of every unit's block input z, gates i, f, o, cell c and output y at step t = {t}, "
            f"{n_units} unit{'s' if n_units != 1 else ''}, one row each.")


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


# ---------------------------------------------------------------------------------------------
# Text alternatives: what each drawing shows, with this run's numbers (the captions say what to notice)

GATE_NAMES = {"z": "block input z", "i": "input gate i", "f": "forget gate f", "o": "output gate o"}
STATE_NAMES = {"cell c": "cell c", "output y": "output y"}
LISTED_UNITS = 8  # up to this many units a description lists every unit's value at step t


def number(x: float, digits: int = 3) -> str:
    """A value as the diagrams print it (``digits`` decimals, a real minus sign), overflow as "inf"."""
    return fixed(x, digits, minus="−") if math.isfinite(x) else text_sci(x)


def _values(values, digits: int = 2) -> str:
    return ", ".join(number(float(v), digits) for v in values)


def _span(values, digits: int = 2) -> str:
    """"from a to b" over the finite values (the extremes of a chart's colour or y scale)."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return "no finite value"
    return f"from {number(float(finite.min()), digits)} to {number(float(finite.max()), digits)}"


def _steps(seq_len: int) -> str:
    return "1 step" if seq_len == 1 else f"{seq_len} steps"


def _pinned_words(s) -> str:
    return f" Gates {', '.join(sorted(s.pinned))} are pinned." if s.pinned else ""


def circuit_description(s, part: str = "whole") -> str:
    """The electronic circuit (``s``: the diagrams' ``StepValues``), or the half of it ``part`` draws:
    gates, the cell's update, the output."""
    update = (f"The cell goes from {number(s.c_prev)} to {number(s.c)} (it keeps f × {number(s.c_prev)} = "
              f"{number(s.f * s.c_prev)} and takes in i × z = {number(s.i * s.z)})")
    output = f"tanh of the cell, {number(s.h_c)}, times o gives the output y = {number(s.y)}"
    said = {
        "whole": (f"Electronic circuit of unit {s.unit} at step t = {s.t}: block input z = {number(s.z)}, "
                  f"input gate i = {number(s.i)}, forget gate f = {number(s.f)}, output gate o = {number(s.o)}. "
                  f"{update}; {output}."),
        "cell": (f"Electronic circuit of unit {s.unit} at step t = {s.t}, the cell update: block input "
                 f"z = {number(s.z)}, input gate i = {number(s.i)}, forget gate f = {number(s.f)}. {update}."),
        "output": (f"Electronic circuit of unit {s.unit} at step t = {s.t}, the output: output gate "
                   f"o = {number(s.o)}; {output}."),
    }[part]
    return (said + (" Dashed lines are the peepholes from the cell to the gates." if s.peepholes else "")
            + _pinned_words(s))


def odyssey_description(s) -> str:
    """The Space Odyssey block: inputs at the bottom, the cell in the centre, the output on top."""
    x = _values(s.x[:4], 3) + (", …" if len(s.x) > 4 else "")
    return (f"Space Odyssey block of unit {s.unit} at step t = {s.t}: the input x = {x} and the previous "
            f"output {number(s.y_prev)} enter the gates z = {number(s.z)}, i = {number(s.i)}, "
            f"f = {number(s.f)}, o = {number(s.o)}; the cell in the centre is {number(s.c)} (it was "
            f"{number(s.c_prev)}) and the block output on top is y = {number(s.y)}." + _pinned_words(s))


# The whole-sequence charts say what the trace is, not its values at step t: a chart's text alternative is part
# of its Vega-Lite spec, and a new spec makes the browser build the chart anew, where a moved marker alone
# updates its data in place. The values at step t are in the step section's table and equations (a talk
# scene showing this section alone has them in the step scenes before it).
AT_STEP = "the page's step section gives the values at that step, in its table and equations"


def input_description(x) -> str:
    """The input chart: ``x`` is (T, M); its range and where step t is."""
    seq_len, n_input = x.shape
    if n_input == 1:
        return (f"Line chart of the input x_t over {_steps(seq_len)}, {_span(x)}, ending at "
                f"{number(float(x[-1, 0]), 2)}; a dashed rule marks the step t the page follows ({AT_STEP}).")
    return (f"Line chart of {n_input} inputs over {_steps(seq_len)}, one dash style each (input k is the "
            f"signal k − 1 steps late), {_span(x)}; a dashed rule marks the step t the page follows ({AT_STEP}).")


def gate_description(gate: str, values, bin_steps: int = 1) -> str:
    """A gate's heatmap: ``values`` is that gate (T, H) of the trace; its range, its mean, where step t is."""
    seq_len, n_units = values.shape
    binned = f" (each column the mean of {bin_steps} steps)" if bin_steps > 1 else ""
    signs = " Cells marked + or − hold positive or negative values." if gate == "z" else ""
    finite = np.asarray(values, dtype=float)
    mean = f", mean {number(float(finite[np.isfinite(finite)].mean()), 2)}" if np.isfinite(finite).any() else ""
    return (f"Heatmap of the {GATE_NAMES[gate]}, {n_units} units by {_steps(seq_len)}{binned}, values "
            f"{_span(values)}{mean}; an outlined column marks the step t the page follows ({AT_STEP}).{signs}")


def state_description(quantity: str, values, unit: int) -> str:
    """The cell or output chart: ``values`` (T, H); its range, the followed ``unit``'s last value, where step t is."""
    seq_len, n_units = values.shape
    lines = "one line" if n_units == 1 else f"{n_units} lines, one per unit"
    if n_units == 1:
        end = f"ending at {number(float(values[-1, 0]), 2)}"
    elif n_units <= LISTED_UNITS:
        end = f"ending at {_values(values[-1])}"
    else:
        end = f"unit {unit} (the bold line in colour) ending at {number(float(values[-1, unit - 1]), 2)}"
    return (f"Line chart of the {STATE_NAMES[quantity]} over {_steps(seq_len)}, {lines}, {_span(values)}, "
            f"{end}; a dashed rule marks the step t the page follows ({AT_STEP}).")


# ---------------------------------------------------------------------------------------------- the opening figure
HERO_CAPTION = ("Each unit's cell c_t carries on from step to step: the forget gate f keeps a share of it and the "
                "input gate i adds a share of the block input z. Step through time with Back and Next (or the ← and → "
                "keys) and watch the marker and the numbers below.")


def hero_formulas(values) -> tuple[str, str]:
    """The cell update and the output of the followed unit at step t, with its numbers:
    c_t = f_t c_{t−1} + i_t z_t and y_t = o_t tanh(c_t)."""
    v = values
    c = (rf"c_{{{v.t}}} = f\,c_{{{v.t - 1}}} + i\,z = {fixed(v.f)} \cdot {latex_term(v.c_prev)} + "
         rf"{fixed(v.i)} \cdot {latex_term(v.z)} = {fixed(v.c)}")
    y = rf"y_{{{v.t}}} = o \tanh c_{{{v.t}}} = {fixed(v.o)} \cdot {latex_term(math.tanh(v.c))} = {fixed(v.y)}"
    return c, y


def hero_lead(t: int, unit: int, n_units: int) -> str:
    """The line above the opening figure's formula: whose numbers it shows."""
    return f"Step **t = {t}**, unit {unit} of {n_units}:"
