"""ui/simple_rnn/data.py: the per-step copies W^(t), one step back of the error, the training runs."""

from __future__ import annotations

import numpy as np
import pytest

from engine import rnn, sequences
from ui.simple_rnn import data, text


@pytest.fixture(scope="module")
def run():
    task = sequences.char_task(9)
    K = len(task.vocab)
    params = rnn.init_rnn(K, 4, K, seed=5, recurrent_scale=1.3)
    trace = rnn.rnn_forward(params, task.x)
    grads = rnn.rnn_bptt(params, trace, task.targets)
    return data.RNNRun(task, params, trace, grads, rnn.gradient_paths(params, trace, task.targets),
                       rnn.jacobian_norms(params, trace))


def _loss_with_copies(params: rnn.RNNParams, task, copies: np.ndarray) -> float:
    """L with a separate recurrent matrix W^(t) at every step (copies (T, H, H)): the notation made real."""
    h, total = np.zeros(params.n_hidden), 0.0
    for t in range(len(task.targets)):
        h = np.tanh(params.b + copies[t] @ h + params.U @ task.x[t])
        o = params.c + params.V @ h
        total += np.log(np.exp(o - o.max()).sum()) + o.max() - o[task.targets[t]]
    return total


def test_the_copies_gradients_are_the_steps_parts_and_sum_to_the_one_w_gradient(run):
    frame, (i, j) = data.entry_contributions(run.grads)
    assert abs(run.grads.W[i - 1, j - 1]) == np.abs(run.grads.W).max()
    assert frame["value"].sum() == pytest.approx(run.grads.W[i - 1, j - 1], rel=1e-12)
    assert frame["running"].iloc[-1] == pytest.approx(run.grads.W[i - 1, j - 1], rel=1e-12)
    # ∂L/∂W^(t): move only the copy used at step t, by finite differences
    T, eps = len(frame), 1e-6
    for t in range(T):
        up = np.repeat(run.params.W[None], T, axis=0)
        down = up.copy()
        up[t, i - 1, j - 1] += eps
        down[t, i - 1, j - 1] -= eps
        loss_up, loss_down = (_loss_with_copies(run.params, run.task, c) for c in (up, down))
        numeric = (loss_up - loss_down) / (2 * eps)
        assert frame["value"].iloc[t] == pytest.approx(numeric, abs=1e-8)
    formula = text.copies_numbers(frame, (i, j), run.grads.W[i - 1, j - 1])
    assert f"W_{{{i}{j}}}" in formula and formula.endswith(f"{run.grads.W[i - 1, j - 1]:.4f}")


@pytest.mark.parametrize("t", [1, 4, 9])
def test_one_step_back_multiplies_the_error_by_the_jacobians_transpose(run, t):
    step = data.error_step(run, t)
    J = np.diag(1 - run.trace.h[t - 1] ** 2) @ run.params.W  # ∂h_t/∂h_{t−1}
    np.testing.assert_allclose(step.back, J.T @ step.dh, rtol=1e-12)
    np.testing.assert_allclose(step.wrong, J @ step.dh, rtol=1e-12)
    assert np.linalg.norm(step.back - step.wrong) > 1e-3  # J is not symmetric: the two are not the same
    if t > 1:  # the engine's BPTT: ∂L/∂h_{t−1} = Vᵀ ∂L/∂o_{t−1} + Jᵀ ∂L/∂h_t
        np.testing.assert_allclose(step.own + step.back, run.grads.dh[t - 2], rtol=1e-10, atol=1e-14)
    lines = text.error_step(step)
    assert text.vec(step.back) in lines[2] and text.vec(step.wrong) in lines[4] and "not" in lines[4]
    caption = text.error_step_caption(step)  # the reason is the Jacobian's asymmetry, and the chart is above
    assert "Jacobian diag(1 − h_t²) W is not symmetric" in caption and "chart above" in caption


def test_a_symmetric_w_still_sends_the_error_back_differently(run):
    """diag(1 − h²) W is not symmetric even when W is: the caption's reason is the Jacobian, not W."""
    W = run.params.W + run.params.W.T
    J = np.diag(1 - run.trace.h[3] ** 2) @ W
    assert np.abs(J - J.T).max() > 1e-6


def test_the_elman_note_is_about_the_article_and_says_what_differs():
    note = text.ELMAN_NOTE
    assert "same recurrence" in note and "training" in note and "back-propagates through time" in note


def test_training_runs_three_ways_within_the_budget():
    run = data.training(4, 0.9, 1, 30, 2)
    kinds = data.training_kinds(30)
    assert set(run.curves["kind"]) == set(kinds) and not run.capped and not run.diverged
    assert run.updates == {kinds[0]: 16, kinds[1]: 2, kinds[2]: 2}
    ends = run.curves.groupby("kind")["work"].max()
    assert ends[kinds[0]] <= ends[kinds[2]] < ends[kinds[1]]  # chunks: no more work than full BPTT
    assert data.passes_within(32, 240, 120, 40) < 40
    capped = data.training(32, 0.9, 1, 120, 40)
    assert capped.capped == (kinds[1].replace("30", "120"),)
    assert "Work bounded" in text.capped_note(capped.capped, capped.passes, capped.asked)


@pytest.mark.parametrize("t", [1, 4, 9])
def test_the_split_neurons_parts_add_up_to_the_engines_pre_activation(run, t):
    H = run.params.n_hidden
    for unit in range(1, H + 1):
        n = data.neuron_at(run, t, unit)
        assert n.bias + n.recurrent + n.input == pytest.approx(run.trace.a[t - 1, unit - 1], abs=1e-12)
        assert n.a == run.trace.a[t - 1, unit - 1] and n.h == pytest.approx(np.tanh(n.a), abs=1e-15)
        # x_t is one-hot: the input part is the one weight U[i, c] of the character read
        c = run.task.vocab.index(run.task.chars[t - 1])
        assert n.input == run.params.U[unit - 1, c] and n.char == run.task.chars[t - 1]
    assert data.neuron_at(run, 1, 1).recurrent == 0.0  # h_0 = 0


def test_the_dense_net_is_the_articles_three_three_two_net_of_the_seed():
    net = data.dense_net(42)
    assert net.shape == data.DENSE_SIZES == (3, 3, 2)
    np.testing.assert_array_equal(net.W2, rnn.dense_backprop(42, 3, 3, 2).W2)
