"""engine/chainrule.py refuses bad sizes, indices and steps; good input still works."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import chainrule
from tests.engine.helpers import assert_refused, bad_counts, bad_reals

SETTINGS = settings(max_examples=40, deadline=None)
DEMO = chainrule.chain_demo(0, seq_len=3, n_hidden=2)


@SETTINGS
@given(T=bad_counts(1, chainrule.MAX_SEQ_LEN), H=bad_counts(1, chainrule.MAX_HIDDEN), seed=bad_counts(0, 2**31 - 1),
       bias=bad_reals())
def test_bad_demo_settings(T, H, seed, bias):
    assert_refused(lambda: chainrule.chain_demo(0, seq_len=T), "seq_len")
    assert_refused(lambda: chainrule.chain_demo(0, n_hidden=H), "n_hidden")
    assert_refused(lambda: chainrule.chain_demo(seed), "seed")
    assert_refused(lambda: chainrule.chain_demo(0, forget_bias=bias), "forget_bias")


@SETTINGS
@given(t=bad_counts(0, 2), j=bad_counts(0, 1), step=st.one_of(bad_reals(), st.floats(max_value=0.0)))
def test_bad_indices_and_steps(t, j, step):
    assert_refused(lambda: chainrule.delta_terms(DEMO, t, 0), "t")
    assert_refused(lambda: chainrule.delta_terms(DEMO, 0, j), "j")
    assert_refused(lambda: chainrule.gradient_check(DEMO, step), "step")
    assert_refused(lambda: chainrule.delta_terms("demo", 0, 0), "demo")


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), t=st.integers(0, 2), j=st.integers(0, 1))
def test_good_input_still_works(seed, t, j):
    demo = chainrule.chain_demo(seed, seq_len=3, n_hidden=2)
    terms = chainrule.delta_terms(demo, t, j)
    assert terms["dc"] == demo.grads.delta_c[t, j] or abs(terms["dc"] - demo.grads.delta_c[t, j]) < 1e-12
