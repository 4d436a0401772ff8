"""Geometry engine against the vectorised numpy a user would write; the page's warm reruns; cold vs warm.

    python -m benchmarks.bench_geometry
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

from benchmarks.common import HEADER, best_time, open_page, row
from engine import geometry as g

ROOT = pathlib.Path(__file__).resolve().parent.parent


def numpy_cube_angles(dim: int, n_pairs: int, seed: int) -> np.ndarray:
    """What a user would write: two (n_pairs, D) uniform arrays, row-wise cosines, arccos."""
    rng = np.random.default_rng(seed)
    u = rng.uniform(-1.0, 1.0, (n_pairs, dim))
    v = rng.uniform(-1.0, 1.0, (n_pairs, dim))
    cos = np.einsum("ij,ij->i", u, v) / np.sqrt(np.einsum("ij,ij->i", u, u) * np.einsum("ij,ij->i", v, v))
    return np.arccos(np.clip(cos, -1.0, 1.0))


def numpy_distances(dim: int, n_points: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q = rng.uniform(-1.0, 1.0, dim)
    return np.linalg.norm(rng.uniform(-1.0, 1.0, (n_points, dim)) - q, axis=1)


def kernels() -> list[str]:
    g.warm_up()
    lines = [HEADER]
    for dim, n in ((1000, 10_000), (100, 10_000), (10_000, 2_500)):
        ours = best_time(lambda d=dim, k=n: g.cube_angles(d, k, 1))
        base = best_time(lambda d=dim, k=n: numpy_cube_angles(d, k, 1), repeat=3)
        lines.append(row(f"cube_angles({dim}, {n})", ours, base, "numpy"))
    ours = best_time(lambda: g.distances_from_query(1000, 10_000, 1))
    base = best_time(lambda: numpy_distances(1000, 10_000, 1), repeat=3)
    lines.append(row("distances_from_query(1000, 10000)", ours, base, "numpy"))
    return lines


def page_reruns() -> list[str]:
    """Warm rerun of the curse page (AppTest, same process) at defaults and at the worst setting."""

    lines = ["| page setting | first run (fills caches) | warm rerun |", "|---|---|---|"]
    settings = {"defaults": {}, "worst: dim=10000, sphere, 50000 pairs, N=10000":
                {"dim": "10000", "sampling": "sphere", "pairs": "50000", "points": "10000", "n": "10000"}}
    for name, query in settings.items():
        at, first = open_page("pages/curse_of_dimensionality.py", query)
        warm = best_time(lambda a=at: a.run(), repeat=3, warmup=0)
        assert not at.exception, [e.value for e in at.exception]
        lines.append(f"| {name} | {first:.2f} s | {warm:.2f} s |")
    return lines


def cold_vs_warm() -> list[str]:
    """Import + warm_up of the geometry kernels in a fresh process: empty vs filled numba cache."""
    code = ("import time; t = time.perf_counter(); import engine.geometry as g; g.warm_up(); "
            "print(time.perf_counter() - t)")
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        cold = float(subprocess.check_output([sys.executable, "-c", code], env=env, text=True, cwd=ROOT))
        warm = float(subprocess.check_output([sys.executable, "-c", code], env=env, text=True, cwd=ROOT))
    return ["| start | import + compile/load of every geometry kernel |", "|---|---|",
            f"| cold (empty numba cache) | {cold:.2f} s |", f"| warm (filled cache) | {warm:.2f} s |"]


if __name__ == "__main__":
    for block in (kernels(), page_reruns(), cold_vs_warm()):
        print("\n".join(block), end="\n\n")
