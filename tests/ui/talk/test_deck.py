"""The deck parser: the shipped decks parse and cover the series; a bad deck names its scene and line."""

from __future__ import annotations

import importlib
import re

import pytest

from ui.registry import PAGES
from ui.talk import deck as decks

GOOD = '''title = "A deck"

[[scene]]
page = "curse_of_dimensionality"
section = "angles"
title = "Angles"
controls = { dim = 1000, sampling = "sphere", zoom = true }
question = "What angle?"
answer = "90°"
notes = """Two
lines."""

[[scene]]
page = "simple_rnn"
section = "forward"
title = "Forward"
'''


def _bad(text: str, scene: int, line: int, *words: str) -> None:
    with pytest.raises(decks.DeckError) as info:
        decks.parse(text, "mine")
    message = str(info.value)
    assert "mine.toml" in message and f"scene {scene}" in message and f"line {line}" in message, message
    for word in words:
        assert word in message, message


def test_a_deck_parses_into_scenes_with_their_lines_and_url_text_controls():
    deck = decks.parse(GOOD, "mine")
    assert deck.title == "A deck" and len(deck) == 2
    first, second = deck.scenes
    assert (first.number, first.line, second.line) == (1, 3, 13)
    assert dict(first.controls) == {"dim": "1000", "sampling": "sphere", "zoom": "true"}
    assert first.notes == "Two\nlines." and first.answer == "90°"
    assert dict(second.controls) == {} and second.question is None
    with pytest.raises(TypeError):
        first.controls["dim"] = "2"  # frozen


@pytest.mark.parametrize("name", ["full-series", "ten-minutes"])
def test_the_shipped_decks_parse_and_every_scene_names_a_real_section(name):
    deck = decks.load(name)
    for scene in deck.scenes:
        module = importlib.import_module(f"ui.{scene.page}.sections")
        assert scene.section in [s.__name__ for s in module.SECTIONS]
        assert scene.title and scene.notes, f"scene {scene.number} needs a title and notes"


def test_the_full_series_covers_every_page_in_at_least_30_scenes_in_series_order():
    deck = decks.load("full-series")
    assert len(deck) >= 30
    stems = [scene.page for scene in deck.scenes]
    assert set(stems) == {page.stem for page in PAGES}
    order = [page.stem for page in PAGES]
    firsts = sorted(set(stems), key=stems.index)
    assert firsts == order, "the articles in the series' order"
    assert any(scene.question for scene in deck.scenes)


def test_ten_minutes_has_8_to_12_scenes():
    assert 8 <= len(decks.load("ten-minutes")) <= 12


def test_unknown_page_names_the_scene_and_line():
    _bad(GOOD.replace('page = "simple_rnn"', 'page = "nope"'), 2, 13, "unknown page 'nope'", "simple_rnn")


def test_unknown_section_lists_the_pages_sections():
    _bad(GOOD.replace('section = "angles"', 'section = "angels"'), 1, 3, "'angels'", "angles", "shells")


def test_a_control_value_must_be_a_scalar():
    _bad(GOOD.replace("dim = 1000", "dim = [2, 50]"), 1, 3, "`dim`", "single value")
    _bad(GOOD.replace("dim = 1000", "dim = { a = 1 }"), 1, 3, "`dim`")


def test_a_scene_cannot_set_the_talk_pages_own_keys():
    _bad(GOOD.replace("dim = 1000", "scene = 3"), 1, 3, "`scene`")


def test_a_missing_title():
    _bad(GOOD.replace('title = "Forward"\n', ""), 2, 13, "title")


def test_a_toml_syntax_error_names_the_scene_and_line():
    text = GOOD.replace('title = "Forward"', 'title = "Forward')
    with pytest.raises(decks.DeckError) as info:
        decks.parse(text, "mine")
    message = str(info.value)
    assert "mine.toml, scene 2" in message and re.search(r"line 1[3-7]", message), message


@pytest.mark.parametrize("text", ['title = "Empty"\n', 'title = "Empty"\nscene = []\n'])
def test_an_empty_deck(text):
    with pytest.raises(decks.DeckError, match=r"mine\.toml: the deck has no scenes"):
        decks.parse(text, "mine")


def test_a_deck_needs_a_title():
    with pytest.raises(decks.DeckError, match="title"):
        decks.parse(GOOD.replace('title = "A deck"', ""), "mine")


def test_an_answer_needs_a_question():
    _bad(GOOD.replace('question = "What angle?"\n', ""), 1, 3, "question")


@pytest.mark.parametrize("name", ["", "../pyproject", "full-series.toml", "nope", "a/b", None])
def test_only_decks_in_talks_are_found(name):
    assert decks.deck_path(name) is None
    if isinstance(name, str):
        with pytest.raises(decks.DeckError, match="full-series"):
            decks.load(name)


def test_a_reveal_table_is_the_scenes_second_step():
    deck = decks.parse(GOOD.replace('title = "Forward"\n', 'title = "Forward"\nreveal = { t = 3 }\n'), "mine")
    first, second = deck.scenes
    assert dict(second.reveal) == {"t": "3"} and second.has_step and second.answer is None
    assert first.has_step and dict(first.reveal) == {}  # its step is the answer
    assert not decks.parse(GOOD.replace('answer = "90°"\n', ""), "mine").scene(1).has_step  # a question alone


def test_a_reveal_table_is_checked_like_controls():
    _bad(GOOD.replace('answer = "90°"', 'answer = "90°"\nreveal = { dim = [1, 2] }'), 1, 3, "`dim`", "single value")
    _bad(GOOD.replace('answer = "90°"', 'answer = "90°"\nreveal = 3'), 1, 3, "`reveal` must be a table")
    _bad(GOOD.replace('answer = "90°"', 'answer = "90°"\nreveal = { view = "x" }'), 1, 3, "`view`")
