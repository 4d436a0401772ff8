"""The sections of the LSTM forward page: each draws itself from the page's state.

A section is a function of :class:`PageState` (the run's controls, the time step t and the unit the
diagrams follow, the seed, presenter mode) that draws its header, its diagrams, charts and equations;
none relies on another having run (the talk deck renders one alone): each gets the run from the
cache in ``data``. ``SECTIONS`` lists them in the page's order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Any

import streamlit as st

from ui import controls, in_view, play, present
from ui.frame import Frame
from ui.lstm_forward import charts, data, diagrams, text


@dataclass(frozen=True)
class PageState:
    """What every section of the page is drawn from.

    ``seq_len`` is 0 for typed numbers (they set their own length). ``step_head`` is the place kept
    above the time-step scrubber for the step section's header (``None``: the header goes where the
    section starts).
    """

    source: str
    seq_len: int
    n_input: int
    n_hidden: int
    peepholes: bool
    forget_bias: float
    pin: str
    typed: str
    t: int
    unit: int
    seed: int
    present: bool
    step_head: Any = field(default=None, compare=False)
    bias_pin: float | None = None  # a forget-gate bias whose cell and output stay in grey while the bias moves

    @property
    def run_args(self) -> tuple:
        """The arguments of ``data.lstm_run`` and ``data.lstm_frames`` (never t: scrubbing reuses the run)."""
        return (self.source, self.seq_len, self.n_input, self.n_hidden, self.seed, self.peepholes,
                self.forget_bias, self.pin, self.typed)


def page_controls(fr: Frame) -> PageState:
    """The run's controls in a box, the pinned-gates note, then the time step t and the unit shown.

    The scrubber sits under the step section's header; its place is kept in ``step_head``."""
    with st.container(border=True):
        left, middle, right = st.columns(3)
        source = controls.choice("Input sequence", "src", data.SOURCES, "sine", kind="select",
                                 labels=text.SOURCE_LABELS, where=left)
        seq_len = controls.int_slider("Sequence length T", "seq_len", 1, 500, 20, where=left,
                                      help="Steps of the generated inputs (typed numbers set their own length).")
        typed = ""
        if source == "typed":
            typed_text = controls.text("Numbers, separated by commas", "typed", data.DEFAULT_TYPED, where=left)
            typed, problem = data.typed_sequence(typed_text)
            if problem:
                left.error(f"Can't read that: {problem}. Still showing: {typed}", icon=":material/error:")
        n_input = controls.int_slider("Input size M", "n_input", 1, 8, 1, where=middle,
                                      help="Input k gets the signal k − 1 steps late (a tapped delay line).")
        n_hidden = controls.int_slider("Hidden size H (units)", "n_hidden", 1, 32, 4, where=middle)
        peepholes = controls.toggle("Peepholes", "peep", False, where=right, help=text.PEEPHOLE_HELP)
        forget_bias = controls.float_slider("Forget-gate bias", "fbias", -3.0, 3.0, 0.0, step=0.5, where=right,
                                            help="Added to b_f. Positive: the forget gate starts open, "
                                                 "the cell remembers longer.")
        with right:
            bias_pin = _bias_pin(forget_bias)
        pin = controls.choice("Gates i, f, o", "pin", list(data.PINS), "free", labels=data.PIN_LABELS,
                              where=right, help="Pin every gate to 1 or to 0: the article's two extreme cases.")
    if source == "typed":
        seq_len = 0
    trace = data.lstm_run(source, seq_len, n_input, n_hidden, fr.seed, peepholes, forget_bias, pin, typed).trace
    if source == "typed":
        left.caption(text.typed_length(trace.seq_len))
    st.caption(text.peephole_note(peepholes))
    if pin in text.PINNED:
        st.info(text.PINNED[pin], icon=":material/lock_open:" if pin == "ones" else ":material/lock:")
    step_head = st.container()
    t = in_view.page_fragment(_scrubber, "t_scrubber")(trace.seq_len)
    unit = controls.unit_picker("unit", n_hidden, where=st.columns([1, 2])[0])
    return PageState(source=source, seq_len=seq_len, n_input=n_input, n_hidden=n_hidden, peepholes=peepholes,
                     forget_bias=forget_bias, pin=pin, typed=typed, t=t, unit=unit, seed=fr.seed,
                     present=fr.present, step_head=step_head, bias_pin=bias_pin)


def _scrubber(n_steps: int) -> int:
    """The time step t (slider, Back and Next, ← and →): a move redraws the sections in view and this scrubber
    (its buttons know the ends), the others as they scroll in (``IN_VIEW``)."""
    return controls.step_scrubber("t", n_steps, callbacks=in_view.callbacks("t", 1))


def hero(state: PageState) -> None:
    """The block reading its sequence, beside the introduction: every unit's cell over time with step t marked,
    the followed unit's cell update and output at t with their numbers, and Back and Next for t (the scrubber's
    steps, from the first screen)."""
    run, frames = data.lstm_run(*state.run_args), data.lstm_frames(*state.run_args)
    t = min(state.t, run.trace.seq_len)
    present.show_chart(charts.state_chart(frames.states, "cell c", t, highlight=state.unit), None, name="lstm_hero",
                       caption=text.HERO_CAPTION,
                       description=present.OPENING + text.state_description("cell c", run.trace.c, state.unit))
    st.markdown(text.hero_lead(t, state.unit, state.n_hidden))
    for formula in text.hero_formulas(diagrams.step_values(run.trace, t, state.unit, state.peepholes)):
        present.formula(formula)
    controls.step_buttons("t", run.trace.seq_len, callbacks=in_view.callbacks("t", 1))  # the scrubber's, here too


# t, the page's main control: a move redraws the sections in view (every section shows step t), the others as
# they scroll in (ui.in_view)
IN_VIEW = in_view.InView("t", lambda state, t: replace(state, t=t))

TABLE_ROWS = 10  # units the step table shows at once; more scroll inside it
ROW_PX = {False: 31, True: 40}  # a row of the step table (and its header), in the reading and presenter type
BIAS_PIN = "bpin"  # ?bpin=: a forget-gate bias whose cell and output stay in grey while the bias moves


def _bias_pin(forget_bias: float) -> float | None:
    """"Pin bias = …" and, once pinned, "Unpin": the whole-sequence cell and output charts keep that bias's
    run in grey behind the current one (a before and after on one chart); in the link as ``?bpin=``."""
    with st.container(horizontal=True, gap="small"):
        return controls.pin_control(BIAS_PIN, forget_bias,
                                    lambda raw: controls.parse_on_steps(raw, -3.0, 3.0, 0.5, False),
                                    name="bias", shown="{:+g}".format, help=text.BIAS_PIN_HELP)


def _step_table(trace, t: int, presenting: bool) -> None:
    """Every unit's z, i, f, o, c, y at step t: an HTML table coloured as the heatmaps and diagrams are,
    which takes presenter mode's larger type; past :data:`TABLE_ROWS` units it scrolls inside its frame.

    A table, not Streamlit's data grid: the grid draws on a canvas and updates its hidden accessible copy
    ~130 ms after each step, a wait in every press of Next; the HTML table is read as it is drawn."""
    table = data.step_table(trace, t)
    st.markdown(f"**Every unit at step t = {t}**")
    frame = (TABLE_ROWS + 1) * ROW_PX[presenting] + 2 if len(table) > TABLE_ROWS else "content"
    st.table(charts.styled_step_table(table), height=frame, hide_index=True, alt=text.step_table_alt(t, len(table)))


def _step_head(state: PageState) -> None:
    """The header of section 1, above the page's step scrubber (drawn once, not at each frame of ▶)."""
    with state.step_head if state.step_head is not None else st.container():
        present.section("1 · Step through time",
                        "Use the slider, the buttons, or the **←/→** keys. Both diagrams and the equations show "
                        "one unit at step t; the table shows every unit. " + text.TWO_WAYS)


@play.sweeps("t", "t", frames=lambda state: range(1, data.lstm_run(*state.run_args).trace.seq_len + 1),
             value=lambda state: state.t, apply=lambda state, t: replace(state, t=t), lead=_step_head,
             stack_up_to=play.STACK_UP_TO // 2)  # (two diagrams a step)
def step_through_time(state: PageState) -> None:
    """Step through time: the circuit and Space Odyssey diagrams of one unit at step t, every unit's
    values at t, and the six equations with that unit's numbers (the header: :func:`_step_head`)."""
    play.bar()
    part = controls.choice("Circuit", "circuit", list(diagrams.CIRCUIT_PARTS), "cell", labels=diagrams.CIRCUIT_PARTS,
                           help="One half of the block at a time fits a projector's screen; or the whole block.")
    play.each_frame(functools.partial(_step_at, state, part), state.t)


def _step_at(state: PageState, part: str, t: int) -> None:
    """The circuit and Space Odyssey diagrams of the followed unit at step ``t``, every unit's values, and
    the six equations with the unit's numbers."""
    run = data.lstm_run(*state.run_args)
    values = diagrams.step_values(run.trace, t, state.unit, state.peepholes)
    present.diagram(diagrams.circuit_dot(values, part), description=text.circuit_description(values, part),
                    width="content")
    st.caption(text.circuit_caption(state.peepholes, part))
    # Diagrams are drawn at their own size ("content"), where their labels read at 19 px: the Space
    # Odyssey block needs most of the page's width for that, so the table goes under it, not beside it.
    present.diagram(diagrams.odyssey_dot(values), description=text.odyssey_description(values), width="content")
    st.caption(text.odyssey_caption(state.peepholes))
    _step_table(run.trace, t, state.present)
    st.markdown(text.equations_lead(t, state.unit))
    present.formula(text.step_latex(run.params, run.trace, t, state.unit))


def hadamard_product(state: PageState) -> None:
    """The Hadamard product ⊙: the cell update of every unit at step t, f ⊙ c_{t−1} and i ⊙ z as
    columns multiplied row by row, and their sum c_t."""
    present.section("2 · The Hadamard product ⊙", text.HADAMARD_IDEA)
    trace = data.lstm_run(*state.run_args).trace
    update = diagrams.cell_update(trace, state.t, state.unit)
    present.formula(text.HADAMARD_LATEX)
    present.diagram(diagrams.hadamard_dot(update), description=text.hadamard_description(update),
                    width="content")
    st.caption(text.hadamard_caption(update))


def black_box(state: PageState) -> None:
    """The block as a black box: x_t, y_{t−1}, c_{t−1} in, y_t and c_t out, with the shapes of this
    block and, when short, the vectors at step t."""
    present.section("3 · The block as a black box", text.BLACK_BOX_IDEA)
    run = data.lstm_run(*state.run_args)
    present.diagram(diagrams.black_box_dot(run.trace, state.t, run.params),
                    description=text.black_box_description(run.trace, state.t, run.params), width="content")
    st.caption(text.black_box_caption(run.trace.c.shape[1]))


def whole_sequence(state: PageState) -> None:
    """The whole sequence: the input, the four gates as heatmaps, the cell and the output over time,
    with step t marked and the followed unit in colour."""
    trace, frames = data.lstm_run(*state.run_args).trace, data.lstm_frames(*state.run_args)
    t = state.t
    present.section("4 · The whole sequence", text.sequence_idea(trace.seq_len, t))
    present.show_chart(charts.input_chart(frames.inputs, t), frames.inputs, name="lstm_input",
                       caption=text.INPUT_CAPTION, description=text.input_description(trace.x))
    for row in (("z", "i"), ("f", "o")):
        for gate, col in zip(row, st.columns(2), strict=True):
            with col:
                part = frames.gates[frames.gates["gate"] == gate]
                present.show_chart(charts.gate_heatmap(frames.gates, gate, t, frames.bin_steps), part,
                                   name=f"lstm_gate_{gate}", caption=text.GATE_CAPTIONS[gate],
                                   description=text.gate_description(gate, getattr(trace, gate),
                                                                     frames.bin_steps))
    if frames.bin_steps > 1:
        present.budget_note(text.binning_note(frames.bin_steps, trace.seq_len, state.n_hidden))
    pinned = _pinned_states(state)
    note = text.bias_pin_note(state.bias_pin) if pinned is not None else ""
    cell, output = st.columns(2)
    with cell:
        present.show_chart(charts.state_chart(frames.states, "cell c", t, highlight=state.unit, pinned=pinned),
                           frames.states, name="lstm_states",
                           caption=text.cell_caption(float(abs(trace.c).max())) + note,
                           description=text.state_description("cell c", trace.c, state.unit))
    with output:
        present.show_chart(charts.state_chart(frames.states, "output y", t, highlight=state.unit, pinned=pinned),
                           None, name="lstm_output", caption=text.OUTPUT_CAPTION + note,
                           description=text.state_description("output y", trace.y, state.unit))


def _pinned_states(state: PageState):
    """The cell and output of the run with the pinned forget-gate bias (all else the same: weights, inputs),
    with the bias in a column, or None when no other bias is pinned."""
    if state.bias_pin is None or state.bias_pin == state.forget_bias:
        return None
    states = data.lstm_frames(*replace(state, forget_bias=state.bias_pin).run_args).states
    return states.assign(bias=state.bias_pin)


SECTIONS = (step_through_time, hadamard_product, black_box, whole_sequence)
