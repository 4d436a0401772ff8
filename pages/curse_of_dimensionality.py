"""Spiky cubes, Pac-Man walking, empty M&M's: the curse of dimensionality, by Monte Carlo."""

from ui.curse_of_dimensionality import sections, text
from ui.frame import page

page("curse_of_dimensionality", text, sections)
