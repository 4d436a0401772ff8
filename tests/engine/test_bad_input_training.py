"""engine/training.py refuses bad configurations, models, batches and run arguments with a clear error; good
input still works."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import clipping, training
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, bad_reals, junk, junk_except, spoiled

SETTINGS = settings(max_examples=50, deadline=None)
COUNTS = {"seq_len": (2, training.MAX_SEQ_LEN), "n_hidden": (1, training.MAX_HIDDEN),
          "n_steps": (1, training.MAX_STEPS), "batch_size": (1, training.MAX_BATCH), "seed": (0, 2**31 - 1)}
TINY = training.TrainConfig(seq_len=4, n_hidden=3, n_steps=3, batch_size=2)
MODELS = {kind: training.init_model(replace(TINY, model=kind)) for kind in training.MODELS}
X, S = training.adding_batch(4, 2, seed=0, step=0)


@SETTINGS
@given(data=st.data(), name=st.sampled_from(sorted(COUNTS)))
def test_bad_counts_in_a_config(data, name):
    value = data.draw(bad_counts(*COUNTS[name]))
    assert_refused(lambda: training.TrainConfig(**{name: value}), name)


@SETTINGS
@given(name=st.sampled_from(["lr", "clip", "forget_bias"]), value=st.one_of(bad_reals(), st.floats(max_value=0.0)))
def test_bad_reals_in_a_config(name, value):
    if name == "forget_bias" and isinstance(value, float) and np.isfinite(value):
        return  # any finite forget-gate bias is allowed
    assert_refused(lambda: training.TrainConfig(**{name: value}), name)


@SETTINGS
@given(model=st.one_of(st.text(max_size=5).filter(lambda m: m not in training.MODELS), junk()))
def test_bad_model_names(model):
    assert_refused(lambda: training.TrainConfig(model=model), "model")


def test_a_run_past_the_budget_is_refused():
    assert_refused(lambda: training.TrainConfig(seq_len=200, n_hidden=32, n_steps=2000, batch_size=64), "budget")


@SETTINGS
@given(name=st.sampled_from(["seq_len", "batch_size", "seed", "step"]), data=st.data())
def test_bad_batch_arguments(name, data):
    limits = {"seq_len": (2, training.MAX_SEQ_LEN), "batch_size": (1, training.MAX_BATCH), "seed": (0, 2**31 - 1),
              "step": (0, 2**62 - 2)}
    args = {"seq_len": 6, "batch_size": 2, "seed": 0, "step": 0, name: data.draw(bad_counts(*limits[name]))}
    assert_refused(lambda: training.adding_batch(**args), name)


@SETTINGS
@given(kind=st.sampled_from(training.MODELS), which=st.sampled_from(["x", "s"]), spoil=st.sampled_from(SPOILS))
def test_bad_batches(kind, which, spoil):
    batch = {"x": X, "s": S}
    batch[which] = spoiled(batch[which], spoil)
    assert_refused(lambda: training.loss_and_grads(MODELS[kind], **batch), which)


@SETTINGS
@given(kind=st.sampled_from(training.MODELS), spoil=st.sampled_from(SPOILS), a=bad_reals())
def test_bad_read_outs(kind, spoil, a):
    model = MODELS[kind]
    assert_refused(lambda: training.Model(model.net, spoiled(model.v, spoil), 0.0), "v")
    assert_refused(lambda: training.Model(model.net, np.ones(model.v.size + 1), 0.0), "v")
    assert_refused(lambda: training.Model(model.net, model.v, a), "a")


@SETTINGS
@given(value=st.one_of(junk(), st.just(TINY), st.just(MODELS["lstm"].net.W)))
def test_things_that_are_not_models_configs_or_functions(value):
    assert_refused(lambda: training.Model(value, MODELS["lstm"].v, 0.0), "net")
    assert_refused(lambda: training.loss_and_grads(value, X, S), "model")
    if not isinstance(value, training.TrainConfig):
        assert_refused(lambda: training.train(value), "config")
        assert_refused(lambda: training.init_model(value), "config")
        assert_refused(lambda: training.within_budget(value, 10**6), "config")
    if value is not None:  # None: no progress reports
        assert_refused(lambda: training.compare(TINY, progress=value), "progress")


@SETTINGS
@given(mode=st.one_of(st.text(max_size=6).filter(lambda m: m not in clipping.MODES), junk_except(clipping.MODES)),
       max_work=bad_counts(1, 10**9), multiple=bad_counts(1, training.MAX_STEPS))
def test_bad_run_arguments(mode, max_work, multiple):
    assert_refused(lambda: training.train(TINY, mode), "mode")
    assert_refused(lambda: training.train_steps(TINY, mode), "mode")
    assert_refused(lambda: training.within_budget(TINY, max_work), "max_work")
    assert_refused(lambda: training.within_budget(TINY, 10**6, multiple), "multiple")


@settings(max_examples=40, deadline=None)
@given(kind=st.sampled_from(training.MODELS), seq_len=st.integers(2, 8), n_hidden=st.integers(1, 4),
       batch_size=st.integers(1, 4), seed=st.integers(0, 2**31 - 1), lr=st.floats(1e-3, 2.0),
       mode=st.sampled_from(["none", "norm", "value"]))
def test_good_input_still_works(kind, seq_len, n_hidden, batch_size, seed, lr, mode):
    config = training.TrainConfig(seq_len=seq_len, n_hidden=n_hidden, n_steps=2, batch_size=batch_size, lr=lr,
                                  seed=seed, model=kind)
    log = training.train(config, mode)
    assert log.loss.shape == (2,) and np.isfinite(log.loss[0])
    x, s = training.adding_batch(seq_len, batch_size, seed, 1)
    loss, grads = training.loss_and_grads(training.init_model(config), x, s)
    assert np.isfinite(loss) and [g.shape for g in grads] == [a.shape for a in training.init_model(config).arrays()]
