"""Server time per warm rerun, per section: where a page's rerun goes.

    python -m benchmarks.bench_sections                 # 7 warm runs per page, print the table
    python -m benchmarks.bench_sections -n 15           # more runs
    python -m benchmarks.bench_sections --record LABEL  # and write the run into benchmarks/README.md

One server from this checkout (``streamlit run streamlit_app.py``, headless, a persistent numba cache)
started with ``APP_SECTION_RUN_LOG``: the frame appends every section's run and its server time (from the
section's first line to its last element, ``time.perf_counter``), and every whole run of a page, to that
log (``ui.frame._log_run``). One websocket session (``bench_audience.Session``, Streamlit's own protocol, no
browser) opens each topic page twice to warm it, then N times more; a run is timed from the request to the
server's ``script_finished`` too (the "request to finished" column: the run plus Streamlit's own sending).
The session says it is one of the server's own views (``ui.warmup.OWN_AGENT``), so every section is drawn
whole: a reader's fresh page draws its first section and leaves the others for later (``ui.in_view``).

Baseline in the same run: Streamlit's own floor (``benchmarks/floor_app.py``: one slider, one Altair chart),
opened the same way on a second server, request to ``script_finished``. A section's row is what a control
inside it costs on the server (a section reruns alone, as a fragment); the page's row is what a page-level
control (D, the seed) or a link costs.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import pathlib
import sys
import tempfile

import numpy as np

from benchmarks import bench_audience as audience
from benchmarks import common
from benchmarks.bench_settle import _loadavg, _start

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
PAGES = ("curse_of_dimensionality", "rnn_prerequisites", "simple_rnn", "history", "lstm_forward",
         "lstm_backprop")
WARM_RUNS = 2
WHOLE = "(page)"  # ui.frame.WHOLE_RUN
OWN_AGENT = "dimensions-lstms-warm-up"  # ui.warmup.OWN_AGENT


async def _open_many(port: int, views: list[audience.View]) -> list[audience.Result]:
    pages: dict[str, str] = {}
    # as the server's own views: every section drawn whole (a reader's fresh page leaves most for later, ui.in_view)
    session = audience.Session(port, pages, audience.VIEW_TIMEOUT, user_agent=OWN_AGENT)
    home = await session.open(audience.View(""))  # fills the page list
    results = [home]
    try:
        for view in views:
            results.append(await session.open(view))
    finally:
        await session.close()
    return results[1:]


def _read_log(path: pathlib.Path) -> list[tuple[str, float]]:
    rows = []
    for line in path.read_text().splitlines():
        name, _, seconds = line.partition(" ")
        if seconds:
            rows.append((name, float(seconds)))
    return rows


def _measure_app(n: int, cache: pathlib.Path) -> tuple[dict, dict]:
    """Per-name server times (ms) from the log, and per-page request-to-finished times (ms)."""
    log = pathlib.Path(tempfile.mkdtemp()) / "runs.log"
    os.environ.update(APP_SECTION_RUN_LOG=str(log), APP_SECTION_FRAGMENTS="1")
    with open(log.with_suffix(".server"), "w") as server_log:
        proc, port = audience._start_server(ROOT, cache, server_log)
        try:
            views = [audience.View(page) for page in PAGES for _ in range(WARM_RUNS)]
            asyncio.run(_open_many(port, views))  # compiles, fills the caches
            log.write_text("")
            views = [audience.View(page) for _ in range(n) for page in PAGES]  # interleaved
            results = asyncio.run(_open_many(port, views))
        finally:
            audience._stop_server(proc)
    failed = [r for r in results if r.problem]
    if failed:
        raise RuntimeError(f"{len(failed)} runs failed, first: {failed[0].view.link}: {failed[0].problem}")
    sections = collections.defaultdict(list)
    for name, seconds in _read_log(log):
        sections[name].append(seconds * 1000)
    requests = collections.defaultdict(list)
    for result in results:
        requests[result.view.page].append(result.seconds * 1000)
    return dict(sections), dict(requests)


def _measure_floor(n: int) -> list[float]:
    proc, url = _start("benchmarks/floor_app.py")
    port = int(url.rsplit(":", 1)[1])
    try:
        views = [audience.View("")] * (WARM_RUNS + n)
        results = asyncio.run(_open_many(port, views))[WARM_RUNS:]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return [r.seconds * 1000 for r in results]


def measure(n: int, cache: pathlib.Path) -> dict:
    load_start = _loadavg()
    floor = _measure_floor(n)
    sections, requests = _measure_app(n, cache)
    return {"n": n, "floor": floor, "sections": sections, "requests": requests,
            "load": (load_start, _loadavg())}


def _ms(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def table(result: dict) -> list[str]:
    floor = _ms(result["floor"], 50)
    lines = ["| page · section | median | p95 | median / floor | share of the page's run |",
             "|---|---:|---:|---:|---:|",
             f"| **floor (one slider, one chart)**, request to finished | {floor:.0f} ms | "
             f"{_ms(result['floor'], 95):.0f} ms | 1.0x | |"]
    sections = result["sections"]
    for page in PAGES:
        whole = sections.get(f"{page}.{WHOLE}", [])
        request = result["requests"].get(page, [])
        page_ms = _ms(whole, 50)
        lines.append(f"| **{page}**, request to finished | {_ms(request, 50):.0f} ms | {_ms(request, 95):.0f} ms | "
                     f"{_ms(request, 50) / floor:.1f}x | |")
        lines.append(f"| {page} · whole run on the server | {page_ms:.0f} ms | {_ms(whole, 95):.0f} ms | "
                     f"{page_ms / floor:.1f}x | 100% |")
        names = [name for name in sections if name.startswith(f"{page}.") and name != f"{page}.{WHOLE}"]
        for name in names:
            median = _ms(sections[name], 50)
            lines.append(f"| {page} · {name.split('.', 1)[1]} | {median:.0f} ms | {_ms(sections[name], 95):.0f} ms | "
                         f"{median / floor:.1f}x | {100 * median / page_ms:.0f}% |")
    return lines


INTRO = ("`python -m benchmarks.bench_sections` (`-n N` runs per page, default 7; `--record LABEL` writes the "
         "run here). One server with `APP_SECTION_RUN_LOG` set: the frame logs each section's server time "
         "(first line to last element) and each whole run of a page. One websocket session opens every topic "
         "page twice to warm it, then N times more, pages interleaved; \"request to finished\" is from the "
         "request to Streamlit's `script_finished`. Baseline in the same run: `benchmarks/floor_app.py` (one "
         "slider, one Altair chart), request to finished. A section's row is what a control inside it costs "
         "the server (it reruns alone); the whole run is what a page-level control or a link costs.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=7, help="measured runs per page (default 7)")
    parser.add_argument("--numba-cache", type=pathlib.Path, default=audience.NUMBA_CACHE,
                        help="NUMBA_CACHE_DIR of the server, kept between runs")
    parser.add_argument("--record", metavar="LABEL", help="write the run into benchmarks/README.md as LABEL")
    parser.add_argument("--busy", help="how busy the machine was, for the record (default: from the load)")
    args = parser.parse_args()
    result = measure(args.n, args.numba_cache)
    lines = table(result)
    print("\n".join(lines))
    if args.record:
        load = result["load"]
        busy = args.busy or ("quiet" if float(load[0].split(",")[0]) < 1.0 else "busy: other jobs running")
        common.record_run(README, "sections", "Server time per section (warm rerun)", INTRO, args.record,
                          f"python -m benchmarks.bench_sections -n {args.n}", busy, load, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
