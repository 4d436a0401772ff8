"""A move of the talk held against the browser's older link, until the browser has seen it.

A move (Next, Back, a follower brought to the speaker's scene) changes the scene on the server, in a
callback or a poll. Until that run's answer reaches the browser, every message the browser sends carries
its old link and its old control values, and Streamlit takes them as the session's: the room's poll, which
asks for a run every second, would set the scene back, and the clicker's press would be lost (on a slow
network or a busy server, an answer that takes more than a second).

So a move is held: for :data:`SECONDS` at most, a run whose link names another scene, or the move's
step without its revealed values, is the browser's older word; the talk redraws the held step, its controls
set again as on arrival. The first run after the move is the app's own; a later one whose link agrees is
the browser's echo, and ends the hold.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, MutableMapping

HOLD = "_talk_hold"  # session key: the held move, {"step": (deck, scene, revealed), "expect": {...}, ...}
SECONDS = 5.0


def hold(session: MutableMapping, deck: str, scene: int, revealed: bool, expect: Mapping[str, str],
         seconds: float = SECONDS) -> None:
    """Hold the move to ``scene`` of ``deck`` (its answer shown when ``revealed``); ``expect``: the link's
    values that tell the move's step apart from the one before it (its revealed values, on a reveal)."""
    session[HOLD] = {"step": (deck, scene, revealed), "expect": {k: str(v).lower() for k, v in expect.items()},
                     "until": time.monotonic() + seconds, "runs": 0}


def stale(session: MutableMapping, link: Mapping[str, str]) -> tuple[str, int, bool] | None:
    """The held step when ``link`` (the query parameters of this run of the page, the browser's when it
    asked) is the browser's older word, else None. Only a whole run of the page asks: a fragment's run
    sees the server's link, not the one it was asked with, though a rerun it leads to takes the browser's."""
    held = session.get(HOLD)
    if held is None:
        return None
    deck, scene, _ = held["step"]
    agrees = link.get("deck") == deck and link.get("scene") == str(scene) and all(
        str(link.get(key, "")).lower() == value for key, value in held["expect"].items())
    runs = held["runs"]
    held["runs"] = runs + 1
    if (agrees and runs > 0) or time.monotonic() > held["until"]:
        session.pop(HOLD, None)  # the browser has seen the move (or the hold ran out)
        return None
    return None if agrees else held["step"]
