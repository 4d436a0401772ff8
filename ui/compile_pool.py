"""Compile the engine in worker processes on a machine with cores and memory to spare.

Numba compiles one function at a time in a process, and while it does it holds Python's lock most of the
time: a fresh server compiling in a thread of its own (~25 s on one core here) both waits for one core
and slows its own first visitors. With two cores, two worker processes (:mod:`engine.compile_worker`)
compile the modules in parallel, each module handed to the next free worker in the order asked (the
requested page's first), and the server loads each module's kernels from the shared numba cache as its
worker finishes it (~0.1 s a module). A restarted server whose cache holds the kernels already (not a
wake-up) loads them in its thread and starts no worker.

A worker costs memory of its own (~250–380 MB at its peak: Python, NumPy, numba and LLVM), so workers run
only where there are at least two usable cores (the CPU affinity, cut to a container's CPU quota) and no
memory limit under :data:`MIN_MEMORY` (a container's cgroup); elsewhere (the cloud's smallest tier, one
core, Streamlit's AppTest) the server compiles in its background thread as before.
``APP_COMPILE_WORKERS`` overrides the count (``0``: no workers).
"""

from __future__ import annotations

import logging
import os
import pathlib
import subprocess
import sys
import threading
from collections.abc import Callable

WORKERS = "APP_COMPILE_WORKERS"
MAX_WORKERS = 2
MIN_MEMORY = 2 * 1024**3  # bytes a container must allow for workers beside the server
_ROOT = pathlib.Path(__file__).resolve().parent.parent
_CGROUP = pathlib.Path("/sys/fs/cgroup")
_CGROUP_LIMITS = (_CGROUP / "memory.max", _CGROUP / "memory" / "memory.limit_in_bytes")  # cgroup v2, v1
_LOG = logging.getLogger(__name__)


def cpu_quota(cgroup: pathlib.Path = _CGROUP) -> float | None:
    """The container's CPU quota in cores (``1.5``: one and a half cores' time); None when there is none."""
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()  # cgroup v2: "<quota|max> <period>"
    except (OSError, ValueError):
        try:  # cgroup v1: a quota of -1 is none
            quota, period = ((cgroup / "cpu" / name).read_text().strip() for name in ("cpu.cfs_quota_us",
                                                                                       "cpu.cfs_period_us"))
        except OSError:
            return None
    try:
        return int(quota) / int(period) if int(quota) > 0 and int(period) > 0 else None
    except ValueError:  # "max"
        return None


def usable_cores(cgroup: pathlib.Path = _CGROUP) -> int:
    """The whole cores this process may use: its CPU affinity, cut to the container's CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    quota = cpu_quota(cgroup)
    return cores if quota is None else max(1, min(cores, int(quota)))


def memory_limit(paths: tuple[pathlib.Path, ...] = _CGROUP_LIMITS) -> int | None:
    """The container's memory limit in bytes; None when there is none (or none can be read)."""
    for path in paths:
        try:
            text = path.read_text().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < 2**60:  # cgroup v1 writes a huge number for "no limit"
            return int(text)
        return None
    return None


def worker_count(cores: int | None = None, limit: int | None = -1, override: str | None = None) -> int:
    """How many compile workers to start: ``APP_COMPILE_WORKERS`` when set to a whole number, else up to
    :data:`MAX_WORKERS` when there are two cores or more and no memory limit under :data:`MIN_MEMORY`, else 0."""
    override = os.environ.get(WORKERS) if override is None else override
    if override is not None and override.strip().isdigit():
        return min(int(override), 8)
    cores = usable_cores() if cores is None else cores
    limit = memory_limit() if limit == -1 else limit
    if cores < 2 or (limit is not None and limit < MIN_MEMORY):
        return 0
    return min(MAX_WORKERS, cores)


def cache_is_empty() -> bool:
    """Whether numba's cache folder holds no compiled kernel yet: a wake-up (every kernel to compile), not a
    restart of the server (every kernel loads from the cache in a fraction of a second, no worker needed).
    (numba files them as ``<folder of the source>_<hash>/<module>.<function>-<line>.py<version>.nbi``; the
    default folder's name holds a hash of the engine's sources, so an edited engine starts empty.)"""
    from engine import _numba  # (numba itself is imported here, in the background, not with the frame)

    return not any(pathlib.Path(_numba.CACHE_DIR).glob("engine_*/*.nbi"))


class Worker:
    """One ``engine.compile_worker`` process, asked one module at a time."""

    def __init__(self, command: tuple[str, ...] = (sys.executable, "-m", "engine.compile_worker")) -> None:
        # (the worker finds the server's cache folder and LLVM level as the server did: engine._numba)
        self.process = subprocess.Popen(command, cwd=_ROOT, text=True, bufsize=1,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def compile(self, module: str) -> str | None:
        """Have the worker compile ``module``; None when it did, else what went wrong."""
        try:
            self.process.stdin.write(module + "\n")
            self.process.stdin.flush()
            while line := self.process.stdout.readline():  # (a stray line from an import is skipped)
                name, _, answer = line.strip().partition(" ")
                if name == module:
                    return None if answer.startswith("ok") else answer.removeprefix("error ")
        except OSError as exc:
            return f"{type(exc).__name__}: {exc}"
        return "the worker ended"

    def close(self) -> None:
        """End the worker (at the end of its input) and wait for it a moment; kill it if it lingers."""
        try:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()


class Plan:
    """The modules still to compile, in order, shared by the workers' threads: a page that needs one of them
    now moves it to the front (:meth:`hurry`) and waits for it (:meth:`wait`)."""

    def __init__(self, modules: tuple[str, ...], workers: int) -> None:
        self.workers = workers
        self._todo = list(dict.fromkeys(modules))
        self._ready = {module: threading.Event() for module in self._todo}
        self._lock = threading.Lock()

    def take(self) -> str | None:
        """The next module to compile; None when none is left."""
        with self._lock:
            return self._todo.pop(0) if self._todo else None

    def hurry(self, module: str) -> None:
        """Compile ``module`` next, if it is still waiting for a worker."""
        with self._lock:
            if module in self._todo:
                self._todo.remove(module)
                self._todo.insert(0, module)

    def covers(self, module: str) -> bool:
        """Whether ``module`` is compiled by this plan and not loaded yet."""
        return module in self._ready and not self._ready[module].is_set()

    def loaded(self, module: str) -> None:
        """Mark ``module`` loaded in this process (or given up on): whoever waits for it goes on."""
        self._ready[module].set()

    def wait(self, module: str, timeout: float) -> bool:
        """Wait until ``module`` is loaded (True), at most ``timeout`` seconds (False)."""
        event = self._ready.get(module)
        return event is None or event.wait(timeout)


def compile_all(plan: Plan, load: Callable[[str], None], make_worker: Callable[[], Worker] = Worker,
                empty: Callable[[], bool] = cache_is_empty) -> None:
    """Compile the ``plan``'s modules in its ``workers`` processes, each module to the next free one; then
    ``load(module)`` here (from the cache; it also compiles it here when the worker failed or could not start)
    and mark it loaded. When the cache is not ``empty`` (a restart), no worker starts: each module is loaded
    here in turn. Returns when every module is loaded."""
    if not empty():
        while (module := plan.take()) is not None:
            try:
                load(module)
            finally:
                plan.loaded(module)
        return

    def run() -> None:
        try:
            worker = make_worker()
        except OSError as exc:
            _LOG.warning("compile worker did not start (%s): compiling in the server", exc)
            worker = None
        try:
            while (module := plan.take()) is not None:
                problem = worker.compile(module) if worker else None
                if problem:
                    _LOG.warning("compile worker, engine.%s: %s", module, problem)
                try:
                    load(module)
                finally:
                    plan.loaded(module)
        finally:
            if worker:
                worker.close()

    threads = [threading.Thread(target=run, name=f"compile-worker-{i}", daemon=True) for i in range(plan.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
