"""Style sheets drawn by a section, in the section.

Streamlit sends an ``st.html`` that holds nothing but ``<style>`` to the page's event container, outside
every section. A section drawn for the first time in a fragment run (a fresh page draws a section as it comes
into view, ``ui.in_view``) lost such a style sheet: ▶'s bar came without its CSS, and the slider ▶ plays
without its "▶ playing" label. :func:`style` draws the sheet as part of the section, in an element that
takes no room (``HIDE_CSS``, in every page's CSS).
"""

from __future__ import annotations

import streamlit as st

HOLDER = "section-style"  # the class of the empty element that keeps a style sheet in the section's flow
HIDE_CSS = f'[data-testid="stElementContainer"]:has(.{HOLDER}) {{ display: none; }}'


def style(css: str) -> None:
    """Draw ``css`` (one or more ``<style>`` elements) where this is called, taking no room."""
    st.html(f'{css}<span class="{HOLDER}"></span>')
