"""The curse page's pictures: the stacked spiky cubes and the peeled discs, drawn from rows that D moves."""

import json

import numpy as np
import pandas as pd
import pytest

from tests.conftest import rows_aside
from ui.curse_of_dimensionality import pictures, text
from ui.kit.played import Played
from ui.kit.specs import convert


def _shapes(rows: pd.DataFrame, kind: str) -> int:
    """The shapes of ``kind`` drawn (a shape a D does not draw keeps its rows, ``drawn`` false)."""
    return rows.loc[rows["drawn"] & (rows["kind"] == kind), "shape"].nunique()


def _centre(dim: int, per_side: int) -> np.ndarray:
    rows = pictures.spiky_cube_shapes("2-D", dim, per_side)
    return rows.loc[rows["kind"] == "centre ball", ["x", "y"]].to_numpy()


def _rows(chart) -> list[list[dict]]:
    """Each dataset of ``chart`` (a small one: Altair's JSON rows), in order."""
    return list(chart.to_dict()["datasets"].values())


@pytest.mark.parametrize("view", ["2-D", "3-D"])
def test_spiky_cube_figure_has_every_ball_and_the_centre_ball(view):
    rows = pictures.spiky_cube_shapes(view)
    assert _shapes(rows, "ball of diameter 1") == (4 if view == "2-D" else 8)
    ring = rows.loc[rows["kind"] == "centre ball", ["x", "y"]].to_numpy()
    dim = 2 if view == "2-D" else 3
    assert np.allclose(np.linalg.norm(ring, axis=1), (np.sqrt(dim) - 1) / 2)
    assert pictures.spiky_cube_chart(view).to_dict()["projection"]["type"] == "identity"


@pytest.mark.parametrize(("dim", "per_side"), [(2, 2), (10, 2), (10, 4), (30, 4), (400, 20)])
def test_the_2d_stack_draws_k_by_k_cubes_and_the_centre_ball_of_the_sliders_dimension(dim, per_side):
    """The article's "pseudo" picture: squares as in 2-D, the centre ball at its D-dimensional radius
    (√D − 1)/2, whole wherever the picture's edge leaves room for it."""
    rows = pictures.spiky_cube_shapes("2-D", dim, per_side)
    assert _shapes(rows, "unit cube") == _shapes(rows, "ball of diameter 1") == per_side ** 2
    sent = convert(pictures.spiky_cube_chart.build("2-D", dim, per_side))
    assert len(json.dumps({**sent, "datasets": None})) + sum(map(len, sent["datasets"].values())) < 160_000
    radius = np.linalg.norm(_centre(dim, per_side), axis=1)
    assert not pictures.centre_ball_clipped(dim, per_side)
    assert np.allclose(radius, (np.sqrt(dim) - 1) / 2)
    edge = pictures.stack_half_width(per_side, dim)
    assert edge >= max(per_side / 2, radius.max())  # the picture holds the box and the ball


def test_a_centre_ball_wider_than_the_picture_is_cut_at_its_edge():
    ring = _centre(10_000, 2)  # radius 49.5 against a picture of half-width 3.5
    edge = pictures.stack_half_width(2, 10_000)
    assert pictures.centre_ball_clipped(10_000, 2) and edge == pictures.STACK_ZOOM_OUT * 1
    assert np.abs(ring).max() == pytest.approx(edge)
    # in 1-D the two unit balls meet at the centre: no centre ball is drawn (its rows stay, undrawn)
    rows = pictures.spiky_cube_shapes("2-D", 1, 2)
    assert _shapes(rows, "centre ball") == 0 and len(rows) == len(pictures.spiky_cube_shapes("2-D", 2, 2))


@pytest.mark.parametrize(("dim", "per_side", "verdict"), [(9, 2, "touches the box"), (10, 2, "sticks out"),
                                                          (10, 4, "inside"), (25, 4, "touches the box"),
                                                          (26, 4, "sticks out")])
def test_the_pictures_title_says_where_the_centre_ball_is(dim, per_side, verdict):
    """√D − 1 against the box side k: inside up to D = (k + 1)², touching at it, out beyond; written in the
    picture from its rows."""
    title = " ".join(pictures.spiky_cube_title("2-D", dim, per_side))
    assert f"box side k = {per_side}: {verdict}" in title and f"√D − 1 = {np.sqrt(dim) - 1:.3g}" in title
    assert "√3 − 1 = 0.732" in " ".join(pictures.spiky_cube_title("3-D", dim, per_side))  # 3-D stays exact
    rows = [row for rows in _rows(pictures.spiky_cube_chart("2-D", dim, per_side)) for row in rows]
    assert {"label": "√D", "x": 1.0, "y": 1.0} in rows  # the diagonal is labelled
    assert [row["title"].split("\n")[-1] for row in rows if "title" in row] == [f"box side k = {per_side}: {verdict}"]


def test_the_pictures_title_sits_in_a_band_above_the_drawing():
    """The title's lines are written at the top of the fitted extent, above the picture's edge, so the
    projection fits them in rather than drawing them over the centre ball."""
    rows = [row for rows in _rows(pictures.spiky_cube_chart("2-D", 50, 2)) for row in rows]
    edge = pictures.stack_half_width(2, 50)
    title = next(row for row in rows if "title" in row)
    corners = next(rows for rows in _rows(pictures.spiky_cube_chart("2-D", 50, 2)) if len(rows) == 2
                   and set(rows[0]) == {"x", "y"})
    assert max(row["y"] for row in corners) == title["y"] > edge * (1 + pictures.TITLE_BAND)


@pytest.mark.parametrize(("eps", "dim"), [(0.01, 400), (0.1, 10), (0.2, 2), (0.01, 3)])
def test_shell_discs_draw_the_peel_and_an_area_true_stand_in_for_the_d_ball(eps, dim):
    radii = pictures.shell_disc_radii(eps, dim)
    (_, d2, ring), (_, d3, shell), (_, dd, stand_in) = radii
    assert (d2, d3, dd) == (2, 3, dim) and ring == shell == 1 - max(eps, pictures.MIN_DRAWN_SHELL)
    share = 1 - (1 - eps) ** dim
    if (1 - eps) ** (dim / 2) <= ring:  # not widened: the ring's share of the disc is the D-ball's shell share
        assert 1 - stand_in ** 2 == pytest.approx(share)
    discs, rims, names = (pd.DataFrame(rows) for rows in _rows(pictures.shell_discs_chart(eps, dim, ["a", "b", "c"])))
    assert discs.groupby("kind")["shape"].nunique().to_dict() == {"outer shell": 3, "inside": 3}
    inside = discs[(discs["kind"] == "inside") & (discs["x"] > 2 * pictures.SHELL_GAP - 1.1)]
    assert np.allclose(np.hypot(inside["x"] - 2 * pictures.SHELL_GAP, inside["y"]), stand_in)
    assert rims.loc[rims["drawn"], "shape"].nunique() == (4 if dim == 3 else 2)  # a ball's two equators
    assert list(names["label"]) == ["a", "b", "c"]


@pytest.mark.parametrize("dims", [(1, 2), (2, 10), (50, 60), (100, 10_000)])
def test_moving_d_changes_the_pictures_rows_not_their_specs(dims):
    """The centre ball, the picture's extent, its title and the stand-in move with D in the rows alone:
    the spec and the row counts stay, so the browser updates the drawn picture in place."""
    for build in (lambda d: pictures.spiky_cube_chart("2-D", d, 4),
                  lambda d: pictures.shell_discs_chart(0.01, d, text.shell_disc_labels(0.01, d))):
        before, after = (build(d).to_dict() for d in dims)
        assert rows_aside(before) == rows_aside(after)
        assert [len(r) for r in before["datasets"].values()] == [len(r) for r in after["datasets"].values()]
        assert before["datasets"] != after["datasets"]


def _filters(spec) -> list[str]:
    """Every filter expression of a layered spec's layers."""
    return [t["filter"] for layer in spec["layer"] for t in layer.get("transform", []) if isinstance(t["filter"], str)]


def test_the_played_discs_draw_the_stand_in_of_the_parameters_frame():
    """While ▶ plays the shells in the browser: the discs hold a stand-in inside and label for every frame,
    filter on ``play_shells`` and declare it at the start; the stand-in is a ball (with equators) at D = 3 only."""
    played = Played("play_shells", (2, 50, 1000), 50)
    labels = tuple(text.shell_disc_labels(0.01, f)[2] for f in played.frames)
    d = pictures.shell_discs_chart(0.01, 50, text.shell_disc_labels(0.01, 50), played, labels).to_dict()
    assert [p["value"] for p in d["params"]] == [50]
    discs, rims, names = (pd.DataFrame(rows) for rows in d["datasets"].values())
    inside = discs[discs["kind"] == "inside"].drop_duplicates("shape")
    assert list(inside["frame"]) == [0, 0, 2, 50, 1000]  # two discs, then a stand-in a frame
    assert list(names["frame"]) == [0, 0, 2, 50, 1000] and list(names["label"][2:]) == list(labels)
    assert _filters(d).count("datum.frame == 0 || datum.frame == play_shells") == 3  # discs, equators, labels
    from_3 = Played("play_shells", (2, 3, 4), 3)
    labels = tuple(text.shell_disc_labels(0.01, f)[2] for f in from_3.frames)
    d = pictures.shell_discs_chart(0.01, 3, text.shell_disc_labels(0.01, 3), from_3, labels).to_dict()
    rims = pd.DataFrame(list(d["datasets"].values())[1])
    assert sorted(rims.loc[rims["drawn"], "frame"].unique()) == [0, 3]
