"""▶ in real Chromium: frames actually drawn per second while a section plays, against the requested 5.

    python -m benchmarks.bench_play                  # print the table
    python -m benchmarks.bench_play --record "after" # and write it into benchmarks/README.md

One server from this checkout (``bench_settle``'s helpers start it and drive Debian's Chromium). For each
played section, at its defaults (5 frames a second): open the page, press ▶ and watch the section's
play bar ("frame k of N") for ``--seconds`` or until the sweep ends; a MutationObserver in the page
stamps every new frame number with ``performance.now()``, so the rate is that of frames the browser has
drawn, not of runs the server made. Then ⏸: the frame the bar shows after the page's rerun, minus the
last frame seen before the click, is the **lag** (frames the server ran ahead of the screen). Each
section is played twice: **cold** (its Monte Carlo results and chart specs not computed yet: the first
time anyone plays it on a fresh server) and **warm** (the same frames again, from the caches). A section
played in the browser (the training) has no server run per frame and no lag by construction.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from benchmarks import bench_settle, common

# (name, path, played section, requested fps)
TARGETS = (
    ("curse · Pac-Man (D)", "/curse_of_dimensionality", "angles"),
    ("curse · shells (D)", "/curse_of_dimensionality", "shells"),
    ("curse · distances (D)", "/curse_of_dimensionality", "distances"),
    ("simple RNN · forward (t)", "/simple_rnn", "forward"),
    ("LSTM forward · step through time (t)", "/lstm_forward", "step_through_time"),
    ("LSTM backprop · clipping in training (steps shown)", "/lstm_backprop", "training_clipping"),
    ("talk · scene 7, Pac-Man (D)", "/talk?deck=full-series&scene=7", "angles"),
)
REQUESTED_FPS = 5

# Stamps every new frame number shown in the play bar ``.st-key-play_bar_<name>`` (the bar is redrawn
# with the section, so it is looked up again at each change).
PROBE = r"""(name) => {
  const read = () => { const el = document.querySelector('.st-key-play_bar_' + name);
                       const m = el && el.textContent.match(/frame (\d+) of (\d+)/); return m ? Number(m[1]) : null; };
  window.__frames = []; let last = read();
  new MutationObserver(() => { const f = read();
      if (f !== null && f !== last) { last = f; window.__frames.push([performance.now(), f]); } })
    .observe(document.body, {subtree: true, childList: true, characterData: true});
  window.__frameNow = read;
}"""


def _button(page, name: str):
    return page.locator(f".st-key-play_{name} button").first  # a button with help has a hidden twin


def play_once(page, url: str, name: str, seconds: float) -> dict:
    """Open ``url``, press ▶ on section ``name``, watch it ``seconds`` (or to the end), press ⏸."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    bench_settle._wait_idle(page)
    button = _button(page, name)
    button.scroll_into_view_if_needed()
    page.evaluate(PROBE, name)
    button.click()
    page.wait_for_function(f"() => document.querySelector('.st-key-play_{name} button').innerText.includes('Pause')",
                           timeout=180_000)
    end = time.monotonic() + seconds
    while time.monotonic() < end and "Pause" in button.inner_text():  # else the sweep reached its end
        page.wait_for_timeout(250)
    frames = page.evaluate("window.__frames")
    seen = page.evaluate("window.__frameNow()")
    stopped_by_end = "Pause" not in button.inner_text()
    if not stopped_by_end:
        try:  # ⏸ itself, never the button's place: a sweep that ends as we click turns it into ▶, and a
            # click there would start the sweep again (from the first frame), a page that never settles
            page.locator(f".st-key-play_{name} button:has-text('Pause')").first.click(timeout=10_000)
        except PlaywrightTimeout:  # the sweep ended as we clicked: ⏸ is gone
            stopped_by_end = True
    if not stopped_by_end:
        page.wait_for_function(f"() => !document.querySelector('.st-key-play_{name} button').innerText"
                               ".includes('Pause')", timeout=180_000)  # ⏸ reran the page
    bench_settle._wait_idle(page)
    final = page.evaluate("window.__frameNow()")
    shown = len(frames)
    span = (frames[-1][0] - frames[0][0]) / 1000 if shown > 1 else 0.0
    return {"frames": shown, "span": span, "fps": (shown - 1) / span if span > 0 else 0.0,
            "lag": 0 if stopped_by_end or seen is None or final is None else final - seen,
            "ended": stopped_by_end}


def measure(seconds: float, only: str = "") -> dict:
    from playwright.sync_api import sync_playwright

    load_start = bench_settle._loadavg()
    proc, url = bench_settle._start("streamlit_app.py")
    rows = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                        args=bench_settle.CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            for label, path, name in (t for t in TARGETS if only.lower() in t[0].lower()):
                for kind in ("cold", "warm"):
                    rows[(label, kind)] = result = play_once(page, url + path, name, seconds)
                    print(f"{label} ({kind}): {result}", file=sys.stderr)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"rows": rows, "load": (load_start, bench_settle._loadavg())}


def table(result: dict) -> list[str]:
    lines = ["| section | caches | frames drawn | over | drawn fps (asked 5) | lag at ⏸ |",
             "|---|---|---:|---:|---:|---:|"]
    for (label, kind), r in result["rows"].items():
        lag = "ended" if r["ended"] else f"{r['lag']} frames"
        lines.append(f"| {label} | {kind} | {r['frames']} | {r['span']:.1f} s | {r['fps']:.1f} | {lag} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each section plays")
    parser.add_argument("--record", metavar="LABEL", help="write the run into benchmarks/README.md")
    parser.add_argument("--only", default="", metavar="TEXT",
                        help="play only the sections whose label contains TEXT (e.g. 'RNN')")
    parser.add_argument("--busy", default="shared with other work",
                        help="how busy the machine was, for the record")
    args = parser.parse_args()
    result = measure(args.seconds, args.only)
    lines = table(result)
    print("\n".join(lines))
    if args.record:
        common.record_run(bench_settle.README, "play", "▶ Play: frames drawn per second",
                          __doc__.split("\n\n", 2)[2].strip(), args.record,
                          f"python -m benchmarks.bench_play --seconds {args.seconds:g}"
                          + (f" --only '{args.only}'" if args.only else ""), args.busy,
                          result["load"], lines)


if __name__ == "__main__":
    main()
