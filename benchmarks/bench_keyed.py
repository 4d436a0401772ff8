"""What a keyed rerun from a callback costs the browser: the same move, one run or two.

    python -m benchmarks.bench_keyed -n 10 --parts 30

Serves ``benchmarks/keyed_app.py`` and moves its slider on two links in alternating blocks, one tab at a time
(as ``bench_ab``), measured as ``bench_settle`` measures (key press to the page settled): ``?how=own`` (the
slider in the chart's fragment: one run) and ``?how=keyed`` (the slider on the page, its callback reruns the
fragment by key: the app's pattern, two runs). Both redraw the same chart, and the same static parts stand
around it. Prints medians, p95 and their ratio, for ``--parts`` and for a page without static parts.
"""

from __future__ import annotations

import argparse

import numpy as np

from benchmarks import bench_settle as settle
from benchmarks.bench_ab import _block, launch


def measure(n: int, blocks: int, parts: tuple[int, ...]) -> dict[tuple[int, str], list[float]]:
    from playwright.sync_api import sync_playwright

    proc, url = settle._start("benchmarks/keyed_app.py")
    times: dict[tuple[int, str], list[float]] = {(p, how): [] for p in parts for how in ("own", "keyed")}
    try:
        with sync_playwright() as p:
            browser, context = launch(p)
            for block in range(blocks):
                for count in parts:
                    for how in ("own", "keyed") if block % 2 == 0 else ("keyed", "own"):
                        times[(count, how)] += _block(context, url, f"/?how={how}&parts={count}", "n", "slider", n)
            browser.close()
    finally:
        proc.kill()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="measured moves per block (default 10)")
    parser.add_argument("--blocks", type=int, default=4, help="blocks per link (default 4)")
    parser.add_argument("--parts", type=int, default=30, help="static parts around the chart (default 30)")
    args = parser.parse_args()
    load = settle._loadavg()
    times = measure(args.n, args.blocks, (0, args.parts))
    print(f"load average {load} at the start, {settle._loadavg()} at the end (1, 5, 15 min)")
    print("| static parts | own run: median | p95 | keyed rerun: median | p95 | keyed / own (median, p95) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in (0, args.parts):
        own, keyed = (np.array(times[(count, how)]) for how in ("own", "keyed"))
        m = [float(np.median(own)), float(np.percentile(own, 95)), float(np.median(keyed)),
             float(np.percentile(keyed, 95))]
        print(f"| {count} | {m[0]:.0f} ms | {m[1]:.0f} ms | {m[2]:.0f} ms | {m[3]:.0f} ms "
              f"| {m[2] / m[0]:.2f}, {m[3] / m[1]:.2f} |")


if __name__ == "__main__":
    main()
