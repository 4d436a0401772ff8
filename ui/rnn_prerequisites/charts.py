"""Altair builders of the sequences page: the weather record with its window, one window in and out of order.

DataFrame in, chart out (no ``st.*``); time steps are 1-based (``t``) as in the formulas.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.kit import charts as kit
from ui.kit import colors
from ui.kit.charts import data_step_x
from ui.kit.numbers import fixed
from ui.kit.specs import cached_chart

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _subscript(t: int) -> str:
    """A step number as subscript digits (x₁₂)."""
    return str(t).translate(_SUBSCRIPT)

SHORT_NAMES = {"temperature": "temp."}  # an axis title as tall as a 115 px panel, even on a projector


def weather_panels(record: pd.DataFrame, window: tuple[float, float], *,
                   units: dict[str, str]) -> list:
    """One small chart per feature (long frame: ``hour``, ``feature``, ``value``) with the chosen window
    shaded from ``window[0]`` to ``window[1]`` hours; only the last panel carries the time axis.
    (Separate charts rather than a concat: a concat does not shrink to a wide page's column.)"""
    features = list(dict.fromkeys(record["feature"]))
    return [weather_panel(record[record["feature"] == feature], window, feature=feature, n=n,
                          last=n == len(features) - 1, unit=units.get(feature, ""))
            for n, feature in enumerate(features)]


@cached_chart
def weather_panel(series: pd.DataFrame, window: tuple[float, float], *, feature: str, n: int, last: bool,
                  unit: str) -> alt.LayerChart:
    """One feature's record (``hour``, ``value``) in the ``n``-th colour, the window shaded; the time axis
    only on the ``last`` panel."""
    shade = pd.DataFrame({"start": [window[0]], "end": [window[1]]})
    x = alt.X("hour:Q", title="hours" if last else None, axis=alt.Axis(labels=last, ticks=last))
    band = alt.Chart(shade).encode(x=alt.X("start:Q"))
    rect = alt.layer(band.mark_rect(color=kit.PALETTE[1], opacity=0.15).encode(x2="end:Q"),
                     band.mark_rule(color=kit.PALETTE[1], opacity=0.6))  # seen even when 1 step wide
    line = alt.Chart(series).mark_line(color=kit.PALETTE[n % len(kit.PALETTE)], strokeWidth=1.2).encode(
        x=x, y=alt.Y("value:Q", title=[SHORT_NAMES.get(feature, feature), f"({unit})"],
                     scale=alt.Scale(zero=False), axis=alt.Axis(minExtent=50, tickCount=3)),
        tooltip=[alt.Tooltip("hour:Q", format=".2f"), alt.Tooltip("value:Q", format=".2f")])
    return alt.layer(rect, line).properties(height=150 if last else 115)


ORDERS = ["in time order", "shuffled"]
LEGEND = kit.legend(symbolType="stroke", symbolSize=400)  # line swatches showing the dash, not dots


@cached_chart
def order_chart(df: pd.DataFrame) -> alt.Chart:
    """The same steps in their own order (solid) and shuffled (dashed) (``t``, ``value``, ``order``):
    told apart by the line's dash as well as its hue."""
    title = "position in the sequence (step)"
    return kit.line_chart(df, "t", "value", color="order", x_title=title, y_title="temperature (std.)",
                             height=240, legend_at="top", points=df["t"].nunique() <= 40).encode(
        x=data_step_x("t", title, 1, df["t"]),  # whole steps; one step still shows as points
        color=alt.Color("order:N", scale=alt.Scale(domain=ORDERS, range=kit.PALETTE[:2]), legend=LEGEND),
        strokeDash=alt.StrokeDash("order:N", scale=alt.Scale(domain=ORDERS, range=[[1, 0], [5, 3]]), legend=LEGEND))


# ---------------------------------------------------------------------------------------------- tensors
@cached_chart
def channels_chart(long: pd.DataFrame, *, big: bool = False) -> alt.FacetChart:
    """One sheet per colour channel (``channel``, ``row``, ``column``, ``value``): cells shaded from black
    (0) to white (255) and labelled with their numbers, so no value is told by shade alone. ``big``: for a
    projector, cells wide enough for 18 px numbers, two sheets a row."""
    channels = list(dict.fromkeys(long["channel"]))
    base = alt.Chart().encode(x=alt.X("column:O", title="column"), y=alt.Y("row:O", title="row"))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=0.5).encode(
        color=alt.Color("value:Q", scale=alt.Scale(domain=[0, 255], range=["#000000", "#ffffff"]), legend=None),
        tooltip=["channel:N", "row:O", "column:O", "value:Q"])
    numbers = base.mark_text(fontSize=18 if big else 10).encode(
        text="value:Q", color=alt.condition(alt.datum.value > 140, alt.value("#000000"), alt.value("#ffffff")))
    header = alt.Header(labelFontWeight="bold")
    if not big:
        return alt.layer(cells, numbers, data=long).properties(width=170, height=130).facet(
            column=alt.Column("channel:N", sort=channels, title=None, header=header))
    n_rows, n_cols = int(long["row"].max()), int(long["column"].max())
    return alt.layer(cells, numbers, data=long).properties(width=40 * n_cols, height=30 * n_rows).facet(
        facet=alt.Facet("channel:N", sort=channels, title=None, header=header), columns=2)


@cached_chart
def picture_chart(pixels: pd.DataFrame) -> alt.Chart:
    """The picture the three channels make (``row``, ``column``, ``colour`` as #rrggbb)."""
    return alt.Chart(pixels).mark_rect().encode(
        x=alt.X("column:O", title="column"), y=alt.Y("row:O", title="row"),
        color=alt.Color("colour:N", scale=None), tooltip=["row:O", "column:O", "colour:N"],
    ).properties(height=130)


# ---------------------------------------------------------------------------------------------- spreadsheet
SHEET_GAP = 1.6  # least room, in cells, between the vector, the matrix and the tensor
SHEET_OFFSET = 0.5  # each sheet behind the front one sits this many cells up and to the right
HEADER_FILL = "#e9ecef"  # the spreadsheet's column letters
PICKED_FILL = "#dbe9f7"  # the column that is the vector, wherever it is drawn
PART_LABELS = {"vector": ("vector", "a column"), "matrix": ("matrix", "a sheet"),
               "tensor": ("3-D tensor", "a stack of sheets")}
CHAR_WIDTH = 0.56  # a label's width per character, in font sizes (a generous estimate for sans-serif)


def _column_letter(n: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n - 1]


@cached_chart
def spreadsheet_chart(cells: pd.DataFrame, shapes: dict[str, str], *, big: bool = False) -> alt.LayerChart:
    """The article's spreadsheet picture: a vector as one column, a matrix as one sheet, a 3-D tensor as a
    stack of sheets drawn offset up and to the right, each with its name and shape written under it.

    ``cells``: long rows (``part``, ``sheet``, ``row``, ``column``, ``value``) as data.spreadsheet gives;
    ``shapes``: each part's shape as text. Each sheet has a header row of column letters, the vector's
    column is shaded wherever it appears, and only what is in front carries numbers. Cells are square at
    a fixed size (draw the chart at its own width); the blocks stand far enough apart for their labels.
    ``big``: larger cells and type, for a projector."""
    unit, size = (40, 18) if big else (30, 14)
    rows, cols = int(cells["row"].max()), int(cells["column"].max())
    sheets = int(cells["sheet"].max())
    widths = {"vector": 1.0, "matrix": float(cols), "tensor": cols + (sheets - 1) * SHEET_OFFSET}
    label_widths = {p: max(*(CHAR_WIDTH * size * len(t) for t in PART_LABELS[p]),
                           CHAR_WIDTH * (size + 4) * len(shapes[p])) / unit  # the shape: bold, 4 px larger
                    for p in PART_LABELS}
    starts, x0, previous = {}, 0.0, None
    for part, width in widths.items():
        if previous is not None:
            gap = max(SHEET_GAP, (label_widths[previous] + label_widths[part]) / 2 + 0.5
                      - (widths[previous] + width) / 2)
            x0 += widths[previous] + gap
        starts[part], previous = x0, part
    boxes = []  # one rectangle per cell or header, drawn back to front
    for part, x0 in starts.items():
        these = cells[cells["part"] == part]
        width = int(these["column"].max())
        for sheet in range(int(these["sheet"].max()), 0, -1):
            dx = dy = (sheet - 1) * SHEET_OFFSET
            front = sheet == 1
            for c in range(1, width + 1):
                boxes.append({"x": x0 + c - 1 + dx, "y": -dy, "fill": HEADER_FILL, "text": _column_letter(c),
                              "depth": sheet, "kind": "header" if front else "back"})
            for cell in these[these["sheet"] == sheet].itertuples():
                boxes.append({"x": x0 + cell.column - 1 + dx, "y": cell.row - dy,
                              "fill": PICKED_FILL if cell.column == 1 else "#ffffff",
                              "text": str(cell.value), "depth": sheet, "kind": "cell" if front else "back"})
    frame = pd.DataFrame(boxes)
    frame["x2"], frame["y2"] = frame["x"] + 1, frame["y"] + 1
    frame["cx"], frame["cy"] = frame["x"] + 0.5, frame["y"] + 0.5
    centres = {p: starts[p] + widths[p] / 2 for p in starts}
    labels = pd.DataFrame({"cx": list(centres.values()), "cy": rows + 1.3,
                           "name": [PART_LABELS[p][0] for p in starts], "picture": [PART_LABELS[p][1] for p in starts],
                           "shape": [shapes[p] for p in starts]})
    left = min(0.0, min(centres[p] - label_widths[p] / 2 for p in starts)) - 0.3
    right = max(starts["tensor"] + widths["tensor"], max(centres[p] + label_widths[p] / 2 for p in starts)) + 0.3
    top = -(sheets - 1) * SHEET_OFFSET - 0.1
    bottom = rows + 1.3 + (3 * size + 4 + 16) / unit  # three lines of labels
    x_scale = alt.Scale(domain=[left, right], nice=False, zero=False)
    y_scale = alt.Scale(domain=[top, bottom], nice=False, zero=False, reverse=True)
    x, y = alt.X("x:Q", scale=x_scale, axis=None), alt.Y("y:Q", scale=y_scale, axis=None)
    layers = [alt.Chart(frame[frame["depth"] == depth]).mark_rect(stroke="#6c757d", strokeWidth=1).encode(
        x=x, x2="x2:Q", y=y, y2="y2:Q", fill=alt.Fill("fill:N", scale=None))
        for depth in sorted(frame["depth"].unique(), reverse=True)]
    centre = {"x": alt.X("cx:Q", scale=x_scale, axis=None), "y": alt.Y("cy:Q", scale=y_scale, axis=None)}
    layers.append(alt.Chart(frame[frame["kind"] != "back"]).mark_text(fontSize=size, color="#212529").encode(
        text="text:N", **centre))
    part_label = alt.Chart(labels).encode(**centre)
    layers += [part_label.mark_text(fontSize=size, baseline="top", color="#212529").encode(text="name:N"),
               part_label.mark_text(fontSize=size, baseline="top", dy=size + 4, color="#495057").encode(
                   text="picture:N"),
               part_label.mark_text(fontSize=size + 4, fontWeight="bold", baseline="top", dy=2 * size + 10,
                                    color="#212529").encode(text="shape:N")]
    return alt.layer(*layers).properties(width=round(unit * (right - left)),
                                         height=round(unit * (bottom - top))).configure_view(stroke=None)


# ---------------------------------------------------------------------------------------------- sentences
def _text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width in pixels: wide (CJK) characters a full font size each."""
    return sum(size if ord(ch) > 0x2E80 else CHAR_WIDTH * size for ch in text)


def sentence_cell(tokens, *, big: bool = False) -> int:
    """One cell width (px) that holds the widest token of every language shown, so the sentences' lengths
    compare as the charts' widths."""
    size = 20 if big else 15
    return round(max(46 if big else 36, *(_text_width(t, size) + 12 for t in tokens)))


@cached_chart
def sentence_chart(words: pd.DataFrame, *, cell: int, big: bool = False) -> alt.LayerChart:
    """One sentence as a sequence of word vectors: one column per time step t, headed by its token (and its
    reading, when there is one), its d entries as cells coloured blue (< 0) to red (> 0) and written out,
    x_t under it. ``words``: long rows (``t``, ``token``, ``reading``, ``dim``, ``value``) of one language;
    ``cell``: the column width in px (:func:`sentence_cell`). Draw at its own width."""
    size = 20 if big else 15
    steps, dims = int(words["t"].max()), int(words["dim"].max())
    has_reading = bool((words["reading"] != "").any())
    row = (34 if big else 26) / cell  # a cell's height in column widths
    head = row * (2.0 if has_reading else 1.2)  # room for the token (and its reading) above the cells
    frame = words.assign(x=words["t"] - 1.0, x2=words["t"] * 1.0, y=(words["dim"] - 1) * row,
                         y2=words["dim"] * row, cx=words["t"] - 0.5, cy=(words["dim"] - 0.5) * row)
    frame["label"] = [fixed(v, 1, minus="−") for v in frame["value"]]
    frame["ink"] = [colors.ink(colors.value_color("y", v)) for v in frame["value"]]
    tokens = frame.drop_duplicates("t")
    heads = pd.DataFrame({"cx": tokens["cx"], "token": tokens["token"], "reading": tokens["reading"],
                          "step": [f"x{_subscript(t)}" for t in tokens["t"]]})
    bottom = dims * row + row * 1.1
    x_scale = alt.Scale(domain=[-0.02, steps + 0.02], nice=False, zero=False)
    y_scale = alt.Scale(domain=[-head, bottom], nice=False, zero=False, reverse=True)
    x, y = alt.X("x:Q", scale=x_scale, axis=None), alt.Y("y:Q", scale=y_scale, axis=None)
    at = {"x": alt.X("cx:Q", scale=x_scale, axis=None)}
    cells = alt.Chart(frame).mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        x=x, x2="x2:Q", y=y, y2="y2:Q", color=alt.Color("value:Q", scale=colors.color_scale("y"), legend=None),
        tooltip=["t:O", "token:N", "dim:O", alt.Tooltip("value:Q", format=".1f")])
    values = alt.Chart(frame).mark_text(fontSize=size - 2).encode(
        y=alt.Y("cy:Q", scale=y_scale, axis=None), text="label:N", color=alt.Color("ink:N", scale=None), **at)
    base = alt.Chart(heads).encode(**at)
    layers = [cells, values,
              base.transform_calculate(cy=f"{-head + row * 0.15}").mark_text(
                  fontSize=size + 2, fontWeight="bold", baseline="top", color="#212529").encode(
                  y=alt.Y("cy:Q", scale=y_scale, axis=None), text="token:N"),
              base.transform_calculate(cy=f"{dims * row + row * 0.15}").mark_text(
                  fontSize=size, baseline="top", color="#495057").encode(
                  y=alt.Y("cy:Q", scale=y_scale, axis=None), text="step:N")]
    if has_reading:
        layers.append(base.transform_calculate(cy=f"{-head + row * 1.05}").mark_text(
            fontSize=size - 2, fontStyle="italic", baseline="top", color="#495057").encode(
            y=alt.Y("cy:Q", scale=y_scale, axis=None), text="reading:N"))
    return alt.layer(*layers).properties(width=cell * steps, height=round(cell * (bottom + head))).configure_view(
        stroke=None)


@cached_chart
def ctc_chart(cells: pd.DataFrame, rows: tuple[str, ...], *, big: bool = False) -> alt.LayerChart:
    """The CTC collapse over the frames: one cell a frame, then each run merged into one cell spanning its
    frames, then the blanks (grey) gone: the output characters above the frames they came from."""
    n_frames = max(1, int(cells["end"].max())) if len(cells) else 1
    base = alt.Chart(cells).encode(
        x=alt.X("start:Q", title="frame", scale=alt.Scale(domain=[0, n_frames], nice=False, zero=True),
                axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("row:N", title=None, sort=list(rows), axis=alt.Axis(labelLimit=220)))
    boxes = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        x2="end:Q",
        color=alt.Color("blank:N", scale=alt.Scale(domain=[False, True], range=[colors.PALETTE[0], "#d9d9d9"]),
                        legend=None),
        tooltip=["row:N", "symbol:N", alt.Tooltip("start:Q", title="first frame (from 0)"),
                 alt.Tooltip("end:Q", title="end frame")])
    labels = base.mark_text(fontSize=22 if big else 15, fontWeight="bold").encode(
        x=alt.X("middle:Q"), text="shown:N",
        color=alt.condition(alt.datum.blank, alt.value("#141312"), alt.value("#ffffff")),  # 4.5:1 or more on each
    ).transform_calculate(middle="(datum.start + datum.end) / 2")
    return alt.layer(boxes, labels).properties(height=60 * len(rows) + 20)
