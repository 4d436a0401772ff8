"""Timing helpers shared by the benchmark scripts: best-of-k wall time, a ratio table, a server's CPU time."""

from __future__ import annotations

import contextlib
import os
import pathlib
import time
from collections.abc import Callable, Mapping

ROOT = pathlib.Path(__file__).resolve().parent.parent


def best_time(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Best wall time of ``repeat`` calls after ``warmup`` calls (seconds)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def adaptive_time(fn: Callable[[], object], min_time: float = 0.05, repeats: int = 5) -> float:
    """Seconds per call: the best of ``repeats`` rounds, each looping for at least ``min_time``."""
    fn()  # warm (compilation, caches)
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            break
        n *= 2
    rounds = [elapsed / n]
    for _ in range(repeats - 1):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        rounds.append((time.perf_counter() - start) / n)
    return min(rounds)


def open_page(page: str, query: Mapping[str, str] | None = None):
    """Open ``page`` in AppTest as a link would (from the entrypoint); return (AppTest, first-run seconds)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page != "streamlit_app.py":
        at.switch_page(page)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    return at, first


def page_rerun_table(page: str, cases: Mapping[str, Mapping[str, str]]) -> list[str]:
    """A markdown table: for each named link ``query`` of ``page``, the first run in this process
    (fills the caches) and a warm rerun of the whole script (what a slider move costs at least)."""
    lines = ["| page setting | first run (fills caches) | warm rerun |", "|---|---|---|"]
    for name, query in cases.items():
        at, first = open_page(page, query)
        start = time.perf_counter()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        lines.append(f"| {name} | {first * 1e3:.0f} ms | {(time.perf_counter() - start) * 1e3:.0f} ms |")
    return lines


def row(name: str, ours: float, baseline: float | None = None, baseline_name: str = "") -> str:
    """A markdown table row: our time, the baseline's, and baseline/ours."""
    if baseline is None:
        return f"| {name} | {ours * 1e3:.2f} ms | | |"
    return f"| {name} | {ours * 1e3:.2f} ms | {baseline * 1e3:.2f} ms ({baseline_name}) | {baseline / ours:.1f}x |"


HEADER = "| case | engine | baseline | speed-up |\n|---|---|---|---|"


def record_run(readme, section: str, title: str, intro: str, label: str, command: str, busy: str,
               load: tuple[str, str], lines: list[str], extra: str = "") -> None:
    """Write one run into ``readme``'s ``section`` (created with ``title`` and ``intro`` when missing) as
    the block ``label``, replacing a block of that label: the command, date, load, then ``lines``."""
    import datetime
    import functools
    import re
    import textwrap

    text = readme.read_text()
    head, tail = f"<!-- section: {section} -->", f"<!-- end: {section} -->"
    if head not in text:
        text = text.rstrip("\n") + f"\n\n{head}\n## {title}\n\n{intro}\n\n{tail}\n"
    block_head, block_tail = f"<!-- run: {label} -->", f"<!-- end run: {label} -->"
    wrap = functools.partial(textwrap.fill, width=104, break_long_words=False, break_on_hyphens=False)
    body = [block_head, f"### {label}", "",
            wrap(f"`{command}`, {datetime.date.today().isoformat()}, 2-core machine, {busy} (load average "
                 f"{load[0]} at the start, {load[1]} at the end; 1, 5, 15 min).{extra}"),
            "", *lines, block_tail]
    block = "\n".join(body)
    start, end = text.index(head), text.index(tail)
    part = text[start:end]
    pattern = re.compile(re.escape(block_head) + r".*?" + re.escape(block_tail), re.S)
    part = pattern.sub(lambda _: block, part) if pattern.search(part) else part + block + "\n"
    readme.write_text(text[:start] + part + text[end:])


def proc_children(pid: int) -> list[int]:
    children = []
    for tasks in pathlib.Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            children += [int(c) for c in tasks.read_text().split()]
    return children


def tree_cpu(pid: int) -> float:
    """Seconds of CPU (user + system) process ``pid`` and its live descendants have used."""
    total = 0.0
    for p in (pid, *proc_children(pid)):
        try:
            fields = pathlib.Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            pass
    return total
