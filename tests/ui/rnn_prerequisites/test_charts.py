"""ui/rnn_prerequisites/charts.py builders: the weather record and the order demo."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from engine import sequences
from ui.rnn_prerequisites import charts
from ui.rnn_prerequisites import data as cached


def spec(chart) -> dict:
    return chart.to_dict()


def test_weather_panels_one_per_feature_with_the_window_shaded():
    record = sequences.weather_record(300, seed=0)
    panels = charts.weather_panels(cached.weather_long(record), (0.0, 4.0), units=sequences.UNITS)
    assert len(panels) == 4
    first = spec(panels[0])
    band = [layer["mark"]["type"] for layer in first["layer"][0]["layer"]]
    assert band == ["rect", "rule"]  # the shade, and a line at its start that a one-step window still shows
    assert first["layer"][1]["encoding"]["y"]["title"] == ["temp.", "(°C)"]  # short: fits a 115 px panel
    assert first["layer"][1]["encoding"]["x"]["axis"]["labels"] is False
    assert spec(panels[-1])["layer"][1]["encoding"]["x"]["title"] == "hours"


def test_order_chart_draws_both_orders_on_whole_steps():
    frame = pd.DataFrame({"t": [1, 2, 3, 1, 2, 3], "value": [0.1, 0.2, 0.3, 0.3, 0.1, 0.2],
                          "order": ["in time order"] * 3 + ["shuffled"] * 3})
    d = spec(charts.order_chart(frame))
    assert d["mark"]["point"] is True  # few steps: each one is a point, so a one-step window still shows
    x = d["encoding"]["x"]
    assert "domain" not in x["scale"] and x["axis"]["format"] == "d"  # steps 1..L from the data, no 1.5
    one = spec(charts.order_chart(frame[frame["t"] == 1]))["encoding"]["x"]
    assert one["scale"]["domain"] == [0.5, 1.5]  # a single step keeps room around it
    steps = np.arange(1, 61)
    many = pd.DataFrame({"t": np.tile(steps, 2), "value": 0.0, "order": ["in time order"] * 60 + ["shuffled"] * 60})
    assert spec(charts.order_chart(many))["mark"]["point"] is False  # 60 steps: lines, not 120 dots


def test_the_two_orders_differ_by_dash_as_well_as_hue():
    frame = pd.DataFrame({"t": [1, 2, 1, 2], "value": [0.1, 0.2, 0.2, 0.1],
                          "order": ["in time order"] * 2 + ["shuffled"] * 2})
    enc = spec(charts.order_chart(frame))["encoding"]
    assert enc["strokeDash"]["field"] == enc["color"]["field"] == "order"  # one legend showing both
    assert enc["strokeDash"]["scale"]["range"][0] == [1, 0] and enc["strokeDash"]["legend"]["symbolType"] == "stroke"


def test_picture_tensor_chart_prints_every_value_and_the_picture_uses_the_pixels_colours():
    from ui.rnn_prerequisites import data

    picture = data.toy_picture()
    long = data.picture_long(picture)
    assert len(long) == picture.size and set(long["channel"]) == {"red", "green", "blue"}
    spec = charts.channels_chart(long).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert marks == ["rect", "text"]  # numbers on the cells: no value told by shade alone
    pixels = data.picture_pixels(picture)
    assert pixels.loc[0, "colour"] == "#6eaae6" and charts.picture_chart(pixels).to_dict()["encoding"]["color"][
        "scale"] is None


# ---------------------------------------------------------------------------------------------- spreadsheet
def _spreadsheet(sheets, rows, cols, big=False):
    cells = cached.spreadsheet(sheets, rows, cols, seed=42)
    shapes = {p: cached.shape_text(cached.part_shape(p, sheets, rows, cols)) for p in cached.SHEET_PARTS}
    return spec(charts.spreadsheet_chart(cells, shapes, big=big))


def _datasets(d: dict) -> list[list[dict]]:
    return list(d["datasets"].values())


def _texts(d: dict) -> list[tuple[str, int]]:
    """(text, font size) of every text mark's rows."""
    out = []
    for layer in d["layer"]:
        if layer["mark"]["type"] != "text":
            continue
        rows = d["datasets"][layer["data"]["name"]]
        field = layer["encoding"]["text"]["field"]
        out += [(str(row[field]), layer["mark"]["fontSize"]) for row in rows]
    return out


def test_the_spreadsheet_writes_each_shape_under_its_drawing():
    d = _spreadsheet(2, 3, 4)
    said = [t for t, _ in _texts(d)]
    for label in ("(3,)", "(3, 4)", "(2, 3, 4)", "vector", "matrix", "3-D tensor", "a stack of sheets"):
        assert label in said
    assert said.count("A") == 3 and "D" in said and "E" not in said  # a header letter per column of each sheet
    rects = [layer for layer in d["layer"] if layer["mark"]["type"] == "rect"]
    assert len(rects) == 2  # the back sheet first, then everything in front


def test_only_what_is_in_front_carries_numbers():
    d = _spreadsheet(3, 2, 2)
    numbers = [t for t, _ in _texts(d) if t.isdigit()]
    assert len(numbers) == 2 + 2 * 2 + 2 * 2  # vector, matrix, the tensor's front sheet
    back = [row for rows in _datasets(d) for row in rows if row.get("kind") == "back"]
    assert len(back) == 2 * (2 * 2 + 2)  # two sheets behind, cells and headers


def test_cells_stay_square_and_the_chart_grows_with_the_shape():
    small, large = _spreadsheet(1, 1, 1), _spreadsheet(4, 6, 6)
    assert large["width"] > small["width"] and large["height"] > small["height"]
    d = _spreadsheet(2, 3, 4)
    x, y = d["layer"][0]["encoding"]["x"]["scale"]["domain"], d["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert d["width"] / (x[1] - x[0]) == pytest.approx(d["height"] / (y[1] - y[0]), rel=0.02)


def test_the_labels_do_not_overlap_even_at_one_cell():
    """Each block's labels are centred under it; neighbours stand at least their labels' half-widths apart."""
    d = _spreadsheet(1, 1, 1, big=True)
    labels = next(rows for rows in _datasets(d) if rows and "shape" in rows[0])
    px = d["width"] / (lambda dom: dom[1] - dom[0])(d["layer"][0]["encoding"]["x"]["scale"]["domain"])
    widths = [charts.CHAR_WIDTH * max(18 * len(row["name"]), 18 * len(row["picture"]), 22 * len(row["shape"]))
              for row in labels]  # 18 px type, the shape in 22 px
    for (a, wa), (b, wb) in itertools.pairwise(zip(labels, widths, strict=True)):
        assert (b["cx"] - a["cx"]) * px >= (wa + wb) / 2


def test_projector_type_is_18_px_or_more():
    assert min(size for _, size in _texts(_spreadsheet(2, 3, 4, big=True))) >= 18


# ---------------------------------------------------------------------------------------------- sentences
def _sentence(language: str, first: str = "cat", big: bool = False):
    vectors = cached.word_vectors(first, seed=42)
    cell = charts.sentence_cell(vectors["token"], big=big)
    return cell, spec(charts.sentence_chart(vectors[vectors["language"] == language], cell=cell, big=big))


def test_a_sentence_is_one_column_a_step_at_one_width_for_every_language():
    widths = {}
    for language in cached.SENTENCE_LANGUAGES:
        cell, d = _sentence(language)
        widths[language] = d["width"] / cell
        said = [t for t, _ in _texts(d)]
        assert "x₁" in said
    assert widths == {"English": 5, "German": 6, "Japanese": 7}


def test_the_japanese_tokens_carry_their_readings_and_every_cell_its_value():
    _, d = _sentence("Japanese", "dog")
    said = [t for t, _ in _texts(d)]
    assert said.index("犬") < said.index("猫") and "inu" in said and "oikake" in said
    values = [t for t in said if t.replace("−", "").replace(".", "").isdigit()]
    assert len(values) == 7 * cached.EMBED_DIM and all(len(v.lstrip("−")) == 3 for v in values)
    _, english = _sentence("English")
    fields = [layer["encoding"]["text"]["field"] for layer in english["layer"] if layer["mark"]["type"] == "text"]
    assert "reading" not in fields  # no empty row of readings above an English sentence


def test_the_widest_token_fits_its_cell():
    for big in (False, True):
        vectors = cached.word_vectors("cat", seed=1)
        cell = charts.sentence_cell(vectors["token"], big=big)
        size = 22 if big else 17  # the token's bold type
        assert cell >= 4 * size  # 追いかけ: four full-width characters
        assert min(s for _, s in _texts(_sentence("German", big=big)[1])) >= (18 if big else 13)


def test_on_a_projector_the_channel_sheets_carry_18_px_numbers_two_a_row():
    long = cached.picture_long(cached.toy_picture())
    laptop, projector = spec(charts.channels_chart(long)), spec(charts.channels_chart(long, big=True))
    texts = [layer["mark"] for layer in projector["spec"]["layer"] if layer["mark"]["type"] == "text"]
    assert texts[0]["fontSize"] >= 18 and projector["columns"] == 2
    assert projector["spec"]["width"] >= 8 * 40  # a cell wide enough for "250" at 18 px
    assert [layer["mark"] for layer in laptop["spec"]["layer"]][1]["fontSize"] == 10 and "column" in laptop["facet"]
