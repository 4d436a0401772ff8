"""The counter-based generator against a pure-Python splitmix64 and basic moments."""

import math

import numpy as np
import pytest

from engine import rng

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def splitmix64(x):
    x &= MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def python_uniform(seed, stream, n):
    key = splitmix64(splitmix64(seed) ^ ((stream * GOLDEN) & MASK))
    return (splitmix64((key + (n + 1) * GOLDEN) & MASK) >> 11) * 2.0**-53


def test_uniforms_equal_a_pure_python_splitmix64():
    got = rng.uniforms(12345, 50, stream=3)
    assert np.array_equal(got, [python_uniform(12345, 3, n) for n in range(50)])


def test_normals_are_box_muller_of_the_uniforms():
    u = rng.uniforms(9, 20)
    expected = np.sqrt(-2 * np.log(1 - u[0::2])) * np.cos(2 * np.pi * u[1::2])
    assert np.allclose(rng.normals(9, 10), expected)


def test_moments():
    u = rng.uniforms(1, 200_000)
    z = rng.normals(1, 200_000)
    assert u.min() >= 0 and u.max() < 1
    assert u.mean() == pytest.approx(0.5, abs=4 * math.sqrt(1 / 12 / len(u)))
    assert z.mean() == pytest.approx(0.0, abs=4 / math.sqrt(len(z)))
    assert z.var() == pytest.approx(1.0, abs=0.02)


def test_streams_and_seeds_are_independent():
    assert not np.allclose(rng.uniforms(1, 10, 0), rng.uniforms(1, 10, 1))
    assert abs(np.corrcoef(rng.uniforms(1, 10_000, 0), rng.uniforms(2, 10_000, 0))[0, 1]) < 0.05


@pytest.mark.parametrize(("seed", "error"), [(-1, ValueError), (2**31, ValueError), (1.5, ValueError),
                                             ("3", TypeError), (True, TypeError)])
def test_bad_seeds_are_refused(seed, error):
    with pytest.raises(error, match="seed"):
        rng.check_seed(seed)
