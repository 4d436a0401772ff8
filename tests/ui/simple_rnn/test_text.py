"""ui/simple_rnn/text.py: the formulas' numbers and the notes that explain a zero or a rounding error."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine import rnn, sequences
from ui.kit.numbers import fixed
from ui.simple_rnn import text


@pytest.fixture(scope="module")
def run():
    task = sequences.char_task(12)
    params = rnn.init_rnn(len(task.vocab), 4, len(task.vocab), seed=1, recurrent_scale=0.9)
    trace = rnn.rnn_forward(params, task.x)
    return task, trace, rnn.rnn_bptt(params, trace, task.targets)


def test_latex_vectors_print_no_negative_zero():
    assert fixed(-0.004, 2) == "0.00" and fixed(-0.0, 3) == "0.000" and fixed(-0.006, 2) == "-0.01"
    assert text.vec(np.array([-0.001, -0.0, 0.5]), 2) == r"\begin{bmatrix}0.00, 0.00, 0.50\end{bmatrix}^\top"
    assert "-0.00" not in text.vec(np.array([-1e-9] * 8), 2)


def test_forward_formulas_carry_the_steps_numbers(run):
    task, trace, grads = run
    x, a, h, o, yhat, loss = text.forward_at(trace, task, grads, 3)
    assert rf"\mathrm{{onehot}}({text.char(task.chars[2])})" in x and "h_{2}" in x
    assert text.vec(trace.a[2]) in a and text.vec(trace.h[2]) in h
    target = task.targets[2]
    assert f"{trace.yhat[2, target]:.4f}" in yhat and f"({len(task.vocab)}" in o
    assert f"{-np.log(trace.yhat[2, target]):.4f}" in loss and f"{grads.loss:.3f}" in loss  # L_t = −log ŷ_t[target]
    first = text.forward_at(trace, task, grads, 1)[0]
    assert r"h_{0} = \begin{bmatrix}0.000, 0.000, 0.000, 0.000\end{bmatrix}" in first


def test_gradient_formula_says_undefined_rather_than_zero_when_the_full_gradient_is_zero():
    assert "undefined" in text.gradient(1, 0.0, 0.0, 0.0)
    assert r"\text{relative error} = 0.25" in text.gradient(3, 3.0, 4.0, 1.0)
    assert r"\nabla_W^{(k=3)}" in text.gradient(3, 3.0, 4.0, 1.0)


def test_zero_truncation_error_is_explained_by_reach_or_by_rounding():
    reach = text.zero_note(pd.DataFrame({"k": [18, 19, 20], "error": [1e-9, 0.0, 0.0]}), 20)
    assert "reach every step" in reach and "rounding" not in reach
    rounding = text.zero_note(pd.DataFrame({"k": [16, 17, 18], "error": [1e-17, 0.0, 0.0]}), 20)
    assert "below float64 rounding" in rounding and "k = T − 1 = 19" in rounding
    assert text.zero_note(pd.DataFrame({"k": [1, 2], "error": [0.5, 0.1]}), 20) == ""
    assert r"\text{float rounding" in text.relative_error(3.96e-16) and "float" not in text.relative_error(0.332)


# ------------------------------------------------------------------- text alternatives of the figures

@pytest.fixture(scope="module")
def grads(run):
    task, trace, full = run
    params = rnn.init_rnn(len(task.vocab), 4, len(task.vocab), seed=1, recurrent_scale=0.9)
    return params, full, rnn.rnn_bptt(params, trace, task.targets, truncation=3)


def test_subscripts_and_spans_read_as_plain_text():
    assert text.sub("h", 19) == "h₁₉" and text.sub("L", 200) == "L₂₀₀"
    assert text.span(4, 4) == "step 4" and text.span(1, 7) == "steps 1 to 7"
    assert text.num(-0.4213, 2) == "−0.42" and text.num(9.55e22) == "9.55 × 10²²"
    assert text.quoted(" ") == "space" and text.quoted("a") == "'a'"


def test_diagram_descriptions_follow_the_step_and_the_window(run):
    task = run[0]
    five, six = text.unfolded_description(task.chars, 12, 5), text.unfolded_description(task.chars, 12, 6)
    assert "step 5 highlighted: h₄ and x₅" in five and f"input {text.quoted(task.chars[4])}" in five
    assert f"target {text.quoted(task.chars[5])}" in five and five != six
    assert "⋯" in five and "steps 3, 4, 5, 6, 7 drawn" in five  # 12 > 5 steps: a window around t
    assert "⋯" not in text.unfolded_description(task.chars, 5, 3)
    assert text.window_note([None, 3, 4, 5, 6, 7, None], 12) == (" A window of the 12 steps is drawn (steps 3–7); "
                                                                 "⋯ stands for the others.")
    assert "steps 1, 2, 19, 20)" in text.window_note([1, 2, None, 19, 20], 20)
    assert text.window_note([1, 2, 3], 3) == ""
    back = text.backward_description(12, 10, 3)
    assert "from h₁₀ to h₈, 3 steps (window k = 3)" in back and "steps 1 to 7 and steps 11 to 12" in back
    assert "stays at h₁" in text.backward_description(1, 1, 1) and "reaches every hidden state" in \
        text.backward_description(1, 1, 1)
    assert "8 units" in text.folded_description(17, 8) and "17 entries" in text.folded_description(17, 8)


def test_chart_descriptions_carry_the_runs_numbers(run, grads):
    _, trace, full = run
    _, _, cut = grads
    hidden = text.hidden_description(trace.h, 3)
    assert "4 hidden units over 12 steps" in hidden
    assert f"h₃ runs from {text.num(trace.h[2].min(), 2)} to {text.num(trace.h[2].max(), 2)}" in hidden
    assert hidden != text.hidden_description(trace.h, 4)
    loss = text.loss_description(full.loss_steps, 3)
    assert f"L₃ = {text.num(full.loss_steps[2])}" in loss and f"L = {text.num(full.loss, 4)}" in loss
    norms = text.error_norm_description(full.dh, cut.dh, 3)
    first_full, first_cut = (np.linalg.norm(g.dh[0]) for g in (full, cut))
    assert "k = 3" in norms and f"full BPTT gathers {text.num(first_full)}, truncated {text.num(first_cut)}" in norms
    assert "coincide" in text.error_norm_description(full.dh, full.dh, 12)
    steps = [4, 5, 6, 7, 8]
    panels = [f"step {s}" for s in steps] + ["… other steps", "Σ, k = 3", "Σ, full BPTT"]
    contrib = text.contributions_description(panels, 4, cut.W, full.W, 3)
    assert "8 small heatmaps" in contrib and "4×4 contribution to ∂L/∂W of steps 4 to 8, the other steps" in contrib
    assert text.num(np.linalg.norm(cut.W)) in contrib and text.num(np.linalg.norm(full.W)) in contrib


def test_truncation_descriptions_count_what_the_window_keeps():
    paths = pd.DataFrame({"t": [2, 3, 3, 4, 4, 4], "s": [2, 2, 3, 2, 3, 4],
                          "log10_norm": [-1.0, -2.5, -1.2, -3.0, -2.0, 0.5],
                          "kept": [True, True, True, False, True, True]})
    said = text.paths_description(paths, 2)
    assert "6 pairs" in said and "from −3 to 0.5" in said and "5 pairs within k = 2 steps are kept, 1 further" in said
    assert "h₀ = 0" in text.paths_description(paths[:0], 1)
    errors = pd.DataFrame({"k": [1, 2, 3, 4], "error": [0.8, 0.25, 0.0, 0.0]})
    said = text.truncation_error_description(errors, 2)
    assert "from 1 to 4" in said and "0.8 at k = 1" in said and "exactly 0 from k = 3 on" in said
    assert said.endswith("k = 2 is marked and labelled: 0.25.")
    assert text.truncation_error_description(errors, 1).endswith("labelled: 0.8.")


def test_jacobian_description_names_rho_and_the_last_norms():
    jac = rnn.JacobianNorms(np.arange(4), np.array([1.0, 0.5, 0.2, 0.05]), np.array([1.0, 0.9, 0.81, 0.729]),
                            0.9, 1.0, 0.9)
    said = text.jacobian_description(jac, 3, 0.9)
    assert "ρ = 0.9" in said and "at T − t = 3 the norm is 0.05 and the bound 0.729" in said


def test_exploded_vectors_and_sums_keep_their_width_in_powers_of_ten():
    said = text.vec(np.array([2.4e14, -7.0, 0.5, 1.0, 2.0, 3.0]))
    assert r"2.4 \times 10^{14}" in said and said.count(",") == 3 and r"\dots" in said
    frame = pd.DataFrame({"t": [1, 2, 3], "value": [0.0, 7.99e13, 2.38e14], "running": [0.0, 7.99e13, 3.18e14]})
    formula = text.copies_numbers(frame, (8, 3), 3.18e14)
    assert "79893" not in formula and r"\times 10^{14}" in formula


def test_the_text_line_says_it_is_the_first_t_plus_one_characters():
    line = text.shapes("teddy bears are on sa", 17, 8)
    assert "first T + 1 = 21 characters" in line  # not a cut-off placeholder


def test_the_dense_review_writes_the_sum_of_w_kj_delta_k_with_the_engines_numbers():
    net = rnn.dense_backprop(3, 3, 3, 2)
    for j in (1, 2, 3):
        formula = text.dense_delta(net, j)
        terms = [net.W2[k, j - 1] * net.delta_out[k] for k in range(2)]
        assert rf"(w_{{1{j}}}\delta_{{1}} + w_{{2{j}}}\delta_{{2}})" in formula
        assert fixed(terms[0]) in formula and fixed(abs(terms[1])) in formula
        assert formula.endswith(f"= {fixed((1 - net.h1[j - 1] ** 2) * sum(terms))}")
        weights, check = text.dense_gradients(net, j)
        assert ", ".join(fixed(net.delta_hidden[j - 1] * x) for x in net.x) in weights
        assert check.endswith(rf"{fixed(net.delta_hidden[j - 1])}\quad (\varepsilon = 10^{{-6}})")
    for k in (1, 2):
        assert rf"\delta_{{{k}}} = y_{{{k}}} - d_{{{k}}} = {fixed(net.y[k - 1])}" in text.dense_outputs(net)
    assert "δ₂ = " in text.dense_description(net, 2) and "hidden neuron 2" in text.dense_description(net, 2)


@pytest.mark.parametrize(("M", "H", "K"), [(3, 3, 2), (17, 8, 17), (17, 32, 17)])
def test_parameter_counts_are_m_n_plus_m_per_layer_and_match_the_engines_arrays(M, H, K):
    params = rnn.init_rnn(M, H, K, seed=0)
    total = sum(getattr(params, name).size for name in "UWbVc")
    table, formula, shared = text.rnn_count(M, H, K, 20)
    assert formula.endswith(f"= {total:,}".replace(",", "{,}"))
    assert f"**{total:,}**" in table and f"W (W_hh) {H}·{H} = {H * H:,}" in table
    assert f"still **{total:,}**" in shared and f"20 × {total:,} = {20 * total:,}" in shared
    assert "one U, W, V, b and c" in shared
    assert "still" not in text.rnn_count(M, H, K, 1)[2]  # T = 1: one copy, said so
    dense = text.dense_count(M, H, K)
    assert dense.endswith(rf"= {H * M + H} + {K * H + K} = {H * M + H + K * H + K}\ \text{{parameters}}")


def test_the_unfolded_copies_say_when_they_are_capped():
    from ui.simple_rnn.diagrams import copies_shown

    assert text.copies_drawn(1, copies_shown(1)) == "all 1 copy drawn"
    assert text.copies_drawn(3, copies_shown(3)) == "all 3 copies drawn"
    assert "copies 1, 2 and 9 drawn, the 6 between them as ⋯ (capped" in text.copies_drawn(9, copies_shown(9))
    assert "capped" in text.unfolded_dcl_description(9, copies_shown(9))


def test_the_split_neurons_formula_adds_its_three_parts():
    from ui.simple_rnn.data import NeuronAt

    n = NeuronAt(t=4, unit=2, char="b", bias=0.1, recurrent=-0.3, input=0.25, a=0.05, h=0.04996)
    formula = text.neuron_formula(n)
    assert r"U_{2,\text{b}}" in formula and "= 0.100 + (-0.300) + 0.250 = 0.050" in formula
    assert formula.endswith(r"h_{4,2} = \tanh(a_{4,2}) = \tanh(0.050) = 0.050")
    assert "hₜ" not in text.neuron_description(n) and "h₃ through row 2 of W" in text.neuron_description(n)
