"""Geometry engine: closed forms, Monte Carlo within standard errors, naive references, threads."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import geometry as g
from tests.engine import reference_geometry as ref
from tests.engine.helpers import assert_same_in_threads


# ------------------------------------------------------------ closed forms
@pytest.mark.parametrize(("dim", "expected"), [(2, 0.785398), (3, 0.523599), (10, 2.4904e-3),
                                               (20, 2.4611e-8), (100, 1.8682e-70)])
def test_inscribed_ball_ratio_matches_known_values(dim, expected):
    assert g.inscribed_ball_ratio(dim) == pytest.approx(expected, rel=1e-4)


def test_inscribed_ball_ratio_is_finite_in_log_space_where_gamma_overflows():
    assert math.isfinite(g.log10_inscribed_ball_ratio(10_000))
    assert g.log10_inscribed_ball_ratio(400) == pytest.approx(
        (200 * math.log(math.pi) - 400 * math.log(2) - math.lgamma(201)) / math.log(10))


def test_centre_ball_pokes_out_of_the_box_after_nine_dimensions():
    assert g.centre_ball_diameter(2) == pytest.approx(math.sqrt(2) - 1)
    assert g.centre_ball_diameter(9) == pytest.approx(2.0)
    assert g.centre_ball_diameter(10) > 2.0 > g.centre_ball_diameter(8)


def test_shell_numbers_that_correct_the_article():
    assert g.shell_dimension(0.01, 0.9) == pytest.approx(229.1, abs=0.1)
    assert g.shell_fraction(400, 0.01) == pytest.approx(0.982, abs=5e-4)
    assert g.shell_fraction(3, 0.01) == pytest.approx(1 - 0.99**3)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 9_999), st.floats(1e-4, 0.5))
def test_shell_fraction_grows_with_dimension(dim, eps):
    assert 0 < g.shell_fraction(dim, eps) <= g.shell_fraction(dim + 1, eps) <= 1


@pytest.mark.parametrize("dim", [2, 3, 10, 100, 1000, 10_000])
def test_sphere_angle_density_integrates_to_one(dim):
    theta = np.linspace(0, np.pi, 200_001)
    assert np.trapezoid(g.sphere_angle_density(theta, dim), theta) == pytest.approx(1.0, abs=1e-6)


def test_sphere_angle_density_low_dimensions():
    theta = np.linspace(0, np.pi, 7)
    assert np.allclose(g.sphere_angle_density(theta, 2), 1 / np.pi)
    assert np.allclose(g.sphere_angle_density(theta, 3), np.sin(theta) / 2)


@pytest.mark.parametrize("dim", [1, 2, 7, 500])
def test_ball_radius_density_integrates_to_one(dim):
    r = np.linspace(0, 1, 400_001)
    assert np.trapezoid(g.ball_radius_density(r, dim), r) == pytest.approx(1.0, abs=1e-4)


def test_grid_expected_fraction_and_bound():
    assert g.grid_expected_fraction(1, 10, 1000) == pytest.approx(1.0)
    assert g.grid_expected_fraction(6, 10, 1000) == pytest.approx(1000 / 1e6, rel=1e-3)
    assert g.grid_bound(6, 10, 1000) == pytest.approx(1e-3)
    assert g.grid_expected_fraction(4000, 10, 1000) == pytest.approx(0.0)


# ------------------------------------------------------------ vs references
def test_cube_angles_match_the_naive_reference():
    assert np.allclose(g.cube_angles(37, 500, 7), ref.cube_angles(37, 500, 7), atol=1e-12)


def test_sphere_angles_match_the_naive_reference():
    assert np.allclose(g.sphere_angles(11, 300, 3), ref.sphere_angles(11, 300, 3), atol=1e-12)


def test_norms_match_the_naive_reference():
    assert np.allclose(g.cube_norms(13, 400, 5), ref.cube_norms(13, 400, 5), rtol=1e-12)
    assert np.allclose(g.ball_norms(13, 400, 5), ref.ball_norms(13, 400, 5), rtol=1e-12)


@pytest.mark.parametrize(("dim", "bins"), [(1, 10), (3, 10), (4, 6), (50, 2)])
def test_grid_occupancy_counts_distinct_cells_like_numpy(dim, bins):
    occupied, fraction = g.grid_occupancy(dim, bins, 2000, 11)
    assert occupied == ref.grid_occupied(dim, bins, 2000, 11)
    assert fraction == pytest.approx(occupied / bins**dim)


def test_distances_and_contrast_match_the_naive_reference():
    d = g.distances_from_query(40, 1000, 2)
    expected = ref.distances_from_query(40, 1000, 2)
    assert np.allclose(d, expected, rtol=1e-12)
    assert g.relative_contrast(40, 1000, 2) == pytest.approx((expected.max() - expected.min()) / expected.min())


def test_knn_accuracy_matches_the_naive_reference():
    noise = np.array([0, 3, 30])
    curve = g.knn_accuracy_curve(noise, 200, 100, 4, k=5)
    x_train, y_train = g.disc_problem(32, 200, 4, stream=10)
    x_test, y_test = g.disc_problem(32, 100, 4, stream=11)
    expected = [ref.knn_accuracy(x_train, y_train, x_test, y_test, m + 2, 5) for m in noise]
    assert np.allclose(curve, expected)


# ------------------------------------------------------------ Monte Carlo vs closed form
@pytest.mark.parametrize("dim", [3, 50, 1000])
def test_cube_angles_have_mean_cos_squared_one_over_d(dim):
    cos2 = np.cos(g.cube_angles(dim, 20_000, 1)) ** 2
    se = cos2.std() / math.sqrt(len(cos2))
    assert abs(cos2.mean() - 1 / dim) < 4 * se


@pytest.mark.parametrize("dim", [3, 10, 100])
def test_sphere_angles_follow_the_exact_density(dim):
    theta = np.sort(g.sphere_angles(dim, 20_000, 2))
    grid = np.linspace(0, np.pi, 20_001)
    cdf = np.cumsum(g.sphere_angle_density(grid, dim)) * (grid[1] - grid[0])
    ks = np.max(np.abs(np.interp(theta, grid, cdf) - np.arange(1, len(theta) + 1) / len(theta)))
    assert ks < 1.63 / math.sqrt(len(theta))  # 1% level of the Kolmogorov–Smirnov test


def test_cube_angle_spread_is_one_over_root_d():
    theta = g.cube_angles(1000, 20_000, 3)
    assert math.degrees(theta.std()) == pytest.approx(g.angle_spread_deg(1000), rel=0.03)


@pytest.mark.parametrize(("dim", "eps"), [(2, 0.1), (10, 0.05), (230, 0.01), (2000, 0.001)])
def test_shell_fraction_mc_agrees_with_the_closed_form(dim, eps):
    n = 20_000
    p = g.shell_fraction(dim, eps)
    se = math.sqrt(p * (1 - p) / n)
    assert abs(g.shell_fraction_mc(dim, eps, n, 5) - p) < 4 * se + 1e-12


def test_ball_points_have_the_radius_law_of_the_uniform_ball():
    r = g.ball_norms(7, 50_000, 1)
    assert r.max() <= 1.0
    assert np.mean(r**2) == pytest.approx(7 / 9, abs=4 * np.std(r**2) / math.sqrt(len(r)))


@pytest.mark.parametrize("dim", [2, 3, 5, 8])
def test_hit_or_miss_estimates_the_inscribed_ratio(dim):
    p, se = g.inscribed_ball_ratio_mc(dim, 100_000, 9)
    assert abs(p - g.inscribed_ball_ratio(dim)) < 4 * se


def test_cube_norms_concentrate_at_root_d_over_three():
    r = g.cube_norms(300, 5000, 1)
    assert np.mean(r**2) == pytest.approx(100, rel=0.01)
    assert r.max() < math.sqrt(300) and r.min() > 1


def test_grid_occupancy_agrees_with_its_expectation():
    _, fraction = g.grid_occupancy(3, 10, 1000, 8)
    expected = g.grid_expected_fraction(3, 10, 1000)
    assert fraction == pytest.approx(expected, abs=0.03)


def test_relative_contrast_shrinks_with_dimension():
    contrast = [g.relative_contrast(d, 1000, 4) for d in (2, 10, 100, 1000)]
    assert all(a > b for a, b in itertools.pairwise(contrast))
    assert 0.05 < contrast[-1] < 0.3


def test_knn_falls_to_chance_with_many_noise_features():
    acc = g.knn_accuracy_curve(np.array([0, 500]), 500, 400, 1)
    assert acc[0] > 0.9
    assert abs(acc[1] - 0.5) < 0.1


# ------------------------------------------------------------ seeds, threads, arguments
def test_same_seed_same_result_and_different_seed_different_result():
    assert np.array_equal(g.cube_angles(20, 100, 5), g.cube_angles(20, 100, 5))
    assert not np.array_equal(g.cube_angles(20, 100, 5), g.cube_angles(20, 100, 6))


def test_concurrent_calls_from_threads_give_identical_results():
    assert_same_in_threads(lambda s: g.cube_angles(500, 2000, s), range(6))


@pytest.mark.parametrize("call", [
    lambda: g.cube_angles(0, 10, 1),
    lambda: g.cube_angles(10_001, 10, 1),
    lambda: g.cube_angles(10, 10, -1),
    lambda: g.cube_angles(10, 10, 1.5),
    lambda: g.cube_angles(10_000, 100_000, 1),
    lambda: g.shell_fraction(10, 0.0),
    lambda: g.shell_fraction(10, float("nan")),
    lambda: g.shell_fraction_mc(10, 1.5, 10, 1),
    lambda: g.grid_occupancy(3, 1, 10, 1),
    lambda: g.sphere_angle_density(np.array([1.0]), 1),
])
def test_bad_arguments_raise_value_errors_that_say_why(call):
    with pytest.raises(ValueError, match=r"must|exceeds"):
        call()


def test_work_budget_caps_samples_at_high_dimension():
    assert g.work_budget(10, 10_000) == 10_000
    assert g.work_budget(10_000, 10_000) * 10_000 <= g.MAX_WORK


@pytest.mark.parametrize("dim", [50, 1000])
def test_query_distance_spread_matches_simulation(dim):
    # spread over many queries: each query's std/mean, averaged
    ratios = [np.std(d) / np.mean(d) for d in (g.distances_from_query(dim, 2000, s) for s in range(20))]
    assert np.mean(ratios) == pytest.approx(g.query_distance_spread(dim), rel=0.03)
