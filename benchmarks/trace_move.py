"""Where one move's time goes in the browser: the app's messages and React's commits, on one timeline.

    python -m benchmarks.trace_move "http://localhost:8501/curse_of_dimensionality" dim slider -n 3
    python -m benchmarks.trace_move "http://localhost:8501/curse_of_dimensionality" dim slider@angles

Opens the link in Chromium (a served app: start one with ``streamlit run``), moves the control as
``bench_settle`` does (``how``: slider, slider@<section>, toggle, pagedown, buttons), and prints for each move,
in ms from the key press or click: each batch of the server's messages as the page handled them (decoded:
``new_session``, ``status running=True``, ``finished 2`` (a run ended early for a rerun), deltas by kind) and
each React commit with the number of components it rendered again (a component whose props changed
identity). No timing is asserted anywhere: this is for reading.
"""

from __future__ import annotations

import argparse
import collections
import sys

from benchmarks import bench_settle as settle
from benchmarks.bench_ab import launch

# A stand-in for React's developer-tools hook: React calls it after each commit, with the tree; a component
# rendered again in that commit holds new props.
COMMITS = """(() => {
  window.__commits = []; const seen = new WeakMap(); let id = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject(r) { this.renderers.set(++id, r); return id; },
    onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, checkDCE() {},
    onCommitFiberRoot(_, root) {
      let rendered = 0;
      const walk = (f) => { while (f) {
        const record = seen.get(f) || (f.alternate && seen.get(f.alternate)) || {props: undefined};
        if (record.props !== undefined && record.props !== f.memoizedProps) rendered++;
        record.props = f.memoizedProps; seen.set(f, record); if (f.alternate) seen.set(f.alternate, record);
        if (f.child) walk(f.child); f = f.sibling; } };
      walk(root.current.child);
      window.__commits.push([performance.now(), rendered]);
    },
  };
  window.__messages = []; const Socket = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Socket(...args);
    socket.addEventListener('message', () => window.__messages.push(performance.now()));
    return socket;
  };
  window.WebSocket.prototype = Socket.prototype; Object.assign(window.WebSocket, Socket);
})();"""


def describe(payload: bytes) -> str:
    """One server message, in a few words."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
    kind = msg.WhichOneof("type")
    if kind == "delta":
        delta = msg.delta.WhichOneof("type")
        inner = {"new_element": msg.delta.new_element, "add_block": msg.delta.add_block}.get(delta)
        return f"delta:{inner.WhichOneof('type') if inner is not None else delta}"
    if kind == "session_status_changed":
        return f"status running={msg.session_status_changed.script_is_running}"
    if kind == "script_finished":
        return f"finished {msg.script_finished}"
    return kind


def timeline(commits: list, arrivals: list[float], received: list[bytes], t0: float) -> list[tuple[int, str]]:
    """The move's events, in ms from ``t0``: batches of messages (those the page handled within 1 ms of each
    other) and commits."""
    events = [(round(at - t0), f"COMMIT {n} components") for at, n in commits]
    batches: dict[int, list[str]] = collections.OrderedDict()
    for at, payload in zip(arrivals, received, strict=False):
        batches.setdefault(round(at - t0), []).append(describe(payload))
    for at, kinds in batches.items():
        counted = collections.Counter(kinds)
        events.append((at, "< " + ", ".join(k if n == 1 else f"{k} x{n}" for k, n in counted.items())))
    return sorted(events)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="a served page, e.g. http://localhost:8501/curse_of_dimensionality")
    parser.add_argument("key", help="the control's key")
    parser.add_argument("how", help="slider, slider@<section>, toggle, pagedown or buttons")
    parser.add_argument("-n", type=int, default=3, help="moves traced (default 3)")
    args = parser.parse_args()
    received: list[bytes] = []
    with sync_playwright() as p:
        browser, context = launch(p)
        context.add_init_script(COMMITS)
        page = context.new_page()
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(frame)))
        page.goto(args.url)
        settle._wait_idle(page)
        settle._wait_whole(page)
        if "@" in args.how:
            settle._scroll_to(page, args.how.split("@")[1])
        page.evaluate(settle.PROBE, [settle.QUIET_MS, settle.GRACE_MS])
        settle._act(page, args.key, args.how, True)  # each view once: the traced moves come from the caches
        settle._act(page, args.key, args.how, False)
        for k in range(args.n):
            page.evaluate("window.__commits = []; window.__messages = []")
            received.clear()
            record = settle._act(page, args.key, args.how, k % 2 == 0)
            t0 = page.evaluate("window.__settle.t0")
            commits = [c for c in page.evaluate("window.__commits") if c[0] - t0 <= record["ms"]]
            print(f"--- move {k + 1}: settled in {record['ms']:.0f} ms")
            for at, event in timeline(commits, page.evaluate("window.__messages"), list(received), t0):
                print(f"{at:6d} {event}")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
