"""Every control of every page at once given junk in the link: a note and a fallback, never a traceback."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, run_page
from ui.controls import REGISTRY

PAGES = ["pages/curse_of_dimensionality.py", "pages/rnn_prerequisites.py", "pages/simple_rnn.py",
         "pages/history.py", "pages/lstm_forward.py", "pages/lstm_backprop.py"]
JUNK = ["inf", "-1e308", "nan", "x" * 300]


@pytest.fixture(scope="module")
def keys_of() -> dict[str, list[str]]:
    """The URL keys each page's controls register (read from a run at the defaults)."""
    return {page: sorted(run_page(page).session_state[REGISTRY]) for page in PAGES}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("junk", JUNK, ids=["inf", "huge-negative", "nan", "long-text"])
def test_junk_in_every_key_gives_notes_not_a_traceback(keys_of, page, junk):
    keys = keys_of[page]
    assert len(keys) >= 4  # the seed and the page's own controls
    at = run_page(page, {key: junk for key in keys})
    assert_clean(at)
    assert at.warning, "the ignored values are named in a note"
