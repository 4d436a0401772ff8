"""Where a talk is: one shared position per room, so the speaker's clicks move every follower.

A room is a deck and a name (``?room=``; the deck's name when the link has none). A session that moves
through the deck (a click or key in the speaker's or the audience's view) publishes the scene and whether
its answer is shown, with a new version number. Every view polls its room in a small fragment (every
:data:`POLL_S` seconds) and reruns the page only when the version is newer than the one it has seen: a
follower that waits runs a dictionary lookup, nothing else. Nothing here imports Streamlit.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from dataclasses import dataclass

POLL_S = 1.0  # a follower moves within this (plus one rerun) of the speaker
ROOM_TTL_S = 4 * 3600  # a room nobody moved for this long is forgotten (an old talk never moves a new one)
MAX_ROOMS = 256
ROOM_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class Position:
    """Where the speaker is: the scene (1-based), whether its answer is shown, and a version that grows
    with every move in any room (so a follower can tell a new move from the one it has seen)."""

    scene: int
    revealed: bool
    version: int
    at: float  # time.monotonic() of the move


_ROOMS: dict[str, Position] = {}
_LOCK = threading.Lock()
_VERSIONS = itertools.count(1)


def room_key(deck: str, room: str) -> str:
    return f"{deck}/{room}"


def publish(deck: str, room: str, scene: int, revealed: bool) -> Position:
    """The speaker moved to ``scene`` (its answer shown when ``revealed``): every follower will follow."""
    with _LOCK:
        position = Position(int(scene), bool(revealed), next(_VERSIONS), time.monotonic())
        _ROOMS[room_key(deck, room)] = position
        while len(_ROOMS) > MAX_ROOMS:
            del _ROOMS[min(_ROOMS, key=lambda key: _ROOMS[key].at)]
        return position


def where(deck: str, room: str) -> Position | None:
    """The room's last published position, or None (nobody has moved, or not for :data:`ROOM_TTL_S`)."""
    position = _ROOMS.get(room_key(deck, room))
    if position is None or time.monotonic() - position.at > ROOM_TTL_S:
        return None
    return position


def parse_room(raw: str | None, deck: str) -> tuple[str, str | None]:
    """The room a link names (letters, digits, - and _; up to 40), else the deck's name, with a problem."""
    if raw is None or raw == "":
        return deck, None
    if ROOM_NAME.match(str(raw)):
        return str(raw), None
    return deck, "is not a room name (letters, digits, - and _, up to 40)"
