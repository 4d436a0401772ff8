"""engine/rnn.py against a numpy loop, finite differences and torch autograd (float64)."""

from __future__ import annotations

import numpy as np
import pytest

from engine import rnn
from engine.rnn import RNNParams, gradient_paths, init_rnn, jacobian_norms, rnn_bptt, rnn_forward
from tests.engine import reference_rnn as ref
from tests.engine.helpers import assert_same_in_threads, finite_difference

NAMES = "UWbVc"


def random_case(seed=0, M=3, H=5, K=4, T=9, scale=1.0):
    g = np.random.default_rng(seed)
    params = RNNParams(
        U=g.normal(size=(H, M)) * scale / np.sqrt(M), W=g.normal(size=(H, H)) * scale / np.sqrt(H),
        b=g.normal(size=H) * 0.3, V=g.normal(size=(K, H)), c=g.normal(size=K) * 0.3,
    )
    x = g.normal(size=(T, M))
    targets = g.integers(0, K, size=T)
    return params, x, targets


def as_tuple(params):
    return tuple(getattr(params, n) for n in NAMES)


def rel_err(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300)


def test_forward_matches_numpy_loop():
    params, x, _ = random_case()
    h0 = np.linspace(-0.5, 0.5, 5)
    trace = rnn_forward(params, x, h0)
    for got, want in zip((trace.a, trace.h, trace.o, trace.yhat),
                         ref.naive_forward(*as_tuple(params), x, h0), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(trace.yhat.sum(axis=1), 1.0, rtol=1e-14)


@pytest.mark.parametrize("truncation", [None, 1, 2, 4, 9])
def test_bptt_matches_numpy_reference(truncation):
    params, x, targets = random_case(seed=1)
    grads = rnn_bptt(params, rnn_forward(params, x), targets, truncation)
    want = ref.naive_bptt(*as_tuple(params), x, targets, truncation)
    for n in NAMES:
        np.testing.assert_allclose(getattr(grads, n), want[n], rtol=1e-11, atol=1e-13)
    assert grads.loss == pytest.approx(ref.naive_loss(*as_tuple(params), x, targets), rel=1e-12)


def test_step_contributions_sum_to_gradients():
    params, x, targets = random_case(seed=2)
    for truncation in (None, 3):
        g = rnn_bptt(params, rnn_forward(params, x), targets, truncation)
        for n in NAMES:
            steps = getattr(g, f"d{n}_steps")
            assert steps.shape == (9, *getattr(params, n).shape)
            np.testing.assert_allclose(steps.sum(axis=0), getattr(g, n), rtol=1e-13, atol=1e-15)


def test_full_gradient_matches_finite_differences():
    params, x, targets = random_case(seed=3, T=6)
    grads = rnn_bptt(params, rnn_forward(params, x), targets)
    arrays = {n: getattr(params, n).copy() for n in NAMES}

    def loss():
        return ref.naive_loss(*arrays.values(), x, targets)

    for n in NAMES:
        np.testing.assert_allclose(getattr(grads, n), finite_difference(loss, arrays[n]), rtol=1e-6, atol=1e-8)


def test_dh_is_gradient_with_respect_to_hidden_state():
    """∂L/∂h_t checked by perturbing h_t inside the loop (a forward from h_t onwards)."""
    params, x, targets = random_case(seed=4, T=5)
    trace = rnn_forward(params, x)
    grads = rnn_bptt(params, trace, targets)
    t, eps = 2, 1e-6

    def loss_from(h_t):
        later = ref.naive_loss(*as_tuple(params), x[t + 1:], targets[t + 1:], h0=h_t)
        o = params.c + params.V @ h_t
        return later + float(np.log(np.exp(o).sum()) - o[targets[t]])

    num = np.array([(loss_from(trace.h[t] + eps * e) - loss_from(trace.h[t] - eps * e)) / (2 * eps)
                    for e in np.eye(5)])
    np.testing.assert_allclose(grads.dh[t], num, rtol=1e-6, atol=1e-9)


def test_truncation_at_seq_len_equals_full():
    params, x, targets = random_case(seed=5, T=12)
    trace = rnn_forward(params, x)
    full = rnn_bptt(params, trace, targets)
    for k in (12, 50):
        trunc = rnn_bptt(params, trace, targets, truncation=k)
        assert trunc.truncation == 12
        for n in (*NAMES, "dh", "da", "dW_steps"):
            np.testing.assert_allclose(getattr(trunc, n), getattr(full, n), rtol=1e-12, atol=1e-14)
    assert full.truncation == 12


def test_truncation_one_keeps_only_the_own_step():
    params, x, targets = random_case(seed=6)
    trace = rnn_forward(params, x)
    g = rnn_bptt(params, trace, targets, truncation=1)
    np.testing.assert_allclose(g.dh, (g.dc_steps @ params.V), rtol=1e-13)


def test_gradient_paths_rebuild_truncated_gradients():
    params, x, targets = random_case(seed=7, T=10)
    trace = rnn_forward(params, x)
    paths = gradient_paths(params, trace, targets)
    full = rnn_bptt(params, trace, targets)
    assert np.isnan(paths.norm[0, 1]) and np.all(np.isfinite(np.tril(paths.norm)))
    for k in (1, 3, 10):
        g = rnn_bptt(params, trace, targets, truncation=k)
        np.testing.assert_allclose(paths.W_by_lag[:k].sum(axis=0), g.W, rtol=1e-11, atol=1e-13)
        want = np.linalg.norm(g.W - full.W) / np.linalg.norm(full.W)
        assert paths.truncation_error[k - 1] == pytest.approx(want, rel=1e-9, abs=1e-13)
    assert paths.truncation_error[-1] == pytest.approx(0.0, abs=1e-13)
    # one entry checked by hand: L_t through step s is ∂L_t/∂a_s h_{s−1}ᵀ
    t, s = 6, 3
    ref_path = ref.naive_bptt(*as_tuple(params), x[: t + 1], targets[: t + 1], truncation=t - s + 1)
    shorter = ref.naive_bptt(*as_tuple(params), x[: t + 1], targets[: t + 1], truncation=t - s)
    earlier = ref.naive_bptt(*as_tuple(params), x[:t], targets[:t], truncation=t - s + 1)
    earlier_short = ref.naive_bptt(*as_tuple(params), x[:t], targets[:t], truncation=t - s)
    only_pair = (ref_path["W"] - shorter["W"]) - (earlier["W"] - earlier_short["W"])
    assert paths.norm[t, s] == pytest.approx(np.linalg.norm(only_pair), rel=1e-9)


def test_jacobian_norms_match_products_and_respect_bound():
    params, x, _ = random_case(seed=8, T=15, scale=1.5)
    trace = rnn_forward(params, x)
    jn = jacobian_norms(params, trace)
    T = 15
    assert jn.lag.tolist() == list(range(T + 1)) and jn.norm[0] == pytest.approx(1.0)
    for lag in (1, 5, 15):
        want = np.linalg.norm(ref.naive_jacobian(params.W, trace.h, T - lag), 2)
        assert jn.norm[lag] == pytest.approx(want, rel=1e-10)
    assert np.all(jn.norm <= jn.bound * (1 + 1e-12))
    assert jn.w_norm == pytest.approx(np.linalg.norm(params.W, 2))
    assert 0 < jn.gamma <= 1


def test_recurrent_scale_sets_spectral_radius_and_controls_vanishing():
    x = np.zeros((60, 2))
    small = init_rnn(2, 16, 3, seed=4, recurrent_scale=0.5)
    big = init_rnn(2, 16, 3, seed=4, recurrent_scale=3.0)
    assert rnn.spectral_radius(small.W) == pytest.approx(0.5)
    assert rnn.spectral_radius(big.W) == pytest.approx(3.0)
    np.testing.assert_allclose(np.linalg.svd(small.W, compute_uv=False), 0.5, rtol=1e-12)
    h0 = np.full(16, 1e-3)
    vanish = jacobian_norms(small, rnn_forward(small, x, h0)).norm
    assert vanish[-1] < 1e-12  # ρ = 0.5 over 60 steps
    explode = jacobian_norms(big, rnn_forward(big, x, np.zeros(16))).norm
    assert explode[-1] > 1e20  # h stays at 0: ∂h_T/∂h_0 = W^60


def test_overflowing_jacobian_is_reported_as_inf():
    params = init_rnn(1, 4, 2, seed=0, recurrent_scale=1e5)
    jn = jacobian_norms(params, rnn_forward(params, np.zeros((80, 1))))
    assert np.isinf(jn.norm[-1]) and np.isinf(jn.bound[-1])
    assert np.all(np.isfinite(jn.norm[:20]))


def test_init_is_seeded():
    a = init_rnn(3, 6, 2, seed=11)
    b = init_rnn(3, 6, 2, seed=11)
    c = init_rnn(3, 6, 2, seed=12)
    for n in NAMES:
        np.testing.assert_array_equal(getattr(a, n), getattr(b, n))
    assert not np.array_equal(a.W, c.W)
    assert a.U.shape == (6, 3) and a.V.shape == (2, 6) and a.n_hidden == 6


def test_same_results_from_several_threads():
    params, x, targets = random_case(seed=9, H=12, T=40)

    def work(truncation):
        return rnn_bptt(params, rnn_forward(params, x), targets, truncation=truncation).W

    assert_same_in_threads(work, [None, 1, 5, 5, 39])


@pytest.mark.parametrize(
    "call",
    [
        lambda p, x, y: init_rnn(0, 3, 2, seed=0),
        lambda p, x, y: init_rnn(2, 3, 2, seed=-1),
        lambda p, x, y: init_rnn(2, 3.5, 2, seed=0),
        lambda p, x, y: init_rnn(2, 3, 2, seed=0, recurrent_scale=-1.0),
        lambda p, x, y: init_rnn(2, 3, 2, seed=0, recurrent_scale=float("nan")),
        lambda p, x, y: rnn_forward(p, x[:, :2]),
        lambda p, x, y: rnn_forward(p, x[:0]),
        lambda p, x, y: rnn_forward(p, np.full_like(x, np.nan)),
        lambda p, x, y: rnn_forward(p, x, h0=np.zeros(2)),
        lambda p, x, y: rnn_forward(RNNParams(p.U, p.W[:, :2], p.b, p.V, p.c), x),
        lambda p, x, y: rnn_forward("weights", x),
        lambda p, x, y: rnn_bptt(p, rnn_forward(p, x), y[:-1]),
        lambda p, x, y: rnn_bptt(p, rnn_forward(p, x), y + 10),
        lambda p, x, y: rnn_bptt(p, rnn_forward(p, x), y * 0.5),
        lambda p, x, y: rnn_bptt(p, rnn_forward(p, x), y, truncation=0),
        lambda p, x, y: rnn_bptt(p, rnn_forward(p, x), y, truncation=2.5),
        lambda p, x, y: rnn_bptt(p, "trace", y),
        lambda p, x, y: jacobian_norms(p, None),
    ],
)
def test_bad_arguments_raise_a_clear_error(call):
    params, x, targets = random_case(seed=10)
    with pytest.raises((ValueError, TypeError)):
        call(params, x, targets)


def test_warm_up_compiles_every_kernel_the_public_functions_use():
    rnn.warm_up()  # the kernels the public functions call (helpers such as _recurrence compile into them)
    for name in ("_forward_kernel", "_hidden_kernel", "_output_kernel", "_bptt_kernel", "_paths_kernel",
                 "_jacobians_kernel"):
        assert getattr(rnn, name).signatures, f"{name} was not compiled by warm_up"


def test_every_kernel_has_one_compiled_version_whoever_calls_it():
    """The frozen parameters and the training's own updated copies reach the same kernels: one signature
    each (a read-only array would be a second compile of every kernel both reach, ~3 s of a cold start)."""
    rnn.warm_up()
    params, x, targets = random_case(seed=12)
    rnn.sgd_bptt(params, x, targets, lr=0.1, n_passes=2, chunk_len=3, truncation=2)
    trace = rnn.rnn_forward(params, x)
    rnn.rnn_bptt(params, trace, targets, truncation=2)
    rnn.gradient_paths(params, trace, targets)
    rnn.jacobian_norms(params, trace)
    batch = np.stack([x, x])
    rnn.rnn_hidden_backward(params, batch, rnn.rnn_hidden(params, batch), np.ones((2, *trace.h.shape)))
    kernels = ("_forward_kernel", "_hidden_kernel", "_output_kernel", "_bptt_kernel", "_paths_kernel",
               "_jacobians_kernel", "_sgd_kernel")  # (the helpers they call compile into them)
    assert {name: len(getattr(rnn, name).signatures) for name in kernels} == dict.fromkeys(kernels, 1)


@pytest.mark.torch
@pytest.mark.parametrize("truncation", [None, 1, 3, 8])
def test_gradients_match_torch_float64(truncation):
    torch = pytest.importorskip("torch")
    params, x, targets = random_case(seed=11, M=3, H=6, K=4, T=8, scale=1.2)
    grads = rnn_bptt(params, rnn_forward(params, x), targets, truncation)
    want, loss = ref.torch_grads(torch, *as_tuple(params), x, targets, truncation)
    assert grads.loss == pytest.approx(loss, rel=1e-12)
    for n in NAMES:
        assert rel_err(getattr(grads, n), want[n]) < 1e-9, n


@pytest.mark.torch
def test_forward_matches_torch_nn_rnn():
    torch = pytest.importorskip("torch")
    params, x, _ = random_case(seed=12)
    net = torch.nn.RNN(3, 5, nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.tensor(params.U))
        net.weight_hh_l0.copy_(torch.tensor(params.W))
        net.bias_ih_l0.copy_(torch.tensor(params.b))
        net.bias_hh_l0.zero_()
        out, _ = net(torch.tensor(x)[:, None, :])
    np.testing.assert_allclose(rnn_forward(params, x).h, out[:, 0].numpy(), rtol=1e-12, atol=1e-14)


def test_hidden_states_of_a_batch_are_the_forward_pass_of_each_sequence():
    params, x, _ = random_case(seed=13, T=7)
    batch = np.stack([x, -x, 0.5 * x])  # (3, T, M)
    h0 = np.linspace(-0.3, 0.3, 5)
    h = rnn.rnn_hidden(params, batch, h0)
    assert h.shape == (3, 7, 5)
    for k in range(3):
        np.testing.assert_array_equal(h[k], rnn_forward(params, batch[k], h0).h)


@pytest.mark.parametrize("truncation", [None, 1, 3, 6, 7])
def test_hidden_backward_is_the_bptt_of_the_errors_entering_each_state(truncation):
    """The one backward pass fed ε_t = Vᵀ ∂L/∂o_t gives rnn_bptt's gradients; over a batch, their sums."""
    params, x, targets = random_case(seed=14, T=7)
    other_x = np.random.default_rng(1).normal(size=x.shape)
    grads = [rnn_bptt(params, rnn_forward(params, xs), targets, truncation) for xs in (x, other_x)]
    batch = np.stack([x, other_x])
    h = rnn.rnn_hidden(params, batch)
    eps = np.stack([g.dc_steps @ params.V for g in grads])  # (2, T, H): Vᵀ ∂L/∂o_t
    back = rnn.rnn_hidden_backward(params, batch, h, eps, truncation=truncation)
    for n in "UWb":
        np.testing.assert_allclose(getattr(back, n), getattr(grads[0], n) + getattr(grads[1], n),
                                   rtol=1e-12, atol=1e-14)
    for k in range(2):
        np.testing.assert_allclose(back.dh[k], grads[k].dh, rtol=1e-12, atol=1e-14)


def test_an_error_at_the_last_state_only_matches_torch_autograd():
    """The read-out case of engine.training and engine.gradflow: ∂(u · h_T)/∂θ."""
    torch = pytest.importorskip("torch")
    params, x, _ = random_case(seed=15, T=12, scale=1.3)
    u = np.random.default_rng(2).normal(size=5)
    eps = np.zeros((1, 12, 5))
    eps[0, -1] = u
    back = rnn.rnn_hidden_backward(params, x[None], rnn.rnn_hidden(params, x[None]), eps)
    U, W, b = (torch.tensor(getattr(params, n), requires_grad=True) for n in "UWb")
    h = torch.zeros(5, dtype=torch.float64)
    for x_t in torch.tensor(x):
        h = torch.tanh(b + W @ h + U @ x_t)
    (torch.tensor(u) @ h).backward()
    for n, t in zip("UWb", (U, W, b), strict=True):
        np.testing.assert_allclose(getattr(back, n), t.grad.numpy(), rtol=1e-12, atol=1e-14)


def test_params_own_read_only_copies():
    params, x, _ = random_case(seed=16)
    W = np.array(params.W)
    own = RNNParams(params.U, W, params.b, params.V, params.c)
    before = rnn_forward(own, x).h
    W[0, 0] = np.nan  # written by the caller after validation: must not reach a kernel
    np.testing.assert_array_equal(rnn_forward(own, x).h, before)
    for n in NAMES:
        with pytest.raises(ValueError, match="read-only"):
            getattr(own, n)[...] = 0.0


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda p, q, x, y: rnn_bptt(q, rnn_forward(p, x), y), "trace"),  # a trace of another model
        (lambda p, q, x, y: jacobian_norms(q, rnn_forward(p, x)), "trace"),
        (lambda p, q, x, y: gradient_paths(q, rnn_forward(p, x), y), "trace"),
        (lambda p, q, x, y: rnn.rnn_hidden_backward(p, x[None], rnn.rnn_hidden(q, x[None]), np.zeros((1, 9, 5))), "h"),
        (lambda p, q, x, y: rnn.rnn_hidden_backward(p, x[None], rnn.rnn_hidden(p, x[None]), np.zeros((1, 8, 5))), "dh"),
        (lambda p, q, x, y: rnn.rnn_hidden(p, x[None, :0]), "sequence length"),
        (lambda p, q, x, y: rnn.rnn_hidden(p, x[None][:0]), "batch size"),
        (lambda p, q, x, y: rnn_bptt(p, rnn_forward(p, x), y[:-1]), "targets"),
    ],
)
def test_shapes_that_must_agree_are_refused(call, match):
    params, x, targets = random_case(seed=17)
    bigger = init_rnn(3, 6, 4, seed=0)
    with pytest.raises(ValueError, match=match):
        call(params, bigger, x, targets)


def test_sizes_past_the_budget_are_refused_before_anything_is_allocated():
    with pytest.raises(ValueError, match="n_hidden"):
        init_rnn(2, 200_000, 2, seed=0)
    params = init_rnn(3, 64, 3, seed=0)
    with pytest.raises(ValueError, match="gradient_paths"):
        gradient_paths(params, rnn_forward(params, np.zeros((2000, 3))), np.zeros(2000, dtype=int))
