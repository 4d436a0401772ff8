"""The chain-rule demo: its terms add up to the engine's deltas, and the gradient check is green."""

from __future__ import annotations

import numpy as np
import pytest

from engine import chainrule


@pytest.fixture(scope="module")
def demo():
    return chainrule.chain_demo(0)


def test_gradient_check_is_green_for_the_default_model(demo):
    check = chainrule.gradient_check(demo)
    assert check.names == ("W", "R", "b", "p", "x", "y0", "c0")
    assert check.passed and check.max_rel_error < 1e-7
    assert np.all(check.analytic_norm > 0)


def test_gradient_check_catches_a_wrong_gradient(demo):
    wrong_grads = type(demo.grads)(**{**demo.grads.__dict__, "R": demo.grads.R * 1.001})
    wrong = type(demo)(**{**demo.__dict__, "grads": wrong_grads})
    check = chainrule.gradient_check(wrong)
    assert not check.passed
    assert check.rel_error[check.names.index("R")] > 1e-4


@pytest.mark.parametrize("seed", [0, 5])
def test_terms_add_up_to_the_backward_deltas(seed):
    demo = chainrule.chain_demo(seed)
    g = demo.grads
    for t in range(demo.trace.seq_len):
        for j in range(demo.params.n_hidden):
            terms = chainrule.delta_terms(demo, t, j)
            for key, full in (("dy", g.delta_y), ("dc", g.delta_c), ("do", g.delta_o),
                              ("df", g.delta_f), ("di", g.delta_i), ("dz", g.delta_z)):
                assert terms[key] == pytest.approx(full[t, j], rel=1e-12, abs=1e-15)


def test_last_step_gets_nothing_from_the_future(demo):
    terms = chainrule.delta_terms(demo, demo.trace.seq_len - 1, 0)
    assert terms["dy"] == terms["Delta"]
    assert terms["dc_next"] == terms["f_next"] == 0.0


def test_bad_indices_and_sizes_raise(demo):
    with pytest.raises(ValueError, match="t must be"):
        chainrule.delta_terms(demo, 99, 0)
    with pytest.raises(ValueError, match="seq_len"):
        chainrule.chain_demo(0, seq_len=0)
