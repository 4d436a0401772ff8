"""engine/geometry.py refuses bad dimensions, counts, seeds, streams, shells and arrays; good input works."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import _checks
from engine import geometry as g
from tests.engine.helpers import SPOILS, assert_refused, bad_counts, bad_reals, bad_streams, spoiled

SETTINGS = settings(max_examples=40, deadline=None)
SAMPLERS = {  # name of the count, function(dim, count, seed)
    "n_pairs": (g.cube_angles, g.sphere_angles),
    "n_samples": (g.cube_norms, g.ball_norms),
    "n_points": (g.distances_from_query,),
}


@SETTINGS
@given(dim=bad_counts(1, g.MAX_DIM))
def test_bad_dimensions(dim):
    for functions in SAMPLERS.values():
        for function in functions:
            assert_refused(lambda f=function: f(dim, 10, 0), "dim")
    for function in (g.inscribed_ball_ratio, g.angle_spread_deg, g.query_distance_spread, g.centre_ball_diameter):
        assert_refused(lambda f=function: f(dim), "dim")
    assert_refused(lambda: g.shell_fraction(dim, 0.1), "dim")
    assert_refused(lambda: g.grid_expected_fraction(dim, 2, 10), "dim")


@SETTINGS
@given(count=bad_counts(1, 10_000_000), seed=bad_counts(0, 2**31 - 1))
def test_bad_counts_and_seeds(count, seed):
    for name, functions in SAMPLERS.items():
        for function in functions:
            assert_refused(lambda f=function: f(5, count, 0), name)
            assert_refused(lambda f=function: f(5, 10, seed), "seed")
    assert_refused(lambda: g.grid_occupancy(3, 4, count, 0), "n_samples")


@pytest.mark.parametrize("name", SAMPLERS)
def test_more_coordinates_than_the_work_budget_are_refused(name):
    for function in SAMPLERS[name]:
        error = assert_refused(lambda f=function: f(g.MAX_DIM, 1_000_000, 0), name)
        assert "work budget" in str(error)


@SETTINGS
@given(stream=bad_streams())
def test_streams_past_the_kernels_range(stream):
    assert_refused(lambda: g.disc_problem(3, 10, 0, stream=stream), "stream")


@SETTINGS
@given(eps=st.one_of(bad_reals(), st.floats(max_value=0.0), st.floats(min_value=1.0)))
def test_bad_shell_thickness(eps):
    assert_refused(lambda: g.shell_fraction(10, eps), "eps")
    assert_refused(lambda: g.shell_fraction_mc(10, eps, 10, 0), "eps")
    assert_refused(lambda: g.shell_dimension(eps, 0.9), "eps")


@SETTINGS
@given(noise=st.one_of(st.lists(st.integers(-5, -1), min_size=1, max_size=3),
                       st.lists(st.floats(0.1, 0.9), min_size=1, max_size=3), st.just([]), st.just([[1, 2]]),
                       st.just([1j]), st.just([np.nan]), st.just(None), st.just(["a"])))
def test_bad_noise_feature_lists(noise):
    assert_refused(lambda: g.knn_accuracy_curve(noise, 20, 10, 0), "n_noise")


def test_knn_past_the_work_budget_is_refused_not_run():
    error = assert_refused(lambda: g.knn_accuracy_curve([0, 5000], 100_000, 100_000, 0), "n_train")
    assert "work budget" in str(error)
    assert_refused(lambda: g.knn_accuracy_curve([0], 10, 10, 0, k=11), "k")


@SETTINGS
@given(kind=st.sampled_from(SPOILS[:4]))
def test_bad_arrays(kind):
    values = np.linspace(0.1, 3.0, 6)
    assert_refused(lambda: g.sphere_angle_density(spoiled(values, kind), 5), "theta")
    assert_refused(lambda: g.ball_radius_density(spoiled(values, kind), 5), "r")
    assert_refused(lambda: g.density_histogram(spoiled(values, kind), 4, 0.0, 3.0), "values")


@SETTINGS
@given(bins=bad_counts(1, g.MAX_HIST_BINS), lo=bad_reals())
def test_bad_histogram_settings(bins, lo):
    assert_refused(lambda: g.density_histogram([1.0], bins, 0.0, 1.0), "bins")
    assert_refused(lambda: g.density_histogram([1.0], 3, lo, 1.0), "lo")
    assert_refused(lambda: g.density_histogram([1.0], 3, 1.0, 1.0), "lo")


@SETTINGS
@given(dim=st.integers(2, 60), n=st.integers(2, 50), seed=st.integers(0, 2**31 - 1), eps=st.floats(0.01, 0.99))
def test_good_input_still_works(dim, n, seed, eps):
    for functions in SAMPLERS.values():
        for function in functions:
            out = function(dim, n, seed)
            assert out.shape == (n,) and np.all(np.isfinite(out))
    assert 0 < g.shell_fraction(dim, eps) <= 1
    edges, density = g.density_histogram(g.ball_norms(dim, n, seed), 5, 0.0, 1.0)
    assert edges.shape == (6,) and density.shape == (5,)
    assert g.MAX_WORK == _checks.MAX_WORK


def test_no_values_give_a_zero_density():
    edges, density = g.density_histogram([], 4, 0.0, 1.0)
    assert edges.shape == (5,) and np.all(density == 0.0)
