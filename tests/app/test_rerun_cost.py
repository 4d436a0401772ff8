"""What a rerun rebuilds: a moved control rebuilds the charts that depend on it, never the others
(the spec cache, ``ui.kit.specs``), and every section is a fragment keyed by page and name."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, charts, run_page
from ui import registry
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
    built = _builds_during(at, lambda at: at.slider(key="features").set_value(5))
    assert built and all(name.removeprefix(CURSE) in GRID_CHARTS for name in built), built


def test_going_back_to_a_view_seen_before_builds_nothing():
    at = run_page("pages/curse_of_dimensionality.py", {"dim": "400"})
    at.select_slider(key="dim").set_value(50).run()
    assert _builds_during(at, lambda at: at.select_slider(key="dim").set_value(400)) == {}


@pytest.mark.parametrize("stem", [page.stem for page in registry.PAGES])
def test_every_section_is_a_fragment_with_its_page_in_its_key(stem):
    sections = registry.sections_of(stem)
    keys = {f"{stem}.{section.__name__}" for section in sections.SECTIONS}
    assert len(keys) == len(sections.SECTIONS)  # unique fragment keys
    fragments = [section for section in sections.SECTIONS if not getattr(section, "reruns_page", False)]
    assert fragments, f"{stem}: no section reruns on its own"


def _rebuilt_in_the_browser(page: str, key: str, a: str, b: str) -> list[str]:
    """The charts whose spec or accessible name differ between the page at ``key=a`` and at ``key=b``, in
    the order drawn: those the browser builds anew (~25–60 ms each) rather than updating with new data."""
    first, second = (run_page(f"pages/{page}.py", {key: value}) for value in (a, b))
    drawn = [[(c.proto.spec, c.proto.alt) for c in charts(at)] for at in (first, second)]
    assert len(drawn[0]) == len(drawn[1])
    return [alt for (spec, alt), other in zip(drawn[0], drawn[1], strict=True) if (spec, alt) != other]


@pytest.mark.parametrize(("page", "key", "a", "b", "rebuilt"), [
    ("rnn_prerequisites", "seq_len", "24", "25", 0),
    ("simple_rnn", "seq_len", "20", "21", 0),  # the ∂L/∂W panels too: their colours are shades in the data
    ("history", "gain", "1.0", "1.25", 0),  # (its depth is answered in the browser: ui.in_browser)
    # (the grids' b is answered in the browser: ui.in_browser; their N moves them through their data)
    ("curse_of_dimensionality", "n", "1000", "10000", 0),
    # D between two of the ratio chart's stops: the pictures too (their shapes are rows)
    ("curse_of_dimensionality", "dim", "60", "70", 0),
    # the theory's reveal (a talk's second step): the closed forms drawn or left out, the axes as they were
    ("curse_of_dimensionality", "theory", "true", "false", 0),
])
def test_a_frequent_control_moves_charts_through_their_data(page, key, a, b, rebuilt):
    """A longer sequence (or a deeper net, another D, another b) is new data for the same specs: axes span the
    data (or a span in it), labels are data, and the accessible names stay (the numbers are said in the
    captions). The curse page's inscribed-ball chart is drawn anew when D passes one of its stops
    (``data.RATIO_TOPS``: its axes change there).

    Not the LSTM forward page's whole-sequence charts: their names say T's numbers, and stay when t moves,
    its main control; a caption holding the numbers (HTML) made every step of t ~5% slower to draw."""
    assert len(_rebuilt_in_the_browser(page, key, a, b)) == rebuilt
