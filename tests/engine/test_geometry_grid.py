"""engine/geometry.py: the article's grid classifier (three classes, twelve features) against a naive
dictionary-of-cells version, and the emptying of the grid as features are added."""

import math
from collections import Counter

import numpy as np
import pytest

from engine import geometry as g


def naive_grid_classify(x_train, y_train, x_test, n_features, bins):
    cells = {}
    for row, label in zip(x_train, y_train, strict=True):
        cells.setdefault(tuple(int(v * bins) for v in row[:n_features]), Counter())[int(label)] += 1
    out = []
    for row in x_test:
        votes = cells.get(tuple(int(v * bins) for v in row[:n_features]))
        out.append(-1 if votes is None else max(range(3), key=lambda c: (votes[c], -c)))
    return np.array(out)


@pytest.mark.parametrize(("n_features", "bins"), [(1, 4), (2, 6), (5, 3), (12, 2)])
def test_grid_classify_matches_a_naive_dictionary_of_cells(n_features, bins):
    x, y = g.three_class_data(400, 3, stream=30)
    x_new, _ = g.three_class_data(300, 3, stream=32)
    assert np.array_equal(g.grid_classify(x, y, x_new, n_features, bins),
                          naive_grid_classify(x, y, x_new, n_features, bins))


def test_data_has_the_articles_shape():
    x, y = g.three_class_data(3000, 1, stream=30)
    assert x.shape == (3000, 12) and set(np.unique(y)) == {0, 1, 2}
    assert x.min() >= 0 and x.max() < 1
    assert np.all(np.abs(np.bincount(y) / 3000 - 1 / 3) < 0.03)


def test_two_features_classify_well_and_twelve_leave_the_grid_empty():
    curve = g.grid_classifier_curve(6, 1000, 1000, 42)
    assert list(curve["features"]) == list(range(1, 13))
    assert curve["log10 cells"][-1] == pytest.approx(12 * math.log10(6))
    assert curve["accuracy"][1] > 0.9 and curve["empty share"][1] == 0.0  # the article's two features
    assert curve["empty share"][-1] > 0.95 and curve["accuracy"][-1] < 1 / 3  # below chance: no answers
    assert np.all(np.diff(curve["empty share"]) >= 0) and np.all(curve["occupied"] <= 1000)
    # a cell's majority still answers right where there is one: the loss is the empty cells
    answered = curve["answered accuracy"][1:]  # from the article's two features on
    assert np.all(answered[~np.isnan(answered)] > 0.9)


def test_occupied_cells_never_exceed_the_cells_or_the_points():
    curve = g.grid_classifier_curve(3, 200, 50, 5)
    assert np.all(curve["occupied"] <= np.minimum(200, 3.0 ** curve["features"]))


@pytest.mark.parametrize("call", [
    lambda: g.grid_classifier_curve(1, 100, 100, 0),
    lambda: g.grid_classifier_curve(21, 100, 100, 0),
    lambda: g.grid_classifier_curve(4, 0, 100, 0),
    lambda: g.grid_classifier_curve(4, 100, 100, -1),
    lambda: g.three_class_data(10**6, 0, 30),
    lambda: g.grid_cells(np.array([[1.5, 0.2]]), 2, 4),
    lambda: g.grid_cells(np.array([[0.5, 0.2]]), 3, 4),
    lambda: g.grid_classify(np.zeros((3, 2)), [0, 1, 5], np.zeros((1, 2)), 2, 4),
])
def test_bad_arguments_are_refused_with_a_reason(call):
    with pytest.raises(ValueError, match="must"):
        call()
