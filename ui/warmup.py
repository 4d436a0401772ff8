"""Compiling the numba engine: once per server process, in the background from the first visit.

Every cloud wake-up starts with an empty numba cache (a fresh container), so the first visit of each
page would wait for its kernels (about 25 s of one core for all of them). The frame starts
:func:`start_background` on the server's first session: one daemon thread imports every engine module
and calls its ``warm_up()``, so the pages a visitor opens next are ready. With two cores and memory to
spare, two worker processes compile instead, in parallel, and the thread loads each module from the
shared cache as its worker finishes it (:mod:`ui.compile_pool`). A page still calls :func:`warm` for its
own engines after drawing its title and intro: when the background got there first, that is a lookup;
when a worker is on it (or will be: the module goes to the next free worker), the page waits for it;
in the thread's case numba's compiler lock makes the page wait for (or do) the same compile, never a
second one. The kernels are serial, so no numba threading layer is involved.

Compiled is not yet fast: a page's first view also computes its results (``st.cache_data``) and builds its
chart specs (``ui.kit.specs``), 1–3 s of server time a page on two cores. So once the kernels are in, the
same thread opens each page's default view once, then each scene of the default talk deck, as a browser
would: a websocket to the server's own ``/_stcore/stream``, the view asked for by its URL path and query,
the messages read and dropped until the run has finished. The first visitor of each page after a wake-up,
and a speaker's first pass through the deck, then find their views' results and charts cached.

Then, only while the server is idle, it draws more views (:mod:`ui.idle`): first those next to what visitors
look at (the curse page's D one and two stops away, their other controls as they were), then the registry's
sweeps (every stop of the curse page's D, read and presented, nearest the default first). A D the server has
not drawn yet costs 0.75 s of server time (1.2 s presented), ~0.1 s once drawn: a hand moving D then waits
for the browser alone. A visitor who clicks while one of those views runs shares the core with it for that
view. A container allowed less than one core's time (:func:`compile_pool.cpu_quota`) draws none: there the
CPU would come out of the quota a visitor's next click needs. The server's own sessions send
``User-Agent`` :data:`OWN_AGENT` (:func:`own_session`). ``APP_WARM_VIEWS=0`` turns all views off (the browser
tests count every section's run).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import threading
import time
from dataclasses import dataclass

import streamlit as st
from streamlit import config  # (AppTest patches config.get_option, not st.get_option)

from engine.compile_worker import compile_module, is_engine_module
from ui import compile_pool, idle

WARM_MESSAGE = ("Compiling this page's engine: a one-time step after the server starts "
                "(about 20 s on a small machine, about 1 s once cached)…")
_LOG = logging.getLogger(__name__)
_STARTED: dict[str, threading.Thread] = {}
_PLAN: dict[str, compile_pool.Plan] = {}  # the modules the background's compile workers are on, by thread name
_LOCK = threading.Lock()
WARM_VIEWS = "APP_WARM_VIEWS"  # "0": compile only, open no view
VIEW_TIMEOUT = 120.0  # seconds for one view's run, a cold compile included
SWEEP_CORES = 1.0  # no idle views in a container with a CPU quota under this many cores
VISITS_KEPT = 1024  # the background thread's ``visited`` keeps its first views (idle views go on for good)
OWN_AGENT = "dimensions-lstms-warm-up"  # the User-Agent of the server's own views
IDLE = idle.IdleViews()  # what the server draws while idle, once its warm views are in


@st.cache_resource(show_spinner=WARM_MESSAGE, max_entries=32)
def warm_engine(module: str) -> float:
    """:func:`compile_module` once per process (Streamlit shares the result across sessions). While compile
    workers are on it, the module goes to the next free worker and this waits for it to be loaded."""
    plan = _PLAN.get("engine")
    if plan is not None and plan.covers(module):
        plan.hurry(module)
        plan.wait(module, VIEW_TIMEOUT)
    return compile_module(module)


def warm(modules: tuple[str, ...]) -> None:
    """Warm every listed engine module that exists in this checkout (a spinner says why it waits)."""
    for module in modules:
        if is_engine_module(module):
            warm_engine(module)


def _compile_all(modules: tuple[str, ...], done: list[tuple[str, float]], plan: compile_pool.Plan | None) -> None:
    """Compile ``modules`` here, one after the other, or with ``plan`` in worker processes (:mod:`ui.compile_pool`),
    loading each here as its worker finishes it; ``done`` lists (module, seconds in this process)."""
    def load(module: str) -> None:
        try:
            done.append((module, compile_module(module)))
        except Exception:  # pragma: no cover - a failed warm-up leaves the page to compile on demand
            _LOG.exception("background warm-up of engine.%s failed", module)

    if plan is None:
        for module in modules:
            load(module)
    else:
        compile_pool.compile_all(plan, load)


@dataclass
class Visit:
    """One view opened by the warm-up: its URL path and query (``page``), the seconds until its run finished,
    the elements it drew, and what went wrong (None: finished)."""

    page: str
    seconds: float = 0.0
    elements: int = 0
    problem: str | None = None


def own_stream() -> str | None:
    """The websocket address of this server's own stream, as its browser sessions reach it; None when
    views are not to be opened: ``APP_WARM_VIEWS=0``, a script run by Streamlit's AppTest (no server), or
    TLS (a certificate made for another name)."""
    option = config.get_option
    if os.environ.get(WARM_VIEWS) == "0" or option("global.appTest") or option("server.sslCertFile"):
        return None
    host = option("server.address") or "127.0.0.1"
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else f"[{host}]" if ":" in host else host
    base = (option("server.baseUrlPath") or "").strip("/")
    return f"ws://{host}:{option('server.port')}/{base + '/' if base else ''}_stcore/stream"


def _request(view: str) -> bytes:
    """The message a browser sends to open ``view``: a page's URL path ("" the home page), with its query
    after a "?" (``talk?deck=full-series&scene=2``)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    page, _, query = view.partition("?")
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    return msg.SerializeToString()


async def _read_run(ws, visit: Visit) -> None:
    """Read the server's messages until the view's run has finished; note an exception drawn."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async for data in ws:
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            visit.elements += 1
            if msg.delta.new_element.WhichOneof("type") == "exception" and visit.problem is None:
                visit.problem = f"exception: {msg.delta.new_element.exception.message}"[:200]
        elif kind == "page_not_found":
            visit.problem = "page not found"
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                visit.problem = visit.problem or f"run ended with status {msg.script_finished}"
            return
    visit.problem = visit.problem or "connection closed before the run finished"


async def _open(stream: str, page: str, timeout: float) -> Visit:
    """Open ``page`` (a URL path, and a query after "?") on the server at ``stream`` as a new browser tab
    would, then close it."""
    from websockets.asyncio.client import connect  # Streamlit's own dependency
    from websockets.typing import Subprotocol

    visit, start = Visit(page), time.perf_counter()
    try:
        async with asyncio.timeout(timeout), connect(stream, subprotocols=[Subprotocol("streamlit")],
                                                     max_size=None, ping_interval=None,
                                                     user_agent_header=OWN_AGENT) as ws:
            await ws.send(_request(page))
            await _read_run(ws, visit)
    except Exception as exc:  # refused, timed out, dropped: the visitor computes the view instead
        visit.problem = f"{type(exc).__name__}: {exc}"[:200]
    visit.seconds = time.perf_counter() - start
    return visit


def open_views(stream: str, pages: tuple[str, ...], timeout: float = VIEW_TIMEOUT) -> list[Visit]:
    """Open each of ``pages`` (URL paths, each with its query after "?") in turn on the server at ``stream``;
    what each visit saw (from a thread of its own when the caller's thread runs an event loop already)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return [asyncio.run(_open(stream, page, timeout)) for page in pages]
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(open_views, stream, pages, timeout).result()


def may_draw_idle_views(quota: float | None = None) -> bool:
    """Whether to draw idle views here: no CPU quota, or one of at least :data:`SWEEP_CORES` (read from the
    cgroup when ``quota`` is not given)."""
    quota = compile_pool.cpu_quota() if quota is None else quota
    return quota is None or quota >= SWEEP_CORES


def own_session() -> bool:
    """Whether this session is one of the server's own views (its websocket's User-Agent)."""
    try:
        return st.context.headers.get("User-Agent") == OWN_AGENT
    except Exception:  # AppTest and older servers have no headers
        return False


def prefetch(near: list[str], current: str) -> None:
    """A visitor is looking at ``current`` (:func:`ui.idle.view`): draw ``near`` when the server is idle."""
    IDLE.seen(current)
    IDLE.near(near)


def _visit(stream: str, page: str, visited: list[Visit]) -> None:
    IDLE.seen(page)
    visit = open_views(stream, (page,))[0]
    if len(visited) < VISITS_KEPT:
        visited.append(visit)
    if visit.problem:
        _LOG.warning("warm-up view /%s: %s", page, visit.problem)


def _warm(modules: tuple[str, ...], views: tuple[str, ...], sweep: tuple[str, ...], stream: str | None,
          compiled: list[tuple[str, float]], visited: list[Visit], plan: compile_pool.Plan | None) -> None:
    _compile_all(modules, compiled, plan)
    for page in views if stream else ():
        _visit(stream, page, visited)
    if stream and may_draw_idle_views():
        IDLE.serve(lambda page: _visit(stream, page, visited), sweep)


def _compile_workers() -> int:
    """Worker processes to compile in (:mod:`ui.compile_pool`); none under AppTest (a test, no server)."""
    return 0 if config.get_option("global.appTest") else compile_pool.worker_count()


def started(name: str = "engine") -> bool:
    """Whether the background thread ``name`` was started in this process (it runs once)."""
    return name in _STARTED


def start_background(modules: tuple[str, ...], name: str = "engine", views: tuple[str, ...] = (),
                     stream: str | None = None, sweep: tuple[str, ...] = ()) -> threading.Thread:
    """Start compiling ``modules`` in one daemon thread, once per process and ``name``, then opening
    ``views`` (URL paths) on the server at ``stream`` (see :func:`own_stream`), then, each once the server is
    idle, the views near visitors' and ``sweep``'s (:mod:`ui.idle`); return the thread.

    Its ``compiled`` attribute lists (module, seconds) as each finishes, ``visited`` a :class:`Visit` a view."""
    with _LOCK:
        thread = _STARTED.get(name)
        if thread is None:
            compiled: list[tuple[str, float]] = []
            visited: list[Visit] = []
            modules = tuple(module for module in modules if is_engine_module(module))
            workers = _compile_workers()
            plan = compile_pool.Plan(modules, workers) if workers else None
            if plan is not None:
                _PLAN[name] = plan
            thread = threading.Thread(target=_warm,
                                      args=(modules, tuple(views), tuple(sweep), stream, compiled, visited, plan),
                                      name=f"{name}-warm-up", daemon=True)
            thread.compiled, thread.visited = compiled, visited
            thread.start()
            _STARTED[name] = thread
    return thread
