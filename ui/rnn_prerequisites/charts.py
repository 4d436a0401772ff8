"""Altair builders of the sequences page: the weather record with its window, one window in and out of order.

DataFrame in, chart out (no ``st.*``); time steps are 1-based (``t``) as in the formulas.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.kit import charts as kit
from ui.kit.charts import step_x

SHORT_NAMES = {"temperature": "temp."}  # an axis title as tall as a 115 px panel, even on a projector


def weather_panels(record: pd.DataFrame, window: tuple[float, float], *,
                   units: dict[str, str]) -> list[alt.LayerChart]:
    """One small chart per feature (long frame: ``hour``, ``feature``, ``value``) with the chosen window
    shaded from ``window[0]`` to ``window[1]`` hours; only the last panel carries the time axis.
    (Separate charts rather than a concat: a concat does not shrink to a wide page's column.)"""
    shade = pd.DataFrame({"start": [window[0]], "end": [window[1]]})
    features = list(dict.fromkeys(record["feature"]))
    panels = []
    for n, feature in enumerate(features):
        last = n == len(features) - 1
        x = alt.X("hour:Q", title="hours" if last else None, axis=alt.Axis(labels=last, ticks=last))
        band = alt.Chart(shade).encode(x=alt.X("start:Q"))
        rect = alt.layer(band.mark_rect(color=kit.PALETTE[1], opacity=0.15).encode(x2="end:Q"),
                         band.mark_rule(color=kit.PALETTE[1], opacity=0.6))  # seen even when 1 step wide
        line = alt.Chart(record[record["feature"] == feature]).mark_line(
            color=kit.PALETTE[n % len(kit.PALETTE)], strokeWidth=1.2).encode(
            x=x, y=alt.Y("value:Q", title=[SHORT_NAMES.get(feature, feature), f"({units.get(feature, '')})"],
                         scale=alt.Scale(zero=False),
                         axis=alt.Axis(minExtent=50, tickCount=3)),
            tooltip=[alt.Tooltip("hour:Q", format=".2f"), alt.Tooltip("value:Q", format=".2f")])
        panels.append(alt.layer(rect, line).properties(height=150 if last else 115))
    return panels


ORDERS = ["in time order", "shuffled"]
LEGEND = kit.legend(symbolType="stroke", symbolSize=400)  # line swatches showing the dash, not dots


def order_chart(df: pd.DataFrame) -> alt.Chart:
    """The same steps in their own order (solid) and shuffled (dashed) (``t``, ``value``, ``order``):
    told apart by the line's dash as well as its hue."""
    title = "position in the sequence (step)"
    return kit.line_chart(df, "t", "value", color="order", x_title=title, y_title="temperature (std.)",
                             height=240, legend_at="top", points=df["t"].nunique() <= 40).encode(
        x=step_x("t", title, 1, int(df["t"].max())),  # whole steps; one step still shows as points
        color=alt.Color("order:N", scale=alt.Scale(domain=ORDERS, range=kit.PALETTE[:2]), legend=LEGEND),
        strokeDash=alt.StrokeDash("order:N", scale=alt.Scale(domain=ORDERS, range=[[1, 0], [5, 3]]), legend=LEGEND))


# ---------------------------------------------------------------------------------------------- tensors
def channels_chart(long: pd.DataFrame) -> alt.FacetChart:
    """One sheet per colour channel (``channel``, ``row``, ``column``, ``value``): cells shaded from black
    (0) to white (255) and labelled with their numbers, so no value is told by shade alone."""
    channels = list(dict.fromkeys(long["channel"]))
    base = alt.Chart().encode(x=alt.X("column:O", title="column"), y=alt.Y("row:O", title="row"))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=0.5).encode(
        color=alt.Color("value:Q", scale=alt.Scale(domain=[0, 255], range=["#000000", "#ffffff"]), legend=None),
        tooltip=["channel:N", "row:O", "column:O", "value:Q"])
    numbers = base.mark_text(fontSize=10).encode(
        text="value:Q", color=alt.condition(alt.datum.value > 140, alt.value("#000000"), alt.value("#ffffff")))
    return alt.layer(cells, numbers, data=long).properties(width=170, height=130).facet(
        column=alt.Column("channel:N", sort=channels, title=None, header=alt.Header(labelFontWeight="bold")))


def picture_chart(pixels: pd.DataFrame) -> alt.Chart:
    """The picture the three channels make (``row``, ``column``, ``colour`` as #rrggbb)."""
    return alt.Chart(pixels).mark_rect().encode(
        x=alt.X("column:O", title="column"), y=alt.Y("row:O", title="row"),
        color=alt.Color("colour:N", scale=None), tooltip=["row:O", "column:O", "colour:N"],
    ).properties(height=130)
