"""The curse page's data for the cap-and-belt figure, against an independent computation."""

import numpy as np
import pytest

from ui.curse_of_dimensionality import data as cg


@pytest.mark.parametrize(("dim", "width"), [(2, 10), (3, 10), (3, 45), (50, 10), (1000, 5)])
def test_the_shaded_areas_hold_the_shares_the_legends_print(dim, width):
    """The trapezoid rule over the drawn curve (per degree) gives the cap's and the belt's shares, which the
    legends take from the engine's Gauss–Legendre quadrature of f_D."""
    curves, zones = cg.angle_density_curves(dim, width)
    cap, belt = cg.cap_belt_shares(dim, width)
    for zone, share in (("cap", cap), ("belt", belt)):
        part = zones[zones["zone"] == zone]
        assert np.trapezoid(part["density"], part["theta"]) == pytest.approx(share, rel=1e-3, abs=1e-9)
    first = curves[curves["D"] == dim]
    assert np.trapezoid(first["density"], first["theta"]) == pytest.approx(1.0, rel=1e-3)  # a density
    assert set(curves["D"]) == ({dim, 3})


def test_the_globe_shares_are_the_3d_closed_forms():
    cap, belt = cg.cap_belt_shares(3, 10)
    assert cap == pytest.approx((1 - np.cos(np.radians(10))) / 2) and belt == pytest.approx(np.sin(np.radians(10)))


def test_dimension_one_has_no_density_and_draws_the_globes():
    curves, zones = cg.angle_density_curves(1, 10)
    assert set(curves["D"]) == {3} and len(zones)


def test_the_frames_of_play_are_each_frames_own_histogram():
    """``angle_frames`` (the panels ▶ plays in the browser): frame 0 holds the article's four panels, each
    other frame the slider's panel at that D, exactly as drawn when the slider stops there; the pinned D is
    drawn in every frame's panel, labelled as it."""
    import pandas as pd

    frames = (3, 10, 50, 1000)
    bars, curves, pinned = cg.angle_frames(frames, 1000, 42, "cube")
    assert set(bars.loc[bars["frame"] == 0, "D"]) == {f"D = {d:,}" for d in cg.ARTICLE_DIMS}
    assert set(bars["frame"]) == {0, 10, 1000}  # 3 and 50 are the article's: drawn at every frame already
    for frame in (10, 1000):
        own_bars, own_curve, _ = cg.angle_hist(frame, 1000, 42, "cube")
        pd.testing.assert_frame_equal(bars[bars["frame"] == frame].drop(columns="frame").reset_index(drop=True),
                                      own_bars)
        pd.testing.assert_frame_equal(curves[curves["frame"] == frame].drop(columns="frame").reset_index(drop=True),
                                      own_curve)
    assert pinned is None
    _, _, pinned = cg.angle_frames(frames, 1000, 42, "cube", pin=10)
    pinned_bars, pinned_curves = pinned
    assert set(pinned_curves["frame"]) == set(frames)
    assert list(pinned_bars.groupby("frame")["D"].first()) == [f"D = {d:,}" for d in frames]
    assert set(pinned_bars.groupby("frame").size()) == {len(cg.angle_hist(10, 1000, 42, "cube")[0])}


def test_the_grids_at_every_b_are_each_bs_own():
    """``grids_by_bins`` stacks what the grids draw at each b (``ui.in_browser`` picks one): each b's rows are
    the per-b functions' rows; the points drawn are the same at every b."""
    import pandas as pd

    every = cg.grids_by_bins(1000, 42)
    for b in (2, 10, 20):
        cells, points, new_class = cg.grid_picture(b, 1000, 42)
        pd.testing.assert_frame_equal(cg.at_bins(every.cells, b), cells)
        pd.testing.assert_frame_equal(every.points, points)
        assert every.crosses.loc[every.crosses["bins"] == b, "class"].item() == new_class
        pd.testing.assert_frame_equal(cg.at_bins(every.classifier, b), cg.grid_classifier_table(b, 1000, 42))
        pd.testing.assert_frame_equal(cg.at_bins(every.grid, b), cg.grid_table(b, 1000, 42))
    assert list(every.crosses["bins"]) == list(cg.GRID_BINS) == list(range(2, 21))
