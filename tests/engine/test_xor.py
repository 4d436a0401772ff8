"""XOR: the perceptron fails, backprop succeeds; gradients against finite differences and torch."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import rng, xor
from tests.engine import reference_xor as ref
from tests.engine.helpers import assert_same_in_threads, finite_difference

# --------------------------------------------------------------------------- the historical result


def test_perceptron_fails_on_xor_default_seed():
    result = xor.train_perceptron()
    assert result.final_accuracy <= 0.75
    assert (result.accuracy <= 0.75).all()
    assert (result.mistakes > 0).all(), "it keeps making mistakes: the rule never settles"


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, rng.MAX_SEED),
    n_epochs=st.integers(1, 200),
    eta=st.floats(0.01, 5.0),
)
def test_perceptron_never_exceeds_three_of_four_on_xor(seed, n_epochs, eta):
    # no line separates XOR (Minsky & Papert 1969), whatever the seed, length or rate
    result = xor.train_perceptron(n_epochs=n_epochs, eta=eta, seed=seed)
    assert result.final_accuracy <= 0.75
    assert result.accuracy.max() <= 0.75


@pytest.mark.parametrize("gate", ["and", "or"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_perceptron_learns_linearly_separable_gates(gate, seed):
    # the perceptron convergence theorem: a separating line is found in finitely many updates
    result = xor.train_perceptron(n_epochs=100, seed=seed, gate=gate)
    assert result.final_accuracy == 1.0
    assert result.mistakes[-1] == 0


def test_perceptron_matches_plain_python_reference():
    for seed in (0, 7, 123):
        for gate in ("xor", "and"):
            res = xor.train_perceptron(n_epochs=15, eta=0.7, seed=seed, gate=gate)
            w0 = 0.5 * rng.normals(seed, 3, 11)
            w, b, acc = ref.perceptron(xor.GATES[gate], w0[:2], w0[2], 0.7, 15, seed)
            np.testing.assert_allclose(res.w, w, atol=1e-12)
            assert res.b == pytest.approx(b, abs=1e-12)
            np.testing.assert_array_equal(res.accuracy, acc)


@pytest.mark.parametrize("seed", [0, 42])  # the engine's default seed and the app's
def test_two_layer_net_solves_xor_default_seed(seed):
    result = xor.train_mlp(seed=seed)
    assert result.final_accuracy == 1.0
    assert result.loss[-1] < 0.05
    assert result.loss[-1] < result.loss[0]
    np.testing.assert_array_equal(result.probabilities > 0.5, xor.T_XOR > 0.5)


def test_two_layer_net_solves_xor_for_most_seeds():
    solved = sum(xor.train_mlp(seed=s).final_accuracy == 1.0 for s in range(40))
    assert solved >= 36


def test_single_hidden_unit_cannot_solve_xor():
    # one tanh unit is monotone along one direction: at best 3 of 4 (a sanity check on the engine)
    for seed in range(5):
        assert xor.train_mlp(n_hidden=1, n_epochs=3000, seed=seed).final_accuracy <= 0.75


# --------------------------------------------------------------------------- gradients


def _flat(p: xor.MLPParams) -> np.ndarray:
    return np.concatenate([p.W1.ravel(), p.b1, p.w2, [p.b2]])


def _unflat(theta: np.ndarray, H: int) -> xor.MLPParams:
    return xor.MLPParams(
        W1=theta[: 2 * H].reshape(H, 2), b1=theta[2 * H : 3 * H], w2=theta[3 * H : 4 * H], b2=theta[-1]
    )


@pytest.mark.parametrize(("H", "seed"), [(1, 0), (3, 5), (8, 42)])
def test_gradients_match_central_finite_differences(H, seed):
    params = xor.init_mlp(H, seed)
    loss, grads = xor.mlp_loss_and_grads(params)
    theta = _flat(params)
    assert loss == pytest.approx(ref.mlp_loss(params.W1, params.b1, params.w2, params.b2, xor.X_XOR, xor.T_XOR))
    numeric = finite_difference(lambda: xor.mlp_loss_and_grads(_unflat(theta, H))[0], theta)
    np.testing.assert_allclose(_flat(grads), numeric, rtol=1e-6, atol=1e-9)


def test_gradients_match_torch_autograd():
    torch = pytest.importorskip("torch")
    params = xor.init_mlp(5, 3)
    _, grads = xor.mlp_loss_and_grads(params)
    W1 = torch.tensor(params.W1, dtype=torch.float64, requires_grad=True)
    b1 = torch.tensor(params.b1, dtype=torch.float64, requires_grad=True)
    w2 = torch.tensor(params.w2, dtype=torch.float64, requires_grad=True)
    b2 = torch.tensor(params.b2, dtype=torch.float64, requires_grad=True)
    X = torch.tensor(xor.X_XOR)
    t = torch.tensor(xor.T_XOR)
    z = torch.tanh(X @ W1.T + b1) @ w2 + b2
    torch.nn.functional.binary_cross_entropy_with_logits(z, t).backward()
    np.testing.assert_allclose(grads.W1, W1.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(grads.b1, b1.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(grads.w2, w2.grad.numpy(), rtol=1e-10, atol=1e-14)
    assert grads.b2 == pytest.approx(float(b2.grad), rel=1e-10)


def test_training_matches_numpy_reference():
    start = xor.init_mlp(4, 9)
    result = xor.train_mlp(n_hidden=4, n_epochs=300, eta=0.8, seed=9)
    W1, b1, w2, b2, losses = ref.mlp_train(start.W1, start.b1, start.w2, start.b2, xor.X_XOR, xor.T_XOR, 0.8, 300)
    np.testing.assert_allclose(result.loss, losses, rtol=1e-9)
    np.testing.assert_allclose(result.params.W1, W1, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(result.params.b1, b1, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(result.params.w2, w2, rtol=1e-8, atol=1e-12)
    assert result.params.b2 == pytest.approx(b2, rel=1e-8)


def test_loss_stays_finite_for_large_logits():
    params = xor.MLPParams(W1=np.full((2, 2), 400.0), b1=np.zeros(2), w2=np.full(2, 400.0), b2=-5.0)
    loss, grads = xor.mlp_loss_and_grads(params)
    assert np.isfinite(loss) and np.isfinite(_flat(grads)).all()


# --------------------------------------------------------------------------- decision regions


def test_predict_agrees_with_training_outputs_and_grid_shape():
    result = xor.train_mlp()
    np.testing.assert_allclose(xor.mlp_predict(result.params, xor.X_XOR), result.probabilities, rtol=1e-12)
    axis, points = xor.grid_points(11, -0.5, 1.5)
    assert axis.shape == (11,) and points.shape == (121, 2)
    assert points[1, 0] > points[0, 0] and points[1, 1] == points[0, 1], "x1 varies fastest"
    p = xor.mlp_predict(result.params, points)
    assert p.shape == (121,) and ((p >= 0) & (p <= 1)).all()


def test_perceptron_region_is_a_half_plane():
    result = xor.train_perceptron()
    _, points = xor.grid_points(21)
    y = xor.perceptron_predict(result, points)
    np.testing.assert_array_equal(y, (points @ result.w + result.b > 0).astype(float))
    np.testing.assert_array_equal(xor.perceptron_predict(result, xor.X_XOR), result.predictions)


def test_perceptron_history_ends_with_the_final_weights():
    result = xor.train_perceptron(n_epochs=12, seed=4)
    assert result.history.shape == (12, 3)
    np.testing.assert_array_equal(result.history[-1], [*result.w, result.b])


@pytest.mark.parametrize(
    ("w1", "w2", "b", "expected"),
    [
        (1.0, 1.0, -1.0, (-0.5, 1.5, 1.5, -0.5)),  # the anti-diagonal x1 + x2 = 1
        (0.0, 1.0, -0.5, (-0.5, 0.5, 1.5, 0.5)),  # horizontal
        (1.0, 0.0, -0.5, (0.5, -0.5, 0.5, 1.5)),  # vertical
        (1.0, 1.0, 10.0, None),  # misses the square
        (0.0, 0.0, 1.0, None),  # no line at all
    ],
)
def test_boundary_segment(w1, w2, b, expected):
    got = xor.boundary_segment(w1, w2, b, -0.5, 1.5)
    if expected is None:
        assert got is None
    else:
        np.testing.assert_allclose(got, expected)
        x1, x2, x1e, x2e = got
        assert w1 * x1 + w2 * x2 + b == pytest.approx(0.0, abs=1e-12)
        assert w1 * x1e + w2 * x2e + b == pytest.approx(0.0, abs=1e-12)


# --------------------------------------------------------------------------- deep sigmoid net


def test_deep_gradients_respect_the_quarter_bound():
    for gain in (0.5, 1.0, 4.0):
        g = xor.deep_sigmoid_gradients(depth=15, width=16, gain=gain, seed=2)
        assert (g.delta_norm <= g.bound * (1 + 1e-9)).all()
        assert g.delta_norm[-1] == pytest.approx(1.0) and g.bound[-1] == 1.0
        assert g.quarter_power[0] == pytest.approx(0.25**14)


def test_every_depth_at_once_is_each_depth_alone():
    every = xor.deep_sigmoid_gradients_by_depth(range(2, 13), width=8, gain=1.5, seed=3)
    assert sorted(every) == list(range(2, 13))
    for depth in (2, 7, 12):
        alone = xor.deep_sigmoid_gradients(depth=depth, width=8, gain=1.5, seed=3)
        for field in ("layer", "delta_norm", "weight_grad_norm", "bound", "quarter_power"):
            np.testing.assert_array_equal(getattr(every[depth], field), getattr(alone, field))


def test_deep_gradients_vanish_with_depth_at_unit_gain():
    g = xor.deep_sigmoid_gradients(depth=20, width=32, gain=1.0, seed=0)
    assert g.delta_norm[0] < 1e-8
    assert np.all(np.diff(np.log(g.delta_norm)) > 0), "the error shrinks layer by layer towards the input"


def test_deep_weight_gradients_match_finite_differences():
    depth, width, n = 4, 3, 5
    W, x, v = xor.deep_sigmoid_net(depth, width, 2.0, 11, n)
    g = xor.deep_sigmoid_gradients(depth, width, 2.0, 11, n)
    grad = finite_difference(lambda: ref.deep_sigmoid_loss(W, x, v), W)  # (D, n, n)
    norms = np.linalg.norm(grad.reshape(depth, -1), axis=1)
    np.testing.assert_allclose(g.weight_grad_norm, norms / norms[-1], rtol=1e-5)


# --------------------------------------------------------------------------- determinism and validation


def test_same_seed_same_result_different_seed_different_start():
    a, b = xor.train_mlp(seed=5), xor.train_mlp(seed=5)
    np.testing.assert_array_equal(a.loss, b.loss)
    assert not np.array_equal(xor.init_mlp(4, 5).W1, xor.init_mlp(4, 6).W1)
    np.testing.assert_array_equal(xor.train_perceptron(seed=3).w, xor.train_perceptron(seed=3).w)


def test_threads_get_identical_results():
    assert_same_in_threads(lambda seed: xor.train_mlp(n_hidden=6, n_epochs=500, seed=seed % 2).loss, range(6))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: xor.train_mlp(n_hidden=0), "n_hidden"),
        (lambda: xor.train_mlp(n_hidden=2.5), "whole number"),
        (lambda: xor.train_mlp(n_epochs=xor.MAX_EPOCHS + 1), "n_epochs"),
        (lambda: xor.train_mlp(eta=0.0), "learning rate"),
        (lambda: xor.train_mlp(eta=float("nan")), "learning rate"),
        (lambda: xor.train_perceptron(seed=-1), "seed"),
        (lambda: xor.train_perceptron(gate="nand"), "gate"),
        (lambda: xor.grid_points(1), "n_grid"),
        (lambda: xor.grid_points(10, 1.0, 0.0), "lo < hi"),
        (lambda: xor.mlp_predict(xor.init_mlp(), np.zeros((3, 3))), "shape"),
        (lambda: xor.deep_sigmoid_gradients(depth=1), "depth"),
        (lambda: xor.deep_sigmoid_gradients(gain=-1.0), "gain"),
        (lambda: xor.mlp_loss_and_grads(xor.MLPParams(np.zeros((2, 3)), np.zeros(2), np.zeros(2), 0.0)), "W1"),
    ],
)
def test_bad_arguments_raise_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_warm_up_compiles_every_signature_the_public_functions_use():
    """After warm_up, the page's calls (another size, another seed) compile nothing new."""
    xor.warm_up()
    kernels = (xor._perceptron_kernel, xor._mlp_train_kernel, xor._mlp_grads_kernel, xor._mlp_forward_kernel)
    compiled = [len(k.signatures) for k in kernels]
    assert all(compiled)
    result = xor.train_mlp(n_hidden=5, n_epochs=3, seed=7, gate="or")
    xor.mlp_predict(result.params, xor.grid_points(11)[1])
    xor.mlp_loss_and_grads(result.params)
    xor.train_perceptron(n_epochs=3, seed=7, gate="and")
    assert [len(k.signatures) for k in kernels] == compiled
