"""A section is a function: each one draws alone, from its page's state, with nothing run before it.

The talk deck renders single sections; this runs every section of every page by itself (after its
page's controls only, as ``ui.frame.page`` draws them) in a fresh session and checks it drew its
header (a part of a section, its subheader) and no exception.
"""

from __future__ import annotations

import importlib

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT
from tests.conftest import ROOT

STEMS = sorted(p.parent.name for p in (ROOT / "ui").glob("*/sections.py"))
SCRIPT = """
from ui.frame import Frame
from ui.{stem} import sections

fr = Frame(seed=42, present={present})
page_controls = getattr(sections, "page_controls", None)
sections.SECTIONS[{index}](fr if page_controls is None else page_controls(fr))
"""


def _cases():
    for stem in STEMS:
        module = importlib.import_module(f"ui.{stem}.sections")
        for index, section in enumerate(getattr(module, "SECTIONS", ())):
            yield pytest.param(stem, index, id=f"{stem}-{section.__name__}")


def test_every_page_lists_its_sections():
    assert STEMS, "no ui/<stem>/sections.py found"
    for stem in STEMS:
        module = importlib.import_module(f"ui.{stem}.sections")
        assert module.SECTIONS, f"ui/{stem}/sections.py has an empty SECTIONS"
        assert all(callable(section) and section.__doc__ for section in module.SECTIONS), stem


@pytest.mark.parametrize(("stem", "index"), list(_cases()))
def test_a_section_draws_alone(stem, index):
    at = AppTest.from_string(SCRIPT.format(stem=stem, index=index, present=False), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.header) + len(at.subheader) >= 1, "a section starts with its header (a part of one, its subheader)"


# Each page that lists the sections reading its controls: a link that moves every one of them off its default.
MOVED = {"rnn_prerequisites": {"seq_len": "7", "stride": "3"},
         "simple_rnn": {"seq_len": "5", "hidden": "4", "rho": "1.5"}}
CONTROLS_ONLY = """
from ui.frame import Frame
from ui.{stem} import sections

sections.page_controls(Frame(seed=42, present=False))
"""


def _leaves(at) -> list[tuple[str, bytes]]:
    """Every element the run drew, in order, as (type, its message without a download's file name)."""
    out = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict) and children:
            for key in sorted(children):
                walk(children[key])
        elif getattr(node, "proto", None) is not None:
            proto = type(node.proto)()
            proto.CopyFrom(node.proto)
            if "deferred_file_id" in proto.DESCRIPTOR.fields_by_name:  # a CSV's file: a fresh name each run
                proto.ClearField("deferred_file_id")
            out.append((node.type, proto.SerializeToString()))

    walk(at._tree)
    return out


def _drawn(script: str, query: dict[str, str]) -> list[tuple[str, bytes]]:
    at = AppTest.from_string(script, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return _leaves(at)


def _read_cases():
    for stem in MOVED:
        module = importlib.import_module(f"ui.{stem}.sections")
        for index, section in enumerate(module.SECTIONS):
            yield pytest.param(stem, index, section.__name__ in module.CONTROLS_READ_BY,
                               id=f"{stem}-{section.__name__}")


def test_every_page_that_lists_its_controls_readers_is_moved_here():
    listed = {stem for stem in STEMS if hasattr(importlib.import_module(f"ui.{stem}.sections"), "CONTROLS_READ_BY")}
    assert listed == set(MOVED)


@pytest.mark.parametrize(("stem", "index", "reads"), list(_read_cases()))
def test_a_section_reads_the_page_controls_exactly_when_it_says_so(stem, index, reads):
    """``CONTROLS_READ_BY`` is what a talk scene hides the page's controls by: a section outside it draws the
    same whatever they are set to, and one inside it draws something else when they all move."""
    controls_drawn = len(_drawn(CONTROLS_ONLY.format(stem=stem), {}))
    script = SCRIPT.format(stem=stem, index=index, present=False)
    default = _drawn(script, {})[controls_drawn:]
    moved = _drawn(script, MOVED[stem])[controls_drawn:]
    assert default and (default != moved) == reads
