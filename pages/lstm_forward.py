"""LSTM forward propagation, gate by gate: step a block through time and watch every number."""

import streamlit as st

from engine.lstm_inputs import SOURCES
from ui import controls, present
from ui.controls import step_scrubber, unit_picker
from ui.frame import frame
from ui.kit.colors import GATE_STOPS
from ui.lstm_forward import charts as charts
from ui.lstm_forward import data as cached
from ui.lstm_forward.diagrams import circuit_dot, odyssey_dot, step_values
from ui.lstm_forward.text import step_latex

fr = frame("lstm_forward")

st.title("LSTM forward propagation, gate by gate")
st.markdown(
    "An LSTM block reads a sequence one step at a time. At each step three **gates** — numbers between "
    "0 (shut) and 1 (open) — decide how much of the new **block input** z enters the **cell**, how much "
    "of the old cell is kept, and how much of the cell is shown as the **output** y. The cell is a "
    "*highway*: what the forget gate keeps travels on unchanged. Pick an input, then step through time."
)

SOURCE_LABELS = {"sine": "Sine wave", "square": "Square wave", "impulse": "Single impulse",
                 "noise": "Random noise", "typed": "Type numbers"}
with st.container(border=True):
    left, middle, right = st.columns(3)
    source = controls.choice("Input sequence", "src", SOURCES, "sine", kind="select", labels=SOURCE_LABELS,
                             where=left)
    seq_len = controls.int_slider("Sequence length T", "seq_len", 1, 500, 20, where=left,
                                  help="Steps of the generated inputs (typed numbers set their own length).")
    typed = ""
    if source == "typed":
        text = controls.text("Numbers, separated by commas", "typed", cached.DEFAULT_TYPED, where=left)
        typed, problem = cached.typed_sequence(text)
        if problem:
            left.error(f"Can't read that: {problem}. Still showing: {typed}", icon=":material/error:")
    n_input = controls.int_slider("Input size M", "n_input", 1, 8, 1, where=middle,
                                  help="Input k gets the signal k − 1 steps late (a tapped delay line).")
    n_hidden = controls.int_slider("Hidden size H (units)", "n_hidden", 1, 32, 4, where=middle)
    peepholes = controls.toggle("Peepholes", "peep", True, where=right,
                                help="Peephole connections let the gates look at the cell: c_{t−1} for i and f, "
                                     "c_t for o.")
    forget_bias = controls.float_slider("Forget-gate bias", "fbias", -3.0, 3.0, 0.0, step=0.5, where=right,
                                        help="Added to b_f. Positive: the forget gate starts open, "
                                             "the cell remembers longer.")
    pin = controls.choice("Gates i, f, o", "pin", list(cached.PINS), "free", labels=cached.PIN_LABELS,
                          where=right, help="Pin every gate to 1 or to 0: the article's two extreme cases.")

args = (source, seq_len if source != "typed" else 0, n_input, n_hidden, fr.seed, peepholes, forget_bias,
        pin, typed)
run = cached.lstm_run(*args)
frames = cached.lstm_frames(*args)
trace = run.trace
if source == "typed":
    left.caption(f"The typed numbers set the length: T = {trace.seq_len} (the slider above is for generated inputs).")
if pin == "ones":
    st.info("**All gates pinned to 1:** nothing is forgotten and everything is let in, so the cell adds "
            "up the block inputs: c_t = c_{t−1} + z_t. Watch the cell drift in the chart below.",
            icon=":material/lock_open:")
elif pin == "zeros":
    st.info("**All gates pinned to 0:** nothing enters and nothing is kept, so c_t = 0 and y_t = 0 at "
            "every step — the block forgets everything.", icon=":material/lock:")

present.section("Step through time",
                "Use the slider, the buttons, or the **←/→** keys. Both diagrams and the equations show "
                "one unit at step t; the table shows every unit.")
t = step_scrubber("t", trace.seq_len)
unit = unit_picker("unit", n_hidden, where=st.columns([1, 2])[0])
state = step_values(trace, t, unit, peepholes)
st.graphviz_chart(circuit_dot(state), width="stretch")
st.caption("The *electronic circuit*: the cell highway runs from c_{t−1} to c_t and on to the output; the "
           "gates join it through Hadamard products ⊙ (element-wise). Arrow widths follow the gate values: "
           "a wide arrow carries what an open gate lets through."
           + (" Dashed purple lines are peepholes." if peepholes else ""))
odyssey, table = st.columns([3, 2] if fr.present else [1, 1], gap="small")  # projector: bigger block
odyssey.graphviz_chart(odyssey_dot(state), width="stretch")
odyssey.caption("The *Space Odyssey* block (Greff et al.): the same numbers, with the cell in the centre, "
                "its forget loop, and the gates around it. Colours as in every chart here: gates grey (shut) "
                "to green (open); z, c, y red > 0, blue < 0.")
table.markdown(f"**Every unit at step t = {t}**")
if fr.present:  # an HTML table takes the projector's larger type; the grid below draws its own
    table.table(charts.styled_step_table(cached.step_table(trace, t)))
else:
    gate_column = {g: st.column_config.ProgressColumn(g, min_value=0.0, max_value=1.0, format="%.2f",
                                                      width=64, color=GATE_STOPS[-1][1])
                   for g in ("i", "f", "o")}
    number = {q: st.column_config.NumberColumn(q, format="%.3f", width=58) for q in ("z", "c", "y")}
    number["unit"] = st.column_config.NumberColumn("unit", width=40)
    table.dataframe(cached.step_table(trace, t), hide_index=True, column_config=gate_column | number)
st.markdown(f"**The six equations at step t = {t}, unit {unit}** (σ is the logistic function, g = h = tanh, "
            "⊙ the element-wise product; for one unit, W_z x_t is that unit's row of W_z times x_t):")
present.formula(step_latex(run.params, trace, t, unit))

present.section("The whole sequence", ("The one step" if trace.seq_len == 1 else f"All {trace.seq_len} steps at once")
                + f"; the dashed line marks t = {t}.")
present.show_chart(charts.input_chart(frames.inputs, t), frames.inputs, name="lstm_input",
                   caption="The input x_t the block reads (input k is the signal k − 1 steps late).")
GATE_CAPTIONS = {
    "z": "Block input z: red > 0, blue < 0 (tanh keeps it in (−1, 1)). It is what the cell could take in.",
    "i": "Input gate i: green = open (lets z into the cell), grey = shut. The outlined column is step t.",
    "f": "Forget gate f: a row that stays green keeps that unit's cell memory alive.",
    "o": "Output gate o: how much of tanh(c_t) each unit shows as its output y_t.",
}
for row in (("z", "i"), ("f", "o")):
    for gate, col in zip(row, st.columns(2), strict=True):
        with col:
            part = frames.gates[frames.gates["gate"] == gate]
            present.show_chart(charts.gate_heatmap(frames.gates, gate, t, frames.bin_steps), part,
                               name=f"lstm_gate_{gate}", caption=GATE_CAPTIONS[gate])
if frames.bin_steps > 1:
    present.budget_note(f"each heatmap column averages {frames.bin_steps} steps to keep the picture light "
                        f"({trace.seq_len} steps × {n_hidden} units).")


def cell_caption(reach: float) -> str:
    """What to notice in the cell chart, for how far the cell actually went (max |c_t|)."""
    if reach > 1:
        return f"The cell c_t is a running sum, not squashed: here it reaches ±{reach:.2f}, outside [−1, 1]."
    return (f"The cell c_t is a running sum, not squashed, though here it stays within ±{reach:.2f}; pin the "
            "gates to 1 or raise the forget-gate bias and watch it drift out of [−1, 1].")


cell, output = st.columns(2)
with cell:
    present.show_chart(charts.state_chart(frames.states, "cell c", t, highlight=unit), frames.states,
                       name="lstm_states",
                       caption=cell_caption(float(abs(trace.c).max())))
with output:
    present.show_chart(charts.state_chart(frames.states, "output y", t, highlight=unit), None, name="lstm_output",
                       caption="The output y_t = tanh(c_t)·o_t always stays inside (−1, 1).")
present.references([
    "K. Greff, R. K. Srivastava, J. Koutník, B. R. Steunebrink, J. Schmidhuber, "
    "[LSTM: A Search Space Odyssey](https://arxiv.org/abs/1503.04069), IEEE TNNLS 28(10), 2017 — the "
    "equations and the block diagram used here.",
    "S. Hochreiter, J. Schmidhuber, Long Short-Term Memory, Neural Computation 9(8), 1997.",
    "F. A. Gers, J. Schmidhuber, F. Cummins, Learning to Forget: Continual Prediction with LSTM, 2000 "
    "(the forget gate); F. A. Gers, J. Schmidhuber, Recurrent Nets that Time and Count, 2000 (peepholes).",
    "C. Olah, [Understanding LSTM Networks](https://colah.github.io/posts/2015-08-Understanding-LSTMs/), 2015.",
])
