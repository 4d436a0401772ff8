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
