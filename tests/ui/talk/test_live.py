"""A talk's shared position: a move is published with a growing version, rooms are apart, old rooms
are forgotten, junk room names fall back."""

from __future__ import annotations

import pytest

from ui.talk import live


def test_a_move_is_published_with_a_newer_version():
    first = live.publish("deck-a", "room1", 3, False)
    second = live.publish("deck-a", "room1", 3, True)  # the answer shown is a move too
    assert second.version > first.version
    assert live.where("deck-a", "room1") == second


def test_rooms_and_decks_are_apart():
    live.publish("deck-a", "left", 2, False)
    live.publish("deck-a", "right", 7, False)
    live.publish("deck-b", "left", 9, False)
    assert live.where("deck-a", "left").scene == 2
    assert live.where("deck-a", "right").scene == 7
    assert live.where("deck-b", "left").scene == 9
    assert live.where("deck-b", "nobody") is None


def test_an_old_room_is_forgotten(monkeypatch):
    live.publish("deck-a", "old", 4, False)
    now = live.time.monotonic()
    monkeypatch.setattr(live.time, "monotonic", lambda: now + live.ROOM_TTL_S + 1)
    assert live.where("deck-a", "old") is None


def test_rooms_are_bounded(monkeypatch):
    monkeypatch.setattr(live, "MAX_ROOMS", 5)
    for k in range(12):
        live.publish("deck-c", f"r{k}", 1, False)
    assert len(live._ROOMS) <= 5
    assert live.where("deck-c", "r11") is not None


@pytest.mark.parametrize(("raw", "room", "problem"), [
    (None, "full-series", False), ("", "full-series", False), ("class-3B", "class-3B", False),
    ("a b", "full-series", True), ("../x", "full-series", True), ("x" * 41, "full-series", True),
])
def test_room_names(raw, room, problem):
    parsed, note = live.parse_room(raw, "full-series")
    assert parsed == room and (note is not None) == problem
