"""engine.rnn.sgd_bptt: gradient descent with truncated BPTT, by chunks (the article's) or by window."""

from __future__ import annotations

import numpy as np
import pytest

from engine import rnn, sequences


@pytest.fixture(scope="module")
def setup():
    task = sequences.char_task(30)
    K = len(task.vocab)
    return task, rnn.init_rnn(K, 5, K, seed=3, recurrent_scale=0.9)


def _step(params, grads, eta):
    return rnn.RNNParams(**{n: getattr(params, n) - eta * getattr(grads, n) for n in ("U", "W", "b", "V", "c")})


def _same(a: rnn.RNNParams, b: rnn.RNNParams) -> None:
    for name in ("U", "W", "b", "V", "c"):
        np.testing.assert_allclose(getattr(a, name), getattr(b, name), rtol=1e-12, atol=1e-14)


def test_one_chunk_of_the_whole_sequence_is_one_full_bptt_update(setup):
    task, params = setup
    T = len(task.targets)
    run = rnn.sgd_bptt(params, task.x, task.targets, lr=0.3, n_passes=1, chunk_len=T)
    full = rnn.rnn_bptt(params, rnn.rnn_forward(params, task.x), task.targets)
    _same(run.params, _step(params, full, 0.3 / T))
    assert run.n_updates == 1 and run.chunk_len == T and not run.diverged
    assert run.loss[0] == pytest.approx(full.loss / T)


def test_chunks_update_after_each_part_and_carry_the_hidden_state(setup):
    task, params = setup
    k, eta, T = 7, 0.4, len(task.targets)
    expected, h = params, np.zeros(params.n_hidden)
    for lo in range(0, T, k):
        xs, ts = task.x[lo:lo + k], task.targets[lo:lo + k]
        trace = rnn.rnn_forward(expected, xs, h0=h)
        grads = rnn.rnn_bptt(expected, trace, ts)
        expected, h = _step(expected, grads, eta / len(ts)), trace.h[-1]  # h from the weights before the update
    run = rnn.sgd_bptt(params, task.x, task.targets, lr=eta, n_passes=1, chunk_len=k)
    _same(run.params, expected)
    assert run.n_updates == -(-T // k)
    final = rnn.rnn_bptt(expected, rnn.rnn_forward(expected, task.x), task.targets)
    assert run.loss[-1] == pytest.approx(final.loss / T)


def test_a_window_inside_one_part_is_the_pages_truncated_gradient(setup):
    task, params = setup
    T = len(task.targets)
    run = rnn.sgd_bptt(params, task.x, task.targets, lr=0.2, n_passes=1, truncation=4)
    cut = rnn.rnn_bptt(params, rnn.rnn_forward(params, task.x), task.targets, truncation=4)
    _same(run.params, _step(params, cut, 0.2 / T))
    assert run.truncation == 4 and run.chunk_len == T


def test_work_counts_products_with_w_forward_and_back():
    assert rnn.sgd_products(10, 10, 10) == (19, 1)  # 10 forward, 9 back with one carried error
    assert rnn.sgd_products(10, 5, 10) == (18, 2)  # two parts of 5: 5 + 4 each
    assert rnn.sgd_products(10, 10, 3) == (19 + 7 * 2, 1)  # 7 losses carried alone for 2 products each


def test_chunks_give_more_updates_for_no_more_work(setup):
    task, params = setup
    whole = rnn.sgd_bptt(params, task.x, task.targets, lr=0.5, n_passes=4)
    parts = rnn.sgd_bptt(params, task.x, task.targets, lr=0.5, n_passes=4, chunk_len=6)
    assert parts.n_updates == 5 * whole.n_updates and parts.work[-1] <= whole.work[-1]
    assert parts.updates[-1] == parts.n_updates and whole.updates[0] == 0


def test_seeded_runs_repeat_and_leave_the_given_weights_alone(setup):
    task, params = setup
    W = params.W.copy()
    a = rnn.sgd_bptt(params, task.x, task.targets, lr=0.5, n_passes=3, chunk_len=5)
    b = rnn.sgd_bptt(params, task.x, task.targets, lr=0.5, n_passes=3, chunk_len=5)
    np.testing.assert_array_equal(a.loss, b.loss)
    np.testing.assert_array_equal(params.W, W)


def test_measures_are_bounded(setup):
    task, params = setup
    run = rnn.sgd_bptt(params, task.x, task.targets, lr=0.1, n_passes=20, chunk_len=1, n_measures=50)
    assert len(run.loss) <= 52 and run.updates[-1] == 600


def test_divergence_stops_training_and_says_so(setup):
    task, params = setup
    run = rnn.sgd_bptt(params, task.x, task.targets, lr=1e308, n_passes=3, chunk_len=5)
    assert run.diverged and run.n_updates < 18 and np.all(np.isfinite(run.loss))
    _same(run.params, params)


@pytest.mark.parametrize("kwargs, error", [
    ({"lr": 0.0}, ValueError), ({"lr": "fast"}, TypeError), ({"n_passes": 0}, ValueError),
    ({"n_passes": 2.5}, ValueError), ({"chunk_len": 0}, ValueError), ({"truncation": True}, TypeError),
    ({"n_measures": 0}, ValueError),
])
def test_bad_arguments_are_refused_by_name(setup, kwargs, error):
    task, params = setup
    args = {"lr": 0.1, "n_passes": 1} | kwargs
    with pytest.raises(error, match=next(iter(kwargs))):
        rnn.sgd_bptt(params, task.x, task.targets, **args)


def test_too_much_work_is_refused_before_it_starts():
    task = sequences.char_task(2000)
    K = len(task.vocab)
    params = rnn.init_rnn(K, 64, K, seed=0)
    with pytest.raises(ValueError, match="work budget"):
        rnn.sgd_bptt(params, task.x, task.targets, lr=0.1, n_passes=1000, truncation=500)
