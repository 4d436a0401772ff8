"""Text of the curse-of-dimensionality page: formulas with live numbers, quick picks, references."""

from __future__ import annotations

import functools
import math

import numpy as np

from engine import geometry as g
from ui.curse_of_dimensionality.opening import INTRO, TITLE  # noqa: F401 (the page draws them first, see ui.opening)
from ui.kit.numbers import fixed, html_pow10, latex_pow10, latex_sci, text_sci

# The sections' titles and ideas, and the article's slips they correct
GRIDS = (
    "1 · Grids outgrow their data",
    "Cut every feature into **b** bins: D features make "
    "**b^D** cells. With a fixed number of samples N, almost every cell is empty once b^D ≫ N, "
    "so anything that learns by looking at neighbours runs out of neighbours.",
)
GRID_CLASSIFIER = (
    "**The article's example** (after Bishop's pipeline-flow data: 3 classes, 12 measured features). Plot "
    "two of the features, cut the plane into a grid, label each cell by the class most of its training "
    "points belong to, and give a new point the label of its cell. This rests on the **smoothness (local "
    "constancy) prior**: nearby points are expected to share a class, as k-nearest neighbours also assume. "
    "The data below are synthetic of that shape (seeded): features 1 and 2 separate the classes, the other "
    "ten carry a weak hint each. Add features and watch the cells run out of points.")


def grid_classifier_line(table, features: int, bins: int, n_train: int) -> str:
    """The grid classifier's formula at b (HTML, variables in italics; answered in the browser:
    ``ui.in_browser``): cells b^F against N, and the empty share and accuracy at F."""
    row = table.loc[table["features"] == features].iloc[0]
    return (f"<i>b</i><sup><i>F</i></sup> = {bins}<sup>{features}</sup> = {html_pow10(float(row['log10 cells']))} "
            f"cells, &nbsp; <i>N</i> = {n_train:,} training points in {int(row['occupied']):,} cells<br>"
            f"new points in empty cells: {row['empty share']:.1%}, &nbsp; accuracy: {row['accuracy']:.1%} "
            "(chance 33.3%)")


def grid_picture_caption(cells, new_class: str, bins: int) -> str:
    """What the picture shows at b: its b² cells, how many are blank, and the new point's answer."""
    empty = int((cells["class"] == "").sum())
    answer = f"gets class {new_class}" if new_class else "lands in an empty cell: no answer"
    return (f"Features 1 and 2 cut into {bins} × {bins} cells, each shaded and lettered by its majority class; "
            f"{empty:,} of the {bins * bins:,} hold no training point (blank). The new point {answer}.")


def grid_picture_description(cells, points, new_class: str, bins: int, n_train: int) -> str:
    """The article's figure: the grid's cells by majority class, the points and the new point."""
    counts = cells["class"].value_counts()
    by_class = ", ".join(f"{counts.get(c, 0)} cells {c}" for c in ("A", "B", "C"))
    answer = f"its cell's majority is class {new_class}" if new_class else "its cell is empty: no answer"
    return (f"A {bins} by {bins} grid over features 1 and 2 (0 to 1 each): {by_class}, "
            f"{counts.get('', 0)} empty cells, labelled by letter; {len(points):,} of the {n_train:,} training "
            f"points drawn by class with a shape each (A circles, B triangles, C squares); a black cross marks "
            f"a new point at (0.33, 0.40), and {answer}.")


def grid_accuracy_description(table, features: int, bins: int) -> str:
    """The grid classifier's accuracy and empty share over the number of features."""
    at = table.set_index("features")
    return (f"Two lines over F = 1 to 12 features with b = {bins} bins each: the accuracy on new points "
            f"(solid) is {at.loc[2, 'accuracy']:.0%} with 2 features and {at.loc[12, 'accuracy']:.0%} with 12; "
            f"the share of new points whose cell holds no training point (dashed) rises from "
            f"{at.loc[2, 'empty share']:.0%} to {at.loc[12, 'empty share']:.0%}; a dashed line marks chance, "
            f"1/3, and another the chosen F = {features}, where the accuracy is {at.loc[features, 'accuracy']:.0%}.")


def grid_accuracy_caption(table) -> str:
    """Where the grid stops answering, read from the table."""
    at = table.set_index("features")
    worse = table.loc[table["accuracy"] < 1 / 3, "features"]
    half = table.loc[table["empty share"] >= 0.5, "features"]
    return ("A new point in an empty cell gets no answer (counted as wrong). "
            + (f"From F = {int(half.min())} most new points land in empty cells" if len(half) else
               "Even with 12 features most cells in use are occupied: fewer bins, more points")
            + (f", and from F = {int(worse.min())} the grid does worse than guessing." if len(worse) else ".")
            + f" Where it does answer it stays right about {at.loc[2, 'answered accuracy']:.0%} of the time: "
            "the loss is the empty cells.")


CUBES = (
    "2 · Spiky cubes",
    "Stack 2^D unit cubes into the box [−1, 1]^D and put a ball of "
    "diameter 1 in each. The ball at the centre that touches them all has diameter **√D − 1**: "
    "small in 2-D, exactly as wide as the box at D = 9, poking out of it from D = 10. The cube's "
    "corners run off to distance √D while the centres of its faces stay at distance 1.",
)
ANGLES = (
    "3 · Pac-Man walking: random directions are nearly orthogonal",
    "Draw two random vectors "
    "and measure the angle θ between them: cos θ = ⟨a, b⟩ / (‖a‖ ‖b‖), the same formula in any "
    "dimension, and a common measure of how similar two vectors are. On the circle every angle is "
    "equally likely; in high dimensions nearly all pairs meet at **90°**, within about (180/π)/√D "
    "degrees for large D.",
)
SHELLS = (
    "4 · Empty M&M's: the volume lives in a thin shell",
    "Peel a thin outer layer of "
    "relative thickness ε off a ball. In 3-D a 1% peel holds 3% of the volume; in high "
    "dimensions it holds almost all of it — a chocolate that is all shell.",
)
DISTANCES = (
    "5 · Distances stop meaning anything",
    "Take a random query point and N data points. "
    "As D grows, the nearest and the farthest point end up at nearly the same distance "
    "(Beyer et al. 1999): “nearest neighbour” loses its meaning.",
)
CUBE_CORRECTION = (
    "the blue “circumscribing” ball of the article's figure is the ball at the centre that "
    "touches all the others; its diameter is √D − 1, which is how it outgrows the box."
)
def angles_correction() -> str:
    """Where the article's sampling and this page's options differ, with the 2-D cube's exact numbers."""
    low, high = cube_2d_deviation()
    return ("the experiment draws the vectors' elements uniformly in [−1, 1], i.e. in the cube, "
            "not inside the unit sphere as the text first says. Both are offered above. The “sphere” option "
            "draws directions *on* the sphere, not points inside it: the angles are the same, because the "
            "direction of a point uniform inside the ball is uniform on the sphere (its radius does not enter "
            "cos θ). The sphere's exact density fits the cube's angles closely at every D, but not exactly: "
            "in 2-D the square's corners make the cube's angle density run from "
            f"{fixed(100 * low, 1, minus='−')}% (at 45° and 135°) "
            f"to +{high:.1%} (at 0°, 90° and 180°) around the circle's flat 1/π, so “any angle is as likely as "
            "another” holds on the circle only.")


@functools.cache  # a constant of the square: computed once per process, not on every rerun
def cube_2d_deviation() -> tuple[float, float]:
    """The least and greatest relative departure of the square's exact 2-D angle density from 1/π."""
    ratio = g.cube_angle_density_2d(np.radians(np.arange(0.0, 181.0, 1.0))) * math.pi - 1.0
    return float(ratio.min()), float(ratio.max())


def exact_angle_sd_deg(dim: int) -> float:
    """The exact spread (degrees) of the angle for directions uniform on the sphere (D ≥ 2)."""
    return math.degrees(g.sphere_angle_sd(dim))


LETTER_D = ("On this page **D** is only ever the number of dimensions; the largest and smallest distance "
            "from a query, which some texts write D_max and D_min, are **d_max** and **d_min**.")
BEYOND_ARTICLE = ("the article ends its shell argument by remarking that other data points are distant from a "
                  "point in the same way; this section goes further than the article, measuring how distances "
                  "concentrate (d_max and d_min, their spread) and what that does to nearest neighbours.")
REFERENCES = (
    "R. Bellman (1957), *Dynamic Programming*, Princeton University Press, preface — where the phrase “curse of "
    "dimensionality” was coined (his *Adaptive Control Processes*, 1961, uses it again).",
    "C. M. Bishop (2006), *Pattern Recognition and Machine Learning*, Springer, §1.4 (pp. 33–37) — the grid "
    "classifier on 3 classes and 12 features; exercise 1.19 (the volume of a cube goes to its corners).",
    "I. Goodfellow, Y. Bengio, A. Courville (2016), *Deep Learning*, MIT Press, §5.11.2 (p. 153) — grids of "
    "10, 100, 1,000 cells and the smoothness (local-constancy) prior.",
    "“Volume of an n-ball”, Wikipedia — V_D(r) = π^{D/2} r^D / Γ(D/2 + 1).",
    "K. Beyer, J. Goldstein, R. Ramakrishnan, U. Shaft (1999), “When is ‘nearest neighbor’ meaningful?”, ICDT.",
    "C. C. Aggarwal, A. Hinneburg, D. A. Keim (2001), “On the surprising behavior of distance metrics in high "
    "dimensional space”, ICDT.",
    "T. Cai, J. Fan, T. Jiang (2013), “Distributions of angles in random packing on spheres”, JMLR 14:1837–1864.",
    "F. Barthe, O. Guédon, S. Mendelson, A. Naor (2005), “A probabilistic approach to the geometry of the ℓp^n "
    "ball”, Annals of Probability 33(2) — uniform points of the ball as g/√(‖g‖² + 2E).",
    "M. E. Muller (1959), “A note on a method for generating points uniformly on n-dimensional spheres”, CACM.",
)


def grid_line(dim: int, bins: int, n: int) -> str:
    """The cells at the slider's D and the grids' b (HTML; answered in the browser): b^D, and once they
    outnumber N the bound on the share occupied."""
    log10_cells = dim * math.log10(bins)
    cells = f"cells = <i>b</i><sup><i>D</i></sup> = {bins}<sup>{dim:,}</sup>"
    if log10_cells <= math.log10(n):
        return f"{cells} = {bins ** dim:,} ≤ <i>N</i> = {n:,}"
    return (f"{cells} = {html_pow10(log10_cells)}<br>occupied share ≤ <i>N</i> / <i>b</i><sup><i>D</i></sup> = "
            f"{html_pow10(math.log10(n) - log10_cells)}")


def cells_caption(bins: int, n_samples: int, crossing: int) -> str:
    """Where the cells at b pass the samples."""
    return (f"Cells grow exponentially: with b = {bins} the grid has more cells than the N = {n_samples:,} samples "
            f"from D = {crossing}.")


def centre_ball(dim: int) -> str:
    """The article's elementary geometry with the slider's D: the unit cube's diagonal, the centre ball
    between the 2^D balls of diameter 1, and where it passes the balls' diameter (D = 4) and the box (9)."""
    root = math.sqrt(dim)
    return (r"\text{diagonal of a unit square, cube, } D\text{-cube:} \qquad \sqrt{2} = 1.414,\ \sqrt{3} = 1.732,\ "
            rf"\sqrt{{D}} = \sqrt{{{dim:,}}} = {root:,.4g} \\[4pt] "
            r"\text{centre ball} = \text{diagonal} - 1\text{:} \qquad \sqrt{2} - 1 = 0.414,\ \sqrt{3} - 1 = 0.732,\ "
            rf"\sqrt{{D}} - 1 = {g.centre_ball_diameter(dim):,.4g} \\[4pt] "
            r"\sqrt{D} - 1 = 1 \text{ (an orange ball) at } D = 4,\quad = 2 \text{ (the box) at } D = 9")


def inscribed_ratio(dim: int) -> str:
    """The share of the cube inside its inscribed ball, ρ_D, at the slider's D."""
    return (rf"\rho_D = \frac{{\pi^{{D/2}}}}{{2^D\,\Gamma(D/2+1)}} = "
            rf"{latex_pow10(g.log10_inscribed_ball_ratio(dim))}\quad (D = {dim:,})")


STACKING = (
    "**Stack more cubes.** The article goes on: stack 4 hypercubes and the blue ball no longer sticks out. "
    "It calls its figure of this a “pseudo simulation” drawn in our 3-D sense, and guesses that higher "
    "dimensions need more than four. The maths says how many. Put k unit cubes along every side (k even, so "
    "the centre is a corner shared by 2^D cubes; move **k** above). The blue ball still touches only the "
    "2^D balls round the centre, so its diameter stays √D − 1, while the box's side grows to k: the ball "
    "stays inside up to D = (k + 1)², 9 for the 2 × 2 stack and 25 for four a side. Cubes of side s change "
    "nothing, since every length scales with s. More cubes give the blue ball room; they do not shrink it: "
    "from D = 5 it is wider than the orange balls, and from D = 10 wider than the 2^D cubes around it.")


def stack_needed(dim: int) -> int:
    """The fewest cubes a side (even, at least 2) whose box holds the centre ball: √D − 1 ≤ k ⟺ D ≤ (k + 1)²."""
    k = 2
    while (k + 1) ** 2 < dim:
        k += 2
    return k


def stacking(dim: int, per_side: int) -> str:
    """When the centre ball stays inside a stack of k cubes a side, at k and at the slider's D."""
    limit = (per_side + 1) ** 2
    need = stack_needed(dim)
    fits = r"\le" if dim <= limit else ">"
    return (rf"\text{{inside the box of side }} k \iff \sqrt{{D}} - 1 \le k \iff D \le (k + 1)^2 \\[4pt] "
            rf"k = {per_side}:\ D \le {limit:,};\quad D = {dim:,}:\ \sqrt{{D}} - 1 = "
            rf"{g.centre_ball_diameter(dim):,.4g}\ {fits}\ {per_side} \\[4pt] "
            rf"D = {dim:,} \text{{ needs }} k = {need} \text{{ a side: }} k^D = {need}^{{{dim:,}}} = "
            rf"{latex_pow10(dim * math.log10(need))}\ \text{{unit cubes}}")


def cube_faces(dim: int) -> str:
    """The D-cube's vertices, edges, … as the article's generalised objects, at the slider's D and in 4-D."""
    def count(n: int) -> str:
        return f"{n:,}" if n < 10**7 else latex_pow10(math.log10(n))  # 10 digits would not fit a projector

    faces = g.cube_face_counts(dim, 3)
    names = (("vertex", "vertices"), ("edge", "edges"), ("square", "squares"), ("cube", "cubes"))
    items = [rf"{count(n)}\ \text{{{names[k][n != 1]}}}" for k, n in faces]
    shown = r",\ ".join(items[:2]) + (r", \\[2pt] " + r",\ ".join(items[2:]) if len(items) > 2 else "")
    return (rf"\text{{faces of dimension }} k \text{{ of the }} D\text{{-cube: }} 2^{{D-k}} \tbinom{{D}}{{k}}"
            rf" \\[4pt] D = 4:\ 16\ \text{{vertices}},\ 32\ \text{{edges}},\ 24\ \text{{squares}},\ 8\ \text{{cubes}}"
            rf" \\[4pt] D = {dim}:\ {shown}")


GENERALISED = (
    "The cube, the ball and the right angle are defined in any dimension by the same rules as in 3-D: a "
    "4-D cube has 16 corners and 32 edges, and two vectors in 255-D are orthogonal when ⟨a, b⟩ = 0, as "
    "on paper. We cannot picture them, but we can count, measure and sample them.")


def band_and_cap(dim: int, half_width: float = 10.0) -> str:
    """Why 90° is the likely angle: the belt of directions near 90° against the cap near 0°, in 3-D and
    at the slider's D, and in the article's 255-D."""
    def shares(d: int) -> tuple[float, float]:
        return (g.sphere_angle_share(d, 90 - half_width, 90 + half_width), g.sphere_angle_share(d, 0, half_width))

    belt3, cap3 = shares(3)
    head = (rf"\text{{area of the directions at angle }} \theta \propto \sin^{{D-2}}\theta \\[4pt] D = 3:\ "
            rf"\underbrace{{{belt3:.1%}}}_{{\text{{belt }} 90^\circ \pm {half_width:g}^\circ}}\ \text{{vs}}\ "
            rf"\underbrace{{{cap3:.2%}}}_{{\text{{cap }} \theta < {half_width:g}^\circ}}").replace("%", r"\%")
    sd255 = math.degrees(g.sphere_angle_sd(255))
    tail = rf" \\[4pt] D = 255:\ \theta = 90^\circ \pm {sd255:.2f}^\circ"
    if dim < 2:
        return head + tail
    belt, cap = shares(dim)
    cap_text = (f"{cap:.2%}".replace("%", r"\%") if cap >= 1e-4 else
                latex_sci(cap, 2) if cap > 0 else r"< 10^{-300}")
    return head + rf" \\[4pt] D = {dim}:\ {belt:.1%}".replace("%", r"\%") + rf"\ \text{{vs}}\ {cap_text}" + tail


def angles(dim: int, summary: dict) -> str:
    if dim == 1:
        return (r"D = 1:\ \text{two numbers are parallel or opposite, so } \theta \in \{0^\circ, 180^\circ\}"
                rf"\ (\text{{measured mean }} {summary['mean']:.1f}^\circ)")
    return (rf"f_D(\theta) = \frac{{\Gamma(D/2)}}{{\sqrt{{\pi}}\,\Gamma\!\left(\frac{{D-1}}{{2}}\right)}}"
            rf"\sin^{{D-2}}\theta \\[4pt] \mathbb{{E}}[\cos^2\theta] = \tfrac{{1}}{{D}} = {latex_sci(1 / dim, 4)}"
            rf"\ (\text{{measured }} {latex_sci(summary['mean cos2'], 4)}) \\[4pt]"
            rf"\text{{for large }} D:\ \theta \approx 90^\circ \pm \tfrac{{180/\pi}}{{\sqrt{{D}}}} = 90^\circ \pm "
            rf"{summary['spread']:.3g}^\circ \\[4pt] \text{{exact: }} \operatorname{{sd}}(\theta) = "
            rf"\sqrt{{\textstyle\int_0^\pi (\theta - \tfrac{{\pi}}{{2}})^2 f_D(\theta)\, d\theta}} = "
            rf"{summary['exact sd']:.3g}^\circ"
            rf"\ (\text{{measured }} {summary['mean']:.2f}^\circ \pm {summary['std']:.3g}^\circ)")


def shell_dims(eps: float) -> tuple[float, float]:
    """D at which 90% and 99% of the volume is in the shell of thickness ε."""
    return g.shell_dimension(eps, 0.9), g.shell_dimension(eps, 0.99)


def ball_volume(dim: int) -> str:
    """The D-ball as a set and its volume V_D(r) with the slider's D (log space past Γ's overflow)."""
    log10_v = g.log_ball_volume(dim) / math.log(10.0)
    value = f"{math.exp(g.log_ball_volume(dim)):.4g}" if abs(log10_v) < 4 else latex_pow10(log10_v)
    return (r"B_D(c, r) = \{x : \lVert x - c \rVert \le r\} \\[4pt] V_D(r) = \frac{\pi^{D/2}}{\Gamma(D/2 + 1)}\, r^D"
            rf" \\[4pt] V_2(1) = \pi = 3.142,\quad V_3(1) = \tfrac{{4}}{{3}}\pi = 4.189,\quad V_{{{dim}}}(1) = {value}")


def worked_shells(eps: float) -> str:
    """The article's worked 2-D ring and 3-D shell at this ε, before the general 1 − (1 − ε)^D."""
    ring, shell = g.shell_fraction(2, eps), g.shell_fraction(3, eps)
    return (rf"\text{{ring: }} \frac{{\pi r^2 - \pi (r - \varepsilon r)^2}}{{\pi r^2}} = 1 - (1 - {eps:g})^2 = "
            rf"{ring:.2%} \\[4pt] \text{{shell: }} \frac{{\frac43\pi r^3 - \frac43\pi (r - \varepsilon r)^3}}"
            rf"{{\frac43\pi r^3}} = 1 - (1 - {eps:g})^3 = {shell:.2%}").replace("%", r"\%")


SPHERE_IDEA = (
    "A D-ball of centre c and radius r is every point within distance r of c; its surface, the sphere, is "
    "every point at exactly r: {x : ‖x − c‖ = r}, a circle in 2-D. Its volume V_D(r) depends on the radius "
    "only through r^D, so the share of the volume in a peel of relative thickness ε is the same for every "
    "radius: 1 − (1 − ε)^D, worked out below in 2-D and 3-D first.")


def first_whole(d: float) -> int:
    """The first whole dimension at or past ``d`` (229.1 → 230)."""
    return max(1, math.ceil(d - 1e-9))


def shell(dim: int, eps: float) -> str:
    d90, d99 = shell_dims(eps)
    return (rf"1 - (1 - \varepsilon)^D = 1 - (1 - {eps:g})^{{{dim}}} = {g.shell_fraction(dim, eps):.4f}"
            rf"\\[4pt] D_{{90\%}} = \frac{{\ln 0.1}}{{\ln(1-\varepsilon)}} = {d90:,.1f}\ "
            rf"(\text{{first whole }} D: {first_whole(d90):,}),\quad "
            rf"D_{{99\%}} = {d99:,.1f}\ ({first_whole(d99):,})")


def shell_correction() -> str:
    d90 = g.shell_dimension(0.01, 0.9)
    return (f"with ε = 1%, 90% of the volume is already in the shell from D = {first_whole(d90)} "
            f"(ln 0.1 / ln 0.99 = {d90:.1f}), not “over 400”; at D = 400 the shell holds "
            f"{g.shell_fraction(400, 0.01):.1%}.")


def last_hit(ratio_table) -> int:
    """The largest D at which hit-or-miss still found a point inside the ball."""
    return int(ratio_table.loc[ratio_table["hits"] > 0, "D"].max())


def distances(dim: int, contrast_table) -> str:
    row = contrast_table.loc[contrast_table["D"] == dim].iloc[0]
    return (rf"\frac{{d_{{\max}} - d_{{\min}}}}{{d_{{\min}}}} = {latex_sci(row['relative contrast'])}"
            rf"\ \ (D = {dim},\ N = {int(row['points']):,}) \\[4pt] "
            rf"\frac{{\sigma}}{{\mu}} \approx \frac{{\sqrt{{24/45}}\cdot 3/4}}{{\sqrt{{D}}}} = "
            rf"{latex_sci(row['exact'])}"
            rf"\ \ (\text{{measured }} {latex_sci(row['simulated'])})")


def contrast_caption(contrast_table) -> str:
    """What to notice in the relative-contrast chart, read from its own points."""
    at = contrast_table.set_index("D")["relative contrast"]
    return (f"(d_max − d_min)/d_min from one random query: {text_sci(at[2], 3)} in 2-D, {text_sci(at[100], 2)} at "
            f"D = 100; at D = 1,000 the farthest point is only {at[1000]:.0%} farther away than the nearest.")


def norms_caption(bars, dim: int, n_points: int) -> str:
    """What the distance-from-the-centre histogram shows: a spike at √(D/3), far from the centres of the
    faces (distance 1) and from the corners (√D), or (in few dimensions) points spread out."""
    seen = bars[bars["density"] > 0]
    low, high = float(seen["left"].min()), float(seen["right"].max())
    if low > 1 and high < math.sqrt(dim):
        return (f"{n_points:,} uniform points of the cube at D = {dim:,}: all near √(D/3), none as close to the "
                "centre as the middle of a face (distance 1) and none out at a corner. That does not keep them "
                "away from the faces: see the next chart.")
    return (f"{n_points:,} uniform points of the cube at D = {dim:,}: here they still spread from "
            f"{low:.2g} to {high:.2g}; raise D and they gather in a spike at √(D/3), beyond the middles of the "
            "faces and short of the corners.")


NEAR_FACE = 0.05  # "near a face": within this distance of one


def face_gap_caption(dim: int, n_points: int, share: float) -> str:
    """The nearest-face histogram: the measured share within 0.05 of a face beside 1 − 0.95^D."""
    exact = g.shell_fraction(dim, NEAR_FACE)
    return (f"The same {n_points:,} points, by their distance to the nearest face, 1 − max|x_k|: "
            f"{share:.1%} lie within {NEAR_FACE} of some face (exact 1 − (1 − {NEAR_FACE})^D = {exact:.1%}), "
            "because one coordinate near ±1 is enough. Black: the density D (1 − t)^(D−1), the law of the "
            "ball's shell again.")


def knn_caption(knn) -> str:
    """What the k-NN curve shows: accuracy from the two informative features to the most noise features."""
    return ("The class depends on two features only (inside a disc or not). Each added noise feature dilutes "
            "the distances a 5-nearest-neighbour vote relies on: at fixed N = 500 the accuracy falls from "
            f"{knn['accuracy'].iloc[0]:.0%} with the two features to {knn['accuracy'].iloc[-1]:.0%} with "
            f"{knn['features'].iloc[-1]:,}, a coin toss.")


def ratio_caption(ratio_table, dim: int, min_hits: int, n_samples: int, max_dim: int) -> str:
    """The inscribed-ball chart: exact ρ_D, where hit-or-miss still hits, and where the exact line ends."""
    return ("Share of the cube inside its inscribed ball: 79% in 2-D, 0.25% at D = 10. "
            f"Hit-or-miss with {n_samples:,} points: points where it hits at least {min_hits} "
            f"times; its last hit is at D = {last_hit(ratio_table)}; the exact line goes on"
            + (f" to D = {max_dim} (ρ_D for D = {dim:,} is in the formula below)." if dim > max_dim else "."))


def radius_caption(dim: int, eps: float, n_ball: int, share: float) -> str:
    """The radius histogram: how many points, the density, and the measured share in the shell vs theory."""
    return (f"{n_ball:,} uniform points of the {dim:,}-ball, zoomed near the surface; black: the density "
            f"D r^(D−1). {share:.1%} of them lie in the shell (theory {1 - (1 - eps) ** dim:.1%}).")


# ---------------------------------------------------------------------------------------------- text alternatives
# One description per chart: what it draws, with the numbers of this view, for a screen reader (the
# caption under the chart says what to notice). Each reads the frame the chart draws.
def _d(dim: int) -> str:
    return f"D = {dim:,}"


def _at(table, dim: int, column: str) -> float:
    """The value of ``column`` in the row of ``table`` whose D is ``dim`` (read as arrays: a fifth of the time of
    pandas' boolean ``.loc``, on every rerun of a section's description)."""
    row = np.flatnonzero(table["D"].to_numpy() == dim)[0]
    return float(table[column].to_numpy()[row])


def cells_description(grid, bins: int, n_samples: int) -> str:
    """The grid's cell count b^D against the sample count N."""
    first, last = int(grid["D"].min()), int(grid["D"].max())
    crossing = int(grid.loc[grid["cells"] > n_samples, "D"].min())
    return (f"Line on a log scale: the cells b^D of a grid with b = {bins} bins per feature, from "
            f"{text_sci(_at(grid, first, 'cells'))} at D = {first} to {text_sci(_at(grid, last, 'cells'))} "
            f"at D = {last}, against a dashed line at N = {n_samples:,} samples; the cells outnumber the "
            f"samples from D = {crossing}.")


def occupancy_description(grid, bins: int, n_samples: int) -> str:
    """The simulated share of occupied cells over D, with its expectation and bound."""
    first, last = int(grid["D"].min()), int(grid["D"].max())
    return (f"Share of the {bins}^D cells holding at least one of N = {n_samples:,} samples, D = {first} to "
            f"{last}, log scale: simulated points from {_at(grid, first, 'simulated'):.0%} at D = {first} to "
            f"{text_sci(_at(grid, last, 'simulated'))} at D = {last}, on two lines, the expectation "
            f"1 − (1 − b^−D)^N and the bound N/b^D.")


DIM_HELP = "Number of coordinates (features); the stops are roughly logarithmic."

# Steady names of the charts D (or a section's own control: the grids' b) moves only through their data
# (``present.show_chart``'s ``label``): the name a screen reader hears first; the live description with today's
# numbers follows in the chart's caption.
LABELS = {
    "spiky_cube": "The article's figure: unit cubes stacked in a box, a ball of diameter 1 in each, and the centre "
                  "ball touching them all, drawn at the slider's D.",
    "shell_discs": "Three discs with a brown outer peel of thickness ε: a disc, a ball and an area-true stand-in "
                   "for the slider's D-ball.",
    "faces": "Five lines over the dimension D, log scale, each a share that grows to 100%: empty grid cells, the "
             "cube outside its inscribed ball, pairs of directions near 90°, the ball's outer 1%, and points at "
             "about the mean distance.",
    "grid_classifier_picture": "Grid picture: features 1 and 2 cut into b × b cells, each shaded and lettered by its "
                               "majority class, with the training points and a new point.",
    "grid_classifier_accuracy": "Two lines over the number of features F: the grid classifier's test accuracy "
                                "and the share of test points whose cell is empty.",
    "grid_cells": "Line on a log scale: the cells b^D of a grid over D features against the N samples.",
    "grid_occupancy": "Points and lines on a log scale: the share of a grid's cells holding at least one of the "
                      "N samples, over D features, with its expectation and the bound N/b^D.",
    "knn_noise": "Line chart: the test accuracy of a 5-nearest-neighbour vote as noise features are added, "
                 "with the slider's D marked.",
    "cube_face_gaps": "Histogram of the distance to the nearest face of uniform points of the D-cube, with "
                      "its exact density drawn over it.",
    "angle_spread": "Points on a log–log chart: the measured spread of the angle between random vectors over "
                    "D, on the exact spread and the large-D rule.",
    "shell_share": "Line over D on a log axis: the share of a ball's volume within ε of its surface, with "
                   "the slider's D marked.",
    "ball_radii": "Histogram of the distances from the centre of uniform points of the D-ball, with the "
                  "density D r^(D−1) and the shell's start.",
    "distance_histograms": "Histograms of the distances from a random query to uniform points divided by their "
                           "mean, one panel per D.",
    "centre_ball": "Two lines over D: the centre ball's diameter √D − 1 against the box side, with the "
                   "slider's D marked.",
    "inscribed_ratio": "Line and points on a log scale: the share ρ_D of the cube inside its inscribed ball over "
                       "D, exact and hit-or-miss, with the slider's D marked.",
    "cube_norms": "Histogram of the distances from the centre of uniform points of the D-cube, with the face, "
                  "√(D/3) and the corner marked.",
    "angles": "Histograms of the angle between two random vectors, one panel for each of the article's D and "
              "for the slider's, with the exact density over each.",
    "angle_density": "Line chart over θ from 0° to 180°: the angle's density at the slider's D and at D = 3, "
                     "with the cap and the belt shaded.",
    "relative_contrast": "Line on a log–log chart: the relative contrast (d_max − d_min) / d_min of the "
                         "distances from a query over D, with the slider's D marked.",
    "distance_spread": "Points on a log–log chart: the spread σ/μ of the distances from a query over D, on "
                       "0.548/√D, with the slider's D marked.",
}


def knn_description(knn, dim: int) -> str:
    """The 5-NN accuracy as noise features are added, and whether the slider's D is marked."""
    lo, hi = int(knn["features"].min()), int(knn["features"].max())
    marked = f"; a dashed line marks the slider's {_d(dim)}" if lo <= dim <= hi else ""
    return (f"Line of the test accuracy of a 5-nearest-neighbour vote trained on 500 points, over {lo:,} to "
            f"{hi:,} features (2 informative, the rest noise; log axis): {knn['accuracy'].iloc[0]:.0%} with "
            f"{lo:,} features, {knn['accuracy'].iloc[-1]:.0%} with {hi:,}, against a dashed chance line at "
            f"50%{marked}.")


def spiky_cube_caption(view: str, dim: int, per_side: int, clipped: bool = False) -> str:
    """What the picture draws: exact in 3-D; in 2-D the article's "pseudo" picture at the slider's D
    (``clipped``: the centre ball is wider than the picture)."""
    if view == "3-D":
        return ("The article's 8 unit cubes in 3-D, exact: the blue ball touching the 8 orange ones has diameter "
                "√3 − 1 = 0.732. (D and k move the 2-D picture.)")
    limit = (per_side + 1) ** 2
    stays = f"With k = {per_side} a side the blue ball stays in the box up to D = {limit}."
    if dim <= 2:
        what = ("In 1-D the two unit balls meet at the centre: no room for a blue one." if dim == 1 else
                "At D = 2 the picture is exact: the blue circle touches the four orange ones.")
        return f"{what} {stays}"
    cut = " Here it is wider than the picture: its edge is cut." if clipped else ""
    return (f"A “pseudo” picture, as the article's: squares and orange balls drawn as in 2-D, the blue ball at "
            f"its diameter in D = {dim:,} dimensions, √D − 1 = {g.centre_ball_diameter(dim):,.3g}. On paper it "
            f"overlaps the orange balls; in {dim:,} dimensions they sit farther out, along the longer diagonal "
            f"√D, and it just touches them. {stays}{cut}")


def spiky_cube_description(view: str, dim: int = 2, per_side: int = 2) -> str:
    """The article's figure: in 3-D exact, in 2-D with the centre ball of the slider's D."""
    if view == "3-D":
        return ("The article's figure in 3-D: the box [−1, 1]^3 cut into 8 unit cubes (drawn in oblique view), "
                f"an orange ball of diameter 1 in each, and the blue centre ball touching them all, of diameter "
                f"√3 − 1 = {g.centre_ball_diameter(3):.3f}.")
    diameter = g.centre_ball_diameter(dim)
    where = ("sticks out of the box" if dim > (per_side + 1) ** 2 else
             "just touches the box's sides" if dim == (per_side + 1) ** 2 else "fits inside the box")
    return (f"The article's figure in 2-D: a box of side {per_side} cut into {per_side * per_side} unit squares, "
            f"an orange ball of diameter 1 in each, and the blue centre ball drawn at the diameter it has at "
            f"D = {dim:,}: √D − 1 = {diameter:,.3g}, where it {where}; a dashed line marks one unit square's "
            f"diagonal, √D = {math.sqrt(dim):,.3g} at this D.")


def centre_ball_caption(per_side: int) -> str:
    """Where the centre ball meets the box of ``per_side`` cubes a side."""
    limit = (per_side + 1) ** 2
    return (f"The centre ball's diameter equals the box side {per_side} at D = {limit} and is wider from "
            f"D = {limit + 1}.")


def centre_ball_description(dim: int, max_dim: int, per_side: int = 2) -> str:
    """The centre ball's diameter √D − 1 against the box side k, at the slider's D."""
    diameter = g.centre_ball_diameter(dim)
    limit = (per_side + 1) ** 2
    where = "marked by a dashed line" if dim <= max_dim else f"beyond the chart's D = {max_dim:,}"
    share = (f"{diameter / per_side:,.2g} times" if diameter >= per_side else f"{diameter / per_side:.0%} of")
    return (f"Two lines over D = 1 to {max_dim:,}: the centre ball's diameter √D − 1 (solid, rising) and "
            f"the box side {per_side} (dashed, flat); they meet at D = {limit} and the ball is wider from "
            f"D = {limit + 1}. At the slider's {_d(dim)}, {where}, the "
            f"diameter is {diameter:,.3g}, {share} the box side.")


def ratio_description(ratio_table, n_samples: int) -> str:
    """The inscribed ball's share ρ_D of the cube: exact line and hit-or-miss points."""
    top = int(ratio_table["D"].max())
    hit = ratio_table.dropna(subset=["simulated"])
    return (f"Share ρ_D of the cube inside its inscribed ball, log scale, D = 1 to {top}: the exact line falls "
            f"from 100% at D = 1 to {text_sci(_at(ratio_table, top, 'exact'))} at D = {top}; hit-or-miss "
            f"points from {n_samples:,} random points of the cube lie on it up to D = {int(hit['D'].max())}.")


def norms_description(bars, dim: int, n_points: int) -> str:
    """The histogram of distances from the centre of uniform points of the cube."""
    seen = bars[bars["density"] > 0]
    low, high = float(seen["left"].min()), float(seen["right"].max())
    return (f"Histogram of the distances from the centre of {n_points:,} uniform points of the cube at "
            f"{_d(dim)}: from {low:.3g} to {high:.3g}, around √(D/3) = {math.sqrt(dim / 3):.3g}, with "
            f"lines at the centres of the faces (1) and at the corners (√D = {math.sqrt(dim):.3g}).")


def face_gap_description(bars, dim: int, n_points: int, share: float) -> str:
    """The histogram of distances to the nearest face, with its exact density."""
    return (f"Histogram of the distance to the nearest face, 1 − max|x_k|, of {n_points:,} uniform points of "
            f"the cube at {_d(dim)}, t from 0 to {bars['right'].max():.3g}, with the exact density D (1 − t)^(D−1) "
            f"over it and a line at t = {NEAR_FACE}: {share:.1%} of the points lie within it, exact "
            f"{g.shell_fraction(dim, NEAR_FACE):.1%}.")


def angles_description(panels, dim: int, summary: dict, sampling: str) -> str:
    """The small histograms of angles, one per D in ``panels``, with the slider's D measured and in theory."""
    where = "in the cube [−1, 1]^D" if sampling == "cube" else "uniform on the sphere"
    shown = ", ".join(f"{p:,}" for p in panels[:-1]) + f" and {panels[-1]:,}"
    if dim == 1:
        measured = f"at D = 1 every angle is 0° or 180° (mean {summary['mean']:.1f}°)"
    else:
        measured = (f"at {_d(dim)}, {summary['n']:,} pairs at {summary['mean']:.1f}° ± {summary['std']:.3g}° "
                    f"(exact for the sphere ± {summary['exact sd']:.3g}°, large-D rule ± {summary['spread']:.3g}°)")
    return (f"Histograms of the angle between two random vectors drawn {where}, one panel each for D = "
            f"{shown}, with the exact density drawn over each: spread over 0° to 180° at D = 2; {measured}.")


def spread_description(spread_table, dim: int) -> str:
    """The measured spread of the angle over D against the exact sphere spread and (180/π)/√D."""
    lo, hi = int(spread_table["D"].min()), int(spread_table["D"].max())
    exact = f"{exact_angle_sd_deg(dim):.3g}°" if dim >= 2 else "undefined (D = 1)"
    return (f"Points on a log–log chart: the measured spread of the angle around 90°, from "
            f"{_at(spread_table, lo, 'simulated'):.3g}° at D = {lo} to {_at(spread_table, hi, 'simulated'):.2g}° "
            f"at {_d(hi)}, on the solid line of the exact spread for the sphere ({_at(spread_table, lo, 'exact'):.3g}° "
            f"at D = {lo}), which the dashed large-D rule (180/π)/√D ({_at(spread_table, lo, 'large D'):.3g}° at "
            f"D = {lo}) meets as D grows; at the slider's {_d(dim)} the exact spread is {exact} and the rule "
            f"gives {g.angle_spread_deg(dim):.3g}°.")


def shell_description(eps: float, dim: int, max_dim: int) -> str:
    """The share of the volume in the outer shell over D, and where it reaches 90% and 99%."""
    d90, d99 = shell_dims(eps)
    return (f"Line over D = 1 to {max_dim:,} (log axis): the share 1 − (1 − ε)^D of a ball's volume within "
            f"ε = {eps:g} of its surface, Monte Carlo points on it; it reaches 90% from D = {first_whole(d90):,} "
            f"and 99% from D = {first_whole(d99):,}, and is {_share(g.shell_fraction(dim, eps), 1)} at the slider's "
            f"{_d(dim)}.")


def radius_description(bars, dim: int, eps: float, n_ball: int, share: float) -> str:
    """The histogram of radii of uniform ball points near the surface."""
    return (f"Histogram of the distances from the centre of {n_ball:,} uniform points of the {dim:,}-ball, "
            f"r from {bars['left'].min():.3g} to 1, with the density D r^(D−1) over it and a line where the "
            f"shell starts, at 1 − ε = {1 - eps:.3f}: {share:.1%} of the points lie beyond it.")


def contrast_description(contrast_table, dim: int) -> str:
    """The relative contrast (d_max − d_min)/d_min over D."""
    lo, hi = int(contrast_table["D"].min()), int(contrast_table["D"].max())
    n = int(_at(contrast_table, lo, "points"))
    return (f"Line on a log–log chart: the relative contrast (d_max − d_min)/d_min of the distances from a random "
            f"query to {n:,} points, from {text_sci(_at(contrast_table, lo, 'relative contrast'), 3)} at D = {lo} "
            f"to {text_sci(_at(contrast_table, hi, 'relative contrast'))} at {_d(hi)}; "
            f"{text_sci(_at(contrast_table, dim, 'relative contrast'))} at the slider's {_d(dim)}.")


def spread_ratio_description(contrast_table, dim: int) -> str:
    """σ/μ of the distances from the query over D, measured against 0.548/√D."""
    lo, hi = int(contrast_table["D"].min()), int(contrast_table["D"].max())
    return (f"Points on a log–log chart: the spread σ/μ of the distances from a random query, measured "
            f"{text_sci(_at(contrast_table, lo, 'simulated'))} at D = {lo} down to "
            f"{text_sci(_at(contrast_table, hi, 'simulated'))} at {_d(hi)}, on the line 0.548/√D; at the "
            f"slider's {_d(dim)} measured {text_sci(_at(contrast_table, dim, 'simulated'))}, line "
            f"{text_sci(_at(contrast_table, dim, 'exact'))}.")


def distance_hists_description(dims, contrast_table, n_points: int) -> str:
    """The small histograms of distance / mean distance, one per D, with each one's σ/μ."""
    spreads = ", ".join(f"{text_sci(_at(contrast_table, d, 'simulated'))} at {_d(d)}" for d in dims)
    return (f"Histograms of the distances from a random query to {n_points:,} points divided by their mean, "
            f"one panel per D on the same axis from 0 to 2; their spread σ/μ: {spreads}.")


NO_NEIGHBOURS = ("Where the neighbours go: b^D cells, and noise in every distance", (
    "At the dimension D the slider sets, a grid of b bins a feature has b^D cells for the N samples, so at most "
    "a share N/b^D of its cells can hold a point. Methods without a grid run out of neighbours too: k nearest "
    "neighbours trusts distances, and every feature that carries no information adds noise to them."))


CORNERS = ("Why the cube is spiky: its volume is in the corners", (
    "The article's way to see it (PRML exercise 1.19): compare the cube with the ball inscribed in it. The "
    "ball's share $\\rho_D$ of the cube's volume falls towards zero as D grows, so nearly all of the cube lies "
    "in its corners, outside the ball. Points drawn uniformly in the cube $[-1, 1]^D$ show the same: they "
    "gather at distance $\\sqrt{D/3}$ from the centre, beyond the middles of the faces (distance 1), on the way "
    "to the corners ($\\sqrt{D}$), and yet almost every one of them lies close to some face."))


CAPS_AND_BELTS = ("Why 90° wins: a cap and a belt", (
    "In 3-D, fix one direction a as the north pole. The directions at angle θ from it form a "
    "circle of latitude whose length is proportional to sin θ: near 90° it is the long equator, near 0° a "
    "tiny circle round the pole. The article draws the directions within a small angle of a as a cone with "
    "its tip at the centre: the cone meets the sphere in a small cap, while a belt of the same width round "
    "the equator holds far more of the sphere. In D dimensions the weight is $\\sin^{D-2}\\theta$, and the "
    "belt takes everything. Move the width **w** of both:"))


def share_text(x: float) -> str:
    """A share as people read it: 17.4%, 0.76%, 1.9 × 10⁻⁸, < 10⁻³⁰⁰ (what underflows a double)."""
    if x <= 0:
        return "< 10⁻³⁰⁰"
    return f"{100 * x:.3g}%" if x >= 1e-4 else text_sci(x, 2)


def cap_belt_labels(half_width: int, cap: float, belt: float, whose: str = "") -> dict[str, str]:
    """Legend entries of the cap (θ < w) and the belt (90° ± w) with their shares ``whose`` (of what)."""
    return {"cap": f"cap θ < {half_width}°: {share_text(cap)} {whose}".rstrip(),
            "belt": f"belt 90° ± {half_width}°: {share_text(belt)} {whose}".rstrip()}


def globe_caption(half_width: int, cap: float, belt: float) -> str:
    """What the 3-D picture shows, with its shares."""
    return (f"The ordinary sphere of directions. The cone of half-angle {half_width}° round a meets it in the "
            f"orange cap, {share_text(cap)} of its area; the blue belt of the same width round the equator holds "
            f"{share_text(belt)}, {belt / cap:,.0f} times as much.")


def globe_description(half_width: int, cap: float, belt: float) -> str:
    """The globe picture for a screen reader."""
    return (f"A sphere seen from a little above its equator, a vector a from its centre through the north pole, "
            f"and a dashed cone of half-angle {half_width}° round a. The cone meets the sphere in an orange cap "
            f"round the pole holding {share_text(cap)} of the sphere's area; a blue belt from {90 - half_width}° "
            f"to {90 + half_width}° from a, round the equator, holds {share_text(belt)}.")


def density_caption(dim: int, half_width: int) -> str:
    """What the density chart shows at the slider's D."""
    zones = (f"The cap is the area left of θ = {half_width}°, the belt the area from {90 - half_width}° to "
             f"{90 + half_width}°; the density is largest at 90°.")
    if dim == 1:
        return ("In 1-D two directions are parallel or opposite: no density to draw. The line is the globe's "
                "D = 3, sin θ / 2, with its cap and belt shaded. " + zones)
    curves = "at D = 3, the globe's" if dim == 3 else f"at D = {dim:,} (solid), with the globe's D = 3 (dashed)"
    return f"The same zones as areas under the density f_D(θ) ∝ sin^(D−2) θ {curves}. {zones}"


def density_description(dim: int, half_width: int, cap: float, belt: float) -> str:
    """The density chart for a screen reader."""
    zone_dim = dim if dim >= 2 else 3
    first = f"the angle's density at D = {dim:,} (solid) and at D = 3 (dashed)" if dim not in (1, 3) else \
        "the angle's density at D = 3, sin θ / 2"
    return (f"Line chart over θ from 0° to 180°: {first}, highest at 90°. At D = {zone_dim:,} the area under the "
            f"curve left of {half_width}° (the cap, orange) is {share_text(cap)} and the area from "
            f"{90 - half_width}° to {90 + half_width}° (the belt, blue) is {share_text(belt)}.")


def shell_disc_labels(eps: float, dim: int) -> list[str]:
    """The names and shares written under the three discs."""
    return [f"2-D disc\nring {g.shell_fraction(2, eps):.2%}", f"3-D ball\nshell {g.shell_fraction(3, eps):.2%}",
            f"D = {dim:,} stand-in\nshell {_share(g.shell_fraction(dim, eps), 1)}"]


def shell_discs_caption(eps: float, dim: int, min_drawn: float) -> str:
    """How the discs are drawn: ε to scale (or widened to ``min_drawn``), the third disc area-true."""
    drawn = (f"The peel is ε = {eps:g} thick on the first two, drawn {min_drawn:g} wide so it shows; the "
             "shares are for ε. " if eps < min_drawn else f"The peel is ε = {eps:g} thick on the first two. ")
    return (drawn + f"The same peel holds more of a ball than of a disc. The third disc stands in for the "
            f"{dim:,}-ball: its ring covers the share of the disc's area that the shell holds of the ball's "
            "volume.")


def shell_discs_description(eps: float, dim: int) -> str:
    """The three discs for a screen reader."""
    return (f"Three discs with a brown outer peel of relative thickness ε = {eps:g}: a disc, whose ring holds "
            f"{g.shell_fraction(2, eps):.2%} of its area; a ball drawn with its equator, whose shell holds "
            f"{g.shell_fraction(3, eps):.2%} of its volume; and a stand-in for the {dim:,}-ball, a disc whose ring "
            f"covers {_share(g.shell_fraction(dim, eps), 1)} of it, the share of the {dim:,}-ball's volume in its "
            "shell.")



# ---------------------------------------------------------------------------------------------- pin and theory
PIN_HELP = ("Keep this D's curves and histograms in grey behind the slider's, so a moved slider shows before "
            "and after on one chart (the link keeps it as ?pin=).")
THEORY_HELP = ("Off: the charts that draw a closed form over a simulation show the measurements alone; on: "
               "the theory is drawn over them (the link says ?theory=0 or 1).")
THEORY_HIDDEN = "Theory hidden: the measurements alone. "


def measured(caption: str, theory: bool) -> str:
    """A caption of a theory-over-simulation chart, saying so when the theory is hidden."""
    return caption if theory else THEORY_HIDDEN + caption


def pin_names(dim: int, pin: int) -> tuple[str, str]:
    """The legend of a histogram with a pinned D behind it: the slider's D, then the pinned one."""
    return f"D = {dim:,}", f"D = {pin:,} pinned"


def pinned_note(pin: int | None) -> str:
    """What a pinned D adds to a chart's caption."""
    return "" if pin is None else f" Grey: the pinned D = {pin:,}, for comparison."


# ---------------------------------------------------------------------------------------------- the page at D
FACES_CAPTION = ("Each line is the closed form of what a section below simulates, and all five run to 100%. "
                 "Grid: b = 10 bins per feature, N = 1,000 samples; directions uniform on the sphere; distances "
                 "to first order, σ/μ ≈ 0.548/√D.")
FACE_WORDS = ("of grid cells empty", "of the cube in its corners", "of direction pairs at 90° ± 10°",
              "of the ball within 1% of its skin", "of points within ±10% of the mean distance")


def _share(value: float, decimals: int = 0) -> str:
    """A share as a percentage (``decimals`` after the point) that never rounds a share short of 1 up to 100%,
    nor a positive one to 0%.

    None of the opening figure's five shares reaches 1 at a finite D, nor a shell's (ε ≤ 0.2); in floating
    point the grid's (1 − 10^−D)^N and the cube's 1 − ρ_D do from D = 20 and 34, and 1 − 0.8^10000, so 1.0 too
    says "over 99.9%" (1 − 0.99^1000 is 99.996%: over 99.9% as well, not 100.0%)."""
    step = 10.0 ** -(decimals + 2)
    if 1.0 - step / 2 <= value <= 1.0:
        return "over 99%" if value < 0.9995 else "over 99.9%"
    if 0.0 < value < step / 2:
        return f"under {step:.{decimals}%}"
    return f"{value:.{decimals}%}"


def faces_key(dim: int, shares) -> tuple[str, list[str]]:
    """The opening figure's key: its head ("At D = 50:") and one line of HTML per face, with its share at D."""
    return (f"At <b>D = {dim:,}</b>:",
            [f"<b>{_share(v)}</b> {words}" for v, words in zip(shares, FACE_WORDS, strict=True)])


def faces_description(dim: int, shares) -> str:
    """The opening figure's shares at the slider's D, for a screen reader."""
    said = ", ".join(f"{_share(v)} {words}" for v, words in zip(shares, FACE_WORDS, strict=True))
    return f"At the slider's {_d(dim)}: {said}."
