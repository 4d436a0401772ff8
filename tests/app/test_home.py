"""The home page and the frame: navigation, presenter mode, seed, junk links."""

import pytest

from tests.app.conftest import assert_clean, run_page, warnings_text
from ui.registry import GROUP_CURSE, GROUP_RNN, HOME, PAGES, TALK
from ui.talk import deck as decks


def test_home_links_every_page_in_its_group_in_series_order():
    at = run_page()
    assert_clean(at)
    assert at.title[0].value.startswith("Dimensions")
    assert [h.value for h in at.header][:2] == [GROUP_CURSE, GROUP_RNN]  # h2 under the h1, in order
    links = [(el.proto.label, el.proto.page) for el in at.get("page_link") if el.proto.page != TALK.stem]
    home = links.index((HOME.nav, ""))
    cards, sidebar = links[:home], links[home + 1:]  # the series map (main area), then the sidebar
    expected = [(page.nav, page.stem) for page in PAGES]  # a link names its page by its URL path
    assert sidebar == expected  # every page once, in the series' order
    assert sorted(cards) == sorted(expected)  # the map's cards fill a grid row by row
    for page in PAGES:
        assert page.blurb in [c.value for c in at.caption]


def test_home_offers_every_deck_as_a_talk_and_its_speaker_view():
    """A teacher finds the talks on the home page: each deck's first scene (for the projector) and its
    speaker view, the shortest deck first."""
    at = run_page()
    assert_clean(at)
    talks = [(el.proto.label, el.proto.query_string) for el in at.get("page_link") if el.proto.page == TALK.stem]
    shipped = sorted((decks.load(name) for name in decks.deck_names()), key=len)
    assert len(shipped) >= 2 and "Give a talk" in [h.value for h in at.header]
    assert talks == [link for deck in shipped for link in (
        ("The talk, from scene 1", f"deck={deck.name}&scene=1"),
        ("Speaker view", f"deck={deck.name}&scene=1&view=speaker"))]
    said = [m.value for m in at.markdown]
    assert all(f"**{deck.title}**, {len(deck)} scenes" in said for deck in shipped)


def test_a_deck_that_cannot_be_read_leaves_the_others_on_the_home_page(monkeypatch, tmp_path):
    for name in ("a-good-one", "broken"):
        source = decks.TALKS / "ten-minutes.toml"
        (tmp_path / f"{name}.toml").write_text(source.read_text(encoding="utf-8") if name != "broken" else "title =")
    monkeypatch.setattr(decks, "TALKS", tmp_path)
    decks._parsed.cache_clear()
    at = run_page()
    assert_clean(at)
    talks = [el.proto.query_string for el in at.get("page_link") if el.proto.page == TALK.stem]
    assert talks == ["deck=a-good-one&scene=1", "deck=a-good-one&scene=1&view=speaker"]


def test_presenter_mode_from_link_turns_the_switch_on():
    at = run_page(query={"present": "1"})
    assert_clean(at)
    assert at.toggle(key="present_switch").value is True
    assert at.query_params["present"] == "1"  # kept in the link as the contract's 1/0


@pytest.mark.parametrize("raw", ["inf", "-Infinity", "1e999"])
def test_infinite_seed_falls_back_with_a_note(raw):
    at = run_page("pages/curse_of_dimensionality.py", query={"seed": raw})
    assert_clean(at)  # Streamlit's own int(float(raw)) would raise OverflowError here
    assert at.number_input(key="seed").value == 42
    assert f"seed={raw}" in warnings_text(at) and "seed" not in at.query_params


def test_junk_seed_falls_back_with_a_note():
    at = run_page(query={"seed": "abc", "present": "maybe"})
    assert_clean(at)
    assert at.number_input(key="seed").value == 42
    assert at.toggle(key="present_switch").value is False
    notes = warnings_text(at)
    assert "seed=abc" in notes and "present=maybe" in notes


def test_negative_seed_is_clamped_with_a_note():
    at = run_page(query={"seed": "-1"})
    assert_clean(at)
    assert at.number_input(key="seed").value == 0
    assert "below the smallest value" in warnings_text(at)


def test_switching_presenter_mode_on_writes_it_into_the_link():
    at = run_page()
    at.toggle(key="present_switch").set_value(True).run()
    assert_clean(at)
    assert at.query_params["present"] == "1"
    at.toggle(key="present_switch").set_value(False).run()
    assert "present" not in at.query_params


def test_a_page_shows_its_title_and_intro_before_it_compiles(monkeypatch):
    """On a cold start the page's text is on screen while its engine compiles (here: fails to)."""
    from ui import warmup

    def compile_fails(modules):
        raise RuntimeError("compiling")

    monkeypatch.setattr(warmup, "warm", compile_fails)
    at = run_page("pages/curse_of_dimensionality.py")
    assert at.title[0].value.startswith("Spiky cubes")
    assert "intuition fails" in at.markdown[0].value
    assert [e.value for e in at.exception] and not at.select_slider  # the D slider comes after the compile


def test_presenter_mode_links_every_page_once_in_the_pages_menu():
    normal = run_page("pages/history.py")
    presenting = run_page("pages/history.py", query={"present": "1"})
    assert_clean(presenting)
    links = [(el.proto.label, el.proto.page) for el in presenting.get("page_link")]
    expected = [(HOME.nav, ""), *[(page.nav, page.stem) for page in PAGES]]
    assert sorted(links) == sorted([*expected, (HOME.nav, "")])  # the menu's links and the sidebar's Home
    assert len(normal.get("page_link")) == len(expected)  # the sidebar's list, when it is open
    assert [e.label for e in presenting.expander][:1] == ["Pages"]
