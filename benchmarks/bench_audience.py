"""An audience of 30: many sessions on one server opening the same views at once, over Streamlit's websocket.

    python -m benchmarks.bench_audience                   # 30 sessions, both scenarios, print the tables
    python -m benchmarks.bench_audience --sessions 3      # a quick check
    python -m benchmarks.bench_audience --repo OTHER      # serve another checkout (a before/after comparison)
    python -m benchmarks.bench_audience --record LABEL    # and write the run into benchmarks/README.md

One real server from the checkout (``streamlit run streamlit_app.py``, headless, no file watcher) with a numba
cache folder that persists between runs of this benchmark. No browser: each session is one websocket to
``/_stcore/stream`` speaking Streamlit's own protocol (protobuf ``BackMsg`` / ``ForwardMsg``), as the
frontend does. A view is opened by a ``rerun_script`` request carrying the link's query string and the page
(its ``page_script_hash`` and ``url_pathname``, from the ``app_pages`` of the server's ``navigation``
message, or of ``new_session`` in older Streamlit versions); it is timed from sending the request until
the server's ``script_finished``. A view fails when that status is not "finished successfully" (a run cut
short by the script's own ``st.rerun`` is followed to the end of the next run), when the run drew an
exception, when the page is not found, when the connection drops, or after 120 s. Percentiles are over
every view, failed ones at the time they took.

1. Warm-up: one session opens the home page, then every view below once (fills the numba cache and the
   app's caches); reported on its own.
2. Prepared links: N sessions (default 30) start at once, each opening four presenter links in turn:
   ``/curse_of_dimensionality?present=1&dim=400``, ``/simple_rnn?present=1``, ``/lstm_forward?present=1``,
   ``/lstm_backprop?present=1``.
3. Following a deck: N sessions open ``/talk?deck=full-series&scene=n`` for n = 1 … 8, all on the same
   scene at the same time (the next scene when every session has the previous one), like the followers
   of a speaker.
4. Waiting followers: N sessions open the follow view ``/talk?deck=full-series&view=follow`` and wait
   ``WAIT_S`` seconds while the speaker does nothing. The view polls where the speaker is with a fragment
   Streamlit reruns on a timer (``run_every``): each session reruns it as the browser would, at the interval
   of the server's ``auto_rerun`` message, each poll timed like a view. What the server spends on them is
   the **server CPU** row (its process's user + system time over the scenario's wall time, as a share of
   one core): what an audience costs while it only watches.
5. Baselines in the same run, each on a server of its own: Streamlit's floor (``benchmarks/floor_app.py``, one
   slider and one chart) opened by N fresh sessions at once, three times; and a page of the curse page's
   shape (``benchmarks/shape_app.py``: as many charts, texts and CSV buttons, nothing computed) opened four
   times in turn by each of N sessions at once, as the prepared links are: what Streamlit alone needs to
   serve views that large.

Per scenario: views, failures, p50 / p95 / max seconds per view, views finished per second of wall time,
the server's peak RSS (its process and any children, sampled every 0.2 s; MB = 10⁶ bytes) and the load
average at the start and end. Targets (the issue): p95 ≤ 2 s per view, no failure, peak ≤ 700 MB, on this
2-core machine; sessions that show the same view share its computed results and chart specs.

Before (the issue's measurement): 30 sessions opening four prepared presenter links at once: p50 12.4 s,
p95 31.1 s per page, 0 failures; 12 sessions on heavy links: p50 3.6 s, p95 12.1 s.

The sessions run in this one process (asyncio), which shares the machine's two cores with the server, and
send no hashes of messages they already hold, so the server sends every message whole.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import os
import pathlib
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.request

import numpy as np

from benchmarks import common
from benchmarks.bench_settle import _free_port, _loadavg
from benchmarks.common import proc_children, tree_cpu

try:
    import psutil
except ImportError:  # read /proc instead
    psutil = None

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
NUMBA_CACHE = pathlib.Path(tempfile.gettempdir()) / "bench-audience-numba-cache"
VIEW_TIMEOUT = 120.0  # seconds; a view that takes longer is a failure
START_TIMEOUT = 180.0  # the server's start on a busy machine
SAMPLE_EVERY = 0.2  # seconds between RSS samples
TARGET_P95 = 2.0
TARGET_PEAK_MB = 700.0
DECK, SCENES = "full-series", 8


@dataclasses.dataclass(frozen=True)
class View:
    page: str  # the page's url_pathname ("" for the home page)
    query: str = ""

    @property
    def link(self) -> str:
        return f"/{self.page}" + (f"?{self.query}" if self.query else "")


@dataclasses.dataclass
class Result:
    view: View
    seconds: float
    problem: str | None = None  # None: the view finished without failure
    elements: int = 0  # elements the run drew
    received: int = 0  # bytes the server sent for the view


PREPARED = (View("curse_of_dimensionality", "present=1&dim=400"), View("simple_rnn", "present=1"),
            View("lstm_forward", "present=1"), View("lstm_backprop", "present=1"))
FOLLOWED = tuple(View("talk", f"deck={DECK}&scene={n}") for n in range(1, SCENES + 1))
FOLLOW_VIEW = View("talk", f"deck={DECK}&view=follow")
WAIT_S = 20.0  # seconds the waiting followers wait


# ---------------------------------------------------------------------------------------------- server
def _start_server(repo: pathlib.Path, cache: pathlib.Path, log, watcher: str | None = None
                  ) -> tuple[subprocess.Popen, int]:
    """A server of ``repo`` as its config sets it up (``watcher``: another ``server.fileWatcherType``)."""
    port = _free_port()
    # APP_WARM_VIEWS=0: the warm-up scenario opens every view itself; the server's own opening of each page
    # (ui.warmup) would add its runs to whichever scenario it overlaps, and to bench_sections' run log
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache), APP_WARM_VIEWS="0")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless",
                             "true", "--server.port", str(port), "--browser.gatherUsageStats", "false",
                             *(("--server.fileWatcherType", watcher) if watcher else ())],
                            cwd=repo, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return proc, port
        except OSError:
            time.sleep(0.2)
    _stop_server(proc)
    raise RuntimeError(f"the server did not answer /_stcore/health within {START_TIMEOUT:.0f} s")


def _stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(log, lines: int = 15) -> str:
    log.flush()
    log.seek(0)
    return "\n".join(log.read().decode(errors="replace").splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------- memory
def _proc_status(pid: int, field: str) -> int:
    """A ``kB`` field of /proc/<pid>/status, in bytes (0 when the process is gone)."""
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of process ``pid`` and all its descendants."""
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for p in procs:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
        return total
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _proc_status(p, "VmRSS")
        todo += proc_children(p)
    return total


class RssSampler(threading.Thread):
    """Samples the server's resident memory every ``SAMPLE_EVERY`` s; ``take_peak`` gives the peak since the
    last call (and starts a new window)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self._stop_event = threading.Event()
        self._lock = threading.Lock()
        self.last = self.peak = tree_rss(pid)

    def run(self) -> None:
        while not self._stop_event.wait(SAMPLE_EVERY):
            rss = tree_rss(self.pid)
            with self._lock:
                self.last, self.peak = rss, max(self.peak, rss)

    def take_peak(self) -> int:
        rss = tree_rss(self.pid)
        with self._lock:
            peak, self.last, self.peak = max(self.peak, rss), rss, rss
        return peak

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=2)


# ---------------------------------------------------------------------------------------------- sessions
class Session:
    """One browser tab's worth of Streamlit: a websocket to the server, opening views one after another."""

    def __init__(self, port: int, pages: dict[str, str], timeout: float, user_agent: str | None = None) -> None:
        self.url = f"ws://localhost:{port}/_stcore/stream"
        self.user_agent = user_agent  # None: the websockets library's own
        self.pages = pages  # url_pathname -> page_script_hash, filled from new_session messages
        self.timeout = timeout
        self.ws = None
        self.auto_reruns: dict[str, float] = {}  # fragment id -> seconds between its timed reruns

    async def connect(self) -> None:
        from websockets.asyncio.client import connect
        from websockets.typing import Subprotocol

        # The frontend sends "streamlit" (then its XSRF token and a session to resume, both optional here)
        # in Sec-WebSocket-Protocol; Streamlit accepts the first entry. Chart specs exceed websockets' default
        # 1 MiB frame limit; no client pings (a busy client must not drop its own connections).
        agent = {} if self.user_agent is None else {"user_agent_header": self.user_agent}
        self.ws = await connect(self.url, subprotocols=[Subprotocol("streamlit")], max_size=None,
                                ping_interval=None, open_timeout=self.timeout, close_timeout=5, **agent)

    async def close(self) -> None:
        ws, self.ws = self.ws, None
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close()

    async def try_connect(self) -> None:
        """Connect now, before the clock starts; a session that could not connects again in ``open``."""
        with contextlib.suppress(Exception):
            await self.connect()

    def _request(self, view: View, fragment_id: str = "") -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = view.query
        state.page_name = view.page
        state.page_script_hash = self.pages.get(view.page, "")
        if fragment_id:  # a fragment's timed rerun, as the browser sends it
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
        return msg.SerializeToString()

    async def open(self, view: View, fragment_id: str = "") -> Result:
        """Open ``view`` as following a link does (or rerun its fragment ``fragment_id``, as its timer does):
        the time from the request until the run has finished."""
        result = Result(view, 0.0)
        start = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout):
                if self.ws is None:
                    await self.connect()
                await self.ws.send(self._request(view, fragment_id))
                result.problem = await self._until_finished(result, fragment=bool(fragment_id))
        except TimeoutError:
            result.problem = f"no end of run within {self.timeout:.0f} s"
        except Exception as exc:  # the connection dropped, the handshake failed, …
            result.problem = f"{type(exc).__name__}: {exc}"
        result.seconds = time.perf_counter() - start
        if result.problem is not None:
            await self.close()  # a late message of this run must not end the next view: start afresh
        return result

    async def _until_finished(self, result: Result, fragment: bool = False) -> str | None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        problem = None
        async for data in self.ws:
            result.received += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "navigation":  # the app's pages (Streamlit 1.67; older versions: in new_session)
                for page in msg.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "new_session":
                for page in msg.new_session.app_pages:
                    self.pages.setdefault(page.url_pathname, page.page_script_hash)
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                result.elements += 1
                if msg.delta.new_element.WhichOneof("type") == "exception" and problem is None:
                    exc = msg.delta.new_element.exception
                    problem = f"exception {exc.type}: {exc.message}"[:200]
            elif kind == "auto_rerun":
                self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                self.auto_reruns.pop(msg.stop_auto_rerun.fragment_id, None)
            elif kind == "page_not_found":
                problem = problem or f"page not found: {msg.page_not_found.page_name!r}"
            elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
                problem = problem or f"compile error: {msg.session_event.script_compilation_exception.message}"
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY or (
                        fragment and status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return problem
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return problem or "script finished with a compile error"
                # FINISHED_EARLY_FOR_RERUN (the script's own st.rerun) or a fragment's run: the view's run follows
        return problem or "connection closed before the run finished"


# ---------------------------------------------------------------------------------------------- scenarios
@dataclasses.dataclass
class Scenario:
    name: str
    sessions: int
    results: list[Result]
    wall: float
    peak_rss: int
    load: tuple[str, str]
    cpu: float = 0.0  # seconds of server CPU (user + system, with children) during the scenario


async def _discover(port: int, timeout: float) -> tuple[dict[str, str], Result]:
    """Open the home page once: the server's page list (url_pathname -> page_script_hash) and its time."""
    pages: dict[str, str] = {}
    session = Session(port, pages, timeout)
    try:
        home = await session.open(View(""))
    finally:
        await session.close()
    return pages, home


async def _warm_up(port: int, pages: dict[str, str], views: tuple[View, ...], timeout: float) -> list[Result]:
    session = Session(port, pages, timeout)
    results = []
    try:
        for view in views:
            results.append(await session.open(view))
            print(f"  warm-up {view.link}: {results[-1].seconds:.1f} s"
                  + (f" FAILED ({results[-1].problem})" if results[-1].problem else ""), file=sys.stderr)
    finally:
        await session.close()
    return results


async def _prepared(port: int, pages: dict[str, str], n: int, views: tuple[View, ...], timeout: float) -> list:
    """N sessions start at once, each opening the prepared links in turn."""

    async def follow(session: Session) -> list[Result]:
        return [await session.open(view) for view in views]

    return await _at_once(port, pages, n, timeout, follow)


async def _at_once(port: int, pages: dict[str, str], n: int, timeout: float, each) -> tuple[list[Result], float]:
    """N sessions connected first, then ``each(session)`` run for all of them at once: their results and
    the wall time."""
    sessions = [Session(port, pages, timeout) for _ in range(n)]
    await asyncio.gather(*(s.try_connect() for s in sessions))
    try:
        start = time.perf_counter()
        per_session = await asyncio.gather(*(each(s) for s in sessions))
        wall = time.perf_counter() - start
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    return [r for rs in per_session for r in rs], wall


async def _deck(port: int, pages: dict[str, str], n: int, views: tuple[View, ...], timeout: float) -> list:
    """N sessions on the same scene at once; the next scene when all have the previous one."""
    sessions = [Session(port, pages, timeout) for _ in range(n)]
    await asyncio.gather(*(s.try_connect() for s in sessions))
    results: list[Result] = []
    try:
        start = time.perf_counter()
        for view in views:
            step = await asyncio.gather(*(s.open(view) for s in sessions))
            results += step
            print(f"  {view.link}: slowest session {max(r.seconds for r in step):.1f} s", file=sys.stderr)
        wall = time.perf_counter() - start
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    return results, wall


async def _waiting(port: int, pages: dict[str, str], n: int, views: tuple[View, ...], timeout: float) -> list:
    """N sessions open the follow view, then rerun its timed fragments for ``WAIT_S`` seconds, each at the
    interval the server asked for (after the previous poll has finished, as Streamlit's frontend waits)."""
    view = views[0]

    async def wait(session: Session) -> list[Result]:
        opened = await session.open(view)
        if opened.problem or not session.auto_reruns:
            return [opened if opened.problem else dataclasses.replace(opened, problem="no timed fragment")]
        fragment_id, interval = next(iter(session.auto_reruns.items()))
        polls, end = [], time.perf_counter() + WAIT_S
        while time.perf_counter() + interval < end:
            await asyncio.sleep(interval)
            polls.append(await session.open(view, fragment_id))
        return polls

    return await _at_once(port, pages, n, timeout, wait)


def measure(repo: pathlib.Path, n: int, timeout: float, only: str | None, cache: pathlib.Path,
            watcher: str | None = None) -> dict:
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as log:
        load_start = _loadavg()
        started = time.perf_counter()
        proc, port = _start_server(repo, cache, log, watcher)
        start_seconds = time.perf_counter() - started
        sampler = RssSampler(proc.pid)
        sampler.start()
        try:
            result = _measure(port, proc, sampler, n, timeout, only, load_start, start_seconds, log)
        finally:
            sampler.stop()
            _stop_server(proc)
    result["scenarios"].append(_floor(n, timeout))
    result["scenarios"].append(_floor(n, timeout, SHAPE))
    result["load"] = (load_start, _loadavg())
    return result


@dataclasses.dataclass(frozen=True)
class Floor:
    name: str
    script: str
    rounds: int  # N fresh sessions at once, this many times
    views: int  # views each session opens in turn


ONE_CHART = Floor("Streamlit's floor, one chart", "benchmarks/floor_app.py", rounds=3, views=1)
# a page of the curse page's shape (20 charts, 52 texts, 16 CSV buttons), opened four times by each session as
# the prepared links are: what drawing that many parts costs a server, whatever the page computes
SHAPE = Floor("Streamlit's floor, the curse page's shape", "benchmarks/shape_app.py", rounds=1, views=len(PREPARED))


def _floor(n: int, timeout: float, floor: Floor = ONE_CHART) -> Scenario:
    """A same-run baseline: a page of Streamlit's alone (``floor.script``) opened by N fresh sessions at once,
    each ``floor.views`` times in turn, ``floor.rounds`` times."""
    from benchmarks.bench_settle import _start

    proc, url = _start(floor.script)
    sampler = RssSampler(proc.pid)
    sampler.start()
    load = _loadavg()
    try:
        port, pages = int(url.rsplit(":", 1)[1]), {}

        async def rounds() -> tuple[list[Result], float, float]:
            first = Session(port, pages, timeout)
            await first.open(View(""))  # warm
            await first.close()
            results, start, cpu = [], time.perf_counter(), tree_cpu(proc.pid)
            for _ in range(floor.rounds):
                sessions = [Session(port, pages, timeout) for _ in range(n)]
                await asyncio.gather(*(s.try_connect() for s in sessions))
                for views in await asyncio.gather(*(_in_turn(s, floor.views) for s in sessions)):
                    results += views
                await asyncio.gather(*(s.close() for s in sessions))
            return results, time.perf_counter() - start, tree_cpu(proc.pid) - cpu

        results, wall, cpu = asyncio.run(rounds())
    finally:
        sampler.stop()
        _stop_server(proc)
    return Scenario(floor.name, n, results, wall, sampler.take_peak(), (load, _loadavg()), cpu)


async def _in_turn(session: Session, views: int) -> list[Result]:
    return [await session.open(View("")) for _ in range(views)]


def _measure(port, proc, sampler, n, timeout, only, load_start, start_seconds, log) -> dict:
    pages, home = asyncio.run(_discover(port, timeout))
    if home.problem:
        raise RuntimeError(f"the home page failed: {home.problem}\n{_tail(log)}")
    missing = sorted({v.page for v in PREPARED + FOLLOWED} - set(pages))
    prepared = tuple(v for v in PREPARED if v.page in pages)
    followed = tuple(v for v in FOLLOWED if v.page in pages)
    print(f"server up in {start_seconds:.1f} s; home page {home.seconds:.1f} s; pages: {', '.join(sorted(pages))}",
          file=sys.stderr)
    waiting = (FOLLOW_VIEW,) if FOLLOW_VIEW.page in pages else ()
    runs = [(name, runner, views) for name, runner, views in
            (("prepared links", _prepared, prepared), ("following a deck", _deck, followed),
             ("waiting followers", _waiting, waiting))
            if views and only in (None, name.split()[0])]
    warm_views = tuple(dict.fromkeys(v for _, _, views in runs for v in views))
    print(f"warm-up: one session opens {len(warm_views)} views", file=sys.stderr)
    load_warm = _loadavg()
    start = time.perf_counter()
    cpu = tree_cpu(proc.pid)
    warm = asyncio.run(_warm_up(port, pages, warm_views, timeout))
    warm_wall = time.perf_counter() - start
    scenarios = [Scenario("warm-up", 1, warm, warm_wall, sampler.take_peak(), (load_warm, _loadavg()),
                          tree_cpu(proc.pid) - cpu)]
    for name, runner, views in runs:
        print(f"{name}: {n} sessions × {len(views)} views", file=sys.stderr)
        load, cpu = _loadavg(), tree_cpu(proc.pid)
        results, wall = asyncio.run(runner(port, pages, n, views, timeout))
        scenarios.append(Scenario(name, n, results, wall, sampler.take_peak(), (load, _loadavg()),
                                  tree_cpu(proc.pid) - cpu))
    failed = any(r.problem for s in scenarios for r in s.results)
    return {"n": n, "scenarios": scenarios, "home": home, "start": start_seconds, "missing": missing,
            "hwm": _proc_status(proc.pid, "VmHWM"), "load": (load_start, _loadavg()),
            "log": _tail(log) if failed else ""}


# ---------------------------------------------------------------------------------------------- report
def _stats(results: list[Result]) -> dict:
    times = np.array([r.seconds for r in results])
    return {"views": len(results), "failures": sum(r.problem is not None for r in results),
            "p50": float(np.percentile(times, 50)), "p95": float(np.percentile(times, 95)),
            "max": float(times.max()), "elements": int(np.median([r.elements for r in results])),
            "kb": float(np.median([r.received for r in results])) / 1e3}


def _mark(ok: bool) -> str:
    return "" if ok else " ✗"


def table(result: dict) -> list[str]:
    scenarios = result["scenarios"]
    stats = [_stats(s.results) for s in scenarios]
    head = ["measure", *(f"{s.name} ({s.sessions} session{'s' if s.sessions > 1 else ''})" for s in scenarios),
            "target"]
    rows = [
        ("views", [str(st["views"]) for st in stats], ""),
        ("failures", [f"{st['failures']}{_mark(st['failures'] == 0)}" for st in stats], "0"),
        ("p50 per view", [f"{st['p50']:.2f} s" for st in stats], ""),
        ("p95 per view", [f"{st['p95']:.2f} s{_mark(st['p95'] <= TARGET_P95)}" for st in stats],
         f"≤ {TARGET_P95:.0f} s"),
        ("max per view", [f"{st['max']:.2f} s" for st in stats], ""),
        ("views finished per second", [f"{st['views'] / s.wall:.2f}" for st, s in zip(stats, scenarios, strict=True)],
         ""),
        ("wall time", [f"{s.wall:.1f} s" for s in scenarios], ""),
        ("server CPU (share of one core)", [f"{s.cpu:.1f} s ({100 * s.cpu / s.wall:.0f}%)" for s in scenarios], ""),
        ("server peak RSS", [f"{s.peak_rss / 1e6:.0f} MB{_mark(s.peak_rss / 1e6 <= TARGET_PEAK_MB)}"
                             for s in scenarios], f"≤ {TARGET_PEAK_MB:.0f} MB"),
        ("load average at the start → end (1 min)",
         [f"{s.load[0].split(',')[0]} → {s.load[1].split(',')[0]}" for s in scenarios], ""),
    ]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * len(scenarios) + "---|"]
    lines += [f"| {name} | " + " | ".join(cells) + f" | {target} |" for name, cells, target in rows]
    return lines


def view_table(result: dict) -> list[str]:
    lines = ["| scenario | view | views | failures | p50 | p95 | max | elements drawn | data sent |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for s in result["scenarios"]:
        for view in dict.fromkeys(r.view for r in s.results):
            st = _stats([r for r in s.results if r.view == view])
            lines.append(f"| {s.name} | `{view.link}` | {st['views']} | {st['failures']} | {st['p50']:.2f} s | "
                         f"{st['p95']:.2f} s | {st['max']:.2f} s | {st['elements']} | {st['kb']:.0f} kB |")
    return lines


def notes(result: dict) -> list[str]:
    out = [f"Server up in {result['start']:.1f} s; the home page (first run, page list) "
           f"{result['home'].seconds:.1f} s. Server's own RSS high-water mark over the whole run (VmHWM): "
           f"{result['hwm'] / 1e6:.0f} MB. ✗ = target missed. Elements drawn and data sent: medians per view."]
    if result["missing"]:
        out.append("Not in this checkout (their views skipped): " + ", ".join(result["missing"]) + ".")
    problems: dict[str, int] = {}
    for s in result["scenarios"]:
        for r in s.results:
            if r.problem:
                key = f"{s.name}, {r.view.link}: {r.problem}"
                problems[key] = problems.get(key, 0) + 1
    if problems:
        out.append("Failures: " + "; ".join(f"{k} ({v}×)" for k, v in list(problems.items())[:8]) + ".")
    return out


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=104, break_long_words=False, break_on_hyphens=False)


def record(result: dict, label: str, command: str, busy: str) -> None:
    """Write this run into README's "audience" section, as the block ``label`` (replaced if present)."""
    intro = ("`python -m benchmarks.bench_audience` (`--sessions N`, default 30; `--record LABEL` writes the "
             "run here). One server from this checkout with a persistent numba cache; each session is a "
             "websocket speaking Streamlit's protocol (no browser), and a view is timed from its "
             "`rerun_script` request to the server's `script_finished`. After a warm-up (one session opens "
             "every view once), *prepared links*: N sessions start at once, each opening "
             "`/curse_of_dimensionality?present=1&dim=400`, `/simple_rnn?present=1`, `/lstm_forward?present=1` "
             "and `/lstm_backprop?present=1` in turn; *following a deck*: N sessions open "
             "`/talk?deck=full-series&scene=n`, n = 1 … 8, all on the same scene at once; *waiting followers*: N "
             "sessions on `/talk?deck=full-series&view=follow` for 20 s while the speaker does nothing, each "
             "rerunning the view's timed poll as a browser does (a \"view\" is then one poll). Server CPU: "
             "its user + system time over the scenario's wall time. Baseline in the same run: "
             "Streamlit's own floor (`benchmarks/floor_app.py`, one slider and one chart) opened by N fresh "
             "sessions at once, three times, and a page of the curse page's shape (`benchmarks/shape_app.py`: "
             "20 charts, 52 texts, 16 CSV buttons, nothing computed) opened four times in turn by each of N "
             "sessions at once, as the prepared links are. A failure: a run "
             "that does not finish successfully, draws an exception, or takes over 120 s. Peak RSS is the "
             "server's (with children), sampled every 0.2 s. Targets (the issue): p95 ≤ 2 s per view, no "
             "failure, peak ≤ 700 MB on this 2-core machine. Before (the issue): 30 sessions opening four "
             "prepared presenter links at once, p50 12.4 s and p95 31.1 s per page, 0 failures; 12 sessions "
             "on heavy links, p50 3.6 s and p95 12.1 s.")
    common.record_run(README, "audience", "An audience of 30 (many sessions at once)", intro, label, command, busy,
                      result["load"], [*table(result), "", *view_table(result), "", *map(_wrap, notes(result))],
                      extra="")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=30, help="sessions at once (default 30)")
    ap.add_argument("--repo", default=str(ROOT), help="the checkout to serve (default: this one)")
    ap.add_argument("--only", choices=("prepared", "following", "waiting"),
                    help="run one scenario (default: all three)")
    ap.add_argument("--timeout", type=float, default=VIEW_TIMEOUT,
                    help=f"seconds before a view counts as failed (default {VIEW_TIMEOUT:.0f})")
    ap.add_argument("--numba-cache", default=str(NUMBA_CACHE),
                    help="NUMBA_CACHE_DIR of the server, kept between runs (default: in the temp folder)")
    ap.add_argument("--file-watcher", choices=("auto", "poll", "watchdog", "none"),
                    help="the server's server.fileWatcherType (default: the checkout's .streamlit/config.toml)")
    ap.add_argument("--record", metavar="LABEL", help="write the run into benchmarks/README.md as LABEL")
    ap.add_argument("--busy", default="", help="how busy the machine was, for the record (default: from the "
                                               "load average)")
    args = ap.parse_args()
    if args.sessions < 1:
        ap.error("--sessions must be at least 1")
    print(f"load average at the start: {_loadavg()} (1, 5, 15 min; {os.cpu_count()} cores)", flush=True)
    try:
        result = measure(pathlib.Path(args.repo).resolve(), args.sessions, args.timeout, args.only,
                         pathlib.Path(args.numba_cache), args.file_watcher)
    except KeyboardInterrupt:
        sys.exit("interrupted; the server is stopped")
    print(f"load average at the end: {result['load'][1]}")
    print("\n".join(table(result)))
    print()
    print("\n".join(view_table(result)))
    print()
    for line in notes(result):
        print(line)
    if result["log"]:
        print("Last lines of the server's log:\n" + textwrap.indent(result["log"], "    "))
    if args.record:
        busy = args.busy or ("busy: other jobs running" if max(float(result["load"][0].split(",")[0]),
                                                                float(result["load"][1].split(",")[0])) > 1.0
                             else "quiet")
        command = "python -m benchmarks.bench_audience" + (f" --sessions {args.sessions}" if args.sessions != 30
                                                          else "")
        if args.only:
            command += f" --only {args.only}"
        if args.file_watcher:
            command += f" --file-watcher {args.file_watcher}"
        if pathlib.Path(args.repo).resolve() != ROOT:
            command += " --repo OTHER"
        record(result, args.record, command, busy)
        print(f"recorded in {README.relative_to(ROOT)} as {args.record!r}")


if __name__ == "__main__":
    main()
