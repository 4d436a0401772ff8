"""What a rerun rebuilds: a moved control rebuilds the charts that depend on it, never the others
(the spec cache, ``ui.kit.specs``), and every section is a fragment keyed by page and name."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, run_page
from ui import frame
from ui.kit import specs

CURSE = "ui.curse_of_dimensionality.charts."
GRID_CHARTS = ("grid_picture_chart", "grid_accuracy_chart", "cells_chart", "occupancy_chart")


@pytest.fixture(autouse=True)
def empty_spec_cache():
    """The cache is the process's: other tests have drawn these views already."""
    specs.CACHE.clear()


def _builds_during(at, change) -> dict[str, int]:
    before = dict(specs.CACHE.builds)
    change(at)
    at.run()
    assert_clean(at)
    return {name: n - before.get(name, 0) for name, n in specs.CACHE.builds.items() if n != before.get(name, 0)}


def test_a_rerun_with_nothing_changed_builds_no_chart():
    at = run_page("pages/curse_of_dimensionality.py")
    assert_clean(at)
    assert _builds_during(at, lambda at: None) == {}


def test_moving_d_rebuilds_what_depends_on_d_and_not_the_grids():
    at = run_page("pages/curse_of_dimensionality.py")
    built = _builds_during(at, lambda at: at.select_slider(key="dim").set_value(100))
    assert not {CURSE + name for name in GRID_CHARTS} & set(built), built
    assert {CURSE + "spread_chart", CURSE + "norm_hist_chart", CURSE + "knn_chart"} <= set(built), built


def test_moving_a_grid_control_rebuilds_only_grid_charts():
    at = run_page("pages/curse_of_dimensionality.py")
    built = _builds_during(at, lambda at: at.slider(key="bins").set_value(12))
    assert built and all(name.removeprefix(CURSE) in GRID_CHARTS for name in built), built


def test_going_back_to_a_view_seen_before_builds_nothing():
    at = run_page("pages/curse_of_dimensionality.py", {"dim": "400"})
    at.select_slider(key="dim").set_value(50).run()
    assert _builds_during(at, lambda at: at.select_slider(key="dim").set_value(400)) == {}


@pytest.mark.parametrize("stem", [page.stem for page in frame.PAGES])
def test_every_section_is_a_fragment_with_its_page_in_its_key(stem):
    sections = frame.sections_of(stem)
    keys = {f"{stem}.{section.__name__}" for section in sections.SECTIONS}
    assert len(keys) == len(sections.SECTIONS)  # unique fragment keys
    fragments = [section for section in sections.SECTIONS if not getattr(section, "reruns_page", False)]
    assert fragments, f"{stem}: no section reruns on its own"
