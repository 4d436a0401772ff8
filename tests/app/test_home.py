"""The home page and the frame: navigation, presenter mode, seed, junk links."""

import pytest

from tests.app.conftest import assert_clean, run_page, warnings_text


def test_home_renders_with_links_to_existing_pages():
    at = run_page()
    assert_clean(at)
    assert at.title[0].value.startswith("Dimensions")
    labels = [el.proto.label for el in at.get("page_link")]
    assert "Home" in labels


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
