"""Cold start as a cloud wake-up gives it: a fresh server with an empty numba cache, timed in Chromium.

    python -m benchmarks.bench_coldstart                 # this checkout
    python -m benchmarks.bench_coldstart --repo OTHER    # another checkout (a before/after comparison)
    python -m benchmarks.bench_coldstart --up-for 75     # the pages once the server's warm-up is done

Timeline, from the server's start:
1. the first request is a topic page (the curse page): seconds until its title is on screen, until the
   page's run has finished (what is in view drawn: a fresh page draws its first section, and leaves the others
   for later, ``ui.in_view``), and until every section is drawn (each once the page has been still for 1.5 s,
   as served);
2. from 20 s after the server started, each topic page and then each scene of the talk deck opened in turn
   in a fresh tab: seconds from the request until it has finished (what a visitor feels once the server has
   been up a little while).
Baselines in the same run: the same pages opened again warm (every kernel compiled, in this process),
Streamlit's own floor: a fresh server's first request of a page with a title alone
(``benchmarks/title_app.py``), the title's time on screen, and a fresh tab of a page of the curse page's
shape with nothing to compute (``benchmarks/shape_app.py``): what a tab that draws that many parts costs.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from playwright.sync_api import sync_playwright

HERE = pathlib.Path(__file__).resolve().parent.parent
PAGES = ("curse_of_dimensionality", "rnn_prerequisites", "simple_rnn", "history", "lstm_forward", "lstm_backprop")
SCENES = tuple(f"talk?deck=full-series&scene={n}" for n in range(1, 9))  # the deck's, after the pages
FIRST_TEXT = {"page": "h1", "scene": '[data-testid="stMain"] [data-testid="stMarkdownContainer"]'}  # a scene: no h1
LATER = 'div[class*="st-key-in_view_later_"]'  # ui.in_view: a section drawn as its header alone so far
IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
        '[data-test-connection-state="CONNECTED"]')
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
UP_FOR = 20.0  # seconds the server has been up before the page-by-page round


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(repo: pathlib.Path, cache: str, script: str = "streamlit_app.py"
                  ) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    env = dict(os.environ, NUMBA_CACHE_DIR=cache, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless",
                             "true", "--server.port", str(port), "--server.fileWatcherType", "none"],
                            cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < 60:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return proc, url, started
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def _open(browser, url: str, first: str = FIRST_TEXT["page"]) -> tuple[float, float, float]:
    """Seconds from the request until the page's title (its ``first`` text) shows, until the run has
    finished (what is in view drawn: a fresh page leaves its other sections for later, ``ui.in_view``), and
    until every section is drawn (one at a time, each once the page has been still for a moment)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(first, timeout=180_000)
    title = time.perf_counter() - start
    _wait_idle(page)
    done = time.perf_counter() - start
    page.wait_for_function(f"() => !document.querySelector('{LATER}')", timeout=180_000)
    _wait_idle(page)
    whole = time.perf_counter() - start
    page.close()
    return title, done, whole


def _wait_idle(page) -> None:
    page.wait_for_selector(IDLE, timeout=180_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=180_000)
    page.wait_for_timeout(300)  # the run may start a second pass (a rerun after the first paint)
    page.wait_for_selector(IDLE, timeout=180_000)


def _row(name: str, times: tuple[float, ...]) -> str:
    return f"| {name} | " + " | ".join(f"{t:.1f} s" for t in times) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=str(HERE), help="the checkout to serve (default: this one)")
    ap.add_argument("--up-for", type=float, default=UP_FOR,
                    help=f"seconds after the server's start to open the pages one by one (default {UP_FOR:.0f})")
    args = ap.parse_args()
    repo = pathlib.Path(args.repo).resolve()
    with tempfile.TemporaryDirectory() as cache, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        floor = _floor(browser, cache)
        proc, url, started = _start_server(repo, cache)
        try:
            opened = _open(browser, f"{url}/{PAGES[0]}")
            print("| moment | title on screen | page finished (what is in view) | whole page drawn |\n"
                  "|---|---|---|---|")
            print(_row("floor: a fresh server's first request of a title alone (`benchmarks/title_app.py`)", floor))
            print(_row(f"first request ({PAGES[0]}), empty numba cache", opened))
            time.sleep(max(0.0, args.up_for - (time.perf_counter() - started)))
            total = {"page": [0.0, 0.0], "scene": [0.0, 0.0]}
            for kind, stem in _views():
                opened = _open(browser, f"{url}/{stem}", FIRST_TEXT[kind])
                total[kind] = [total[kind][0] + opened[1], total[kind][1] + opened[2]]
                print(_row(f"{stem}, opened {time.perf_counter() - started - opened[2]:.0f} s after the start", opened))
            warm = [_open(browser, f"{url}/{stem}") for stem in PAGES]
            print(f"| the six pages in turn, from {args.up_for:.0f} s after the start | | "
                  f"{total['page'][0]:.1f} s in sum | {total['page'][1]:.1f} s in sum |")
            print(f"| the deck's {len(SCENES)} scenes in turn, after the pages | | {total['scene'][0]:.1f} s in sum "
                  f"| {total['scene'][1]:.1f} s in sum |")
            print("| baseline: the six pages again, warm | | "
                  + " | ".join(f"{sum(t[i] for t in warm):.1f} s in sum: " + ", ".join(f"{t[i]:.1f}" for t in warm)
                               for i in (1, 2)) + " |")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        try:
            shape = _shape_floor(browser, cache)
            print(_row("floor: a page of the curse page's shape in a fresh tab, warm (`benchmarks/shape_app.py`)",
                       shape))
        finally:
            browser.close()


def _floor(browser, cache: str) -> tuple[float, float, float]:
    """Streamlit's own first title: a fresh server of ``title_app.py``, its first request."""
    proc, url, _ = _start_server(HERE, cache, "benchmarks/title_app.py")
    try:
        return _open(browser, url)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _views() -> list[tuple[str, str]]:
    """What the timeline opens one by one from ``--up-for`` seconds: every topic page, then every scene."""
    return [*(("page", stem) for stem in PAGES), *(("scene", scene) for scene in SCENES)]


def _shape_floor(browser, cache: str) -> tuple[float, float, float]:
    """What a fresh tab of a page of the curse page's shape costs when nothing is computed: its second
    request (the first fills Python's caches), as the warm baseline's pages are timed."""
    proc, url, _ = _start_server(HERE, cache, "benchmarks/shape_app.py")
    try:
        _open(browser, url)
        return _open(browser, url)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
