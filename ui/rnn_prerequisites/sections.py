"""The sections of the RNN-prerequisites page: each draws itself from the page's state.

A section is a function of :class:`PageState` (the sequence length L, the stride s between windows,
the seed, presenter mode) that draws its header, its own controls, its charts and its formulas; none
relies on another having run (the talk deck renders one alone). ``SECTIONS`` lists them in the
page's order.

The window (sample) shown is shared by sections 1 and 2: it is drawn where it belongs, as section 1's
slider, and section 2 reads it with :func:`window` (the slider's value when section 1 has run, else
the deck's or the link's ``win``, else the first window), so the order test always uses the window
shaded on the record above it, and works alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from ui import controls, in_view, present, presses
from ui.frame import Frame
from ui.rnn_prerequisites import charts, text
from ui.rnn_prerequisites import data as cached
from ui.rnn_prerequisites.diagrams import (
    RUNS_ACROSS,
    TASKS,
    SemanticView,
    drawn_columns,
    elided,
    for_projector,
    semantic_dot,
    task,
    task_dot,
    task_steps,
)

WINDOW_KEY = "win"  # the sample shown: a slider in section 1, read by section 2


@dataclass(frozen=True)
class PageState:
    """What every section of the page is drawn from."""

    seq_len: int
    stride: int
    seed: int
    present: bool

    @property
    def n_windows(self) -> int:
        """How many windows of ``seq_len`` steps, one every ``stride`` steps, the record holds."""
        return cached.window_count(self.seq_len, self.stride)


def page_controls(fr: Frame) -> PageState:
    """The sequence length and the stride between windows above the sections."""
    left, right = st.columns(2)
    seq_len = controls.int_slider("Sequence length (time steps, seq_len)", "seq_len", 1, 864, 576, where=left,
                                  help="Steps per window, ten minutes each (576 = 96 hours).",
                                  callbacks=in_view.callbacks("seq_len", 576))
    stride = controls.int_slider("Stride between windows (steps)", "stride", 1, 144, 6, where=right,
                                 help="A new window starts every this many steps (6 = every hour).")
    return PageState(seq_len=seq_len, stride=stride, seed=fr.seed, present=fr.present)


def window(state: PageState) -> int:
    """The window number (1..S) chosen with section 1's slider, without drawing it: the slider's value
    when it has been drawn (or a deck has set it), else the link's ``?win=``, else 1."""
    return controls.index_value(WINDOW_KEY, state.n_windows)


def mappings(state: PageState) -> None:
    """1 · A network is a mapping of tensors: vector, matrix and tensor as a spreadsheet's column, sheet
    and stack of sheets (shapes from three sliders); a toy picture as its (3, H, W) tensor; the dog-or-cat
    CNN as a mapping whose input size follows the photo-side slider, and its diagram: the photo through
    the convolutional part to the semantic vector, which a dense classifier labels and an image-captioning
    RNN (one to many) starts from."""
    present.section(*text.MAPPINGS)
    spreadsheet(state)
    picture = cached.toy_picture()
    # on a projector the sheets need the whole width for numbers large enough to read
    left, right = (st.columns([1, 2])[0], st.container()) if state.present else st.columns([1, 3])
    with left:
        present.plain_chart(charts.picture_chart(cached.picture_pixels(picture)),
                            description=text.composite_description(picture))
    with right:
        long = cached.picture_long(picture)
        present.show_chart(charts.channels_chart(long, big=state.present), long, name="toy_picture_tensor", grow=False,
                           caption=f"The small picture is this {picture.shape} tensor: three sheets of numbers, "
                                   "one per colour channel (0 dark, 255 full).",
                           description=text.picture_description(picture, cached.CHANNELS))
    side = controls.int_slider("Photo side (pixels)", "side", 16, 512, 150,
                               help="The dog-or-cat classifier resizes every photo to 150 × 150.")
    present.formula(text.classifier(side))
    view = semantic_view(side)
    if state.present:  # the figure first, in view under the formula; its text below it
        figure, note = st.container(), st.container()
    else:
        note, figure = st.columns([3, 2])
    note.markdown(text.mapping_note(side))
    note.caption(text.semantic_caption(view, cached.semantic_length(150)))
    present.diagram(semantic_dot(view, fontsize=14 if state.present else 12), where=figure, width="content",
                    description=text.semantic_description(view))
    present.correction(text.MAPPING_CORRECTION)


def semantic_view(side: int) -> SemanticView:
    """The numbers the semantic-vector diagram writes for a network built for ``side`` × ``side`` photos,
    with the one-to-many task's caption."""
    return SemanticView(side=side, feature_side=cached.feature_side(side), channels=cached.CONV_FILTERS[-1],
                        length=cached.semantic_length(side), dense_units=cached.DENSE_UNITS,
                        words=task("one_to_many").outputs)


def spreadsheet(state: PageState) -> None:
    """The article's spreadsheet picture of section 1: a vector, a matrix and a 3-D tensor whose shapes
    follow three small sliders (rows, columns, sheets)."""
    cols = st.columns(3)
    rows = controls.int_slider("Rows", "rows", 1, 6, 3, where=cols[0], help="Cells in a column: the vector's length.")
    width = controls.int_slider("Columns", "cols", 1, 6, 4, where=cols[1], help="Columns of a sheet.")
    sheets = controls.int_slider("Sheets", "sheets", 1, 4, 2, where=cols[2], help="Sheets in the stack.")
    cells = cached.spreadsheet(sheets, rows, width, state.seed)
    shapes = {part: cached.part_shape(part, sheets, rows, width) for part in cached.SHEET_PARTS}
    chart = charts.spreadsheet_chart(cells, {p: cached.shape_text(s) for p, s in shapes.items()}, big=state.present)
    present.fixed_chart(chart, description=text.spreadsheet_description(shapes))
    st.caption(text.spreadsheet_caption(shapes))


def sequences_as_tensors(state: PageState) -> None:
    """2 · Sequence data as a tensor: the window slider, the record with that window shaded, the
    samples × time steps × features shape with its count formula, the window's first rows."""
    present.section(*text.SEQUENCES)
    count = state.n_windows
    sample = controls.index_slider("Sample shown (window number)", WINDOW_KEY, count,
                                   help="Slide the window along the record: sample k starts at step (k − 1)·s.")
    start, record = _weather_record(state, sample)
    n = len(record)
    present.formula(text.tensor_shape(count, state.seq_len))
    present.formula(text.sample_count(n, state.seq_len, state.stride, count))
    st.markdown(text.tensor_note(n, state.seq_len, state.stride))
    # The first rows under the text, at their natural width (beside it, a third of a 1024 px screen showed
    # three of the five columns), as an HTML table: read as drawn, where the canvas grid updated its hidden
    # accessible copy after each move of T.
    first = record.iloc[start:start + min(6, state.seq_len)]
    st.table(first.style.set_uuid("first_rows").format(precision=2, thousands=","), hide_index=True, width="content",
             alt=text.first_rows_alt(sample, len(first)))
    st.caption(text.first_rows_caption(sample))
    present.correction(text.CORRECTION)


def _weather_record(state: PageState, sample: int, name: str = "weather_record", lead: str = "",
                    shown: tuple[str, ...] = cached.FEATURES) -> tuple[int, pd.DataFrame]:
    """The record, one panel per feature ``shown`` (the first ones keep their colours), with window ``sample``
    (of ``seq_len`` steps) shaded, and its caption (each panel's text alternative headed by ``lead``); returns
    where the window starts and the record."""
    start = cached.window_start(sample, state.stride)
    record = cached.weather(state.seed)
    hours = cached.window_hours(start, state.seq_len)
    *upper, lowest = charts.weather_panels(cached.weather_long(record[["hour", *shown]]), hours, units=cached.UNITS)
    *features, last = [lead + text.weather_description(feature, record[feature], cached.UNITS[feature], sample,
                                                       hours) for feature in shown]
    # steady names: moving the window moves the band as data, each panel's numbers are said under the last
    said = [present.plain_chart(panel, description=description, label=lead + text.weather_label(feature))
            for panel, description, feature in zip(upper, features, shown[:-1], strict=True)]
    present.show_chart(lowest, record, name=name, grow=False,
                       caption=text.record_caption(sample, state.n_windows, start, state.seq_len),
                       description=" ".join([*said, last]), label=lead + text.weather_label(shown[-1]))
    return start, record


HERO_FEATURES = cached.FEATURES[:2]  # two panels beside the introduction: every move of T redraws them


def hero(state: PageState) -> None:
    """Sequence data beside the introduction: two of the weather record's features with its first window of
    ``seq_len`` steps shaded (section 2 draws all four and slides the window along), and the tensor the windows
    make (samples × time steps × features)."""
    _weather_record(state, 1, name="weather_record_opening", lead=present.OPENING, shown=HERO_FEATURES)
    st.markdown(text.tensor_sentence(state.n_windows, state.seq_len))  # (words wrap in a half-width column)


def order_matters(state: PageState) -> None:
    """3 · Why dense layers and CNNs don't fit: first one sentence in three languages as word vectors (its
    length T differs, its order carries meaning), then the article's argument (a dense layer on "cat, cat,
    dog" gives the same output when its inputs and its weights are reordered together, another when the
    inputs alone are), then the window of section 2 (read with :func:`window`) in order and shuffled:
    the pooling model does not notice, the RNN does."""
    present.section(*text.order_lead(state.seq_len))
    sentences(state)
    st.markdown(text.DENSE_LEAD)
    option = controls.choice("Order of the three words", "order", text.DENSE_ORDERS, "312", kind="select",
                             labels={o: text.order_label(o) for o in text.DENSE_ORDERS},
                             help="Which word goes first, second and third (the numbers: their places as written).")
    res = cached.dense_demo(text.DENSE_WORDS, tuple(text.order_permutation(option)), state.seed)
    # two metrics a row: three a row cut the vectors short on a 1024 px laptop
    cols = [c for _ in range(2) for c in st.columns(2)][:3]
    cols[0].metric("y, cat, cat, dog", text.vector(res.original))
    cols[1].metric("y, reordered with its weights", text.vector(res.both_permuted),
                   delta=text.change_vector(res.original, res.both_permuted), delta_color="off", delta_arrow="off")
    cols[2].metric("y, reordered, weights fixed", text.vector(res.inputs_permuted),
                   delta=text.change_vector(res.original, res.inputs_permuted), delta_color="off",
                   delta_arrow="off")
    present.formula(text.DENSE_FORMULA)
    st.caption(text.dense_note(res, option))
    present.correction(text.DENSE_CORRECTION)
    st.markdown(text.POOLING_LEAD)
    sample = window(state)
    demo = cached.order_demo(cached.window_start(sample, state.stride), state.seq_len, state.seed)
    present.show_chart(charts.order_chart(demo.frame), demo.frame, name="order_test",
                       caption=text.order_chart_caption(demo.in_order),
                       description=text.order_description(demo.frame["value"], demo.n_steps, sample),
                       label=text.ORDER_LABEL)
    # four metrics a row on a laptop; two a row on a projector, where four cut their labels short
    cols = [c for _ in range(2) for c in st.columns(2)] if state.present else st.columns(4)
    cols[0].metric("RNN o_T, in order", f"{demo.rnn_original:.4f}")
    rnn_change = text.change(demo.rnn_original, demo.rnn_shuffled)
    neutral = {"delta_color": "off", "delta_arrow": "off"} if rnn_change == "unchanged" else {}
    cols[1].metric("RNN o_T, shuffled", f"{demo.rnn_shuffled:.4f}", delta=rnn_change, **neutral)
    cols[2].metric("Order-blind, in order", f"{demo.blind_original:.4f}")
    cols[3].metric("Order-blind, shuffled", f"{demo.blind_shuffled:.4f}",
                   delta=text.change(demo.blind_original, demo.blind_shuffled), delta_color="off", delta_arrow="off")
    present.formula(text.ORDER_BLIND)  # one under the other: side by side, each ran past its half column
    present.formula(text.RNN_OUTPUT)
    st.caption(text.order_note(demo))


def sentences(state: PageState) -> None:
    """Section 3's first example: one sentence in English, German and Japanese as sequences of toy word
    vectors, one chart a language at one cell width (so their lengths T compare), the animal named first
    chosen with ``?first=``."""
    st.markdown(text.SENTENCES_LEAD)
    first = controls.choice("Named first", "first", tuple(cached.SENTENCES), "cat", kind="segmented",
                            labels=text.FIRST_LABELS,
                            help="Swap the cat and the dog, with their articles or particles.")
    vectors = cached.word_vectors(first, state.seed)
    cell = charts.sentence_cell(vectors["token"], big=state.present)
    for language in cached.SENTENCE_LANGUAGES:
        words = vectors[vectors["language"] == language]
        # on a laptop the chart and its words side by side, its header above; on a projector one under the
        # other, full size, in a card with its header under it (a talk scene draws figures first in every
        # block, which would leave a header above the next language's chart)
        figure, words_of = (st.container(border=True), st.container()) if state.present else st.columns(
            [3, 2], vertical_alignment="center")
        header = text.sentence_header(language, words, cached.EMBED_DIM)
        if not state.present:
            figure.markdown(header)
        present.fixed_chart(charts.sentence_chart(words, cell=cell, big=state.present), where=figure,
                            description=text.sentence_description(language, words, cached.EMBED_DIM))
        if state.present:
            figure.markdown(header)
        words_of.caption(text.sentence_meaning(language, first))
    st.markdown(text.sentences_note(vectors, first))


def task_types(state: PageState) -> None:
    """4 · Types of RNN tasks, unfolded: all six task types, each drawn over its own example's words
    (not the weather window's length: "this film … x₅₇₆" would be no sentence); on a projector turned to run
    down the page and drawn at their own size (diagrams.for_projector)."""
    present.section(*text.tasks_lead(state.present))
    columns = st.columns(2)
    for n, spec in enumerate(TASKS):
        # wider graphs get the whole row; on a projector those that run down the page fit two a row
        wide = spec.key in (RUNS_ACROSS if state.present else ("seq2seq", "bidirectional"))
        steps = task_steps(spec.key)
        with (st if wide else columns[n % 2]).container(border=True):
            st.markdown(f"**{spec.title}**")
            dot = task_dot(spec.key, steps)
            # stretching a 1-column graph blows it up; a projector's is drawn at its own size, never shrunk
            stretch = drawn_columns(spec.key, steps) >= 4 and not state.present
            description = text.task_description(spec, steps, elided(spec.key, steps))
            present.diagram(for_projector(spec.key, dot) if state.present else dot, description=description,
                            width="stretch" if stretch else "content")
            st.caption(spec.example)


def _set_frames(value: str) -> None:
    st.session_state[CTC_KEY] = value


CTC_KEY = "frames"


def ctc(state: PageState) -> None:
    """5 · Voice recognition with a CTC collapsing function: a frame-level string (typed, picked or from
    the link's ``?frames=``) merged run by run and stripped of its blanks."""
    present.section(*text.CTC)
    st.caption("Examples:")
    with st.container(horizontal=True, wrap=True, key="ctc_examples"):  # each button as wide as its text
        for example in text.CTC_EXAMPLES:
            st.button(example, key=f"ctc_{example}", on_click=presses.once(_set_frames), args=(example,),
                      width="content")
    frames = controls.text("Frame-level output (one symbol a frame; - is the blank)", CTC_KEY, text.CTC_DEFAULT,
                           max_chars=text.CTC_MAX, help="Letters, spaces, ' and the blank -.")
    problem = text.ctc_problem(frames)
    if problem:
        st.warning(f"“{frames[:40]}” {problem}; collapsing “{text.CTC_DEFAULT}” instead.",
                   icon=":material/warning:")
        frames = text.CTC_DEFAULT
    res = cached.ctc(frames)
    cells = cached.ctc_cells(res)
    present.show_chart(charts.ctc_chart(cells, cached.CTC_ROWS, big=state.present), cells, name="ctc_collapse",
                       caption=text.ctc_caption(res), description=text.ctc_description(res))
    present.formula(text.ctc_formula(res))
    st.markdown(text.ctc_note(res))


SECTIONS = (mappings, sequences_as_tensors, order_matters, task_types, ctc)
# the sections that read the page's controls (seq_len, stride): a talk scene of another section hides them
CONTROLS_READ_BY = ("hero", "sequences_as_tensors", "order_matters")
# seq_len, the page's main control: a move redraws the sections in view that read it, the others as they scroll in
IN_VIEW = in_view.InView("seq_len", lambda state, seq_len: replace(state, seq_len=seq_len), reads=CONTROLS_READ_BY)
