"""The history page under AppTest: defaults, filters, search, deep links, extremes and junk links."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from engine import history
from tests.app.conftest import TIMEOUT, assert_clean, charts, run_page, warnings_text

PAGE = "pages/history.py"
N_CHARTS = 6  # timeline, two decision regions, accuracy, loss, vanishing gradient


def _events_table(at):
    return at.dataframe[0].value


def _captions(at) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def _metric(at, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def test_defaults_draw_every_chart_and_the_historical_result():
    at = run_page(PAGE)
    assert_clean(at)
    assert len(charts(at)) == N_CHARTS
    assert len(_events_table(at)) == len(history.load_events())
    assert "Click a point on the timeline" in _captions(at)
    perceptron = int(_metric(at, "Perceptron").split("%")[0])
    assert perceptron <= 75
    assert _metric(at, "Two-layer net") == "100% right"
    assert len(at.latex) == 3


def test_category_filter_from_a_link():
    at = run_page(PAGE, {"cat": "Hardware"})
    assert_clean(at)
    table = _events_table(at)
    assert len(table) > 0 and set(table["category"]) == {"Hardware"}
    assert f"{len(table)} of {len(history.load_events())} events" in _captions(at)


def test_category_filter_by_clicking_the_control():
    at = run_page(PAGE)
    at.segmented_control(key="cat").set_value("Critique").run()
    assert_clean(at)
    assert set(_events_table(at)["category"]) == {"Theory & critique"}  # the filter's own name


def test_search_box_narrows_the_events():
    at = run_page(PAGE)
    at.text_input(key="q").input("LSTM").run()
    assert_clean(at)
    table = _events_table(at)
    assert 3 <= len(table) < len(history.load_events())
    text = (table["title"] + " " + table["why"] + " " + table["source"]).str.lower()
    assert text.str.contains("lstm").all()


def test_search_and_filter_combine():
    at = run_page(PAGE, {"cat": "Hardware", "q": "GeForce"})
    assert_clean(at)
    table = _events_table(at)
    assert set(table["category"]) == {"Hardware"} and len(table) >= 3
    assert (table["title"] + table["why"] + table["source"]).str.contains("GeForce").all()


def test_search_without_match_says_so():
    at = run_page(PAGE, {"q": "zzqqxx"})
    assert_clean(at)
    assert any("No event matches" in str(i.value) for i in at.info)
    assert len(charts(at)) == N_CHARTS


@pytest.mark.parametrize("junk", ["!!!", "a" * 80, "%%%%", "<script>"])
def test_junk_search_gets_a_message_not_a_traceback(junk):
    at = run_page(PAGE, {"q": junk})
    assert_clean(at)
    if junk == "<script>":  # letters inside: searched, nothing found
        assert any("No event matches" in str(i.value) for i in at.info)
    elif len(junk) > 60:  # the box holds 60 characters: the link's text is cut to them, with a note
        assert "longer than 60 characters" in warnings_text(at)
    else:
        assert "Search ignored" in warnings_text(at)
        assert len(_events_table(at)) == len(history.load_events())


def test_deep_link_to_an_event_shows_its_details():
    at = run_page(PAGE, {"event": "lstm"})
    assert_clean(at)
    details = "\n".join(str(m.value) for m in at.markdown)
    assert "Long Short-Term Memory" in details and "Nov 1997" in details and "Neural Computation" in details


def _details(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_earlier_and_later_step_through_the_filtered_events():
    at = run_page(PAGE, {"cat": "Hardware", "event": "geforce-3"})
    assert "GeForce 3" in _details(at)
    at.button(key="later").click().run()
    assert_clean(at)
    assert "Xbox" in _details(at) and at.query_params["event"] == "xbox"
    at.button(key="earlier").click().run()
    at.button(key="earlier").click().run()
    assert "GeForce 256" in _details(at)


def test_later_without_a_selection_starts_at_the_oldest_event():
    at = run_page(PAGE)
    assert at.button(key="earlier").disabled is False
    at.button(key="later").click().run()
    assert "McCulloch & Pitts" in _details(at)
    assert at.button(key="earlier").disabled is True


def test_junk_links_fall_back_with_notes():
    query = {"cat": "poetry", "gate": "nand", "hidden": "abc", "epochs": "-5", "lr": "nan",
             "depth": "1e9", "gain": "inf", "event": "no-such-event", "seed": "x"}
    at = run_page(PAGE, query)
    assert_clean(at)
    notes = warnings_text(at)
    for key in ("cat=poetry", "gate=nand", "hidden=abc", "epochs=-5", "lr=nan", "depth=1e9", "gain=inf"):
        assert key in notes, key
    assert "No event with id" in notes
    assert at.segmented_control(key="cat").value == "All"
    assert at.slider(key="hidden").value == 4
    assert at.slider(key="epochs").value == 50  # clamped to the smallest value
    assert len(charts(at)) == N_CHARTS


@pytest.mark.parametrize(
    "query",
    [
        {"hidden": "16", "epochs": "5000", "lr": "5.0", "depth": "50", "gain": "8.0"},
        {"hidden": "1", "epochs": "50", "lr": "0.05", "depth": "2", "gain": "0.25"},
        {"gate": "AND", "seed": "0"},
        {"present": "1", "event": "lstm", "cat": "Milestones"},
    ],
)
def test_extreme_settings_render(query):
    at = run_page(PAGE, query)
    assert_clean(at)
    assert len(charts(at)) == N_CHARTS


def test_perceptron_learns_and_but_not_xor():
    at = run_page(PAGE, {"gate": "AND"})
    assert _metric(at, "Perceptron") == "100% right"
    at.segmented_control(key="gate").set_value("XOR").run()
    assert int(_metric(at, "Perceptron").split("%")[0]) <= 75


def test_one_hidden_unit_fails_like_the_perceptron():
    at = run_page(PAGE, {"hidden": "1"})
    assert_clean(at)
    assert int(_metric(at, "Two-layer net").split("%")[0]) <= 75


ALONE = """
from ui.frame import Frame
from ui.history import sections

sections.{name}(Frame(seed=42, present=False))
"""


def test_the_timeline_alone_opens_the_linked_event_and_steps_on():
    at = AppTest.from_string(ALONE.format(name="timeline"), default_timeout=TIMEOUT)
    at.query_params["event"] = "lstm"
    at.run()
    assert_clean(at)
    assert [h.value for h in at.header] == ["1 · Booms and winters"] and len(charts(at)) == 1
    assert "Long Short-Term Memory" in _details(at)
    at.button(key="later").click().run()
    assert_clean(at)
    assert at.query_params["event"] != "lstm" and "Long Short-Term Memory" not in _details(at)


def test_the_vanishing_gradient_alone_reads_its_own_controls():
    at = AppTest.from_string(ALONE.format(name="vanishing_gradient"), default_timeout=TIMEOUT)
    at.query_params["depth"] = "5"
    at.run()
    assert_clean(at)
    assert len(charts(at)) == 1 and not at.metric  # the XOR section did not run
    assert r"\delta_n" in at.latex[0].value and r"\delta_D" not in at.latex[0].value
    shown = "body:not([data-browser-depth]) .browser-frame[data-key='depth'][data-v='5']"
    frames = [str(el.proto.body) for el in at.get("html") if "browser-frame" in str(el.proto.body)]
    assert len(frames) == 2 and all(shown in f for f in frames)  # the link's depth until the slider moves
    assert "<i>n</i> = 5 layers" in frames[1] and "<i>n</i> = 50 layers" in frames[1]  # and every other one


def test_every_chart_says_what_it_shows_with_the_runs_numbers():
    at = run_page(PAGE, {"cat": "Hardware", "event": "lstm", "hidden": "1"})
    assert_clean(at)
    names = [el.proto.alt for el in charts(at)]  # the sections' (the opening figure is a timeline too)
    assert len(names) == N_CHARTS and len(set(names)) == N_CHARTS and all(len(n.split()) >= 12 for n in names)
    hardware = len(_events_table(at))
    assert names[0].startswith(f"Timeline of {hardware} of {len(history.load_events())} events")
    lstm = history.event_by_id("lstm")  # filtered out, yet the card below shows it
    assert f"Selected: {lstm['title']} ({lstm['when']}, {lstm['era_name']}), not among the events shown" in names[0]
    assert any("two-layer net with 1 hidden unit on XOR" in n for n in names)
    depths = next(str(el.proto.body) for el in at.get("html") if "browser-frame" in str(el.proto.body))
    said = re.findall(r'data-v="(\d+)"><p class="browser-caption"><span class="sr-only">([^<]*)</span>', depths)
    assert len(said) == 49 and all(f"layers 1 to {n} " in text for n, text in said)  # after its steady name


def test_the_storyline_opens_each_step_on_the_timeline():
    from ui.history import text as ht

    at = run_page(PAGE)
    assert_clean(at)
    at.button(key="story_georgetown-ibm").click().run()
    assert_clean(at)
    assert at.query_params["event"] == "georgetown-ibm"
    assert f"step 1 of {len(ht.STORYLINE)}" in _details(at)
    at.button(key="story_lstm").click().run()
    assert at.query_params["event"] == "lstm" and "Second AI winter" in _details(at)
    assert "storyline, step" in _details(at)


def _scroll_requests(at) -> list[str]:
    return [str(el.proto.body) for el in at.get("html") if "scrollIntoView" in str(el.proto.body)]


def test_a_chosen_event_shows_its_card_and_brings_it_into_view_once():
    at = run_page(PAGE, {"event": "backprop"})
    assert "Rumelhart, Hinton & Williams" in _details(at)
    assert not _scroll_requests(at), "a link opens the page where it starts, not at the card"
    at.button(key="later").click().run()
    assert_clean(at)
    assert at.query_params["event"] != "backprop" and "Rumelhart, Hinton & Williams" not in _details(at)
    requests = _scroll_requests(at)
    assert len(requests) == 1 and ".st-key-event_details" in requests[0]
    at.slider(key="depth").set_value(10).run()  # another control: the page stays where the reader put it
    assert not _scroll_requests(at)
    at.button(key="story_lstm").click().run()
    assert "Long Short-Term Memory" in _details(at)
    assert len(_scroll_requests(at)) == 1 and _scroll_requests(at) != requests  # a new request, run again


def test_a_link_with_an_options_own_name_keeps_it_in_the_address_bar():
    """Links may name a choice by its option (``cat=Critique``) or by its label; Streamlit reads labels only,
    and would drop the option's name from the address bar: a reload or a copied link lost the view. The
    link is rewritten to the label, which Streamlit keeps."""
    at = run_page(PAGE, {"cat": "Critique"})
    assert_clean(at)
    assert at.session_state["cat"] == "Critique"
    assert at.query_params["cat"] == "Theory & critique"
    again = run_page(PAGE, {"cat": at.query_params["cat"]})
    assert again.session_state["cat"] == "Critique" and not warnings_text(again)
