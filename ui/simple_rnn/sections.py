"""Page sections of the simple-RNN page: live formulas and chart groups built from one cached run."""

from __future__ import annotations

import numpy as np
import streamlit as st

from ui import present
from ui.kit.numbers import latex_sci
from ui.simple_rnn import charts, text
from ui.simple_rnn import data as cached
from ui.simple_rnn.diagrams import unfolded_rnn_dot


def _width(run: cached.RNNRun) -> str:
    """Stretch the unfolded diagram only when it has enough columns (h_0 plus T ≥ 3 steps)."""
    return "stretch" if run.trace.seq_len >= 3 else "content"


def forward_formulas(run: cached.RNNRun, step: int) -> None:
    """a_t, h_t, o_t, ŷ_t and L_t at ``step`` with their numbers."""
    tr, t = run.trace, step - 1
    h_prev = tr.h0 if t == 0 else tr.h[t - 1]
    vocab, chars = run.task.vocab, run.task.chars
    target = run.task.targets[t]
    best = int(np.argmax(tr.yhat[t]))
    present.formula(rf"x_{{{step}}} = \mathrm{{onehot}}({text.char(chars[t])}),"
                    rf"\quad h_{{{step - 1}}} = {text.vec(h_prev)}")
    present.formula(rf"a_{{{step}}} = b + W h_{{{step - 1}}} + U x_{{{step}}} = {text.vec(tr.a[t])}")
    present.formula(rf"h_{{{step}}} = \tanh(a_{{{step}}}) = {text.vec(tr.h[t])}")
    present.formula(rf"o_{{{step}}} = c + V h_{{{step}}} = {text.vec(tr.o[t], 2)}"
                    rf"\quad({len(vocab)}\ \text{{scores, one per character}})")
    present.formula(
        rf"\hat y_{{{step}}} = \mathrm{{softmax}}(o_{{{step}}}):\ \hat y_{{{step}}}[{text.char(vocab[target])}]"
        rf" = {tr.yhat[t, target]:.4f}\ (\text{{target}}),\ \max = \hat y_{{{step}}}[{text.char(vocab[best])}]"
        rf" = {tr.yhat[t, best]:.4f}")
    present.formula(rf"L_{{{step}}} = -\log \hat y_{{{step}}}[{text.char(vocab[target])}] = "
                    rf"{run.grads.loss_steps[t]:.4f},\qquad L = \textstyle\sum_t L_t = {run.grads.loss:.3f}")


def forward_section(run: cached.RNNRun, step: int) -> None:
    st.graphviz_chart(unfolded_rnn_dot(run.trace.seq_len, step=step), width=_width(run))
    st.caption(f"The same U, W, V, b, c at every step; the highlighted column is step t = {step} "
               f"(input '{run.task.chars[step - 1]}', target '{run.task.chars[step]}').")
    forward_formulas(run, step)
    present.show_chart(charts.hidden_heatmap(cached.hidden_frame(run), step), cached.hidden_frame(run),
                       name="hidden_states", caption="Hidden states h_t over time, one row per unit "
                       "(red > 0, blue < 0, as on the LSTM pages; tanh keeps them in (−1, 1)). Each column "
                       "depends on all the inputs so far: that is the RNN's memory.")


def bptt_section(run: cached.RNNRun, cut, step: int, k: int) -> None:
    """Losses, errors flowing back, per-step contributions and their sum, truncation."""
    full = run.grads
    if not np.all(np.isfinite(full.W)):
        present.overflow_note("The gradient ∂L/∂W exploded past float64 (inf or NaN entries): "
                              "shown as such below. Lower ρ or T to get finite numbers.")
    left, right = st.columns(2)
    with left:
        present.show_chart(charts.loss_chart(cached.loss_frame(run), step), cached.loss_frame(run),
                           name="loss_per_step", caption="The loss at each step: how surprised the "
                           "untrained net is by the next character. L is their sum.")
    with right:
        norms = cached.error_norm_frame(full, cut)
        present.show_chart(charts.error_norm_chart(norms, run.trace.seq_len), norms, name="error_norms",
                           caption="‖∂L/∂h_t‖: the error gathered at step t, from its own loss and "
                           "from all later losses through W. Truncation keeps only the last k.")
    st.graphviz_chart(unfolded_rnn_dot(run.trace.seq_len, backward=(step, k)), width=_width(run))
    st.caption(f"The error of L_{step} flows back (dashed) through at most k = {k} steps; "
               "grey hidden states are beyond its window.")
    steps = cached.contribution_steps(run.trace.seq_len, step)
    contrib = cached.contributions_frame(cut, full, steps)
    present.show_chart(charts.contributions_chart(contrib), contrib, name="dW_contributions",
                       caption="Each step's contribution ∂L/∂a_t h_{t−1}ᵀ to the gradient of the one "
                       "shared W, side by side, then their sum: the single update W ← W − η Σ "
                       "(red > 0, blue < 0; colours on a symmetric log scale). "
                       "Step 1 contributes nothing because h₀ = 0.")
    _truncation_views(run, k)
    full_norm = np.linalg.norm(full.W)
    error = (rf"\text{{relative error}} = {_relative_error(np.linalg.norm(cut.W - full.W) / full_norm)}"
             if full_norm > 0
             else r"\text{relative error undefined } (h_0 = 0 \Rightarrow \nabla_W = 0)")
    present.formula(
        rf"\frac{{\partial L}}{{\partial W}} = \sum_{{t=1}}^{{T}} \frac{{\partial L}}{{\partial a_t}}"
        rf" h_{{t-1}}^\top \\[4pt] \|\nabla_W^{{(k={k})}}\|_F = {latex_sci(np.linalg.norm(cut.W), 4)},\ "
        rf"\|\nabla_W\|_F = {latex_sci(full_norm, 4)},\ {error}")


def _truncation_views(run, k: int) -> None:
    """Which (loss, step) pairs a window k keeps, and the truncated gradient's error for every k."""
    if run.trace.seq_len == 1:
        st.info("With one step, L₁'s error has no earlier step to reach: there is nothing to truncate, and "
                "h₀ = 0 gives W no gradient. Make T ≥ 2 to see truncated BPTT drop contributions.")
        return
    paths = cached.paths_frame(run, k)
    errors = cached.truncation_error_frame(run)
    left, right = st.columns(2)
    with left:
        present.show_chart(charts.paths_heatmap(paths), paths, name="gradient_paths",
                           caption=f"How much each loss L_t (row) sends to ∂L/∂W through step s "
                           f"(column). Grey pairs lie more than k − 1 = {k - 1} steps back: "
                           "truncated BPTT drops them.")
    with right:
        present.show_chart(charts.truncation_error_chart(errors, k, run.trace.seq_len), errors,
                           name="truncation_error", caption="Relative error of the truncated gradient "
                           "against full BPTT, for every window k." + _zero_note(errors, run.trace.seq_len))


FLOAT_ROUNDING = 1e-13  # relative differences below this are float64 rounding (ε ≈ 2.2 × 10⁻¹⁶, summed)


def _relative_error(value: float) -> str:
    """The truncated gradient's relative error, said to be rounding when it is."""
    if 0 < value < FLOAT_ROUNDING:
        return rf"{latex_sci(value, 3)}\ (\text{{float rounding}})"
    return latex_sci(value, 3)


def _zero_note(errors, seq_len: int) -> str:
    """Where the truncation error reads 0, and why: the window reaches every step that contributes
    (k ≥ T − 1, as step 1 adds nothing when h₀ = 0), or what it drops is below float64 rounding."""
    zero = errors.loc[errors["error"] == 0, "k"]
    if zero.empty:
        return ""
    first = int(zero.min())
    text = f" It reads 0 from k = {first} on (▼ on the bottom edge; a log axis has no 0): "
    if first >= seq_len - 1:
        return text + "those windows reach every step that contributes, and step 1 adds nothing because h₀ = 0."
    return text + (f"what those windows drop is below float64 rounding of the sum; only from k = T − 1 = "
                   f"{seq_len - 1} do they reach every step that contributes (step 1 adds nothing: h₀ = 0).")


def vanishing_section(run: cached.RNNRun) -> None:
    jac = run.jacobians
    frame = cached.jacobian_frame(run)
    if not np.all(np.isfinite(jac.norm)):
        first = int(np.argmax(~np.isfinite(jac.norm)))
        present.overflow_note(f"‖∂h_T/∂h_t‖ overflowed float64 (inf) from T − t = {first} on: "
                              "the gradient exploded beyond 1.8 × 10³⁰⁸. Those points are not drawn.")
    present.show_chart(charts.jacobian_chart(frame, run.trace.seq_len), frame, name="jacobian_norms",
                       caption="How strongly h_T still depends on h_t, against the bound. Below 1 "
                       "(ρ < 1) both fall exponentially: the gradient vanishes. Above 1 the bound "
                       "grows and the norm can explode, unless saturated tanh units (small tanh') "
                       "hold it back.")
    T = run.trace.seq_len
    present.formula(
        rf"\frac{{\partial h_t}}{{\partial h_{{t-1}}}} = \mathrm{{diag}}(1-h_t^2)\,W \\[4pt]"
        rf"\Big\|\frac{{\partial h_T}}{{\partial h_0}}\Big\|_2 = {latex_sci(jac.norm[-1], 3)} \le "
        rf"(\|W\|_2\,\gamma)^{{{T}}} = ({jac.w_norm:.3g} \cdot {jac.gamma:.3f})^{{{T}}} = "
        rf"{latex_sci(jac.bound[-1], 3)}")
