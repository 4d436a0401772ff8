"""Bounded caches around the geometry engine; each returns the small DataFrame a chart draws.

Sample counts are budgeted here (``engine.geometry.work_budget``) so that the worst slider setting
still answers in about a second; every function reports the count it really used.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd
import streamlit as st

from engine import geometry as g

CACHE = {"max_entries": 64, "show_spinner": False}
ARTICLE_DIMS = (2, 3, 50, 100)
SHELL_DIMS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
CONTRAST_DIMS = (2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
SPREAD_DIMS = (2, 3, 5, 10, 30, 100, 300, 1000, 3000, 10000)
NOISE_FEATURES = (0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
RATIO_SAMPLES = 200_000  # hit-or-miss points per dimension of the inscribed-ball chart
MIN_HITS = 10  # fewer hits than this make a hit-or-miss estimate too rough to draw (±30% or worse)
NORMAL_COST = 4  # a normal draw costs about four uniforms (log, sqrt, cos)


SHELL_BUDGET = 1_000_000  # normal coordinates per dimension of the shell curve (13 dimensions)


def budgeted(dim: int, wanted: int, per_item: int = 1, budget: int = g.MAX_WORK // 2) -> int:
    """Samples that fit the per-call budget at ``dim``."""
    return g.work_budget(dim, wanted, per_item, budget)


def _hist_frame(values: np.ndarray, bins: int, lo: float, hi: float, **columns) -> pd.DataFrame:
    edges, density = g.density_histogram(values, bins, lo, hi)
    return pd.DataFrame({"left": edges[:-1], "right": edges[1:], "density": density, **columns})


# ---------------------------------------------------------------------------------------------- grids
@st.cache_data(**CACHE)
def grid_crossing(bins: int, n_samples: int) -> int:
    """The first D at which the grid has more cells than samples: b^D > N."""
    dim = 1
    while bins ** dim <= n_samples:
        dim += 1
    return dim


@st.cache_data(**CACHE)
def grid_table(bins: int, n_samples: int, seed: int) -> pd.DataFrame:
    """Per D: cells b^D (log10), occupied cells (MC), occupied fraction MC / expected / bound.

    D runs to 12, or further when b^D passes N later (b = 2, N = 10,000: D = 14), so the chart
    always shows the crossing and a few dimensions beyond it."""
    rows = []
    for dim in range(1, max(12, grid_crossing(bins, n_samples) + 2) + 1):
        occupied, fraction = g.grid_occupancy(dim, bins, n_samples, seed)
        rows.append({"D": dim, "log10 cells": dim * math.log10(bins), "cells": float(bins) ** dim,
                     "occupied cells": occupied, "simulated": fraction,
                     "expected": g.grid_expected_fraction(dim, bins, n_samples),
                     "bound N/b^D": g.grid_bound(dim, bins, n_samples)})
    return pd.DataFrame(rows)


@st.cache_data(**CACHE)
def knn_table(n_train: int, seed: int) -> pd.DataFrame:
    """k-NN (k = 5) test accuracy on the disc problem as noise features are added."""
    noise = np.array(NOISE_FEATURES)
    accuracy = g.knn_accuracy_curve(noise, n_train, 400, seed, k=5)
    return pd.DataFrame({"noise features": noise, "features": noise + 2, "accuracy": accuracy})


# ---------------------------------------------------------------------------------------------- cubes
@st.cache_data(**CACHE)
def inscribed_ratio_table(seed: int, max_dim: int = 30, n_samples: int = RATIO_SAMPLES) -> pd.DataFrame:
    """ρ_D exact for D = 1..max_dim, with hit-or-miss estimates where at least one point hits."""
    rows = []
    for dim in range(1, max_dim + 1):
        exact = g.inscribed_ball_ratio(dim)
        estimate, se = (g.inscribed_ball_ratio_mc(dim, n_samples, seed) if dim <= 20 else (0.0, 0.0))
        hits = round(estimate * n_samples)
        rows.append({"D": dim, "exact": exact, "simulated": estimate if hits >= MIN_HITS else np.nan,
                     "standard error": se, "hits": hits})
    return pd.DataFrame(rows)


RATIO_MAX_DIM = 300  # ρ_300 ≈ 3 × 10⁻²⁷⁹; from D ≈ 340 it is below the smallest double
# The chart's last D: the first of these at or past the slider's D. Between two of them a move of D changes the
# chart's marker alone (its data), not its axes: the browser updates the chart in place, not anew.
RATIO_TOPS = (50, 100, 200, RATIO_MAX_DIM)


def ratio_top(table_top: int, dim: int) -> int:
    """The inscribed-ball chart's last D: the table's own (``table_top``) while the slider's D is within it, else
    the first of ``RATIO_TOPS`` at or past D (at most ``RATIO_MAX_DIM``)."""
    if dim <= table_top:
        return table_top
    return next((top for top in RATIO_TOPS if top >= dim), RATIO_MAX_DIM)


def ratio_up_to(table: pd.DataFrame, dim: int) -> pd.DataFrame:
    """``table`` with exact-only rows added up to the chart's last D (``ratio_top``: the slider's D rounded up to
    a stop, at most ``RATIO_MAX_DIM``), so the chart can mark it; the hit-or-miss points stop long before."""
    top = ratio_top(int(table["D"].max()), dim)
    extra = [{"D": d, "exact": g.inscribed_ball_ratio(d), "simulated": np.nan, "standard error": 0.0, "hits": 0}
             for d in range(int(table["D"].max()) + 1, top + 1)]
    return pd.concat([table, pd.DataFrame(extra)], ignore_index=True) if extra else table


@st.cache_data(**CACHE)
def cube_norm_hist(dim: int, seed: int, wanted: int = 20_000) -> tuple[pd.DataFrame, int]:
    """Histogram of ‖x‖ for uniform points of [-1,1]^D, on [0, √D]; and the sample count."""
    n = budgeted(dim, wanted)
    norms = g.cube_norms(dim, n, seed)
    return _hist_frame(norms, 80, 0.0, math.sqrt(dim)), n


@st.cache_data(**CACHE)
def cube_face_gap_hist(dim: int, seed: int, near: float,
                       wanted: int = 20_000) -> tuple[pd.DataFrame, pd.DataFrame, int, float]:
    """Histogram of the distance to the nearest face, 1 − max|x_k|, of the points of ``cube_norm_hist``
    (zoomed to [0, max(2·near, 8/D)] up to 1), its exact density D (1 − t)^{D−1}, the sample count and
    the share within ``near`` of a face."""
    n = budgeted(dim, wanted)
    gaps = g.cube_face_gaps(dim, n, seed)
    hi = min(1.0, max(2 * near, 8.0 / dim))
    t = np.linspace(0.0, hi, 241)
    curve = pd.DataFrame({"x": t, "density": g.ball_radius_density(1.0 - t, dim)})
    return _hist_frame(gaps, 60, 0.0, hi), curve, n, float(np.mean(gaps <= near))


# ---------------------------------------------------------------------------------------------- angles
def _angles(dim: int, n_pairs: int, seed: int, sampling: str) -> np.ndarray:
    if sampling == "sphere":
        return g.sphere_angles(dim, n_pairs, seed)
    return g.cube_angles(dim, n_pairs, seed)


SHARED_BINS = 90  # 2° bars on the shared 0–180° axis: a bar a pixel wide in a ~105 px panel
PANEL_POINTS, PEAK_POINTS = 61, 41  # a density's grid: over the panel, and over the peak (± 6 spreads, 3 points
# a standard deviation at D = 10,000); each row costs the browser at every frame of ▶


@st.cache_data(**CACHE)
def angle_hist(dim: int, wanted_pairs: int, seed: int, sampling: str,
               zoom: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Angle histogram (degrees) at ``dim`` with the exact sphere density, and summary numbers: over
    0–180° in 2° bars (the panels share one axis), or with ``zoom`` over 90° ± 6 spreads past D = 10
    in 60 bars. The density is drawn on a grid fine enough for the narrowest peak (D = 10,000: ± 0.57°)."""
    n = budgeted(dim, wanted_pairs, NORMAL_COST if sampling == "sphere" else 2)
    theta = np.degrees(_angles(dim, n, seed, sampling))
    spread = g.angle_spread_deg(dim)
    zoomed = zoom and dim > 10
    lo, hi = (max(0.0, 90 - 6 * spread), min(180.0, 90 + 6 * spread)) if zoomed else (0.0, 180.0)
    label = f"D = {dim:,}"
    bars = _hist_frame(theta, 60 if zoomed else SHARED_BINS, lo, hi, D=label)
    peak = np.linspace(max(lo, 90 - 6 * spread), min(hi, 90 + 6 * spread), PEAK_POINTS)
    grid = np.union1d(np.linspace(lo, hi, PANEL_POINTS), peak)
    # In 1-D two vectors are parallel or opposite (0° or 180°): no density to draw.
    density = g.sphere_angle_density(np.radians(grid), dim) * math.pi / 180 if dim > 1 else np.nan
    curve = pd.DataFrame({"x": grid, "density": density, "D": label}).dropna()
    summary = {"n": n, "mean": float(theta.mean()), "std": float(theta.std()), "spread": spread,
               "exact sd": math.degrees(g.sphere_angle_sd(dim)) if dim > 1 else math.nan,
               "mean cos2": float(np.mean(np.cos(np.radians(theta)) ** 2))}
    return bars, curve, summary


def pinned_angles(pin: int, dim: int, wanted_pairs: int, seed: int, sampling: str,
                  zoom: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pinned D's angle histogram and exact density, labelled as the slider's panel, where they are
    drawn behind the slider's own."""
    bars, curve, _ = angle_hist(pin, wanted_pairs, seed, sampling, zoom)
    label = f"D = {dim:,}"
    return bars.assign(D=label), curve.assign(D=label)


def panel_dims(dim: int) -> tuple[int, ...]:
    """The D of the angle panels: the article's, then the slider's unless it is one of them."""
    return tuple(dict.fromkeys((*ARTICLE_DIMS, dim)))


@st.cache_data(**CACHE)
def angle_panels(dim: int, wanted_pairs: int, seed: int, sampling: str,
                 zoom: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Histograms and exact densities for the article's D and the slider's ``dim``, stacked for a
    faceted chart (the slider's panel last unless it is one of the article's); ``dim``'s summary. Cached
    whole: a read of the cache copies what it holds, and one read of the stack costs a tenth of five of
    its panels and their ``concat``."""
    dims = panel_dims(dim)
    panels = {d: angle_hist(d, wanted_pairs, seed, sampling, zoom) for d in dims}
    bars = pd.concat([p[0] for p in panels.values()], ignore_index=True)
    curves = pd.concat([p[1] for p in panels.values()], ignore_index=True)
    return bars, curves, panels[dim][2]


@st.cache_data(**CACHE)
def angle_frames(frames: tuple[int, ...], wanted_pairs: int, seed: int, sampling: str, zoom: bool = False,
                 pin: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame, tuple | None]:
    """The angle panels of every frame of ▶ at once, for charts that filter on the frame in the browser:
    the article's D with ``frame`` 0 (always drawn), the slider's panel at each frame f that is not one of
    them with ``frame`` f, and the pinned D's histogram and density labelled as the panel of each frame
    (``frame`` f): (bars, curves, (pinned bars, pinned curves) or None)."""
    def tagged(parts: list[tuple[pd.DataFrame, pd.DataFrame]], frame_of: list[int]) -> list[pd.DataFrame]:
        return [[part[i].assign(frame=f) for part, f in zip(parts, frame_of, strict=True)] for i in (0, 1)]

    moving = [f for f in frames if f not in ARTICLE_DIMS]
    dims = [*ARTICLE_DIMS, *moving]
    panels = [angle_hist(d, wanted_pairs, seed, sampling, zoom)[:2] for d in dims]
    bars, curves = tagged(panels, [0] * len(ARTICLE_DIMS) + moving)
    pinned = None
    if pin is not None:
        parts = [pinned_angles(pin, f, wanted_pairs, seed, sampling, zoom) for f in frames]
        pinned = tuple(pd.concat(frame, ignore_index=True) for frame in tagged(parts, list(frames)))
    return pd.concat(bars, ignore_index=True), pd.concat(curves, ignore_index=True), pinned


@st.cache_data(**CACHE)
def angle_spread_table(wanted_pairs: int, seed: int, sampling: str) -> pd.DataFrame:
    """Measured standard deviation of the angle (degrees) over D, with the exact spread for the sphere
    (``exact``) and the large-D rule (180/π)/√D (``large D``)."""
    rows = []
    for dim in SPREAD_DIMS:
        n = budgeted(dim, wanted_pairs, NORMAL_COST if sampling == "sphere" else 2) // 2
        theta = np.degrees(_angles(dim, max(100, n), seed, sampling))
        rows.append({"D": dim, "simulated": float(theta.std()), "exact": math.degrees(g.sphere_angle_sd(dim)),
                     "large D": g.angle_spread_deg(dim)})
    return pd.DataFrame(rows)


GLOBE_DIM = 3  # the cap-and-belt picture is drawn on the ordinary sphere


def cap_belt_shares(dim: int, half_width: float) -> tuple[float, float]:
    """The shares of directions within ``half_width`` degrees of a fixed one (the cap) and of 90°
    (the belt), for directions uniform on S^{D−1}."""
    return (g.sphere_angle_share(dim, 0.0, half_width),
            g.sphere_angle_share(dim, 90.0 - half_width, 90.0 + half_width))


DENSITY_POINTS = 361  # ½° steps over 0–180°, on a chart ~600 px wide


@st.cache_data(**CACHE)
def angle_density_curves(dim: int, half_width: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The angle's density per degree over 0°–180° at ``dim`` and at D = 3 (one curve when they are the
    same; D = 3 alone when ``dim`` is 1, which has no density), and the stretches of the first curve
    under the cap (0 to w) and the belt (90° ± w), labelled ``cap`` and ``belt``."""
    dims = tuple(dict.fromkeys(d for d in (dim, GLOBE_DIM) if d >= 2))
    frames = []
    for d in dims:
        theta = np.linspace(0.0, 180.0, DENSITY_POINTS)
        if d > 2:  # resolve the peak (width ~ (180/π)/√D degrees) and the zones' edges
            spread = g.angle_spread_deg(d)
            theta = np.concatenate([theta, np.linspace(90 - 6 * spread, 90 + 6 * spread, PEAK_POINTS * 2 - 1)])
        theta = np.unique(np.concatenate([theta, [half_width, 90 - half_width, 90 + half_width]]))
        density = g.sphere_angle_density(np.radians(theta), d) * math.pi / 180
        frames.append(pd.DataFrame({"theta": theta, "density": density, "D": d}))
    curves = pd.concat(frames, ignore_index=True)
    first = curves[curves["D"] == dims[0]]
    cap = first[first["theta"] <= half_width].assign(zone="cap")
    belt = first[(first["theta"] - 90).abs() <= half_width].assign(zone="belt")
    return curves, pd.concat([cap, belt], ignore_index=True)


# ---------------------------------------------------------------------------------------------- shells
@st.cache_data(**CACHE)
def ball_norms(dim: int, seed: int, wanted: int = 5_000) -> np.ndarray:
    """‖x‖ of budgeted uniform points of the unit D-ball (the shell share for any ε is a comparison)."""
    return g.ball_norms(dim, budgeted(dim, wanted, budget=SHELL_BUDGET), seed)


def shell_table(eps: float, seed: int) -> pd.DataFrame:
    """1 − (1 − ε)^D exact on a fine grid of D and Monte Carlo shares at ``SHELL_DIMS``."""
    rows = []
    for dim in SHELL_DIMS:
        norms = ball_norms(dim, seed)
        share = float(np.mean(norms > 1.0 - eps))
        rows.append({"D": dim, "simulated": share, "exact": g.shell_fraction(dim, eps),
                     "points": len(norms), "standard error": math.sqrt(share * (1 - share) / len(norms))})
    return pd.DataFrame(rows)


def shell_curve(eps: float, max_dim: int = 10_000) -> pd.DataFrame:
    dims = np.unique(np.round(np.geomspace(1, max_dim, 200)).astype(int))
    return pd.DataFrame({"D": dims, "exact": [g.shell_fraction(int(d), eps) for d in dims]})


def shell_share(dim: int, eps: float, seed: int) -> float:
    """The share of the radius histogram's points that lie in the shell: ‖x‖ ≥ 1 − ε."""
    return float(np.mean(ball_norms(dim, seed) >= 1.0 - eps))


def radius_hist(dim: int, eps: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Histogram of ‖x‖ in the ball at ``dim`` (zoomed near the surface) with D r^{D−1}."""
    norms = ball_norms(dim, seed)
    lo = max(0.0, min(1.0 - 3 * eps, 1.0 - 8.0 / dim))
    bars = _hist_frame(norms, 60, lo, 1.0)
    r = np.linspace(lo, 1.0, 241)
    return bars, pd.DataFrame({"x": r, "density": g.ball_radius_density(r, dim)}), len(norms)


@st.cache_data(**CACHE)
def radius_frames(frames: tuple[int, ...], eps: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The radius histogram and density of every frame of ▶ at once (``frame`` f), for a chart that draws
    the frame the browser has reached: each exactly :func:`radius_hist` at that D."""
    parts = [radius_hist(f, eps, seed)[:2] for f in frames]
    return tuple(pd.concat([part[i].assign(frame=f) for part, f in zip(parts, frames, strict=True)],
                           ignore_index=True) for i in (0, 1))


# ---------------------------------------------------------------------------------------------- distances
def _contrast_row(dim: int, n_points: int, seed: int) -> dict:
    """The relative contrast and relative spread of the distances from a random query to budgeted points at D."""
    n = budgeted(dim, n_points)
    dist = g.distances_from_query(dim, n, seed)
    return {"D": dim, "relative contrast": float((dist.max() - dist.min()) / dist.min()),
            "simulated": float(dist.std() / dist.mean()), "exact": g.query_distance_spread(dim), "points": n}


@st.cache_data(**CACHE)
def contrast_table(n_points: int, seed: int, dim: int) -> pd.DataFrame:
    """Relative contrast and relative spread of query distances over D (plus the slider's D)."""
    return pd.DataFrame([_contrast_row(d, n_points, seed) for d in sorted(set(CONTRAST_DIMS) | {dim})])


@st.cache_data(**CACHE)
def contrast_frames(n_points: int, seed: int, frames: tuple[int, ...]) -> pd.DataFrame:
    """The contrast table of every frame of ▶ at once: the dimensions drawn at every frame (``frame`` 0),
    then each frame's own D (``frame`` f), each row exactly as :func:`contrast_table` gives it."""
    rows = [{**_contrast_row(d, n_points, seed), "frame": 0} for d in CONTRAST_DIMS]
    return pd.DataFrame(rows + [{**_contrast_row(f, n_points, seed), "frame": f} for f in frames])


@st.cache_data(**CACHE)
def distance_hists(n_points: int, seed: int, dims: tuple[int, ...]) -> pd.DataFrame:
    """Histograms of distance / mean distance for a few D (shared x range 0..2)."""
    frames = []
    for d in dims:
        dist = g.distances_from_query(d, budgeted(d, n_points), seed)
        frames.append(_hist_frame(dist / dist.mean(), 60, 0.0, 2.0, D=f"D = {d:,}"))
    return pd.concat(frames, ignore_index=True)


def pinned_distances(pin: int, dim: int, n_points: int, seed: int) -> pd.DataFrame:
    """The pinned D's histogram of distance / mean distance, labelled as the slider's panel."""
    return distance_hists(n_points, seed, (pin,)).assign(D=f"D = {dim:,}")


# ---------------------------------------------------------------------------------------------- grid classifier
CLASS_NAMES = ("A", "B", "C")
NEW_POINT = (0.33, 0.40)  # the article's black cross, in the first two features
GRID_TEST = 2_000
SHOWN_POINTS = 300


@st.cache_data(**CACHE)
def grid_classifier_table(bins: int, n_train: int, seed: int) -> pd.DataFrame:
    """The grid classifier over F = 1 … 12 features: cells, occupied cells, share of new points in
    empty cells, accuracy (no answer counts as wrong) and accuracy where it answers."""
    curve = g.grid_classifier_curve(bins, n_train, GRID_TEST, seed)
    table = pd.DataFrame(curve)
    table["cells"] = 10.0 ** table["log10 cells"]
    return table


@st.cache_data(**CACHE)
def grid_picture(bins: int, n_train: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The article's figure on the first two features: every cell with its majority class ("" when
    empty), up to ``SHOWN_POINTS`` training points, and the class the grid gives ``NEW_POINT``."""
    x, y = g.three_class_data(n_train, seed, stream=30)
    edges = np.arange(bins) / bins
    cx, cy = np.meshgrid(edges + 0.5 / bins, edges + 0.5 / bins, indexing="ij")
    centres = np.column_stack([cx.ravel(), cy.ravel()])
    label = g.grid_classify(x, y, centres, 2, bins)
    cells = pd.DataFrame({"x0": centres[:, 0] - 0.5 / bins, "x1": centres[:, 0] + 0.5 / bins,
                          "y0": centres[:, 1] - 0.5 / bins, "y1": centres[:, 1] + 0.5 / bins,
                          "cx": centres[:, 0], "cy": centres[:, 1],
                          "class": [CLASS_NAMES[k] if k >= 0 else "" for k in label]})
    shown = min(n_train, SHOWN_POINTS)
    points = pd.DataFrame({"feature 1": x[:shown, 0], "feature 2": x[:shown, 1],
                           "class": [CLASS_NAMES[k] for k in y[:shown]]})
    new = int(g.grid_classify(x, y, np.array([NEW_POINT]), 2, bins)[0])
    return cells, points, (CLASS_NAMES[new] if new >= 0 else "")


GRID_BINS = range(2, 21)  # the grids' slider: b = 2 … 20 bins per feature


class EveryBins(NamedTuple):
    """The grids section at every b of its slider (``GRID_BINS``), each frame with a column ``bins``: the
    browser draws the b the slider shows (``ui.in_browser``)."""

    cells: pd.DataFrame  # grid_picture's cells of every b
    points: pd.DataFrame  # the training points drawn (the same at every b)
    crosses: pd.DataFrame  # bins, class: the class the grid gives NEW_POINT ("" when its cell is empty)
    classifier: pd.DataFrame  # grid_classifier_table of every b
    grid: pd.DataFrame  # grid_table of every b


@st.cache_data(**CACHE)
def grids_by_bins(n_train: int, seed: int) -> EveryBins:
    """:func:`grid_picture`, :func:`grid_classifier_table` and :func:`grid_table` at every b, stacked (each b's
    rows are that function's, tested). 0.2 s at N = 1,000 once a process, 1 s at N = 10,000, measured here."""
    pictures = {b: grid_picture(b, n_train, seed) for b in GRID_BINS}
    return EveryBins(
        cells=pd.concat([cells.assign(bins=b) for b, (cells, _, _) in pictures.items()], ignore_index=True),
        points=pictures[GRID_BINS[0]][1],
        crosses=pd.DataFrame({"bins": list(GRID_BINS), "class": [new for _, _, new in pictures.values()]}),
        classifier=pd.concat([grid_classifier_table(b, n_train, seed).assign(bins=b) for b in GRID_BINS],
                             ignore_index=True),
        grid=pd.concat([grid_table(b, n_train, seed).assign(bins=b) for b in GRID_BINS], ignore_index=True))


def at_bins(frame: pd.DataFrame, bins: int) -> pd.DataFrame:
    """The rows of one b of a frame of :class:`EveryBins` (without the column ``bins``), as the function that
    made them returned them."""
    return frame.loc[frame["bins"].to_numpy() == bins].drop(columns="bins").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- the page at D
# The opening figure: five shares that each section measures, as closed forms over D, each tending to 1.
FACE_BINS, FACE_SAMPLES = 10, 1_000  # the grid: b bins per feature, N samples (section 1's defaults)
FACE_BAND = 10.0  # degrees either side of 90° (the belt), and percent either side of the mean distance
FACE_EPS = 0.01  # the shell's relative thickness (section 4's default)
FACES = ("grid cells left empty", "cube outside its inscribed ball", "pairs of directions within 90° ± 10°",
         "ball within 1% of its surface", "points within ±10% of the mean distance")


def face_shares(dim: int) -> tuple[float, ...]:
    """The five shares at D, in the order of ``FACES``:

    * empty grid cells: (1 − b^−D)^N = 1 − E[occupied share], b = 10, N = 1,000;
    * the cube's corners: 1 − ρ_D, ρ_D = π^{D/2} / (2^D Γ(D/2 + 1));
    * directions uniform on S^{D−1} at 90° ± 10° from each other (0 at D = 1, where they are 0° or 180°);
    * the ball's outer shell: 1 − (1 − ε)^D, ε = 0.01;
    * distances from a query within ±10% of their mean, X uniform in [−1, 1]^D, to first order: a normal
      σ/μ = 0.548/√D, so P(|Z| < 0.1 μ/σ) = erf(0.1 / (√2 · 0.548/√D)).
    """
    belt = g.sphere_angle_share(dim, 90.0 - FACE_BAND, 90.0 + FACE_BAND) if dim >= 2 else 0.0
    spread = g.query_distance_spread(dim)
    return (1.0 - g.grid_expected_fraction(dim, FACE_BINS, FACE_SAMPLES), max(0.0, 1.0 - g.inscribed_ball_ratio(dim)),
            belt,
            g.shell_fraction(dim, FACE_EPS), math.erf(FACE_BAND / 100 / (math.sqrt(2.0) * spread)))


@st.cache_data(**CACHE)
def face_curves(max_dim: int = 10_000) -> pd.DataFrame:
    """``face_shares`` on a log grid of D from 1 to ``max_dim``: columns D, face, share."""
    dims = np.unique(np.round(np.geomspace(1, max_dim, 120)).astype(int))
    rows = [(int(d), face, share) for d in dims for face, share in zip(FACES, face_shares(int(d)), strict=True)]
    return pd.DataFrame(rows, columns=["D", "face", "share"])


def face_points(dim: int) -> pd.DataFrame:
    """The five shares at the slider's D: columns D, face, share."""
    return pd.DataFrame({"D": dim, "face": FACES, "share": face_shares(dim)})
