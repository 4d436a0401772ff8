"""Home: the series map, and how to use the explorer in a talk."""

import streamlit as st

from ui.frame import frame, start_engine_warm_up, view_link
from ui.registry import GROUP_CURSE, GROUP_RNN, existing_pages, sources_markdown

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

st.header("The articles")
st.markdown("Each page teaches one article of two series; the facts, figures and formulas come from them "
            "(with the slips they contain corrected on the page, and said so).\n\n" + sources_markdown())

with st.expander("Presenting in a talk or lecture", icon=":material/co_present:", expanded=fr.present):
    st.markdown(
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
