"""A section is a function: each one draws alone, from its page's state, with nothing run before it.

The talk deck renders single sections; this runs every section of every page by itself (after its
page's controls only, as ``ui.frame.page`` draws them) in a fresh session and checks it drew its
header and no exception.
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
    assert len(at.header) >= 1, "a section starts with its header"
