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
