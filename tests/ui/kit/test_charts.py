"""ui/kit/charts.py: the chart shapes every page shares."""

import json

import pandas as pd

from tests.conftest import rows_aside
from ui.kit import charts as kit


def _theory_over(theory: bool = True) -> dict:
    df = pd.DataFrame({"D": [1, 2, 3], "simulated": [0.1, 0.2, 0.3], "exact": [0.1, 0.2, 0.31]})
    return kit.theory_over_simulation(df, "D", "simulated", "exact", x_title="D", y_title="y",
                                      theory=theory).to_dict()


def test_theory_is_drawn_over_simulation_with_a_legend():
    d = _theory_over()
    marks = [(layer["mark"]["type"], layer["mark"].get("opacity")) for layer in d["layer"]]
    assert marks == [("point", 0), ("point", None), ("line", None)]  # unseen names, the dots, the line on top
    assert d["layer"][2]["encoding"]["opacity"] == {"field": "shown", "scale": None, "legend": None,
                                                   "type": "quantitative"}
    assert "closed form" in json.dumps(d) and "simulation" in json.dumps(d)
    assert d["layer"][1]["encoding"]["shape"]["field"] == d["layer"][0]["encoding"]["shape"]["field"] == "series"


def test_the_theory_off_is_data_the_spec_is_the_same():
    """The reveal redraws nothing: the line's rows stay (the axes too) with ``shown`` 0, and its series is then
    named "simulation", so the legend, whose domain is the data's, names the simulation alone."""
    on, off = _theory_over(True), _theory_over(False)
    assert rows_aside(on) == rows_aside(off)
    rows = {theory: next(iter(d["datasets"].values())) for theory, d in ((True, on), (False, off))}
    assert [row["shown"] for row in rows[True]] == [1.0] * 3 and [row["shown"] for row in rows[False]] == [0.0] * 3
    assert [row["exact"] for row in rows[False]] == [0.1, 0.2, 0.31]
    assert "datum.shown ? 'closed form' : 'simulation'" in json.dumps(on)


def test_faceted_histogram_keeps_the_panels_in_data_order():
    bars = pd.DataFrame({"left": [0, 0], "right": [1, 1], "density": [1, 1], "D": ["D = 2", "D = 100"]})
    curve = pd.DataFrame({"x": [0, 1, 0, 1], "density": [1, 1, 1, 1], "D": ["D = 2"] * 2 + ["D = 100"] * 2})
    chart = kit.histogram_with_curve(bars, curve, x_title="θ", facet="D")
    d = chart.to_dict()
    assert d["facet"]["sort"] == {"field": "panel", "op": "min"}  # the order is in the data, not the spec
    ranks = chart.data.drop_duplicates("D").set_index("D")["panel"]
    assert ranks["D = 2"] < ranks["D = 100"]  # "D = 100" would sort first as text
    assert d["resolve"]["scale"]["y"] == "independent"
    assert d["facet"]["title"] == "θ" and d["facet"]["header"]["titleOrient"] == "bottom"  # said once
    assert "title" not in json.dumps(d["spec"]).replace('"title": null', "")  # not under every panel


def test_each_panel_ends_on_a_labelled_tick_so_the_titles_sit_in_a_row():
    """Every panel's y domain is rounded to the ticks its axis draws: each panel has a label on its top tick,
    standing out above it alike, so the panels' titles line up (they did not when only some did)."""
    bars = pd.DataFrame({"left": [0, 0], "right": [1, 1], "density": [0.007, 0.0105], "D": ["D = 2", "D = 3"]})
    curve = pd.DataFrame({"x": [0, 1, 0, 1], "density": [0.007] * 4, "D": ["D = 2"] * 2 + ["D = 3"] * 2})
    d = kit.histogram_with_curve(bars, curve, x_title="θ", facet="D").to_dict()
    layers = d["spec"]["layer"][0]["layer"]  # the panel: bars and curve
    assert len(layers) == 2
    for layer in layers:
        y = layer["encoding"]["y"]
        assert y["scale"]["nice"] == y["axis"]["tickCount"] == kit.PANEL_TICKS




def test_pointer_readout_is_a_browser_parameter_snapped_to_the_nearest_row():
    df = pd.DataFrame({"t": [1, 2, 3], "unit0": [0.1, 0.2, 0.3]})
    spec = kit.pointer_readout(df, "t", [("unit0", "unit 1")], name="at_unit", x_title="step t").to_dict()
    catch, rule = spec["layer"]
    param = catch["params"][0] if "params" in catch else spec["params"][0]
    assert param["name"] == "at_unit"
    assert param["select"]["nearest"] is True and param["select"]["on"] == "pointerover"
    assert [t["title"] for t in catch["encoding"]["tooltip"]] == ["step t", "unit 1"]
    assert catch["mark"]["opacity"] == 0  # the catcher is invisible; only the rule at the pointer shows
    assert catch["mark"]["aria"] is False and rule["mark"]["aria"] is False  # pointer aids, not content
    assert rule["mark"]["type"] == "rule" and rule["transform"] == [{"filter": {"param": "at_unit", "empty": False}}]


def test_padded_rows_are_blank_numbers_and_add_no_name():
    """Rows added for a steady row count: NaN numbers (left out of marks and scales), the first row's text
    (no new legend entry or panel); a frame already that long, or empty, is left as it is."""
    df = pd.DataFrame({"D": [2, 50], "value": [0.5, 0.1], "curve": ["exact", "measured"], "shown": [True, False]})
    out = kit.padded(df, 5)
    assert len(out) == 5 and out.iloc[:2].equals(df.astype({"D": float}))
    assert out["D"].iloc[2:].isna().all() and out["value"].iloc[2:].isna().all()
    assert set(out["curve"]) == {"exact", "measured"} and out["shown"].iloc[2:].tolist() == [True] * 3
    assert kit.padded(df, 2) is df and kit.padded(df.iloc[:0], 4).empty
    rows = json.loads(json.dumps(alt_values(out)))
    assert rows[-1]["D"] is None  # NaN goes to the browser as null, which Vega-Lite leaves undrawn


def alt_values(df: pd.DataFrame) -> list[dict]:
    import altair as alt

    return alt.Chart(df).mark_point().to_dict()["datasets"].popitem()[1]
