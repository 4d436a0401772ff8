"""ui/compile_pool.py and engine/compile_worker.py: compiling the engine in worker processes."""

from __future__ import annotations

import io
import threading

import pytest

from engine import compile_worker
from ui import compile_pool, warmup

GIB = 1024**3


@pytest.mark.parametrize(("cores", "limit", "override", "expected"), [
    (2, None, None, 2),  # two cores, no memory limit: two workers
    (8, None, None, compile_pool.MAX_WORKERS),
    (1, None, None, 0),  # one core: the server's own thread
    (2, GIB, None, 0),  # a small container: a worker's memory would not fit beside the server
    (4, 4 * GIB, None, 2),
    (1, None, "3", 3),  # APP_COMPILE_WORKERS decides
    (4, None, "0", 0),
    (4, None, "lots", 2),  # junk is ignored
])
def test_workers_run_where_cores_and_memory_allow(cores, limit, override, expected):
    assert compile_pool.worker_count(cores, limit, override or "") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("max\n", None), ("1073741824\n", GIB), ("9223372036854771712\n", None), ("junk", None)])
def test_the_memory_limit_is_read_from_the_cgroup(tmp_path, text, expected):
    (tmp_path / "memory.max").write_text(text)
    assert compile_pool.memory_limit((tmp_path / "memory.max",)) == expected
    assert compile_pool.memory_limit((tmp_path / "missing", tmp_path / "memory.max")) == expected
    assert compile_pool.memory_limit((tmp_path / "missing",)) is None


@pytest.mark.parametrize(("files", "quota"), [
    ({"cpu.max": "200000 100000\n"}, 2.0),  # cgroup v2: two cores' time
    ({"cpu.max": "50000 100000\n"}, 0.5),
    ({"cpu.max": "max 100000\n"}, None),
    ({"cpu/cpu.cfs_quota_us": "150000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1.5),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({}, None),
])
def test_the_cpu_quota_is_read_from_the_cgroup_and_caps_the_cores(tmp_path, files, quota):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert compile_pool.cpu_quota(tmp_path) == quota
    cores = compile_pool.usable_cores(tmp_path)
    assert cores >= 1
    if quota is not None:
        assert cores <= max(1, int(quota))


def test_a_plan_gives_modules_in_order_and_a_page_can_hurry_one():
    plan = compile_pool.Plan(("geometry", "rnn", "lstm", "rnn"), workers=2)
    assert plan.take() == "geometry"
    plan.hurry("lstm")
    plan.hurry("geometry")  # already taken: nothing to move
    assert [plan.take(), plan.take(), plan.take()] == ["lstm", "rnn", None]
    assert plan.covers("rnn") and not plan.covers("cliff")
    assert not plan.wait("rnn", timeout=0.01)
    plan.loaded("rnn")
    assert plan.wait("rnn", timeout=0.01) and not plan.covers("rnn")
    assert plan.wait("cliff", timeout=0.01)  # not the plan's: nothing to wait for


class _FakeWorker:
    def __init__(self, log: list, fail: str | None = None) -> None:
        self.log, self.fail, self.closed = log, fail, False

    def compile(self, module: str) -> str | None:
        self.log.append(module)
        return "RuntimeError: boom" if module == self.fail else None

    def close(self) -> None:
        self.closed = True


def test_every_module_is_compiled_once_and_then_loaded_here_even_when_a_worker_fails():
    compiled, loaded, workers = [], [], []

    def make() -> _FakeWorker:
        workers.append(_FakeWorker(compiled, fail="rnn"))
        return workers[-1]

    plan = compile_pool.Plan(("geometry", "rnn", "lstm", "xor", "cliff"), workers=2)
    compile_pool.compile_all(plan, loaded.append, make_worker=make, empty=lambda: True)
    assert sorted(compiled) == sorted(loaded) == ["cliff", "geometry", "lstm", "rnn", "xor"]
    assert len(workers) == 2 and all(w.closed for w in workers)
    assert not any(plan.covers(m) for m in loaded)


def test_a_restart_with_a_full_cache_loads_every_module_here_and_starts_no_worker():
    started, loaded = [], []
    plan = compile_pool.Plan(("geometry", "rnn", "lstm"), workers=2)
    compile_pool.compile_all(plan, loaded.append, make_worker=lambda: started.append(1), empty=lambda: False)
    assert loaded == ["geometry", "rnn", "lstm"] and not started
    assert not any(plan.covers(m) for m in loaded)


def test_the_cache_is_empty_until_a_kernel_is_compiled_into_it(tmp_path, monkeypatch):
    from engine import _numba, cliff

    cliff.warm_up()  # compiled (or loaded) into this process's cache folder
    assert not compile_pool.cache_is_empty()
    monkeypatch.setattr(_numba, "CACHE_DIR", str(tmp_path))  # a wake-up's fresh folder
    assert compile_pool.cache_is_empty()


def test_a_worker_that_cannot_start_leaves_the_compile_to_the_server():
    def make() -> _FakeWorker:
        raise OSError("no processes left")

    loaded = []
    compile_pool.compile_all(compile_pool.Plan(("history", "cliff"), workers=1), loaded.append, make_worker=make,
                             empty=lambda: True)
    assert loaded == ["history", "cliff"]


def test_a_load_that_raises_still_marks_the_module_so_no_page_waits_forever(monkeypatch):
    raised = []
    monkeypatch.setattr(threading, "excepthook", raised.append)  # the worker's thread ends with the error
    plan = compile_pool.Plan(("history",), workers=1)

    def load(module: str) -> None:
        raise RuntimeError("broken")

    compile_pool.compile_all(plan, load, make_worker=lambda: _FakeWorker([]), empty=lambda: True)
    assert len(raised) == 1 and plan.wait("history", timeout=0.01)


def test_the_worker_answers_each_module_and_reports_junk():
    out = io.StringIO()
    compile_worker.serve(["history\n", "\n", "no_such_engine\n", "../x\n"], out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("history ok ")
    assert lines[1].startswith("no_such_engine error ValueError")
    assert lines[2].startswith("../x error ValueError")


def test_a_real_worker_process_compiles_and_ends_with_its_input():
    worker = compile_pool.Worker()
    try:
        assert worker.compile("history") is None
        assert "not a module of the engine" in worker.compile("no_such_engine")
    finally:
        worker.close()
    assert worker.process.returncode == 0


def test_with_workers_the_background_loads_every_module_here(monkeypatch):
    monkeypatch.setenv(compile_pool.WORKERS, "2")
    thread = warmup.start_background(("history", "no_such_engine", "clipping", "cliff"), name="test-workers")
    thread.join(timeout=180)
    assert sorted(module for module, _ in thread.compiled) == ["cliff", "clipping", "history"]
    assert not any(warmup._PLAN["test-workers"].covers(m) for m in ("history", "clipping", "cliff"))


def test_a_page_waits_for_the_worker_on_its_module_and_moves_it_first(monkeypatch):
    plan = compile_pool.Plan(("geometry", "history"), workers=1)
    monkeypatch.setitem(warmup._PLAN, "engine", plan)
    warmup.warm_engine.clear()
    done = []
    page = threading.Thread(target=lambda: done.append(warmup.warm_engine("history")))
    page.start()
    page.join(timeout=0.3)
    assert page.is_alive() and not done  # waiting for the worker
    assert plan.take() == "history"  # moved to the front
    plan.loaded("history")
    page.join(timeout=30)
    assert done and done[0] >= 0
