"""A brief history of neural nets: dated events, the booms and winters, and a search over them.

The events live in ``history_events.csv`` next to this file (one row per event, with a citation);
this module loads them, attaches each to its era and answers filters and searches.

    era(year)  = the era E with E.start ≤ year < E.end          (the last era is closed at 2021)
    date(e)    = 15th of e.month, or 1 July of e.year when the month is unknown
    match(e, q) = every word w of q occurs (case-insensitively) in e.title, e.why, e.source or e.year

Notation
--------
=============  ==============================================================================
``year``       year of publication / release / event, 1943 … 2021
``month``      1 … 12 where the source gives it, otherwise missing (``pd.NA``)
``category``   one of ``CATEGORIES``: algorithm, hardware, culture, theory/critique, milestone
``era``        key of the ``ERAS`` span the year falls in (the prelude, the booms and the winters)
``why``        one sentence on why the event matters for this series
``source``     citation: paper or book with year, or the title of an authoritative record
=============  ==============================================================================

Era boundaries follow the source article (Tamura, "A brief history of neural nets: everything you
should know before learning LSTM", Data Science Blog): first boom 1956–1974, first winter 1974–1980,
second boom 1980–1990, the second winter from the beginning of the 1990s (partly because gradients
vanish or explode, with the LSTM of 1997 inside it) until 2006, and the third (deep-learning) boom from
2006. The first boom and winter are the usual periodisation (Russell & Norvig, *AIMA* §1.3; Crevier
1993). For the second winter the sources disagree: general AI histories date it 1987–1993, from the
collapse of the Lisp-machine market; histories of neural nets, the article among them, run it through
the 1990s to Hinton's deep belief nets of 2006. The era's summary says so.
"""

from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass

import pandas as pd

from engine import _checks

CSV_PATH = pathlib.Path(__file__).with_name("history_events.csv")
CATEGORIES = ("algorithm", "hardware", "culture", "theory/critique", "milestone")
FIRST_YEAR, LAST_YEAR = 1943, 2021
MAX_QUERY_CHARS = 60
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Era:
    """A span of years ``[start, end)`` of one mood of the field."""

    key: str
    name: str
    kind: str  # one of ERA_KINDS: "prelude", "boom" or "winter"
    start: int
    end: int
    summary: str


ERAS = (
    Era(
        "prelude",
        "Cybernetics: the first neurons",
        "prelude",
        1943,
        1956,
        "Logic, brains and feedback: the artificial neuron and the question of thinking machines.",
    ),
    Era(
        "boom1",
        "First AI boom",
        "boom",
        1956,
        1974,
        "Symbolic AI, rule-based machine translation and the perceptron promise thinking machines within a "
        "generation.",
    ),
    Era(
        "winter1",
        "First AI winter",
        "winter",
        1974,
        1980,
        "Critiques (Perceptrons, Lighthill) and unmet promises cut funding.",
    ),
    Era(
        "boom2",
        "Second AI boom",
        "boom",
        1980,
        1990,
        "Expert systems and national AI programmes; for neural nets the Neocognitron, Hopfield nets, "
        "backpropagation and LeCun's first practical CNN. General AI histories end this boom in 1987, when the "
        "Lisp-machine market collapsed; neural nets kept growing into the early 1990s.",
    ),
    Era(
        "winter2",
        "Second AI winter",
        "winter",
        1990,
        2006,
        "As the article tells it: from the beginning of the 1990s neural nets stalled, partly because gradients "
        "vanish or explode in deep and recurrent nets, and for lack of hardware and data — while the LSTM (1997), "
        "the Web and the GPU arrived. The sources disagree on the dates: general AI histories put the second AI "
        "winter at 1987–1993, after the collapse of the Lisp-machine market (Russell & Norvig; Crevier).",
    ),
    Era(
        "boom3",
        "Third AI boom: deep learning",
        "boom",
        2006,
        LAST_YEAR + 1,
        "Some researchers date it from Hinton's pretraining of deep belief nets (2006); GPUs, big data, then ReLU, "
        "dropout, Adam and batch normalisation make deep nets work; LSTMs, then Transformers, read and write.",
    ),
)
ERA_KINDS = ("prelude", "boom", "winter")


def era_of(year: int) -> Era:
    """The era that contains ``year`` (``ValueError`` outside 1943 … 2021, ``TypeError`` for a non-number)."""
    year = _checks.whole("year", year, -(10**9), 10**9)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year must be between {FIRST_YEAR} and {LAST_YEAR}, got {year}")
    return next(e for e in ERAS if e.start <= year < e.end)


def _when(year: int, month) -> str:
    return str(year) if pd.isna(month) else f"{_MONTHS[int(month) - 1]} {year}"


def _date(year: int, month) -> pd.Timestamp:
    return pd.Timestamp(year, 7, 1) if pd.isna(month) else pd.Timestamp(year, int(month), 15)


@functools.lru_cache(maxsize=1)
def _events() -> pd.DataFrame:
    raw = pd.read_csv(CSV_PATH, dtype={"month": "Int64"}, keep_default_na=False, na_values={"month": [""]})
    eras = [era_of(y) for y in raw["year"]]
    out = raw.assign(
        date=[_date(y, m) for y, m in zip(raw["year"], raw["month"], strict=True)],
        when=[_when(y, m) for y, m in zip(raw["year"], raw["month"], strict=True)],
        era=[e.key for e in eras],
        era_name=[e.name for e in eras],
    )
    return out.sort_values(["date", "title"], kind="stable").reset_index(drop=True)


def load_events() -> pd.DataFrame:
    """Every event, oldest first: id, year, month, title, category, why, source, date, when, era, era_name."""
    return _events().copy()


def eras_frame() -> pd.DataFrame:
    """One row per era: key, name, kind, summary, start/end years and dates (for shading a timeline)."""
    return pd.DataFrame(
        {
            "key": [e.key for e in ERAS],
            "name": [e.name for e in ERAS],
            "kind": [e.kind for e in ERAS],
            "summary": [e.summary for e in ERAS],
            "start_year": [e.start for e in ERAS],
            "end_year": [e.end for e in ERAS],
            "start": [pd.Timestamp(e.start, 1, 1) for e in ERAS],
            "end": [pd.Timestamp(e.end, 1, 1) for e in ERAS],
        }
    )


def check_query(query: str) -> str:
    """A search text made safe: stripped, at most ``MAX_QUERY_CHARS``, letters/digits required.

    Raises ``ValueError`` saying what is wrong (too long, control characters, nothing searchable).
    An empty string is valid and means "no search". Anything but a str is a ``TypeError``.
    """
    if not isinstance(query, str):
        raise TypeError(f"query (the search) must be text, got {type(query).__name__}")
    q = query.strip()
    if len(q) > MAX_QUERY_CHARS:
        raise ValueError(f"the search is {len(q)} characters long; use at most {MAX_QUERY_CHARS}")
    if any(not ch.isprintable() for ch in q):
        raise ValueError("the search contains control characters; type plain words such as 'LSTM'")
    if q and not re.search(r"\w", q):
        raise ValueError(f"'{q}' has no letters or digits to search for; try a word such as 'perceptron'")
    return q


def filter_events(
    events: pd.DataFrame, categories: tuple[str, ...] | list[str] | None = None, query: str = ""
) -> pd.DataFrame:
    """Rows of ``events`` in ``categories`` (``None`` = all) whose text matches every word of ``query``.

    ``events`` is a frame of :func:`load_events` (or rows of it); an empty list of categories
    selects no event.
    """
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"events must be the DataFrame of load_events(), got {type(events).__name__}")
    missing = sorted({"title", "why", "source", "year", "category"} - set(events.columns))
    if missing:
        raise ValueError(f"events lacks the columns {missing} of load_events()")
    if categories is not None and not isinstance(categories, (list, tuple, set, frozenset)):
        raise TypeError(f"categories must be a list of category names or None, got {type(categories).__name__}")
    if categories is not None and not all(isinstance(c, str) for c in categories):
        raise TypeError("categories must be a list of category names (text)")
    unknown = sorted(set(categories or ()) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown categories {unknown}; choose from {list(CATEGORIES)}")
    q = check_query(query)
    keep = pd.Series(True, index=events.index)
    if categories is not None:
        keep &= events["category"].isin(list(categories))
    if q:
        text = (
            events["title"] + " " + events["why"] + " " + events["source"] + " " + events["year"].astype(str)
        ).str.lower()
        for word in q.lower().split():
            keep &= text.str.contains(word, regex=False)
    return events[keep]


def event_by_id(event_id: str) -> pd.Series | None:
    """The event with this id, or ``None`` when there is none."""
    if not isinstance(event_id, str):
        raise TypeError(f"event_id must be text, got {type(event_id).__name__}")
    hits = _events()[_events()["id"] == event_id]
    return None if hits.empty else hits.iloc[0].copy()
