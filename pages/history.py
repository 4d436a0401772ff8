"""A brief history of neural nets: booms and winters on a timeline, and the turning points, re-run."""

import streamlit as st

from engine.history import MAX_QUERY_CHARS, event_by_id
from ui import controls, present
from ui.frame import frame
from ui.history import charts as charts
from ui.history import data as ch
from ui.history import text as ht

fr = frame("history")
st.title("A brief history of neural nets")
st.markdown(
    "Neural nets have been declared the future three times and dead twice. A single trainable neuron "
    "(1958) promised thinking machines; a proof of what it **cannot** do (1969) helped end the first "
    "boom; backpropagation (1986) revived the field until gradients that **vanish** through time and "
    "depth stalled it again — which is why the LSTM (1997) was invented. Explore the timeline, then "
    "re-run two of its turning points yourself.")

# ---------------------------------------------------------------------------------------------- timeline
present.section("1 · Booms and winters", "Each point is a dated event with its source; shaded bands are "
                "the booms (orange) and winters (blue). **Click a point** to read why it matters here.")
option = controls.choice("Category", "cat", list(ht.CATEGORY_OPTIONS), "All", labels=ht.OPTION_LABELS)
query = controls.text("Search titles, reasons and sources", "q", "", max_chars=MAX_QUERY_CHARS,
                      where=st.columns(2)[0], placeholder="e.g. LSTM, GPU, 1986, Hinton")
try:
    shown = ch.filtered(ht.category_of(option), query)
except ValueError as problem:
    st.warning(ht.markdown_safe(f"Search ignored: {problem}."), icon=":material/search_off:")
    shown = ch.filtered(ht.category_of(option), "")
if shown.empty:
    where = "" if option == "All" else f" in {ht.OPTION_LABELS[option]}"
    also = "" if option == "All" else " or the category “All”"
    st.info(ht.markdown_safe(f"No event matches “{query.strip()}”{where}; try another word{also}."),
            icon=":material/search_off:")
# Earlier/Later give the chart a fresh key, so a click on the point picked before them counts again
chart_key = f"timeline_chart_{st.session_state.get('_timeline_nonce', 0)}"
clicked = st.session_state.get(chart_key)  # the chart's selection, as the browser sent it
picked = next((p["id"] for p in clicked.selection.get(charts.SELECTION, [])), None) if clicked else None
if picked != st.session_state.get("_history_pick"):  # a click (or a double-click that cleared it)
    st.session_state["_history_pick"] = picked
    if picked:
        st.query_params["event"] = picked  # a link to this view opens the same event
    else:
        st.query_params.pop("event", None)
    controls.refresh_link()  # the sidebar's link was drawn before the click was known
wanted = str(st.query_params.get("event", ""))
table = shown.assign(category=shown["category"].map(ht.CATEGORY_NAMES))[
    ["when", "title", "category", "era_name", "why", "source", "id"]]
with st.container(key="timeline"):
    present.show_chart(charts.timeline_chart(shown, ch.eras(), wanted), table, name="history_events",
                       key=chart_key, on_select="rerun", selection_mode=charts.SELECTION,
                       caption=ht.timeline_caption(shown, len(ch.events()), ch.eras()))
event = event_by_id(wanted) if wanted else None


def show_event(event_id: str) -> None:
    st.query_params["event"] = event_id
    st.session_state["_timeline_nonce"] = st.session_state.get("_timeline_nonce", 0) + 1
    st.session_state["_history_pick"] = None  # the fresh chart starts with nothing selected


earlier, later = (ht.neighbour(list(shown["id"]), wanted, step, list(shown["date"]),
                               event["date"] if event is not None else None) for step in (-1, 1))
b1, b2, _ = st.columns([1, 1, 2])
b1.button("Earlier", icon=":material/chevron_left:", key="earlier", disabled=earlier is None, width="stretch",
          on_click=show_event, args=(earlier,), help="Step to the previous event on the timeline")
b2.button("Later", icon=":material/chevron_right:", key="later", disabled=later is None, width="stretch",
          on_click=show_event, args=(later,), help="Step to the next event on the timeline")
with st.container(border=True, key="event_details"):
    if event is not None:
        st.markdown(ht.event_card(event))
    elif wanted:
        st.warning(f"No event with id `{wanted[:40]}`; click a point on the timeline.",
                   icon=":material/link_off:")
    else:
        st.caption(":material/touch_app: Click a point on the timeline to see what happened, why it "
                   "matters for this series, and the source. Double-click the chart to clear.")
with st.expander(f"The {len(shown)} events as a table"):
    st.dataframe(table.drop(columns="id"), hide_index=True, width="stretch")

# ---------------------------------------------------------------------------------------------- XOR
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
per = ch.perceptron_run(gate.lower(), eta, fr.seed)
net = ch.mlp_run(gate.lower(), n_hidden, n_epochs, eta, fr.seed)
left, right = st.columns(2)
with left:
    st.metric("Perceptron (1958)", f"{per['accuracy']:.0%} right", border=True,
              help=f"{ch.PERCEPTRON_EPOCHS} epochs of Rosenblatt's rule, trained in {per['ms']:.1f} ms")
    present.show_chart(charts.region_chart(per["region"], per["points"], title=f"Perceptron on {gate}",
                                           step=ch.STEP, lines=per["lines"]),
                       per["points"], name="perceptron_region", key="per_region",
                       caption=ht.perceptron_caption(gate, per["accuracy"], ht.line_crosses_square(
                           per["w"], per["b"], ch.LO, ch.HI)))
with right:
    st.metric("Two-layer net + backprop (1986)", f"{net['accuracy']:.0%} right", border=True,
              help=f"{n_epochs} epochs of full-batch gradient descent, trained in {net['ms']:.1f} ms")
    present.show_chart(charts.region_chart(net["region"], net["points"], step=ch.STEP,
                                           title=f"{ht.hidden_units(n_hidden)} on {gate}"),
                       net["points"], name="mlp_region", key="mlp_region",
                       caption=ht.mlp_caption(gate, n_hidden, net["accuracy"]))
present.formula(ht.perceptron_formula(per["w"], per["b"], eta))
present.formula(ht.mlp_formula(n_hidden, net["final_loss"]))
left, right = st.columns(2)
with left:
    curves = ch.accuracy_curves(per, net)
    present.show_chart(charts.training_chart(curves), curves, name="xor_accuracy", key="xor_acc",
                       caption=ht.accuracy_caption(gate, per["curve"], net["curve"]))
with right:
    present.show_chart(charts.loss_chart(net["loss"]), net["loss"], name="xor_loss", key="xor_loss",
                       caption=ht.loss_caption(net["accuracy"]))

# ---------------------------------------------------------------------------------------------- gradients
present.section("3 · Why deep nets stalled: the vanishing gradient", "Backpropagation multiplies by "
                "σ′ ≤ ¼ at every sigmoid layer. Through many layers — or many time steps of an RNN — the "
                "error reaching the first layers shrinks exponentially (Hochreiter 1991). Here is a fresh "
                "sigmoid net, 32 units wide, before any training.")
left, right = st.columns(2)
depth = controls.int_slider("Depth D (layers)", "depth", 2, 50, 20, where=left)
gain = controls.float_slider("Weight scale (gain)", "gain", 0.25, 8.0, 1.0, step=0.25, where=right,
                             help="W_l ~ N(0, gain²/32). Larger weights loosen the bound but saturate units.")
grads, first = ch.deep_gradients(depth, gain, fr.seed)
present.show_chart(charts.gradient_chart(grads), grads, name="vanishing_gradient", key="grad_chart",
                   caption=ht.gradient_caption(depth, first))
present.formula(ht.gradient_formula(depth, first))
present.references(ht.REFERENCES)
