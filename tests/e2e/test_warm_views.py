"""A fresh server opens every topic page's default view once, by itself, after compiling, then, when idle,
the views a page sweeps (ui.warmup).

No browser: the server is started as on the cloud (no ``APP_WARM_VIEWS``), the first session is opened over
Streamlit's own websocket, and the server's run log shows which pages ran and how often.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import time

from tests.conftest import ROOT
from tests.e2e.conftest import _free_port, _wait_healthy
from ui import warmup
from ui.frame import WHOLE_RUN
from ui.registry import PAGES, existing_pages

WAIT = 300  # seconds: a cold compile of every kernel, then six pages, on a slow CI machine


def _whole_runs(log: pathlib.Path) -> list[str]:
    return [line.split()[0].removesuffix(f".{WHOLE_RUN}") for line in log.read_text().splitlines()
            if line.split() and line.split()[0].endswith(WHOLE_RUN)]


def _serve(log: pathlib.Path, out: pathlib.Path, **env: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=out.open("w"), stderr=subprocess.STDOUT,
        env={**{k: v for k, v in os.environ.items() if k != warmup.WARM_VIEWS},
             "APP_SECTION_RUN_LOG": str(log), **env})
    _wait_healthy(f"http://localhost:{port}", proc)
    return proc, port


def test_the_first_session_makes_the_server_open_every_pages_default_view_once_then_sweep(tmp_path):
    log, out = tmp_path / "runs.log", tmp_path / "server.log"
    proc, port = _serve(log, out)
    stems = [page.stem for page in existing_pages()]
    swept = {page.stem for page in PAGES if page.sweep}
    try:
        stream = f"ws://127.0.0.1:{port}/_stcore/stream"
        assert not log.exists() or _whole_runs(log) == []  # nothing runs before a visitor comes
        (home,) = warmup.open_views(stream, ("",))  # the first visitor, on the home page
        assert home.problem is None and home.elements > 10
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and len(_whole_runs(log)) < len(stems) + 2:
            time.sleep(1)
        runs = _whole_runs(log)
        assert sorted(runs[:len(stems)]) == sorted(stems)  # each page once, no visitor asked
        assert len(runs) >= len(stems) + 2 and set(runs[len(stems):]) == swept  # then the sweep, D by D
        assert "warm-up view" not in out.read_text()  # every view finished, with no exception drawn
    finally:
        proc.terminate()
        proc.wait(30)


def test_with_warm_views_off_the_server_only_compiles(tmp_path):
    log, out = tmp_path / "runs.log", tmp_path / "server.log"
    proc, port = _serve(log, out, **{warmup.WARM_VIEWS: "0"})
    try:
        (history,) = warmup.open_views(f"ws://127.0.0.1:{port}/_stcore/stream", ("history",))
        assert history.problem is None
        time.sleep(20)  # long enough for the compile (numba's cache warm) and the first views, were they on
        assert _whole_runs(log) == ["history"]
    finally:
        proc.terminate()
        proc.wait(30)
