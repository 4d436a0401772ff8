"""The first thing a topic page draws: its title, its introduction and the room for its opening figure,
before its heavy imports.

A page's charts need Altair, pandas and the numba engine, about two seconds of imports on a small
machine, paid by the first visit after every start of the server (each cloud wake-up). The page file
draws its title and introduction with this module (Streamlit alone, and the page's ``opening`` text
module) and only then imports its sections, so the reader has something to read at once:

    top = opening(TITLE, INTRO)          # ui/<stem>/opening.py holds TITLE and INTRO
    from ui.<stem> import sections, text
    page("<stem>", text, sections, top=top)

``top`` is an empty container above the title, where the frame puts what belongs there (notes about a
link's junk, the pages menu in presenter mode).

The introduction takes the left of a row whose right is the page's opening figure (``sections.hero``,
drawn there by the frame once the page's kernels are ready): the article's idea in one live picture,
on the first screen of a laptop and of a projector, where the first section's figure came a screen or
two down. :func:`figure_slot` hands that column to the frame; :func:`words_slot` the introduction's,
where the frame adds the article's line. In presenter mode the row is stacked, the figure first and
across the whole width (a projector's 1024 px leave a half-width figure's labels too small to read).
"""

from __future__ import annotations

import streamlit as st

FIGURE = "_opening_figure"  # session key: the column the opening figure is drawn in (this run's)
WORDS = "_opening_words"  # session key: the introduction's column
COLUMNS = [5, 6]  # the introduction's share of the row, the figure's
ROW = "opening"  # the key of the row's container: presenter mode stacks it, the figure first (ui.present)


def opening(title: str, intro: str):
    """Draw ``title`` and ``intro`` on a wide page, with the room for the opening figure beside the
    introduction; return the container left above them."""
    st.set_page_config(layout="wide")  # the frame sets the rest (it may be called again)
    top = st.container()
    head(title, intro)
    return top


def head(title: str, intro: str) -> None:
    """The title, then a row: ``intro`` on the left, the opening figure's room on the right (both kept for
    the frame in this run's session state)."""
    st.title(title)
    with st.container(key=ROW):
        words, figure = st.columns(COLUMNS, gap="large")
    words.markdown(intro)
    st.session_state[WORDS] = words
    st.session_state[FIGURE] = figure


def figure_slot():
    """The column this run's opening left for the page's figure (None: the page drew no opening)."""
    return st.session_state.get(FIGURE)


def words_slot():
    """The column of this run's introduction (None: the page drew no opening)."""
    return st.session_state.get(WORDS)
