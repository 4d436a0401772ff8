"""engine/clipping.py skips None, refuses complex and junk, reports non-finite; good input still works."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from engine import clipping
from tests.engine.helpers import assert_refused, bad_reals, junk_except

SETTINGS = settings(max_examples=60, deadline=None)
ARRAYS = hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=4),
                    elements=st.floats(-1e6, 1e6, allow_nan=False))


@SETTINGS
@given(grads=st.lists(st.one_of(st.none(), ARRAYS), max_size=5), max_norm=st.floats(1e-3, 1e3))
def test_none_is_skipped_never_turned_into_nan(grads, max_norm):
    clipped, norm = clipping.clip_by_global_norm(grads, max_norm)
    present = [g for g in grads if g is not None]
    assert norm == clipping.global_norm(present)
    assert math.isfinite(norm)
    assert [c is None for c in clipped] == [g is None for g in grads]
    assert all(np.all(np.isfinite(c)) for c in clipped if c is not None)
    assert clipping.global_norm([c for c in clipped if c is not None]) <= max_norm * (1 + 1e-9) + 1e-12
    by_value = clipping.clip_by_value(grads, max_norm)
    assert [c is None for c in by_value] == [g is None for g in grads]


@SETTINGS
@given(threshold=st.one_of(bad_reals(), st.floats(max_value=0.0)))
def test_bad_thresholds(threshold):
    assert_refused(lambda: clipping.clip_by_global_norm([np.ones(2)], threshold), "max_norm")
    assert_refused(lambda: clipping.clip_by_value([np.ones(2)], threshold), "clip_value")
    assert_refused(lambda: clipping.clip_gradients([np.ones(2)], "norm", threshold), "max_norm")


@SETTINGS
@given(bad=st.one_of(st.just(np.ones(2) * 1j), st.just(np.array(["a"])), st.just([[1.0], [1.0, 2.0]]),
                     st.text(min_size=1, max_size=3)), where=st.integers(0, 2))
def test_bad_gradients_are_named_by_position(bad, where):
    grads = [np.ones(2), None, np.zeros(3)]
    grads.insert(where, bad)
    assert_refused(lambda: clipping.clip_by_global_norm(grads, 1.0), f"grads[{where}]")


@SETTINGS
@given(grads=st.one_of(st.just(np.ones(3)), st.none(), st.integers(), st.text(max_size=3)),
       mode=junk_except(clipping.MODES))
def test_wrong_containers_and_modes(grads, mode):
    assert_refused(lambda: clipping.clip_by_global_norm(grads, 1.0), "grads")
    assert_refused(lambda: clipping.clip_gradients([np.ones(2)], mode, 1.0), "mode")


def test_non_finite_gradients_are_reported_not_raised():
    result = clipping.clip_gradients([np.array([np.inf, 1.0]), None], "norm", 1.0)
    assert not result.finite and result.norm_before == math.inf and result.grads[1] is None
