"""The curse-of-dimensionality page: grids, spiky cubes, Pac-Man angles, empty M&M's, distances."""
