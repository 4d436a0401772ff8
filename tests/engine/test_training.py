"""SGD on the adding problem: data, gradients, determinism, and what clipping does to a run."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from engine import lstm, rnn, training
from tests.engine import reference_training as reference
from tests.engine.helpers import assert_same_in_threads, finite_difference

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


def _rebuild(model, arrays):
    """A model of the same kind from (mutable) arrays in the order of ``Model.arrays()``."""
    first, second, third, v, a = arrays
    if model.kind == "lstm":
        net = lstm.LSTMParams(first, second, third, model.net.p)
    else:
        net = rnn.RNNParams(U=first, W=second, b=third, V=model.net.V, c=model.net.c)
    return training.Model(net, v, float(a[0]))


@pytest.mark.parametrize("kind", training.MODELS)
def test_batch_gradient_matches_finite_differences(kind):
    config = replace(SMALL, model=kind)
    model = replace(training.init_model(config), a=0.3)
    x, s = training.adding_batch(config.seq_len, 3, seed=1, step=0)
    _, grads = training.loss_and_grads(model, x, s)
    arrays = [a.copy() for a in model.arrays()]

    def loss():
        return training.loss_and_grads(_rebuild(model, arrays), x, s)[0]

    for k, array in enumerate(arrays):
        np.testing.assert_allclose(grads[k], finite_difference(loss, array), rtol=1e-5, atol=1e-8)


def test_rnn_runs_are_deterministic_and_an_unclipped_explosion_is_reported():
    config = replace(training.TrainConfig(), model="rnn", n_steps=300)
    first, second = training.compare(config), training.compare(config)
    np.testing.assert_array_equal(first["norm"].loss, second["norm"].loss)
    assert first["none"].diverged_at is not None  # the default learning rate blows the simple RNN up
    assert first["norm"].diverged_at is None and np.isfinite(first["norm"].loss).all()


def test_deterministic_for_a_seed_and_across_threads():
    def work(key):
        kind, seed = key
        runs = training.compare(replace(SMALL, model=kind, seed=seed))
        return np.concatenate([np.r_[log.loss, log.grad_norm] for log in runs.values()])

    assert_same_in_threads(work, [("lstm", 0), ("lstm", 0), ("rnn", 0), ("lstm", 1)])
    assert not np.array_equal(work(("lstm", 0)), work(("lstm", 1)))


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
    with pytest.raises(ValueError, match="mode"):
        training.train_steps(SMALL, "sometimes")  # when called, not at the first step


def test_one_kernel_per_batch_equals_the_checked_per_sequence_path():
    # the fast path skips lstm_forward/lstm_backward's checks; same kernels, so the same numbers up to
    # the order of the 8-term read-out sum (numpy's dot may add in another order)
    for H in (3, 5, 8):
        config = training.TrainConfig(seq_len=9, n_hidden=H, seed=4)
        model = replace(training.init_model(config), a=0.3)
        x, s = training.adding_batch(config.seq_len, 7, seed=4, step=2)
        loss, grads = training.loss_and_grads(model, x, s)
        ref_loss, ref_grads = reference.loss_and_grads(model, x, s)
        assert loss == pytest.approx(ref_loss, rel=1e-14)
        for g, r in zip(grads, ref_grads, strict=True):
            np.testing.assert_allclose(g, r, rtol=1e-12, atol=1e-15)


def test_rnn_batch_gradient_equals_the_numpy_bptt():
    config = training.TrainConfig(seq_len=11, n_hidden=6, seed=5, model="rnn")
    model = replace(training.init_model(config), a=-0.2)
    x, s = training.adding_batch(config.seq_len, 5, seed=5, step=3)
    loss, grads = training.loss_and_grads(model, x, s)
    ref_loss, ref_grads = reference.loss_and_grads(model, x, s)
    assert loss == pytest.approx(ref_loss, rel=1e-14)
    for g, r in zip(grads, ref_grads, strict=True):
        np.testing.assert_allclose(g, r, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("model", ["lstm", "rnn"])
def test_a_whole_run_matches_the_reference_path(monkeypatch, model):
    config = replace(SMALL, model=model, n_steps=60, lr=1.5, clip=0.3)
    fast = training.train(config, "norm")
    monkeypatch.setattr(training, "loss_and_grads", reference.loss_and_grads)
    slow = training.train(config, "norm")
    np.testing.assert_allclose(fast.loss, slow.loss, rtol=1e-6)  # rounding differences, 60 SGD steps on
    np.testing.assert_array_equal(fast.clipped, slow.clipped)


def test_models_own_checked_read_only_copies():
    model = training.init_model(replace(SMALL, model="rnn"))
    with pytest.raises(ValueError, match="W"):
        replace(model, net=replace(model.net, W=np.full_like(model.net.W, np.inf)))
    with pytest.raises(ValueError, match="v"):
        replace(model, v=np.ones(SMALL.n_hidden + 1))  # a read-out of the wrong length
    with pytest.raises(ValueError, match="a"):
        replace(model, a=float("nan"))
    with pytest.raises(TypeError, match="net"):
        training.Model("weights", model.v, 0.0)
    v = np.array(model.v)
    own = training.Model(model.net, v, 0.0)
    x, s = training.adding_batch(SMALL.seq_len, 3, seed=0, step=0)
    before = training.loss_and_grads(own, x, s)[0]
    v[0] = np.nan  # written by the caller after validation: must not flow through
    assert training.loss_and_grads(own, x, s)[0] == before
    with pytest.raises(ValueError, match="read-only"):
        own.v[0] = 1.0


@pytest.mark.parametrize("kind", training.MODELS)
def test_bad_batches_raise(kind):
    model = training.init_model(replace(SMALL, model=kind))
    x, s = training.adding_batch(SMALL.seq_len, 3, seed=0, step=0)
    with pytest.raises(ValueError, match="x must have shape"):
        training.loss_and_grads(model, x[:, :, :1], s)
    with pytest.raises(ValueError, match="s must have shape"):
        training.loss_and_grads(model, x, s[:2])  # targets of the wrong length
    with pytest.raises(ValueError, match="batch size"):
        training.loss_and_grads(model, x[:0], s[:0])
    with pytest.raises(ValueError, match="sequence length"):
        training.loss_and_grads(model, x[:, :0], s)
    with pytest.raises(TypeError, match="complex"):
        training.loss_and_grads(model, x + 0j, s)
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


def test_warm_up_compiles_the_kernels_a_run_uses():
    training.warm_up()
    assert training._readout_kernel.signatures
    assert rnn._hidden_kernel.signatures and rnn._bptt_kernel.signatures
