"""Bytes a move sends to the browser: as Streamlit sends them, and as permessage-deflate would carry them.

    python -m benchmarks.bench_bytes -n 6
    STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE=10000 python -m benchmarks.bench_bytes   # with Streamlit's references

One server from this checkout (``bench_settle._start``; its config, or a setting given in the environment as
above), every ``bench_settle`` target, one tab each: open the page, wait until it is whole, move the control once
each way unmeasured, then ``-n`` moves, each measured as ``bench_settle`` measures. Chromium's DevTools report
every websocket frame the page receives, decompressed; **sent** sums their payloads per move, and
**deflated** compresses the same frames in order with one raw-deflate stream per page, 4 kB window (the
``server_max_window_bits=12`` the server negotiates with Chromium), flushed after each frame, as
permessage-deflate does: the bytes on the wire, give or take the frame headers. Medians per move.
"""

from __future__ import annotations

import argparse
import base64
import zlib

import numpy as np

from benchmarks import bench_settle as settle
from benchmarks.bench_ab import launch, ready

WINDOW_BITS = 12  # what the server agreed with Chromium (``Sec-WebSocket-Extensions`` of the handshake)


class Tap:
    """The websocket frames one page receives, as their size and their deflated size."""

    def __init__(self, context, page):
        self.frames: list[tuple[int, int]] = []
        self._deflate = zlib.compressobj(6, zlib.DEFLATED, -WINDOW_BITS)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _frame(self, event: dict) -> None:
        response = event["response"]
        payload = response["payloadData"]
        raw = base64.b64decode(payload) if response["opcode"] == 2 else payload.encode()
        packed = self._deflate.compress(raw) + self._deflate.flush(zlib.Z_SYNC_FLUSH)
        self.frames.append((len(raw), len(packed) - 4))  # permessage-deflate drops the flush's 00 00 ff ff

    def take(self) -> tuple[int, int]:
        sent, deflated = (sum(column) for column in zip(*self.frames, strict=True)) if self.frames else (0, 0)
        self.frames.clear()
        return sent, deflated


def measure(url: str, n: int) -> list[tuple[str, float, float, float]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser, context = launch(p)
        for name, _, path, key, how, _ in settle.TARGETS:
            page = context.new_page()
            tap = Tap(context, page)
            ready(page, url, path, key, how)
            sent, deflated, ms = [], [], []
            for k in range(n):
                tap.take()
                ms.append(settle._act(page, key, how, k % 2 == 0)["ms"])
                page.wait_for_timeout(300)  # a frame still on its way
                moved = tap.take()
                sent.append(moved[0] / 1e3)
                deflated.append(moved[1] / 1e3)
            rows.append((name, float(np.median(sent)), float(np.median(deflated)), float(np.median(ms))))
            page.close()
        browser.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=6, help="measured moves per target (default 6)")
    args = ap.parse_args()
    proc, url = settle._start("streamlit_app.py")
    try:
        rows = measure(url, args.n)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print("| page | sent per move | deflated | settle (median) |\n|---|---:|---:|---:|")
    for name, sent, deflated, ms in rows:
        print(f"| {name} | {sent:.1f} kB | {deflated:.1f} kB | {ms:.0f} ms |")


if __name__ == "__main__":
    main()
