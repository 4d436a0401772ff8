"""The curse of dimensionality page's title and introduction: what it draws first, before its heavy imports
(:mod:`ui.opening`)."""

TITLE = "Spiky cubes, Pac-Man walking, empty M&M's"
INTRO = (
    "Data with hundreds of features lives in a space where our 3-D intuition fails. Grids need more "
    "cells than there are atoms, almost all of a cube sits in its corners, two random directions are "
    "almost always at right angles, an orange is nearly all peel, and every point is about as far "
    "from you as every other. Move **D** and watch each of these happen; wherever a closed form exists it "
    "is drawn over a Monte Carlo simulation with the seed in the sidebar.")
