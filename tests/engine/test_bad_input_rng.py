"""engine/rng.py refuses bad seeds, streams and counts with a clear error; good ones still work."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import _checks, rng
from tests.engine.helpers import assert_refused, bad_counts, bad_streams

SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(seed=bad_counts(0, rng.MAX_SEED))
def test_bad_seeds(seed):
    assert_refused(lambda: rng.uniforms(seed, 3), "seed")
    assert_refused(lambda: rng.normals(seed, 3), "seed")


@SETTINGS
@given(stream=bad_streams())
def test_streams_a_kernel_cannot_take_are_refused_before_it_sees_them(stream):
    assert_refused(lambda: rng.uniforms(1, 3, stream), "stream")
    assert_refused(lambda: rng.normals(1, 3, stream), "stream")


@SETTINGS
@given(n=bad_counts(0, _checks.MAX_WORK))
def test_bad_and_huge_counts(n):
    assert_refused(lambda: rng.uniforms(1, n), "n")
    assert_refused(lambda: rng.normals(1, n), "n")


def test_ten_billion_uniforms_are_refused_not_allocated():
    error = assert_refused(lambda: rng.uniforms(0, 10**10), "n")
    assert "50,000,000" in str(error)


@SETTINGS
@given(seed=st.integers(0, rng.MAX_SEED), stream=st.integers(0, 2**63 - 1), n=st.integers(0, 40))
def test_good_input_still_works(seed, stream, n):
    u = rng.uniforms(seed, n, stream)
    z = rng.normals(np.int64(seed), np.uint64(n), stream)
    assert u.shape == z.shape == (n,)
    assert np.all((u >= 0) & (u < 1)) and np.all(np.isfinite(z))
    np.testing.assert_array_equal(u, rng.uniforms(seed, n, stream))
