"""engine/history.py refuses bad years, queries, ids, categories and frames; good input still works."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import history
from tests.engine.helpers import assert_refused, bad_counts, junk

SETTINGS = settings(max_examples=60, deadline=None)
EVENTS = history.load_events()


@SETTINGS
@given(year=bad_counts(history.FIRST_YEAR, history.LAST_YEAR))
def test_bad_years(year):
    assert_refused(lambda: history.era_of(year), "year")


@SETTINGS
@given(value=junk().filter(lambda v: not isinstance(v, str)))
def test_non_text_queries_ids_and_frames(value):
    assert_refused(lambda: history.check_query(value), "query")
    assert_refused(lambda: history.filter_events(EVENTS, None, value), "query")
    assert_refused(lambda: history.event_by_id(value), "event_id")
    assert_refused(lambda: history.filter_events(value, None, ""), "events")


@SETTINGS
@given(categories=st.one_of(st.text(min_size=1, max_size=8), st.integers(), st.lists(st.integers(), min_size=1)))
def test_bad_categories(categories):
    assert_refused(lambda: history.filter_events(EVENTS, categories, ""), "categories")


def test_a_frame_without_the_events_columns_is_refused():
    assert_refused(lambda: history.filter_events(EVENTS[["id", "year"]], None, "lstm"), "events")


@SETTINGS
@given(categories=st.lists(st.sampled_from(history.CATEGORIES), unique=True), year=st.integers(1943, 2021))
def test_good_input_still_works(categories, year):
    out = history.filter_events(EVENTS, categories, "")
    assert set(out["category"]) <= set(categories)
    assert history.era_of(year).start <= year
