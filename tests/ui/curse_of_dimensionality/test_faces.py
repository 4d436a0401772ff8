"""The curse page's opening figure: five closed forms over D, each against a simulation of its own."""

import json
import math

import numpy as np
import pytest

from engine import geometry as g
from ui.curse_of_dimensionality import charts, text
from ui.curse_of_dimensionality import data as cg
from ui.kit import swatches


def test_every_face_is_a_share_that_grows_with_d_to_one():
    curves = cg.face_curves()
    assert list(dict.fromkeys(curves["face"])) == list(cg.FACES)
    for face, rows in curves.groupby("face", sort=False):
        share = rows.sort_values("D")["share"].to_numpy()
        assert ((share >= 0) & (share <= 1)).all(), face
        assert (np.diff(share) >= -1e-12).all(), face  # never falls as D grows
        assert share[-1] > 0.999 and share[0] < 0.2, face  # D = 10,000 against D = 1


def test_the_faces_at_small_d_are_the_textbook_numbers():
    empty, corners, belt, shell, near = cg.face_shares(2)
    assert corners == pytest.approx(1 - math.pi / 4)  # the square outside its disc
    assert belt == pytest.approx(20 / 180)  # uniform angles in the plane
    assert shell == pytest.approx(1 - 0.99**2)
    assert empty == pytest.approx((1 - 1 / 100) ** 1000)  # 100 cells, 1,000 points
    assert near == pytest.approx(math.erf(0.1 / (0.75 * math.sqrt(24 / 45))))  # σ/μ = 0.548/√2, over √2
    assert cg.face_shares(1)[2] == 0.0  # two directions on a line are at 0° or 180°


@pytest.mark.parametrize("dim", [3, 5])
def test_the_empty_cells_match_a_simulated_grid(dim):
    expected = cg.face_shares(dim)[0]
    measured = np.mean([1 - g.grid_occupancy(dim, cg.FACE_BINS, cg.FACE_SAMPLES, seed)[1] for seed in range(20)])
    assert measured == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("dim", [2, 10, 50])
def test_the_belt_matches_simulated_directions_on_the_sphere(dim):
    theta = np.degrees(g.sphere_angles(dim, 100_000, 7))
    measured = np.mean(np.abs(theta - 90) <= cg.FACE_BAND)
    assert measured == pytest.approx(cg.face_shares(dim)[2], abs=4 * math.sqrt(0.25 / 100_000))


@pytest.mark.parametrize("dim", [10, 100])
def test_the_shell_matches_simulated_points_of_the_ball(dim):
    measured = g.shell_fraction_mc(dim, cg.FACE_EPS, 100_000, 3)
    assert measured == pytest.approx(cg.face_shares(dim)[3], abs=4 * math.sqrt(0.25 / 100_000))


@pytest.mark.parametrize("dim", [10, 100, 1000])
def test_the_distance_share_is_a_fair_first_order_approximation(dim):
    """The normal approximation the caption names, against distances from a query measured in the cube: the
    share within ±10% of the mean agrees to a few points (it is a first-order rule, not exact)."""
    measured = []
    for seed in range(5):
        d = g.distances_from_query(dim, 20_000, seed)
        measured.append(np.mean(np.abs(d / d.mean() - 1) <= cg.FACE_BAND / 100))
    assert np.mean(measured) == pytest.approx(cg.face_shares(dim)[4], abs=0.05)


def test_the_chart_draws_five_faces_without_a_legend_and_marks_d():
    chart = charts.faces_chart.build(cg.face_curves(), cg.face_points(50), 50)
    spec = json.dumps(chart.to_dict())
    assert '"legend": null' in spec  # the key below the chart names the faces, with their values
    rows = [row for rows in chart.to_dict()["datasets"].values() for row in rows]
    assert {row["face"] for row in rows if "face" in row} == set(cg.FACES)
    assert any(row.get("label") == "D = 50" for row in rows)
    assert len(charts.FACE_STYLES) == len(cg.FACES)


def test_the_key_says_each_share_without_rounding_it_to_a_whole():
    head, lines = text.faces_key(50, (1.0, 0.9996, 0.996, 0.3951, 0.001))
    assert head == "At <b>D = 50</b>:"
    assert [line.split("</b>")[0] for line in lines] == ["<b>over 99.9%", "<b>over 99.9%", "<b>over 99%", "<b>40%",
                                                              "<b>under 1%"]
    html = swatches.lines_key(head, [(*style, line) for style, line in zip(charts.FACE_STYLES, lines, strict=True)])
    assert html.count('aria-hidden="true"') == 5 and 'stroke-dasharray="8 3"' in html
    said = text.faces_description(50, cg.face_shares(50))
    assert said.startswith("At the slider's D = 50: over 99.9% of grid cells empty") and "39% of the ball" in said
