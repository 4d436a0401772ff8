"""Every control of every page at once given junk in the link: a note and a fallback, never a traceback."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, run_page, warnings_text
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


def test_a_value_between_the_slider_s_steps_snaps_with_a_note():
    from ui.controls import parse_on_steps

    assert parse_on_steps("75", 50, 5000, 50, True) == (50, "is between the slider's steps of 50")
    assert parse_on_steps("0.95", 0.1, 3.0, 0.05, False) == (0.95, None)  # on the grid, float noise aside
    at = run_page("pages/history.py", query={"epochs": "75"})
    assert at.slider(key="epochs").value == 50 and "between the slider's steps" in warnings_text(at)


def test_junk_in_a_control_not_drawn_at_that_setting_is_named_and_leaves_the_link():
    """At T = 1 the simple RNN draws no t or k slider (a range of one step); junk in their keys is still named
    at once, and leaves the link, so the address bar shows nothing the page ignored."""
    at = run_page("pages/simple_rnn.py", query={"seq_len": "-5", "t": "-5", "k": "abc"})
    assert_clean(at)
    notes = warnings_text(at)
    assert "`t=-5` in the link is below the smallest value 1" in notes
    assert "`k=abc` in the link is not a number" in notes
    assert "t" not in at.query_params and "k" not in at.query_params
    fine = run_page("pages/simple_rnn.py", query={"seq_len": "1", "t": "1"})
    assert "`t=" not in warnings_text(fine) and fine.query_params["t"] in ("1", ["1"])
