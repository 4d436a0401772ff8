"""Home: the series map, and how to use the explorer in a talk."""

import streamlit as st

from ui.frame import frame, start_engine_warm_up, view_link
from ui.registry import GROUP_CURSE, GROUP_RNN, TALK, existing_pages, sources_markdown
from ui.talk import deck as decks


def talk_cards() -> None:
    """A card per deck in ``talks/``, the shortest first: its title and length as the link the projector
    opens, the speaker view's link for the laptop, and how phones join."""
    readable = []
    for name in decks.deck_names():
        try:
            readable.append(decks.load(name))
        except decks.DeckError:
            continue  # the talk page says what is wrong with a deck; the home page offers the others
    if not readable:
        return
    st.header("Give a talk")
    st.markdown("The series as slides that stay live: each scene is one section of a page, figure first, "
                "sized for a 1024 × 768 projector in presenter mode, with speaker notes. A clicker's PageDown "
                "moves on.")
    columns = st.columns(min(2, len(readable)))
    for k, deck in enumerate(sorted(readable, key=len)):
        with columns[k % len(columns)].container(border=True, key=f"talk_card_{deck.name}"):
            first = {"deck": deck.name, "scene": "1"}
            st.markdown(f"**{deck.title}**, {len(deck)} scenes")  # (a link's label never wraps: short ones)
            st.page_link(TALK.path, label="The talk, from scene 1", icon=TALK.icon, query_params=first)
            st.page_link(TALK.path, label="Speaker view", icon=":material/notes:",
                         query_params={**first, "view": "speaker"}, help="Notes, the next scene, a clock")
    st.caption("Open the speaker view on your laptop and the deck's link on the projector: the projector follows "
               "your clicks on either. Phones scan the QR code beside the first scene and follow too.")


fr = frame("home")

st.title("Dimensions & LSTMs, live")
st.markdown(
    "Two article series on machine learning, turned into things you can move with your hands. "
    "**The curse of dimensionality**: why grids, volumes, angles and distances behave strangely "
    "when data has hundreds of features. **Recurrent networks**: how a simple RNN and an LSTM carry "
    "information, and errors, through time. Every chart is computed live from a fixed seed, with "
    "the closed-form theory drawn over the simulation."
)
start_engine_warm_up()  # the first visit of a fresh server (or a cloud wake-up) compiles every page

for group in (GROUP_CURSE, GROUP_RNN):
    pages = [page for page in existing_pages() if page.group == group]
    if not pages:
        continue
    st.header(group)  # h2 under the title's h1: heading levels in order
    columns = st.columns(min(2 if fr.present else 3, len(pages)))  # projector type needs wider cards
    for k, page in enumerate(pages):
        with columns[k % len(columns)].container(border=True):
            st.page_link(page.path, label=page.nav, icon=page.icon)  # short: a link's label never wraps
            st.caption(page.blurb)


talk_cards()

st.header("The articles")
st.markdown("Each page teaches one article of two series; the facts, figures and formulas come from them "
            "(with the slips they contain corrected on the page, and said so).\n\n" + sources_markdown())

with st.expander("Presenting in a talk or lecture", icon=":material/co_present:", expanded=fr.present):
    st.markdown(
        "- **Give a talk from a deck** (*Give a talk* above): one live scene per screen, speaker notes, a "
        "speaker view and phones that follow.\n"
        "- **Prepare links.** Every control lives in the address bar: set the view you want, then copy "
        "the link from the sidebar (e.g. `/curse_of_dimensionality?dim=500&present=1`). Opening it "
        "restores exactly that view, with the same random numbers (the seed is in the link too).\n"
        "- **Presenter mode** (`?present=1` or the sidebar switch): larger type, collapsed sidebar, "
        "the page list in a *Pages* menu at the top.\n"
        "- **Warm up before you start.** The first visit after the server starts (or the cloud wakes "
        "the app) compiles the numerical engine of every page in the background, about 20 s on a "
        "small machine: open the app half a minute before the talk.\n"
        "- **Keyboard.** Click a slider, then use ← → to step it; on the LSTM pages ← → also step "
        "through time."
    )
view_link()
