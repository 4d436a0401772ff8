"""The sections of the history page: each draws itself from the page's state.

A section is a function of :class:`PageState` (the seed, presenter mode) that draws its header, its
own controls, its charts and its formulas; none relies on another having run (the talk deck renders
one alone). ``SECTIONS`` lists them in the page's order.
"""

from __future__ import annotations

import functools

import streamlit as st

from engine.history import MAX_QUERY_CHARS, event_by_id
from ui import controls, in_browser, present, presses
from ui.frame import Frame
from ui.history import charts, selection
from ui.history import data as ch
from ui.history import text as ht

PageState = Frame  # the page has no controls above its sections: each section draws its own


def _shown_events(option: str, query: str):
    """The events of the category ``option`` matching ``query``, with a note when the search is refused
    (then every event of the category) or finds nothing."""
    try:
        shown = ch.filtered(ht.category_of(option), query)
    except ValueError as problem:
        st.warning(ht.search_ignored(problem), icon=":material/search_off:")
        shown = ch.filtered(ht.category_of(option), "")
    if shown.empty:
        st.info(ht.no_match(query, option), icon=":material/search_off:")
    return shown


def _event_details(event, wanted: str) -> None:
    """The card of the event the link names, a note for an id that names none, or a hint to click;
    brought into view after a click or a step."""
    with st.container(border=True, key=selection.CARD_KEY):
        if event is not None:
            st.markdown(ht.event_card(event))
        elif wanted:
            st.warning(ht.unknown_event(wanted), icon=":material/link_off:")
        else:
            st.caption(ht.PICK_HINT)
        selection.scroll_to_card()


def hero(state: PageState) -> None:
    """The article's story beside the introduction: its key events over the booms and winters (section 1
    has every event, with a card for each)."""
    events = ch.filtered("all", "")
    key = events[events["id"].isin(dict(ht.KEY_EVENTS))]
    narrow = charts.NARROWEST_PX_PER_YEAR if state.present else charts.HALF_PX_PER_YEAR  # (a projector: whole width)
    present.plain_chart(charts.timeline_chart(key, ch.eras(), selection.wanted(), narrow),
                        description=present.OPENING + ht.timeline_description(key, len(events), ch.eras(), None))
    st.caption(ht.hero_caption(ch.eras()))


@controls.reruns_page  # a click on the timeline opens its event's card and goes into the link
def timeline(state: PageState) -> None:
    """1 · Booms and winters: the events on a timeline (filter, search, click), Earlier/Later, the
    chosen event's card and the events as a table."""
    present.section(*ht.TIMELINE)
    option = controls.choice("Category", "cat", list(ht.CATEGORY_OPTIONS), "All", labels=ht.OPTION_LABELS)
    query = controls.text("Search titles, reasons and sources", "q", "", max_chars=MAX_QUERY_CHARS,
                          where=st.columns(2)[0], placeholder="e.g. LSTM, GPU, 1986, Hinton")
    shown = _shown_events(option, query)
    chart_key = selection.chart_key()
    selection.follow_click(chart_key)
    wanted = selection.wanted()
    table = shown.assign(category=shown["category"].map(ht.CATEGORY_NAMES))[
        ["when", "title", "category", "era_name", "why", "source", "id"]]
    event = event_by_id(wanted) if wanted else None
    with st.container(key="timeline"):
        present.show_chart(charts.timeline_chart(shown, ch.eras(), wanted), table, name="history_events",
                           key=chart_key, on_select="rerun", selection_mode=charts.SELECTION,
                           caption=ht.timeline_caption(shown, len(ch.events()), ch.eras()),
                           description=ht.timeline_description(shown, len(ch.events()), ch.eras(), event))
    _event_details(event, wanted)
    earlier, later = (ht.neighbour(list(shown["id"]), wanted, step, list(shown["date"]),
                                   event["date"] if event is not None else None) for step in (-1, 1))
    b1, b2, _ = st.columns([1, 1, 2])
    b1.button("Earlier", icon=":material/chevron_left:", key="earlier", disabled=earlier is None,
              width="stretch", on_click=presses.once(selection.show_event), args=(earlier,),
              help="Step to the previous event on the timeline")
    b2.button("Later", icon=":material/chevron_right:", key="later", disabled=later is None, width="stretch",
              on_click=presses.once(selection.show_event), args=(later,), help="Step to the next event on the timeline")
    _storyline(wanted)
    with st.expander(f"The {len(shown)} events as a table"):
        st.dataframe(table.drop(columns="id"), hide_index=True, width="stretch")


def _storyline(wanted: str) -> None:
    """The article's storyline as numbered buttons, each opening its event (the link's ``?event=``)."""
    here = ht.story_step(wanted)
    with st.expander(f"The article's storyline in {len(ht.STORYLINE)} steps", expanded=here is not None):
        st.caption(ht.STORY_HINT)
        columns = st.columns(3)
        for index, (event_id, _, _) in enumerate(ht.STORYLINE):
            columns[index % 3].button(ht.story_button(index), key=f"story_{event_id}", width="stretch",
                                      type="primary" if here == index + 1 else "secondary",
                                      on_click=presses.once(selection.show_event), args=(event_id,))


def perceptron_vs_xor(state: PageState) -> None:
    """2 · History you can run: Rosenblatt's perceptron and a two-layer net with backprop on XOR (or AND,
    OR), trained live from the seed: decision regions, rules, accuracy and loss."""
    present.section("2 · History you can run: the perceptron against XOR", "XOR is true when exactly one "
                    "input is on. No straight line puts (0,1) and (1,0) on one side and (0,0), (1,1) on the "
                    "other, so Rosenblatt's perceptron — a single line — never gets all four right (Minsky & "
                    "Papert's point). Add a hidden layer, train it with backpropagation, and the net bends "
                    "its boundary around the corners. Both train live, here, from the seed.")
    c1, c2, c3, c4 = st.columns(4)
    gate = controls.choice("Truth table", "gate", ht.GATE_OPTIONS, "XOR", where=c1,
                           help="AND and OR are linearly separable: the perceptron learns them.")
    n_hidden = controls.int_slider("Hidden units", "hidden", 1, 16, 4, where=c2)
    n_epochs = controls.int_slider("Epochs (two-layer net)", "epochs", 50, 5000, 2000, step=50, where=c3)
    eta = controls.float_slider("Learning rate η", "lr", 0.05, 5.0, 1.0, step=0.05, fmt="%.2f", where=c4)
    per = ch.perceptron_run(gate.lower(), eta, state.seed)
    net = ch.mlp_run(gate.lower(), n_hidden, n_epochs, eta, state.seed)
    left, right = st.columns(2)
    with left:
        st.metric("Perceptron (1958)", f"{per['accuracy']:.0%} right", border=True,
                  help=f"{ch.PERCEPTRON_EPOCHS} epochs of Rosenblatt's rule, trained in {per['ms']:.1f} ms")
        in_view = ht.line_crosses_square(per["w"], per["b"], ch.LO, ch.HI)
        present.show_chart(charts.region_chart(per["region"], per["points"], title=f"Perceptron on {gate}",
                                               step=ch.STEP, lines=per["lines"]),
                           per["points"], name="perceptron_region", key="per_region",
                           caption=ht.perceptron_caption(gate, per["accuracy"], in_view),
                           description=ht.perceptron_description(gate, per["points"], per["w"], per["b"],
                                                                 ch.PERCEPTRON_EPOCHS, in_view))
    with right:
        st.metric("Two-layer net + backprop", f"{net['accuracy']:.0%} right", border=True,
                  help=f"{n_epochs} epochs of full-batch gradient descent, trained in {net['ms']:.1f} ms")
        present.show_chart(charts.region_chart(net["region"], net["points"], step=ch.STEP,
                                               title=f"{ht.hidden_units(n_hidden)} on {gate}"),
                           net["points"], name="mlp_region", key="mlp_region",
                           caption=ht.mlp_caption(gate, n_hidden, net["accuracy"]),
                           description=ht.mlp_description(gate, n_hidden, n_epochs, net["points"]))
    present.formula(ht.perceptron_formula(per["w"], per["b"], eta))
    present.formula(ht.mlp_formula(n_hidden, net["final_loss"]))
    left, right = st.columns(2)
    with left:
        curves = ch.accuracy_curves(per, net)
        present.show_chart(charts.training_chart(curves), curves, name="xor_accuracy", key="xor_acc",
                           caption=ht.accuracy_caption(gate, per["curve"], net["curve"]),
                           description=ht.accuracy_description(gate, per["curve"], net["curve"], n_epochs))
    with right:
        present.show_chart(charts.loss_chart(net["loss"]), net["loss"], name="xor_loss", key="xor_loss",
                           caption=ht.loss_caption(net["accuracy"]),
                           description=ht.loss_description(net["loss"], n_epochs, net["final_loss"]))


def vanishing_gradient(state: PageState) -> None:
    """3 · Why deep nets stalled: the error per layer of a fresh sigmoid net, under its bound Π ¼‖W_k‖₂.

    The depth n is answered in the browser (``ui.in_browser``): the chart holds every depth, and the caption,
    the spoken description and the formula's live line are drawn once a depth; a move of n starts no run."""
    present.section("3 · Why deep nets stalled: the vanishing gradient", "Backpropagation multiplies by "
                    "σ′ ≤ ¼ at every sigmoid layer. Through many layers — or many time steps of an RNN — the "
                    "error reaching the first layers shrinks exponentially (Hochreiter 1991). Here is a fresh "
                    "sigmoid net, 32 units wide, before any training.")
    left, right = st.columns(2)
    depths = ch.DEPTHS
    depth = in_browser.slider("Depth n (layers)", "depth", depths.start, depths.stop - 1, 20, where=left)
    gain = controls.float_slider("Weight scale (gain)", "gain", 0.25, 8.0, 1.0, step=0.25, where=right,
                                 help="W_l ~ N(0, gain²/32). Larger weights loosen the bound but saturate units.")
    grads, _ = ch.gradients_by_depth(gain, state.seed)
    captions, lines = _gradient_frames(gain, state.seed)
    present.show_chart(charts.gradient_chart(grads, depth), grads, name="vanishing_gradient", key="grad_chart",
                       caption=ht.GRADIENT_CAPTION, description="", label=ht.GRADIENT_LABEL)
    in_browser.frames("depth", depth, captions)
    present.formula(ht.GRADIENT_FORMULA)
    in_browser.frames("depth", depth, lines)
    in_browser.driver("depth", depth, present.VIEW_LINK_LABEL)


@functools.lru_cache(maxsize=16)
def _gradient_frames(gain: float, seed: int) -> tuple[dict[int, str], dict[int, str]]:
    """The vanishing-gradient section's texts at every depth n: the caption (headed by the chart's spoken
    description) and the formula's live line, as ``ui.in_browser`` frames."""
    grads, firsts = ch.gradients_by_depth(gain, seed)
    by_depth = dict(tuple(grads.groupby("depth")))
    captions = {n: in_browser.caption(ht.gradient_reading(n, first),
                                      spoken=ht.gradient_description(n, gain, by_depth[n], first))
                for n, first in firsts.items()}
    return captions, {n: in_browser.line(ht.gradient_line(n, first)) for n, first in firsts.items()}


SECTIONS = (timeline, perceptron_vs_xor, vanishing_gradient)
