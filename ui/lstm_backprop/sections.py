"""The sections of the back-propagation page: each draws itself from the page's state.

A section is a function of :class:`PageState` (the seed, presenter mode) that draws its header, its
own controls, its charts, its formulas and its notes; none relies on another having run (the talk
deck renders one alone). ``SECTIONS`` lists them in the page's order.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import streamlit as st

from engine import cliff, training
from ui import controls, in_browser, play, present
from ui.frame import Frame
from ui.kit.numbers import text_sci
from ui.lstm_backprop import charts, diagrams, text
from ui.lstm_backprop import data as cached

CHAIN_STEPS, CHAIN_UNITS = 8, 4  # the seeded LSTM of section 1: 8 steps, 4 units


PageState = Frame  # the page has no controls above its sections: each section draws its own


# ----------------------------------------------------------------------------------------- small graph
def chain_rule_paths(state: PageState) -> None:
    """1 · The chain rule on a small graph: one path, two paths, n paths, with the sum of the path
    products checked against finite differences."""
    present.section("1 · The chain rule: one path, two paths, n paths", text.PATHS_IDEA)
    left, mid, right = st.columns(3)
    n = controls.int_slider("Paths n", "paths", 1, cached.MAX_PATHS, 2, where=left,
                            help="How many middle variables y_j connect x₁ to z.")
    x1 = controls.float_slider("x₁", "x1", -3.0, 3.0, 0.5, step=0.1, where=mid)
    x2 = controls.float_slider("x₂", "x2", -3.0, 3.0, -0.3, step=0.1, where=right)
    ps = cached.path_sum(x1, x2, n)
    present.diagram(diagrams.path_graph_dot(ps, cached.PATH_WEIGHTS),
                    description=text.path_graph_description(ps, cached.PATH_WEIGHTS), width="content")
    st.caption(text.path_caption(ps))
    present.formula(text.PATHS_RULES)
    present.formula(text.path_sum_latex(ps))


# ------------------------------------------------------------------------------------------ chain rule
def chain_rule(state: PageState) -> None:
    """2 · Chain rules in an LSTM step: the error paths of one step, the deltas of one unit, the full
    cell-to-cell Jacobian against the forget gate, and a gradient check against finite differences."""
    present.section("2 · Chain rules in an LSTM step", "The variables of one step, and every path by which the "
                    "error of the loss reaches $c_{t-1}$, $y_{t-1}$ or the parameters. Back-propagation "
                    "multiplies along each path and adds where paths meet. Pick a unit and a step: the numbers "
                    "below are that unit's deltas in a small seeded LSTM (4 units, 8 steps, peepholes on).")
    t = controls.step_scrubber("step", CHAIN_STEPS, 5, help="The step whose deltas are shown "
                               "(← / → keys, or Back / Next).")
    left, right = st.columns(2)
    unit = controls.int_slider("Unit j", "j", 1, CHAIN_UNITS, 1, where=left)
    source = controls.choice("Paths to", "path", list(diagrams.SOURCES), "c_prev", labels=diagrams.SOURCES,
                             where=right)
    part = controls.choice("Part of the step", "part", list(diagrams.STEP_PARTS), "cell", labels=diagrams.STEP_PARTS,
                           help="Half of the step at a time fits a projector's screen; or the whole step.")
    numbers = cached.delta_terms(state.seed, t, unit)
    present.diagram(diagrams.step_graph_dot(source, numbers, unit=unit, t=t, part=part),
                    description=text.step_graph_description(source, numbers, t, unit, len(diagrams.error_paths(source)),
                                                            len(diagrams.EDGES), part),
                    width="content")
    st.caption(text.step_graph_caption(t, unit, part))
    for line in text.delta_equations(numbers, t, last=t == CHAIN_STEPS):
        present.formula(line)
    present.formula(text.PARAMETER_GRADIENTS)
    st.markdown(text.CELL_JACOBIAN_LEAD)
    present.formula(text.CELL_JACOBIAN)
    entry = cached.cell_jacobian_terms(state.seed, t, unit)
    fd = cached.cell_jacobian_fd(state.seed, t, unit)
    present.formula(text.cell_entry_latex(entry, t, unit, fd))
    st.caption(text.cell_entry_caption(entry, t, unit, fd))
    _gradient_check_badge(state.seed)


def _gradient_check_badge(seed: int) -> None:
    """Green when every analytic gradient matches finite differences to 10⁻⁶ (relative)."""
    table, worst = cached.gradient_check(seed)
    ok = worst < 1e-6
    st.badge(f"Gradient check {'passed' if ok else 'FAILED'}: max relative error {text_sci(worst)}",
             icon=":material/check_circle:" if ok else ":material/error:", color="green" if ok else "red",
             help="Every gradient of lstm_backward (W, R, b, p, x, y0, c0) against central finite "
                  "differences (L(θ+h) − L(θ−h)) / 2h with h = 10⁻⁶; per array ‖g − g_fd‖ / ‖g‖.")
    with st.expander("Per parameter array"):
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={"relative error": st.column_config.NumberColumn(format="%.2e"),
                                    "‖analytic‖": st.column_config.NumberColumn(format="%.4g")})


# ------------------------------------------------------------------------------------------ through time
def through_time(state: PageState) -> None:
    """3 · Gradients through time: the error of a loss at the last step, step by step back, in a simple
    RNN and in an LSTM, against what the highway alone (the forget gates' product) would carry."""
    present.section("3 · Gradients through time", text.THROUGH_TIME_IDEA)
    left, mid, right = st.columns(3)
    seq_len = controls.int_slider("Sequence length T", "seq_len", 10, 500, FLOW_DEFAULTS["seq_len"], step=10,
                                  where=left)
    forget_bias = controls.float_slider("Forget-gate bias b_f", "fbias", -3.0, 6.0, FLOW_DEFAULTS["forget_bias"],
                                        step=0.5, where=mid)
    scale = controls.float_slider("Recurrent weight scale ρ", "rscale", 0.1, 3.0, FLOW_DEFAULTS["scale"], step=0.1,
                                  where=right,
                                  help="Simple RNN: W = ρQ with Q orthogonal (‖W‖₂ = ρ). LSTM: R ← ρR.")
    flow, summary = cached.flow_frame(seq_len, forget_bias, scale, state.seed)
    _flow_notes(summary)
    present.show_chart(charts.flow_chart(flow, seq_len), flow, name="gradient_flow",
                       caption=text.flow_caption(summary, seq_len, cached.TINY),
                       description=text.flow_description(flow, summary, seq_len, cached.FLOW_LABELS))
    present.formula(text.GRADIENT_PRODUCTS)
    st.markdown(text.HIGHWAY_WHEN)
    st.info(text.MITIGATE_NOTE, icon=":material/menu_book:")


FLOW_DEFAULTS = {"seq_len": 100, "forget_bias": 1.0, "scale": 1.0}  # section 3's sliders as they open


def hero(state: PageState) -> None:
    """Gradients through time beside the introduction: the error of the last step's loss, step by step back,
    in a simple RNN and in an LSTM, at section 3's opening settings (its sliders move them)."""
    seq_len, forget_bias, scale = FLOW_DEFAULTS.values()
    flow, summary = cached.flow_frame(seq_len, forget_bias, scale, state.seed)
    present.show_chart(charts.flow_chart(flow, seq_len, None if state.present else 2), None,
                       name="gradient_flow_opening",
                       caption=text.hero_caption(summary, seq_len, forget_bias, scale, cached.TINY),
                       description=present.OPENING + text.flow_description(flow, summary, seq_len,
                                                                           cached.FLOW_LABELS))


def _flow_notes(summary: dict) -> None:
    """Say which series overflowed (a warning each) or underflowed (one caption): neither shows on a
    log axis."""
    for name, label in cached.FLOW_LABELS.items():
        if summary[f"{name}_inf"]:
            present.overflow_note(text.overflow_text(label, summary[f"{name}_inf"]))
    gone = [label for name, label in cached.FLOW_LABELS.items() if summary[f"{name}_zero"]]
    if gone:
        st.caption(text.underflow_text(gone))


# ---------------------------------------------------------------------------------------------- cliff
CLIFF_KEY = "clip"  # the threshold τ of the cliff: answered in the browser (``ui.in_browser``)


def cliff_clipping(state: PageState) -> None:
    """4 · Clipping on the cliff: three descents on a loss surface with a wall (plain, norm-clipped,
    value-clipped), their losses and how many steps were clipped.

    τ is answered in the browser (``ui.in_browser``): the charts hold the descents at every τ of the slider, and
    the line under the cliff, the cards of clipped steps and the charts' spoken descriptions are drawn once a τ;
    a move of τ starts no run."""
    present.section("4 · Clipping on the cliff", "A one-unit recurrent net, $x_t = w\\,\\sigma(x_{t-1}) + b$ "
                    "over 20 steps, has a loss surface with a wall: on one side $x_T$ settles on one fixed point, "
                    "on the other on another. Gradient descent ($\\eta = 0.05$) walks towards the wall from the "
                    "same start three times: plain, with the norm clipped at $\\tau$, and with each component "
                    "clipped at $\\tau/\\sqrt2$.")
    left, right = st.columns([2, 1])
    lo, hi, step = cached.CLIFF_TAUS
    clip = in_browser.slider("Clipping threshold τ", CLIFF_KEY, lo, hi, 1.0, step=step, where=left)
    wide = controls.toggle("Show every point", "zoom", False, where=right,
                           help="Widen the picture until it holds every point the runs visited at any τ.")
    runs, summaries = cached.cliff_runs_by_tau()
    clip = min(summaries, key=lambda tau: abs(tau - clip))  # as the summaries name it: 0.3, not 0.30000000000000004
    at = in_browser.At(CLIFF_KEY, clip, lo, hi, step)
    window = cached.cliff_window(wide, runs)
    readings, cards = _cliff_frames()
    present.show_chart(charts.cliff_chart(cached.cliff_surface(window), runs, window, at), runs,
                       name="cliff_trajectories", key="cliff_chart", caption=text.CLIFF_CAPTION, description="",
                       label=text.CLIFF_LABEL)
    in_browser.frames(CLIFF_KEY, clip, readings, step)
    left, right = st.columns([2, 1] if state.present else [3, 1])  # metrics readable at 1024 px on a projector
    with left:
        present.show_chart(charts.cliff_loss_chart(runs, at), None, name="cliff_loss", caption=text.CLIFF_LOSS_CAPTION,
                           description="", label=text.CLIFF_LOSS_LABEL)
    with right:
        st.markdown("**Steps clipped**")
        in_browser.frames(CLIFF_KEY, clip, cards, step)
        _cliff_warnings(summaries[clip]["none"], wide)
    present.formula(text.CLIFF_MODEL)
    present.formula(text.NORM_CLIPPING)
    present.formula(text.VALUE_CLIPPING)
    in_browser.driver(CLIFF_KEY, clip, present.VIEW_LINK_LABEL, step)


@functools.cache
def _cliff_frames() -> tuple[dict[float, str], dict[float, str]]:
    """The cliff's texts at every τ as ``ui.in_browser`` frames: the line under the cliff (headed by the chart's
    spoken description), and the cards of clipped steps, one a descent (headed by the loss chart's)."""
    runs, summaries = cached.cliff_runs_by_tau()
    readings = {tau: in_browser.caption(text.cliff_reading(summary, tau, cliff.LR),
                                        spoken=text.cliff_description(summary, runs, tau))
                for tau, summary in summaries.items()}
    cards = {tau: in_browser.caption("", spoken=text.cliff_loss_description(summary)) + "".join(
                 in_browser.metric(run["label"], f"{run['n_clipped']}/{run['steps']}",  # short: the column is narrow
                                   f"final loss {run['final_loss']:.3g}", help=text.cliff_metric_help(run))
                 for run in summary.values())
             for tau, summary in summaries.items()}
    return readings, cards


def _cliff_warnings(wild: dict, wide: bool) -> None:
    """Where the unclipped run (``wild``, its summary: the same at every τ) was thrown, or that it blew up."""
    if wild["diverged_at"] is not None:
        present.overflow_note(f"Without clipping the gradient became inf/NaN at step {wild['diverged_at']}; "
                              "the run stops there.")
    elif wild["leaves_window"]:
        st.warning(text.thrown_text(wild, wide), icon=":material/flight_takeoff:")


# ------------------------------------------------------------------------------------------- training
SHOWN_KEY, SHOWN_STEP = "tshown", 4  # the share of the training drawn, in % (▶ grows the curves)
SHOWN_PARAM = play.param("training_clipping")  # the charts' parameter that ▶ steps in the browser


def _shown_now() -> int:
    """The share of the training the slider shows this run (the bar, drawn first, needs it): the session's,
    the link's, or all of it."""
    return int(controls.peek(SHOWN_KEY, 100, lambda raw: controls.parse_on_steps(raw, SHOWN_STEP, 100, SHOWN_STEP,
                                                                                    integer=True)))


@play.sweeps(SHOWN_KEY, "shown", frames=lambda state: range(SHOWN_STEP, 101, SHOWN_STEP),
             value=lambda state: _shown_now(), unit="% of the steps", in_browser=True)
def training_clipping(state: PageState) -> None:
    """5 · Clipping in training: an LSTM (and a simple RNN) on the adding problem, unclipped and with the
    global norm clipped at τ, from the same weights on the same batches."""
    present.section("5 · Clipping in training", text.TRAINING_IDEA)
    present.correction(text.CLIP_ONCE_NOTE)
    play.bar()
    left, mid, right, last = st.columns(4)
    clip = controls.float_slider("Threshold τ", "tclip", 0.05, 5.0, 0.5, step=0.05, where=left)
    lr = controls.float_slider("Learning rate η", "eta", 0.1, 2.0, 0.8, step=0.1, where=mid)
    seq_len = controls.int_slider("Sequence length", "tlen", 5, 60, 10, step=5, where=right)
    with_rnn = controls.toggle("Simple RNN", "rnn", True, where=last,
                               help="Train a simple RNN of the same size on the same batches (dashed lines).")
    pin = _tau_pin(clip)
    configs, full = cached.training_configs(seq_len, lr, clip, state.seed, with_rnn)
    config = configs["lstm"]
    runs = _train(configs)
    present.budget_note(text.training_budget(2 * len(configs), config.n_steps, full.n_steps, config.batch_size,
                                             config.work, seq_len))
    shown = controls.int_slider("Training shown (% of the steps)", SHOWN_KEY, SHOWN_STEP, 100, 100, step=SHOWN_STEP,
                                help="Draw the runs up to this share of their steps; ▶ grows them.")
    own = cached.training_frame(runs)
    whole = own if pin in (None, clip) else _with_pinned(own, pin, seq_len, lr, state.seed, with_rnn)
    drawn = whole["step"] <= math.ceil(config.n_steps * shown / 100)
    log = whole[drawn & ~whole["run"].str.startswith(charts.PINNED)]
    _training_metrics(runs, state.present)
    note = text.tau_pinned_note(pin if pin != clip else None)
    played = charts.Shown(SHOWN_PARAM, shown, SHOWN_STEP)  # ▶ moves it in the browser (``play.param``)
    present.show_chart(charts.training_loss_chart(whole, training.MEAN_BASELINE, config.n_steps, played), log,
                       name="training_loss",
                       caption=text.TRAINING_LOSS_CAPTION + note,
                       description=text.training_loss_description(log, config.n_steps, training.MEAN_BASELINE))
    present.show_chart(charts.training_norm_chart(whole, clip, config.n_steps, played), log, name="training_grad_norm",
                       caption=text.training_norm_caption(runs["lstm"]["norm"].clipped) + note,
                       description=text.training_norm_description(log, config.n_steps, clip))


PIN_KEY = "tpin"  # ?tpin=: a threshold τ whose clipped runs stay in grey while τ moves


def _tau_pin(clip: float) -> float | None:
    """"Pin τ = …" (keep the runs clipped at this τ, in grey, while τ moves) and, once pinned, "Unpin";
    the pinned τ is in the link (``?tpin=``, snapped to the τ slider's steps)."""
    with st.container(horizontal=True, gap="small"):
        return controls.pin_control(PIN_KEY, clip, lambda raw: controls.parse_on_steps(raw, 0.05, 5.0, 0.05, False),
                                    name="τ", shown="{:g}".format, help=text.TAU_PIN_HELP)


def _with_pinned(own: pd.DataFrame, pin: float, seq_len: int, lr: float, seed: int, with_rnn: bool) -> pd.DataFrame:
    """The page's runs with the runs clipped at the pinned τ before them (drawn first: behind), named
    ``charts.pinned_run(τ)``: the same weights and batches, only τ differs (trained now if no one has,
    with the progress bar)."""
    configs, _ = cached.training_configs(seq_len, lr, pin, seed, with_rnn)
    pinned = cached.training_frame(_train(configs, modes=("norm",)))
    return pd.concat([pinned.assign(run=charts.pinned_run(pin)), own], ignore_index=True)


def _train(configs: dict[str, training.TrainConfig], modes=tuple(cached.RUN_LABELS)
           ) -> dict[str, dict[str, training.TrainLog]]:
    """The runs of every model in ``modes`` (default both: no clipping, clipped at τ), with one progress
    bar over the runs that are not cached yet (after a move of τ: the clipped runs only)."""
    runs = [(name, mode) for name in configs for mode in modes]
    missing = [(name, mode) for name, mode in runs if not cached.training_is_cached(configs[name], mode)]
    bar = st.progress(0.0, text="Training…") if missing else None
    out: dict[str, dict[str, training.TrainLog]] = {name: {} for name in configs}
    for name, mode in runs:
        progress = None
        if (name, mode) in missing:
            k = missing.index((name, mode))
            label = f"Training the {cached.MODEL_LABELS[name]}, {cached.RUN_LABELS[mode]} ({k + 1} of {len(missing)})"

            def progress(f: float, k: int = k, label: str = label) -> None:
                bar.progress(min(1.0, (k + f) / len(missing)), text=f"{label}… {(k + f) / len(missing):.0%}")

        out[name][mode] = cached.training_run(configs[name], mode, progress)
    if bar is not None:
        bar.empty()
    return out


METRIC_LABELS = {"none": "no clip", "norm": "clipped"}  # "LSTM, no clipping" is cut at 1280 px on a projector


def _training_metrics(runs_by_model: dict[str, dict[str, training.TrainLog]], presenting: bool) -> None:
    """Final loss (mean of the last 100 finite steps) and clip events per run; divergence said plainly."""
    items = [(model, mode, log) for model, runs in runs_by_model.items() for mode, log in runs.items()]
    per_row = 2 if presenting and len(items) > 2 else len(items)  # a projector's 1024 px
    columns = [column for _ in range(0, len(items), per_row) for column in st.columns(per_row)]
    for column, (model, mode, log) in zip(columns, items, strict=False):
        tail = log.loss[np.isfinite(log.loss)][-100:]
        final = float(tail.mean()) if tail.size else math.nan
        name = f"{model.upper()}, {METRIC_LABELS[mode]}"  # short: fits a quarter of the page in presenter mode
        column.metric(name, f"{final:.3g}" if log.diverged_at is None else "exploded",
                      f"{log.n_clipped} clipped steps", delta_color="off", delta_arrow="off", border=True,
                      help="Mean batch loss over the last 100 steps; 1/6 ≈ 0.167 is what always "
                           "answering 1 scores.")
    for model, mode, log in items:
        if log.diverged_at is not None:
            present.overflow_note(f"{cached.MODEL_LABELS[model]}, {cached.RUN_LABELS[mode]}: "
                                  + text.divergence_text(log.loss, log.diverged_at))


SECTIONS = (chain_rule_paths, chain_rule, through_time, cliff_clipping, training_clipping)
