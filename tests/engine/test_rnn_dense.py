"""engine.rnn.dense_backprop (the article's review of DCL back-propagation) against a numpy loop,
finite differences of every weight, torch autograd (float64) and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import rnn
from tests.engine.helpers import assert_refused, bad_counts, bad_reals, finite_difference

SIZES = [(3, 3, 2), (1, 1, 1), (4, 5, 3), (7, 2, 6)]


def naive_backprop(x, W1, b1, W2, b2, d):
    """One line per equation, one neuron at a time: the δ of each hidden neuron j sums w_kj δ_k over k."""
    H, M = W1.shape
    K = W2.shape[0]
    a = [sum(W1[j, i] * x[i] for i in range(M)) + b1[j] for j in range(H)]
    h = [np.tanh(a_j) for a_j in a]
    y = [sum(W2[k, j] * h[j] for j in range(H)) + b2[k] for k in range(K)]
    delta_out = [y[k] - d[k] for k in range(K)]
    delta_hidden = [(1 - h[j] ** 2) * sum(W2[k, j] * delta_out[k] for k in range(K)) for j in range(H)]
    dW2 = [[delta_out[k] * h[j] for j in range(H)] for k in range(K)]
    dW1 = [[delta_hidden[j] * x[i] for i in range(M)] for j in range(H)]
    return {"a1": a, "h1": h, "y": y, "delta_out": delta_out, "delta_hidden": delta_hidden,
            "dW1": dW1, "db1": delta_hidden, "dW2": dW2, "db2": delta_out}


@pytest.mark.parametrize(("M", "H", "K"), SIZES)
@pytest.mark.parametrize("seed", [0, 42])
def test_matches_a_neuron_by_neuron_loop(seed, M, H, K):
    net = rnn.dense_backprop(seed, M, H, K)
    want = naive_backprop(net.x, net.W1, net.b1, net.W2, net.b2, net.d)
    for name, value in want.items():
        np.testing.assert_allclose(getattr(net, name), np.array(value), rtol=1e-12, atol=1e-15, err_msg=name)
    assert net.loss == pytest.approx(0.5 * sum((np.array(want["y"]) - net.d) ** 2), rel=1e-12)
    assert net.shape == (M, H, K)


@pytest.mark.parametrize(("M", "H", "K"), SIZES)
def test_every_gradient_matches_central_finite_differences(M, H, K):
    net = rnn.dense_backprop(7, M, H, K)
    arrays = {name: np.array(getattr(net, name)) for name in ("W1", "b1", "W2", "b2")}

    def loss() -> float:
        r = arrays["W2"] @ np.tanh(arrays["W1"] @ net.x + arrays["b1"]) + arrays["b2"] - net.d
        return 0.5 * float(r @ r)

    for name, array in arrays.items():
        np.testing.assert_allclose(getattr(net, "d" + name), finite_difference(loss, array), rtol=1e-6, atol=1e-9,
                                   err_msg=name)
    # what the page prints beside δ_j: the engine's own central difference in the bias b_j
    np.testing.assert_allclose(net.fd_delta_hidden, net.delta_hidden, rtol=1e-6, atol=1e-9)


def test_the_terms_are_w_kj_delta_k_and_their_sums_give_the_hidden_deltas():
    net = rnn.dense_backprop(42)
    for k in range(2):
        for j in range(3):
            assert net.terms[k, j] == net.W2[k, j] * net.delta_out[k]
    np.testing.assert_allclose(net.delta_hidden, (1 - net.h1**2) * net.terms.sum(axis=0), rtol=1e-14)


@pytest.mark.torch
def test_matches_torch_autograd_float64():
    torch = pytest.importorskip("torch")
    net = rnn.dense_backprop(3, 4, 5, 3)
    t = {n: torch.tensor(np.array(getattr(net, n)), dtype=torch.float64, requires_grad=True)
         for n in ("W1", "b1", "W2", "b2")}
    x, d = (torch.tensor(np.array(v), dtype=torch.float64) for v in (net.x, net.d))
    a1 = t["W1"] @ x + t["b1"]
    a1.retain_grad()
    y = t["W2"] @ torch.tanh(a1) + t["b2"]
    y.retain_grad()
    loss = 0.5 * ((y - d) ** 2).sum()
    loss.backward()
    assert loss.item() == pytest.approx(net.loss, rel=1e-13)
    np.testing.assert_allclose(net.delta_out, y.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(net.delta_hidden, a1.grad.numpy(), rtol=1e-12)
    for name, value in t.items():
        np.testing.assert_allclose(getattr(net, "d" + name), value.grad.numpy(), rtol=1e-12, err_msg=name)


def test_same_seed_same_net_other_seed_other_net():
    a, b, c = rnn.dense_backprop(5), rnn.dense_backprop(5), rnn.dense_backprop(6)
    for name in ("x", "W1", "b1", "W2", "b2", "d"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.W1, c.W1)


SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(which=st.sampled_from(["n_input", "n_hidden", "n_output"]), value=bad_counts(1, rnn.MAX_DENSE))
def test_bad_sizes_are_refused(which, value):
    sizes = {"n_input": 3, "n_hidden": 3, "n_output": 2, which: value}
    assert_refused(lambda: rnn.dense_backprop(0, **sizes), which)


@SETTINGS
@given(seed=bad_counts(0, 2**31 - 1), step=st.one_of(bad_reals(), st.sampled_from([0.0, -1e-6, 0.5])))
def test_bad_seeds_and_steps_are_refused(seed, step):
    assert_refused(lambda: rnn.dense_backprop(seed), "seed")
    assert_refused(lambda: rnn.dense_backprop(0, fd_step=step), "fd_step")
