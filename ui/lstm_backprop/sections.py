"""Pieces of the back-propagation page that hold more than a control and a chart.

Each function draws one block (numbers, badges, a progress bar); the page composes them.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from engine import training
from ui import present
from ui.kit.numbers import text_sci
from ui.lstm_backprop import data as cached
from ui.lstm_backprop.charts import LOSS_CEILING


def gradient_check_badge(seed: int) -> None:
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


def flow_notes(summary: dict, seq_len: int) -> str:
    """The caption of the through-time chart, with the numbers of this run; warns on overflow."""
    for name, label in cached.FLOW_LABELS.items():
        if summary[f"{name}_inf"]:
            present.overflow_note(f"{label} exploded to inf at {summary[f'{name}_inf']} steps (float64 "
                                  "overflow); those steps are left off the chart.")
    gone = [name for name in cached.FLOW_LABELS if summary[f"{name}_zero"]]
    if gone:
        st.caption(":material/south: Some errors underflowed (below about 10⁻³⁰⁸, to 0 or to digits without "
                   "precision) and a log axis cannot show them: "
                   + ", ".join(cached.FLOW_LABELS[n] for n in gone) + " end where that "
                   "happens. The error is not small there; it is gone.")

    def share(value: float) -> str:
        return text_sci(value) if value >= cached.TINY else "nothing (it underflowed)"

    return (f"At step 1, {seq_len - 1} steps before the loss, the LSTM cell still receives "
            f"{share(summary['lstm_cell_first'])} of the error and the simple RNN "
            f"{share(summary['rnn_hidden_first'])} "
            f"(‖W‖₂ = {summary['rnn_w_norm']:.2f}). The mean forget gate is {summary['mean_forget']:.2f}; "
            "the line Π f_k is what the highway alone lets through: the cell's error follows it.")


def cliff_metrics(summary: dict[str, dict], wide: bool, where) -> None:
    """One metric per run (stacked in ``where``): clipped steps, final loss, the longest step; and
    where the unclipped run was thrown."""
    where.markdown("**Steps clipped**")
    for run in summary.values():
        where.metric(run["label"], f"{run['n_clipped']}/{run['steps']}",  # short: the column is narrow
                      f"final loss {run['final_loss']:.3g}", delta_color="off",
                      delta_arrow="off", border=True,
                      help=f"{run['n_clipped']} of {run['steps']} gradient-descent steps were clipped; "
                           f"the longest step was {run['longest_step']:.3g} (step {run['longest_at']}).")
    wild = summary["none"]
    if wild["diverged_at"] is not None:
        present.overflow_note(f"Without clipping the gradient became inf/NaN at step {wild['diverged_at']}; "
                              "the run stops there.")
    elif wild["leaves_window"]:
        (w, b), (w_end, b_end) = wild["landing"], wild["end"]
        where = "" if wide else " Switch on *show every point* to see it."
        st.warning(f"Without clipping, step {wild['longest_at']} hit the wall and threw the parameters "
                   f"{wild['longest_step']:.3g} away, out of the picture, to (w, b) = ({w:.3g}, {b:.3g}); "
                   f"{wild['steps'] - wild['longest_at'] - 1} later steps only crawled back to "
                   f"({w_end:.3g}, {b_end:.3g}).{where}", icon=":material/flight_takeoff:")


def training_runs(configs: dict[str, training.TrainConfig]) -> dict[str, dict[str, training.TrainLog]]:
    """Both runs (no clipping, clipped at τ) of every model, with one progress bar over the runs that
    are not cached yet (after a move of τ: the clipped runs only)."""
    runs = [(name, mode) for name in configs for mode in cached.RUN_LABELS]
    missing = [(name, mode) for name, mode in runs if not cached.training_is_cached(configs[name], mode)]
    bar = st.progress(0.0, text="Training…") if missing else None
    out: dict[str, dict[str, training.TrainLog]] = {name: {} for name in configs}
    for name, mode in runs:
        progress = None
        if (name, mode) in missing:
            k = missing.index((name, mode))
            text = f"Training the {cached.MODEL_LABELS[name]}, {cached.RUN_LABELS[mode]} ({k + 1} of {len(missing)})"

            def progress(f: float, k: int = k, text: str = text) -> None:
                bar.progress(min(1.0, (k + f) / len(missing)), text=f"{text}… {(k + f) / len(missing):.0%}")

        out[name][mode] = cached.training_run(configs[name], mode, progress)
    if bar is not None:
        bar.empty()
    return out


METRIC_LABELS = {"none": "no clip", "norm": "clipped"}  # "LSTM, no clipping" is cut at 1280 px on a projector


def training_metrics(runs_by_model: dict[str, dict[str, training.TrainLog]]) -> None:
    """Final loss (mean of the last 100 finite steps) and clip events per run; divergence said plainly."""
    items = [(model, mode, log) for model, runs in runs_by_model.items() for mode, log in runs.items()]
    per_row = 2 if present.is_presenting() and len(items) > 2 else len(items)  # a projector's 1024 px
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
                                  + divergence_text(log.loss, log.diverged_at))


def divergence_text(loss: np.ndarray, diverged_at: int, ceiling: float = LOSS_CEILING) -> str:
    """Where a run's loss left the chart (above ``ceiling``) and where it overflowed (1-based steps)."""
    text = f"the loss or the gradient exploded to inf/NaN at step {diverged_at + 1}; the run stopped there"
    off = np.flatnonzero(~(loss[:diverged_at] <= ceiling))  # NaN counts as off the chart
    if off.size:
        return text + f". Its loss had left the top of the chart (above {ceiling:g}) at step {off[0] + 1}."
    return text + " and its curve ends."
