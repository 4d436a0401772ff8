"""Decks: TOML files in ``talks/`` read with ``tomllib`` into frozen dataclasses (no Streamlit here).

A deck has a ``title`` and an ordered array of ``[[scene]]`` tables. Each scene names a ``page`` (a stem
of ``ui.registry.PAGES``), a ``section`` (the name of a function in that page's ``SECTIONS``), a short
``title`` and speaker ``notes``; optionally ``controls`` (URL key → scalar value, applied as a link
would), a ``question`` shown first and its ``answer`` (a reveal step)::

    title = "The curse of dimensionality in ten minutes"

    [[scene]]
    page = "curse_of_dimensionality"
    section = "angles"
    title = "Pac-Man walking"
    controls = { dim = 1000 }
    question = "What angle do two random vectors in 1,000 dimensions make?"
    answer = "Almost exactly 90°."
    notes = \"\"\"Speaker notes, as many lines as needed.\"\"\"

Anything wrong raises :class:`DeckError` naming the deck file, the scene, its line and the problem.
Which control *keys* a section has is only known when it is drawn: the talk page reports unknown
keys and junk values there, as notes.
"""

from __future__ import annotations

import functools
import pathlib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ui import registry

TALKS = pathlib.Path(__file__).resolve().parent.parent.parent / "talks"
DEFAULT = "full-series"  # the deck a bare talk link gives, and the one a fresh server warms up
DECK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
RESERVED_KEYS = ("deck", "scene", "present", "view", "room")  # the talk page's own URL keys
SCENE_KEYS = {"page", "section", "title", "notes", "controls", "question", "answer", "reveal"}
_SCENE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*scene[ \t]*\]\]", re.MULTILINE)


class DeckError(ValueError):
    """A deck file that cannot be given: the message names the file, the scene, its line and the problem."""


@dataclass(frozen=True)
class Scene:
    """One screen of a talk: one section of one page, opened with ``controls``."""

    number: int  # 1-based
    line: int  # of its ``[[scene]]`` header in the file
    page: str
    section: str
    title: str
    notes: str = ""
    controls: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    question: str | None = None
    answer: str | None = None
    reveal: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # the second step's controls

    @property
    def has_step(self) -> bool:
        """Whether the scene has a second step (its answer, or controls that draw more over its figure)."""
        return self.answer is not None or bool(self.reveal)


@dataclass(frozen=True)
class Deck:
    name: str
    title: str
    scenes: tuple[Scene, ...]

    def __len__(self) -> int:
        return len(self.scenes)

    def scene(self, number: int) -> Scene:
        """Scene ``number`` (1-based)."""
        return self.scenes[number - 1]


def deck_names() -> list[str]:
    """The decks shipped in ``talks/``, by name (the file stem)."""
    return sorted(p.stem for p in TALKS.glob("*.toml"))


def deck_path(name: str) -> pathlib.Path | None:
    """The file of deck ``name``, or None when the name is not a deck in ``talks/`` (or not a name)."""
    if not isinstance(name, str) or not DECK_NAME.match(name):
        return None
    path = TALKS / f"{name}.toml"
    return path if path.is_file() else None


def _scene_lines(text: str) -> list[int]:
    """The line number (1-based) of every ``[[scene]]`` header, in order."""
    return [text.count("\n", 0, m.start()) + 1 for m in _SCENE_HEADER.finditer(text)]


def _scene_at(text: str, message: str) -> str:
    """", scene k (line n)" for the scene a TOML error's line falls in ("" before the first scene)."""
    found = re.search(r"at line (\d+)", message)
    if not found:
        return ""
    line = int(found.group(1))
    before = [n for n in _scene_lines(text) if n <= line]
    return f", scene {len(before)} (line {line})" if before else f", line {line}"


def _as_url_text(value) -> str:
    """A scalar control value as a link would carry it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _default_sections(stem: str) -> list[str] | None:
    """The section names of page ``stem`` (None for an unknown page), from the page's own package."""
    if stem not in {p.stem for p in registry.PAGES}:
        return None
    return [s.__name__ for s in registry.sections_of(stem).SECTIONS]


def parse(text: str, name: str = "deck", *,
          sections_of: Callable[[str], list[str] | None] = _default_sections) -> Deck:
    """Parse deck ``text`` (the file ``name``); ``sections_of(stem)`` lists a page's section names, or
    None for an unknown page."""
    where = f"{name}.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeckError(f"{where}{_scene_at(text, str(exc))}: not valid TOML: {exc}") from None
    lines = _scene_lines(text)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise DeckError(f"{where}: the deck has no `title = \"…\"` at the top")
    raw_scenes = data.get("scene")
    if not raw_scenes:
        raise DeckError(f"{where}: the deck has no scenes (add `[[scene]]` tables)")
    if not isinstance(raw_scenes, list):
        raise DeckError(f"{where}: `scene` must be an array of tables, written `[[scene]]`")
    extra = set(data) - {"title", "scene"}
    if extra:
        raise DeckError(f"{where}: unknown top-level key(s) {sorted(extra)}; a deck has `title` and `[[scene]]`")
    scenes = [_scene(raw, k, lines[k - 1] if k <= len(lines) else 0, where, sections_of)
              for k, raw in enumerate(raw_scenes, start=1)]
    return Deck(name=name, title=title.strip(), scenes=tuple(scenes))


def _scene(raw, number: int, line: int, where: str, sections_of) -> Scene:
    at = f"{where}, scene {number} (line {line})"

    def fail(problem: str):
        raise DeckError(f"{at}: {problem}")

    if not isinstance(raw, dict):
        fail("is not a table")
    unknown = set(raw) - SCENE_KEYS
    if unknown:
        fail(f"unknown key(s) {sorted(unknown)}; a scene has {sorted(SCENE_KEYS)}")
    for key in ("page", "section", "title"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            fail(f"missing `{key} = \"…\"`")
    for key in ("notes", "question", "answer"):
        if key in raw and not isinstance(raw[key], str):
            fail(f"`{key}` must be a string")
    if "answer" in raw and "question" not in raw:
        fail("has an `answer` but no `question`")
    page, section = raw["page"].strip(), raw["section"].strip()
    names = sections_of(page)
    if names is None:
        fail(f"unknown page {page!r}; pages: {', '.join(p.stem for p in registry.PAGES)}")
    if section not in names:
        fail(f"page {page!r} has no section {section!r}; its sections: {', '.join(names)}")
    return Scene(number=number, line=line, page=page, section=section, title=raw["title"].strip(),
                 notes=raw.get("notes", "").strip(), controls=_controls(raw, "controls", fail),
                 question=raw.get("question"), answer=raw.get("answer"), reveal=_controls(raw, "reveal", fail))


def _controls(raw: dict, table: str, fail) -> Mapping[str, str]:
    """The scene's ``controls`` (or ``reveal``) table as link text, each value a single scalar."""
    values = raw.get(table, {})
    if not isinstance(values, dict):
        fail(f"`{table}` must be a table, e.g. `{table} = {{ dim = 400 }}`")
    for key, value in values.items():
        if key in RESERVED_KEYS:
            fail(f"control `{key}` is the talk page's own; a scene cannot set it")
        if not isinstance(value, str | int | float | bool):
            fail(f"control `{key}` must be a single value (a number, text or true/false), not {value!r}")
    return MappingProxyType({k: _as_url_text(v) for k, v in values.items()})


def load(name: str) -> Deck:
    """The deck ``talks/<name>.toml``; :class:`DeckError` when it is not there or not right."""
    path = deck_path(name)
    if path is None:
        raise DeckError(f"no deck named {name!r} in talks/; decks: {', '.join(deck_names())}")
    stat = path.stat()
    return _parsed(str(path), name, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _parsed(path: str, name: str, mtime_ns: int, size: int) -> Deck:
    """:func:`parse` of the file once per version of it (a deck is read on every rerun of the talk page,
    by every follower); a :class:`DeckError` is not cached, so a fixed file is read again."""
    return parse(pathlib.Path(path).read_text(encoding="utf-8"), name)
