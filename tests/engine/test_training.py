"""SGD on the adding problem: data, gradients, determinism, and what clipping does to a run."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
import pytest

from engine import lstm, training
from tests.engine import reference_training as reference

SMALL = training.TrainConfig(seq_len=6, n_hidden=3, n_steps=30, batch_size=4)


@pytest.fixture(scope="module")
def default_runs():
    return training.compare(training.TrainConfig())


def test_adding_batch_marks_one_value_in_each_half():
    x, s = training.adding_batch(20, 64, seed=3, step=5)
    assert x.shape == (64, 20, 2) and s.shape == (64,)
    markers = x[:, :, 1]
    assert np.all(markers.sum(axis=1) == 2)
    assert np.all(markers[:, :10].sum(axis=1) == 1) and np.all(markers[:, 10:].sum(axis=1) == 1)
    np.testing.assert_allclose(s, (x[:, :, 0] * markers).sum(axis=1), rtol=1e-15)
    assert np.all((x[:, :, 0] >= 0) & (x[:, :, 0] < 1))
    x2, _ = training.adding_batch(20, 64, seed=3, step=6)
    assert not np.array_equal(x, x2)


def test_batch_gradient_matches_finite_differences():
    model = training.init_model(SMALL)
    model = replace(model, a=0.3)
    x, s = training.adding_batch(SMALL.seq_len, 3, seed=1, step=0)
    _, grads = training.loss_and_grads(model, x, s)
    arrays = model.arrays()
    h = 1e-6
    rng = np.random.default_rng(0)
    for k, array in enumerate(arrays):
        for flat in rng.choice(array.size, size=min(5, array.size), replace=False):
            plus, minus = [a.copy() for a in arrays], [a.copy() for a in arrays]
            plus[k].flat[flat] += h
            minus[k].flat[flat] -= h
            numeric = (_loss(plus, model, x, s) - _loss(minus, model, x, s)) / (2 * h)
            assert grads[k].flat[flat] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_rnn_batch_gradient_matches_finite_differences():
    config = replace(SMALL, model="rnn")
    model = replace(training.init_rnn_model(config), a=0.2)
    x, s = training.adding_batch(config.seq_len, 3, seed=2, step=1)
    _, grads = training.rnn_loss_and_grads(model, x, s)
    arrays = model.arrays()
    h = 1e-6
    for k, array in enumerate(arrays):
        for flat in range(min(6, array.size)):
            plus, minus = [a.copy() for a in arrays], [a.copy() for a in arrays]
            plus[k].flat[flat] += h
            minus[k].flat[flat] -= h
            numeric = (_rnn_loss(plus, model, x, s) - _rnn_loss(minus, model, x, s)) / (2 * h)
            assert grads[k].flat[flat] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def _rnn_loss(arrays, model, x, s):
    U, W, b, v, a = arrays
    net = training.rnn.RNNParams(U=U, W=W, b=b, V=model.net.V, c=model.net.c)
    return training.rnn_loss_and_grads(training.RNNModel(net, v, float(a[0])), x, s)[0]


def test_rnn_runs_are_deterministic_and_an_unclipped_explosion_is_reported():
    config = replace(training.TrainConfig(), model="rnn", n_steps=300)
    first, second = training.compare(config), training.compare(config)
    np.testing.assert_array_equal(first["norm"].loss, second["norm"].loss)
    assert first["none"].diverged_at is not None  # the default learning rate blows the simple RNN up
    assert first["norm"].diverged_at is None and np.isfinite(first["norm"].loss).all()


def _loss(arrays, model, x, s):
    W, R, b, v, a = arrays
    other = training.Model(lstm.LSTMParams(W, R, b, model.lstm.p), v, float(a[0]))
    return training.loss_and_grads(other, x, s)[0]


def test_deterministic_for_a_seed_and_across_threads():
    first = training.compare(SMALL)
    with ThreadPoolExecutor(3) as pool:
        others = list(pool.map(lambda _: training.compare(SMALL), range(3)))
    for other in others:
        for mode in first:
            np.testing.assert_array_equal(first[mode].loss, other[mode].loss)
            np.testing.assert_array_equal(first[mode].grad_norm, other[mode].grad_norm)
    changed = training.compare(replace(SMALL, seed=SMALL.seed + 1))
    assert not np.array_equal(first["none"].loss, changed["none"].loss)


def test_same_start_and_same_batches_for_both_runs(default_runs):
    # the first step's gradient is computed before any clipping happens: identical in both runs
    assert default_runs["none"].loss[0] == default_runs["norm"].loss[0]
    assert default_runs["none"].grad_norm[0] == default_runs["norm"].grad_norm[0]


def test_clipping_bounds_every_step_and_reduces_the_largest(default_runs):
    config = training.TrainConfig()
    clipped = default_runs["norm"]
    assert np.nanmax(clipped.step_length) <= config.lr * config.clip * (1 + 1e-9)
    np.testing.assert_array_equal(clipped.clipped, clipped.grad_norm + 1e-6 > config.clip)
    assert np.nanmax(clipped.step_length) < np.nanmax(default_runs["none"].step_length)
    assert clipped.n_clipped > 0 and default_runs["none"].n_clipped == 0


def test_loss_decreases_on_the_default_run(default_runs):
    loss = default_runs["norm"].loss
    assert np.isfinite(loss).all()
    assert loss[-100:].mean() < 0.5 * loss[:100].mean()
    assert loss[-100:].mean() < training.MEAN_BASELINE  # learned more than "always answer 1"


def test_progress_reaches_one_and_is_monotone():
    seen = []
    training.compare(SMALL, progress=seen.append)
    assert seen[-1] == 1.0 and np.all(np.diff(seen) >= 0)


def test_divergence_is_reported_and_the_rest_is_nan():
    log = training.train(replace(SMALL, lr=1e6, n_steps=40), "none")
    assert log.diverged_at is not None
    assert np.isnan(log.loss[log.diverged_at + 1:]).all()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"seq_len": 1}, "seq_len"), ({"n_steps": 0}, "n_steps"), ({"lr": -1.0}, "lr"),
     ({"clip": float("nan")}, "clip"), ({"seed": -2}, "seed"), ({"n_hidden": 2.5}, "n_hidden"),
     ({"seq_len": 200, "n_hidden": 32, "n_steps": 2000}, "budget"), ({"model": "gru"}, "model")],
)
def test_bad_configs_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        training.TrainConfig(**kwargs)


def test_bad_mode_raises():
    with pytest.raises(ValueError, match="mode"):
        training.train(SMALL, "sometimes")


def test_one_kernel_per_batch_equals_the_checked_per_sequence_path():
    # the fast path skips lstm_forward/lstm_backward's checks; same kernels, so the same numbers up to
    # the order of the 8-term read-out sum (numpy's dot may add in another order)
    for H in (3, 5, 8):
        config = training.TrainConfig(seq_len=9, n_hidden=H, seed=4)
        model = replace(training.init_model(config), a=0.3)
        x, s = training.adding_batch(config.seq_len, 7, seed=4, step=2)
        loss, grads = training.loss_and_grads(model, x, s)
        ref_loss, ref_grads = reference.lstm_loss_and_grads(model, x, s)
        assert loss == pytest.approx(ref_loss, rel=1e-14)
        for g, r in zip(grads, ref_grads, strict=True):
            np.testing.assert_allclose(g, r, rtol=1e-12, atol=1e-15)


def test_rnn_batch_kernel_equals_the_numpy_bptt():
    config = training.TrainConfig(seq_len=11, n_hidden=6, seed=5, model="rnn")
    model = replace(training.init_rnn_model(config), a=-0.2)
    x, s = training.adding_batch(config.seq_len, 5, seed=5, step=3)
    loss, grads = training.rnn_loss_and_grads(model, x, s)
    ref_loss, ref_grads = reference.rnn_loss_and_grads(model, x, s)
    assert loss == pytest.approx(ref_loss, rel=1e-14)
    for g, r in zip(grads, ref_grads, strict=True):
        np.testing.assert_allclose(g, r, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("model", ["lstm", "rnn"])
def test_a_whole_run_matches_the_reference_path(monkeypatch, model):
    config = replace(SMALL, model=model, n_steps=60, lr=1.5, clip=0.3)
    fast = training.train(config, "norm")
    name = "loss_and_grads" if model == "lstm" else "rnn_loss_and_grads"
    monkeypatch.setattr(training, name, getattr(reference, f"{model}_loss_and_grads"))
    slow = training.train(config, "norm")
    np.testing.assert_allclose(fast.loss, slow.loss, rtol=1e-6)  # rounding differences, 60 SGD steps on
    np.testing.assert_array_equal(fast.clipped, slow.clipped)


def test_non_finite_weights_give_nan_not_an_exception():
    model = training.init_rnn_model(replace(SMALL, model="rnn"))
    broken = replace(model, net=replace(model.net, W=np.full_like(model.net.W, np.inf)))
    x, s = training.adding_batch(SMALL.seq_len, 3, seed=0, step=0)
    loss, grads = training.rnn_loss_and_grads(broken, x, s)
    assert np.isnan(loss) and all(np.isnan(g).all() for g in grads)


def test_bad_batches_raise():
    model = training.init_model(SMALL)
    x, s = training.adding_batch(SMALL.seq_len, 3, seed=0, step=0)
    with pytest.raises(ValueError, match="shape"):
        training.loss_and_grads(model, x[:, :, :1], s)
    x[0, 0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        training.loss_and_grads(model, x, s)


def test_within_budget_lowers_only_the_steps():
    config = training.TrainConfig(seq_len=60)
    capped = training.within_budget(config, 30_000_000)
    assert capped.work <= 30_000_000 and capped.n_steps % 50 == 0
    assert replace(capped, n_steps=config.n_steps) == config
    assert training.within_budget(config, config.work) is config
    assert training.within_budget(config, 1).n_steps == 50


def test_warm_up_compiles_both_batch_kernels():
    training.warm_up()
    assert training._lstm_batch_kernel.signatures and training._rnn_batch_kernel.signatures
