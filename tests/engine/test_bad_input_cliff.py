"""engine/cliff.py refuses bad models, points, grids and descent settings; good input still works."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import cliff
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, bad_reals, junk_except, spoiled

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(value=bad_reals(), n=bad_counts(1, cliff.MAX_T))
def test_bad_models(value, n):
    assert_refused(lambda: cliff.CliffModel(x0=value), "x0")
    assert_refused(lambda: cliff.CliffModel(target=value), "target")
    assert_refused(lambda: cliff.CliffModel(n_steps=n), "n_steps")


@SETTINGS
@given(value=bad_reals(), kind=st.sampled_from(SPOILS[:5]))
def test_bad_points_and_grids(value, kind):
    assert_refused(lambda: cliff.loss_and_grad(value, 0.0), "w")
    assert_refused(lambda: cliff.last_state(1.0, value), "b")
    assert_refused(lambda: cliff.loss_surface(spoiled(np.linspace(4, 5, 3), kind), [0.0]), "w_values")
    assert_refused(lambda: cliff.loss_surface([4.0], spoiled(np.linspace(-3, -2, 3), kind)), "b_values")
    assert_refused(lambda: cliff.loss_surface([4.0], [0.0], model="cliff"), "model")


@SETTINGS
@given(lr=st.one_of(bad_reals(), st.floats(max_value=0.0)), n=bad_counts(1, cliff.MAX_DESCENT_STEPS),
       mode=junk_except(cliff.clipping.MODES),
       start=st.sampled_from(SPOILS))
def test_bad_descents(lr, n, mode, start):
    assert_refused(lambda: cliff.descend(lr=lr), "lr")
    assert_refused(lambda: cliff.descend(n_steps=n), "n_steps")
    assert_refused(lambda: cliff.descend(mode=mode), "mode")
    assert_refused(lambda: cliff.descend(start=spoiled(np.array(cliff.START), start)), "start")
    assert_refused(lambda: cliff.trajectories(threshold=lr), "threshold")


@SETTINGS
@given(w=st.floats(4.4, 5.6), b=st.floats(-5.5, -1.5), n=st.integers(1, 40), t=st.floats(0.1, 5.0))
def test_good_input_still_works(w, b, n, t):
    loss, gw, gb = cliff.loss_and_grad(w, b, cliff.CliffModel(n_steps=n))
    assert np.isfinite(loss) and not np.isnan(gw) and not np.isnan(gb)
    runs = cliff.trajectories(threshold=t, n_steps=5)
    assert set(runs) == {"none", "norm", "value"}
