"""ui.kit.style: a section's style sheet stays in the section (Streamlit sends a style-only ``st.html`` to the
page's event container, where a sheet first drawn in a fragment run was lost)."""

from __future__ import annotations

import re
from pathlib import Path

from ui import play, present
from ui.kit import style


def test_a_style_sheet_is_drawn_with_an_element_that_keeps_it_in_the_section(monkeypatch):
    drawn = []
    monkeypatch.setattr(style.st, "html", drawn.append)
    style.style("<style>.x { color: red; }</style>")
    (body,) = drawn
    assert body.startswith("<style>.x { color: red; }</style>")
    # not style alone: Streamlit draws it in place, not in the page's event container
    assert re.sub(r"<style[^>]*>.*?</style>", "", body, flags=re.S).strip()
    assert f'class="{style.HOLDER}"' in body


def test_every_page_hides_the_holder_and_play_draws_its_sheets_through_it():
    assert style.HIDE_CSS in present.PAGE_CSS
    source = Path(play.__file__).read_text(encoding="utf-8")
    assert "st.html(" not in source  # every sheet ▶ draws goes through kit.style
