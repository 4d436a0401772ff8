"""Charts that ▶ plays in the browser (``ui.play``, a sweep ``in_browser``): they hold the rows of every frame
and draw those of the frame a Vega-Lite parameter holds, which the ▶ button steps through a hidden range input
(``ui.play.BROWSER_CSS`` hides it). No server run per frame: the data and scales stay, the parameter moves."""

from __future__ import annotations

from typing import NamedTuple

import altair as alt


class Played(NamedTuple):
    """▶ played in the browser: the charts hold the rows of every frame of the sweep, ``frame`` f (0: drawn at
    every frame), and draw those of the frame the parameter ``param`` holds, which ▶ steps from ``start``
    through ``frames``."""

    param: str
    frames: tuple[int, ...]
    start: int


def on_frame(chart: alt.Chart, played: Played | None, field: str = "datum.frame") -> alt.Chart:
    """``chart`` drawing its rows of frame 0 and of the parameter's frame (all of them without ``played``)."""
    return chart if played is None else chart.transform_filter(f"{field} == 0 || {field} == {played.param}")


def declare_param(chart: alt.TopLevelMixin, name: str, value: int, lo: int, hi: int,
                  step: int = 1) -> alt.TopLevelMixin:
    """Declare on ``chart`` the parameter ``name`` that ▶ steps, at ``value``: bound to a range input from ``lo``
    to ``hi`` by ``step``, the input ▶ moves (``ui.play.param`` names it)."""
    return chart.add_params(alt.param(name=name, value=value, bind=alt.binding_range(min=lo, max=hi, step=step)))


def declare(chart: alt.TopLevelMixin, played: Played | None) -> alt.TopLevelMixin:
    """Declare the parameter of ``played`` on ``chart`` at its start (``chart`` itself without ``played``)."""
    if played is None:
        return chart
    return declare_param(chart, played.param, played.start, min(played.frames), max(played.frames))
