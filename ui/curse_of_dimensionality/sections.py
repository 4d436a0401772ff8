"""The sections of the curse-of-dimensionality page: each draws itself from the page's state.

A section is a function of :class:`PageState` (the slider's D, the seed, presenter mode) that draws
its header, its own controls, its charts and its formula; none relies on another having run (the talk
deck renders one alone). ``SECTIONS`` lists them in the page's order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace

import streamlit as st

from ui import controls, in_browser, in_view, play, present, presses
from ui.curse_of_dimensionality import charts, pictures, text
from ui.curse_of_dimensionality import data as cg
from ui.frame import Frame
from ui.kit import swatches
from ui.kit.played import Played
from ui.registry import DIM_DEFAULT, DIM_STOPS

QUICK_DIMS = (2, 3, 10, 50, 100, 400, 1000, 10_000)
# ▶ sweeps D over ~34 slider stops evenly spaced in log D, the quick picks among them.
DIM_FRAMES = tuple(sorted({*play.log_frames(2, DIM_STOPS[-1], 32, DIM_STOPS), *QUICK_DIMS}))


@dataclass(frozen=True)
class PageState:
    """What every section of the page is drawn from."""

    dim: int
    seed: int
    present: bool
    pin: int | None = None  # a D kept in grey behind the slider's on the charts that D moves
    theory: bool = True  # the closed forms drawn over the simulations (off: the measurements alone)


def _set_dim(value: int) -> None:
    st.session_state["dim"] = value


def _quick_dims() -> None:
    """A row of buttons that jump the D slider to the article's dimensions (not in a talk scene, which
    opens on its own D)."""
    if present.in_scene():
        return
    st.caption("Jump to D =")
    with st.container(horizontal=True, gap="small"):  # a row that wraps, where columns would cut "10,000"
        for value in QUICK_DIMS:
            st.button(f"{value:,}", key=f"jump_{value}", on_click=presses.once(_set_dim), args=(value,),
                      width="stretch")


def _pin_from_link(raw: str) -> tuple[int | None, str | None]:
    """A pinned D from the link: snapped to a stop of the D slider, as ``?dim=`` is."""
    return controls.parse_nearest(raw, DIM_STOPS)


def page_controls(fr: Frame) -> PageState:
    """The quick picks, then the dimension slider with the pin and the theory switch, in a bar that stays
    in view while the page scrolls: every section's figure moves with D, so D stays beside it. D redraws the
    sections in view (``IN_VIEW``) and the pin, which names it."""
    _quick_dims()
    with present.sticky_bar("dim_bar"):  # one row: a short bar leaves the figures their room
        slider, tools = st.columns([3, 2], vertical_alignment="bottom")
        dim = controls.log_int_slider("Dimension D", "dim", DIM_STOPS[0], DIM_STOPS[-1], DIM_DEFAULT, where=slider,
                                      help=text.DIM_HELP, callbacks=in_view.callbacks("dim", DIM_DEFAULT))
        with tools:
            pin, theory = in_view.page_fragment(_tools, "dim_tools")(dim)
    return PageState(dim=dim, seed=fr.seed, present=fr.present, pin=pin, theory=theory)


def _tools(dim: int) -> tuple[int | None, bool]:
    """The pin of the slider's D and the theory switch, in one row that wraps, never cuts; at the slider's
    current D (a move of D reruns them alone, with the sections in view)."""
    dim = st.session_state.get("dim", dim)
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        pin = controls.pin_control("pin", dim, _pin_from_link, name="D", shown="{:,}".format, help=text.PIN_HELP)
        theory = controls.toggle("Theory", "theory", True, help=text.THEORY_HELP)
    return pin, theory


def hero(state: PageState) -> None:
    """The page in one figure, beside its introduction: the five shares the sections measure, closed forms
    over D, each running to 100%, with their values at the slider's D in the key below it (and the pinned
    D's rule)."""
    shares = cg.face_shares(state.dim)
    said = present.plain_chart(charts.faces_chart(cg.face_curves(), cg.face_points(state.dim), state.dim, state.pin),
                               description=text.faces_description(state.dim, shares), label=text.LABELS["faces"])
    head, words = text.faces_key(state.dim, shares)
    rows = [(*style, line) for style, line in zip(charts.FACE_STYLES, words, strict=True)]
    st.markdown(swatches.lines_key(head, rows), unsafe_allow_html=True)
    st.caption(**present.captioned(text.FACES_CAPTION, said))


# The charts a D sweep moves hold every frame while ▶ plays, and the browser steps through them (no rerun per
# frame); until ▶ they hold the slider's D only
_sweeps_dim = play.sweeps("dim", "D", frames=lambda state: DIM_FRAMES, value=lambda state: state.dim,
                          apply=lambda state, dim: replace(state, dim=dim), prepare=True)


BINS_KEY = "bins"  # the grids' b: answered in the browser (``ui.in_browser``)
BINS = (cg.GRID_BINS[0], cg.GRID_BINS[-1], 10)  # the grids' bins per feature b: lowest, highest, default
SAMPLES = ("100", "1000", "10000")  # the grids' choices of N
SAMPLES_DEFAULT = "1000"


def _parse_bins(raw: str) -> tuple[int | None, str | None]:
    """The grids' b as a link spells it (for the part below them, which reads it)."""
    return controls.parse_on_steps(raw, BINS[0], BINS[1], 1, integer=True)


def _parse_samples(raw: str) -> tuple[str | None, str | None]:
    """The grids' N as a link spells it (for the part below them, which reads it)."""
    return (raw, None) if raw in SAMPLES else (None, f"is not one of {', '.join(SAMPLES)}")


def grids(state: PageState) -> None:
    """1 · Grids outgrow their data: a grid classifier over F features, and b^D cells against N samples over D.
    Reads no D (the cells at the slider's D: :func:`no_neighbours`), so a move of D leaves it as drawn.

    b is answered in the browser (``ui.in_browser``): the four charts hold every b of the slider, and their
    captions (headed by their spoken descriptions) and the formula are drawn once a b; a move of b starts no
    run. N and F rerun the section."""
    present.section(*text.GRIDS)
    st.markdown(text.GRID_CLASSIFIER)
    left, middle, right = st.columns([3, 4, 3])  # the controls in one row, right above the figures they move
    bins = in_browser.slider("Bins per feature b", BINS_KEY, *BINS, where=left)
    n_grid = int(controls.choice("Samples N", "n", SAMPLES, SAMPLES_DEFAULT, where=middle))
    features = controls.int_slider("Features used F (of 12)", "features", 1, 12, 2, where=right,
                                   help="The grid classifier uses the first F features, b bins each.")
    every = cg.grids_by_bins(n_grid, state.seed)
    at = in_browser.At(BINS_KEY, bins, BINS[0], BINS[1])
    parts = _grid_frames(n_grid, features, state.seed, state.theory)

    def said(part: str):  # the part's frames, to draw in the caption's place
        return functools.partial(in_browser.frames, BINS_KEY, bins, parts[part])

    left, right = st.columns(2)
    with left:
        present.show_chart(charts.grid_picture_chart(every.cells, every.points, cg.NEW_POINT, every.crosses, at),
                           every.points, name="grid_classifier_picture", caption=said("picture"),
                           description="", label=text.LABELS["grid_classifier_picture"])
    with right:
        present.show_chart(charts.grid_accuracy_chart(every.classifier, features, at), every.classifier,
                           name="grid_classifier_accuracy", caption=said("accuracy"), description="",
                           label=text.LABELS["grid_classifier_accuracy"])
    said("formula")()
    left, right = st.columns(2)
    with left:
        present.show_chart(charts.cells_chart(every.grid, n_grid, at), every.grid, name="grid_cells",
                           caption=said("cells"), description="", label=text.LABELS["grid_cells"])
    with right:
        present.show_chart(charts.occupancy_chart(every.grid, state.theory, at), every.grid, name="grid_occupancy",
                           caption=said("occupancy"), description="", label=text.LABELS["grid_occupancy"])
    in_browser.driver(BINS_KEY, bins, present.VIEW_LINK_LABEL)


@functools.lru_cache(maxsize=16)
def _grid_frames(n_grid: int, features: int, seed: int, theory: bool) -> dict[str, dict[int, str]]:
    """The grids section's texts at every b as ``ui.in_browser`` frames, by part: each chart's caption headed by
    its spoken description, and the formula (N, F and the seed as the section reads them; ``theory``: what the
    occupancy chart draws)."""
    every = cg.grids_by_bins(n_grid, seed)
    parts: dict[str, dict[int, str]] = {"picture": {}, "accuracy": {}, "formula": {}, "cells": {}, "occupancy": {}}
    occupancy = text.measured("Points: the share of cells holding at least one of the N samples. Lines: its "
                              "expectation 1 − (1 − b^−D)^N and the bound N/b^D.", theory)
    for b, new_class in zip(every.crosses["bins"], every.crosses["class"], strict=True):
        cells, table, grid = (cg.at_bins(frame, b) for frame in (every.cells, every.classifier, every.grid))
        parts["picture"][b] = in_browser.caption(
            text.grid_picture_caption(cells, new_class, b),
            spoken=text.grid_picture_description(cells, every.points, new_class, b, n_grid))
        parts["accuracy"][b] = in_browser.caption(text.grid_accuracy_caption(table),
                                                  spoken=text.grid_accuracy_description(table, features, b))
        parts["formula"][b] = in_browser.line(text.grid_classifier_line(table, features, b, n_grid))
        parts["cells"][b] = in_browser.caption(text.cells_caption(b, n_grid, cg.grid_crossing(b, n_grid)),
                                               spoken=text.cells_description(grid, b, n_grid))
        parts["occupancy"][b] = in_browser.caption(occupancy, spoken=text.occupancy_description(grid, b, n_grid))
    return parts


def no_neighbours(state: PageState) -> None:
    """1 · Grids outgrow their data, at the slider's D: the cells b^D against N (the grids' b and N, which rerun
    it; the cells at every b, as the grids answer b in the browser), and k-NN as noise features are added. A
    part of the page of its own (``ui.in_view``), the grids' only reader of D."""
    dim = state.dim
    present.subsection(*text.NO_NEIGHBOURS)
    bins = int(controls.read(BINS_KEY, BINS[2], _parse_bins))
    n_grid = int(controls.read("n", SAMPLES_DEFAULT, _parse_samples))
    in_browser.frames(BINS_KEY, bins, {b: in_browser.line(text.grid_line(dim, b, n_grid)) for b in cg.GRID_BINS})
    knn = cg.knn_table(500, state.seed)
    present.show_chart(charts.knn_chart(knn, dim, state.pin), knn, name="knn_noise", caption=text.knn_caption(knn),
                       description=text.knn_description(knn, dim), label=text.LABELS["knn_noise"])


def spiky_cubes(state: PageState) -> None:
    """2 · Spiky cubes: the centre ball's √D − 1 against a stack of k cubes a side (why: :func:`cube_corners`)."""
    dim = state.dim
    present.section(*text.CUBES)
    left, right = st.columns(2)  # the controls in one row, right above the figures they move
    view = controls.choice("Picture", "cube_view", ["2-D", "3-D"], "2-D", where=left,
                           help="2-D: squares stacked k a side, the centre ball at the slider's D; "
                                "3-D: the article's 8 cubes, exact")
    per_side = controls.int_slider("Cubes per side k", "stack", 2, 20, 2, step=2, where=right,
                                   help="Unit cubes along each side of the stack (even: the centre is a "
                                        "corner shared by 2^D cubes); 2 is the article's first figure.")
    left, right = st.columns(2)
    with left:
        clipped = pictures.centre_ball_clipped(dim, per_side)
        present.show_chart(pictures.spiky_cube_chart(view, dim, per_side), None, name="spiky_cube",
                           caption=text.spiky_cube_caption(view, dim, per_side, clipped),
                           description=text.spiky_cube_description(view, dim, per_side),
                           label=text.LABELS["spiky_cube"])
    with right:
        top = charts.centre_ball_top(dim, per_side=per_side)
        present.show_chart(charts.centre_ball_chart(dim, per_side=per_side, pin=state.pin), None, name="centre_ball",
                           caption=text.centre_ball_caption(per_side),
                           description=text.centre_ball_description(dim, top, per_side),
                           label=text.LABELS["centre_ball"])
    present.formula(text.centre_ball(dim))
    st.markdown(text.STACKING)
    present.formula(text.stacking(dim, per_side))
    present.correction(text.CUBE_CORRECTION)


def cube_corners(state: PageState) -> None:
    """2 · Spiky cubes, why: the inscribed ball's share ρ_D of the cube, uniform points' distances from the
    centre and to the nearest face, the cube's faces in D dimensions. A part of the page of its own
    (``ui.in_view``): a move of D with the stacked cubes in view leaves it until it scrolls in."""
    dim = state.dim
    present.subsection(*text.CORNERS)
    ratio = cg.ratio_up_to(cg.inscribed_ratio_table(state.seed), dim)
    present.show_chart(charts.inscribed_ratio_chart(ratio, dim, state.pin, state.theory), ratio,
                       name="inscribed_ratio",
                       caption=text.measured(text.ratio_caption(ratio, dim, cg.MIN_HITS, cg.RATIO_SAMPLES,
                                                                cg.RATIO_MAX_DIM), state.theory),
                       description=text.ratio_description(ratio, cg.RATIO_SAMPLES),
                       label=text.LABELS["inscribed_ratio"])
    present.formula(text.inscribed_ratio(dim))
    norms, n_norms = cg.cube_norm_hist(dim, state.seed)
    gaps, gap_curve, n_gaps, near = cg.cube_face_gap_hist(dim, state.seed, text.NEAR_FACE)
    pinned_norms = pinned_gaps = None
    if state.pin is not None:
        names = text.pin_names(dim, state.pin)
        pinned_norms = (cg.cube_norm_hist(state.pin, state.seed)[0], None, names)
        pinned_gaps = (*cg.cube_face_gap_hist(state.pin, state.seed, text.NEAR_FACE)[:2], names)
    left, right = st.columns(2)
    with left:
        present.show_chart(charts.norm_hist_chart(norms, dim, state.theory, pinned_norms), norms,
                           name="cube_norms",
                           caption=text.norms_caption(norms, dim, n_norms) + text.pinned_note(state.pin),
                           description=text.norms_description(norms, dim, n_norms),
                           label=text.LABELS["cube_norms"])
    with right:
        present.show_chart(charts.face_gap_chart(gaps, gap_curve, text.NEAR_FACE, state.theory, pinned_gaps),
                           gaps, name="cube_face_gaps",
                           caption=text.measured(text.face_gap_caption(dim, n_gaps, near), state.theory)
                           + text.pinned_note(state.pin),
                           description=text.face_gap_description(gaps, dim, n_gaps, near),
                           label=text.LABELS["cube_face_gaps"])
    st.markdown(text.GENERALISED)
    present.formula(text.cube_faces(dim))


@_sweeps_dim
def angles(state: PageState) -> Iterator[None]:
    """3 · Pac-Man walking: angles between random vectors pile up at 90° within (180/π)/√D. ▶ plays D in the
    browser: the panels hold every frame while it plays (``_angle_chart``); the rest, after the ``yield``,
    stays as drawn at the D it started from until it stops."""
    dim = state.dim
    present.section(*text.ANGLES)
    play.bar()
    left, right = st.columns(2)
    sampling = controls.choice("Vectors drawn in the", "sampling", ["cube", "sphere"], "cube", where=left,
                               help="cube: elements uniform in [−1, 1] (the article); sphere: directions "
                                    "uniform on the unit sphere")
    pairs = int(controls.choice("Pairs", "pairs", ["1000", "10000", "50000"], "10000", where=right))
    zoom = controls.toggle("Zoom each panel", "zoom", False, where=right,
                           help="Off: every panel on one 0–180° axis, so the peak's narrowing shows. On: each "
                                "panel past D = 10 zooms in around 90°, to show its shape.")
    bars, curves, summary = cg.angle_panels(dim, pairs, state.seed, sampling, zoom)
    present.show_chart(_angle_chart(state, bars, curves, (pairs, sampling, zoom)), bars, name="angles",
                       caption=text.measured("Bars: measured angles. Black: the exact density f_D(θ) for "
                                             "directions on the sphere. Panels: the article's D = 2, 3, 50, 100 "
                                             "and the slider's D, "
                                             + ("each zoomed in around 90° past D = 10." if zoom else
                                                "on one 0–180° axis: the peak at 90° narrows like 1/√D."),
                                             state.theory) + text.pinned_note(state.pin),
                       description=text.angles_description(cg.panel_dims(dim), dim, summary, sampling),
                       label=text.LABELS["angles"])
    if summary["n"] < pairs:
        present.budget_note(f"at D = {dim:,} the histogram uses {summary['n']:,} pairs to stay within a second.")
    yield  # ▶ redraws the panels; the rest stays as drawn until it stops (``play.sweeps``)
    spread = cg.angle_spread_table(pairs, state.seed, sampling)
    present.show_chart(charts.spread_chart(spread, dim, state.pin, state.theory), spread, name="angle_spread",
                       caption=text.measured("The spread around 90° shrinks like 1/√D: measured (points), exact "
                                             "for the sphere (solid line) and the large-D rule (180/π)/√D "
                                             "(dashed), which is too small in few dimensions (40.5° against "
                                             "52.0° at D = 2).", state.theory),
                       description=text.spread_description(spread, dim), label=text.LABELS["angle_spread"])
    present.formula(text.angles(dim, summary))
    present.correction(text.angles_correction())


def caps_and_belts(state: PageState) -> None:
    """3 · Pac-Man walking, why: a cap round a fixed direction against a belt round the equator, on the
    globe and under the angle's density at D. A part of the page of its own (``ui.in_view``): a move of D with
    the angle panels in view leaves it until it scrolls in (``benchmarks/README.md``)."""
    present.subsection(*text.CAPS_AND_BELTS)
    _cap_and_belt(state.dim)


def _angle_chart(state: PageState, bars, curves, drawn: tuple[int, str, bool]):
    """The angle panels at the slider's D; while ▶ plays D in the browser (``play.prepared``), the panels of
    every frame, which the chart filters on the frame ▶ has reached. ``drawn``: (pairs, sampling, zoom)."""
    pairs, sampling, zoom = drawn
    played = _played("angles")
    if played is not None:
        bars, curves, pinned = cg.angle_frames(played.frames, pairs, state.seed, sampling, zoom, state.pin)
        if pinned is not None:  # the legend names the D shown, whichever frame it is
            pinned = (*pinned, ("D shown", f"D = {state.pin:,} pinned"))
        return charts.angle_hists_chart(bars, curves, wide=state.present, zoom=zoom, pinned=pinned,
                                        theory=state.theory, played=played)
    pinned = None
    if state.pin is not None:
        pinned = (*cg.pinned_angles(state.pin, state.dim, pairs, state.seed, sampling, zoom),
                  text.pin_names(state.dim, state.pin))
    return charts.angle_hists_chart(bars, curves, wide=state.present, zoom=zoom, pinned=pinned, theory=state.theory)


def _cap_and_belt(dim: int) -> None:
    """The 3-D cone-and-belt picture beside the angle's density at D, both for the width w."""
    width = controls.int_slider("Width w of the cap and the belt (degrees)", "belt", 1, 45, 10,
                                help="The cap holds the directions within w of the fixed vector a; the belt "
                                     "those within w of 90°.")
    cap3, belt3 = cg.cap_belt_shares(cg.GLOBE_DIM, width)
    zone_dim = dim if dim >= 2 else cg.GLOBE_DIM  # 1-D has no density: the globe's zones stand in
    cap, belt = cg.cap_belt_shares(zone_dim, width)
    curves, zones = cg.angle_density_curves(dim, width)
    left, right = st.columns(2)
    with left:
        labels3 = text.cap_belt_labels(width, cap3, belt3, "of the sphere")
        present.show_chart(charts.cap_belt_globe_chart(width, labels3["cap"], labels3["belt"]), None,
                           name="cap_and_belt", caption=text.globe_caption(width, cap3, belt3),
                           description=text.globe_description(width, cap3, belt3))
    with right:
        # the zones' shares need no "at D": they shade the curve whose legend names D (and fit half a 1024 px page)
        present.show_chart(charts.angle_density_chart(curves, zones, text.cap_belt_labels(width, cap, belt)),
                           curves, name="angle_density",
                           caption=text.density_caption(dim, width),
                           description=text.density_description(dim, width, cap, belt),
                           label=text.LABELS["angle_density"])
    present.formula(text.band_and_cap(dim, width))


@_sweeps_dim
def shells(state: PageState) -> Iterator[None]:
    """4 · Empty M&M's: a shell of relative thickness ε holds 1 − (1 − ε)^D of the ball. ▶ plays D in the
    browser: the discs and the two charts hold every frame while it plays (:func:`_played`)."""
    dim = state.dim
    present.section(*text.SHELLS)
    play.bar(charts=3)  # the discs, the share over D and the radii
    played = _played("shells")
    st.markdown(text.SPHERE_IDEA)
    with st.container(key="play_rest_shells_volume"):  # V_D(1) at the D ▶ started from, faded while it plays
        present.formula(text.ball_volume(dim))
    worked = st.container()  # filled below: the slider sits right above the figures it moves
    eps = controls.float_slider("Shell thickness ε", "eps", 0.001, 0.2, 0.01, step=0.001, fmt="%.3f")
    with worked:
        present.formula(text.worked_shells(eps))
    stand_ins = tuple(text.shell_disc_labels(eps, f)[2] for f in played.frames) if played else ()
    present.show_chart(pictures.shell_discs_chart(eps, dim, text.shell_disc_labels(eps, dim), played, stand_ins), None,
                       name="shell_discs", caption=text.shell_discs_caption(eps, dim, pictures.MIN_DRAWN_SHELL),
                       description=text.shell_discs_description(eps, dim), label=text.LABELS["shell_discs"])
    shell, curve = cg.shell_table(eps, state.seed), cg.shell_curve(eps)
    d90, d99 = text.shell_dims(eps)
    left, right = st.columns(2)
    with left:
        present.show_chart(charts.shell_chart(curve, shell, eps, d90, d99, dim, state.pin, state.theory, played),
                           shell, name="shell_share",
                           caption=text.measured("Points: share of uniform points of the ball within ε of its "
                                                 "surface. Line: 1 − (1 − ε)^D.", state.theory),
                           description=text.shell_description(eps, dim, int(curve["D"].max())),
                           label=text.LABELS["shell_share"])
        present.budget_note("each point uses up to 5,000 random points of the ball, fewer past D = 200 "
                            "(100 at D = 10,000; hover a point for its count).")
    bars, radius_curve, n_ball = cg.radius_hist(dim, eps, state.seed)
    share = cg.shell_share(dim, eps, state.seed)
    with right:
        present.show_chart(_radius_chart(state, eps, bars, radius_curve, played), bars, name="ball_radii",
                           caption=text.measured(text.radius_caption(dim, eps, n_ball, share), state.theory)
                           + text.pinned_note(state.pin),
                           description=text.radius_description(bars, dim, eps, n_ball, share),
                           label=text.LABELS["ball_radii"])
    yield  # ▶ redraws the pictures and the charts; the rest stays as drawn until it stops
    present.formula(text.shell(dim, eps))
    present.correction(text.shell_correction())


def _radius_chart(state: PageState, eps: float, bars, curve, played: Played | None):
    """The radii of uniform ball points at the slider's D, the pinned D's behind; while ▶ plays D in the
    browser, those of every frame (the pinned D's drawn at all of them)."""
    pinned = None
    if state.pin is not None:
        names = ("D shown", f"D = {state.pin:,} pinned") if played else text.pin_names(state.dim, state.pin)
        pinned_bars, pinned_curve, _ = cg.radius_hist(state.pin, eps, state.seed)
        pinned = ((pinned_bars.assign(frame=0), pinned_curve.assign(frame=0)) if played
                  else (pinned_bars, pinned_curve))
        pinned = (*pinned, names)
    if played:
        bars, curve = cg.radius_frames(played.frames, eps, state.seed)
    return charts.radius_chart(bars, curve, eps, pinned, state.theory, played)


def _played(name: str) -> Played | None:
    """The section's sweep as the charts draw it while ▶ plays it in the browser (``play.prepared``), else None."""
    ready = play.prepared()
    return None if ready is None else Played(play.param(name), tuple(ready[0]), ready[1])


@_sweeps_dim
def distances(state: PageState) -> Iterator[None]:
    """5 · Distances stop meaning anything: relative contrast and σ/μ of distances shrink with D. ▶ plays D
    in the browser: the two charts hold every frame while it plays (:func:`_played`)."""
    dim = state.dim
    present.section(*text.DISTANCES)
    play.bar(charts=2)  # the relative contrast and the relative spread
    played = _played("distances")
    n_points = int(controls.choice("Data points N", "points", ["100", "1000", "10000"], "1000"))
    contrast = cg.contrast_table(n_points, state.seed, dim)
    drawn = contrast if played is None else cg.contrast_frames(n_points, state.seed, played.frames)
    left, right = st.columns(2)
    with left:
        present.show_chart(charts.contrast_chart(drawn, dim, state.pin, played), contrast, name="relative_contrast",
                           caption=text.contrast_caption(contrast),
                           description=text.contrast_description(contrast, dim),
                           label=text.LABELS["relative_contrast"])
    with right:
        present.show_chart(charts.relative_spread_chart(drawn, dim, state.pin, state.theory, played), contrast,
                           name="distance_spread",
                           caption=text.measured("Spread of the distances from the query relative to their "
                                                 "mean, with (3/4)·√(24/45)/√D ≈ 0.548/√D (from E‖X−q‖² = 2D/3 "
                                                 "and an average Var(‖X−q‖² | q) = 24D/45).", state.theory),
                           description=text.spread_ratio_description(contrast, dim),
                           label=text.LABELS["distance_spread"])
    with st.container(key="play_rest_distances_formula"):  # at the D ▶ started from, faded while it plays
        present.formula(text.distances(dim, contrast))
    yield  # ▶ redraws the two charts (and, played by the server, the formula); the rest stays as drawn
    st.caption(text.LETTER_D)
    present.correction(text.BEYOND_ARTICLE)
    hist_dims = tuple(sorted({2, 10, 100, 1000, dim}))
    dist = cg.distance_hists(n_points, state.seed, hist_dims)
    pinned = None
    if state.pin is not None:
        pinned = (cg.pinned_distances(state.pin, dim, n_points, state.seed), None, text.pin_names(dim, state.pin))
    present.show_chart(charts.distance_hists_chart(dist, wide=state.present, pinned=pinned), dist,
                       name="distance_histograms",
                       caption="Distances divided by their mean: a wide spread in 2-D, a narrow spike at 1 in "
                               "high dimensions." + text.pinned_note(state.pin),
                       description=text.distance_hists_description(hist_dims, contrast, n_points),
                       label=text.LABELS["distance_histograms"])


SECTIONS = (grids, no_neighbours, spiky_cubes, cube_corners, angles, caps_and_belts, shells, distances)

# D, the page's main control: a move redraws the sections in view that read it (every part of the page but the
# grids), the others as they scroll in (ui.in_view)
IN_VIEW = in_view.InView("dim", lambda state, dim: replace(state, dim=dim),
                         reads=("hero", *(section.__name__ for section in SECTIONS if section is not grids)))
