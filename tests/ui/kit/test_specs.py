"""The chart spec cache: equal inputs reuse one spec, any changed input builds a new one, and the
cached spec is the one Altair itself would give."""

from __future__ import annotations

import dataclasses
import json

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from ui.kit import specs


@pytest.fixture(autouse=True)
def empty_cache():
    specs.CACHE.clear()
    yield
    specs.CACHE.clear()


BUILDS: list[tuple] = []


@specs.cached_chart
def line(df: pd.DataFrame, title: str, mark_at: float | None = None) -> alt.LayerChart:
    """A small layered chart, counting its builds."""
    BUILDS.append((title, mark_at))
    chart = alt.Chart(df).mark_line().encode(x="x:Q", y="y:Q").properties(title=title)
    marker = alt.Chart(pd.DataFrame({"x": [mark_at or 0.0]})).mark_rule().encode(x="x:Q")
    return alt.layer(chart, marker)


def frame(n: int = 5, shift: float = 0.0) -> pd.DataFrame:
    return pd.DataFrame({"x": np.arange(n, dtype=float), "y": np.arange(n) ** 2 + shift})


def test_equal_inputs_build_once():
    BUILDS.clear()
    first = specs.spec_of(line(frame(), "a", 1.0))
    again = specs.spec_of(line(frame(), "a", 1.0))  # a new, equal data frame
    assert again is first
    assert BUILDS == [("a", 1.0)]
    assert specs.CACHE.builds == {f"{__name__}.line": 1}


@pytest.mark.parametrize("other", [
    lambda: line(frame(shift=1e-12), "a", 1.0),  # one value differs in the last digits
    lambda: line(frame(6), "a", 1.0),
    lambda: line(frame(), "b", 1.0),
    lambda: line(frame(), "a", 2.0),
    lambda: line(frame(), "a", mark_at=1),  # an int is not the float it equals
    lambda: line(frame(), "a"),
])
def test_any_changed_input_builds_anew(other):
    BUILDS.clear()
    first = specs.spec_of(line(frame(), "a", 1.0))
    second = specs.spec_of(other())
    assert second is not first
    assert len(BUILDS) == 2


def test_presenter_view_is_its_own_entry():
    chart = line(frame(), "a", 1.0)
    plain = specs.spec_of(chart)
    big = specs.spec_of(chart, ("present", True), lambda c: c.configure_axis(labelFontSize=19))
    assert big is not plain
    assert big["config"]["axis"]["labelFontSize"] == 19
    assert "config" not in plain or "axis" not in plain.get("config", {})
    assert specs.spec_of(chart, ("present", True), lambda c: c) is big  # the key, not the function, decides


def test_spec_matches_altair_with_data_as_arrow():
    chart = line(frame(), "a", 1.0)
    spec = specs.spec_of(chart)
    reference = chart.chart.to_dict()  # Altair's own (validated) spec, data inline
    assert spec["layer"][0]["mark"] == reference["layer"][0]["mark"]
    assert spec["layer"][0]["encoding"] == reference["layer"][0]["encoding"]
    assert spec["layer"][0]["title"] == reference["layer"][0]["title"] == "a"
    assert spec["datasets"] and all(isinstance(data, bytes) for data in spec["datasets"].values())
    names = {layer["data"]["name"] for layer in spec["layer"]}
    assert names <= set(spec["datasets"])


def test_charts_are_painted_on_a_canvas_unless_they_keep_their_marks_as_svg():
    """Every chart is drawn on a canvas (a page of SVG marks costs the browser on every frame); a chart whose
    ``usermeta`` names a renderer keeps it, and its other options and meta stay."""
    assert specs.spec_of(line(frame(), "a"))["usermeta"] == {"embedOptions": {"renderer": "canvas"}}
    kept = alt.Chart(frame()).mark_point().encode(x="x:Q").properties(usermeta=specs.SVG_MARKS)
    assert specs.spec_of(kept)["usermeta"]["embedOptions"]["renderer"] == "svg"
    other = alt.Chart(frame()).mark_point().encode(x="x:Q").properties(
        usermeta={"note": 1, "embedOptions": {"scaleFactor": 2}})
    assert specs.spec_of(other)["usermeta"] == {"note": 1, "embedOptions": {"scaleFactor": 2, "renderer": "canvas"}}
    presented = specs.spec_of(line(frame(), "a"), "present", lambda c: c.properties(height=300))
    assert presented["usermeta"]["embedOptions"]["renderer"] == "canvas"  # a restyled chart too


def test_a_canvas_chart_computes_no_description_for_each_mark_but_an_svg_chart_does():
    """On a canvas no reader hears a mark's ARIA label, so Vega-Lite is told not to make one (``aria: false``), which
    Vega would otherwise compute for every mark on every update; a chart's own config stays, and a chart kept
    as SVG (its marks are its interface) keeps its labels."""
    assert specs.spec_of(line(frame(), "a"))["config"]["aria"] is False
    themed = alt.Chart(frame()).mark_point().encode(x="x:Q").configure_axis(grid=False)
    assert specs.spec_of(themed)["config"] == {"aria": False, "axis": {"grid": False}}
    said = alt.Chart(frame()).mark_point().encode(x="x:Q").configure(aria=True)
    assert specs.spec_of(said)["config"]["aria"] is True
    kept = alt.Chart(frame()).mark_point().encode(x="x:Q").properties(usermeta=specs.SVG_MARKS)
    assert "aria" not in specs.spec_of(kept).get("config", {})


def test_lazy_chart_behaves_as_the_chart():
    chart = line(frame(), "a", 1.0)
    assert isinstance(chart.chart, alt.LayerChart)
    assert chart.to_dict()["layer"][0]["title"] == "a"  # attributes reach the Altair chart
    assert isinstance(chart | line(frame(), "b"), alt.HConcatChart)
    assert isinstance(chart & line(frame(), "b"), alt.VConcatChart)
    assert line.build(frame(), "c").to_dict()["layer"][0]["title"] == "c"


def test_plain_altair_charts_are_converted_but_not_kept():
    chart = alt.Chart(frame()).mark_point().encode(x="x:Q", y="y:Q")
    assert specs.spec_of(chart)["mark"]["type"] == "point"
    assert len(specs.CACHE) == 0


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(specs, "MAX_ENTRIES", 3)
    for k in range(6):
        specs.spec_of(line(frame(), f"t{k}"))
    assert len(specs.CACHE) == 3
    BUILDS.clear()
    specs.spec_of(line(frame(), "t5"))  # the newest stay
    specs.spec_of(line(frame(), "t0"))  # the oldest went
    assert BUILDS == [("t0", None)]


def test_the_cache_is_bounded_by_the_memory_its_specs_hold(monkeypatch):
    one = specs.held_bytes(specs.spec_of(line(frame(), "t0")))
    monkeypatch.setattr(specs, "MAX_BYTES", int(2.5 * one))
    for k in range(1, 6):
        specs.spec_of(line(frame(), f"t{k}"))
    assert len(specs.CACHE) == 2 and specs.CACHE.bytes <= specs.MAX_BYTES


def test_held_bytes_counts_the_arrow_data_and_the_rest_of_the_spec():
    small = specs.spec_of(line(frame(5), "a"))
    large = specs.spec_of(line(frame(5_000), "a"))  # the same spec text, a thousand times the rows
    arrow = sum(len(v) for v in large["datasets"].values())
    assert specs.held_bytes(large) - specs.held_bytes(small) == arrow - sum(len(v) for v in small["datasets"].values())
    rest = {k: v for k, v in small.items() if k != "datasets"}
    assert specs.held_bytes(small) > 2 * len(json.dumps(rest))  # the text counts twice, plus the data


def test_a_sweep_of_the_curse_pages_d_fits_the_cache():
    """Every stop of D, read and presented, ~17 charts a view: the cache keeps them all (a hand sweeping D
    finds each spec again), within its memory bound."""
    from ui.registry import PAGES

    curse = next(page for page in PAGES if page.stem == "curse_of_dimensionality")
    assert 17 * (len(curse.sweep) + 2) < specs.MAX_ENTRIES
    assert 17 * (len(curse.sweep) + 2) * 20_000 < specs.MAX_BYTES


@dataclasses.dataclass(frozen=True)
class Settings:
    dim: int
    present: bool


def test_fingerprint_reads_content_not_identity():
    assert specs.fingerprint(np.arange(3.0)) == specs.fingerprint(np.arange(3.0))
    assert specs.fingerprint(np.arange(3.0)) != specs.fingerprint(np.arange(3))  # dtype counts
    assert specs.fingerprint(np.zeros((2, 3))) != specs.fingerprint(np.zeros((3, 2)))  # shape counts
    assert specs.fingerprint(Settings(50, False)) != specs.fingerprint(Settings(50, True))
    assert specs.fingerprint({"a": 1, "b": 2}) == specs.fingerprint({"b": 2, "a": 1})
    assert specs.fingerprint((1, "1")) != specs.fingerprint(("1", 1))
    assert specs.fingerprint(pd.DataFrame({"a": [[1, 2]]})) != specs.fingerprint(pd.DataFrame({"a": [[1, 3]]}))
    assert specs.fingerprint(pd.DataFrame({"a": ["x", "y"]})) == specs.fingerprint(pd.DataFrame({"a": ["x", "y"]}))
    assert specs.fingerprint(pd.DataFrame({"a": ["nan"]})) != specs.fingerprint(pd.DataFrame({"a": [None]}))
    assert specs.fingerprint(pd.DataFrame({"a": [1.0]}, index=[3])) != specs.fingerprint(pd.DataFrame({"a": [1.0]}))
    text = pd.DataFrame({"a": ["x", "y", "z"]})
    assert specs.fingerprint(text.iloc[1:]) != specs.fingerprint(text.iloc[:2])  # a slice is its rows
    kinds = pd.Series(["x", "y"], dtype="category")
    assert specs.fingerprint(kinds) != specs.fingerprint(kinds.cat.reorder_categories(["y", "x"]))  # order counts
    assert specs.fingerprint(pd.Series([1, None], dtype="Int64")) != specs.fingerprint(pd.Series([1, 0], dtype="Int64"))
    with pytest.raises(TypeError, match="cannot key"):
        specs.fingerprint(object())


def test_datasets_are_named_by_place_so_new_data_keeps_the_spec():
    """Two frames of one chart differ in their data only: the spec without its datasets is the same text
    (so the browser updates the drawn chart in place), and each name still points at its own data."""
    a = specs.spec_of(line(frame(), "a", 1.0))
    b = specs.spec_of(line(frame(shift=3.0), "a", 2.0))
    assert set(a["datasets"]) == set(b["datasets"]) == {"data-0", "data-1"}
    assert a["datasets"] != b["datasets"]
    strip = lambda spec: json.dumps({k: v for k, v in spec.items() if k != "datasets"}, sort_keys=True)  # noqa: E731
    assert strip(a) == strip(b)
    assert [layer["data"]["name"] for layer in a["layer"]] == ["data-0", "data-1"]
    shown = pa.ipc.open_stream(a["datasets"]["data-0"]).read_all().to_pandas()
    assert list(shown["y"]) == list(frame()["y"])


def _arrow_table(spec: dict, name: str) -> pa.Table:
    return pa.ipc.open_stream(spec["datasets"][name]).read_all()


def test_repeated_labels_travel_as_categories_with_the_same_values_and_encoding():
    """A series name on every row is sent once (an Arrow dictionary): fewer bytes, the same strings for the
    browser, and the encoding type Altair inferred from the plain text column (nominal, not ordinal)."""
    n = 400
    df = pd.DataFrame({"step": np.arange(n), "loss": np.linspace(1, 0, n), "run": ["clipped", "not clipped"] * (n // 2),
                       "note": [f"row {i}" for i in range(n)]})
    chart = alt.Chart(df).mark_line().encode(x="step", y="loss", color="run")
    spec = specs.spec_of(chart)
    table = _arrow_table(spec, spec["data"]["name"])
    assert pa.types.is_dictionary(table.schema.field("run").type)
    assert not pa.types.is_dictionary(table.schema.field("note").type)  # every value differs: plain text
    assert table.column("run").to_pylist() == df["run"].tolist()
    assert table.column("note").to_pylist() == df["note"].tolist()
    assert spec["encoding"]["color"]["type"] == "nominal"
    sink, plain = pa.BufferOutputStream(), pa.Table.from_pandas(df, preserve_index=False)
    with pa.ipc.new_stream(sink, plain.schema) as writer:  # the same frame with its labels as plain text
        writer.write_table(plain)
    assert len(spec["datasets"][spec["data"]["name"]]) < sink.getvalue().size


def test_short_frames_and_numbers_are_sent_as_they_are():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "label": ["a", "a", "a"]})
    assert specs._labels_as_categories(df) is df
    spec = specs.spec_of(alt.Chart(df).mark_point().encode(x="x:Q", text="label:N"))
    assert not pa.types.is_dictionary(_arrow_table(spec, spec["data"]["name"]).schema.field("label").type)


def test_numbers_travel_in_the_narrowest_type_that_holds_them_exactly():
    """Whole numbers, halves and small counts are sent as float32 and small integers; a measured value
    that float32 would round (0.1) stays float64; the browser reads the same numbers either way."""
    df = pd.DataFrame({"edge": np.arange(300) / 2, "measured": np.linspace(0.1, 0.9, 300),
                       "count": np.arange(300), "big": np.arange(300) * 10**12, "gap": np.r_[np.nan, np.ones(299)],
                       "exploded": np.r_[1e306, np.ones(299)]})
    spec = specs.spec_of(alt.Chart(df).mark_point().encode(x="edge:Q", y="measured:Q", size="count:Q"))
    table = _arrow_table(spec, spec["data"]["name"])
    types = {field.name: field.type for field in table.schema}
    assert types["edge"] == pa.float32() and types["gap"] == pa.float32()  # a NaN is a float32 NaN
    assert types["measured"] == pa.float64() and types["big"] == pa.int64()
    assert types["exploded"] == pa.float64()  # 10³⁰⁶ would be inf in float32: sent as it is
    assert types["count"] == pa.int16()  # 0 … 299
    for name in df:
        assert np.array_equal(table.column(name).to_numpy().astype(np.float64), df[name].to_numpy(dtype=float),
                              equal_nan=True)
    empty = df.iloc[:0]
    assert specs._narrowed(empty) is empty and specs._narrowed("not a frame") == "not a frame"
