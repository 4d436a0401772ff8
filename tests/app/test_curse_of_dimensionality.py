"""The curse page in AppTest: defaults, deep links, junk links, extreme sliders."""

import json
import re

import pytest
from streamlit.proto.Block_pb2 import Block

from tests.app.conftest import assert_clean, charts, run_page, shown_frames, warnings_text

PAGE = "pages/curse_of_dimensionality.py"


@pytest.fixture(scope="module")
def default_page():
    return run_page(PAGE)


def test_defaults_render_every_section(default_page):
    at = default_page
    assert_clean(at)
    assert at.select_slider(key="dim").value == 50
    assert len(charts(at)) >= 16
    headers = " ".join(h.value for h in at.header)
    for word in ("Grids", "Spiky cubes", "Pac-Man", "M&M", "Distances"):
        assert word in headers
    assert len(at.latex) >= 5
    infos = " ".join(i.value for i in at.info)
    assert "from D = 230" in infos and "229.1" in infos  # the article's D = 400 corrected; 229 is not enough
    assert "inside the ball is uniform on the sphere" in infos and "d_max" in infos


def test_deep_link_opens_the_page_in_that_state():
    at = run_page(PAGE, {"dim": "500", "eps": "0.05", "sampling": "sphere"})
    assert_clean(at)
    assert at.select_slider(key="dim").value == 500
    assert at.slider(key="eps").value == pytest.approx(0.05)
    assert "500" in " ".join(str(f.value) for f in at.latex)


@pytest.mark.parametrize(("query", "key", "fallback"), [
    ({"dim": "abc", "seed": "-1"}, "dim", 50),
    ({"dim": "nan"}, "dim", 50),
    ({"dim": "99999"}, "dim", 10_000),
    ({"dim": "0"}, "dim", 1),
])
def test_junk_links_fall_back_with_a_note(query, key, fallback):
    at = run_page(PAGE, query)
    assert_clean(at)
    assert at.select_slider(key=key).value == fallback
    assert f"{key}=" in warnings_text(at)


def test_unknown_option_in_a_link_falls_back():
    at = run_page(PAGE, {"sampling": "torus", "n": "7"})
    assert_clean(at)
    assert at.get("button_group")[0] is not None
    assert "sampling=torus" in warnings_text(at) and "n=7" in warnings_text(at)


@pytest.mark.parametrize("dim", [1, 2, 10_000])
def test_extreme_dimensions_render_and_say_when_work_is_capped(dim):
    at = run_page(PAGE, {"dim": str(dim), "pairs": "50000", "sampling": "sphere", "points": "10000"})
    assert_clean(at)
    assert len(charts(at)) >= 16
    if dim == 10_000:
        assert "Budget" in " ".join(c.value for c in at.caption)


def test_quick_pick_button_moves_the_slider(default_page):
    at = default_page
    at.button(key="jump_400").click().run()
    assert_clean(at)
    assert at.select_slider(key="dim").value == 400


@pytest.mark.parametrize("dim", ["3", "50", "100", "700"])
def test_angle_formula_uses_the_sliders_dimension(dim):
    at = run_page(PAGE, {"dim": dim})
    assert_clean(at)
    text = " ".join(str(f.value) for f in at.latex)
    assert f"{1 / int(dim):.4g}" in text  # E[cos²θ] = 1/D for the slider's D, not the last article panel


def test_dimension_one_explains_the_degenerate_angle():
    at = run_page(PAGE, {"dim": "1"})
    assert_clean(at)
    assert "parallel or opposite" in " ".join(str(f.value) for f in at.latex)


def test_grid_caption_and_range_follow_bins_and_samples():
    at = run_page(PAGE, query={"bins": "2", "n": "10000"})
    assert_clean(at)
    captions = " ".join(shown_frames(at))  # b is answered in the browser: its captions are frames
    assert "with b = 2 the grid has more cells than the N = 10,000 samples from D = 14" in captions
    assert 2 ** 13 <= 10_000 < 2 ** 14  # the crossing the caption names
    from ui.curse_of_dimensionality import data as cg

    assert cg.grid_table(2, 10_000, 42)["D"].max() == 16  # the chart reaches past it
    assert cg.grid_table(10, 1_000, 42)["D"].max() == 12


def test_contrast_caption_reads_the_chart_it_describes():
    at = run_page(PAGE, query={"points": "100"})
    assert_clean(at)
    shown = [re.sub(r'<span class="sr-only">.*?</span>', "", c.value) for c in at.caption]  # what a reader sees
    (caption,) = [c for c in shown if "from one random query" in c]
    assert "about 100" not in caption and " in 2-D" in caption and "at D = 1,000" in caption


def test_volume_ratio_chart_reaches_the_sliders_dimension_up_to_its_cap():
    from ui.curse_of_dimensionality import data as cg

    table = cg.inscribed_ratio_table(42)
    assert cg.ratio_up_to(table, 50)["D"].max() == 50 and cg.ratio_up_to(table, 10)["D"].max() == table["D"].max()
    assert cg.ratio_up_to(table, 60)["D"].max() == cg.ratio_up_to(table, 90)["D"].max() == 100  # a stop past D
    top = cg.ratio_up_to(table, 10_000)
    assert top["D"].max() == cg.RATIO_MAX_DIM and (top["exact"] > 0).all()  # never a 0 on the log axis
    assert top["simulated"].notna().sum() == table["simulated"].notna().sum()  # no invented points


def test_the_radius_caption_puts_the_measured_shell_share_beside_the_closed_form():
    at = run_page(PAGE, query={"dim": "50"})
    (caption,) = [c.value for c in at.caption if "lie in the shell" in c.value]
    measured = float(re.search(r"([\d.]+)% of them lie in the shell", caption).group(1))
    assert "(theory 39.5%)" in caption and abs(measured - 39.5) < 3  # 1 − 0.99⁵⁰; 5,000 points: se ≈ 0.7%


def test_every_chart_is_described_with_the_sliders_numbers():
    """Each chart's description says what it shows at this D: the ones that mark or measure the slider's D
    name it, with its value. A chart D moves only through its data says it in its caption, for screen
    readers, after its steady accessible name."""
    at = run_page(PAGE, {"dim": "400", "eps": "0.05"})
    assert_clean(at)
    names = [c.proto.alt for c in charts(at)]
    assert len(names) >= 16 and all(len(name.split()) >= 10 for name in names)
    joined = "\n".join(names + [c.value for c in at.caption if "sr-only" in c.value])
    assert joined.count("D = 400") >= 8
    assert "ε = 0.05" in joined and "90% from D = 45" in joined  # the shell chart at this thickness
    assert "D = 2, 3, 50, 100 and 400" in joined  # the angle panels
    assert "the diameter is 19, 9.5 times the box side" in joined  # √400 − 1 = 19 against the box side 2


def test_grid_classifier_follows_the_features_slider_and_refuses_junk():
    at = run_page(PAGE, {"features": "7", "bins": "6"})
    assert_clean(at)
    assert at.slider(key="features").value == 7
    shown = shown_frames(at)  # the formula and the captions at the b the link names (answered in the browser)
    assert any("= 6<sup>7</sup> =" in part and "new points in empty cells" in part for part in shown)
    names = [c.proto.alt for c in charts(at)] + shown  # live numbers: in captions
    assert any("the chosen F = 7" in name for name in names)
    assert any("6 by 6 grid over features 1 and 2" in name for name in names)
    junk = run_page(PAGE, {"features": "13.5"})
    assert_clean(junk)
    assert junk.slider(key="features").value == 2 and "features=" in warnings_text(junk)


def test_the_articles_objects_are_on_the_page_with_live_numbers():
    at = run_page(PAGE, {"dim": "10", "eps": "0.01"})
    assert_clean(at)
    latex = " ".join(str(f.value) for f in at.latex)
    assert r"1.99\%" in latex and r"2.97\%" in latex  # the worked ring and shell
    assert "V_{10}(1) = 2.55" in latex  # π⁵/120
    assert r"1,024\ \text{vertices}" in latex and r"16\ \text{vertices}" in latex
    assert r"17.4\%" in latex and "90^\\circ \\pm 3.60" in latex


def test_the_articles_figures_follow_d_the_stack_and_the_belt():
    """The 2-D stack with the centre ball of the slider's D, k cubes a side; the globe and the density with
    the cap and belt of width w; the ring and shell drawn with their shares."""
    at = run_page(PAGE, {"dim": "25", "stack": "4", "belt": "30", "eps": "0.1"})
    assert_clean(at)
    assert at.slider(key="stack").value == 4 and at.slider(key="belt").value == 30
    names = "\n".join([c.proto.alt for c in charts(at)] + [c.value for c in at.caption])  # D's numbers: captions
    assert "a box of side 4 cut into 16 unit squares" in names and "√D − 1 = 4, where it just touches" in names
    assert "cone of half-angle 30°" in names and "holds 50%" in names  # sin 30°
    assert "at D = 25 (solid) and at D = 3 (dashed)" in names
    assert "holds 19.00% of its area" in names and "27.10% of its volume" in names  # ε = 0.1
    latex = " ".join(str(f.value) for f in at.latex)
    assert r"k = 4:\ D \le 25" in latex and r"90^\circ \pm 30^\circ" in latex
    captions = " ".join(c.value for c in at.caption)
    assert "“pseudo” picture" in captions and "up to D = 25" in captions


def test_junk_in_the_new_controls_falls_back_with_a_note():
    at = run_page(PAGE, {"stack": "3", "belt": "90"})
    assert_clean(at)
    assert at.slider(key="stack").value == 2 and at.slider(key="belt").value == 45
    assert "stack=" in warnings_text(at) and "belt=" in warnings_text(at)


def _angle_panels_spec(at) -> dict:
    chart = next(c for c in charts(at) if "one panel for each of the article's D" in c.proto.alt)
    return json.loads(chart.proto.spec)


@pytest.mark.parametrize("present", ["0", "1"])
def test_pac_man_panels_share_one_axis_in_one_row_unless_zoomed(present):
    """The narrowing is the point: by default every panel spans 0–180° (ticks 0, 90, 180), all in one row,
    also on a projector; "zoom each" gives each panel past D = 10 its own range."""
    at = run_page("pages/curse_of_dimensionality.py", {"dim": "1000", "present": present})
    assert_clean(at)
    spec = _angle_panels_spec(at)
    assert spec["columns"] == 5  # D = 2, 3, 50, 100 and the slider's 1,000: one row
    layers = spec["spec"]["layer"][0]["layer"]
    assert all(layer["encoding"]["x"]["scale"]["domain"] == [0, 180] for layer in layers)
    assert layers[0]["encoding"]["x"]["axis"]["values"] == [0, 90, 180]
    at.toggle(key="zoom").set_value(True).run()
    assert_clean(at)
    zoomed = _angle_panels_spec(at)["spec"]["layer"][0]["layer"]
    assert all("domain" not in layer["encoding"]["x"].get("scale", {}) for layer in zoomed)
    assert at.toggle(key="zoom").value is True


def _chart_text(chart) -> str:
    """A chart's spec and the text in its data (the markers' and legends' labels travel as Arrow data)."""
    return " ".join([chart.proto.spec, *(d.data.data.decode("utf-8", "ignore") for d in chart.proto.datasets)])


def _all_specs(at) -> str:
    """Every chart's spec and the text in its data."""
    return " ".join(_chart_text(c) for c in charts(at))


def test_pin_keeps_a_d_in_grey_behind_the_sliders_and_unpin_clears_it():
    at = run_page(PAGE, {"dim": "100"})
    assert "pinned" not in _all_specs(at)
    at.button(key="pin_now").click().run()
    assert_clean(at)
    assert at.session_state["pin"] == 100 and at.query_params["pin"] == "100"
    at.select_slider(key="dim").set_value(1000).run()
    assert_clean(at)
    specs = _all_specs(at)
    # the cube's norms and face gaps, the angle panels, the ball's radii and the distance histograms draw
    # D = 100 behind D = 1,000
    assert sum("D = 100 pinned" in _chart_text(c) for c in charts(at)) >= 5 and "D = 1,000" in specs
    assert "pinned D = 100" in specs  # and the charts over D mark it beside the slider's D
    assert "pin=100" in at.sidebar.code[0].value  # the link to this view keeps the pin
    at.button(key="unpin").click().run()
    assert_clean(at)
    assert at.session_state["pin"] is None and "pin" not in at.query_params
    assert "pinned" not in _all_specs(at)


@pytest.mark.parametrize(("raw", "pin", "note"), [("10", 10, None), ("75", 80, "not a stop"),
                                                  ("abc", None, "not a number"), ("-3", 1, "below")])
def test_a_pin_in_the_link_is_read_like_d_and_junk_falls_back_with_a_note(raw, pin, note):
    at = run_page(PAGE, {"dim": "50", "pin": raw})
    assert_clean(at)
    assert at.session_state["pin"] == pin
    assert ("pin=" in warnings_text(at)) == (note is not None)
    if note:
        assert note in warnings_text(at)
    assert ("pinned" in _all_specs(at)) == (pin is not None)


def _theory_rows(at) -> dict[str, int]:
    """The closed forms' rows in the page's chart data: drawn (a histogram's density, a curve, a line shown)
    or unseen (a line kept for its axes, ``shown`` 0)."""
    import pyarrow as pa

    counts = {"drawn": 0, "unseen": 0}
    for chart in charts(at):
        for dataset in chart.proto.datasets:
            frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            if "shown" in frame:
                counts["drawn"] += int((frame["shown"] == 1).sum())
                counts["unseen"] += int((frame["shown"] == 0).sum())
            if "layer" in frame:
                counts["drawn"] += int(frame["layer"].isin(["theory", "curve", "pinned curve"]).sum())
            if "curve" in frame:  # the grids' expectation and bound, the angles' large-D rule
                counts["drawn"] += int(frame["curve"].astype(str).str.match(r"expected|bound|large-D").sum())
    return counts


def test_theory_off_shows_the_measurements_alone_on_every_section_that_draws_theory():
    shown = run_page(PAGE, {"dim": "100"})
    hidden = run_page(PAGE, {"dim": "100", "theory": "0"})
    assert_clean(hidden)
    assert hidden.toggle(key="theory").value is False and shown.toggle(key="theory").value is True
    assert [c.proto.spec for c in charts(hidden)] == [c.proto.spec for c in charts(shown)]  # updated in place
    drawn, left = _theory_rows(shown), _theory_rows(hidden)
    assert drawn["drawn"] > 100 and drawn["unseen"] == 0
    assert left["drawn"] == 0 and left["unseen"] > 100  # the lines that hold the axes kept, unseen
    for label in ("√(D/3)", "90% from D", "large-D rule"):
        assert label in _all_specs(shown) and label not in _all_specs(hidden)
    assert sum("Theory hidden" in c.value for c in hidden.caption) >= 7
    junk = run_page(PAGE, {"theory": "maybe"})
    assert junk.toggle(key="theory").value is True and "theory=maybe" in warnings_text(junk)


def _rows_of_csv_buttons(node) -> list:
    """The blocks that hold a CSV button, in page order (``node``: an AppTest element tree)."""
    rows = []
    for child in getattr(node, "children", {}).values():
        if any(grand.type == "download_button" for grand in getattr(child, "children", {}).values()):
            rows.append(child)
        rows.extend(_rows_of_csv_buttons(child))
    return rows


def test_a_chart_s_caption_and_csv_button_share_one_block(default_page):
    """Each CSV button sits in one horizontal row with its chart's caption, not in a row of columns (three
    blocks and more): the browser redraws every block of the page whenever a run starts and ends, drawn anew
    or not, so a page's block count is paid on every move of every control."""
    rows = _rows_of_csv_buttons(default_page.main)
    assert len(rows) == len(default_page.get("download_button")) >= 10
    for row in rows:
        assert row.type == "flex_container" and row.proto.flex_container.direction == Block.FlexContainer.HORIZONTAL
        # (the grids' captions are ``ui.in_browser`` frames, one HTML part a caption: b is answered in the browser)
        assert [child.type for child in row.children.values()] in (["caption", "download_button"],
                                                                  ["html", "download_button"])


def test_presenter_mode_leaves_the_csv_buttons_to_the_page():
    """A chart offers its numbers as CSV on the page; in presenter mode (for a room) its caption stands
    alone, with the same words."""
    default_page, presented = run_page(PAGE), run_page(PAGE, {"present": "1"})  # (fresh: other tests move sliders)
    assert_clean(presented)
    assert len(default_page.get("download_button")) >= 10
    assert not presented.get("download_button")
    assert len(charts(presented)) == len(charts(default_page))
    assert [c.value for c in presented.caption] == [c.value for c in default_page.caption]


def test_a_run_asks_the_server_to_draw_the_neighbouring_stops_of_d_when_idle(monkeypatch):
    from ui import warmup

    asked = []
    monkeypatch.setattr(warmup, "prefetch", lambda near, current: asked.append((current, near)))
    at = run_page(PAGE, {"dim": "400", "pin": "10", "present": "1"})
    assert_clean(at)
    stem = "curse_of_dimensionality"
    assert asked == [(f"{stem}?dim=400&pin=10&present=1",
                      [f"{stem}?dim=500&pin=10&present=1", f"{stem}?dim=300&pin=10&present=1",
                       f"{stem}?dim=600&pin=10&present=1", f"{stem}?dim=250&pin=10&present=1"])]
    asked.clear()
    monkeypatch.setattr(warmup, "own_session", lambda: True)  # one of the server's own views: asks nothing
    assert_clean(run_page(PAGE, {"dim": "400"}))
    assert asked == []


def test_a_pin_out_of_range_says_the_end_it_pins_and_junk_pins_nothing():
    at = run_page(PAGE, {"pin": "-5"})
    assert_clean(at)
    assert at.session_state["pin"] == 1 and at.query_params["pin"] == "1"
    assert "using “pinned D = 1” instead" in warnings_text(at)
    junk = run_page(PAGE, {"pin": "abc"})
    assert junk.session_state["pin"] is None and "using “no pinned D” instead" in warnings_text(junk)


def _grids_at(dim: int) -> None:
    """The grids drawn alone at ``dim`` (an ``AppTest`` script: its imports are its own)."""
    from ui.curse_of_dimensionality import sections

    sections.grids(sections.PageState(dim=dim, seed=42, present=False))


@pytest.mark.parametrize("query", [{}, {"bins": "12", "n": "100"}])
def test_the_grids_read_no_d_and_the_part_below_reads_their_bins_and_samples(query):
    """A move of D leaves the grids as drawn (``IN_VIEW.reads`` leaves them out), so nothing in them may depend
    on D; the part below them draws the cells b^D at the grids' b and N, read from the link as the grids do."""
    from streamlit.testing.v1 import AppTest

    from ui.curse_of_dimensionality import sections

    drawn = []
    for dim in (2, 1000):
        at = AppTest.from_function(_grids_at, args=(dim,), default_timeout=60)
        at.query_params.update(query)
        at.run()
        assert not at.exception
        drawn.append(([c.proto.spec for c in charts(at)], [c.proto.alt for c in charts(at)],
                      [str(m.value) for m in [*at.markdown, *at.latex, *at.caption, *at.get("html")]]))
    assert drawn[0] == drawn[1], "the grids drew something of D"
    assert not sections.IN_VIEW.follows("grids") and sections.IN_VIEW.follows("no_neighbours")
    at = run_page(PAGE, {"dim": "50", **query})
    assert_clean(at)
    bins = query.get("bins", "10")
    assert any(f"= {bins}<sup>50</sup> =" in part for part in shown_frames(at)), "the cells b^D at the grids' b"
