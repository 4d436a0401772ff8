"""engine/rnn.py refuses bad sizes, arrays, traces, targets and windows with a clear error; good input still works."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import rnn
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, bad_reals, spoiled

SETTINGS = settings(max_examples=50, deadline=None)
PARAMS = rnn.init_rnn(3, 4, 2, seed=1, recurrent_scale=0.9)
X = np.random.default_rng(0).normal(size=(5, 3))
TARGETS = np.array([0, 1, 1, 0, 1])
TRACE = rnn.rnn_forward(PARAMS, X)


@SETTINGS
@given(which=st.sampled_from(["n_input", "n_hidden", "n_output"]), value=bad_counts(1, rnn.MAX_HIDDEN))
def test_bad_sizes(which, value):
    sizes = {"n_input": 3, "n_hidden": 4, "n_output": 2}
    if which != "n_hidden" and isinstance(value, int) and rnn.MAX_HIDDEN < value <= rnn.MAX_INPUT:
        value = rnn.MAX_INPUT + 1  # allowed for inputs and outputs
    sizes[which] = value
    assert_refused(lambda: rnn.init_rnn(**sizes, seed=0), which)


@SETTINGS
@given(seed=bad_counts(0, 2**31 - 1),
       scale=st.one_of(bad_reals(), st.floats(max_value=-1e-9)).filter(lambda v: v is not None))  # None: W unscaled
def test_bad_seeds_and_recurrent_scales(seed, scale):
    assert_refused(lambda: rnn.init_rnn(3, 4, 2, seed=seed), "seed")
    assert_refused(lambda: rnn.init_rnn(3, 4, 2, seed=0, recurrent_scale=scale), "recurrent_scale")


def test_two_hundred_thousand_units_are_refused_not_allocated():
    assert_refused(lambda: rnn.init_rnn(2, 200_000, 2, seed=0), "n_hidden")


@SETTINGS
@given(name=st.sampled_from("UWbVc"), kind=st.sampled_from(SPOILS))
def test_bad_weights(name, kind):
    arrays = {n: getattr(PARAMS, n) for n in "UWbVc"}
    arrays[name] = spoiled(arrays[name], kind)
    assert_refused(lambda: rnn.RNNParams(**arrays), name)


@SETTINGS
@given(kind=st.sampled_from(SPOILS), which=st.sampled_from(["x", "h0"]))
def test_bad_inputs_and_start_states(kind, which):
    args = {"x": X, "h0": np.zeros(4)}
    args[which] = spoiled(args[which], kind)
    if which == "h0" and kind == "none":
        return  # None is the default: zeros
    assert_refused(lambda: rnn.rnn_forward(PARAMS, **args), which)
    batch = {"x": X[None], "h0": args["h0"]} if which == "h0" else {"x": spoiled(X[None], kind)}
    assert_refused(lambda: rnn.rnn_hidden(PARAMS, **batch), which)


@SETTINGS
@given(kind=st.sampled_from(SPOILS), which=st.sampled_from(["h", "dh"]))
def test_bad_states_and_errors_for_the_backward_pass(kind, which):
    args = {"h": TRACE.h[None], "dh": np.ones((1, 5, 4))}
    args[which] = spoiled(args[which], kind)
    assert_refused(lambda: rnn.rnn_hidden_backward(PARAMS, X[None], **args), which)


@SETTINGS
@given(targets=st.one_of(
    st.lists(st.integers(-5, 5), min_size=5, max_size=5).filter(lambda t: min(t) < 0 or max(t) > 1),
    st.lists(st.integers(0, 1), max_size=9).filter(lambda t: len(t) != 5),
    st.lists(st.floats(0.01, 0.99), min_size=5, max_size=5),
    st.just(None), st.just("01101")))
def test_bad_targets(targets):
    assert_refused(lambda: rnn.rnn_bptt(PARAMS, TRACE, targets), "targets")
    assert_refused(lambda: rnn.gradient_paths(PARAMS, TRACE, targets), "targets")


@SETTINGS
@given(k=bad_counts(1, rnn.MAX_SEQ_LEN).filter(lambda v: v is not None))  # None: full BPTT
def test_bad_truncation_windows(k):
    assert_refused(lambda: rnn.rnn_bptt(PARAMS, TRACE, TARGETS, truncation=k), "truncation")
    e = np.ones((1, 5, 4))
    assert_refused(lambda: rnn.rnn_hidden_backward(PARAMS, X[None], TRACE.h[None], e, truncation=k), "truncation")


@SETTINGS
@given(sizes=st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4)).filter(lambda s: s != (3, 4, 2)),
       call=st.sampled_from(["bptt", "paths", "jacobians"]))
def test_a_trace_of_another_model_is_refused(sizes, call):
    M, H, K = sizes
    other = rnn.init_rnn(M, H, K, seed=2)
    trace = rnn.rnn_forward(other, np.ones((5, M)))
    calls = {"bptt": lambda: rnn.rnn_bptt(PARAMS, trace, TARGETS),
             "paths": lambda: rnn.gradient_paths(PARAMS, trace, TARGETS),
             "jacobians": lambda: rnn.jacobian_norms(PARAMS, trace)}
    assert_refused(calls[call], "trace")


@SETTINGS
@given(value=st.one_of(st.none(), st.text(max_size=3), st.integers(), st.just(TRACE.h)))
def test_things_that_are_not_params_or_traces(value):
    assert_refused(lambda: rnn.rnn_forward(value, X), "params")
    assert_refused(lambda: rnn.rnn_bptt(PARAMS, value, TARGETS), "trace")
    assert_refused(lambda: rnn.jacobian_norms(PARAMS, value), "trace")


def test_inputs_so_large_that_the_pre_activations_overflow_are_refused():
    params = rnn.RNNParams(U=[[4.0, 4.0]], W=[[0.5]], b=[0.0], V=[[1.0]], c=[0.0])
    x = np.array([[1e308, -1e308]])  # 4e308 − 4e308 = inf − inf: NaN unless refused
    assert_refused(lambda: rnn.rnn_forward(params, x), "x")
    assert_refused(lambda: rnn.rnn_hidden(params, x[None]), "x")


@SETTINGS
@given(M=st.integers(1, 4), H=st.integers(1, 5), K=st.integers(1, 4), T=st.integers(1, 8),
       seed=st.integers(0, 2**31 - 1), k=st.one_of(st.none(), st.integers(1, 10)), data=st.data())
def test_good_input_still_works(M, H, K, T, seed, k, data):
    params = rnn.init_rnn(M, H, K, seed, recurrent_scale=data.draw(st.one_of(st.none(), st.floats(0, 3))))
    x = np.random.default_rng(seed).normal(size=(T, M))
    targets = data.draw(st.lists(st.integers(0, K - 1), min_size=T, max_size=T))
    trace = rnn.rnn_forward(params, x)
    grads = rnn.rnn_bptt(params, trace, targets, k)
    assert np.isfinite(grads.loss) and grads.W.shape == (H, H) and grads.truncation == min(k or T, T)
    assert rnn.gradient_paths(params, trace, targets).norm.shape == (T, T)
    assert rnn.jacobian_norms(params, trace).norm[0] == 1.0
    eps = grads.dc_steps[None] @ params.V  # (1, T, H): Vᵀ ∂L/∂o_t
    back = rnn.rnn_hidden_backward(params, x[None], rnn.rnn_hidden(params, x[None]), eps, truncation=k)
    np.testing.assert_allclose(back.W, grads.W, rtol=1e-10, atol=1e-12)
