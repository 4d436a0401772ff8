"""The sections of the simple-RNN page: each draws itself from the page's state.

A section is a function of :class:`PageState` (the sequence length T, the hidden size H, the
recurrent scale ρ, the seed, presenter mode) that draws its header, its own controls, its charts and
its formulas; none relies on another having run (the talk deck renders one alone). ``SECTIONS``
lists them in the page's order.

What the sections share comes from the state, not from each other: the seeded RNN run is
:attr:`PageState.run` (cached in data.py, so every section gets the same run for the cost of one), and
the time step t is drawn where it belongs, in section 3, and read by sections 4 and 6 with
:func:`time_step` (the slider's value when section 3 has run, else the deck's or the link's ``t``, else
its default T).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import streamlit as st

from ui import controls, in_view, play, present
from ui.frame import Frame
from ui.simple_rnn import charts, diagrams, text
from ui.simple_rnn import data as cached

STEP_KEY = "t"  # the time step t: a slider in section 3, read by sections 4 and 6
NEURON_KEY = "j"  # the hidden neuron of section 1's dense net that the errors flow back to
UNIT_KEY = "unit"  # the hidden unit of section 3's split neuron


@dataclass(frozen=True)
class PageState:
    """What every section of the page is drawn from."""

    seq_len: int
    n_hidden: int
    rho: float
    seed: int
    present: bool

    @property
    def run(self) -> cached.RNNRun:
        """The seeded RNN on the character task (one cached run per setting, shared by every section)."""
        return cached.rnn_run(self.seq_len, self.n_hidden, self.rho, self.seed)


def page_controls(fr: Frame) -> PageState:
    """The sequence length, hidden size and recurrent scale above the sections."""
    left, mid, right = st.columns(3)
    seq_len = controls.int_slider("Sequence length T (seq_len)", "seq_len", 1, 200, 20, where=left,
                                  help="Number of time steps the network is unfolded over.",
                                  callbacks=in_view.callbacks("seq_len", 20))
    n_hidden = controls.int_slider("Hidden size H", "hidden", 2, 32, 8, where=mid,
                                   help="Number of hidden units (rows of W).")
    rho = controls.float_slider("Recurrent scale ρ of W", "rho", 0.1, 3.0, 0.9, step=0.05, where=right,
                                help="W is ρ times a random orthogonal matrix: every singular value, and "
                                     "the spectral radius, equals ρ.")
    return PageState(seq_len=seq_len, n_hidden=n_hidden, rho=rho, seed=fr.seed, present=fr.present)


def hero(state: PageState) -> None:
    """The network unfolded over the page's T, beside the introduction, and its loss over the whole sequence
    against guessing."""
    run = state.run
    present.diagram(diagrams.unfolded_rnn_dot(state.seq_len), width="content" if state.present else "stretch",
                    description=text.hero_description(run.task.chars, state.seq_len))
    st.caption(text.hero_caption(run.task.chars, state.seq_len))
    loss, guessing = text.hero_loss(run.trace.yhat, run.task.targets)
    present.formula(loss)
    st.caption(guessing)


def time_step(state: PageState) -> int:
    """The time step t (1..T) chosen with section 3's slider, without drawing it: the slider's value
    when it has been drawn (or a deck has set it), else the link's ``?t=``, else its default T."""
    return controls.index_value(STEP_KEY, state.seq_len, default=state.seq_len)


def dense(state: PageState) -> None:
    """1 · A brief review of back-propagation in a dense layer: a seeded 3 → 3 → 2 net, the errors of all
    the output neurons flowing back to one hidden neuron j (picked here), δ_j with its numbers, what δ_j is
    for (the gradients, and δ_j by finite differences), and the net's parameter count."""
    present.section(*text.DENSE)
    net = cached.dense_net(state.seed)
    M, H, K = net.shape
    j = controls.index_slider("Hidden neuron j the errors flow back to", NEURON_KEY, H, 1,
                              where=st.columns([1, 2])[0],
                              help="Which neuron of the hidden layer gathers the output errors.")
    present.formula(text.DENSE_FORWARD)
    present.diagram(diagrams.dense_backprop_dot(net, j), width="content", description=text.dense_description(net, j))
    st.caption(text.DENSE_CAPTION)
    present.formula(text.dense_outputs(net))
    present.formula(text.dense_delta(net, j))
    for formula in text.dense_gradients(net, j):
        present.formula(formula)
    st.markdown(text.DENSE_COUNT_NOTE)
    present.formula(text.dense_count(M, H, K))


def neurons(state: PageState) -> None:
    """2 · The simple RNN drawn as neurons: the folded net with its recurrent arrows, its parameters
    counted layer by layer from the page's sizes (the same for every T), and unfolding as copies of one
    dense network (T from the page, capped in the drawing)."""
    run = state.run
    present.section(*text.NEURONS)
    vocab = len(run.task.vocab)
    present.diagram(diagrams.folded_neurons_dot(vocab, state.n_hidden, vocab), width="content",
                    description=text.neurons_description(vocab, state.n_hidden, vocab))
    st.caption(text.NEURONS_CAPTION)
    table, formula, shared = text.rnn_count(vocab, state.n_hidden, vocab, state.seq_len)
    st.markdown(table)
    present.formula(formula)
    st.markdown(shared)
    shown = diagrams.copies_shown(state.seq_len)
    present.diagram(diagrams.unfolded_dcl_dot(state.seq_len), width="content",
                    description=text.unfolded_dcl_description(state.seq_len, shown))
    st.caption(text.unfolded_dcl_caption(state.seq_len, shown))


def _forward_lead(state: PageState) -> None:
    """The top of section 3, which no time step changes: the folded cell, its equations, sizes and
    parameters (drawn once, not at each frame of ▶)."""
    run = state.run
    present.section(*text.FORWARD)
    folded, explain = st.columns([1, 3])
    with folded:
        present.diagram(diagrams.folded_rnn_dot(), width="content",
                        description=text.folded_description(len(run.task.vocab), state.n_hidden))
    with explain:
        present.formula(text.RECURRENCE)
        present.formula(text.OUTPUT_AND_LOSS)
        st.markdown(text.shapes(run.task.chars, len(run.task.vocab), state.n_hidden))
        present.correction(text.ELMAN_NOTE)
    st.markdown(text.PARAMETERS_TABLE)


@play.sweeps(STEP_KEY, "t", frames=lambda state: range(1, state.seq_len + 1), value=lambda state: time_step(state),
             lead=_forward_lead, stack_up_to=play.STACK_UP_TO)
def forward(state: PageState) -> Iterator[None]:
    """3 · Forward propagation, unfolded: the folded cell, its equations and sizes (:func:`_forward_lead`), the
    time-step slider t, the unfolded network with step t highlighted, a_t … L_t with their numbers, one hidden
    unit at step t split into its pre- and post-activation halves, the hidden states."""
    run = state.run
    play.bar()
    step = controls.index_slider("Time step t", STEP_KEY, state.seq_len, state.seq_len,
                                 help="Scrub through time: ← → after clicking the slider.")
    play.each_frame(functools.partial(_unfolded_at, state), step)
    yield  # ▶ moves the unfolded network and its numbers; the rest stays as drawn until it stops
    _split_neuron(run, step, state.n_hidden)
    hidden = cached.hidden_frame(run)
    present.show_chart(charts.hidden_heatmap(hidden, step), hidden, name="hidden_states",
                       caption=text.HIDDEN_CAPTION, description=text.hidden_description(run.trace.h, step),
                       label=text.HIDDEN_LABEL)


def _unfolded_at(state: PageState, step: int) -> None:
    """The unfolded network with step t highlighted, and a_t … L_t with their numbers."""
    run = state.run
    present.diagram(diagrams.unfolded_rnn_dot(state.seq_len, step=step), width="content",
                    description=text.unfolded_description(run.task.chars, state.seq_len, step))
    st.caption(text.unfolded_caption(run.task.chars, step, diagrams.step_window(state.seq_len, step)))
    for formula in text.forward_at(run.trace, run.task, run.grads, step):
        present.formula(formula)
    st.markdown(text.hat_note(run.task.chars, step, float(run.trace.yhat[step - 1, run.task.targets[step - 1]])))


def _split_neuron(run: cached.RNNRun, step: int, n_hidden: int) -> None:
    """One hidden unit at step t as two halves, pre- and post-activation, with its numbers."""
    unit = controls.unit_picker(UNIT_KEY, n_hidden, where=st.columns([1, 2])[0])
    neuron = cached.neuron_at(run, step, unit)
    present.diagram(diagrams.split_neuron_dot(neuron), width="content", description=text.neuron_description(neuron))
    st.caption(text.NEURON_CAPTION)
    present.formula(text.neuron_formula(neuron))


def bptt(state: PageState) -> None:
    """4 · Back-propagation through time: its truncation window k, the losses and the errors flowing
    back, the backward diagram for L_t (t from section 3's slider, read with :func:`time_step`), each
    step's contribution to ∂L/∂W and their sum, which pairs truncation drops and what that costs."""
    run = state.run
    present.section(*text.BPTT)
    k = controls.index_slider("Truncation window k", "k", state.seq_len, max(1, state.seq_len // 4),
                              help="Each L_t back-propagates through steps t−k+1..t only; k = T is full BPTT.")
    step = time_step(state)
    cut = cached.truncated(state.seq_len, state.n_hidden, state.rho, state.seed, k)
    full = run.grads
    if not np.all(np.isfinite(full.W)):
        present.overflow_note(text.GRADIENT_OVERFLOW)
    left, right = st.columns(2)
    with left:
        losses = cached.loss_frame(run)
        present.show_chart(charts.loss_chart(losses, step), losses, name="loss_per_step", caption=text.LOSS_CAPTION,
                           description=text.loss_description(full.loss_steps, step), label=text.LOSS_LABEL)
    with right:
        norms = cached.error_norm_frame(full, cut)
        present.show_chart(charts.error_norm_chart(norms, state.seq_len), norms, name="error_norms",
                           caption=text.ERROR_NORM_CAPTION, description=text.error_norm_description(full.dh, cut.dh, k),
                           label=text.ERROR_NORM_LABEL)
    present.diagram(diagrams.unfolded_rnn_dot(state.seq_len, backward=(step, k)), width="content",
                    description=text.backward_description(state.seq_len, step, k))
    st.caption(text.backward_caption(step, k, diagrams.step_window(state.seq_len, backward=(step, k)), state.seq_len))
    contrib = cached.contributions_frame(cut, full, cached.contribution_steps(state.seq_len, step))
    present.show_chart(charts.contributions_chart(contrib), contrib, name="dW_contributions",
                       caption=text.contributions_caption(charts.shade_bound(contrib["value"])),
                       description=text.contributions_description(list(dict.fromkeys(contrib["panel"])),
                                                                  state.n_hidden, cut.W, full.W, k),
                       label=text.CONTRIBUTIONS_LABEL)
    _truncation_views(run, k)
    present.formula(text.gradient(k, np.linalg.norm(cut.W), np.linalg.norm(full.W),
                                  np.linalg.norm(cut.W - full.W)))
    _copies(run)


def _copies(run: cached.RNNRun) -> None:
    """The W^(t) notation: each step's part of ∂L/∂W at one entry, and their sum, the one W's gradient."""
    st.markdown(text.COPIES_NOTE)
    present.formula(text.COPIES)
    if not np.all(np.isfinite(run.grads.W)):
        return  # the overflow note above says why
    frame, entry = cached.entry_contributions(run.grads)
    total = float(run.grads.W[entry[0] - 1, entry[1] - 1])
    present.show_chart(charts.entry_chart(frame, entry), frame, name="dW_copies",
                       caption=text.entry_caption(entry, total), description=text.entry_description(frame, entry),
                       label=text.ENTRY_LABEL)
    present.formula(text.copies_numbers(frame, entry, total))


def chunks(state: PageState) -> None:
    """5 · Truncated BPTT as the article does it: chunks of k steps with an update after each and the
    hidden state carried on, against section 4's window (one update per pass) and full BPTT, on a
    long text: the loss against updates and against work."""
    present.section(*text.CHUNKS)
    left, right = st.columns(2)
    k = controls.int_slider("Chunk length k (steps per update)", "chunk", 1, cached.TRAIN_LEN // 2, 20, where=left,
                            help="The article's chunks and section 4's window both use this k here.")
    n_passes = controls.int_slider("Passes over the text", "passes", 1, 40, 10, where=right,
                                   help="Each pass reads the whole long text once.")
    run = cached.training(state.n_hidden, state.rho, state.seed, k, n_passes)
    st.caption(text.training_setup(cached.TRAIN_LEN, run.vocab_size, state.n_hidden, cached.LEARNING_RATE, k))
    if run.capped:
        present.budget_note(text.capped_note(run.capped, run.passes, run.asked))
    if run.diverged:
        present.overflow_note(text.diverged_note(run.diverged))
    kinds = cached.training_kinds(k)
    left, right = st.columns(2)
    for where, x in ((left, "update"), (right, "work")):
        with where:
            present.show_chart(charts.training_chart(run.curves, x, kinds), run.curves, name=f"training_by_{x}",
                               caption=text.TRAINING_CAPTION if x == "update" else text.training_verdict(run.curves,
                                                                                                       kinds),
                               description=text.training_description(run.curves, kinds, x))


def _truncation_views(run: cached.RNNRun, k: int) -> None:
    """Which (loss, step) pairs a window k keeps, and the truncated gradient's error for every k."""
    if run.trace.seq_len == 1:
        st.info(text.NOTHING_TO_TRUNCATE)
        return
    paths = cached.paths_frame(run, k)
    errors = cached.truncation_error_frame(run)
    left, right = st.columns(2)
    with left:
        present.show_chart(charts.paths_heatmap(paths), paths, name="gradient_paths", caption=text.paths_caption(k),
                           description=text.paths_description(paths, k), label=text.PATHS_LABEL)
    with right:
        present.show_chart(charts.truncation_error_chart(errors, k, run.trace.seq_len), errors,
                           name="truncation_error",
                           caption=text.TRUNCATION_ERROR_CAPTION + text.zero_note(errors, run.trace.seq_len),
                           description=text.truncation_error_description(errors, k),
                           label=text.TRUNCATION_ERROR_LABEL)


def vanishing(state: PageState) -> None:
    """6 · Vanishing and exploding gradients: ‖∂h_T/∂h_t‖₂ against its bound (‖W‖₂ γ)^(T−t), as ρ moves, and
    one step back at section 3's t: the Jacobian, and its transpose acting on the error."""
    run = state.run
    present.section(*text.VANISHING)
    jac = run.jacobians
    if not np.all(np.isfinite(jac.norm)):
        present.overflow_note(text.jacobian_overflow(int(np.argmax(~np.isfinite(jac.norm)))))
    frame = cached.jacobian_frame(run)
    present.show_chart(charts.jacobian_chart(frame, state.seq_len), frame, name="jacobian_norms",
                       caption=text.JACOBIAN_CAPTION,
                       description=text.jacobian_description(jac, state.seq_len, state.rho),
                       label=text.JACOBIAN_LABEL)
    present.formula(text.jacobian(jac, state.seq_len))
    step = cached.error_step(run, time_step(state))
    for formula in text.error_step(step):
        present.formula(formula)
    st.caption(text.error_step_caption(step))


SECTIONS = (dense, neurons, forward, bptt, chunks, vanishing)
# the sections that read the page's controls (T, H, ρ): a talk scene of another section hides them
CONTROLS_READ_BY = ("hero", "neurons", "forward", "bptt", "chunks", "vanishing")
# T, the page's main control: a move redraws the sections in view that read it, the others as they scroll in
IN_VIEW = in_view.InView("seq_len", lambda state, seq_len: replace(state, seq_len=seq_len), reads=CONTROLS_READ_BY)
