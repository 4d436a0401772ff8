"""One action, before and after: the same control moved on two servers, this checkout and another one.

    git worktree add ../base <commit>
    python -m benchmarks.bench_ab ../base "/curse_of_dimensionality?dim=100" theory toggle -n 12
    python -m benchmarks.bench_ab ../base "/talk?deck=full-series&scene=7" scene pagedown -n 12
    python -m benchmarks.bench_ab ../base "/curse_of_dimensionality" dim end -n 12
    python -m benchmarks.bench_ab . /curse_of_dimensionality dim slider -n 8 \
        --after-env APP_IN_VIEW_FILL_MS=100000000 --after-as-opened
    python -m benchmarks.bench_ab . /curse_of_dimensionality dim slider -n 8 \
        --before-script benchmarks/floor_app.py --before-path / --before-key n
    python -m benchmarks.bench_ab . / n slider -n 8 \
        --before-script benchmarks/floor_app.py --after-script benchmarks/floor_in_browser_app.py
    python -m benchmarks.bench_ab . /lstm_forward t buttons -n 8 \
        --before-script benchmarks/floor_app.py --before-path / --before-key n --before-how slider

The fourth compares this checkout with itself, its "after" server told never to fill in the sections a fresh
page leaves for later (``ui.in_view``), and measured as the page opened: a move with the sections out of view
as their header alone, against the whole page. The next two serve other scripts of this checkout: the curse
page's D against Streamlit's one-chart floor, one tab at a time (``bench_settle`` keeps a dozen tabs open); and
that floor against the same page with its slider answered in the browser (``floor_in_browser_app.py``). The
last puts a control moved otherwise (the LSTM page's Next and Back) against the floor's slider.

Two app servers (``bench_settle._start``: ``APP_WARM_VIEWS=0``), one from ``BASE`` (the "before"), one from
this checkout (the "after"). One tab at a time (a second tab open beside the first is not drawn alike: the
first one shown gets the frames), in blocks that alternate which server goes first: a block opens the path on
one server, waits until the page is whole, moves the control once unmeasured (its views then come from the
caches), then ``-n`` times forward and back, measured as ``bench_settle`` measures (from the key press or
pointer down to the page settled, in the page); then the other server. Medians and p95 per server, and their
ratio: a machine's load changes both sides alike.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pathlib
import sys

import numpy as np

from benchmarks import bench_settle as settle


def launch(playwright):
    """Debian's Chromium (or ``CHROMIUM_PATH``) as the benchmarks run it, and a 1400 × 1000 context in it."""
    browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                         args=settle.CHROMIUM_ARGS)
    return browser, browser.new_context(viewport={"width": 1400, "height": 1000})


OPENED_MS = 3000  # --after-as-opened: a page measured as it opened waits this long, then for its run to end


def ready(page, url: str, path: str, key: str, how: str, whole: bool = True) -> None:
    """Open ``url + path`` in ``page``, wait until it is whole (or, not ``whole``, until it is still as it
    opened), scroll to the section ``how`` names, install the probe, and move the control once each way
    unmeasured (the measured moves then come from the caches)."""
    page.goto(url + path)
    settle._wait_idle(page)
    if whole:
        settle._wait_whole(page)
    else:
        page.wait_for_timeout(OPENED_MS)
        settle._wait_idle(page)
    if "@" in how:
        settle._scroll_to(page, how.split("@")[1])
    page.evaluate(settle.PROBE, [settle.QUIET_MS, settle.GRACE_MS])
    settle._act(page, key, how, True)
    settle._act(page, key, how, False)


def _block(context, url: str, path: str, key: str, how: str, n: int, whole: bool = True) -> list[float]:
    page = context.new_page()
    ready(page, url, path, key, how, whole)
    times = []
    for k in range(n):
        try:
            times.append(settle._act(page, key, how, k % 2 == 0)["ms"])
        except Exception as error:  # a probe that never settled: said, not measured
            print(f"{url}{path}: an action did not settle ({type(error).__name__}); the block ends", file=sys.stderr)
            break
    page.close()
    return times


@dataclasses.dataclass(frozen=True)
class Side:
    """What one server serves and where its control is: ``script`` of the checkout at ``cwd``, opened at
    ``path``, its control ``key``, moved as ``how`` says (``bench_settle._act``)."""
    cwd: pathlib.Path
    script: str
    path: str
    key: str
    how: str


def measure(before: Side, after: Side, n: int, blocks: int, after_env: dict[str, str] | None = None,
            after_whole: bool = True) -> dict[str, list[float]]:
    """``n`` actions a block, ``blocks`` blocks a server, alternating; the "after" server with ``after_env``; each
    page measured once whole (the "after" one, not ``after_whole``, as it opened)."""
    from playwright.sync_api import sync_playwright

    sides = {"before": before, "after": after}
    servers = {"before": settle._start(before.script, cwd=before.cwd),
               "after": settle._start(after.script, cwd=after.cwd, extra_env=after_env)}
    times: dict[str, list[float]] = {"before": [], "after": []}
    try:
        with sync_playwright() as p:
            browser, context = launch(p)
            for block in range(blocks):
                for side in (("before", "after") if block % 2 == 0 else ("after", "before")):
                    whole = side == "before" or after_whole
                    one = sides[side]
                    times[side] += _block(context, servers[side][1], one.path, one.key, one.how, n, whole)
                    print(f"block {block + 1} {side}: median {np.median(times[side]):.0f} ms", file=sys.stderr)
            browser.close()
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=30)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=pathlib.Path, help="the other checkout (the 'before')")
    ap.add_argument("path", help='the page and its link, e.g. "/curse_of_dimensionality?dim=100"')
    ap.add_argument("key", help="the control's key")
    ap.add_argument("how", help="slider, slider@<section>, toggle, pagedown, buttons or end (see bench_settle._act)")
    ap.add_argument("-n", type=int, default=10, help="measured actions per block (default 10)")
    ap.add_argument("--blocks", type=int, default=4, help="blocks per server (default 4)")
    ap.add_argument("--after-env", action="append", default=[], metavar="NAME=VALUE",
                    help="an environment variable for the 'after' server (repeatable)")
    ap.add_argument("--after-as-opened", action="store_true",
                    help="measure the 'after' page as it opened, not once it has drawn every section it left for later")
    ap.add_argument("--before-script", default="streamlit_app.py", help="the 'before' server's script (default "
                                                                        "streamlit_app.py)")
    ap.add_argument("--after-script", default="streamlit_app.py", help="the 'after' server's script, of this "
                                                                       "checkout (default streamlit_app.py)")
    ap.add_argument("--before-path", help="the 'before' page's path, if not PATH")
    ap.add_argument("--before-key", help="the 'before' page's control, if not KEY")
    ap.add_argument("--before-how", help="how the 'before' control moves, if not HOW (e.g. slider, for the floor "
                                         "against a page's buttons)")
    args = ap.parse_args()
    after_env = dict(item.split("=", 1) for item in args.after_env)
    before = Side(args.base, args.before_script, args.before_path or args.path, args.before_key or args.key,
                  args.before_how or args.how)
    after = Side(settle.ROOT, args.after_script, args.path, args.key, args.how)
    print(f"load average at the start: {settle._loadavg()} (1, 5, 15 min)")
    times = measure(before, after, args.n, args.blocks, after_env, not args.after_as_opened)
    print(f"load average at the end: {settle._loadavg()}")
    print("| server | actions | median | p95 | max |\n|---|---:|---:|---:|---:|")
    for side, values in times.items():
        print(f"| {side} | {len(values)} | {np.median(values):.0f} ms | {np.percentile(values, 95):.0f} ms | "
              f"{max(values):.0f} ms |")
    print(f"after / before: median {np.median(times['after']) / np.median(times['before']):.2f}, "
          f"p95 {np.percentile(times['after'], 95) / np.percentile(times['before'], 95):.2f}")


if __name__ == "__main__":
    main()
