"""Text of the simple-RNN page: title, intro, section leads, captions and formulas with live numbers (LaTeX)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ui.kit.numbers import fixed, latex_sci, latex_term, text_sci
from ui.simple_rnn.diagrams import step_window
from ui.simple_rnn.opening import INTRO, TITLE  # noqa: F401 (the page draws them first, see ui.opening)

SHOWN_UNITS = 5
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def vec(values: np.ndarray, digits: int = 3) -> str:
    """A LaTeX column (as a transposed row) of the first few entries; an exploded error (an entry of
    10³ or more, or not finite) in powers of ten, three entries, so that the formula keeps its width."""
    shown = np.asarray(values[:SHOWN_UNITS], dtype=float)
    if np.all(np.isfinite(shown)) and np.all(np.abs(shown) < 1e3):
        body = ", ".join(fixed(v, digits) for v in shown)
    else:
        shown = shown[:3]
        body = ", ".join(latex_sci(float(v), 3) for v in shown)
    more = r", \dots" if len(values) > len(shown) else ""
    return rf"\begin{{bmatrix}}{body}{more}\end{{bmatrix}}^\top"


def char(c: str) -> str:
    """One character of the text in LaTeX (a space as ␣)."""
    return r"\text{␣}" if c == " " else rf"\text{{{c}}}"


def sub(symbol: str, t: int) -> str:
    """A symbol with a step as subscript digits, as a screen reader or a plain caption shows it: h₁₉."""
    return symbol + str(t).translate(_SUBSCRIPT)


def quoted(c: str) -> str:
    """One character of the text in a plain sentence ('a', or "space")."""
    return "space" if c == " " else f"'{c}'"


def num(x: float, digits: int = 3) -> str:
    """A number in a description: plain or × 10ⁿ, with a real minus sign."""
    return text_sci(float(x), digits).replace("-", "−")


def steps(n: int) -> str:
    return f"{n:,} step{'' if n == 1 else 's'}"


def span(first: int, last: int) -> str:
    """Steps ``first`` to ``last`` in words: "step 4" or "steps 4 to 9"."""
    return f"step {first}" if first == last else f"steps {first} to {last}"


# ------------------------------------------------------------------------------------- page text
REFERENCES = (
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, §10.1–10.2 (unfolding, BPTT) "
    "— [deeplearningbook.org](https://www.deeplearningbook.org/contents/rnn.html)",
    "Pascanu, Mikolov & Bengio (2013), On the difficulty of training recurrent neural networks, ICML",
    "Williams & Peng (1990), An efficient gradient-based algorithm for on-line training of recurrent "
    "network trajectories, *Neural Computation* 2(4) (truncated BPTT)",
    "Saxe, McClelland & Ganguli (2014), Exact solutions to the nonlinear dynamics of learning in deep "
    "linear neural networks, ICLR (orthogonal initialisation)",
)

DENSE = ("1 · A brief review: back-propagation in a dense layer", (
    "A simple RNN is built of densely connected layers (DCL), so their back-propagation comes first, on a net "
    "small enough to read: 3 inputs, 3 hidden neurons (tanh), 2 linear outputs and one example with its "
    "target d. Learning adjusts the parameters; to adjust a layer's weights you need the **errors** δ of the "
    "layer above it, and to get those, the errors of the layer above that. The red arrows carry the errors "
    "of **all** the output neurons back to **one** hidden neuron j: pick another j."))
NEURONS = ("2 · The simple RNN is dense layers too", (
    "Inputs come from the bottom, outputs go up. At one time step the input goes forward through an "
    "ordinary three-layer DCL, x_t → h_t → o_t. What makes it recurrent: the hidden neurons also send "
    "their values back into the hidden layer itself, for the next step (the amber arrows). To keep every "
    "step's values, **unfold** it: the same DCL copied once per step, the copies chained by W."))
FORWARD = ("3 · Forward propagation, unfolded", (
    "Folded, an RNN is one cell with a loop: the hidden state goes back in at the next step. "
    "Unfolding draws one copy per step. Pick a step to see its numbers."))
BPTT = ("4 · Back-propagation through time", (
    "The error of each loss L_t flows back through every earlier step, because h_t depended on them "
    "all. Gradients differ from step to step; the parameters do not: the per-step contributions are "
    "summed into one gradient. **Truncated BPTT** stops each L_t's error after k steps."))
CHUNKS = ("5 · Truncated BPTT as the article does it: an update after every chunk", (
    "Full BPTT updates the weights **once** per pass over the whole text. The article's truncated BPTT renews "
    "them on **parts** of a long text: cut it into chunks of k steps, back-propagate inside each chunk, update "
    "after each one, and carry the hidden state on into the next chunk (forward only). More updates for the "
    "same work. Section 4's window is another thing: still one update per pass, with each loss's error cut "
    "after k steps. Here all three train the same net, from the page's weights, on a longer text."))
VANISHING = ("6 · Vanishing and exploding gradients", (
    "The Jacobian ∂h_t/∂h_{t−1} = diag(1 − h_t²) W says how h_t moves when h_{t−1} moves. The error goes the "
    "other way, so it is multiplied by the **transpose**: ∂L/∂h_{t−1} gets Wᵀ diag(1 − h_t²) ∂L/∂h_t "
    "(Pascanu et al. 2013), a point many explanations get wrong. Over T − t steps these products shrink or "
    "grow exponentially, depending on the size of W: change ρ above."))

# ------------------------------------------------------------------------------ 1 · dense layers
DENSE_FORWARD = (r"a_j = \sum_i w_{ji} x_i + b_j,\quad h_j = \tanh(a_j),\quad y_k = \sum_j w_{kj} h_j + b_k,"
                 r"\quad L = \tfrac12 \sum_k (y_k - d_k)^2")
DENSE_CAPTION = ("Inputs x at the bottom, the hidden layer h = tanh(a) in the middle, the linear outputs y on top. "
                 "Grey arrows: the forward connections, one weight each. Red dashed arrows: "
                 "the errors going back, each output neuron's δ_k weighted by the same w_kj that carried h_j "
                 "forward. Neuron j adds what arrives and multiplies by the slope of its activation, f′(a_j).")


def dense_delta(net, j: int) -> str:
    """δ_j = f'(a_j) Σ_k w_kj δ_k with the net's numbers, term by term (``net``: engine.rnn.DenseBackprop)."""
    jj = j - 1
    terms = net.terms[:, jj]
    symbols = " + ".join(rf"w_{{{k + 1}{j}}}\delta_{{{k + 1}}}" for k in range(len(terms)))
    numbers = " + ".join(latex_term(float(v), first=k == 0) for k, v in enumerate(terms))
    slope = 1.0 - float(net.h1[jj]) ** 2
    return (rf"\delta_{{{j}}} = f'(a_{{{j}}}) \sum_k w_{{k{j}}} \delta_k = (1 - h_{{{j}}}^2)({symbols}) "
            rf"\\ = {fixed(slope)} \times ({numbers}) = {fixed(float(net.delta_hidden[jj]))}")


def dense_outputs(net) -> str:
    """The output errors δ_k = y_k − d_k with the example's numbers."""
    parts = [rf"\delta_{{{k + 1}}} = y_{{{k + 1}}} - d_{{{k + 1}}} = {fixed(float(y))} - "
             rf"{latex_term(float(d), first=False)} = {fixed(float(e))}"
             for k, (y, d, e) in enumerate(zip(net.y, net.d, net.delta_out, strict=True))]
    return r",\qquad ".join(parts)


def dense_gradients(net, j: int) -> tuple[str, str]:
    """What δ_j is for: the gradients of the weights into neuron j; and δ_j again, by finite differences
    of the loss in the bias b_j (∂L/∂b_j = δ_j)."""
    jj = j - 1
    row = ", ".join(fixed(float(v)) for v in net.dW1[jj])
    exponent = round(math.log10(net.fd_step))
    step = rf"10^{{{exponent}}}" if np.isclose(net.fd_step, 10.0**exponent) else latex_sci(net.fd_step, 2)
    return (rf"\frac{{\partial L}}{{\partial w_{{{j}i}}}} = \delta_{{{j}}}\, x_i = [{row}]",
            rf"\frac{{\partial L}}{{\partial b_{{{j}}}}} = \delta_{{{j}}} \approx "
            rf"\frac{{L(b_{{{j}}} + \varepsilon) - L(b_{{{j}}} - \varepsilon)}}{{2\varepsilon}} = "
            rf"{fixed(float(net.fd_delta_hidden[jj]))}\quad (\varepsilon = {step})")


def dense_count(n_input: int, n_hidden: int, n_output: int) -> str:
    """Parameters of the small DCL: m·n weights and m biases per layer, and what they are in the drawing."""
    M, H, K = n_input, n_hidden, n_output
    hidden, output = H * M + H, K * H + K
    return (rf"\underbrace{{{H}\cdot{M} + {H}}}_{{\text{{hidden: }} {M} \to {H}}} + "
            rf"\underbrace{{{K}\cdot{H} + {K}}}_{{\text{{output: }} {H} \to {K}}} = {hidden} + {output} = "
            rf"{hidden + output}\ \text{{parameters}}")


DENSE_COUNT_NOTE = ("**Counting parameters.** A dense layer with n inputs and m outputs has **m·n weights** (one per "
                    "arrow) and **m biases** (one per neuron it feeds). Above: one number per grey arrow plus one "
                    "bias per hidden or output neuron, counted below.")


def dense_description(net, j: int) -> str:
    """Text alternative of the dense-layer diagram: the errors reaching neuron j, with their numbers."""
    jj = j - 1
    M, H, K = net.shape
    parts = "; ".join(f"from output {k + 1}, {sub('δ', k + 1)} = {num(net.delta_out[k])} times "
                      f"{sub('w', k + 1)}{sub('', j)} = {num(net.W2[k, jj])} gives {num(net.terms[k, jj])}"
                      for k in range(K))
    return (f"A dense network of {M} inputs, {H} hidden neurons and {K} outputs, inputs at the bottom, every "
            f"connection a grey arrow. Red dashed arrows carry the output errors back down to hidden neuron "
            f"{j}: {parts}. Their sum {num(net.terms[:, jj].sum())} times f′({sub('a', j)}) = "
            f"{num(1 - net.h1[jj] ** 2)} is {sub('δ', j)} = {num(net.delta_hidden[jj])}.")


# -------------------------------------------------------------------- 2 · neurons and unfolding
NEURONS_CAPTION = ("One time step is an ordinary DCL: every input neuron feeds every hidden neuron (weights U), every "
                   "hidden neuron every output neuron (V). The amber arrows are the recurrent connections W, drawn "
                   "from h₁ only: every hidden neuron sends its value to every hidden neuron (itself included), "
                   "where it arrives at the next step.")


def neurons_description(n_input: int, n_hidden: int, n_output: int) -> str:
    """Text alternative of the folded RNN drawn as neurons."""
    return (f"The simple RNN as neurons, inputs at the bottom: an input layer xₜ of {n_input} neurons, a hidden layer "
            f"hₜ of {n_hidden} and an output layer oₜ of {n_output} (at most three of each drawn, ⋯ for the rest), "
            "every neuron of a layer connected to every neuron of the next through U and V; amber recurrent "
            "arrows W go from hidden neuron 1 back into every hidden neuron, itself included.")


def copies_drawn(seq_len: int, shown: list) -> str:
    """Which copies the unfolded-DCL diagram draws (``shown``: diagrams.copies_shown), said when capped."""
    steps_ = [t for t in shown if t is not None]
    if len(steps_) == seq_len:
        return f"all {seq_len} cop{'y' if seq_len == 1 else 'ies'} drawn"
    return (f"copies {', '.join(map(str, steps_[:-1]))} and {steps_[-1]} drawn, the {seq_len - len(steps_)} "
            "between them as ⋯ (capped to stay readable)")


def unfolded_dcl_caption(seq_len: int, shown: list) -> str:
    return (f"Unfolded over T = {seq_len}: {copies_drawn(seq_len, shown)}. Each copy is the same DCL, two neurons "
            "drawn per layer; the same names U, V and W on every copy, because they are the same numbers. The "
            "amber arrows W meet in a point and fan out again: every hidden neuron of one copy feeds every "
            "hidden neuron of the next.")


def unfolded_dcl_description(seq_len: int, shown: list) -> str:
    """Text alternative of the unfolding as copies of one DCL."""
    return (f"The RNN unfolded into copies of one three-layer dense network, one per step, T = {seq_len} "
            f"({copies_drawn(seq_len, shown)}); each copy's input layer feeds its hidden layer through U and "
            "its hidden layer feeds its output layer through V, and amber arrows W join each hidden layer to the "
            "next copy's, starting from h₀.")


def rnn_count(n_input: int, n_hidden: int, n_output: int, seq_len: int) -> tuple[str, str, str]:
    """The simple RNN's parameters as two dense layers (a table), the total with its formula (LaTeX), and
    what unfolding over T steps does to it (nothing)."""
    M, H, K = n_input, n_hidden, n_output
    hidden, output = H * (M + H) + H, K * H + K
    total = hidden + output
    table = (
        "| dense layer | inputs n → outputs m | weights m·n | biases m | parameters |\n|---|---|---|---|---|\n"
        f"| hidden h_t | x_t and h_{{t−1}}: {M} + {H} → {H} | U (W_xh) {H}·{M} = {H * M:,} · "
        f"W (W_hh) {H}·{H} = {H * H:,} | b: {H} | {hidden:,} |\n"
        f"| output o_t | h_t: {H} → {K} | V (W_hy) {K}·{H} = {K * H:,} | c: {K} | {output:,} |\n"
        f"| **total** | | | | **{total:,}** |")
    formula = (rf"N = \underbrace{{H M}}_{{U}} + \underbrace{{H^2}}_{{W}} + \underbrace{{H}}_{{b}} + "
               rf"\underbrace{{K H}}_{{V}} + \underbrace{{K}}_{{c}} \\ = {H}\cdot{M} + {H}^2 + {H} + {K}\cdot{H} + {K}"
               rf" = {total:,}".replace(",", "{,}"))
    if seq_len == 1:
        shared = (f"With T = 1 there is one copy and {total:,} parameters. Make T longer: the count stays "
                  f"{total:,}, because every new copy reuses U, W, V, b and c.")
    else:
        shared = (f"Unfolded over T = {seq_len} steps the count is still **{total:,}**: the {seq_len} copies share "
                  f"one U, W, V, b and c, so the same net reads a text of any length. Copies with weights of "
                  f"their own would need {seq_len} × {total:,} = {seq_len * total:,}, and would stop at step "
                  f"{seq_len}.")
    return table, formula, shared


# ------------------------------------------------------------------------ 3 · forward propagation
RECURRENCE = r"a_t = b + W h_{t-1} + U x_t,\qquad h_t = \tanh(a_t)"
OUTPUT_AND_LOSS = (r"o_t = c + V h_t,\qquad \hat y_t = \mathrm{softmax}(o_t),\qquad "
                   r"L = \sum_t -\log \hat y_t[\text{target}_t]")
HIDDEN_CAPTION = ("Hidden states h_t over time, one row per unit (red > 0, blue < 0, as on the LSTM pages; "
                  "tanh keeps them in (−1, 1)). Each column depends on all the inputs so far: that is the "
                  "RNN's memory.")


PARAMETERS_TABLE = (
    "| what | in y = a x + b | in this RNN |\n|---|---|---|\n"
    "| **parameters** | a and b: what learning adjusts, the same for every x | U, W, b, V, c (counted in section "
    "2): **one set shared by every step** |\n"
    "| **variables** | x and y: a new pair for every input | x_t, a_t, h_t, o_t, ŷ_t, L_t: "
    "**new at every step t** (below, at the step you pick) |")


def hat_note(chars: str, step: int, p_target: float) -> str:
    """What the hat means, with the step's numbers: ŷ_t is the estimate, y_t the character that comes."""
    return (f"The hat marks an estimate: ŷ_t is the net's guess, a probability for every character, while "
            f"y_t = onehot(target_t) is what actually comes next. At t = {step} the target is "
            f"{quoted(chars[step])} and ŷ_{step} gives it {p_target:.4f}; the loss L_t = −log ŷ_t[target_t] "
            "measures how far the guess is from the truth.")


NEURON_CAPTION = ("The article's note on its figures: a hidden neuron is really two, before and after the activation. "
                  "The left half adds what comes in (the pre-activation a), the right half applies tanh (the "
                  "post-activation h). Most figures, this page's unfolded diagram among them, draw the pair as "
                  "one node h_t.")


def neuron_formula(n) -> str:
    """One hidden unit's pre- and post-activation at one step with its numbers (``n``: data.NeuronAt)."""
    t, i = n.t, n.unit
    parts = " + ".join(latex_term(v, first=k == 0) for k, v in enumerate((n.bias, n.recurrent, n.input)))
    return (rf"a_{{{t},{i}}} = b_{{{i}}} + \sum_j W_{{{i}j}}\, h_{{{t - 1},j}} + \sum_k U_{{{i}k}}\, x_{{{t},k}}"
            rf" = b_{{{i}}} + \sum_j W_{{{i}j}}\, h_{{{t - 1},j}} + U_{{{i},{char(n.char)}}} \\ = {parts} = "
            rf"{fixed(n.a)} \\ h_{{{t},{i}}} = \tanh(a_{{{t},{i}}}) = \tanh({fixed(n.a)}) = {fixed(n.h)}")


def neuron_description(n) -> str:
    """Text alternative of the split neuron."""
    t, i = n.t, n.unit
    return (f"Hidden unit {i} at step {t} drawn as one neuron split in two halves. From below, "
            f"{sub('h', t - 1)} through row {i} of W brings {num(n.recurrent)}, {sub('x', t)} (the character "
            f"{quoted(n.char)}) through U brings {num(n.input)} and the bias {num(n.bias)}; the left half adds them "
            f"into the pre-activation a = {num(n.a)}, the right half gives the post-activation h = tanh(a) = "
            f"{num(n.h)}, which goes up to {sub('o', t)} through V and on to the next step through W.")


ELMAN_NOTE = ("the article calls Elman's 1990 net a simpler kind of recurrent connection. Its forward pass is "
              "the same recurrence: the hidden layer is copied into context units and read back at the next "
              "step through trained weights, which play the part of W here (with a logistic σ instead of tanh "
              "and no output at every step). What differs is the training: Elman back-propagated one step at "
              "a time with the copy taken as a fixed input, where this page back-propagates through time "
              "(Goodfellow et al. §10.2, as in the article; see the history page).")


def shapes(chars: str, vocab_size: int, n_hidden: int) -> str:
    """The text and the sizes of x, ŷ, U, W, V."""
    return (f"Text: the first T + 1 = {len(chars)} characters of the training text, `{chars}` · "
            f"vocabulary of {vocab_size} characters, so "
            f"x_t and ŷ_t have {vocab_size} entries; U is {n_hidden}×{vocab_size}, "
            f"W is {n_hidden}×{n_hidden}, V is {vocab_size}×{n_hidden}.")


def unfolded_caption(chars: str, step: int, shown: list) -> str:
    return (f"The same U, W, V, b, c at every step; the highlighted column is step t = {step} "
            f"(input '{chars[step - 1]}', target '{chars[step]}')." + window_note(shown, len(chars) - 1))


def folded_description(vocab_size: int, n_hidden: int) -> str:
    """Text alternative of the folded diagram: the one cell and its loop, with today's sizes."""
    return (f"The simple RNN folded into one cell: the input xₜ ({vocab_size} entries) enters the hidden "
            f"state hₜ ({n_hidden} units) through U, hₜ loops back into itself through W with a delay of "
            "one step, and gives the output oₜ through V and then the loss Lₜ.")


def _drawn(shown: list, seq_len: int) -> str:
    """Which steps an unfolded diagram draws (``diagrams.step_window``), when it leaves some out."""
    drawn = [s for s in shown if s is not None]
    if len(drawn) == seq_len:
        return ""
    return f" (steps {', '.join(map(str, drawn))} drawn, the others as ⋯)"


def window_note(shown: list, seq_len: int) -> str:
    """The caption's word on the window: which steps are drawn when not all are."""
    drawn = [s for s in shown if s is not None]
    if len(drawn) == seq_len:
        return ""
    run = drawn[-1] - drawn[0] + 1 == len(drawn)
    listed = f"{drawn[0]}–{drawn[-1]}" if run else ", ".join(map(str, drawn))
    return f" A window of the {seq_len} steps is drawn (steps {listed}); ⋯ stands for the others."


def unfolded_description(chars: str, seq_len: int, step: int) -> str:
    """Text alternative of the unfolded diagram with step ``step`` highlighted."""
    drawn = _drawn(step_window(seq_len, step), seq_len)
    return (f"The RNN unfolded over {steps(seq_len)}{drawn}; step {step} highlighted: "
            f"{sub('h', step - 1)} and {sub('x', step)} (input {quoted(chars[step - 1])}) feed {sub('h', step)}, "
            f"which gives {sub('o', step)} and the loss {sub('L', step)} (target {quoted(chars[step])}).")


# Steady names of the hidden-state heatmap and the loss bars (``present.show_chart``'s ``label``): t moves them
# only through their data; their live descriptions, with step t's values, follow in their captions for
# screen readers.
HIDDEN_LABEL = "Heatmap of every hidden unit over every step of the sequence, the column of step t outlined."
LOSS_LABEL = "Bar chart of the loss at every step of the sequence, step t highlighted and labelled above its bar."

# Steady names of the charts T, k and the entry move through their data only (``present.show_chart``'s
# ``label``): a new name would make the browser build the chart anew; the numbers follow in the caption.
ERROR_NORM_LABEL = ("Line chart, log scale, of ‖∂L/∂hₜ‖ over the steps: full BPTT (solid line, circles) against "
                    "truncated BPTT (dashed line, squares).")
ENTRY_LABEL = ("Bar chart of one entry of ∂L/∂W^(t) at every step, with its running sum as a dashed line whose "
               "last point, labelled Σ, is that entry of ∂L/∂W.")
CONTRIBUTIONS_LABEL = ("Small heatmaps of ∂L/∂W, red above 0 and blue below: the contributions of the steps around t, "
                       "the other steps together, then their sums with truncated and with full BPTT.")
PATHS_LABEL = ("Triangle heatmap over pairs (loss Lₜ, step s ≤ t), coloured by log₁₀ of what each loss sends to "
               "∂L/∂W through each step; pairs the window drops are small grey squares.")
TRUNCATION_ERROR_LABEL = ("Line chart, log scale, of the truncated gradient's relative error for every window k, "
                          "the chosen k marked and labelled.")
JACOBIAN_LABEL = ("Line chart, log scale, of ‖∂h_T/∂hₜ‖₂ (solid) and its bound (‖W‖₂ γ)^(T−t) (dashed) over the "
                  "distance in time T − t.")


def hidden_description(h: np.ndarray, step: int) -> str:
    """Text alternative of the hidden-state heatmap: its size, its range, the outlined step's range."""
    seq_len, n_hidden = h.shape
    col = h[step - 1]
    return (f"Heatmap of the {n_hidden} hidden units over {steps(seq_len)}, values from {num(h.min(), 2)} "
            f"to {num(h.max(), 2)}; the column of step {step} is outlined: {sub('h', step)} runs from "
            f"{num(col.min(), 2)} to {num(col.max(), 2)}.")


def forward_at(trace, task, grads, step: int) -> list[str]:
    """x_t, h_{t−1}, a_t, h_t, o_t, ŷ_t and L_t at ``step`` (1-based) with their numbers, one formula each."""
    tr, t = trace, step - 1
    h_prev = tr.h0 if t == 0 else tr.h[t - 1]
    vocab, chars = task.vocab, task.chars
    target = task.targets[t]
    best = int(np.argmax(tr.yhat[t]))
    return [
        rf"x_{{{step}}} = \mathrm{{onehot}}({char(chars[t])}),\quad h_{{{step - 1}}} = {vec(h_prev)}",
        rf"a_{{{step}}} = b + W h_{{{step - 1}}} + U x_{{{step}}} = {vec(tr.a[t])}",
        rf"h_{{{step}}} = \tanh(a_{{{step}}}) = {vec(tr.h[t])}",
        rf"o_{{{step}}} = c + V h_{{{step}}} \qquad = {vec(tr.o[t], 2)}"
        rf"\qquad({len(vocab)}\ \text{{scores, one per character}})",
        rf"\hat y_{{{step}}} = \mathrm{{softmax}}(o_{{{step}}}):\ \hat y_{{{step}}}[{char(vocab[target])}]"
        rf" = {tr.yhat[t, target]:.4f}\ (\text{{target}}),\ \max = \hat y_{{{step}}}[{char(vocab[best])}]"
        rf" = {tr.yhat[t, best]:.4f}",
        rf"L_{{{step}}} = -\log \hat y_{{{step}}}[{char(vocab[target])}] = "
        rf"{grads.loss_steps[t]:.4f},\qquad L = \textstyle\sum_t L_t = {grads.loss:.3f}",
    ]


# --------------------------------------------------------------------------------------- 4 · BPTT
GRADIENT_OVERFLOW = ("The gradient ∂L/∂W exploded past float64 (inf or NaN entries): "
                     "shown as such below. Lower ρ or T to get finite numbers.")
LOSS_CAPTION = ("The loss at each step: how surprised the untrained net is by the next character. "
                "L is their sum.")
ERROR_NORM_CAPTION = ("‖∂L/∂h_t‖: the error gathered at step t, from its own loss and from all later losses "
                      "through W. Truncation keeps only the last k.")


def contributions_caption(bound: float) -> str:
    """What to notice in the small heatmaps of ∂L/∂W, with the colour bar's end ``bound`` = max |entry|."""
    return ("Each step's contribution ∂L/∂a_t h_{t−1}ᵀ to the gradient of the one shared W, side by side, then "
            "their sum: the single update W ← W − η Σ (red > 0, blue < 0; colours on a symmetric log scale up "
            f"to max |entry| = {num(bound)}). Step 1 contributes nothing because h₀ = 0.")


NOTHING_TO_TRUNCATE = ("With one step, L₁'s error has no earlier step to reach: there is nothing to truncate, "
                       "and h₀ = 0 gives W no gradient. Make T ≥ 2 to see truncated BPTT drop contributions.")
TRUNCATION_ERROR_CAPTION = "Relative error of the truncated gradient against full BPTT, for every window k."
FLOAT_ROUNDING = 1e-13  # relative differences below this are float64 rounding (ε ≈ 2.2 × 10⁻¹⁶, summed)


def backward_caption(step: int, k: int, shown: list, seq_len: int) -> str:
    return (f"The error of L_{step} flows back (dashed) through at most k = {k} steps; "
            "grey hidden states with a dashed outline are beyond its window." + window_note(shown, seq_len))


def loss_description(loss_steps: np.ndarray, step: int) -> str:
    """Text alternative of the per-step loss bars."""
    if len(loss_steps) == 1:
        return (f"Bar chart of the loss at the only step, highlighted and labelled: "
                f"{sub('L', 1)} = {num(loss_steps[0])}.")
    return (f"Bar chart of the loss Lₜ at each of the {steps(len(loss_steps))}, from {num(loss_steps.min())} "
            f"to {num(loss_steps.max())}, in total L = {num(loss_steps.sum(), 4)}; step {step} highlighted "
            f"and labelled: {sub('L', step)} = {num(loss_steps[step - 1])}.")


def error_norm_description(full_dh: np.ndarray, cut_dh: np.ndarray, k: int) -> str:
    """Text alternative of ‖∂L/∂h_t‖ under full and truncated BPTT (``*_dh``: (T, H) errors)."""
    full, cut = np.linalg.norm(full_dh, axis=1), np.linalg.norm(cut_dh, axis=1)
    T = len(full)
    with np.errstate(invalid="ignore"):
        same = bool(np.allclose(full, cut, rtol=1e-12, atol=0))
    tail = (" The two curves coincide: the window reaches every later loss." if same else
            f" At t = 1 full BPTT gathers {num(full[0])}, truncated {num(cut[0])}.")
    return (f"Line chart, log scale, of ‖∂L/∂hₜ‖ over {steps(T)}: full BPTT (solid line, circles) against "
            f"truncated BPTT with k = {k} (dashed line, squares). Both end at {num(full[-1])} at t = {T}." + tail)


def backward_description(seq_len: int, step: int, k: int) -> str:
    """Text alternative of the backward diagram: L_t's error and how far back the window lets it go."""
    lo = max(1, step - k + 1)
    outside = [span(a, b) for a, b in ((1, lo - 1), (step + 1, seq_len)) if a <= b]
    grey = (f"; the hidden states of {' and '.join(outside)} are beyond it (grey, dashed outline)"
            if outside else "; it reaches every hidden state")
    path = (f"stays at {sub('h', step)}, the only step its window k = {k} holds" if lo == step else
            f"flows back along dashed arrows from {sub('h', step)} to {sub('h', lo)}, {steps(step - lo + 1)} "
            f"(window k = {k})")
    drawn = _drawn(step_window(seq_len, backward=(step, k)), seq_len)
    return (f"The RNN unfolded over {steps(seq_len)}{drawn}; the error of "
            f"{sub('L', step)} {path}{grey}.")


def contributions_description(panels: list[str], n_hidden: int, cut_W: np.ndarray, full_W: np.ndarray,
                              k: int) -> str:
    """Text alternative of the small heatmaps of ∂L/∂W: which panels, and the sums' sizes."""
    shown = [p for p in panels if p.startswith("step ")]
    first, last = (int(shown[i].removeprefix("step ")) for i in (0, -1))
    others = ", the other steps together" if "… other steps" in panels else ""
    full = (f" and with full BPTT (‖·‖_F = {num(np.linalg.norm(full_W))})" if "Σ, full BPTT" in panels else "")
    return (f"{len(panels)} small heatmaps, red above 0 and blue below: the {n_hidden}×{n_hidden} contribution "
            f"to ∂L/∂W of {span(first, last)}{others}, then their sum with k = {k} "
            f"(‖·‖_F = {num(np.linalg.norm(cut_W))}){full}.")


COPIES = (r"\frac{\partial L}{\partial W} = \sum_{t=1}^{T} \frac{\partial L}{\partial W^{(t)}},\qquad "
          r"\frac{\partial L}{\partial W^{(t)}} = \frac{\partial L}{\partial a_t}\, h_{t-1}^\top")
COPIES_NOTE = ("**The W^(t) notation.** Textbooks write ∂L/∂W^(t) as if W had a copy W^(t) at each step t: "
               "the derivative with respect to the W used at step t only, the others held fixed. It is "
               "bookkeeping. The parameter is one W, shared by every step; only its gradient is computed "
               "step by step, and the steps' parts are summed into ∂L/∂W before W is updated once.")


def entry_caption(entry: tuple[int, int], total: float) -> str:
    i, j = entry
    return (f"Entry ({i}, {j}) of ∂L/∂W^(t) at every step (bars; full BPTT), the entry where ∂L/∂W is largest, "
            f"and their running sum (dashed, squares): it ends at ∂L/∂W_{i}{j} = {num(total, 4)}, the "
            "gradient of the one shared W.")


def entry_description(df: pd.DataFrame, entry: tuple[int, int]) -> str:
    """Text alternative of the per-step contributions to one entry of ∂L/∂W and their running sum."""
    i, j = entry
    big = df.loc[df["value"].abs().idxmax()]
    return (f"Bar chart of entry ({i}, {j}) of ∂L/∂W^(t) over {steps(len(df))}, from {num(df['value'].min())} to "
            f"{num(df['value'].max())}, largest in size at step {int(big['t'])} ({num(big['value'])}); a dashed line "
            f"with squares adds them up step by step and ends at {num(df['running'].iloc[-1], 4)}, "
            f"entry ({i}, {j}) of ∂L/∂W.")


def copies_numbers(df: pd.DataFrame, entry: tuple[int, int], full_entry: float) -> str:
    """The sum over the copies for one entry, with its first terms: ∂L/∂W_ij = a + b + … = total."""
    i, j = entry
    big = not np.all(np.abs(df["value"]) < 1e3)
    shown = df["value"].iloc[:2 if big else 3]

    def term(v: float) -> str:
        said = latex_sci(v, 3) if big else fixed(v, 3)
        return f"({said})" if v < 0 else said

    terms = " + ".join(term(v) for v in shown)
    more = r" + \dots" if len(df) > len(shown) else ""
    total = latex_sci(full_entry, 4) if big else fixed(full_entry, 4)
    return (rf"\frac{{\partial L}}{{\partial W_{{{i}{j}}}}} = \sum_t \frac{{\partial L}}"
            rf"{{\partial W^{{(t)}}_{{{i}{j}}}}} = {terms}{more} = {total}")


def paths_caption(k: int) -> str:
    return (f"How much each loss L_t (row) sends to ∂L/∂W through step s (column). Small grey squares lie more "
            f"than k − 1 = {k - 1} steps back: truncated BPTT drops them.")


def paths_description(paths: pd.DataFrame, k: int) -> str:
    """Text alternative of the (loss, step) triangle: how many pairs, their range, how many truncation keeps."""
    if paths.empty:
        return "No (loss, step) pair sends anything to ∂L/∂W: h₀ = 0 gives W no gradient."
    kept = int(paths["kept"].sum())
    return (f"Triangle heatmap of {len(paths):,} pairs (loss Lₜ, step s ≤ t), coloured by log₁₀ of what each "
            f"sends to ∂L/∂W, from {num(paths['log10_norm'].min(), 2)} to {num(paths['log10_norm'].max(), 2)}; "
            f"{kept:,} pairs within k = {k} steps are kept, {len(paths) - kept:,} further back are dropped "
            "(small grey squares).")


def truncation_error_description(errors: pd.DataFrame, k: int) -> str:
    """Text alternative of the truncated gradient's error over every window k."""
    at = errors.loc[errors["k"] == k, "error"]
    here = f"{num(at.iloc[0])}" if len(at) else "not finite"
    zero = errors.loc[errors["error"] == 0, "k"]
    zeros = f", exactly 0 from k = {int(zero.min())} on" if len(zero) else ""
    first = errors.iloc[0]
    return (f"Relative error of the truncated gradient for every window k from 1 to {int(errors['k'].max())}, "
            f"log scale: {num(first['error'])} at k = {int(first['k'])}{zeros}; the chosen k = {k} is "
            f"marked and labelled: {here}.")


def relative_error(value: float) -> str:
    """The truncated gradient's relative error, said to be rounding when it is."""
    if 0 < value < FLOAT_ROUNDING:
        return rf"{latex_sci(value, 3)}\ (\text{{float rounding}})"
    return latex_sci(value, 3)


def zero_note(errors, seq_len: int) -> str:
    """Where the truncation error reads 0, and why: the window reaches every step that contributes
    (k ≥ T − 1, as step 1 adds nothing when h₀ = 0), or what it drops is below float64 rounding."""
    zero = errors.loc[errors["error"] == 0, "k"]
    if zero.empty:
        return ""
    first = int(zero.min())
    note = f" It reads 0 from k = {first} on (▼ on the bottom edge; a log axis has no 0): "
    if first >= seq_len - 1:
        return note + "those windows reach every step that contributes, and step 1 adds nothing because h₀ = 0."
    return note + (f"what those windows drop is below float64 rounding of the sum; only from k = T − 1 = "
                   f"{seq_len - 1} do they reach every step that contributes (step 1 adds nothing: h₀ = 0).")


def gradient(k: int, cut_norm: float, full_norm: float, diff_norm: float) -> str:
    """∂L/∂W as the sum of the steps' contributions, and the truncated gradient's size and error."""
    error = (rf"\text{{relative error}} = {relative_error(diff_norm / full_norm)}"
             if full_norm > 0
             else r"\text{relative error undefined } (h_0 = 0 \Rightarrow \nabla_W = 0)")
    return (rf"\frac{{\partial L}}{{\partial W}} = \sum_{{t=1}}^{{T}} \frac{{\partial L}}{{\partial a_t}}"
            rf" h_{{t-1}}^\top \\[4pt] \|\nabla_W^{{(k={k})}}\|_F = {latex_sci(cut_norm, 4)},\ "
            rf"\|\nabla_W\|_F = {latex_sci(full_norm, 4)},\ {error}")


# ------------------------------------------------------------------------- 5 · chunked training
def training_setup(train_len: int, vocab_size: int, n_hidden: int, lr: float, k: int) -> str:
    return (f"The long text: the page's text repeated to {train_len} characters ({vocab_size} distinct), the same "
            f"net (H = {n_hidden}, the page's seed and ρ), gradient descent with η = {lr:g} on the steps' mean loss. "
            f"Chunks of k = {k}: {-(-train_len // k)} updates per pass; the other two: 1 per pass.")


TRAINING_CAPTION = ("The loss of the whole text after each update: against the number of updates (left) and "
                    "against the work done to get there (right), counted in products with W or Wᵀ, forward "
                    "and back (each H² multiply-adds). Chunks (solid, circles) are the article's truncated "
                    "BPTT; the window (dashed, squares) is section 4's; full BPTT dotted, triangles.")


def _final(curves: pd.DataFrame, kind: str) -> pd.Series:
    return curves[curves["kind"] == kind].iloc[-1]


def training_verdict(curves: pd.DataFrame, kinds: tuple[str, ...]) -> str:
    """Where the three runs end: loss, updates and work (from the runs' last points)."""
    ends = [_final(curves, kind) for kind in kinds]
    names = ("chunks", "window", "full BPTT")
    said = "; ".join(f"{name}: loss {row['loss']:.3f} after {int(row['update']):,} updates and "
                     f"{int(row['work']):,} products" for name, row in zip(names, ends, strict=True))
    start = float(curves["loss"].iloc[0])
    return f"From loss {start:.3f} before training — {said}."


def training_description(curves: pd.DataFrame, kinds: tuple[str, ...], x: str) -> str:
    """Text alternative of one training chart (``x`` = "update" or "work")."""
    axis = {"update": "the number of updates", "work": "the work in products with W or Wᵀ"}[x]
    looks = ("solid line, circles", "dashed line, squares", "dotted line, triangles")
    parts = []
    for kind, look in zip(kinds, looks, strict=True):
        row = _final(curves, kind)
        parts.append(f"{kind} ({look}) ends at {num(row['loss'], 4)} after {int(row[x]):,}")
    start = float(curves["loss"].iloc[0])
    return (f"Line chart of the mean loss per step on the whole text against {axis}, log scale, starting from "
            f"{num(start, 4)}: " + "; ".join(parts) + ".")


def capped_note(capped: tuple[str, ...], passes: dict[str, int], asked: int) -> str:
    runs = ", ".join(f"{kind}: {passes[kind]}" for kind in capped)
    return (f"Work bounded: {asked} passes would cost too much here, so these runs stopped earlier (passes made — "
            f"{runs}). Lower H or the passes to compare them whole.")


def diverged_note(kinds: tuple[str, ...]) -> str:
    return (f"Training overflowed float64 and stopped ({', '.join(kinds)}): the curve ends at its last finite "
            "loss. Lower ρ to train.")


# ------------------------------------------------------------------------------ 6 · vanishing
JACOBIAN_CAPTION = ("How strongly h_T still depends on h_t, against the bound. Below 1 (ρ < 1) both fall "
                    "exponentially: the gradient vanishes. Above 1 the bound grows and the norm can explode, "
                    "unless saturated tanh units (small tanh') hold it back.")


def error_step(es) -> list[str]:
    """The Jacobian and the product that acts on the error, with step t's numbers (``es``: data.ErrorStep)."""
    t = es.t
    return [
        rf"\text{{Jacobian (forward): }}\ \frac{{\partial h_{{{t}}}}}{{\partial h_{{{t - 1}}}}} = "
        rf"\mathrm{{diag}}(1-h_{{{t}}}^2)\,W",
        rf"\text{{error (backward): }}\ \Big(\frac{{\partial h_{{{t}}}}}{{\partial h_{{{t - 1}}}}}\Big)^{{\!\top}}"
        rf"\frac{{\partial L}}{{\partial h_{{{t}}}}}\\ = W^\top \mathrm{{diag}}(1-h_{{{t}}}^2)\,"
        rf"\frac{{\partial L}}{{\partial h_{{{t}}}}}",
        rf"\frac{{\partial L}}{{\partial h_{{{t}}}}} = {vec(es.dh)}\ \Rightarrow\\"
        rf"W^\top \mathrm{{diag}}(1-h_{{{t}}}^2)\,\frac{{\partial L}}{{\partial h_{{{t}}}}} = {vec(es.back)}",
        rf"\frac{{\partial L}}{{\partial h_{{{t - 1}}}}} = "
        + (rf"V^\top \frac{{\partial L}}{{\partial o_{{{t - 1}}}}} + " if t > 1 else "")
        + rf"W^\top \mathrm{{diag}}(1-h_{{{t}}}^2)\,\frac{{\partial L}}{{\partial h_{{{t}}}}}",
        rf"\text{{not the error:}} \qquad "
        rf"\mathrm{{diag}}(1-h_{{{t}}}^2)\,W\,\frac{{\partial L}}{{\partial h_{{{t}}}}} = "
        rf"{vec(es.wrong)}",
    ]


def error_step_caption(es) -> str:
    t = es.t
    gap = float(np.linalg.norm(es.back - es.wrong))
    first = ("" if t > 1 else " (at t = 1 it reaches h₀, which has no loss of its own)")
    return (f"Going back from step t = {t} (from section 3's slider): the error vector is multiplied by the "
            f"Jacobian's transpose{first}. The Jacobian itself, applied to the error, gives another vector: "
            f"the two differ by {num(gap)} (‖·‖₂ of their difference), because the Jacobian diag(1 − h_t²) W is not "
            "symmetric (not even for a symmetric W: diag · W ≠ W · diag). The chart above "
            "measures ‖∂h_T/∂h_t‖₂, which a matrix shares with its transpose: its bound holds either way.")


def jacobian_overflow(first: int) -> str:
    return (f"‖∂h_T/∂h_t‖ overflowed float64 (inf) from T − t = {first} on: "
            "the gradient exploded beyond 1.8 × 10³⁰⁸. Those points are not drawn.")


def jacobian_description(jac, seq_len: int, rho: float) -> str:
    """Text alternative of ‖∂h_T/∂h_t‖₂ against its bound."""
    return (f"Line chart, log scale, of ‖∂h_T/∂hₜ‖₂ (solid) and its bound (‖W‖₂ γ)^(T−t) (dashed) over the "
            f"distance T − t from 0 to {seq_len}, with ρ = {rho:g}: at T − t = {seq_len} the norm is "
            f"{num(jac.norm[-1])} and the bound {num(jac.bound[-1])}.")


def jacobian(jac, seq_len: int) -> str:
    """The one-step Jacobian and the bound on ‖∂h_T/∂h_0‖₂ with this run's numbers."""
    T = seq_len
    return (rf"\frac{{\partial h_t}}{{\partial h_{{t-1}}}} = \mathrm{{diag}}(1-h_t^2)\,W \\[4pt]"
            rf"\Big\|\frac{{\partial h_T}}{{\partial h_0}}\Big\|_2 = {latex_sci(jac.norm[-1], 3)} \le "
            rf"(\|W\|_2\,\gamma)^{{{T}}} = ({jac.w_norm:.3g} \cdot {jac.gamma:.3f})^{{{T}}} = "
            rf"{latex_sci(jac.bound[-1], 3)}")


# ---------------------------------------------------------------------------------------------- the opening figure
def hero_caption(chars: str, seq_len: int) -> str:
    """What to notice in the opening figure, the unfolded network over the page's T."""
    return (f"The RNN unfolded over T = {seq_len} steps of the text {quoted(chars[:seq_len + 1])}: one column per "
            "step, every column the same cell with the same U, W, V. Back-propagation runs right to left through "
            "this graph, and each step adds its share to the gradient of the one W.")


def hero_description(chars: str, seq_len: int) -> str:
    """Text alternative of the opening figure, the unfolded network with no step highlighted."""
    drawn = _drawn(step_window(seq_len, seq_len), seq_len)
    return (f"The page's opening figure: the RNN unfolded over {steps(seq_len)}{drawn}, one column per step, "
            f"each reading one character of {quoted(chars[:seq_len])} into its hidden state and predicting the next, "
            "the hidden states chained left to right through W.")


def hero_loss(yhat, targets) -> tuple[str, str]:
    """The loss of the untrained network over the whole sequence, L = Σ_t −log ŷ_t[target_t], and what
    guessing would give, T log K when each of the K characters is equally likely."""
    seq_len, vocab = yhat.shape
    loss = float(-np.log(yhat[np.arange(seq_len), targets]).sum())
    guess = seq_len * math.log(vocab)
    side = "above" if loss > guess else "below"
    return (rf"L = \sum_{{t=1}}^{{{seq_len}}} -\log \hat y_t[\text{{target}}_t] = {loss:.2f}",
            f"Guessing among the K = {vocab} characters alike would give T log K = {guess:.2f}; the untrained "
            f"network is {abs(loss - guess):.2f} {side} that. Training moves U, W, V down the gradient of L, which "
            "section 4 computes.")
