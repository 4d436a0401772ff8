"""engine/geometry.py: the exact angle spread, the square's 2-D angle density, the nearest face, the
D-cube's faces — each against a closed form and an independent Monte Carlo run."""

import itertools
import math

import numpy as np
import pytest

from engine import geometry as g
from tests.engine import reference_geometry as ref


# ------------------------------------------------------------ the exact spread of the angle
@pytest.mark.parametrize(("dim", "closed_form"), [
    (2, math.pi / math.sqrt(12)),  # uniform on [0, π]
    (3, math.sqrt(math.pi ** 2 / 4 - 2)),  # density sin θ / 2
    (4, math.sqrt(math.pi ** 2 / 12 - 0.5)),  # density (2/π) sin² θ
])
def test_exact_angle_spread_matches_closed_forms(dim, closed_form):
    assert g.sphere_angle_sd(dim) == pytest.approx(closed_form, rel=1e-9)


def test_exact_angle_spread_at_two_dimensions_is_52_degrees_not_the_rules_40():
    assert math.degrees(g.sphere_angle_sd(2)) == pytest.approx(51.96, abs=0.01)
    assert g.angle_spread_deg(2) == pytest.approx(40.51, abs=0.01)


@pytest.mark.parametrize("dim", [2, 3, 10, 50, 1000])
def test_exact_angle_spread_matches_monte_carlo_on_the_sphere(dim):
    theta = g.sphere_angles(dim, 40_000, 7)
    sd = math.sqrt(np.mean((theta - math.pi / 2) ** 2))
    # the standard error of a standard deviation from n draws is about sd / √(2n)·√(kurtosis − 1)
    assert sd == pytest.approx(g.sphere_angle_sd(dim), rel=0.015)


def test_exact_angle_spread_approaches_the_large_d_rule_from_above():
    dims = [2, 3, 5, 10, 50, 500, 10_000]
    ratios = [math.degrees(g.sphere_angle_sd(d)) / g.angle_spread_deg(d) for d in dims]
    assert all(r > 1 for r in ratios) and ratios == sorted(ratios, reverse=True)
    assert ratios[-1] == pytest.approx(1.0, abs=1e-4)


def test_band_and_cap_shares_in_three_dimensions():
    """In 3-D the share of directions between angles a and b from a fixed one is (cos a − cos b)/2: the
    belt within 10° of the equator holds sin 10° = 17.4%, the cap within 10° of the pole 0.76%."""
    assert g.sphere_angle_share(3, 80, 100) == pytest.approx(math.sin(math.radians(10)), rel=1e-9)
    assert g.sphere_angle_share(3, 0, 10) == pytest.approx((1 - math.cos(math.radians(10))) / 2, rel=1e-9)
    assert g.sphere_angle_share(2, 0, 45) == pytest.approx(0.25, rel=1e-9)
    assert g.sphere_angle_share(50, 0, 180) == pytest.approx(1.0, abs=1e-12)
    with pytest.raises(ValueError, match="lo_deg"):
        g.sphere_angle_share(3, 20, 10)


# ------------------------------------------------------------ the square's 2-D angle density
def test_square_angle_density_is_a_density_and_not_flat():
    theta = np.linspace(0, math.pi, 2001)
    density = g.cube_angle_density_2d(theta)
    assert np.sum((density[1:] + density[:-1]) / 2) * (theta[1] - theta[0]) == pytest.approx(1.0, abs=1e-6)
    assert density[0] == pytest.approx(1 / 3, rel=1e-6)  # 2 ∫ p² dφ = 1/3 exactly
    assert density[len(theta) // 4] * math.pi == pytest.approx(0.964, abs=0.001)  # 45°


def test_square_angle_density_matches_monte_carlo():
    theta = g.cube_angles(2, 400_000, 3)
    counts, edges = np.histogram(theta, bins=12, range=(0, math.pi))
    expected = [len(theta) * np.mean(g.cube_angle_density_2d(np.linspace(a, b, 41))) * (b - a)
                for a, b in itertools.pairwise(edges)]
    assert np.all(np.abs(counts - expected) < 4 * np.sqrt(expected))
    # the circle's flat 1/π would not fit: the two outer bins hold more than the bins around 45°
    assert counts[0] > counts[3] * 1.05


# ------------------------------------------------------------ the nearest face
def test_face_gaps_match_the_naive_reference():
    assert np.allclose(g.cube_face_gaps(7, 500, 11), ref.cube_face_gaps(7, 500, 11))


@pytest.mark.parametrize(("dim", "eps"), [(2, 0.05), (50, 0.05), (500, 0.002)])
def test_share_near_a_face_is_one_minus_one_minus_eps_to_the_d(dim, eps):
    gaps = g.cube_face_gaps(dim, 20_000, 5)
    exact = g.shell_fraction(dim, eps)
    se = math.sqrt(exact * (1 - exact) / len(gaps))
    assert abs(np.mean(gaps <= eps) - exact) < 4 * se + 1e-12


def test_points_near_the_faces_are_far_from_the_centres_of_the_faces():
    """At D = 50, 92% of the points are within 0.05 of a face, yet none is within distance 1.5 of the
    centre (where the face centres are, at distance 1)."""
    norms, gaps = g.cube_norms(50, 20_000, 9), g.cube_face_gaps(50, 20_000, 9)
    assert np.mean(gaps <= 0.05) > 0.9 and norms.min() > 1.5


# ------------------------------------------------------------ faces of the D-cube
def test_cube_face_counts():
    assert g.cube_face_counts(4) == [(0, 16), (1, 32), (2, 24), (3, 8), (4, 1)]
    assert g.cube_face_counts(3) == [(0, 8), (1, 12), (2, 6), (3, 1)]
    # Euler: Σ (−1)^k f_k = 1 for every D-cube
    for dim in (2, 5, 9):
        assert sum((-1) ** k * n for k, n in g.cube_face_counts(dim, dim)) == 1
