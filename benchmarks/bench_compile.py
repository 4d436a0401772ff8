"""Compiling every engine kernel from an empty numba cache (a cloud wake-up): in the server's own thread,
one module after the other, against compile workers (``ui.compile_pool``), in the same run.

    python -m benchmarks.bench_compile              # 3 rounds, each way in turn
    python -m benchmarks.bench_compile --rounds 5

Each round is a fresh Python process with a fresh cache folder, compiling the modules in the order a first
visit of the curse page asks for them; it reports the seconds until every module is loaded in it, and the
peak memory of the process and its workers together (sampled every 0.1 s from ``/proc``).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.common import ROOT


def _one(workers: int) -> None:
    """One round, in this (fresh) process: print the seconds until every module is loaded here."""
    from engine.compile_worker import compile_module
    from ui import compile_pool, frame, registry

    modules = frame.engine_modules(registry.spec("curse_of_dimensionality").engines)
    start = time.perf_counter()
    if workers:
        compile_pool.compile_all(compile_pool.Plan(modules, workers), compile_module)
    else:
        for module in modules:
            compile_module(module)
    print(json.dumps({"seconds": time.perf_counter() - start}))


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
    except (OSError, StopIteration):
        return 0.0


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started, from any of its threads (the workers come from the pool's threads)."""
    found = []
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _round(workers: int) -> tuple[float, float]:
    """Seconds to compile everything with ``workers`` (0: in the process's own thread), and peak MB."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache, APP_COMPILE_WORKERS=str(workers))
        proc = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_compile", "--one", str(workers)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _rss_mb(proc.pid) + sum(_rss_mb(child) for child in _children(proc.pid)))
            time.sleep(0.1)
        out = proc.stdout.read()
    if proc.returncode:
        raise RuntimeError(f"the round with {workers} workers failed")
    return json.loads(out.strip().splitlines()[-1])["seconds"], peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        return _one(args.one)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    ways = {"in the server's thread": 0, "2 compile workers": 2}
    results = {name: [] for name in ways}
    for _ in range(args.rounds):
        for name, workers in ways.items():
            results[name].append(_round(workers))
    print(f"{os.cpu_count()} cores; load average at the start {load}, at the end "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)\n")
    print("| compiling every kernel, empty cache | median | rounds | peak memory (process + workers) |")
    print("|---|---:|---|---:|")
    for name, rows in results.items():
        seconds = [s for s, _ in rows]
        print(f"| {name} | {statistics.median(seconds):.1f} s | {', '.join(f'{s:.1f}' for s in seconds)} s "
              f"| {max(m for _, m in rows):.0f} MB |")
    thread, pool = (statistics.median(s for s, _ in rows) for rows in results.values())
    print(f"\nworkers / thread: {pool / thread:.2f}")


if __name__ == "__main__":
    main()
