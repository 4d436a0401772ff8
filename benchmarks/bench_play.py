"""▶ in real Chromium: frames actually drawn per second while a section plays, against the requested 5.

    python -m benchmarks.bench_play                  # print the table
    python -m benchmarks.bench_play --record "after" # and write it into benchmarks/README.md
    python -m benchmarks.bench_play --figure         # and count the figure's drawings too

One server from this checkout (``bench_settle``'s helpers start it and drive Debian's Chromium). For each
played section, at its defaults (5 frames a second): open the page, press ▶ and watch the section's play bar
("frame k of N") for ``--seconds`` or until the sweep ends; a MutationObserver in the page stamps every new
frame number with ``performance.now()``, so the rate is that of frames the browser has drawn, not of runs
the server made; **▶ to first frame** is from the click to the first new frame number (for Pac-Man, which
asks the server for every frame's panels first, the time that takes). Then ⏸: the frame the bar shows after
the page's rerun, minus the last frame seen before the click, is the **lag** (frames the server ran ahead of
the screen). Each section is played twice: **cold** (its Monte Carlo results and chart specs not computed
yet: the first time anyone plays it on a fresh server) and **warm** (the same frames again, from the
caches). A section played in the browser (the D sweeps, the training, t through a sequence of at most
``play.STACK_UP_TO`` steps: the defaults) has no server run per frame and no lag by
construction. With ``--figure``, **figure fps** counts what the audience sees: new drawings of the figure ▶
moves (the first chart or diagram after the bar, watched by a MutationObserver of its own), as the bar can
show a frame whose figure is not drawn yet. The observer costs a little: Pac-Man drew 4.2 bar frames a
second with it against 4.7 without (three interleaved runs each), so the rates with ``--figure`` are not
compared with those without.
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
    ("simple RNN · forward (t, T = 60: the server's)", "/simple_rnn?seq_len=60", "forward"),
    ("LSTM forward · step through time (t, T = 60: the server's)", "/lstm_forward?seq_len=60", "step_through_time"),
    ("LSTM backprop · clipping in training (steps shown)", "/lstm_backprop", "training_clipping"),
    ("talk · scene 8, Pac-Man (D)", "/talk?deck=full-series&scene=8", "angles"),
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


# Stamps every new drawing of the figure ▶ moves: the first chart or diagram after the play bar in the page (for a
# stacked sweep, the stack of its frames, where a new frame is shown by the style of two of its parts).
# A MutationObserver on that figure alone stamps a drawing when its SVG changes, counting changes less than
# ``GAP_MS`` apart as one drawing (a frame changes many nodes, in one or a few tasks); the figure is looked
# up again twice a second if a rerun replaced it. A bar can count a frame whose figure the browser has not
# drawn yet: this counts what the audience sees. (Hashing the figure's text and paths at every animation
# frame cost Pac-Man ~0.7 frames a second: this observer is that of one figure only.)
GAP_MS = 60
FIGURE_PROBE = r"""([name, gap]) => {
  const figure = () => {
    const stack = document.querySelector('.st-key-play_stack_' + name);  // a stacked sweep: one part shown at a time
    if (stack) return stack;
    const bar = document.querySelector('.st-key-play_bar_' + name);
    if (!bar) return null;
    for (const el of document.querySelectorAll('[data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"]'))
      if (bar.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) return el;
    return null;
  };
  window.__drawn = []; let last = -Infinity, watched = null;
  const observer = new MutationObserver(() => { const now = performance.now();
    if (now - last > gap) window.__drawn.push(now); last = now; });
  const watch = () => { if (watched && watched.isConnected) return; watched = figure(); observer.disconnect();
    if (watched) observer.observe(watched, {subtree: true, childList: true, attributes: true, characterData: true}); };
  watch(); window.__figureWatch = setInterval(watch, 500);
}"""


def _rate(stamps: list[float]) -> float:
    """Frames a second from the times (ms) they were stamped."""
    return (len(stamps) - 1) / ((stamps[-1] - stamps[0]) / 1000) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0


def _button(page, name: str):
    return page.locator(f".st-key-play_{name} button").first  # a button with help has a hidden twin


def play_once(page, url: str, name: str, seconds: float, figure: bool = False) -> dict:
    """Open ``url``, press ▶ on section ``name``, watch it ``seconds`` (or to the end), press ⏸; with
    ``figure``, count the figure's drawings too (:data:`FIGURE_PROBE`)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    bench_settle._wait_idle(page)
    button = _button(page, name)
    button.scroll_into_view_if_needed()
    page.evaluate(PROBE, name)
    if figure:
        page.evaluate(FIGURE_PROBE, [name, GAP_MS])
    clicked = page.evaluate("performance.now()")
    button.click()
    page.wait_for_function(f"() => document.querySelector('.st-key-play_{name} button').innerText.includes('Pause')",
                           timeout=180_000)
    end = time.monotonic() + seconds
    while time.monotonic() < end and "Pause" in button.inner_text():  # else the sweep reached its end
        page.wait_for_timeout(250)
    frames = page.evaluate("window.__frames")
    drawn = page.evaluate("clearInterval(window.__figureWatch), window.__drawn") if figure else []
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
            "first": (frames[0][0] - clicked) / 1000 if frames else None,
            "figure_fps": _rate(drawn) if figure else None,
            "lag": 0 if stopped_by_end or seen is None or final is None else final - seen,
            "ended": stopped_by_end}


def measure(seconds: float, only: str = "", figure: bool = False) -> dict:
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
                    rows[(label, kind)] = result = play_once(page, url + path, name, seconds, figure)
                    print(f"{label} ({kind}): {result}", file=sys.stderr)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"rows": rows, "load": (load_start, bench_settle._loadavg())}


def table(result: dict) -> list[str]:
    figure = any(r["figure_fps"] is not None for r in result["rows"].values())
    lines = ["| section | caches | ▶ to first frame | frames drawn | over | drawn fps (asked 5) |"
             + (" figure fps |" if figure else "") + " lag at ⏸ |",
             "|---|---|---:|---:|---:|---:|" + ("---:|" if figure else "") + "---:|"]
    for (label, kind), r in result["rows"].items():
        lag = "ended" if r["ended"] else f"{r['lag']} frames"
        seen = f" {r['figure_fps']:.1f} |" if figure else ""
        first = "–" if r["first"] is None else f"{r['first']:.2f} s"
        lines.append(f"| {label} | {kind} | {first} | {r['frames']} | {r['span']:.1f} s | {r['fps']:.1f} |"
                     f"{seen} {lag} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each section plays")
    parser.add_argument("--record", metavar="LABEL", help="write the run into benchmarks/README.md")
    parser.add_argument("--only", default="", metavar="TEXT",
                        help="play only the sections whose label contains TEXT (e.g. 'RNN')")
    parser.add_argument("--figure", action="store_true",
                        help="also count the drawings of the figure ▶ moves (costs Pac-Man ~0.4 frames a second)")
    parser.add_argument("--busy", default="shared with other work",
                        help="how busy the machine was, for the record")
    args = parser.parse_args()
    result = measure(args.seconds, args.only, args.figure)
    lines = table(result)
    print("\n".join(lines))
    if args.record:
        common.record_run(bench_settle.README, "play", "▶ Play: frames drawn per second",
                          __doc__.split("\n\n", 2)[2].strip(), args.record,
                          f"python -m benchmarks.bench_play --seconds {args.seconds:g}"
                          + (f" --only '{args.only}'" if args.only else "") + (" --figure" if args.figure else ""),
                          args.busy,
                          result["load"], lines)


if __name__ == "__main__":
    main()
