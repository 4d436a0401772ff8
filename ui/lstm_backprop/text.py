"""Text of the back-propagation page: title, intro, captions, notes and formulas with live numbers.

The delta equations are those of Greff et al. (2017), filled with the numbers of one unit and step
(``numbers`` is the dict of :func:`engine.chainrule.delta_terms`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import numpy as np

from ui.kit.numbers import latex_term, text_sci
from ui.lstm_backprop.charts import LOSS_CEILING

TITLE = "LSTM back-propagation and gradient clipping"
INTRO = (
    "Back-propagation is the chain rule applied on a graph: every variable collects the error of each "
    "arrow that leaves it, multiplied by that arrow's local derivative. In an LSTM one of those arrows, "
    "the cell's *highway* $c_{t-1} \\to c_t$, only multiplies by the forget gate, so errors can travel far "
    "back in time. When they grow instead, one gradient step can throw a network off a cliff: "
    "**clipping** bounds the step.")
REFERENCES = (
    "Greff, Srivastava, Koutník, Steunebrink & Schmidhuber (2017), *LSTM: A Search Space Odyssey*, "
    "IEEE TNNLS 28(10) — the forward and backward equations used here.",
    "Pascanu, Mikolov & Bengio (2013), *On the difficulty of training recurrent neural networks*, "
    "ICML — the cliff, vanishing and exploding gradients, norm clipping (Algorithm 1).",
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, §10.2, §10.7, §10.11 and fig. 10.17.",
    "Hochreiter & Schmidhuber (1997), *Long short-term memory*, Neural Computation 9(8) — the adding "
    "problem (experiment 4).",
    "PyTorch `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`: the clipping rules reproduced here.",
)

_term = partial(latex_term, sci=True)  # a number in a product or sum: 3 significant digits, (−x) in parentheses


def delta_equations(v: Mapping[str, float], t: int, last: bool) -> list[str]:
    """Six lines, δy, δō, δc, δf̄, δī, δz̄: symbols, then numbers, then the result (δy and δc split
    over two aligned rows)."""
    future = r"\text{(nothing comes from step } t+1 \text{: it is the last step)}" if last else ""
    sig_f, sig_i = v["f"] * (1 - v["f"]), v["i"] * (1 - v["i"])
    lines = [
        r"\delta y_t &= \Delta_t + R_z^\top\delta\bar z_{t+1} + R_i^\top\delta\bar\imath_{t+1}"
        r" + R_f^\top\delta\bar f_{t+1} + R_o^\top\delta\bar o_{t+1}"
        rf" \\ &= {_term(v['Delta'])} + {_term(v['rec_z'])} + {_term(v['rec_i'])}"
        rf" + {_term(v['rec_f'])} + {_term(v['rec_o'])}"
        rf" = \mathbf{{{_term(v['dy'])}}} \quad {future}",
        r"\delta\bar o_t = \delta y_t \odot h(c_t) \odot \sigma'(\bar o_t)"
        rf" = {_term(v['dy'])} \times {_term(v['h_c'])} \times {_term(v['sig_o'])} = \mathbf{{{_term(v['do'])}}}",
        r"\delta c_t &= \delta y_t \odot o_t \odot h'(c_t) + p_o \odot \delta\bar o_t"
        r" + p_i \odot \delta\bar\imath_{t+1} + p_f \odot \delta\bar f_{t+1} + \delta c_{t+1} \odot f_{t+1}"
        rf" \\ &= {_term(v['dc_direct'])} + {_term(v['p_o'] * v['do'])} + {_term(v['p_i'] * v['di_next'])}"
        rf" + {_term(v['p_f'] * v['df_next'])} + {_term(v['dc_next'] * v['f_next'])} = \mathbf{{{_term(v['dc'])}}}",
        r"\delta\bar f_t = \delta c_t \odot c_{t-1} \odot \sigma'(\bar f_t)"
        rf" = {_term(v['dc'])} \times {_term(v['c_prev'])} \times {_term(sig_f)} = \mathbf{{{_term(v['df'])}}}",
        r"\delta\bar\imath_t = \delta c_t \odot z_t \odot \sigma'(\bar\imath_t)"
        rf" = {_term(v['dc'])} \times {_term(v['z'])} \times {_term(sig_i)} = \mathbf{{{_term(v['di'])}}}",
        r"\delta\bar z_t = \delta c_t \odot i_t \odot g'(\bar z_t)"
        rf" = {_term(v['dc'])} \times {_term(v['i'])} \times {_term(1 - v['z'] ** 2)} = \mathbf{{{_term(v['dz'])}}}",
    ]
    return [rf"\begin{{aligned}}{line}\end{{aligned}}" if "&" in line else line for line in lines]


PARAMETER_GRADIENTS = (
    r"\begin{gathered}\delta W_\star = \sum_t \delta\bar\star_t\, x_t^\top,\quad"
    r"\delta R_\star = \sum_t \delta\bar\star_{t+1}\, y_t^\top,\quad"
    r"\delta b_\star = \sum_t \delta\bar\star_t \\"
    r"\delta p_i = \sum_t c_t \odot \delta\bar\imath_{t+1},\;"
    r"\delta p_f = \sum_t c_t \odot \delta\bar f_{t+1},\;"
    r"\delta p_o = \sum_t c_t \odot \delta\bar o_t\end{gathered}"
)

NORM_CLIPPING = (r"\text{if } \lVert g\rVert > \tau:\quad g \leftarrow \frac{\tau}{\lVert g\rVert + 10^{-6}}\,g"
                 r"\qquad\text{(same direction, step } \le \eta\tau\text{)}")
VALUE_CLIPPING = (r"g_k \leftarrow \min(\max(g_k, -v), v),\ \ v = \tau/\sqrt2"
                  r"\qquad\text{(each component; the direction changes)}")
CLIFF_MODEL = (r"x_t = w\,\sigma(x_{t-1}) + b,\quad t = 1\dots T,\qquad L(w, b) = \tfrac12 (x_T - x^*)^2")


# ------------------------------------------------------------------------------------------ chain rule
def step_graph_caption(t: int, unit: int) -> str:
    """Under the graph of one step: what δ is and which arrows are highlighted."""
    return (f"Step t = {t}, unit {unit}; δ = the error each variable collects. Errors flow against the "
            "arrows; highlighted are those that carry an error back to the chosen variable. The only arrow "
            "from $c_{t-1}$ that avoids every gate derivative is the highway, $\\odot f_t$.")


# ------------------------------------------------------------------------------------------ through time
GRADIENT_PRODUCTS = (
    r"\begin{gathered}\frac{\partial c_t}{\partial c_{t-1}} \supseteq \operatorname{diag}(f_t)"
    r"\;\Rightarrow\;\prod_{k=t+1}^{T} f_k \\ \frac{\partial h_t}{\partial h_{t-1}} = "
    r"\operatorname{diag}(1-h_t^2)\,W,\quad \Big\lVert\frac{\partial h_T}{\partial h_t}\Big\rVert"
    r" \le (\lVert W\rVert_2\,\gamma)^{T-t}\end{gathered}"
)
def underflow_text(labels: list[str]) -> str:
    """The series of the through-time chart that underflowed, and why their lines end early."""
    return (":material/south: Some errors underflowed (below about 10⁻³⁰⁸, to 0 or to digits without "
            "precision) and a log axis cannot show them: " + ", ".join(labels) + " end where that happens. "
            "The error is not small there; it is gone.")


def overflow_text(label: str, n_steps: int) -> str:
    """A series of the through-time chart that overflowed at ``n_steps`` steps."""
    return (f"{label} exploded to inf at {n_steps} steps (float64 overflow); those steps are left off the "
            "chart.")


def flow_caption(summary: Mapping, seq_len: int, tiny: float) -> str:
    """The caption of the through-time chart, with the numbers of this run (sizes below ``tiny`` have
    underflowed)."""
    def share(value: float) -> str:
        return text_sci(value) if value >= tiny else "nothing (it underflowed)"

    return (f"At step 1, {seq_len - 1} steps before the loss, the LSTM cell still receives "
            f"{share(summary['lstm_cell_first'])} of the error and the simple RNN "
            f"{share(summary['rnn_hidden_first'])} "
            f"(‖W‖₂ = {summary['rnn_w_norm']:.2f}). The mean forget gate is {summary['mean_forget']:.2f}; "
            "the line Π f_k is what the highway alone lets through: the cell's error follows it.")


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
TRAINING_LOSS_CAPTION = ("Faint: the loss of each batch; bold: its running mean. Below the dashed line a run "
                         "has learned more than 'always answer 1'. One huge early step can saturate the gates: "
                         "the unclipped run then sits on that line.")
TRAINING_NORM_CAPTION = ("Gradient norm before clipping; a tick along the top for every clipped step (its "
                         "length was cut to η·τ). The clipped run sees norms above τ all along and still moves "
                         "at a bounded pace.")


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
