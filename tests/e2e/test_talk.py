"""The talk deck in a real browser: a clicker's keys move through the scenes and the link follows."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import RUN_TIMEOUT_MS, assert_no_errors, open_page, wait_for_app
from ui.talk import deck as decks

pytestmark = pytest.mark.e2e


def _press(page, key: str) -> None:
    page.keyboard.press(key)
    page.wait_for_timeout(300)  # the rerun starts
    wait_for_app(page)


def test_pagedown_space_and_home_move_through_the_deck(app_server, page):
    deck = decks.load("ten-minutes")
    assert not any(s.answer for s in deck.scenes[:2]), "scenes 1–2 have no reveal step (else Next reveals first)"
    total = len(deck)
    counter = page.locator(".st-key-talk_bar").get_by_test_id("stMarkdownContainer").first
    open_page(page, app_server, "/talk?deck=ten-minutes&scene=1")
    assert_no_errors(page)
    expect(counter).to_contain_text(f"1 / {total}")
    _press(page, "PageDown")
    _press(page, "PageDown")
    expect(counter).to_contain_text(f"3 / {total}", timeout=RUN_TIMEOUT_MS)
    assert re.search(r"[?&]scene=3\b", page.url), page.url
    _press(page, "Home")
    expect(counter).to_contain_text(f"1 / {total}", timeout=RUN_TIMEOUT_MS)
    assert re.search(r"[?&]scene=1\b", page.url), page.url
    _press(page, "Space")  # a hidden button carries Space
    expect(counter).to_contain_text(f"2 / {total}", timeout=RUN_TIMEOUT_MS)
    _press(page, "End")
    expect(counter).to_contain_text(f"{total} / {total}", timeout=RUN_TIMEOUT_MS)
    assert_no_errors(page)
