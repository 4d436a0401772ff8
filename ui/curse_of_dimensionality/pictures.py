"""The curse page's two pictures that D moves: the stacked spiky cubes and the three peeled discs.

Each is drawn from rows (one a vertex of an outline: ``shape``, its place ``k`` on it, ``x``, ``y``, ``kind``,
``label``) as filled lines on the identity projection, not as GeoJSON in the spec: a move of D then changes
the rows alone, and the browser updates the drawn picture in place instead of building it anew (a move of D
with the spiky cubes in view 6% quicker at the median, 10% at the p95: ``benchmarks/README.md``). Whatever D
changes (the centre ball, the stand-in's inside, the picture's extent, the title's numbers) travels in the
rows; the row count depends on the view and the stack alone, and a shape a D does not draw (no centre ball in
1-D) keeps its rows with ``drawn`` false.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui.kit import charts as kit
from ui.kit.played import Played, declare, on_frame
from ui.kit.specs import cached_chart

Ring = Sequence[Sequence[float]]  # an outline: [x, y] points, closed if it is to be filled
OUTLINE = "#333333"
INK = "#111111"


def circle(cx: float, cy: float, r: float, n: int = 72) -> list[list[float]]:
    """``n`` points round the circle of radius ``r`` about (``cx``, ``cy``), the first repeated last."""
    t = np.linspace(0.0, 2 * np.pi, n)
    return [[float(cx + r * math.cos(a)), float(cy + r * math.sin(a))] for a in t]


def outline_rows(shapes: Iterable[tuple[str, str, Ring]], frame: int = 0, drawn: bool = True,
                 first: int = 0) -> pd.DataFrame:
    """One row a vertex of each (``kind``, ``label``, ring) in ``shapes``, numbered from ``first`` in order
    (the order they are drawn in); ``frame``: the frame of ▶ they belong to (0: every frame)."""
    rows = [(first + n, k, x, y, kind, label)
            for n, (kind, label, ring) in enumerate(shapes) for k, (x, y) in enumerate(ring)]
    df = pd.DataFrame(rows, columns=["shape", "k", "x", "y", "kind", "label"])
    # coordinates as float32 numbers, which travel in half the bytes (10⁻⁷ of a unit is far below a pixel)
    return df.astype({"x": np.float32, "y": np.float32}).astype({"x": float, "y": float}).assign(frame=frame,
                                                                                               drawn=drawn)


def outlines(rows: pd.DataFrame, *, filled: bool = True, tip: str = "shape", **mark) -> alt.Chart:
    """``rows`` (see :func:`outline_rows`) drawn shape by shape in their order, each closed ring filled
    (``filled``) in the colour its ``kind`` takes from a ``color`` encoding the caller adds."""
    style = {"stroke": OUTLINE, "strokeWidth": 1, **mark}
    return alt.Chart(rows).mark_line(filled=filled, **style).encode(
        longitude="x:Q", latitude="y:Q", detail="shape:N", order="k:Q",
        tooltip=[alt.Tooltip("label:N", title=tip)],
    ).transform_filter("datum.drawn")


def kind_colors(domain: list[str], fills: list[str], **legend) -> alt.Color:
    """Fill by ``kind``, the legend's swatches squares of those fills."""
    return alt.Color("kind:N", scale=alt.Scale(domain=domain, range=fills), title=None,
                     legend=alt.Legend(symbolType="square", symbolStrokeColor=OUTLINE, symbolStrokeWidth=0.8,
                                       symbolOpacity=1, **legend))


def picture(*layers: alt.Chart, height: int) -> alt.LayerChart:
    """``layers`` on the identity projection (y up), fitted to the chart."""
    return alt.layer(*layers).project(type="identity", reflectY=True).properties(height=height)


TITLE_BAND = 0.24  # the share of a titled picture's height kept above its drawing for the title's lines


def titled_extent(lines: Sequence[str], x0: float, x1: float, y0: float, y1: float) -> list[alt.Chart]:
    """The picture's extent, [x0, x1] × [y0, y1] and a band above it (unseen corners the projection fits),
    and ``lines`` written centred at the band's top as the picture's title: from data, where a title in the
    spec would change it with D, and inside the fitted drawing, which a mark above the plot would overlap."""
    top = y1 + (y1 - y0) * TITLE_BAND / (1 - TITLE_BAND)
    corners = pd.DataFrame({"x": [x0, x1], "y": [y0, top]})
    title = pd.DataFrame({"x": [(x0 + x1) / 2], "y": [top], "title": ["\n".join(lines)]})
    return [alt.Chart(corners).mark_point(opacity=0, aria=False).encode(longitude="x:Q", latitude="y:Q"),
            alt.Chart(title).mark_text(baseline="top", lineBreak="\n", style=kit.TITLE_TEXT, aria=False).encode(
                longitude="x:Q", latitude="y:Q", text="title:N")]


# ---------------------------------------------------------------------------------------------- spiky cubes
STACK_KINDS = ["unit cube", "ball of diameter 1", "centre ball"]
STACK_FILLS = ["#ffffff", "#fdd0a2", "#3182bd"]  # the article's orange balls and blue centre ball
STACK_MARGIN = 0.35  # room around the box in the 2-D picture, so a centre ball poking out shows
STACK_ZOOM_OUT = 3.5  # the picture widens with the centre ball up to this many times the box
CENTRE_POINTS = 144


def stack_half_width(per_side: int, dim: int = 2) -> float:
    """Half the width of the 2-D picture of a stack of ``per_side`` unit squares a side: the box with a
    margin, widened to show the centre ball whole, up to ``STACK_ZOOM_OUT`` times the box."""
    half = per_side / 2
    return min(max(half + STACK_MARGIN, 1.06 * (math.sqrt(dim) - 1) / 2), STACK_ZOOM_OUT * half)


def centre_ball_clipped(dim: int, per_side: int) -> bool:
    """Whether the 2-D picture cuts the centre ball of diameter √D − 1 at its edge."""
    return (math.sqrt(dim) - 1) / 2 > stack_half_width(per_side, dim)


def _clamp_ring(ring: Ring, half: float) -> list[list[float]]:
    """A ring centred at the origin cut to the square [-half, half]²: clamping each vertex gives the
    intersection's outline for a convex ring symmetric about the centre (a circle here)."""
    return [[min(max(x, -half), half), min(max(y, -half), half)] for x, y in ring]


def _square(x0: float, y0: float, side: float = 1.0) -> list[list[float]]:
    return [[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]


def _square_stack(per_side: int, dim: int) -> pd.DataFrame:
    """The 2-D picture: ``per_side`` × ``per_side`` unit squares, a ball of diameter 1 in each, and the
    centre ball of diameter √D − 1 (a "pseudo" picture past D = 2: the squares keep their 2-D shape),
    cut at the picture's edge; none in 1-D, where the two unit balls meet at the centre."""
    half = per_side / 2
    corners = [(float(x0), float(y0)) for x0 in np.arange(-half, half) for y0 in np.arange(-half, half)]
    points = max(16, round(96 / per_side))  # a ball ~150 px across gets 48 points, one ~20 px across 16
    squares = [("unit cube", "unit square", _square(x0, y0)) for x0, y0 in corners]
    balls = [("ball of diameter 1", "ball of diameter 1", circle(x0 + 0.5, y0 + 0.5, 0.5, points))
             for x0, y0 in corners]
    radius = max((math.sqrt(dim) - 1) / 2, 0.0)
    ring = _clamp_ring(circle(0.0, 0.0, radius, CENTRE_POINTS), stack_half_width(per_side, dim))
    centre = ("centre ball", f"centre ball, diameter √{dim} − 1 = {2 * radius:.3g}", ring)
    return pd.concat([outline_rows(squares + balls), outline_rows([centre], drawn=radius > 0, first=len(corners) * 2)],
                     ignore_index=True)


def _oblique_stack() -> pd.DataFrame:
    """The article's 8 cubes in 3-D, exact (centre ball √3 − 1), in an oblique projection (x + 0.35 z,
    y + 0.35 z): spheres project to circles. Back face, front face and edges first, for a readable wireframe."""
    def project(p):
        return [p[0] + 0.35 * p[2], p[1] + 0.35 * p[2]]

    corners = ((-1, -1), (1, -1), (1, 1), (-1, 1))
    faces = [("unit cube", "box face", [project((x, y, z)) for x, y in (*corners, corners[0])]) for z in (1, -1)]
    edges = [("unit cube", "box edge", [project((x, y, -1)), project((x, y, 1))]) for x, y in corners]
    centres = sorted(((x, y, z) for x in (-0.5, 0.5) for y in (-0.5, 0.5) for z in (-0.5, 0.5)), key=lambda c: -c[2])
    balls = [("ball of diameter 1", "ball of diameter 1", circle(*project(c), 0.5)) for c in centres]
    r_centre = (math.sqrt(3) - 1) / 2
    centre = ("centre ball", f"centre ball, diameter √3 − 1 = {2 * r_centre:.3f}", circle(0.0, 0.0, r_centre))
    return outline_rows([*faces, *edges, *balls, centre])


def spiky_cube_shapes(view: str, dim: int = 2, per_side: int = 2) -> pd.DataFrame:
    """The rows of the stacked unit cubes, their balls and the centre ball (see :func:`outline_rows`).

    "2-D": ``per_side`` × ``per_side`` squares with the centre ball of the slider's D (see
    ``_square_stack``); "3-D": the article's 8 cubes, exact (see ``_oblique_stack``)."""
    return _square_stack(per_side, dim) if view == "2-D" else _oblique_stack()


def spiky_cube_title(view: str, dim: int, per_side: int) -> list[str]:
    """The picture's title lines: the centre ball's diameter against the box, with this view's numbers."""
    if view == "3-D":
        return ["the article's 8 cubes, exact 3-D:", f"centre ball √3 − 1 = {math.sqrt(3) - 1:.3f}", "box side 2"]
    limit = (per_side + 1) ** 2  # √D − 1 ≤ k ⟺ D ≤ (k + 1)², in whole numbers
    verdict = "sticks out" if dim > limit else "touches the box" if dim == limit else "inside"
    return [f"D = {dim:,}: diagonal √D = {math.sqrt(dim):.3g}", f"centre ball √D − 1 = {math.sqrt(dim) - 1:.3g}",
            f"box side k = {per_side}: {verdict}"]


def _stack_guides(dim: int, per_side: int) -> list[alt.Chart]:
    """The 2-D picture's guides: the box, the unit square's diagonal √D (dashed) and its label."""
    half = per_side / 2
    box = outline_rows([("box", f"the box, side k = {per_side}", _square(-half, -half, per_side))])
    diagonal = outline_rows([("diagonal", f"diagonal of a unit cube: √D = {math.sqrt(dim):.3g}", [[0, 0], [1, 1]])])
    return [outlines(box, filled=False, tip="line", stroke=INK, strokeWidth=2.5, aria=False),
            outlines(diagonal, filled=False, tip="line", stroke=INK, strokeWidth=2, strokeDash=[5, 3]),
            alt.Chart(pd.DataFrame({"x": [1.0], "y": [1.0], "label": ["√D"]})).mark_text(
                align="left", baseline="bottom", dx=3, dy=-2, fontWeight="bold").encode(
                longitude="x:Q", latitude="y:Q", text="label:N")]


@cached_chart
def spiky_cube_chart(view: str, dim: int = 2, per_side: int = 2) -> alt.LayerChart:
    """The article's figure: unit boxes with inscribed balls (orange) and the ball at the centre (blue).

    "2-D" follows the slider's D and the stack's ``per_side``: the squares and orange balls are drawn
    as in 2-D, the centre ball at its D-dimensional diameter √D − 1 (the article's "pseudo simulation"),
    the unit square's diagonal marked √D, the box outlined; the picture widens to show the ball (see
    ``stack_half_width``) and cuts it beyond. The spec depends on the view and ``per_side``, not on D.
    """
    rows = spiky_cube_shapes(view, dim, per_side)
    shapes = outlines(rows, fillOpacity=0.7).encode(
        color=kind_colors(STACK_KINDS, STACK_FILLS, orient="bottom", symbolSize=220, columns=2))
    if view == "2-D":
        edge = stack_half_width(per_side, dim)
        extent, title = titled_extent(spiky_cube_title(view, dim, per_side), -edge, edge, -edge, edge)
        return picture(extent, shapes, *_stack_guides(dim, per_side), title, height=360)
    bounds = rows["x"].min(), rows["x"].max(), rows["y"].min(), rows["y"].max()
    extent, title = titled_extent(spiky_cube_title(view, dim, per_side), *bounds)
    return picture(extent, shapes, title, height=360)


# ---------------------------------------------------------------------------------------------- peeled discs
SHELL_KINDS = ["outer shell", "inside"]
SHELL_FILLS = ["#8c564b", "#f6e8c3"]  # the article's brown peel round a light inside
MIN_DRAWN_SHELL = 0.04  # a thinner ring is drawn this wide, so it shows (the caption says so)
SHELL_GAP = 2.7  # centre-to-centre distance of the three discs
DISC_POINTS = 145


def shell_disc_radii(eps: float, dim: int) -> list[tuple[str, int, float]]:
    """(name, D, drawn inner radius) of the three discs: the 2-D disc and the 3-D ball, whose peel is ε
    thick (at least ``MIN_DRAWN_SHELL``), and a stand-in for the D-ball, a disc whose ring holds the
    share of its area that the shell holds of the D-ball's volume: inner radius (1 − ε)^{D/2}."""
    drawn = _peeled(eps)
    stand_in = min((1.0 - eps) ** (dim / 2), drawn)
    return [("2-D disc", 2, drawn), ("3-D ball", 3, drawn), (f"D = {dim:,}", dim, stand_in)]


def _peeled(eps: float) -> float:
    """The drawn inner radius of the disc and the ball: 1 − ε, the peel at least ``MIN_DRAWN_SHELL`` wide."""
    return 1.0 - max(eps, MIN_DRAWN_SHELL)


def _equators(cx: float, inner: float) -> list[list[list[float]]]:
    """The front halves of the equators of a sphere of radius 1 and of its inside (radius ``inner``), centred
    at ``cx``, seen from above: they make a disc a ball."""
    t = np.linspace(0.0, np.pi, 61)
    return [[[float(cx + r * math.cos(a)), float(-0.3 * r * math.sin(a))] for a in t] for r in (1.0, inner)]


def _disc_rows(eps: float, labels: list[str], stand_ins: Sequence[tuple[int, int, str]]) -> tuple[pd.DataFrame, ...]:
    """(discs, equators, labels) rows: the three outer discs, the insides of the first two, the 3-D ball's
    equators, and for each (frame, D, label) of ``stand_ins`` the stand-in's inside, its label and its
    equators (drawn at D = 3 only, where the stand-in is a ball)."""
    x = [k * SHELL_GAP for k in range(3)]
    drawn = _peeled(eps)
    discs = [outline_rows([(SHELL_KINDS[0], label, circle(cx, 0.0, 1.0, DISC_POINTS))
                           for cx, label in zip(x, labels, strict=True)]),
             outline_rows([(SHELL_KINDS[1], label, circle(cx, 0.0, drawn, DISC_POINTS))
                           for cx, label in zip(x[:2], labels[:2], strict=True)], first=3)]
    rims = [outline_rows([("rim", "equators", line) for line in _equators(x[1], drawn)])]
    names = [pd.DataFrame({"x": x[:2], "y": -1.12, "label": labels[:2], "frame": 0})]
    for n, (frame, dim, label) in enumerate(stand_ins):
        inner = shell_disc_radii(eps, dim)[2][2]
        discs.append(outline_rows([(SHELL_KINDS[1], label, circle(x[2], 0.0, inner, DISC_POINTS))], frame,
                                  first=5 + n))
        rims.append(outline_rows([("rim", "equators", line) for line in _equators(x[2], inner)], frame, dim == 3,
                                 first=2 + 2 * n))
        names.append(pd.DataFrame({"x": [x[2]], "y": -1.12, "label": [label], "frame": frame}))
    return tuple(pd.concat(parts, ignore_index=True) for parts in (discs, rims, names))


@cached_chart
def shell_discs_chart(eps: float, dim: int, labels: list[str], played: Played | None = None,
                      stand_ins: tuple[str, ...] = ()) -> alt.LayerChart:
    """The article's ring and shell drawn: a disc with its outer ring shaded, a ball (with its equators,
    seen from above) with its outer shell, and the slider's D as an area-true stand-in (see
    ``shell_disc_radii``); ``labels`` go under the three, one each. ``played``: the stand-in at the frame ▶
    has reached, its inside and its label (``stand_ins``, one a frame) drawn for every frame. The spec
    depends on ``played`` alone: ε, D and the labels travel in the rows."""
    frames = zip(played.frames, played.frames, stand_ins, strict=True) if played else [(0, dim, labels[2])]
    discs, rims, names = _disc_rows(eps, labels, list(frames))
    shapes = on_frame(outlines(discs, tip="disc").encode(
        color=kind_colors(SHELL_KINDS, SHELL_FILLS, orient="top", symbolSize=220)), played)
    equators = on_frame(outlines(rims, filled=False, strokeDash=[4, 3], aria=False), played)
    texts = on_frame(alt.Chart(names).mark_text(baseline="top", lineBreak="\n").encode(
        longitude="x:Q", latitude="y:Q", text="label:N"), played)
    return declare(picture(shapes, equators, texts, height=300), played)
