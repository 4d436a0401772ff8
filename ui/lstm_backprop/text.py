"""Text of the back-propagation page: title, intro, captions, notes and formulas with live numbers.

The delta equations are those of Greff et al. (2017), filled with the numbers of one unit and step
(``numbers`` is the dict of :func:`engine.chainrule.delta_terms`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import partial

import numpy as np

from ui.kit.numbers import latex_term, signed_text, text_sci
from ui.lstm_backprop.charts import LOSS_CEILING
from ui.lstm_backprop.opening import INTRO, TITLE  # noqa: F401 (the page draws them first, see ui.opening)

REFERENCES = (
    "Greff, Srivastava, Koutník, Steunebrink & Schmidhuber (2017), *LSTM: A Search Space Odyssey*, "
    "IEEE TNNLS 28(10) — the forward and backward equations used here.",
    "Pascanu, Mikolov & Bengio (2013), *On the difficulty of training recurrent neural networks*, "
    "ICML — the cliff, vanishing and exploding gradients, norm clipping (Algorithm 1).",
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, §10.2, §10.7, §10.11 and fig. 10.17.",
    "Le, Jaitly & Hinton (2015), *A simple way to initialize recurrent networks of rectified linear units*, "
    "arXiv:1504.00941 — the two-channel adding problem trained here (values and markers, the target the sum "
    "of the two marked values).",
    "Hochreiter & Schmidhuber (1997), *Long short-term memory*, Neural Computation 9(8) — the original adding "
    "problem (experiment 4), a different variant: values in [−1, 1], sequences of varying length, target "
    "0.5 + (X₁ + X₂)/4.",
    "Greff et al. (2017), results and conclusions: of the eight LSTM variants compared, removing the forget "
    "gate (NFG) or the output activation function (NOAF) hurt performance most on all three data sets.",
    "Graves (2013), *Generating sequences with recurrent neural networks*, arXiv:1308.0850 — clipping the "
    "derivatives inside the backward pass, step by step.",
    "PyTorch `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`: the clipping rules reproduced here.",
)

_term = partial(latex_term, sci=True)  # a number in a product or sum: 3 significant digits, (−x) in parentheses


def delta_equations(v: Mapping[str, float], t: int, last: bool) -> list[str]:
    """Six ``aligned`` blocks, δy, δō, δc, δf̄, δī, δz̄: the symbols, then the numbers and the result.

    No row holds more than three terms, so no formula is wider than a column on a 1024 px projector
    (a wider one would become a scroll box a keyboard cannot reach); the five-term sums of δy and δc
    take two rows each for their symbols and two for their numbers."""
    future = r" \\ &\phantom{=} \text{(nothing comes from step } t+1 \text{: it is the last step)}" if last else ""
    sig_f, sig_i = v["f"] * (1 - v["f"]), v["i"] * (1 - v["i"])

    def product(symbols: str, a: float, b: float, c: float, result: str) -> str:
        return (rf"{symbols} \\ &= {_term(a)} \times {_term(b)} \times {_term(c)}"
                rf" = \mathbf{{{_term(v[result])}}}")

    lines = [
        r"\delta y_t &= \Delta_t + R_z^\top\delta\bar z_{t+1} + R_i^\top\delta\bar\imath_{t+1} \\"
        r" &\quad + R_f^\top\delta\bar f_{t+1} + R_o^\top\delta\bar o_{t+1}"
        rf" \\ &= {_term(v['Delta'])} + {_term(v['rec_z'])} + {_term(v['rec_i'])}"
        rf" \\ &\quad + {_term(v['rec_f'])} + {_term(v['rec_o'])} = \mathbf{{{_term(v['dy'])}}}"
        + future,
        product(r"\delta\bar o_t &= \delta y_t \odot h(c_t) \odot \sigma'(\bar o_t)", v["dy"], v["h_c"],
                v["sig_o"], "do"),
        r"\delta c_t &= \delta y_t \odot o_t \odot h'(c_t) + p_o \odot \delta\bar o_t"
        r" \\ &\quad + p_i \odot \delta\bar\imath_{t+1} + p_f \odot \delta\bar f_{t+1}"
        r" + \delta c_{t+1} \odot f_{t+1}"
        rf" \\ &= {_term(v['dc_direct'])} + {_term(v['p_o'] * v['do'])}"
        rf" \\ &\quad + {_term(v['p_i'] * v['di_next'])} + {_term(v['p_f'] * v['df_next'])}"
        rf" + {_term(v['dc_next'] * v['f_next'])} = \mathbf{{{_term(v['dc'])}}}",
        product(r"\delta\bar f_t &= \delta c_t \odot c_{t-1} \odot \sigma'(\bar f_t)", v["dc"], v["c_prev"],
                sig_f, "df"),
        product(r"\delta\bar\imath_t &= \delta c_t \odot z_t \odot \sigma'(\bar\imath_t)", v["dc"], v["z"],
                sig_i, "di"),
        product(r"\delta\bar z_t &= \delta c_t \odot i_t \odot g'(\bar z_t)", v["dc"], v["i"],
                1 - v["z"] ** 2, "dz"),
    ]
    return [rf"\begin{{aligned}}{line}\end{{aligned}}" for line in lines]


PARAMETER_GRADIENTS = (  # three rows of two: the row of three was as wide as a projector's column
    r"\begin{gathered}\delta W_\star = \sum_t \delta\bar\star_t\, x_t^\top,\quad"
    r"\delta R_\star = \sum_t \delta\bar\star_{t+1}\, y_t^\top \\"
    r"\delta b_\star = \sum_t \delta\bar\star_t,\quad"
    r"\delta p_i = \sum_t c_t \odot \delta\bar\imath_{t+1} \\"
    r"\delta p_f = \sum_t c_t \odot \delta\bar f_{t+1},\quad"
    r"\delta p_o = \sum_t c_t \odot \delta\bar o_t\end{gathered}"
)

NORM_CLIPPING = (r"\begin{gathered}\text{if } \lVert g\rVert > \tau:\quad g \leftarrow "
                 r"\frac{\tau}{\lVert g\rVert + 10^{-6}}\,g \\"
                 r"\text{(same direction, step } \le \eta\tau\text{)}\end{gathered}")
VALUE_CLIPPING = (r"\begin{gathered}g_k \leftarrow \min(\max(g_k, -v), v),\ \ v = \tau/\sqrt2 \\"
                  r"\text{(each component; the direction changes)}\end{gathered}")
CLIFF_MODEL = (r"x_t = w\,\sigma(x_{t-1}) + b,\quad t = 1\dots T,\qquad L(w, b) = \tfrac12 (x_T - x^*)^2")


# ------------------------------------------------------------------------------------- small graph
PATHS_IDEA = (
    "Before the LSTM, the chain rule on a graph small enough to check by hand. Two inputs $x_1, x_2$ feed $n$ "
    "variables $y_j = \\tanh(a_j x_1 + b_j x_2)$, and $z = \\tfrac12\\sum_j y_j^2$. With $n = 1$, $x_1$ reaches "
    "$z$ by one path and the derivative is one product of local derivatives; with $n = 2$ by two paths, whose "
    "products add; with $n$ paths, $n$ products add. Change the numbers: the sum of the path products is "
    "checked against finite differences of $z$.")
PATHS_RULES = (r"\begin{gathered}\text{one path: } \frac{\partial z}{\partial x_1} = "
               r"\frac{\partial z}{\partial y}\,\frac{\partial y}{\partial x_1} \\"
               r"\text{two paths: } \frac{\partial z}{\partial x_1} = "
               r"\frac{\partial z}{\partial y_1}\frac{\partial y_1}{\partial x_1} + "
               r"\frac{\partial z}{\partial y_2}\frac{\partial y_2}{\partial x_1} \\"
               r"n \text{ paths: } \frac{\partial z}{\partial x_1} = \sum_{j=1}^{n} "
               r"\frac{\partial z}{\partial y_j}\frac{\partial y_j}{\partial x_1}"
               r" = \sum_{j=1}^{n} y_j\,(1 - y_j^2)\,a_j\end{gathered}")


def path_sum_latex(ps) -> str:
    """The sum over the paths with this graph's numbers, three products a row (``ps``: a
    :class:`engine.chainrule.PathSum`), and the finite-difference value beside it."""
    terms = [rf"{_term(dz, first=True)} \cdot {_term(dy)}" for dz, dy in zip(ps.dz_dy, ps.dy_dx1, strict=True)]
    rows = [" + ".join(rf"({term})" if len(terms) > 1 else term for term in terms[k:k + 3])
            for k in range(0, len(terms), 3)]
    body = r" \\ &\quad + ".join(rows)
    return (rf"\begin{{aligned}}\frac{{\partial z}}{{\partial x_1}} &= {body} \\"
            rf" &= \mathbf{{{_term(ps.derivative, first=True)}}} \\"
            rf"\text{{finite differences}} &= {_term(ps.finite_difference, first=True)}\end{{aligned}}")


def path_caption(ps) -> str:
    """Under the small graph: how many paths, and the check."""
    n = len(ps.paths)
    ways = "one path" if n == 1 else f"{n} paths"
    return (f"x₁ reaches z by {ways}; each arrow carries its local derivative, each path the product of its "
            f"arrows, and ∂z/∂x₁ = {signed_text(ps.derivative)} is their sum. Central finite differences "
            f"give {signed_text(ps.finite_difference)} (relative difference {text_sci(ps.rel_error)}). "
            "Highlighted (thick, solid) are the arrows on a path from x₁; x₂'s arrows are thin and dashed.")


def path_graph_description(ps, weights) -> str:
    """The small graph: its nodes, the paths from x₁ and the product along each."""
    n = len(ps.paths)
    each = "; ".join(f"path {j + 1} through y{j + 1} = {signed_text(y)} (a = {a:g}): "
                     f"{signed_text(dz)} × {signed_text(dy)} = {signed_text(p)}"
                     for j, (y, dz, dy, p, a) in enumerate(zip(ps.y, ps.dz_dy, ps.dy_dx1, ps.paths, weights[:n, 0],
                                                                strict=True)))
    return (f"Graph: inputs x₁ = {ps.x1:g} and x₂ = {ps.x2:g} feed {n} middle variable{'s' if n > 1 else ''}, "
            f"which feed z = {text_sci(ps.z, 3)}. {each}. Their sum, ∂z/∂x₁ = {signed_text(ps.derivative)}; "
            f"finite differences {signed_text(ps.finite_difference)}.")


# ------------------------------------------------------------------------------------------ chain rule
STEP_PART_WORDS = {
    "cell": (" Shown: the top half, how the error reaches the cell $c_t$: from the loss through $y_t$ (and "
             "through $o_t$'s peephole), and from step t+1. Pick *cₜ → gates → inputs* for the rest."),
    "gates": (" Shown: the bottom half, from $c_t$ through the gates to $c_{t-1}$, $y_{t-1}$ and the "
              "parameters. Pick *loss → cₜ* for how $c_t$'s error was gathered."),
    "whole": "",
}


def step_graph_caption(t: int, unit: int, part: str = "whole") -> str:
    """Under the graph of one step: what δ is, which arrows are highlighted, which half is drawn."""
    return (f"Step t = {t}, unit {unit}; δ = the error each variable collects. Errors flow against the "
            "arrows; highlighted (thick, solid, pink) are those that carry an error back to the chosen variable, "
            "the others thin, dashed and grey. The only arrow "
            "from $c_{t-1}$ that avoids every gate derivative is the highway, $\\odot f_t$." + STEP_PART_WORDS[part])


CELL_JACOBIAN = (
    r"\begin{aligned}\frac{\partial c_t}{\partial c_{t-1}} &= \operatorname{diag}(f_t) \\"
    r" &\quad + \operatorname{diag}(c_{t-1} \odot \sigma'(\bar f_t))\,"
    r"(\operatorname{diag}(p_f) + R_f \operatorname{diag}(d_y)) \\"
    r" &\quad + \operatorname{diag}(z_t \odot \sigma'(\bar\imath_t))\,"
    r"(\operatorname{diag}(p_i) + R_i \operatorname{diag}(d_y)) \\"
    r" &\quad + \operatorname{diag}(i_t \odot g'(\bar z_t))\, R_z \operatorname{diag}(d_y) \\[4pt]"
    r"d_y &= o_{t-1} \odot h'(c_{t-1}) \\"
    r" &\quad + h(c_{t-1}) \odot \sigma'(\bar o_{t-1}) \odot p_o\end{aligned}"
)
CELL_JACOBIAN_LEAD = (
    "**The full $\\partial c_t/\\partial c_{t-1}$**, the article's central derivation. Hold $x_t$ and "
    "$y_{t-2}$ fixed and let $y_{t-1} = o_{t-1} \\odot h(c_{t-1})$ move with $c_{t-1}$ (its output gate "
    "peeks at $c_{t-1}$); $d_y$ is $\\partial y_{t-1}/\\partial c_{t-1}$. The highway $\\operatorname{diag}(f_t)$ "
    "is the first of four terms; the other three arrive through the forget gate, the input gate and the "
    "block input. Below, the diagonal entry of one unit with this step's numbers, and beside it the same "
    "entry by central finite differences: nudge $c_{t-1}$ up and down, recompute $y_{t-1}$ and then $c_t$.")


def cell_entry_latex(v: Mapping[str, float], t: int, unit: int, fd: float) -> str:
    """The diagonal entry of ∂c_t/∂c_{t−1} for ``unit`` at step ``t``, its four terms with numbers
    (``v``: :func:`engine.chainrule.cell_jacobian_terms`), one or two terms a row, and the same entry by
    finite differences (``fd``) on the last row."""
    j = unit
    return (
        rf"\begin{{aligned}}\Big(\frac{{\partial c_t}}{{\partial c_{{t-1}}}}\Big)_{{{j}{j}}} &= f_t"
        rf" + c_{{t-1}}\,\sigma'(\bar f_t)\,(p_f + R_{{f,{j}{j}}}\, d_y) \\"
        rf" &\quad + z_t\,\sigma'(\bar\imath_t)\,(p_i + R_{{i,{j}{j}}}\, d_y)"
        rf" + i_t\, g'(\bar z_t)\, R_{{z,{j}{j}}}\, d_y \\"
        rf" &= {_term(v['f'], first=True)} + {_term(v['c_prev'])} \cdot {_term(v['sig_f'])}"
        rf" \cdot ({_term(v['p_f'], first=True)} + {_term(v['R_f'])} \cdot {_term(v['d_y'])}) \\"
        rf" &\quad + {_term(v['z'])} \cdot {_term(v['sig_i'])} \cdot ({_term(v['p_i'], first=True)}"
        rf" + {_term(v['R_i'])} \cdot {_term(v['d_y'])}) \\"
        rf" &\quad + {_term(v['i'])} \cdot {_term(v['g_z'])} \cdot {_term(v['R_z'])} \cdot {_term(v['d_y'])} \\"
        rf" &= {_term(v['f'], first=True)} + {_term(v['forget'])} \\"
        rf" &\quad + {_term(v['input'])} + {_term(v['block'])} \\"
        rf" &= \mathbf{{{_term(v['total'], first=True)}}} \quad (f_t = {_term(v['f'], first=True)}) \\"
        rf" &\approx {_term(fd, first=True)} \quad \text{{(finite differences)}}\end{{aligned}}"
    )


def relative_difference(a: float, b: float) -> float:
    """|a − b| / max(|a|, |b|, 10⁻¹²)."""
    return abs(a - b) / max(abs(a), abs(b), 1e-12)


def cell_entry_caption(v: Mapping[str, float], t: int, unit: int, fd: float) -> str:
    """What the numbers say: the diagonal entry against f_t and its finite-difference check, and what
    crosses from other units."""
    first = (" At t = 1, y₀ is given, not made from c₀, so d_y = 0 and only the highway and the peepholes "
             "remain." if t == 1 else "")
    return (f"Unit {unit}, step t = {t}: the diagonal entry is {v['total']:.3f} against f_t = {v['f']:.3f}; "
            f"finite differences: {fd:.3f} (relative difference {text_sci(relative_difference(v['total'], fd), 1)}), "
            f"central, with unit {unit}'s cₜ₋₁ moved by ±10⁻⁶. The other units' cells send "
            f"{v['off_diagonal']:.3f} more (Σ|off-diagonal| of row {unit}). "
            "Only without peepholes and with R = 0 would it be f_t alone." + first)


# ------------------------------------------------------------------------------------------ through time
THROUGH_TIME_IDEA = (
    "A loss at the last step sends an error of size 1 back through time. In a simple RNN the Jacobian of one "
    "step is $\\partial h_t/\\partial h_{t-1} = \\mathrm{diag}(1 - h_t^2)\\,W$, and the error vector going "
    "back is multiplied by its **transpose**, $\\delta h_{t-1} = W^\\top \\mathrm{diag}(1 - h_t^2)\\,\\delta h_t$ "
    "(Pascanu et al.; the article warns that many materials get this wrong). In the LSTM the cell's error "
    "goes back through the full $\\partial c_t/\\partial c_{t-1}$ (and through $y$); the dash-dot line is what "
    "its highway term $\\mathrm{diag}(f_t)$ alone would bring back. Raise the forget-gate bias to open the "
    "highway; scale the recurrent weights to make the RNN's error vanish or explode.")
GRADIENT_PRODUCTS = (
    r"\begin{gathered}\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1-h_t^2)\,W"
    r"\quad\text{(Jacobian)} \\"
    r"\delta h_{t-1} = W^\top \operatorname{diag}(1-h_t^2)\,\delta h_t\quad\text{(the error: transpose)} \\"
    r"\Big\lVert\frac{\partial h_T}{\partial h_t}\Big\rVert \le (\lVert W\rVert_2\,\gamma)^{T-t} \\"
    r"\text{highway alone: } \Big\lVert \delta c_T \odot \prod_{k=t+1}^{T} f_k \Big\rVert\end{gathered}"
)
HIGHWAY_WHEN = (
    "**When is the highway product a good approximation?** When the three other terms of "
    "$\\partial c_t/\\partial c_{t-1}$ are small: no peepholes (none here), small recurrent weights $R$ (they "
    "carry the error through $y_{t-1}$ into the gates), and saturated gates ($\\sigma' \\approx 0$ when a gate "
    "sits near 0 or 1). Forget bias 4 with $\\rho = 0.1$: the two lines nearly meet. When the forget gates are "
    "small and unsaturated (forget bias −2), the product of $f$'s collapses far faster than the true error, "
    "which keeps arriving by the other paths.")
MITIGATE_NOTE = (
    "The article's two notes, with their sources: LSTMs **mitigate** the vanishing and exploding gradient "
    "problem, they do not solve it — drag the forget bias to −2 and the LSTM's error vanishes too; and the "
    "forget gate matters most: in Greff et al.'s (2017) comparison of eight variants, removing the forget gate "
    "or the output activation function hurt performance most, on all three data sets.")


def underflow_text(labels: list[str]) -> str:
    """The series of the through-time chart that underflowed, and why their lines end early."""
    return (":material/south: Some errors underflowed (below about 10⁻³⁰⁸, to 0 or to digits without "
            "precision) and a log axis cannot show them: " + ", ".join(labels) + " end where that happens. "
            "The error is not small there; it is gone.")


def overflow_text(label: str, n_steps: int) -> str:
    """A series of the through-time chart that overflowed at ``n_steps`` steps."""
    return (f"{label} exploded to inf at {n_steps} steps (float64 overflow); those steps are left off the "
            "chart.")


def orders_apart(cell: float, highway: float) -> float | None:
    """log₁₀ of the true cell error over the highway's product at step 1 (None when either is 0 or inf)."""
    if not (0 < cell < math.inf and 0 < highway < math.inf):
        return None
    return math.log10(cell / highway)


def _received(value: float, tiny: float) -> str:
    """A share of the error that reached a step: its size, or what it is below ``tiny`` (it underflowed)."""
    return text_sci(value) if value >= tiny else "nothing (it underflowed)"


def flow_caption(summary: Mapping, seq_len: int, tiny: float) -> str:
    """The caption of the through-time chart, with the numbers of this run (sizes below ``tiny`` have
    underflowed): the true cell error against the highway alone, and the simple RNN."""
    share = partial(_received, tiny=tiny)

    cell, highway = summary["lstm_cell_first"], summary["highway_first"]
    apart = orders_apart(cell, highway) if min(cell, highway) >= tiny else None
    if apart is None:
        compare = "."
    elif abs(apart) < 0.5:
        compare = f": within a factor {10 ** abs(apart):.1f}, here the highway is a fair approximation."
    else:
        compare = (f": {abs(apart):.0f} orders of magnitude {'below' if apart > 0 else 'above'} the true error, "
                   "which the other paths of ∂cₜ/∂cₜ₋₁ carry.")
    return (f"At step 1, {seq_len - 1} steps before the loss, the LSTM cell still receives "
            f"{share(cell)} of the error and the simple RNN {share(summary['rnn_hidden_first'])} "
            f"(‖W‖₂ = {summary['rnn_w_norm']:.2f}). The mean forget gate is {summary['mean_forget']:.2f}; the "
            f"highway alone would bring back {share(highway)}{compare}")


def hero_caption(summary: Mapping, seq_len: int, forget_bias: float, scale: float, tiny: float) -> str:
    """What to notice in the opening figure: how much of the last step's error reaches step 1 in each net."""
    return (f"The error of the loss at step {seq_len}, carried back step by step (log scale). At step 1, "
            f"{seq_len - 1} steps back, the LSTM cell still receives {_received(summary['lstm_cell_first'], tiny)} "
            f"of it and the simple RNN {_received(summary['rnn_hidden_first'], tiny)}: the LSTM eases vanishing "
            f"gradients, it does not end them. Here b_f = {forget_bias:g} and ρ = {scale:g}; section 3's "
            "sliders move them.")


# ---------------------------------------------------------------------------------------------- cliff
CLIFF_CAPTION = ("Dark is high loss. Where the shading jumps is the cliff: a step that lands on it gets a "
                 "gradient hundreds of times larger than on the plain. Diamonds are clipped steps.")
CLIFF_LOSS_CAPTION = ("The loss along each descent. The plain run's jump up is the step that landed on the "
                      "wall; its gradient there was hundreds of times the usual size. A clipped run that "
                      "reaches the wall bounces back: its steps stay ≤ η·τ.")


def thrown_text(run: Mapping, wide: bool) -> str:
    """Where the unclipped descent was thrown when it hit the wall (``run``: its summary)."""
    (w, b), (w_end, b_end) = run["landing"], run["end"]
    hint = "" if wide else " Switch on *show every point* to see it."
    return (f"Without clipping, step {run['longest_at']} hit the wall and threw the parameters "
            f"{run['longest_step']:.3g} away, out of the picture, to (w, b) = ({w:.3g}, {b:.3g}); "
            f"{run['steps'] - run['longest_at'] - 1} later steps only crawled back to "
            f"({w_end:.3g}, {b_end:.3g}).{hint}")


# ------------------------------------------------------------------------------------------- training
TRAINING_IDEA = (
    "An LSTM (8 units, solid lines) learns the adding problem in the form of Le, Jaitly & Hinton (2015): every "
    "step carries a value and a marker, two steps are marked, and the answer is the sum of the two marked "
    "values (Hochreiter & Schmidhuber's 1997 original was a different variant). Both runs start from the same "
    "weights and see the same batches; one clips the global gradient norm at $\\tau$ once after each "
    "back-propagation pass. A simple RNN of the same size (dashed) gets the same treatment.")
CLIP_ONCE_NOTE = (
    "the article clips “at every time step”. This page clips **once per back-propagation pass**: the per-step "
    "terms are summed over time and the one global gradient norm is clipped (Pascanu et al.'s Algorithm 1 "
    "applied to the whole gradient, as torch's `clip_grad_norm_` does). Clipping once rescales the summed "
    "gradient and keeps its direction. Clipping at every step instead (Graves 2013 clips the derivatives inside "
    "the backward pass) cuts each step's error before the steps are added, so long-range contributions are "
    "weighted differently and the result is no longer a multiple of the true gradient; it is a different "
    "algorithm, which this page does not train.")
TAU_PIN_HELP = ("Keep the runs clipped at this τ in grey on both charts, then move τ: the runs before and "
                "after, from the same weights on the same batches.")


def tau_pinned_note(pin: float | None) -> str:
    """What the runs of a pinned τ add to a training chart's caption."""
    return "" if pin is None else f" Grey: the runs clipped at the pinned τ = {pin:g}, for comparison."


TRAINING_LOSS_CAPTION = ("Faint: the loss of each batch; bold: its running mean. Below the dashed line a run "
                         "has learned more than 'always answer 1'. One huge early step can saturate the gates: "
                         "the unclipped run then sits on that line.")
def _share(n: int, total: int) -> str:
    """``n`` of ``total`` in words: "about half the steps", "most steps", "none of the steps"."""
    if n == 0:
        return "none of the steps"
    if n == total:
        return "every step"
    f = n / total
    return ("a few steps" if f < 0.1 else "about a quarter of the steps" if f < 0.35
            else "about half the steps" if f < 0.65 else "about three quarters of the steps" if f < 0.9
            else "nearly every step")


def _spread(steps: np.ndarray, n_steps: int) -> str:
    """Where in training the clipped ``steps`` (1-based) fall: throughout, early, late."""
    if steps.size == 0:
        return ""
    halves = (int((steps <= n_steps / 2).sum()), int((steps > n_steps / 2).sum()))
    if min(halves) >= 0.25 * steps.size:
        return ", throughout training"
    if halves[1] < 0.25 * steps.size:
        return f", most of them early (the last at step {int(steps.max())})"
    return f", most of them late (the first at step {int(steps.min())})"


def training_norm_caption(clipped: np.ndarray) -> str:
    """Under the gradient-norm chart: how many of the clipped LSTM run's steps had norms above τ, and
    when (``clipped``: its flag per step)."""
    clipped = np.asarray(clipped, dtype=bool)
    n, total = int(clipped.sum()), clipped.size
    steps = np.flatnonzero(clipped) + 1
    head = ("Gradient norm before clipping; a tick along the top for every clipped step (its length was cut "
            "to η·τ). ")
    if n == 0:
        return head + f"In the clipped LSTM run no step of {total:,} had a norm above τ: nothing was cut."
    return (head + f"In the clipped LSTM run {_share(n, total)} ({n:,} of {total:,}) had norms above τ"
            f"{_spread(steps, total)}, and it still moves at a bounded pace.")


def training_budget(n_runs: int, n_steps: int, full_steps: int, batch_size: int, work: float,
                    seq_len: int) -> str:
    """What the training runs cost, and why long sequences get fewer steps than ``full_steps``."""
    text = (f"{n_runs} runs of {n_steps} steps, {batch_size} sequences per step (an LSTM run is "
            f"{work / 1e6:.0f} million multiply-adds); each run is trained once and kept, and moving τ "
            "retrains only the clipped runs.")
    if n_steps < full_steps:
        text += (f" Sequences of {seq_len} steps get {n_steps} steps instead of {full_steps} so the page "
                 "answers in about a second; at this length both counts are far too few to learn the sum, "
                 "so watch the gradient norms rather than the loss.")
    return text


def divergence_text(loss: np.ndarray, diverged_at: int, ceiling: float = LOSS_CEILING) -> str:
    """Where a run's loss left the chart (above ``ceiling``) and where it overflowed (1-based steps)."""
    text = f"the loss or the gradient exploded to inf/NaN at step {diverged_at + 1}; the run stopped there"
    off = np.flatnonzero(~(loss[:diverged_at] <= ceiling))  # NaN counts as off the chart
    if off.size:
        return text + f". Its loss had left the top of the chart (above {ceiling:g}) at step {off[0] + 1}."
    return text + " and its curve ends."


# ---------------------------------------------------------------------------------------------
# Text alternatives: what each drawing shows, with today's numbers (the captions say what to notice)

SOURCE_WORDS = {"c_prev": "the previous cell c(t−1)", "y_prev": "the previous output y(t−1)",
                "params": "the parameters W, R, b, p"}


def step_graph_description(source: str, v: Mapping[str, float], t: int, unit: int, n_on_path: int,
                           n_arrows: int, part: str = "whole") -> str:
    """The graph of one step: which arrows are highlighted and the deltas written in its nodes (all of
    them, when ``part`` draws half of the step, it says which)."""
    s = signed_text
    drawn = {"whole": "", "cell": " (drawn: from the loss down to the cell)",
             "gates": " (drawn: from the cell down through the gates to the inputs)"}[part]
    return (f"Graph of one LSTM step{drawn}, unit {unit} at t = {t}: {n_on_path} of its {n_arrows} arrows are "
            f"highlighted, thick and solid, the paths by which the error reaches {SOURCE_WORDS[source]}. "
            f"The deltas in the nodes: loss Δ = {s(v['Delta'])}, output δy = {s(v['dy'])}, cell "
            f"δc = {s(v['dc'])}; gate inputs δz̄ = {s(v['dz'])}, δī = {s(v['di'])}, δf̄ = {s(v['df'])}, "
            f"δō = {s(v['do'])}; reaching the previous step, δc(t−1) = {s(v['dc_prev'])} and "
            f"δy(t−1) = {s(v['dy_prev'])}.")


def flow_description(flow, summary: Mapping, seq_len: int, labels: Mapping[str, str]) -> str:
    """The through-time chart: each series' size at the last step and at step 1 (``summary``; 0 and inf
    said as what they are). ``flow`` is the chart's frame (t, series, size), ``labels`` the series names."""
    parts = []
    for name, label in labels.items():
        last = flow[(flow["series"] == label) & (flow["t"] == seq_len)]["size"]
        at_last = text_sci(float(last.iloc[0])) if len(last) else "off the chart"
        parts.append(f"{label} from {at_last} at t = {seq_len} to {text_sci(summary[f'{name}_first'])} at t = 1")
    return (f"Line chart, log scale, of the error sent back from a loss at step {seq_len}, one dash style per "
            f"series: " + "; ".join(parts) + ".")


def _point(w: float, b: float) -> str:
    """A point (w, b) of the cliff's plane, three significant digits and a real minus sign."""
    return f"({w:.3g}, {b:.3g})".replace("-", "−")


# Steady names of the two cliff charts τ moves only through their data (``present.show_chart``'s ``label``):
# the live descriptions, with where each descent ends at this τ, follow in their captions for screen readers.
CLIFF_LABEL = ("Loss surface over the recurrent weight w and the bias b with a wall, and three descents on it: "
               "plain, norm-clipped and value-clipped at the threshold τ.")
CLIFF_LOSS_LABEL = "Line chart, log scale, of the loss along each of the three descents on the cliff."


def cliff_description(summary: Mapping[str, Mapping], runs, threshold: float) -> str:
    """The cliff: the loss surface and where each of the three descents (``summary`` by mode) ended."""
    start = runs[runs["step"] == 0].iloc[0]
    ends = "; ".join(f"{run['label']} ends at (w, b) = {_point(*run['end'])}, "
                     f"{run['n_clipped']} of {run['steps']} steps clipped" for run in summary.values())
    return (f"Loss surface over the recurrent weight w and the bias b, dark where the loss is high, with a "
            f"wall between two plains; three descents from (w, b) = {_point(start['w'], start['b'])}, "
            f"one dash style each, clipping threshold τ = {threshold:g}: {ends}. Diamonds mark clipped steps.")


def cliff_reading(summary: Mapping[str, Mapping], threshold: float, lr: float) -> str:
    """What τ does to the two clipped descents, a line under the cliff: the bound on a clipped step, η·τ, and
    where each ends."""
    norm, value = summary["norm"], summary["value"]
    return (f"At τ = {threshold:g} no clipped step is longer than η·τ = {lr * threshold:.3g}: norm clipping ends "
            f"at (w, b) = {_point(*norm['end'])}, value clipping at {_point(*value['end'])}.")


def cliff_metric_help(run: Mapping) -> str:
    """A descent's card: how many of its steps were clipped, and its longest step."""
    return (f"{run['n_clipped']} of {run['steps']} gradient-descent steps were clipped; the longest step was "
            f"{run['longest_step']:.3g} (step {run['longest_at']}).")


def cliff_loss_description(summary: Mapping[str, Mapping]) -> str:
    """The loss along each descent: final loss and the longest step."""
    parts = "; ".join(f"{run['label']} ends at {text_sci(run['final_loss'])}, its longest step "
                      f"{text_sci(run['longest_step'])} at step {run['longest_at']}" for run in summary.values())
    return f"Line chart, log scale, of the loss along each of the three descents, one dash style each: {parts}."


def _training_runs(log) -> list[tuple[str, object]]:
    """(name, rows) per model and run of the training frame, in its order (one grouping, where a mask per
    run cost five times as long)."""
    return [(f"{model}, {run}", rows) for (model, run), rows in log.groupby(["model", "run"], sort=False)]


def training_loss_description(log, n_steps: int, baseline: float) -> str:
    """The training loss chart: where each run's running mean ends (or where the run stopped)."""
    parts = []
    for name, rows in _training_runs(log):
        end = f"{text_sci(float(rows['loss (running mean)'].iloc[-1]))}"
        last = int(rows["step"].iloc[-1])
        stop = "" if last >= n_steps else f" when it stops at step {last} (the next step overflowed to inf/NaN)"
        parts.append(f"{name} ends at {end}{stop}")
    return (f"Line chart, log scale, of the training loss over {n_steps} SGD steps (running mean in bold, "
            f"each batch faint; LSTM solid, simple RNN dashed, markers by run): " + "; ".join(parts)
            + f". The line 'always answer 1' is at {text_sci(baseline)}.")


def training_norm_description(log, n_steps: int, threshold: float) -> str:
    """The gradient-norm chart: each run's median and largest norm, and how many steps were clipped."""
    parts = [f"{name}: median {text_sci(float(rows['grad norm'].median()))}, largest "
             f"{text_sci(float(rows['grad norm'].max()))}, {int(rows['clipped'].sum())} steps clipped"
             for name, rows in _training_runs(log)]
    return (f"Line chart, log scale, of the gradient norm before clipping over {n_steps} SGD steps, with the "
            f"threshold τ = {threshold:g}: " + "; ".join(parts) + ".")
