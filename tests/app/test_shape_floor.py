"""The floor ``bench_settle`` measures beside the curse page (``benchmarks/shape_app.py``) keeps the curse
page's shape: as many charts, about as many texts and CSV buttons, and a D move that gives every chart new
data under the same spec (drawn in place), as the page's own charts get."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT, assert_clean, charts, run_page
from tests.conftest import ROOT


def _shape(dim: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "benchmarks" / "shape_app.py"), default_timeout=TIMEOUT).run()
    if dim is not None:
        at.select_slider(key="dim").set_value(int(dim)).run()
    assert_clean(at)
    return at


def _texts(at: AppTest) -> int:
    return len(at.markdown) + len(at.caption) + len(at.latex)


def test_the_shape_floor_draws_as_many_parts_as_the_curse_page():
    page, floor = run_page("pages/curse_of_dimensionality.py"), _shape()
    assert len(charts(floor)) == len(charts(page))
    assert abs(_texts(floor) - _texts(page)) <= 0.25 * _texts(page)
    assert abs(len(floor.get("download_button")) - len(page.get("download_button"))) <= 2


def test_moving_d_on_the_shape_floor_changes_every_chart_s_data_and_no_spec():
    before, after = _shape(), _shape("60")
    drawn = [[c.proto for c in charts(at)] for at in (before, after)]
    assert [c.spec for c in drawn[0]] == [c.spec for c in drawn[1]]
    assert all(a.datasets != b.datasets or a.data != b.data for a, b in zip(*drawn, strict=True))
