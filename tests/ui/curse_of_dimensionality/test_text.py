"""ui/curse_of_dimensionality/text.py: captions that read the numbers they are given."""

import pandas as pd
import pytest

from engine import geometry as g
from ui.curse_of_dimensionality import text


def test_knn_caption_reads_the_first_and_last_point_of_the_curve():
    knn = pd.DataFrame({"features": [2, 10, 1026], "accuracy": [0.962, 0.7, 0.514]})
    caption = text.knn_caption(knn)
    assert "from 96% with the two features to 51% with 1,026" in caption


def test_ratio_caption_names_the_last_hit_and_where_the_exact_line_ends():
    table = pd.DataFrame({"D": [1, 2, 3], "hits": [200_000, 156_000, 0]})
    inside = text.ratio_caption(table, 20, 10, 200_000, 300)
    assert "200,000 points" in inside and "at least 10 times" in inside and "last hit is at D = 2" in inside
    assert inside.endswith("goes on.")
    beyond = text.ratio_caption(table, 5000, 10, 200_000, 300)
    assert "to D = 300 (ρ_D for D = 5,000 is in the formula below)." in beyond


def test_radius_caption_puts_the_measured_share_beside_the_theory():
    caption = text.radius_caption(50, 0.01, 5000, 0.3951)
    assert "5,000 uniform points of the 50-ball" in caption
    assert "39.5% of them lie in the shell (theory 39.5%)" in caption


# ------------------------------------------------------------------------ text alternatives of the charts
def contrast_table(dims=(2, 50, 400, 10_000)) -> pd.DataFrame:
    """A relative-contrast table in the shape ``data.contrast_table`` returns, its numbers made from D."""
    return pd.DataFrame({"D": list(dims), "relative contrast": [10 / d for d in dims],
                         "simulated": [0.55 / d ** 0.5 for d in dims], "exact": [0.548 / d ** 0.5 for d in dims],
                         "points": [1000] * len(dims)})


def test_angle_description_names_every_panel_and_the_sliders_spread():
    summary = {"n": 10_000, "mean": 90.02, "std": 2.87, "spread": g.angle_spread_deg(400),
               "exact sd": text.exact_angle_sd_deg(400)}
    found = text.angles_description((2, 3, 50, 100, 400), 400, summary, "cube")
    assert "D = 2, 3, 50, 100 and 400" in found and "in the cube" in found
    assert "at D = 400, 10,000 pairs at 90.0° ± 2.87° (exact for the sphere ± 2.87°, large-D rule ± 2.86°)" in found
    other = text.angles_description((2, 3, 50, 100, 10_000), 10_000, summary | {"spread": 0.573}, "sphere")
    assert "100 and 10,000" in other and "on the sphere" in other and "large-D rule ± 0.573°" in other
    assert "0° or 180°" in text.angles_description((2, 3, 50, 100, 1), 1, summary, "cube")


def test_the_angle_formula_says_large_d_and_shows_the_exact_spread():
    """At D = 2 the rule (180/π)/√D gives ± 40.5° where the angle's spread is 52.0° (π/√12 rad): the
    formula must call the rule asymptotic and put the exact value beside it (issue 14)."""
    summary = {"n": 10_000, "mean": 90.3, "std": 52.1, "spread": g.angle_spread_deg(2),
               "mean cos2": 0.5, "exact sd": text.exact_angle_sd_deg(2)}
    latex = text.angles(2, summary)
    assert r"\text{for large } D" in latex and "40.5" in latex and "= 52^\\circ" in latex


def test_the_angle_note_says_the_cube_is_not_uniform_in_two_dimensions_and_sphere_means_on():
    low, high = text.cube_2d_deviation()
    assert low == pytest.approx(-0.036, abs=0.001) and high == pytest.approx(1.0 / 3.0 * 3.14159265 - 1, abs=1e-4)
    note = text.angles_correction()
    assert "−3.6%" in note and "+4.7%" in note and "on the circle only" in note
    assert "*on* the sphere" in note and "inside the ball is uniform on the sphere" in note


def test_the_shell_numbers_name_the_first_whole_dimension():
    assert text.first_whole(229.1) == 230 and text.first_whole(230.0) == 230
    assert "from D = 230" in text.shell_correction() and "229.1" in text.shell_correction()
    assert "first whole } D: 230" in text.shell(50, 0.01)


def test_bellman_coined_the_phrase_in_1957():
    (bellman,) = [r for r in text.REFERENCES if "Bellman" in r]
    assert "1957" in bellman and "Dynamic Programming" in bellman and "preface" in bellman


def test_distances_are_lower_case_d_where_capital_d_is_the_dimension():
    table = contrast_table()
    everything = " ".join([text.contrast_caption(pd.DataFrame({"D": [2, 100, 1000], "relative contrast": [9, 1, .1]})),
                           text.contrast_description(table, 400), text.distances(400, table), text.LETTER_D])
    assert "Dmax" not in everything and "D_{\\max}" not in everything and "d_max" in everything
    assert "d_{\\max}" in text.distances(400, table)


@pytest.mark.parametrize(("dim", "diameter", "where"), [
    (50, "6.07, 3 times", "marked"), (4, "1, 50% of", "marked"),
    (10_000, "99, 50 times", "beyond the chart's D = 400")])
def test_centre_ball_description_reads_the_sliders_diameter(dim, diameter, where):
    found = text.centre_ball_description(dim, 400 if dim > 400 else 50)
    assert f"D = {dim:,}, {where}" in found and f"the diameter is {diameter} the box side" in found


def test_shell_description_follows_epsilon_and_the_slider():
    found = text.shell_description(0.01, 50, 10_000)
    assert "ε = 0.01" in found and "90% from D = 230 and 99% from D = 459" in found
    assert "39.5% at the slider's D = 50" in found
    thicker = text.shell_description(0.05, 400, 10_000)
    assert "90% from D = 45" in thicker and "over 99.9% at the slider's D = 400" in thicker


def test_distance_descriptions_read_the_table_at_the_sliders_dimension():
    table = contrast_table()
    contrast = text.contrast_description(table, 400)
    assert "from 5 at D = 2 to 0.001 at D = 10,000; 0.025 at the slider's D = 400" in contrast
    spread = text.spread_ratio_description(table, 50)
    assert "at the slider's D = 50 measured 0.078, line 0.077" in spread
    hists = text.distance_hists_description((2, 50, 10_000), table, 1000)
    assert "0.39 at D = 2, 0.078 at D = 50, 0.0055 at D = 10,000" in hists and "1,000 points" in hists


def test_grid_descriptions_follow_bins_and_samples():
    rows = [{"D": d, "cells": 2.0 ** d, "simulated": min(1.0, 100 / 2 ** d), "expected": 0.0, "bound N/b^D": 0.0}
            for d in range(1, 13)]
    grid = pd.DataFrame(rows)
    cells = text.cells_description(grid, 2, 100)
    assert "b = 2 bins" in cells and "N = 100 samples" in cells and "from D = 7" in cells  # 2⁷ = 128 > 100
    assert "from 2 at D = 1 to 4,096 at D = 12" in cells
    occupancy = text.occupancy_description(grid, 2, 100)
    assert "the 2^D cells" in occupancy and "100% at D = 1" in occupancy and "0.024 at D = 12" in occupancy


def test_the_other_descriptions_carry_their_numbers():
    knn = pd.DataFrame({"features": [2, 10, 1026], "accuracy": [0.962, 0.7, 0.514]})
    assert "96% with 2 features, 51% with 1,026" in text.knn_description(knn, 50)
    assert "slider's D = 50" in text.knn_description(knn, 50) and "slider" not in text.knn_description(knn, 1)
    assert "√3 − 1 = 0.732" in text.spiky_cube_description("3-D")
    assert "4 unit squares" in text.spiky_cube_description("2-D")
    ratio = pd.DataFrame({"D": [1, 2, 30], "exact": [1.0, 0.785, 2.0e-14], "simulated": [1.0, 0.79, float("nan")]})
    found = text.ratio_description(ratio, 200_000)
    assert "2 × 10⁻¹⁴ at D = 30" in found and "up to D = 2" in found and "200,000 random points" in found
    bars = pd.DataFrame({"left": [3.5, 4.0, 4.5], "right": [4.0, 4.5, 5.0], "density": [1.0, 2.0, 0.0]})
    norms = text.norms_description(bars, 50, 20_000)
    assert "20,000 uniform points of the cube at D = 50: from 3.5 to 4.5" in norms and "√D = 7.07" in norms
    radius = text.radius_description(bars.assign(left=[0.84, 0.9, 0.95]), 50, 0.01, 5000, 0.3951)
    assert "5,000 uniform points of the 50-ball, r from 0.84 to 1" in radius and "39.5% of the points" in radius
    spread = pd.DataFrame({"D": [2, 10_000], "simulated": [52.1, 0.59], "exact": [52.0, 0.573],
                           "large D": [40.5, 0.573]})
    said = text.spread_description(spread, 50)
    assert "52.1° at D = 2 to 0.59° at D = 10,000" in said and "exact spread for the sphere (52°" in said
    assert "the exact spread is 8.18° and the rule gives 8.1°" in said
    gaps = pd.DataFrame({"left": [0.0, 0.08], "right": [0.08, 0.16], "density": [10.0, 1.0]})
    face = text.face_gap_description(gaps, 50, 20_000, 0.921)
    assert "nearest face" in face and "92.1% of the points" in face and "exact 92.3%" in face
    caption = text.face_gap_caption(50, 20_000, 0.921)
    assert "92.1% lie within 0.05 of some face (exact 1 − (1 − 0.05)^D = 92.3%)" in caption


# ------------------------------------------------------------------------ the article's missing pieces
def test_ball_volume_formula_uses_the_closed_form_with_live_numbers():
    import math

    assert "V_{5}(1) = 5.264" in text.ball_volume(5)  # 8π²/15
    assert 8 * math.pi ** 2 / 15 == pytest.approx(5.2638, abs=1e-4)
    assert "V_{50}(1) = 1.73 \\times 10^{-13}" in text.ball_volume(50)
    assert r"\lVert x - c \rVert \le r" in text.ball_volume(3)


def test_worked_ring_and_shell_are_the_articles_numbers():
    worked = text.worked_shells(0.01)
    assert r"1.99\%" in worked and r"2.97\%" in worked
    assert r"19.00\%" in text.worked_shells(0.1) and r"27.10\%" in text.worked_shells(0.1)


def test_cube_faces_count_the_4d_cube_and_the_sliders_cube():
    assert r"D = 4:\ 16\ \text{vertices},\ 32\ \text{edges},\ 24\ \text{squares},\ 8\ \text{cubes}" in \
        text.cube_faces(10)
    assert r"D = 10:\ 1,024\ \text{vertices},\ 5,120\ \text{edges}" in text.cube_faces(10)
    assert r"2\ \text{vertices},\ 1\ \text{edge}" in text.cube_faces(1)


def test_band_and_cap_in_three_dimensions_and_at_the_slider():
    found = text.band_and_cap(50)
    assert r"17.4\%" in found and r"0.76\%" in found  # sin 10°, (1 − cos 10°)/2
    assert r"D = 50:\ 77.7\%" in found and r"90^\circ \pm 3.60^\circ" in found  # 255-D
    assert r"< 10^{-300}" in text.band_and_cap(10_000) and "D = 1:" not in text.band_and_cap(1)


def grid_table():
    return pd.DataFrame({"features": list(range(1, 13)), "log10 cells": [k for k in range(1, 13)],
                         "occupied": [10, 81, 288] + [900] * 9,
                         "empty share": [0.0, 0.01, 0.11, 0.4, 0.75] + [0.95] * 7,
                         "accuracy": [0.76, 0.95, 0.85, 0.58, 0.25] + [0.05] * 7,
                         "answered accuracy": [0.76, 0.96, 0.95, 0.96, 0.97] + [1.0] * 7})


def test_grid_classifier_text_reads_its_table():
    table = grid_table()
    formula = text.grid_classifier_line(table, 3, 10, 1000)
    assert "= 10<sup>3</sup> = 1 × 10<sup>3</sup> cells" in formula and "1,000 training points in 288 cells" in formula
    assert "empty cells: 11.0%" in formula and "accuracy: 85.0%" in formula
    assert "smoothness (local constancy) prior" in text.GRID_CLASSIFIER
    caption = text.grid_accuracy_caption(table)
    assert "From F = 5 most new points land in empty cells" in caption and "from F = 5 the grid does worse" in caption
    described = text.grid_accuracy_description(table, 3, 10)
    assert "95% with 2 features and 5% with 12" in described and "F = 3, where the accuracy is 85%" in described
    cells = pd.DataFrame({"class": ["A", "A", "B", ""]})
    points = pd.DataFrame({"class": ["A", "B"]})
    picture = text.grid_picture_description(cells, points, "A", 2, 1000)
    assert "2 cells A, 1 cells B, 0 cells C, 1 empty cells" in picture and "class A" in picture
    assert "no answer" in text.grid_picture_description(cells, points, "", 2, 1000)
    caption = text.grid_picture_caption(cells, "A", 2)
    assert "2 × 2 cells" in caption and "1 of the 4 hold no training point" in caption and "gets class A" in caption
    assert "no answer" in text.grid_picture_caption(cells, "", 2)


def test_the_cells_at_the_sliders_d_and_the_grids_b():
    cells = "cells = <i>b</i><sup><i>D</i></sup> = "
    assert text.grid_line(3, 10, 1000) == f"{cells}10<sup>3</sup> = 1,000 ≤ <i>N</i> = 1,000"
    line = text.grid_line(50, 10, 1000)
    assert line.startswith(f"{cells}10<sup>50</sup> = 1 × 10<sup>50</sup><br>")
    assert line.endswith("occupied share ≤ <i>N</i> / <i>b</i><sup><i>D</i></sup> = 1 × 10<sup>−47</sup>")
    assert "2 × 10<sup>13010</sup>" in text.grid_line(10_000, 20, 100)  # 20^10,000: past the doubles
    assert text.cells_caption(2, 10_000, 14).endswith("N = 10,000 samples from D = 14.")


def test_the_intro_claims_a_closed_form_only_where_there_is_one():
    assert "every curve is a closed form" not in text.INTRO and "wherever a closed form exists" in text.INTRO


def test_the_band_idea_writes_its_exponent_as_maths_not_braces():
    idea = text.CAPS_AND_BELTS[1]
    assert "sin^{" not in idea.replace("$\\sin^{D-2}\\theta$", "")
    assert "$\\sin^{D-2}\\theta$" in idea


def test_the_distance_section_says_it_goes_beyond_the_article():
    assert "goes further than the article" in text.BEYOND_ARTICLE
    assert "as in the article" not in text.LETTER_D  # the article never writes D_max / D_min


# ------------------------------------------------------------------------ the article's figures, live
def test_the_centre_ball_formula_has_the_articles_numbers_and_the_sliders():
    found = text.centre_ball(10)
    assert r"\sqrt{2} - 1 = 0.414" in found and r"\sqrt{3} - 1 = 0.732" in found
    assert r"\sqrt{10} = 3.162" in found and r"\sqrt{D} - 1 = 2.162" in found
    assert "at } D = 4" in found and "at } D = 9" in found  # passes an orange ball, then the box


@pytest.mark.parametrize("dim", [1, 2, 9, 10, 25, 26, 49, 50, 400, 9999, 10_000])
def test_the_stack_needed_is_the_fewest_even_cubes_a_side_that_hold_the_centre_ball(dim):
    import math

    need = text.stack_needed(dim)
    naive = next(k for k in range(2, 202, 2) if math.sqrt(dim) - 1 <= k + 1e-12)
    assert need == naive and need % 2 == 0


def test_the_stacking_formula_says_when_the_centre_ball_stays_inside():
    assert r"k = 4:\ D \le 25" in text.stacking(25, 4) and r"\sqrt{D} - 1 = 4\ \le\ 4" in text.stacking(25, 4)
    assert r"6.071\ >\ 4" in text.stacking(50, 4) and r"needs } k = 8" in text.stacking(50, 4)
    assert r"k^D = 100^{10,000}" in text.stacking(10_000, 2) and "10^{20000}" in text.stacking(10_000, 2)
    said = text.STACKING
    assert "pseudo simulation" in said and "(k + 1)²" in said and "25 for four a side" in said
    assert "side s change nothing" in said  # the cubes' size cancels


def test_the_picture_says_when_it_is_exact_and_when_it_is_a_pseudo_picture():
    assert "exact" in text.spiky_cube_caption("2-D", 2, 2) and "pseudo" not in text.spiky_cube_caption("2-D", 2, 2)
    assert "no room" in text.spiky_cube_caption("2-D", 1, 2)
    pseudo = text.spiky_cube_caption("2-D", 10, 4)
    assert "“pseudo” picture" in pseudo and "√D − 1 = 2.16" in pseudo and "up to D = 25" in pseudo
    assert "edge is cut" in text.spiky_cube_caption("2-D", 10_000, 2, clipped=True)
    assert "8 unit cubes" in text.spiky_cube_caption("3-D", 50, 2)
    described = text.spiky_cube_description("2-D", 10, 2)
    assert "4 unit squares" in described and "2.16, where it sticks out of the box" in described
    assert "fits inside the box" in text.spiky_cube_description("2-D", 10, 4)
    assert "box side 4 (dashed, flat); they meet at D = 25" in text.centre_ball_description(10, 50, 4)
    assert "side 4 at D = 25 and is wider from D = 26" in text.centre_ball_caption(4)


def test_shares_are_written_as_people_read_them():
    assert [text.share_text(x) for x in (0.174, 0.0076, 1.0)] == ["17.4%", "0.76%", "100%"]
    assert text.share_text(1.9e-8) == "1.9 × 10⁻⁸" and text.share_text(0.0) == "< 10⁻³⁰⁰"


def test_the_cap_and_belt_text_carries_the_shares():
    labels = text.cap_belt_labels(10, 0.0076, 0.174, "of the sphere")
    assert labels == {"cap": "cap θ < 10°: 0.76% of the sphere", "belt": "belt 90° ± 10°: 17.4% of the sphere"}
    assert "23 times as much" in text.globe_caption(10, 0.0076, 0.174)
    assert "half-angle 10°" in text.globe_description(10, 0.0076, 0.174)
    assert "D = 50 (solid)" in text.density_description(50, 10, 3e-39, 0.777)
    assert "no density" in text.density_caption(1, 10) and "largest at 90°" in text.density_caption(50, 10)
    assert r"90^\circ \pm 30^\circ" in text.band_and_cap(50, 30)


def test_the_shell_discs_print_the_articles_ring_and_shell():
    labels = text.shell_disc_labels(0.01, 400)
    assert labels == ["2-D disc\nring 1.99%", "3-D ball\nshell 2.97%", "D = 400 stand-in\nshell 98.2%"]
    assert "drawn 0.04 wide so it shows" in text.shell_discs_caption(0.01, 400, 0.04)
    assert "drawn" not in text.shell_discs_caption(0.1, 400, 0.04)
    assert "98.2%" in text.shell_discs_description(0.01, 400)
    # 1 − 0.99^1000 = 99.996% and 1 − 0.8^10000 = 1.0 in floating point: neither is all of the ball
    assert text.shell_disc_labels(0.01, 1000)[2].endswith("shell over 99.9%")
    assert text.shell_disc_labels(0.2, 10_000)[2].endswith("shell over 99.9%")
    assert "covers over 99.9% of it" in text.shell_discs_description(0.01, 1000)
