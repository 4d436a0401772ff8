"""Monte Carlo geometry of high-dimensional cubes and balls, next to the closed forms.

Notation
--------
======================  ==========================================================================
``dim`` = D              number of coordinates (features)
``n_pairs``, ``n_samples``, ``n_points``   Monte Carlo sizes
cube C_D                 [-1, 1]^D, side 2, faces at distance 1 from the centre, corners at √D
ball B_D(r)              {x : ‖x‖ ≤ r}, volume V_D(r) = π^{D/2} r^D / Γ(D/2 + 1)
θ                        angle between two random vectors, cos θ = ⟨u, v⟩ / (‖u‖ ‖v‖)
ε                        relative thickness of the outer shell of the unit ball
======================  ==========================================================================

Closed forms (``shared`` maths notes; Γ in log space because Γ overflows near D ≈ 340)

* grid occupancy: N uniform points in b^D cells occupy on average M(1 − (1 − 1/M)^N) cells, M = b^D;
  the occupied fraction is at most N / M.
* inscribed ball over cube: ρ_D = V_D(1) / 2^D = π^{D/2} / (2^D Γ(D/2 + 1)).
* centre ball of the spiky cube (touches the 2^D balls of diameter 1 centred at (±½, …, ±½)):
  diameter √D − 1, wider than the box side 2 once D > 9.
* angle density for directions uniform on S^{D−1}:
  f_D(θ) = Γ(D/2) / (√π Γ((D−1)/2)) · sin^{D−2} θ on [0, π]; E[cos² θ] = 1/D (also for the cube).
* exact spread of that angle: sd(θ) = √(∫ (θ − π/2)² f_D(θ) dθ), by Gauss–Legendre quadrature; π/√12
  for D = 2, √(π²/4 − 2) for D = 3, √(π²/12 − 1/2) for D = 4, → 1/√D for large D.
* cube in 2-D: a uniform point of [-1,1]² has direction φ with density p(φ) = 1 / (8 max(|cos φ|, |sin φ|)²)
  (a thin wedge has area r(φ)² dφ / 2 out of 4); the angle between two has density
  g(θ) = 2 ∫₀^{2π} p(φ) p(φ + θ) dφ, within −3.6% … +4.7% of the circle's 1/π.
* shell: vol(B_D(1) \\ B_D(1 − ε)) / vol(B_D(1)) = 1 − (1 − ε)^D.
* nearest face of the cube: t = 1 − max_k |x_k| for x uniform in [-1,1]^D; P(t ≤ ε) = 1 − (1 − ε)^D
  (each |x_k| is uniform on [0, 1]), density D (1 − t)^{D−1}: the same law as 1 − ‖x‖ in the ball.
* the D-cube has 2^{D−k} C(D, k) faces of dimension k: 2^D vertices, D 2^{D−1} edges (16 and 32 in 4-D).
* distances of uniform points of the cube: E‖x‖² = D/3; E‖X − Y‖² = 2D/3.
* grid classifier (the article's motivating example, after Bishop 2006 §1.4): cut each of F features
  into b bins, label each of the b^F cells by the majority class of its training points, give a new
  point the label of its cell; an empty cell gives no answer.

Sampling: every random number is a counter-based hash of (seed, stream, index) (``engine.rng``),
so a result depends on the seed only, on any thread. Uniform points of the ball use
Barthe, Guédon, Mendelson & Naor (2005): x = g / √(‖g‖² + 2E), g ~ N(0, I_D), E ~ Exp(1) — a
construction independent of the radius law r = U^{1/D} that the closed form rests on.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from engine import _checks
from engine._numba import fast_kernel, kernel
from engine.rng import check_seed, normal_at, normals, stream_key, uniform_at, uniforms

MAX_DIM = 10_000
MAX_WORK = _checks.MAX_WORK  # the engine's one work budget (random coordinates one call may draw)
MAX_BINS = 1000
MAX_HIST_BINS = 10_000
MAX_KNN_SAMPLES = 100_000


# ----------------------------------------------------------------------------------------------
# argument checks (engine._checks, in this module's words)
# ----------------------------------------------------------------------------------------------
def _dim(dim, lo: int = 1) -> int:
    return _checks.whole("dim", dim, lo, MAX_DIM)


def _check_work(name: str, n: int, dim: int) -> None:
    _checks.within_budget(f"{name} × dim = {n:,} × {dim:,} coordinates", n * dim)


def _eps(eps) -> float:
    return _checks.real("eps (shell thickness)", eps, 0.0, 1.0, lo_open=True, hi_open=True)


def work_budget(dim: int, wanted: int, per_item: int = 1, budget: int = MAX_WORK // 2) -> int:
    """How many of ``wanted`` samples fit the budget at this ``dim`` (at least 100)."""
    dim = _dim(dim)
    wanted = _checks.whole("wanted", wanted, 1, 10**12)
    per_item = _checks.whole("per_item", per_item, 1, 10**6)
    budget = _checks.whole("budget", budget, 1, MAX_WORK)
    return int(max(100, min(wanted, budget // (dim * per_item))))


# ----------------------------------------------------------------------------------------------
# closed forms
# ----------------------------------------------------------------------------------------------
def log_ball_volume(dim: int, r: float = 1.0) -> float:
    """ln V_D(r) = (D/2) ln π + D ln r − ln Γ(D/2 + 1)."""
    dim = _dim(dim)
    r = _checks.real("r", r, 0.0, lo_open=True)
    return 0.5 * dim * math.log(math.pi) + dim * math.log(r) - math.lgamma(0.5 * dim + 1.0)


def inscribed_ball_ratio(dim: int) -> float:
    """ρ_D = vol(unit ball) / vol([-1, 1]^D) = π^{D/2} / (2^D Γ(D/2 + 1)); underflows to 0 past D ≈ 1300."""
    dim = _dim(dim)
    return math.exp(log_ball_volume(dim) - dim * math.log(2.0))


def log10_inscribed_ball_ratio(dim: int) -> float:
    """log10 ρ_D, finite for every D (for labels where ρ_D itself underflows)."""
    dim = _dim(dim)
    return (log_ball_volume(dim) - dim * math.log(2.0)) / math.log(10.0)


def centre_ball_diameter(dim: int) -> float:
    """Diameter √D − 1 of the ball at the centre of [-1,1]^D touching the 2^D balls of diameter 1."""
    dim = _dim(dim)
    return math.sqrt(dim) - 1.0


def shell_fraction(dim: int, eps: float) -> float:
    """1 − (1 − ε)^D, the share of the unit ball's volume within ε of its surface."""
    dim = _dim(dim)
    return -math.expm1(dim * math.log1p(-_eps(eps)))


def shell_dimension(eps: float, share: float) -> float:
    """The D at which a share ``share`` of the volume lies in the shell: D = ln(1 − share) / ln(1 − ε)."""
    eps = _eps(eps)
    share = _checks.real("share", share, 0.0, 1.0, lo_open=True, hi_open=True)
    return math.log1p(-share) / math.log1p(-eps)


def sphere_angle_density(theta: np.ndarray, dim: int) -> np.ndarray:
    """f_D(θ) = Γ(D/2) / (√π Γ((D−1)/2)) sin^{D−2} θ, the density of the angle between two
    independent directions uniform on S^{D−1} (Cai, Fan & Jiang 2013); 1/π for D = 2."""
    dim = _dim(dim, 2)
    theta = _checks.array("theta", theta)
    log_c = math.lgamma(dim / 2) - 0.5 * math.log(math.pi) - math.lgamma((dim - 1) / 2)
    if dim == 2:
        return np.full_like(theta, math.exp(log_c))
    with np.errstate(divide="ignore"):
        log_sin = np.log(np.clip(np.sin(theta), 0.0, None))
    inside = (theta >= 0) & (theta <= np.pi)
    return np.where(inside, np.exp(log_c + (dim - 2) * log_sin), 0.0)


def angle_spread_deg(dim: int) -> float:
    """The typical deviation from 90°: (180/π)/√D degrees (from E[cos² θ] = 1/D)."""
    dim = _dim(dim)
    return math.degrees(1.0 / math.sqrt(dim))


_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(16)
_GL_PANELS = 400


@functools.lru_cache(maxsize=4096)
def _angle_integral(dim: int, lo: float, hi: float, power: int = 0) -> float:
    """∫_lo^hi (θ − π/2)^power f_D(θ) dθ by composite 16-point Gauss–Legendre over 400 panels (the
    density's peak, of width ~1/√D, spans several panels up to D = 10,000; error < 1e-9).

    Remembered per argument (a float, from four scalars): a page view asks for the same dozen integrals
    every run, and each is ten numpy calls over 6,400 nodes, each of which lets go of the GIL. With many
    sessions at once every such release waits for the GIL to come back (~5 ms), so a view spent seconds
    here while thirty sessions opened the same link."""
    edges = np.linspace(lo, hi, _GL_PANELS + 1)
    mid, half = (edges[1:] + edges[:-1]) / 2, (edges[1:] - edges[:-1]) / 2
    theta = (mid[:, None] + half[:, None] * _GL_NODES[None, :]).ravel()
    weights = (half[:, None] * _GL_WEIGHTS[None, :]).ravel()
    return float(np.sum(weights * (theta - math.pi / 2) ** power * sphere_angle_density(theta, dim)))


def sphere_angle_sd(dim: int) -> float:
    """The exact standard deviation (radians) of the angle θ between two independent directions uniform
    on S^{D−1}: √(∫ (θ − π/2)² f_D(θ) dθ) (the mean is π/2 by symmetry), by quadrature; π/√12 for D = 2.

    It approaches 1/√D (``angle_spread_deg``) from above as D grows: 52.0° against 40.5° at D = 2, 8.19°
    against 8.10° at D = 50. The same for points uniform *inside* the ball: their directions are uniform
    on the sphere."""
    dim = _dim(dim, 2)
    if dim == 2:
        return math.pi / math.sqrt(12.0)
    mass = _angle_integral(dim, 0.0, math.pi)
    return math.sqrt(_angle_integral(dim, 0.0, math.pi, power=2) / mass)


def sphere_angle_share(dim: int, lo_deg: float, hi_deg: float) -> float:
    """P(lo ≤ θ ≤ hi) for the angle between two directions uniform on S^{D−1} (degrees in [0, 180]):
    the share of the sphere's area in the band of directions between those angles from a fixed one.
    In 3-D: (cos lo − cos hi) / 2."""
    dim = _dim(dim, 2)
    lo = _checks.real("lo_deg", lo_deg, 0.0, 180.0)
    hi = _checks.real("hi_deg", hi_deg, 0.0, 180.0)
    if lo > hi:
        raise ValueError(f"lo_deg must not exceed hi_deg, got {lo:g} and {hi:g}")
    if lo == hi:
        return 0.0
    mass = _angle_integral(dim, 0.0, math.pi)
    return min(1.0, _angle_integral(dim, math.radians(lo), math.radians(hi)) / mass)


def _square_direction_density(phi: np.ndarray) -> np.ndarray:
    """p(φ) = 1 / (8 max(|cos φ|, |sin φ|)²): the direction of a uniform point of [-1, 1]²."""
    return 1.0 / (8.0 * np.maximum(np.abs(np.cos(phi)), np.abs(np.sin(phi))) ** 2)


def cube_angle_density_2d(theta: np.ndarray) -> np.ndarray:
    """The exact density g(θ) = 2 ∫₀^{2π} p(φ) p(φ + θ) dφ of the angle between two vectors uniform in the
    square [-1, 1]² (the article's sampling in 2-D), on [0, π]; not quite the circle's 1/π: π/3 / π at
    0°, 90° and 180°, about 0.964/π at 45° and 135°. Trapezoid rule over 4,096 points per quarter turn
    (p is periodic with kinks at multiples of 45°, where the grid has nodes)."""
    theta = _checks.array("theta", theta)
    if theta.size > 100_000:
        raise ValueError(f"theta must hold at most 100,000 angles, got {theta.size:,}")
    phi = np.arange(16_384) * (2 * math.pi / 16_384)
    p = _square_direction_density(phi)
    step = 2 * math.pi / 16_384
    out = np.array([2.0 * step * np.sum(p * _square_direction_density(phi + t)) for t in theta.ravel()])
    inside = (theta.ravel() >= 0) & (theta.ravel() <= math.pi)
    return np.where(inside, out, 0.0).reshape(theta.shape)


def cube_face_counts(dim: int, max_k: int = 4) -> list[tuple[int, int]]:
    """(k, number of k-dimensional faces) of the D-cube for k = 0 … min(D, max_k): 2^{D−k} C(D, k) —
    vertices, edges, squares, cubes, … (4-D: 16, 32, 24, 8, 1)."""
    dim = _dim(dim)
    max_k = _checks.whole("max_k", max_k, 0, MAX_DIM)
    return [(k, 2 ** (dim - k) * math.comb(dim, k)) for k in range(min(dim, max_k) + 1)]


def _grid_sizes(dim, bins, n_samples) -> tuple[int, int, int]:
    """(D, b, N) of a grid formula: N may be any count (no sample is drawn)."""
    return _dim(dim), _checks.whole("bins", bins, 2, MAX_BINS), _checks.whole("n_samples", n_samples, 1, 10**15)


def grid_expected_fraction(dim: int, bins: int, n_samples: int) -> float:
    """Expected occupied fraction of b^D cells by N uniform points: 1 − (1 − 1/M)^N, M = b^D."""
    dim, bins, n_samples = _grid_sizes(dim, bins, n_samples)
    log_m = dim * math.log(bins)
    if log_m > 700:  # M = b^D overflows: 1 − (1 − 1/M)^N = N/M to double precision
        return math.exp(math.log(n_samples) - log_m)
    m = math.exp(log_m)
    return -math.expm1(n_samples * math.log1p(-1.0 / m)) if m > 1 else 1.0


def grid_bound(dim: int, bins: int, n_samples: int) -> float:
    """The bound min(1, N / b^D) on the occupied fraction."""
    dim, bins, n_samples = _grid_sizes(dim, bins, n_samples)
    return math.exp(min(0.0, math.log(n_samples) - dim * math.log(bins)))


def query_distance_spread(dim: int) -> float:
    """std/mean of ‖X − q‖ for X uniform in [-1,1]^D and a fixed uniform query q, to first order:

    Var(‖X − q‖² | q) averages to 28D/45 − Var(Σ q_k²) = 28D/45 − 4D/45 = 24D/45 and E‖X − q‖² = 2D/3,
    so std/mean ≈ ½ √(24D/45) / (2D/3) = (3/4) √(24/45) / √D ≈ 0.548/√D. (For independent pairs the
    numerator is 28D/45: 0.592/√D.)
    """
    dim = _dim(dim)
    return 0.75 * math.sqrt(24 / 45) / math.sqrt(dim)


def ball_radius_density(r: np.ndarray, dim: int) -> np.ndarray:
    """Density D r^{D−1} on [0, 1] of the norm of a uniform point of the unit ball."""
    dim = _dim(dim)
    r = _checks.array("r", r)
    if dim == 1:  # uniform on [0, 1]
        return np.where((r >= 0) & (r <= 1), 1.0, 0.0)
    with np.errstate(divide="ignore"):
        out = np.exp(math.log(dim) + (dim - 1) * np.log(np.clip(r, 0.0, None)))
    return np.where((r >= 0) & (r <= 1), out, 0.0)


# ----------------------------------------------------------------------------------------------
# kernels (private): each coordinate's random number is u(key, index), index = row · D + k
# ----------------------------------------------------------------------------------------------
@fast_kernel
def _angles_kernel(dim, n_pairs, seed, sphere):
    """θ_p = arccos(⟨u_p, v_p⟩ / (‖u_p‖ ‖v_p‖)) for n_pairs independent pairs of D-vectors.

    Cube (``sphere`` False): u_p[k] = 2 u(key₁, p·D + k) − 1, v_p[k] likewise from key₂ (uniform in
    [-1, 1]^D); sphere: u_p[k] = N(key₁, p·D + k), v_p[k] = N(key₂, p·D + k) (directions uniform on
    S^{D−1}). key₁, key₂ = streams 1, 2 of ``seed``; the cosine is clamped to [−1, 1].
    dim, n_pairs, seed: ints ≥ 1, ≥ 1, ≥ 0; sphere: bool. Returns θ (n_pairs,) radians in [0, π].
    """
    ku = stream_key(seed, 1)
    kv = stream_key(seed, 2)
    out = np.empty(n_pairs)
    for p in range(n_pairs):
        base = p * dim
        dot = 0.0
        uu = 0.0
        vv = 0.0
        if sphere:
            for k in range(dim):
                u = normal_at(ku, base + k)
                v = normal_at(kv, base + k)
                dot += u * v
                uu += u * u
                vv += v * v
        else:
            for k in range(dim):
                u = 2.0 * uniform_at(ku, base + k) - 1.0
                v = 2.0 * uniform_at(kv, base + k) - 1.0
                dot += u * v
                uu += u * u
                vv += v * v
        c = dot / np.sqrt(uu * vv)
        out[p] = np.arccos(min(1.0, max(-1.0, c)))
    return out


@fast_kernel
def _cube_norms_kernel(dim, n_samples, seed):
    """‖x_s‖ = √(Σ_k x_s[k]²), x_s[k] = 2 u(key, s·D + k) − 1 uniform in [-1, 1]^D (key = stream 3).

    dim, n_samples, seed: ints ≥ 1, ≥ 1, ≥ 0. Returns norms (n_samples,).
    """
    key = stream_key(seed, 3)
    out = np.empty(n_samples)
    for s in range(n_samples):
        base = s * dim
        acc = 0.0
        for k in range(dim):
            x = 2.0 * uniform_at(key, base + k) - 1.0
            acc += x * x
        out[s] = np.sqrt(acc)
    return out


@fast_kernel
def _cube_face_gaps_kernel(dim, n_samples, seed):
    """t_s = 1 − max_k |x_s[k]|, the distance from x_s to the nearest face of [-1, 1]^D, for the same
    points as ``_cube_norms_kernel``: x_s[k] = 2 u(key, s·D + k) − 1 (key = stream 3).

    dim, n_samples, seed: ints ≥ 1, ≥ 1, ≥ 0. Returns gaps (n_samples,) in (0, 1].
    """
    key = stream_key(seed, 3)
    out = np.empty(n_samples)
    for s in range(n_samples):
        base = s * dim
        top = 0.0
        for k in range(dim):
            x = abs(2.0 * uniform_at(key, base + k) - 1.0)
            top = max(top, x)
        out[s] = 1.0 - top
    return out


@fast_kernel
def _ball_norms_kernel(dim, n_samples, seed):
    """‖x_s‖ = √(‖g_s‖² / (‖g_s‖² + 2E_s)) for x_s = g_s / √(‖g_s‖² + 2E_s), uniform in the unit ball
    (Barthe et al. 2005): g_s[k] = N(key₄, s·D + k), E_s = −ln(1 − u(key₅, s)) ~ Exp(1).

    dim, n_samples, seed: ints ≥ 1, ≥ 1, ≥ 0. Returns norms (n_samples,) in [0, 1).
    """
    kg = stream_key(seed, 4)
    ke = stream_key(seed, 5)
    out = np.empty(n_samples)
    for s in range(n_samples):
        base = s * dim
        gg = 0.0
        for k in range(dim):
            g = normal_at(kg, base + k)
            gg += g * g
        e = -np.log(1.0 - uniform_at(ke, s))
        out[s] = np.sqrt(gg / (gg + 2.0 * e))
    return out


@kernel
def _grid_cells_kernel(dim, bins, n_samples, seed):
    """h_s = FNV-1a over k of (cell_s[k] + 1), cell_s[k] = ⌊b · u(key, s·D + k)⌋: a 64-bit hash of the
    grid cell of point s of [0, 1)^D (equal cells give equal hashes; key = stream 6).

    dim, bins, n_samples, seed: ints ≥ 1, ≥ 2, ≥ 1, ≥ 0. Returns hashes (n_samples,) uint64.
    """
    key = stream_key(seed, 6)
    out = np.empty(n_samples, dtype=np.uint64)
    mult = np.uint64(0x100000001B3)
    for s in range(n_samples):
        h = np.uint64(0xCBF29CE484222325)
        for k in range(dim):
            cell = np.uint64(int(uniform_at(key, s * dim + k) * bins))
            h = (h ^ (cell + np.uint64(1))) * mult
        out[s] = h
    return out


@fast_kernel
def _distances_kernel(dim, n_points, seed):
    """d_s = ‖x_s − q‖ from one query q[k] = 2 u(key₇, k) − 1 to points x_s[k] = 2 u(key₈, s·D + k) − 1,
    all uniform in [-1, 1]^D.

    dim, n_points, seed: ints ≥ 1, ≥ 1, ≥ 0. Returns distances (n_points,).
    """
    kq = stream_key(seed, 7)
    kx = stream_key(seed, 8)
    q = np.empty(dim)
    for k in range(dim):
        q[k] = 2.0 * uniform_at(kq, k) - 1.0
    out = np.empty(n_points)
    for s in range(n_points):
        base = s * dim
        acc = 0.0
        for k in range(dim):
            d = 2.0 * uniform_at(kx, base + k) - 1.0 - q[k]
            acc += d * d
        out[s] = np.sqrt(acc)
    return out


@kernel
def _knn_accuracy_kernel(x_train, y_train, x_test, y_test, n_features, k):
    """acc = (1/N_test) Σ_t [ŷ_t = y_t], ŷ_t = [2 Σ_{s ∈ kNN(t)} y_s > k]: a majority vote of the k
    training points nearest to test point t in d²(s, t) = Σ_{j < F} (x_train[s, j] − x_test[t, j])².

    x_train (N_train, ≥F), y_train (N_train,) int 0/1, x_test (N_test, ≥F), y_test (N_test,) int 0/1;
    n_features F ≥ 1, k in 1 … N_train. Returns the accuracy, a float in [0, 1].
    """
    n_train = x_train.shape[0]
    n_test = x_test.shape[0]
    d2 = np.empty(n_train)
    correct = 0
    for t in range(n_test):
        for s in range(n_train):
            acc = 0.0
            for j in range(n_features):
                diff = x_train[s, j] - x_test[t, j]
                acc += diff * diff
            d2[s] = acc
        nearest = np.argsort(d2)[:k]
        votes = 0
        for s in nearest:
            votes += y_train[s]
        predicted = 1 if 2 * votes > k else 0
        if predicted == y_test[t]:
            correct += 1
    return correct / n_test


# ----------------------------------------------------------------------------------------------
# public Monte Carlo functions
# ----------------------------------------------------------------------------------------------
def cube_angles(dim: int, n_pairs: int, seed: int) -> np.ndarray:
    """Angles (radians) between ``n_pairs`` pairs of vectors uniform in [-1, 1]^D (the article's set-up)."""
    dim = _dim(dim)
    n_pairs = _checks.whole("n_pairs", n_pairs, 1, 1_000_000)
    _check_work("n_pairs", n_pairs, dim)
    return _angles_kernel(dim, n_pairs, check_seed(seed), False)


def sphere_angles(dim: int, n_pairs: int, seed: int) -> np.ndarray:
    """Angles (radians) between ``n_pairs`` pairs of directions uniform on the sphere S^{D−1}."""
    dim = _dim(dim)
    n_pairs = _checks.whole("n_pairs", n_pairs, 1, 1_000_000)
    _check_work("n_pairs", n_pairs, dim)
    return _angles_kernel(dim, n_pairs, check_seed(seed), True)


def cube_norms(dim: int, n_samples: int, seed: int) -> np.ndarray:
    """‖x‖ for ``n_samples`` points uniform in [-1, 1]^D (E‖x‖² = D/3)."""
    dim = _dim(dim)
    n_samples = _checks.whole("n_samples", n_samples, 1, 10_000_000)
    _check_work("n_samples", n_samples, dim)
    return _cube_norms_kernel(dim, n_samples, check_seed(seed))


def cube_face_gaps(dim: int, n_samples: int, seed: int) -> np.ndarray:
    """1 − max_k |x_k|, the distance to the nearest face, for the ``n_samples`` points of ``cube_norms``
    (same seed, same points); P(gap ≤ ε) = 1 − (1 − ε)^D."""
    dim = _dim(dim)
    n_samples = _checks.whole("n_samples", n_samples, 1, 10_000_000)
    _check_work("n_samples", n_samples, dim)
    return _cube_face_gaps_kernel(dim, n_samples, check_seed(seed))


def inscribed_ball_ratio_mc(dim: int, n_samples: int, seed: int) -> tuple[float, float]:
    """Hit-or-miss estimate of ρ_D: the share of uniform cube points with ‖x‖ ≤ 1, and its standard error."""
    norms = cube_norms(dim, n_samples, seed)
    p = float(np.mean(norms <= 1.0))
    return p, math.sqrt(p * (1.0 - p) / len(norms))


def ball_norms(dim: int, n_samples: int, seed: int) -> np.ndarray:
    """‖x‖ for ``n_samples`` points uniform in the unit D-ball (density D r^{D−1})."""
    dim = _dim(dim)
    n_samples = _checks.whole("n_samples", n_samples, 1, 10_000_000)
    _check_work("n_samples", n_samples, dim)
    return _ball_norms_kernel(dim, n_samples, check_seed(seed))


def shell_fraction_mc(dim: int, eps: float, n_samples: int, seed: int) -> float:
    """Share of ``n_samples`` points uniform in the unit ball that lie in the outer shell ‖x‖ > 1 − ε."""
    eps = _eps(eps)
    return float(np.mean(ball_norms(dim, n_samples, seed) > 1.0 - eps))


def grid_occupancy(dim: int, bins: int, n_samples: int, seed: int) -> tuple[int, float]:
    """Occupied cells of a b^D grid over [0, 1)^D by N uniform points: (count, fraction of all cells)."""
    dim = _dim(dim)
    bins = _checks.whole("bins", bins, 2, MAX_BINS)
    n_samples = _checks.whole("n_samples", n_samples, 1, 1_000_000)
    _check_work("n_samples", n_samples, dim)
    occupied = len(np.unique(_grid_cells_kernel(dim, bins, n_samples, check_seed(seed))))
    return occupied, math.exp(math.log(occupied) - dim * math.log(bins))


def distances_from_query(dim: int, n_points: int, seed: int) -> np.ndarray:
    """Distances from a uniform query point of [-1, 1]^D to ``n_points`` uniform points."""
    dim = _dim(dim)
    n_points = _checks.whole("n_points", n_points, 2, 1_000_000)
    _check_work("n_points", n_points, dim)
    return _distances_kernel(dim, n_points, check_seed(seed))


def relative_contrast(dim: int, n_points: int, seed: int) -> float:
    """(D_max − D_min) / D_min of the distances from a random query to ``n_points`` points."""
    d = distances_from_query(dim, n_points, seed)
    return float((d.max() - d.min()) / d.min())


def disc_problem(n_features: int, n_samples: int, seed: int, stream: int) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in [-1, 1]^F labelled by the first two features only: y = [x₁² + x₂² < 2/π].

    The disc of radius √(2/π) covers half of the square, so the classes are balanced; every other
    feature is pure noise.
    """
    n_features = _checks.whole("n_features", n_features, 2, MAX_DIM)
    n_samples = _checks.whole("n_samples", n_samples, 1, MAX_KNN_SAMPLES)
    _checks.within_budget(f"n_samples × n_features = {n_samples:,} × {n_features:,} coordinates",
                          n_samples * n_features)
    seed, stream = check_seed(seed), _checks.stream("stream", stream)
    x = 2.0 * uniforms(seed, n_samples * n_features, stream) - 1.0
    x = x.reshape(n_samples, n_features)  # (N, F)
    y = (x[:, 0] ** 2 + x[:, 1] ** 2 < 2.0 / math.pi).astype(np.int64)
    return x, y


def knn_accuracy_curve(n_noise: np.ndarray, n_train: int, n_test: int, seed: int,
                       k: int = 5) -> np.ndarray:
    """Test accuracy of k-NN on the disc problem with 2 informative + ``n_noise[j]`` noise features.

    Training and test sets are drawn once at the largest size; column prefixes give the smaller
    problems, so the curve shows the effect of the added features alone.

    Work: every test point is compared with every training point once per entry of ``n_noise``,
    n_train · n_test · Σ_j (n_noise[j] + 2 + log₂ n_train) operations; more than the engine's budget
    is refused (it would run for minutes).
    """
    n_noise = _checks.int_array("n_noise", n_noise, (None,), 0, MAX_DIM - 2)
    if n_noise.size == 0:
        raise ValueError("n_noise must list at least one count of noise features, got an empty list")
    n_train = _checks.whole("n_train", n_train, 1, MAX_KNN_SAMPLES)
    n_test = _checks.whole("n_test", n_test, 1, MAX_KNN_SAMPLES)
    k = _checks.whole("k", k, 1, min(99, n_train))
    seed = check_seed(seed)
    per_pair = int(np.sum(n_noise + 2)) + len(n_noise) * max(1, math.ceil(math.log2(n_train)))
    _checks.within_operations(f"n_train × n_test × Σ features = {n_train:,} × {n_test:,} × {per_pair:,}",
                              n_train * n_test * per_pair)
    n_features = int(n_noise.max()) + 2
    x_train, y_train = disc_problem(n_features, n_train, seed, stream=10)
    x_test, y_test = disc_problem(n_features, n_test, seed, stream=11)
    return np.array([_knn_accuracy_kernel(x_train, y_train, x_test, y_test, int(m) + 2, k)
                     for m in n_noise])


# ----------------------------------------------------------------------------------------------
# the article's motivating example: a grid classifier over 2 … 12 features
# ----------------------------------------------------------------------------------------------
GRID_FEATURES = 12  # the pipeline data of Bishop (2006) has 12 measurements and 3 classes
GRID_CLASSES = 3
MAX_GRID_SAMPLES = 100_000
# class centres in the two informative features (the article's two plotted features)
_CLASS_CENTRES = np.array([[0.28, 0.30], [0.72, 0.32], [0.50, 0.74]])
_WEAK_SHIFT = 0.06  # how far apart the classes sit in each of the ten other features
_SPREAD = 0.11  # standard deviation of every feature within a class


def three_class_data(n_samples: int, seed: int, stream: int) -> tuple[np.ndarray, np.ndarray]:
    """Synthetic data of the article's shape: 3 classes, 12 features in [0, 1] (seeded).

    Class y = ⌊3u⌋. Features 1 and 2 separate the classes well (centres ``_CLASS_CENTRES``); features
    3 … 12 carry a weak hint each (class centre 0.5 + 0.06 (y − 1) · (±1)); every feature has a
    within-class spread of 0.11, clipped to [0, 1). Returns x (N, 12), y (N,) in {0, 1, 2}.
    """
    n_samples = _checks.whole("n_samples", n_samples, 1, MAX_GRID_SAMPLES)
    seed, stream = check_seed(seed), _checks.stream("stream", stream)
    y = np.minimum((uniforms(seed, n_samples, stream) * GRID_CLASSES).astype(np.int64), GRID_CLASSES - 1)
    noise = normals(seed, n_samples * GRID_FEATURES, stream + 1).reshape(n_samples, GRID_FEATURES)
    signs = np.where(np.arange(GRID_FEATURES - 2) % 2 == 0, 1.0, -1.0)
    centres = np.empty((n_samples, GRID_FEATURES))
    centres[:, :2] = _CLASS_CENTRES[y]
    centres[:, 2:] = 0.5 + _WEAK_SHIFT * (y[:, None] - 1) * signs[None, :]
    x = np.clip(centres + _SPREAD * noise, 0.0, np.nextafter(1.0, 0.0))
    return x, y


def grid_cells(x, n_features: int, bins: int) -> np.ndarray:
    """The cell of each row of x (N, ≥F) in a grid of b equal bins per feature over [0, 1): one int per
    row, Σ_j ⌊b x_j⌋ b^j over the first F features (< b^F, so F ≤ 12 and b ≤ 20 fit in 64 bits)."""
    x = _checks.array("x", x)
    if x.ndim != 2:
        raise ValueError(f"x must be a (samples, features) table, got shape {x.shape}")
    n_features = _checks.whole("n_features", n_features, 1, min(GRID_FEATURES, x.shape[1]))
    bins = _checks.whole("bins", bins, 2, 20)
    if np.any(x[:, :n_features] < 0) or np.any(x[:, :n_features] >= 1):
        raise ValueError("x must lie in [0, 1) in the features the grid uses")
    index = np.floor(x[:, :n_features] * bins).astype(np.int64)
    return index @ (bins ** np.arange(n_features, dtype=np.int64))


def grid_classify(x_train, y_train, x_test, n_features: int, bins: int) -> np.ndarray:
    """The article's naive classifier: each cell of the grid (b bins per feature, first F features)
    takes the majority class of the training points in it (a tie goes to the lower class number); a
    test point gets its cell's class, or −1 when its cell holds no training point.

    x_train (N, ≥F) and x_test (M, ≥F) in [0, 1); y_train (N,) classes 0 … 2. Returns (M,) ints."""
    y_train = _checks.int_array("y_train", y_train, (None,), 0, GRID_CLASSES - 1)
    train = grid_cells(x_train, n_features, bins)
    test = grid_cells(x_test, n_features, bins)
    if len(train) != len(y_train):
        raise ValueError(f"y_train must have one class per row of x_train ({len(train)}), got {len(y_train)}")
    cells, inverse = np.unique(train, return_inverse=True)
    votes = np.zeros((len(cells), GRID_CLASSES), dtype=np.int64)
    np.add.at(votes, (inverse, y_train), 1)
    label = np.argmax(votes, axis=1)  # first maximum: ties to the lower class
    where = np.searchsorted(cells, test)
    found = (where < len(cells)) & (cells[np.minimum(where, len(cells) - 1)] == test)
    return np.where(found, label[np.minimum(where, len(cells) - 1)], -1)


def grid_classifier_curve(bins: int, n_train: int, n_test: int, seed: int) -> dict[str, np.ndarray]:
    """The grid classifier on ``three_class_data`` using the first F = 1 … 12 features, trained on
    ``n_train`` points and tested on ``n_test`` new ones. Returns arrays over F: ``features``,
    ``log10 cells`` (F log10 b), ``occupied`` (cells holding a training point), ``empty share`` (test
    points whose cell is empty), ``accuracy`` (right answers among all test points; no answer counts as
    wrong) and ``answered accuracy`` (among the test points that got an answer; NaN if none did)."""
    bins = _checks.whole("bins", bins, 2, 20)
    n_train = _checks.whole("n_train", n_train, 1, MAX_GRID_SAMPLES)
    n_test = _checks.whole("n_test", n_test, 1, MAX_GRID_SAMPLES)
    x_train, y_train = three_class_data(n_train, seed, stream=30)
    x_test, y_test = three_class_data(n_test, seed, stream=32)
    rows = {k: [] for k in ("features", "log10 cells", "occupied", "empty share", "accuracy", "answered accuracy")}
    for f in range(1, GRID_FEATURES + 1):
        predicted = grid_classify(x_train, y_train, x_test, f, bins)
        answered = predicted >= 0
        rows["features"].append(f)
        rows["log10 cells"].append(f * math.log10(bins))
        rows["occupied"].append(len(np.unique(grid_cells(x_train, f, bins))))
        rows["empty share"].append(1.0 - float(np.mean(answered)))
        rows["accuracy"].append(float(np.mean(predicted == y_test)))
        rows["answered accuracy"].append(float(np.mean(predicted[answered] == y_test[answered]))
                                         if answered.any() else math.nan)
    return {k: np.array(v) for k, v in rows.items()}


def density_histogram(values: np.ndarray, bins: int, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """Histogram normalised to a density on [lo, hi]: (edges (bins+1,), density (bins,)).

    ``values`` of any shape, finite; values outside [lo, hi] are counted in the total but in no
    bar. No values give a density of zeros (nothing was observed), not an error.
    """
    values = _checks.array("values", values)
    bins = _checks.whole("bins", bins, 1, MAX_HIST_BINS)
    lo = _checks.real("lo", lo)
    hi = _checks.real("hi", hi)
    if not lo < hi:
        raise ValueError(f"lo must be below hi, got lo = {lo:g}, hi = {hi:g}")
    counts, edges = np.histogram(values, bins=bins, range=(lo, hi))
    width = (hi - lo) / bins
    return edges, counts / (max(1, values.size) * width)


def warm_up() -> None:
    """Compile every kernel the page uses (tiny sizes)."""
    cube_angles(3, 4, 0)
    sphere_angles(3, 4, 0)
    cube_norms(3, 4, 0)
    cube_face_gaps(3, 4, 0)
    ball_norms(3, 4, 0)
    grid_occupancy(2, 4, 4, 0)
    distances_from_query(3, 4, 0)
    knn_accuracy_curve(np.array([0, 1]), 10, 4, 0, k=3)
