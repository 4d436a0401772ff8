"""Spiky cubes, Pac-Man walking, empty M&M's: the curse of dimensionality, by Monte Carlo."""

from ui.curse_of_dimensionality.opening import INTRO, TITLE
from ui.opening import opening

top = opening(TITLE, INTRO)  # on screen before the imports below (Altair, pandas, numba: seconds when cold)

from ui.curse_of_dimensionality import sections, text  # noqa: E402
from ui.frame import page  # noqa: E402

page("curse_of_dimensionality", text, sections, top=top)
