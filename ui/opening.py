"""The first thing a topic page draws: its title and introduction, before its heavy imports.

A page's charts need Altair, pandas and the numba engine, about two seconds of imports on a small
machine, paid by the first visit after every start of the server (each cloud wake-up). The page file
draws its title and introduction with this module (Streamlit alone, and the page's ``opening`` text
module) and only then imports its sections, so the reader has something to read at once:

    top = opening(TITLE, INTRO)          # ui/<stem>/opening.py holds TITLE and INTRO
    from ui.<stem> import sections, text
    page("<stem>", text, sections, top=top)

``top`` is an empty container above the title, where the frame puts what belongs there (notes about a
link's junk, the pages menu in presenter mode).
"""

from __future__ import annotations

import streamlit as st


def opening(title: str, intro: str):
    """Draw ``title`` and ``intro`` on a wide page; return the container left above them."""
    st.set_page_config(layout="wide")  # the frame sets the rest (it may be called again)
    top = st.container()
    st.title(title)
    st.markdown(intro)
    return top
