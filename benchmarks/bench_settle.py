"""Settle time in real Chromium: from a key press (or click) on each page's main control until the app is idle.

    python -m benchmarks.bench_settle                       # 15 actions per page, print the table
    python -m benchmarks.bench_settle -n 30 --record before # and write it into benchmarks/README.md

Three servers from this checkout: the app (``streamlit run streamlit_app.py``), Streamlit's own floor
(``benchmarks/floor_app.py``: one slider, one Altair chart whose data depends on it) and the floor of a
page of the curse page's shape (``benchmarks/shape_app.py``: as many charts, texts, buttons and columns,
data that is a formula of D; its own row, not a target). Every page is
opened once, left until every section is drawn (a fresh page draws its first section and the others one at
a time while it is still, ``ui.in_view``), and its control moved once before measuring (fills the numba cache
and the app's caches).
Then N rounds; each round moves every page's main control once and the floor's slider once in each of its
``FLOOR_TABS`` tabs (in an order that rotates from round to round, so a change in the machine's load affects
pages and floor alike), the direction alternating (ArrowRight, ArrowLeft, …) so the value oscillates around
its default: after the first round each view has been seen, so its charts come from the spec cache, as when
a speaker goes back and forth. ``--walk`` always steps forward instead: every action asks for a view not seen
before. D on the curse page
redraws the sections in view (``ui.in_view``): its first row moves D at the top of the page (the grids in view),
another with the window scrolled to the angles section (Pac-Man and the spread chart in view).
``--warm-views`` serves the app as deployed (no ``APP_WARM_VIEWS=0``): a first visit starts the server's own
warm-up (compile, every page's default and the deck's scenes, then the sweep of the curse page's D), and
the measurement starts once the server has been idle for ``IDLE_S`` seconds; with ``--walk``, what a hand
moving D to values nobody asked for yet gets after a wake-up.

Measured inside the page (``performance.now()``, no Playwright round trip in the number): from the
``keydown`` / ``pointerdown`` event's time stamp until the app is idle again: the script ran
(``stApp``'s ``data-test-script-state`` left ``notRunning``), and now it is ``notRunning``, connected, no
element is ``data-stale="true"`` (Streamlit 1.67 marks every element of the previous run so while it
reruns, and clears it element by element as the new run re-sends it) and no ``stSkeleton`` is shown;
a MutationObserver checks this on every DOM change. Vega-Lite redraws a chart asynchronously, after
its element stopped being stale (measured: up to ~600 ms after the script is idle on a busy machine), so
any later change of the page's content (not of Streamlit's toolbars and status widget, nor the help
tooltip that a pointer resting on a clicked button opens half a second later) extends the settle time.
The time is taken at the first frame after the last such change (``requestAnimationFrame`` then a zero
timeout), once nothing has changed for ``QUIET_MS`` (a second run restarts the wait). The
table also gives the median to "script idle" alone (the DOM signals, without the late chart draws).
If the script state never leaves ``notRunning`` within ``GRACE_MS`` the action counts as "no rerun
seen" and its time is the last change of the page's content (a run whose start and end the browser drew
in one frame leaves no "running" state to see; its new content still counts).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request

import numpy as np

from benchmarks import common
from benchmarks.common import tree_cpu

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
        '[data-test-connection-state="CONNECTED"]')
QUIET_MS = 400  # idle this long after the settle moment, or it was not the end
GRACE_MS = 5000  # no run started this long after the action: "no rerun seen" (1.5 s was too short at load 15)
TIMEOUT_MS = 60_000
IDLE_S = 10.0  # --warm-views: the server's warm-up is over once it has used no CPU for this long
WARM_UP_S = 900.0  # and waits no longer than this for it

# (name, server, path, control key, how it is moved, what the control is)
FLOOR = ("floor (one slider, one chart)", "floor", "/", "n", "slider", "`n` slider")
# The floor is open in this many tabs, each moved once a round as every page is (a move in the tab just brought to
# the front, never a second one in the same tab): every ratio divides by its median, which five moves left to
# chance (58 and 91 ms in two runs twenty minutes apart; 42 ms measured alone)
FLOOR_TABS = 3
# Streamlit's floor for a page of the curse page's shape (benchmarks/shape_app.py): as many charts, texts,
# buttons and columns, data that is a formula of D: what drawing that many parts costs, whatever is computed
SHAPE = ("floor of the curse page's shape (20 charts, 52 texts, no work)", "shape", "/", "dim", "slider",
         "`dim` select_slider")
TARGETS = (
    ("curse_of_dimensionality", "app", "/curse_of_dimensionality", "dim", "slider", "`dim` select_slider"),
    ("rnn_prerequisites", "app", "/rnn_prerequisites", "seq_len", "slider", "`seq_len` slider"),
    ("simple_rnn", "app", "/simple_rnn", "seq_len", "slider", "`seq_len` slider"),
    ("history", "app", "/history", "depth", "slider", "`depth` slider (answered in the browser: no run)"),
    ("lstm_forward", "app", "/lstm_forward", "t", "buttons", "step scrubber Next / Back buttons"),
    ("lstm_backprop", "app", "/lstm_backprop", "clip", "slider", "`clip` slider (answered in the browser: no run)"),
    ("curse · D, Pac-Man in view", "app", "/curse_of_dimensionality", "dim", "slider@angles",
     "`dim` select_slider, scrolled to the angles section"),
    ("curse · a section's control", "app", "/curse_of_dimensionality", "bins", "slider",
     "`bins` slider (the grids section; answered in the browser: no run)"),
    ("talk deck", "app", "/talk?deck=full-series&scene=7", "scene", "pagedown",
     "PageDown / PageUp (scene 7 ↔ 8: Pac-Man at D = 2 and 50)"),
)

# Installed once per tab; ``window.__settleArm()`` before each action, ``window.__settle`` after it.
PROBE = """([quiet, grace]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  // the app's two attributes on every call; the document-wide queries (a few ms each on a long page, called on
  // every batch of changes, on the page's own main thread) only where the probe is about to conclude
  const idle = () => app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED';
  const clean = () => !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]');
  const CHROME = '[data-testid="stToolbar"], [data-testid="stStatusWidget"], [data-testid="stElementToolbar"], '
    + '[data-testid="stElementToolbarButtonContainer"]';
  const drawn = (m) => {  // a change of the page's content, not of Streamlit's toolbars and status widget,
    // nor the help tooltip a pointer resting on a clicked button opens (~0.5 s later, in a layer outside
    // the app, announced by its button's aria-describedby)
    const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    return el && el.closest('[data-testid="stApp"]') && !el.closest(CHROME)
      && !(m.type === 'attributes' && m.attributeName === 'aria-describedby');
  };
  let st = null;
  const mark = (now) => {  // the content changed at ``now``: its frame is painted at the next frame
    st.lastAt = now; st.paintAt = null;
    requestAnimationFrame(() => setTimeout(() => { if (st.lastAt === now) st.paintAt = performance.now(); }, 0));
  };
  // a run that started and ended within one batch of changes (a busy machine: the server's messages read in one
  // task) leaves the state notRunning at the observer's call: its attribute's old value tells
  const ran = (muts) => muts && muts.some((m) => m.target === app && m.attributeName === 'data-test-script-state'
    && m.oldValue !== null && m.oldValue !== 'notRunning');
  const check = (muts) => {
    if (!st || st.t0 === null || st.done) return;
    const now = performance.now();
    if (!idle()) { st.started = true; st.idleAt = null; st.lastAt = null; st.paintAt = null; return; }
    if (!st.started && ran(muts)) { st.started = true; st.idleAt = now; mark(now); return; }
    if (!st.started) { if (muts && muts.some(drawn)) st.lastChange = now; return; }  // not the timer's calls
    if (st.idleAt === null) { st.idleAt = now; mark(now); return; }
    if (muts && muts.some(drawn)) mark(now);  // charts still drawing after the run (Vega renders async)
  };
  const start = (e) => { if (st && st.t0 === null) { st.t0 = e.timeStamp; st.lastChange = e.timeStamp; } };
  window.addEventListener('keydown', start, true);
  window.addEventListener('pointerdown', start, true);
  new MutationObserver(check).observe(document.body, {subtree: true, attributes: true, childList: true,
                                                      characterData: true, attributeOldValue: true});
  setInterval(() => {
    if (!st || st.t0 === null || st.done) return;
    check(null);
    const now = performance.now();
    if (st.started && st.paintAt !== null && now - st.lastAt >= quiet) {
      if (!clean()) { st.idleAt = null; st.lastAt = null; st.paintAt = null; return; }  // not over after all
      st.done = true; st.ms = st.paintAt - st.t0; st.idleMs = st.idleAt - st.t0;
    } else if (st.idleAt !== null && now - st.idleAt >= 10000) {  // content still changing 10 s later: give up
      st.done = true; st.ms = st.lastAt - st.t0; st.idleMs = st.idleAt - st.t0;
    } else if (!st.started && now - st.t0 >= grace) {
      st.done = true; st.ms = st.idleMs = st.lastChange - st.t0; st.norun = true;
    }
  }, 10);
  window.__settleArm = () => { st = {t0: null, started: false, idleAt: null, lastAt: null, paintAt: null,
                                     lastChange: null, done: false, ms: null, idleMs: null, norun: false};
                               window.__settle = st; };
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(script: str, warm_views: bool = False, cwd: pathlib.Path = ROOT,
           extra_env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Serve ``script`` of the checkout at ``cwd`` (with ``extra_env`` set); the process and its URL once it is
    healthy."""
    port = _free_port()
    # APP_WARM_VIEWS=0: every page is opened before measuring anyway; the server's own opening of each page
    # and scene (ui.warmup) would run beside the first measurements (``warm_views``: waited for instead)
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", APP_WARM_VIEWS="0", **(extra_env or {}))
    if warm_views:
        env.pop("APP_WARM_VIEWS")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                             "--server.port", str(port), "--server.fileWatcherType", "none"],
                            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{script}: streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{script}: the server did not start")


def _server_warm_up(proc: subprocess.Popen, url: str) -> float:
    """Open the home page over the server's websocket (what starts its warm-up), then wait until the server
    has used no CPU for ``IDLE_S``; the seconds from the visit until it went idle."""
    from ui import warmup

    start = time.monotonic()
    (home,) = warmup.open_views(url.replace("http://", "ws://") + "/_stcore/stream", ("",))
    if home.problem:
        raise RuntimeError(f"the home page: {home.problem}")
    used, quiet_since = tree_cpu(proc.pid), time.monotonic()
    while time.monotonic() - start < WARM_UP_S:
        time.sleep(1.0)
        now_used = tree_cpu(proc.pid)
        if now_used - used > 0.02:
            quiet_since = time.monotonic()
        used = now_used
        if time.monotonic() - quiet_since >= IDLE_S:
            return quiet_since - start
    raise RuntimeError(f"the server's warm-up did not end within {WARM_UP_S:.0f} s")


def _wait_idle(page) -> None:
    page.wait_for_selector(IDLE, timeout=180_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=180_000)
    page.wait_for_timeout(300)  # a run may start a second pass
    page.wait_for_selector(IDLE, timeout=180_000)


LATER = 'div[class*="st-key-in_view_later_"]'  # ui.in_view: a section drawn as its header alone so far


def _wait_whole(page) -> None:
    """Wait until the fresh page has drawn every section it left for later (``ui.in_view``: one at a time,
    once the page has been still for a moment), so no such run overlaps a measured action."""
    page.wait_for_function(f"() => !document.querySelector('{LATER}')", timeout=180_000)
    _wait_idle(page)


def _value(page, key: str) -> str | None:
    thumb = page.locator(f'.st-key-{key} input[type="range"]').first
    return thumb.get_attribute("aria-valuetext") if thumb.count() else None


def _act(page, key: str, how: str, forward: bool) -> dict:
    """Move the control one step and return the probe's record once the app has settled (``end``: moved at the
    page's top unmeasured, then the End key measured)."""
    page.bring_to_front()
    how = how.split("@")[0]
    if how == "end":
        _moved_at_the_top(page, key, forward)
    page.evaluate("window.__settleArm()")
    if how == "end":  # then the End key: the sections drawn at the older value come into view (ui.in_view)
        page.keyboard.press("End")
    elif how == "slider":
        page.locator(f'.st-key-{key} input[type="range"]').first.focus()
        page.keyboard.press("ArrowRight" if forward else "ArrowLeft")
    elif how == "pagedown":  # a clicker on the talk page
        page.locator("body").focus()
        page.keyboard.press("PageDown" if forward else "PageUp")
    elif how == "toggle":  # a switch: on, then off
        page.locator(f".st-key-{key} label").first.click()
    else:  # the step scrubber's buttons
        page.locator(f'.st-key-{key}_{"next" if forward else "prev"} button').first.click()
    page.wait_for_function("window.__settle && window.__settle.done", timeout=TIMEOUT_MS, polling=50)
    return page.evaluate("({ms: window.__settle.ms, idle: window.__settle.idleMs, norun: window.__settle.norun})")


def _moved_at_the_top(page, key: str, forward: bool) -> None:
    """Unmeasured: the page's top (the Home key), the slider ``key`` moved one step there (only the sections in
    view redraw: ``ui.in_view``), and a click on the page's title, so that a key scrolls the page's main area."""
    _to_main(page)
    page.keyboard.press("Home")
    page.wait_for_timeout(500)  # the watcher speaks once the page is still
    _wait_idle(page)
    page.locator(f'.st-key-{key} input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight" if forward else "ArrowLeft")
    page.wait_for_timeout(300)
    _wait_idle(page)
    _to_main(page)


def _to_main(page) -> None:
    """A click on the page's title: the focus leaves any control, and the keys scroll the main area."""
    page.locator("h1").first.click()


def _scroll_to(page, section: str) -> None:
    """Scroll section ``section`` of a page to the top of the window, and wait until the page's watcher has
    said so (``ui.in_view``) and the app is idle again."""
    page.locator(f".st-key-in_view_{section}").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_function("(name) => (document.body.dataset.inView || '').split(',').includes(name)",
                           arg=section, timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)
    _wait_idle(page)


def _loadavg() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(n: int, walk: bool = False, warm_views: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    load_start = _loadavg()
    app_proc, app_url = _start("streamlit_app.py", warm_views)
    floor_proc, floor_url = _start("benchmarks/floor_app.py")
    shape_proc, shape_url = _start("benchmarks/shape_app.py")
    warmed = None
    if warm_views:
        warmed = _server_warm_up(app_proc, app_url)
        print(f"the server's own warm-up: idle {warmed:.0f} s after the first visit", file=sys.stderr)
    urls = {"app": app_url, "floor": floor_url, "shape": shape_url}
    targets = (FLOOR, SHAPE, *TARGETS)
    tabs = [(FLOOR, k) for k in range(FLOOR_TABS)] + [(t, 0) for t in targets[1:]]
    times = {t[0]: [] for t in targets}
    idle = {t[0]: [] for t in targets}
    norun = {t[0]: 0 for t in targets}
    unchanged = {t[0]: 0 for t in targets}
    warm = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                        args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            pages = {}
            for (name, server, path, key, how, _), copy in tabs:  # warm-up: open each tab, move its control once
                page = context.new_page()
                start = time.perf_counter()
                page.goto(urls[server] + path)
                _wait_idle(page)
                opened = time.perf_counter() - start
                _wait_whole(page)
                if "@" in how:  # the control moved with this section in view (ui.in_view: what D redraws)
                    _scroll_to(page, how.split("@")[1])
                page.evaluate(PROBE, [QUIET_MS, GRACE_MS])
                first = _act(page, key, how, True)["ms"]
                _act(page, key, how, False)
                warm.setdefault(name, (opened, first))
                pages[name, copy] = page
                print(f"warm-up {name}: opened in {opened:.1f} s, first move {first:.0f} ms", file=sys.stderr)
            for rnd in range(n):
                forward = walk or rnd % 2 == 0
                shift = rnd % len(tabs)
                for (name, _, _, key, how, _), copy in tabs[shift:] + tabs[:shift]:
                    _measure_move(pages[name, copy], name, key, how, forward, times, idle, norun, unchanged)
            browser.close()
    finally:
        for proc in (app_proc, floor_proc, shape_proc):
            proc.terminate()
            proc.wait(timeout=30)
    return {"times": times, "idle": idle, "norun": norun, "unchanged": unchanged, "warm": warm,
            "load": (load_start, _loadavg()), "n": n, "server_warm_up": warmed}


def _measure_move(page, name: str, key: str, how: str, forward: bool, times: dict, idle: dict, norun: dict,
                  unchanged: dict) -> None:
    """Move ``name``'s control one step and add what it took to the tallies."""
    before = _value(page, key)
    record = _act(page, key, how, forward)
    if before is not None and _value(page, key) == before:
        unchanged[name] += 1
    times[name].append(record["ms"])
    idle[name].append(record["idle"])
    norun[name] += bool(record["norun"])


def _q(values, q: float) -> float:
    return float(np.percentile(values, q))


def table(result: dict) -> list[str]:
    times = result["times"]
    floor = times[FLOOR[0]]
    f50, f95 = _q(floor, 50), _q(floor, 95)
    idle = result["idle"]
    lines = ["| page | control | median | p95 | median / floor | p95 / floor | max | median to script idle |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]

    def line(name: str, control: str, values, idles) -> str:
        m, p = _q(values, 50), _q(values, 95)
        return (f"| {name} | {control} | {m:.0f} ms | {p:.0f} ms | {m / f50:.1f}x | {p / f95:.1f}x "
                f"| {max(values):.0f} ms | {_q(idles, 50):.0f} ms |")

    lines.append(line(f"**{FLOOR[0]}**", FLOOR[5], floor, idle[FLOOR[0]]))
    if SHAPE[0] in times:  # runs recorded before the shape floor existed have none
        lines.append(line(f"*{SHAPE[0]}*", SHAPE[5], times[SHAPE[0]], idle[SHAPE[0]]))
    pooled, pooled_idle = [], []
    for name, *_, control in TARGETS:
        lines.append(line(name, control, times[name], idle[name]))
        pooled += times[name]
        pooled_idle += idle[name]
    lines.append(line("**all of the app's rows**", f"{len(pooled)} actions", pooled, pooled_idle))
    return lines


def shape_line(result: dict) -> str:
    """The curse page's D against the floor of its shape: the part of its settle time that is its own work."""
    times = result["times"]
    shape, curse = _q(times[SHAPE[0]], 50), _q(times[TARGETS[0][0]], 50)
    return (f"Streamlit's floor for a page of the curse page's shape (`benchmarks/shape_app.py`): median "
            f"{shape:.0f} ms, {shape / _q(times[FLOOR[0]], 50):.1f}x the one-chart floor; the curse page's D "
            f"{curse:.0f} ms, {curse / shape:.1f}x the floor of its shape.")


def notes(result: dict) -> list[str]:
    out = [shape_line(result)] if SHAPE[0] in result["times"] else []
    norun = {k: v for k, v in result["norun"].items() if v}
    unchanged = {k: v for k, v in result["unchanged"].items() if v}
    if norun:
        out.append("No rerun seen (script state never left notRunning within "
                   f"{GRACE_MS} ms): " + ", ".join(f"{k} {v}" for k, v in norun.items()) + ".")
    if unchanged:
        out.append("Control value unchanged after the action: "
                   + ", ".join(f"{k} {v}" for k, v in unchanged.items()) + ".")
    return out


def warm_line(result: dict) -> str:
    parts = [f"{name} {opened:.1f} s / {first:.0f} ms" for name, (opened, first) in result["warm"].items()]
    served = result.get("server_warm_up")
    own = "" if served is None else (f"The server's own warm-up (`--warm-views`) went idle {served:.0f} s after "
                                     "the first visit. ")
    return own + "Warm-up (page opened / its first, unmeasured move): " + "; ".join(parts) + "."


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=104, break_long_words=False, break_on_hyphens=False)


def record(result: dict, label: str, command: str, busy: str) -> None:
    """Write this run into README's "settle" section, as the block ``label`` (replaced if present)."""
    intro = ("`python -m benchmarks.bench_settle` (`-n N` actions per page, default 15; `--record LABEL` "
             "writes the run here). Three servers from this checkout, the app, Streamlit's own floor "
             "(`benchmarks/floor_app.py`: one slider, one Altair chart whose data depends on it) and, "
             "in italics, the floor of a page of the curse page's shape (`benchmarks/shape_app.py`: as "
             "many charts, texts, buttons and columns, no work), "
             "driven in one Debian Chromium (1400 × 1000) with a warm numba cache: every page is "
             "opened and its control moved once before measuring. Each round moves every page's main "
             f"control one step and the floor's slider one step in each of its {FLOOR_TABS} tabs (every ratio "
             "divides by its median), in a rotating order, alternating "
             "ArrowRight / ArrowLeft (the LSTM forward page: its step scrubber's Next / Back buttons, "
             "clicked). Settle = from the `keydown` / `pointerdown` event to the first frame after the "
             "app is idle: the script ran, and now `stApp` is `notRunning` and connected, no element "
             "is `data-stale=\"true\"` (what Streamlit marks while it reruns) and no `stSkeleton` is "
             "shown, and the charts Vega-Lite redraws after that (asynchronously) are drawn: no content "
             "change for 400 ms, toolbars, the status widget and a clicked button's help tooltip aside. "
             "The last column stops at the DOM signals alone (script idle), before those late chart "
             "draws. Timed inside the page with `performance.now()` and a MutationObserver. Ratios are to "
             "the floor's median and p95 of the same run. Targets (issue 13): median ≤ 2x and p95 ≤ 4x the "
             "floor; median ≤ 300 ms on a quiet run.")
    common.record_run(README, "settle", "Settle time in Chromium (action to idle)", intro, label, command, busy,
                      result["load"], [*table(result), "", *map(_wrap, [warm_line(result), *notes(result)])],
                      extra=f" {result['n']} actions per page.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=15, help="actions per page (default 15)")
    ap.add_argument("--walk", action="store_true",
                    help="always step forward: every action asks for a view not seen before (no cached charts)")
    ap.add_argument("--warm-views", action="store_true",
                    help="serve the app with its own warm-up on and wait for it to end before measuring")
    ap.add_argument("--record", metavar="LABEL", help="write the run into benchmarks/README.md as LABEL")
    ap.add_argument("--busy", default="", help="how busy the machine was, for the record (default: from the "
                                               "load average)")
    args = ap.parse_args()
    print(f"load average at the start: {_loadavg()} (1, 5, 15 min; 2 cores)", flush=True)
    result = measure(args.n, walk=args.walk, warm_views=args.warm_views)
    print(f"load average at the end: {result['load'][1]}")
    print("\n".join(table(result)))
    print(warm_line(result))
    for line in notes(result):
        print(line)
    if args.record:
        busy = args.busy or ("busy: other jobs running" if max(map(float, result["load"][0].split(", ")[:1]
                                                                    + result["load"][1].split(", ")[:1])) > 1.0
                             else "quiet")
        command = ("python -m benchmarks.bench_settle" + (f" -n {args.n}" if args.n != 15 else "")
                   + (" --walk" if args.walk else "") + (" --warm-views" if args.warm_views else ""))
        record(result, args.record, command, busy)
        print(f"recorded in {README.relative_to(ROOT)} as {args.record!r}")


if __name__ == "__main__":
    main()
