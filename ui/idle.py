"""Views the server draws for itself while it is idle: next to what visitors look at, then a page's sweep.

A view the server has drawn once costs ~0.1 s to draw again (its results and chart specs are cached); one it
has not, up to ten times that (the curse page at a new D: 0.75 s, 1.2 s presented, most of it building
charts). A hand on a slider goes to the next stop, so while nobody's page is running the server draws, for
itself, over its own websocket (:mod:`ui.warmup`):

1. the views **near** the last ones visitors asked for: the main control one and two stops away, the
   other controls as they were (:func:`near_views`), the newest request first, at most :data:`NEAR_MAX`
   waiting; each after half a second of an idle server;
2. then the page's **sweep**: every stop of its main control with the others at their defaults, read and
   presented, nearest the default first; each after two seconds of an idle server.

Idle (:func:`wait_quiet`): the server process used under a tenth of a core over the window. A view is drawn
once per process (:data:`SEEN_MAX` remembered). The server's own sessions ask for nothing near (they would
chain without end).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import urlencode

QUIET_S = 2.0  # a sweep view waits for this long a stretch of an idle server
NEAR_QUIET_S = 0.5  # a view near a visitor's, for this long
IDLE_SHARE = 0.1  # idle: the process used under this share of one core
NEAR_MAX = 16  # views near visitors' waiting to be drawn; the oldest drop
SEEN_MAX = 4096  # views remembered as drawn
REACH = 2  # stops away from a visitor's that are drawn ahead


def wait_quiet(window: float = QUIET_S, share: float = IDLE_SHARE, clock=time.process_time, sleep=time.sleep) -> None:
    """Return once this process has used under ``share`` of one core for ``window`` seconds (CPU time of all
    its threads: no session is running a page, nothing compiles here); the caller's own thread sleeps."""
    while True:
        before = clock()
        sleep(window)
        if clock() - before < share * window:
            return


def view(stem: str, params: Mapping[str, str]) -> str:
    """A view as the server opens it: the page's URL path, then its query with the parameters sorted (one
    spelling per view)."""
    query = urlencode(sorted(params.items()))
    return f"{stem}?{query}" if query else stem


def near_views(stem: str, params: Mapping[str, str], key: str, stops: Sequence[int], default: int,
               reach: int = REACH) -> list[str]:
    """The views ``1 … reach`` stops of the control ``key`` away from the one ``params`` show (its link
    parameters; ``key`` absent: at ``default``), nearest first, the stop above before the one below, every
    other parameter as it is. A value that is not a stop gives none."""
    try:
        here = stops.index(int(params.get(key, default)))
    except ValueError:
        return []
    views = []
    for step in range(1, reach + 1):
        for at in (here + step, here - step):
            if 0 <= at < len(stops):
                others = {k: v for k, v in params.items() if k != key}
                views.append(view(stem, others if stops[at] == default else {**others, key: str(stops[at])}))
    return views


class IdleViews:
    """The views to draw while the server is idle, and the one thread at a time that draws them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._near: OrderedDict[str, None] = OrderedDict()  # the newest last
        self._sweep: deque[str] = deque()
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._open: Callable[[str], None] | None = None  # None: not serving (yet)
        self._working = False

    def seen(self, page: str) -> None:
        """Note ``page`` as drawn (a visitor's, or one the warm-up opened)."""
        with self._lock:
            self._remember(page)

    def _remember(self, page: str) -> None:
        self._seen[page] = None
        self._seen.move_to_end(page)
        while len(self._seen) > SEEN_MAX:
            self._seen.popitem(last=False)

    def near(self, pages: Iterable[str]) -> None:
        """Draw ``pages`` (most wanted first) before anything else waiting, those not drawn yet; start a
        thread to draw them when the server serves idle views and no thread is on it."""
        with self._lock:
            for page in reversed(list(pages)):
                if page not in self._seen:
                    self._near[page] = None
                    self._near.move_to_end(page)
            while len(self._near) > NEAR_MAX:
                self._near.popitem(last=False)
            start = self._open is not None and not self._working and bool(self._near)
            self._working = self._working or start
        if start:
            threading.Thread(target=self._work, name="idle-views", daemon=True).start()

    def serve(self, open_view: Callable[[str], None], sweep: Sequence[str] = ()) -> None:
        """From now on draw idle views with ``open_view``: in this thread until none is left (``sweep`` after
        the ones near visitors'), later in a thread of their own as visitors ask for more."""
        with self._lock:
            self._open = open_view
            self._sweep.extend(sweep)
            if self._working:  # (a second call while a thread draws: it takes the sweep too)
                return
            self._working = True
        self._work()

    def _window(self) -> float | None:
        """The quiet the next view waits for; None (and no longer working) when nothing is left."""
        with self._lock:
            while self._sweep and self._sweep[0] in self._seen:
                self._sweep.popleft()
            if self._near:
                return NEAR_QUIET_S
            if self._sweep:
                return QUIET_S
            self._working = False
            return None

    def _next(self) -> str | None:
        with self._lock:
            if self._near:
                page, _ = self._near.popitem(last=True)
            elif self._sweep:
                page = self._sweep.popleft()
            else:
                self._working = False
                return None
            self._remember(page)
            return page

    def _work(self) -> None:
        while (window := self._window()) is not None:
            wait_quiet(window)
            page = self._next()
            if page is None:
                return
            self._open(page)

    def waiting(self) -> tuple[list[str], list[str]]:
        """The views waiting: (near visitors', newest first; the sweep's, in order)."""
        with self._lock:
            return list(reversed(self._near)), [page for page in self._sweep if page not in self._seen]
