"""The floor ``bench_ab`` compares with a move answered in the browser (``benchmarks/floor_in_browser_app.py``):
its slider starts no run and keeps its value in the link, and its chart holds every frame and shows the
slider's."""

from __future__ import annotations

import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT, assert_clean, charts
from tests.conftest import ROOT


def _floor(n: int | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "benchmarks" / "floor_in_browser_app.py"), default_timeout=TIMEOUT)
    if n is not None:
        at.query_params["n"] = str(n)
    at.run()
    assert_clean(at)
    return at


def test_the_slider_starts_no_run_and_keeps_its_value_in_the_link():
    slider = _floor().slider(key="n").proto
    assert slider.ignore_rerun
    assert slider.query_param_key == "n"


def test_the_chart_holds_every_frequency_and_filters_on_the_slider_s():
    at = _floor(23)
    (chart,) = charts(at)
    spec = json.loads(chart.proto.spec)
    (param,) = spec["params"]
    assert param["name"] == "frame" and param["value"] == 23
    assert spec["transform"] == [{"filter": "(datum.n === frame)"}]
    assert at.slider(key="n").value == 23
    (dataset,) = chart.proto.datasets
    frames = pa.ipc.open_stream(dataset.data.data).read_all().column("n").to_pylist()
    assert sorted(set(frames)) == list(range(1, 51))
