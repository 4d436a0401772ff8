"""Charts of the history page: the timeline of booms and winters, XOR decision regions, gradients.

Pure builders (DataFrame in, Altair chart out), composed from the kit (``ui.kit.charts``) where it has the shape.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from engine import history
from ui import in_browser
from ui.history import text as ht
from ui.kit import charts as kit
from ui.kit.specs import SVG_MARKS, cached_chart

CATEGORIES = ("algorithm", "hardware", "culture", "theory/critique", "milestone")
ROWS = [ht.CATEGORY_NAMES[c] for c in CATEGORIES]  # the rows are labelled as the filter's options
ERA_COLOURS = {"prelude": "#eeeeee", "boom": "#fde0c5", "winter": "#cfe3f6"}
# Booms are orange and winters blue: the points use neither hue (magenta, green, grey, purple, olive),
# and none is black, the ring of the selected event.
CATEGORY_COLOURS = {"algorithm": kit.PALETTE[1], "hardware": kit.PALETTE[2], "culture": kit.PALETTE[7],
                    "theory/critique": kit.PALETTE[4], "milestone": "#6b8e23"}
SELECTED_RING = "#111111"
CATEGORY_SCALE = alt.Scale(domain=ROWS, range=[CATEGORY_COLOURS[c] for c in CATEGORIES])
# The time axis runs a year past the first and last events, so a point (even ringed) is never cut at an edge.
X_DOMAIN = (pd.Timestamp(history.FIRST_YEAR - 1, 1, 1), pd.Timestamp(history.LAST_YEAR + 2, 1, 1))
ERA_SHORT = {
    "prelude": "Prelude",
    "boom1": "1st boom",
    "winter1": "1st winter",
    "boom2": "2nd boom",
    "winter2": "2nd winter",
    "boom3": "3rd boom\n(deep learning)",  # two lines: one would not fit its band on a 1024 px projector
}
ERA_FILL = alt.Scale(domain=list(ERA_COLOURS), range=list(ERA_COLOURS.values()))
SELECTION = "event"  # the name of the timeline's click selection (Streamlit returns it under this key)
N_LANES = 3
TIMELINE_HEIGHT = 380
# Key events are named in rows of text under the era names (which take the top ~46 px): a label goes in
# the first row where it clears the labels already there, judged at the narrowest plot it must fit, a
# 1024 px projector in presenter mode (8.2 px a year, measured); wider screens only spread them apart.
LABEL_FONT_PX = 18
LABEL_CHAR_PX = 10.5  # a generous width of one character at 18 px
NARROWEST_PX_PER_YEAR = 8.0
HALF_PX_PER_YEAR = 4.5  # in half a 1400 px page (the opening figure's column): ~380 px for ~85 years
LABEL_GAP_PX = 8
LABEL_TOP_PX = 48
LABEL_ROW_PX = 24
REGION_HEIGHT = 420
# Output 0 dark blue, 1 a lighter pink, 0.5 near white: the two sides differ in lightness as well as hue,
# so they stay apart in grey (achromatopsia) and for red-blind eyes, where blue and magenta both go grey-blue.
TARGET_COLOURS = ("#1c4a85", "#ec7fa8")
REGION_SCALE = alt.Scale(domain=[0.0, 0.5, 1.0], range=[TARGET_COLOURS[0], "#f7f7f7", TARGET_COLOURS[1]])


def with_lanes(events: pd.DataFrame, n_lanes: int = N_LANES) -> pd.DataFrame:
    """Add ``lane``: events of one category take turns in ``n_lanes`` sub-rows so neighbours don't overlap."""
    lanes = events.groupby("category", sort=False).cumcount() % n_lanes
    return events.assign(lane=lanes.astype(int))


def key_labels(events: pd.DataFrame, px_per_year: float = NARROWEST_PX_PER_YEAR) -> pd.DataFrame:
    """The key events among ``events`` (``ht.KEY_EVENTS``) with their label, text row and x extent.

    A label of n characters centred on its event spans ``x ± (n·LABEL_CHAR_PX + LABEL_GAP_PX) / 2`` px,
    x = years · ``px_per_year``; labels are placed oldest first, each in the first ``row`` where it starts
    after every label there ends (greedy interval colouring: no two labels of one row overlap).
    """
    names = dict(ht.KEY_EVENTS)
    key = events[events["id"].isin(names)].sort_values("date")
    years = key["date"].dt.year + (key["date"].dt.day_of_year - 1) / 365.25
    half = (key["id"].map(names).str.len() * LABEL_CHAR_PX + LABEL_GAP_PX) / 2 / px_per_year
    ends, rows = [], []
    for centre, reach in zip(years, half, strict=True):
        row = next((r for r, end in enumerate(ends) if centre - reach >= end), len(ends))
        ends[row:row + 1] = [centre + reach]
        rows.append(row)
    return key.assign(label=key["id"].map(names), row=rows, left=years - half, right=years + half,
                      label_y=[LABEL_TOP_PX + LABEL_ROW_PX * r for r in rows])


def rows_top(labels: pd.DataFrame) -> int:
    """Where the category rows start: under the key events' text rows."""
    n_rows = int(labels["row"].max()) + 1 if len(labels) else 0
    return LABEL_TOP_PX + LABEL_ROW_PX * n_rows + 6


def _key_layer(labels: pd.DataFrame, x: alt.X, y: alt.Y, y_offset: alt.YOffset) -> alt.LayerChart:
    """The key events' names in their text rows, each with a thin leader down to its point."""
    base = alt.Chart(labels)
    text = base.mark_text(baseline="top", fontSize=LABEL_FONT_PX, fontWeight="bold", color="#222222",
                          aria=False).encode(x=x, y=alt.Y("label_y:Q", scale=None, axis=None), text="label:N",
                                             tooltip=[alt.Tooltip("title:N", title="key event"),
                                                      alt.Tooltip("when:N", title="date")])
    leader = base.mark_rule(color="#555555", strokeWidth=1, strokeDash=[2, 2], aria=False).encode(
        x=x, y=y, yOffset=y_offset, y2={"value": {"expr": f"datum.label_y + {LABEL_FONT_PX + 1}"}})
    return alt.layer(leader, text)


def event_selection() -> alt.Parameter:
    """Click an event to select it (by id); click empty space to clear."""
    return alt.selection_point(name=SELECTION, fields=["id"], on="click", clear="dblclick", empty=False)


def _eras_layer(eras: pd.DataFrame) -> alt.LayerChart:
    data = eras.assign(short=eras["key"].map(ERA_SHORT).fillna(eras["name"]),  # bands fill the whole axis
                       start=eras["start"].clip(lower=X_DOMAIN[0]), end=eras["end"].clip(upper=X_DOMAIN[1]))
    data.loc[data["start"].idxmin(), "start"] = X_DOMAIN[0]
    data.loc[data["end"].idxmax(), "end"] = X_DOMAIN[1]  # the last era goes on past the last event
    data = data.assign(mid=data["start"] + (data["end"] - data["start"]) / 2)
    base = alt.Chart(data)
    shade = base.mark_rect(opacity=0.9).encode(
        x=alt.X("start:T", title=None),
        x2="end:T",
        fill=alt.Fill("kind:N", scale=ERA_FILL, legend=None),
        tooltip=[
            alt.Tooltip("name:N", title="era"),
            alt.Tooltip("start_year:Q", title="from", format="d"),
            alt.Tooltip("end_year:Q", title="until", format="d"),
            alt.Tooltip("summary:N", title=""),
        ],
    )
    # Winters are short and sit between booms: their names go along the bottom edge, so that on a
    # narrow screen "1st winter", "2nd boom" and "2nd winter" do not run into each other.
    winter = alt.datum.kind == "winter"
    top = base.transform_filter(~winter).mark_text(baseline="top", dy=4, color="#444444", lineBreak="\n").encode(
        x="mid:T", y=alt.value(0), text="short:N"
    )
    bottom = base.transform_filter(winter).mark_text(baseline="bottom", dy=-4, color="#444444",
                                                     y="height").encode(x="mid:T", text="short:N")
    return alt.layer(shade, top, bottom)


@cached_chart
def timeline_chart(events: pd.DataFrame, eras: pd.DataFrame, selected: str | None = None,
                   px_per_year: float = NARROWEST_PX_PER_YEAR) -> alt.LayerChart:
    """Eras shaded behind one row of points per category; points are clickable (selection ``event``).
    The key events' labels are stacked in rows for a plot ``px_per_year`` wide a year (or wider).

    ``events`` needs id, date, when, title, category, era_name (``with_lanes`` adds the sub-row);
    ``selected`` rings the event shown below the chart.
    """
    data = with_lanes(events).assign(is_selected=events["id"].eq(selected) if selected else False,
                                     category_name=events["category"].map(ht.CATEGORY_NAMES))
    labels = key_labels(data, px_per_year)
    pick = event_selection()
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[d.strftime("%Y-%m-%d") for d in X_DOMAIN]),
              axis=alt.Axis(format="%Y", tickCount=16))
    y = alt.Y(
        "category_name:N",
        scale=alt.Scale(domain=ROWS, range=[rows_top(labels), alt.expr("height")]),
        title=None,
        axis=alt.Axis(labelLimit=160),
    )
    y_offset = alt.YOffset("lane:O", scale=alt.Scale(paddingOuter=0.6))
    points = (
        alt.Chart(data)
        .mark_point(filled=True, cursor="pointer")
        .encode(
            x=x,
            y=y,
            yOffset=y_offset,
            color=alt.Color("category_name:N", scale=CATEGORY_SCALE, legend=None),
            size=alt.condition(alt.datum.is_selected, alt.value(260), alt.value(110)),
            stroke=alt.condition(alt.datum.is_selected, alt.value(SELECTED_RING), alt.value("white")),
            strokeWidth=alt.condition(alt.datum.is_selected, alt.value(2.5), alt.value(1)),
            tooltip=[
                alt.Tooltip("when:N", title="date"),
                alt.Tooltip("title:N", title="event"),
                alt.Tooltip("category_name:N", title="category"),
                alt.Tooltip("era_name:N", title="era"),
            ],
        )
        .add_params(pick)
    )
    # SVG: each point is a node a pointer clicks and a screen reader reads ("event: …"), not pixels of a canvas
    return alt.layer(_eras_layer(eras), _key_layer(labels, x, y, y_offset), points).properties(
        height=TIMELINE_HEIGHT, usermeta=SVG_MARKS)


@cached_chart
def region_chart(
    region: pd.DataFrame, points: pd.DataFrame, *, title: str, step: float, lines: pd.DataFrame | None = None
) -> alt.LayerChart:
    """Decision region: cells (x1, x2) coloured by the output ``p``, and the four labelled inputs.

    ``region``: x1, x2, p on a square grid of spacing ``step``; ``points``: x1, x2, target, output, right,
    verdict; ``lines`` (optional): segments x1, x2 → x1_end, x2_end per ``epoch``, ``last`` drawn bold.
    """
    pad = 0.52 * step  # a hair over half a cell: no hairline gaps between cells
    cells = (
        alt.Chart(region)
        .transform_calculate(
            x_lo=f"datum.x1 - {pad}",
            x_hi=f"datum.x1 + {pad}",
            y_lo=f"datum.x2 - {pad}",
            y_hi=f"datum.x2 + {pad}",
        )
        .mark_rect()
        .encode(
            x=alt.X("x_lo:Q", title="x₁", scale=alt.Scale(nice=False, zero=False)),
            x2="x_hi:Q",
            y=alt.Y("y_lo:Q", title="x₂", scale=alt.Scale(nice=False, zero=False)),
            y2="y_hi:Q",
            color=alt.Color(
                "p:Q",
                scale=REGION_SCALE,
                title="output",
                legend=kit.value_legend(orient="right", gradientLength=120),
            ),
            tooltip=[
                alt.Tooltip("x1:Q", format=".2f"),
                alt.Tooltip("x2:Q", format=".2f"),
                alt.Tooltip("p:Q", title="output", format=".3f"),
            ],
        )
    )
    marks = (
        alt.Chart(points)
        .mark_point(size=420, filled=True, strokeWidth=2.5, stroke="#111111")
        .encode(
            x="x1:Q",
            y="x2:Q",
            shape=alt.Shape(
                "target:N",
                scale=alt.Scale(domain=["0", "1"], range=["square", "circle"]),
                title="target",
                legend=alt.Legend(orient="right"),
            ),
            fill=alt.Fill("target:N", scale=alt.Scale(domain=["0", "1"], range=list(TARGET_COLOURS)), legend=None),
            tooltip=["x1:Q", "x2:Q", "target:N", alt.Tooltip("output:Q", format=".3f"), "right:N"],
        )
    )
    labels = (
        alt.Chart(points)
        .mark_text(dy=-26, fontSize=18, fontWeight="bold")
        .encode(
            x="x1:Q",
            y="x2:Q",
            text="verdict:N",
            color=alt.Color(
                "right:N", scale=alt.Scale(domain=["yes", "no"], range=["#2f855a", "#c53030"]), legend=None
            ),
        )
    )
    # A white halo under each ✓ / ✗, so that it reads on the dark blue side as on the pink one.
    halo = alt.Chart(points).mark_text(dy=-26, fontSize=18, fontWeight="bold", color="white", stroke="white",
                                       strokeWidth=5, strokeJoin="round").encode(x="x1:Q", y="x2:Q", text="verdict:N")
    layers = [cells]
    if lines is not None and len(lines):
        layers.append(
            alt.Chart(lines)
            .mark_rule(color="#111111")
            .encode(
                x="x1:Q",
                y="x2:Q",
                x2="x1_end:Q",
                y2="x2_end:Q",
                strokeWidth=alt.condition(alt.datum.last, alt.value(3), alt.value(1)),
                strokeDash=alt.condition(alt.datum.last, alt.value([1, 0]), alt.value([4, 3])),
                tooltip=[alt.Tooltip("epoch:Q", title="line after epoch")],
            )
        )
    return alt.layer(*layers, marks, halo, labels).properties(title=title, height=REGION_HEIGHT)


MODELS = ("perceptron", "two-layer net")  # solid, dashed
DASHES = [[1, 0], [6, 4], [2, 3]]  # solid, dashed, dotted: series never differ by hue alone
SHAPES = ["circle", "square", "triangle-up"]  # and the points of the gradient chart (its legend shows them)


LINE_LEGEND = {"symbolType": "stroke", "symbolSize": 900}  # a legend line long enough to show its dashes


def _series(field: str, order, colours, **legend_style) -> dict:
    """Colour and dash of the series in ``field``, one shared legend (a second channel beside hue)."""
    legend = kit.legend(**legend_style)
    domain = list(order)
    return {"color": alt.Color(f"{field}:N", scale=alt.Scale(domain=domain, range=list(colours)), legend=legend),
            "strokeDash": alt.StrokeDash(f"{field}:N", scale=alt.Scale(domain=domain, range=DASHES[:len(order)]),
                                         legend=legend)}


@cached_chart
def training_chart(curves: pd.DataFrame) -> alt.Chart:
    """Accuracy per epoch of both models (``epoch``, ``accuracy``, ``model``): the perceptron solid,
    the two-layer net dashed."""
    return kit.line_chart(
        curves,
        "epoch",
        "accuracy",
        color="model",
        x_title="epoch (log scale)",
        log_x=True,
        y_title="accuracy on the 4 inputs",
        y_domain=(0.0, 1.05),
        height=300,
        tooltip=["model", "epoch", alt.Tooltip("accuracy:Q", format=".0%")],
    ).encode(**_series("model", MODELS, kit.PALETTE[:2], **LINE_LEGEND))


@cached_chart
def loss_chart(loss: pd.DataFrame) -> alt.Chart:
    """Cross-entropy of the two-layer net per epoch, log scale (``epoch``, ``loss``)."""
    return kit.line_chart(
        loss,
        "epoch",
        "loss",
        x_title="epoch",
        y_title="cross-entropy loss (log)",
        log_y=True,
        height=300,
        tooltip=["epoch", alt.Tooltip("loss:Q", format=".3g")],
    )


GRADIENT_TICKS = 5  # ticks of the gradient chart's log axis, Vega's: decades only once the depth shown spans more


@cached_chart
def gradient_chart(grads: pd.DataFrame, depth: int) -> alt.Chart:
    """Backpropagated error per layer against the bounds (``depth``, ``layer``, ``ratio``, ``curve``: every depth
    n of the slider), log scale: measured solid with circles, the bound Π ¼‖W_k‖₂ dashed with squares,
    ¼^(n−l) dotted with triangles; the browser shows the depth the slider reads (``ui.in_browser``), ``depth``
    until it has moved."""
    chart = kit.line_chart(
        grads,
        "layer",
        "ratio",
        color="curve",
        points=True,
        log_y=True,
        x_title="layer l (1 = next to the input)",
        y_title="‖δ_l‖ / ‖δ_n‖ (log scale)",
        height=440,
        tooltip=["curve", "layer", alt.Tooltip("ratio:Q", format=".3g")],
    ).encode(x=alt.X("layer:Q", title="layer l (1 = next to the input)",  # whole layers: no 1.05 at n = 2
                     scale=kit.scale(False), axis=kit.x_axis(format="d", tickMinStep=1)),
             # Vega's ticks: the depth shown spans one to 30 decades, and fixed tick values (``kit.log_labels``)
             # would be those of every depth at once, and change with the gain
             y=alt.Y("ratio:Q", title="‖δ_l‖ / ‖δ_n‖ (log scale)", scale=kit.scale(True),
                     axis=alt.Axis(labelExpr=kit.VEGA_LOG_LABELS, tickCount=GRADIENT_TICKS)),
             shape=alt.Shape("curve:N", scale=alt.Scale(domain=list(ht.GRADIENT_CURVES), range=SHAPES),
                             legend=kit.legend()),
             **_series("curve", ht.GRADIENT_CURVES, (kit.PALETTE[1], kit.PALETTE[0], kit.PALETTE[2])))
    return in_browser.follow(chart, "depth", depth, int(grads["depth"].min()), int(grads["depth"].max()), "depth")
