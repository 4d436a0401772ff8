"""What the back-propagation page states (ui/lstm_backprop/text.py), against the article and the engine:
the RNN's error goes back by the transpose, the cell's error is not the forget gates' product, the
adding problem is named after its form, the page says it clips once, and the chain rule comes first."""

from __future__ import annotations

import pathlib
import re

import numpy as np
import pytest

from engine import chainrule
from ui.lstm_backprop import data as cached
from ui.lstm_backprop import sections, text


def _rows(latex: str) -> list[str]:
    """The rows of an aligned/gathered block (split at \\\\)."""
    return [row for row in re.split(r"\\\\(?:\[[^\]]*\])?", latex) if row.strip()]


def _terms(row: str) -> int:
    """Top-level '+' signs of a row, plus one: the terms written on it (parentheses and braces nest; the
    '+' that continues the row above is not a term of its own)."""
    row = re.sub(r"^\s*&?\s*(\\quad)?\s*\+", "", row)
    depth, count = 0, 1
    for ch in row:
        depth += ch in "({["
        depth -= ch in ")}]"
        count += ch == "+" and depth == 0
    return count


# ------------------------------------------------------------------ 1: Jacobian and its transpose
def test_the_rnn_error_goes_back_by_the_transpose_and_both_are_named():
    idea = text.THROUGH_TIME_IDEA
    assert r"\mathrm{diag}(1 - h_t^2)\,W" in idea and "Jacobian" in idea
    assert r"W^\top \mathrm{diag}(1 - h_t^2)" in idea and "transpose" in idea
    assert r"\delta h_{t-1} = W^\top \operatorname{diag}(1-h_t^2)" in text.GRADIENT_PRODUCTS
    assert "(Jacobian)" in text.GRADIENT_PRODUCTS and "transpose" in text.GRADIENT_PRODUCTS


def test_no_section_says_the_error_is_multiplied_by_the_jacobian_itself():
    source = "".join(pathlib.Path(m.__file__).read_text(encoding="utf-8") for m in (sections, text))
    assert "every step multiplies it by" not in source


# ------------------------------------------------------------------ 2: the full ∂c_t/∂c_{t−1}
def test_the_page_no_longer_says_the_cell_error_follows_the_forget_gates():
    summary = {"lstm_cell_first": 1.2e-9, "rnn_hidden_first": 7e-18, "rnn_w_norm": 1.0, "mean_forget": 0.72,
               "highway_first": 7.4e-12}
    caption = text.flow_caption(summary, 100, 1e-308)
    assert "follows" not in caption and "highway alone would bring back 7.4 × 10⁻¹²" in caption
    assert r"\supseteq" not in text.GRADIENT_PRODUCTS
    assert "forget gates Π f_k" not in cached.FLOW_LABELS.values()


def test_at_forget_bias_minus_2_the_cell_error_and_the_highway_are_24_orders_apart():
    _, summary = cached.flow_frame(100, -2.0, 1.0, 42)
    assert summary["lstm_cell_first"] == pytest.approx(2.86e-57, rel=1e-2)
    assert summary["highway_first"] == pytest.approx(1.40e-81, rel=1e-2)
    assert "24 orders of magnitude below the true error" in text.flow_caption(summary, 100, cached.TINY)


def test_saturated_gates_and_small_r_make_the_highway_a_fair_approximation():
    _, summary = cached.flow_frame(100, 4.0, 0.1, 42)
    assert "fair approximation" in text.flow_caption(summary, 100, cached.TINY)
    assert "no peepholes" in text.HIGHWAY_WHEN and "small recurrent" in text.HIGHWAY_WHEN
    assert "saturated" in text.HIGHWAY_WHEN


def test_the_cell_jacobian_entry_is_written_with_live_numbers():
    v = chainrule.cell_jacobian_terms(chainrule.chain_demo(42), 4, 0)
    latex = text.cell_entry_latex(v, 5, 1, 0.454)
    assert r"\mathbf{0.454}" in latex and "f_t = 0.6" in latex
    assert "0.454 against f_t = 0.600" in text.cell_entry_caption(v, 5, 1, 0.454)
    first = chainrule.cell_jacobian_terms(chainrule.chain_demo(42), 0, 0)
    assert "d_y = 0" in text.cell_entry_caption(first, 1, 1, first["total"])


@pytest.mark.parametrize(("t", "j"), [(5, 1), (1, 2), (8, 4), (3, 3)])
def test_the_cell_entry_is_checked_by_finite_differences_on_the_page(t, j):
    """The entry the page prints is checked where it is shown: central finite differences of c_t[j] with
    respect to c_{t−1}[j] through the same step (y_{t−1} recomputed), beside it with their relative difference."""
    v = cached.cell_jacobian_terms(42, t, j)
    fd = cached.cell_jacobian_fd(42, t, j)
    assert text.relative_difference(v["total"], fd) < 1e-7
    assert rf"\approx {fd:.3f}" in text.cell_entry_latex(v, t, j, fd).replace("(", "").replace(")", "")
    caption = text.cell_entry_caption(v, t, j, fd)
    assert f"finite differences: {fd:.3f} (relative difference " in caption
    assert text.text_sci(text.relative_difference(v["total"], fd), 1) in caption
    assert "engine's tests" not in text.CELL_JACOBIAN_LEAD and "finite differences" in text.CELL_JACOBIAN_LEAD


def test_the_relative_difference_is_said_with_its_size():
    caption = text.cell_entry_caption(cached.cell_jacobian_terms(42, 5, 1), 5, 1, 0.4)
    assert "finite differences: 0.400 (relative difference 0.1" in caption  # a failed check would show


@pytest.mark.parametrize(("flags", "said"), [
    (np.arange(1000) % 2 == 0, "about half the steps (500 of 1,000) had norms above τ, throughout training"),
    (np.arange(1000) < 60, "a few steps (60 of 1,000) had norms above τ, most of them early (the last at step 60)"),
    (np.ones(1000, bool), "every step (1,000 of 1,000) had norms above τ, throughout training"),
    (np.zeros(200, bool), "no step of 200 had a norm above τ"),
])
def test_the_norm_caption_follows_the_clipped_steps(flags, said):
    assert said in text.training_norm_caption(flags)
    assert "all along" not in text.training_norm_caption(flags)


@pytest.mark.parametrize("latex", [text.CELL_JACOBIAN, text.GRADIENT_PRODUCTS, text.PATHS_RULES],
                         ids=["cell-jacobian", "gradient-products", "paths-rules"])
def test_new_formulas_have_at_most_three_terms_a_row(latex):
    assert all(_terms(row) <= 3 for row in _rows(latex)), [r for r in _rows(latex) if _terms(r) > 3]


def test_the_cell_entry_has_at_most_three_terms_a_row():
    v = chainrule.cell_jacobian_terms(chainrule.chain_demo(42), 4, 0)
    rows = _rows(text.cell_entry_latex(v, 5, 1, v["total"]))
    assert all(_terms(row) <= 3 for row in rows), rows


# ------------------------------------------------------------------ 3: the adding problem's name
def test_the_adding_problem_is_named_after_le_jaitly_and_hinton():
    assert "Le, Jaitly & Hinton (2015)" in text.TRAINING_IDEA
    assert "adding problem of Hochreiter & Schmidhuber" not in text.TRAINING_IDEA
    refs = " ".join(text.REFERENCES)
    assert "arXiv:1504.00941" in refs and "different variant" in refs


# ------------------------------------------------------------------ 4: clipping once, said
def test_the_page_says_it_clips_once_where_the_article_clips_every_step():
    note = text.CLIP_ONCE_NOTE
    assert "every time step" in note and "once per back-propagation pass" in note
    assert "clip_grad_norm_" in note and "direction" in note


# ------------------------------------------------------------------ 5: the chain rule on a small graph
@pytest.mark.parametrize("n", [1, 2, 6])
def test_the_sum_over_paths_is_written_three_products_a_row(n):
    ps = chainrule.path_sum(0.5, -0.3, n)
    latex = text.path_sum_latex(ps)
    rows = _rows(latex)
    assert all(_terms(row) <= 3 for row in rows), rows
    assert latex.count(r"\cdot") == n
    caption = text.path_caption(ps)
    assert ("one path" if n == 1 else f"{n} paths") in caption and "finite differences" in caption


def test_the_small_graph_comes_first():
    assert sections.SECTIONS[0] is sections.chain_rule_paths
    assert sections.SECTIONS.index(sections.chain_rule_paths) < sections.SECTIONS.index(sections.chain_rule)


# ------------------------------------------------------------------ 6: the article's two notes, sourced
def test_mitigate_not_solve_and_the_forget_gate_ablation_are_on_the_page():
    note = text.MITIGATE_NOTE
    assert "mitigate" in note and "do not solve" in note
    assert "Greff et al." in note and "forget gate" in note and "output activation" in note
    assert any("NFG" in ref and "NOAF" in ref for ref in text.REFERENCES)
