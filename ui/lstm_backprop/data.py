"""Bounded caches around the back-propagation and clipping engines; each returns what a chart draws.

A training run takes a fraction of a second to about a second and the page shows a progress bar
while runs train. A progress bar drawn from inside ``st.cache_data`` would be recorded and replayed
on every cache hit (onto a container that no longer exists), so training runs are kept in a small,
thread-safe LRU cache of this module instead, one entry per run (the unclipped run's key leaves τ
out), and the progress callback is passed through on a miss only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from engine import chainrule, cliff, gradflow, lstm, training

CACHE = {"max_entries": 32, "show_spinner": False}
SURFACE_POINTS = 120  # per axis: 14,400 cells, well inside cliff.MAX_GRID
MODE_LABELS = {"none": "no clipping", "norm": "norm clipping", "value": "value clipping"}
RUN_LABELS = {"none": "no clipping", "norm": "clipped at τ"}
SMOOTH = 25  # steps in the running mean of the training loss


# ------------------------------------------------------------------------------------------- chain rule
@st.cache_data(**CACHE)
def chain_demo(seed: int) -> chainrule.ChainDemo:
    return chainrule.chain_demo(seed)


@st.cache_data(**CACHE)
def gradient_check(seed: int) -> tuple[pd.DataFrame, float]:
    """Per parameter array: relative error against finite differences; and the largest."""
    check = chainrule.gradient_check(chain_demo(seed))
    table = pd.DataFrame({"array": check.names, "‖analytic‖": check.analytic_norm,
                          "relative error": check.rel_error})
    return table, check.max_rel_error


def path_sum(x1: float, x2: float, n: int) -> chainrule.PathSum:
    """The small graph's derivative as a sum over its ``n`` paths (microseconds: not cached)."""
    return chainrule.path_sum(x1, x2, n)


PATH_WEIGHTS = chainrule.PATH_WEIGHTS
MAX_PATHS = chainrule.MAX_PATHS


def cell_jacobian_terms(seed: int, t: int, j: int) -> dict[str, float]:
    """The diagonal entry of ∂c_t/∂c_{t−1} for unit j at step t (both 1-based on the page) and its parts."""
    return chainrule.cell_jacobian_terms(chain_demo(seed), t - 1, j - 1)


@st.cache_data(**CACHE)
def cell_jacobian_fd(seed: int, t: int, j: int) -> float:
    """The same diagonal entry by central finite differences through the same step (1-based t, j)."""
    demo = chain_demo(seed)
    return float(lstm.cell_jacobian_fd(demo.params, demo.trace, t - 1)[j - 1, j - 1])


def delta_terms(seed: int, t: int, j: int) -> dict[str, float]:
    """The numbers of the delta equations for unit j at step t (1-based on the page), plus the
    totals δy_{t−1}, δc_{t−1} that reach the previous step (``dy_prev``, ``dc_prev``)."""
    demo = chain_demo(seed)
    numbers = chainrule.delta_terms(demo, t - 1, j - 1)
    g = demo.grads
    numbers["dy_prev"] = float(g.delta_y[t - 2, j - 1] if t > 1 else g.y0[j - 1])
    numbers["dc_prev"] = float(g.delta_c[t - 2, j - 1] if t > 1 else g.c0[j - 1])
    return numbers


# ------------------------------------------------------------------------------------------ through time
FLOW_LABELS = {"lstm_cell": "LSTM cell ‖δc_t‖", "lstm_output": "LSTM output ‖δy_t‖",
               "rnn_hidden": "simple RNN ‖δh_t‖", "highway": "highway alone (Π f_k)"}


TINY = float(np.finfo(np.float64).tiny)


@st.cache_data(**CACHE)
def flow_frame(seq_len: int, forget_bias: float, recurrent_scale: float, seed: int) -> tuple[pd.DataFrame, dict]:
    """Long frame (t, series, size) for the log-scale chart, and a summary for the captions.

    Sizes that underflowed to 0 or overflowed to inf cannot sit on a log axis: they are left out of
    the frame and counted in the summary so the page can say so.
    """
    flow = gradflow.gradient_flow(seq_len, forget_bias=forget_bias, recurrent_scale=recurrent_scale,
                                  seed=seed)
    frames, summary = [], {"mean_forget": flow.mean_forget, "rnn_w_norm": flow.rnn_w_norm}
    for name, label in FLOW_LABELS.items():
        values = getattr(flow, name)
        summary[f"{name}_first"] = float(values[0])
        summary[f"{name}_inf"] = int((~np.isfinite(values)).sum())  # inf, or NaN from inf − inf
        # below the smallest normal double (2.2e-308) a size has underflowed: subnormal sizes break a
        # log axis in the browser (every line drawn on the top edge) and carry no precision anyway
        summary[f"{name}_zero"] = int((values < TINY).sum())
        keep = np.isfinite(values) & (values >= TINY)
        frames.append(pd.DataFrame({"t": flow.t[keep], "series": label, "size": values[keep]}))
    return pd.concat(frames, ignore_index=True), summary


# ---------------------------------------------------------------------------------------------- cliff
def cliff_window(wide: bool, runs: pd.DataFrame | None = None) -> tuple[tuple, tuple]:
    """The plotted (w, b) window: the default one, or one that holds every visited point."""
    (w_lo, w_hi), (b_lo, b_hi) = cliff.WINDOW
    if wide and runs is not None and len(runs):
        pad_w, pad_b = 0.05 * (runs["w"].max() - runs["w"].min()), 0.05 * (runs["b"].max() - runs["b"].min())
        w_lo, w_hi = min(w_lo, float(runs["w"].min() - pad_w)), max(w_hi, float(runs["w"].max() + pad_w))
        b_lo, b_hi = min(b_lo, float(runs["b"].min() - pad_b)), max(b_hi, float(runs["b"].max() + pad_b))
    return (w_lo, w_hi), (b_lo, b_hi)


@st.cache_data(**CACHE)
def cliff_surface(window: tuple[tuple[float, float], tuple[float, float]]) -> pd.DataFrame:
    """log₁₀ L at the centres of ``SURFACE_POINTS`` × ``SURFACE_POINTS`` cells over the window: cell i of
    the w axis (w = w_lo + (i + ½)·Δw) and cell j of the b axis, one row a cell. The chart shades each cell
    into a pixel of one image spanning the window (``charts.surface_image``): the browser gets ~1.5 kB of PNG
    where it got 6 bytes a cell (87 kB) and drew a rectangle for each."""
    (w_lo, w_hi), (b_lo, b_hi) = window
    w_step, b_step = (w_hi - w_lo) / SURFACE_POINTS, (b_hi - b_lo) / SURFACE_POINTS
    w_mid = w_lo + (np.arange(SURFACE_POINTS) + 0.5) * w_step
    b_mid = b_lo + (np.arange(SURFACE_POINTS) + 0.5) * b_step
    loss = cliff.loss_surface(w_mid, b_mid)  # (n_b, n_w)
    jj, kk = np.meshgrid(np.arange(SURFACE_POINTS), np.arange(SURFACE_POINTS), indexing="ij")
    index = np.min_scalar_type(SURFACE_POINTS - 1)  # a byte for up to 256 cells a side
    return pd.DataFrame({"i": kk.ravel().astype(index), "j": jj.ravel().astype(index),
                         "log10 loss": np.log10(np.maximum(loss.ravel(), 1e-12)).astype(np.float32)})


CLIFF_TAUS = (0.1, 10.0, 0.1)  # the threshold τ's slider: lowest, highest, step (100 values)


def cliff_stops() -> list[float]:
    """Every value of the τ slider, as the slider holds them (one decimal)."""
    lo, hi, step = CLIFF_TAUS
    return [round(lo + k * step, 1) for k in range(round((hi - lo) / step) + 1)]


@st.cache_data(**CACHE)
def cliff_runs_by_tau() -> tuple[pd.DataFrame, dict[float, dict[str, dict]]]:
    """The three descents at every τ of the slider as one long frame (tau, run, step, w, b, loss, ‖g‖, clipped)
    and a summary per τ. The unclipped descent is the same at every τ: its rows come once, τ left empty (NaN),
    and the charts draw them at every τ (``ui.in_browser.shown``). 12,261 rows, 0.9 s once a process here
    (0.57 s of descents, the kernels compiled); a later call, a copy from the cache, 0.4 ms."""
    plain, frames, summaries = MODE_LABELS["none"], [], {}
    for tau in cliff_stops():
        runs, summaries[tau] = cliff_runs(tau)
        rows = runs[runs["run"] != plain] if frames else runs
        frames.append(rows.assign(tau=np.where(rows["run"] == plain, np.nan, tau)))
    whole = pd.concat(frames, ignore_index=True)
    return whole[["tau", *whole.columns.drop("tau")]], summaries


def cliff_runs(threshold: float) -> tuple[pd.DataFrame, dict[str, dict]]:
    """The three descents as one long frame (run, step, w, b, loss, ‖g‖, clipped) and a summary."""
    runs = cliff.trajectories(threshold=threshold)
    frames, summary = [], {}
    for mode, run in runs.items():
        n = len(run.w)
        norm = np.append(run.grad_norm, np.nan)[:n]  # the last point has no step
        flags = np.append(run.clipped, False)[:n]
        frames.append(pd.DataFrame({"run": MODE_LABELS[mode], "step": np.arange(n), "w": run.w, "b": run.b,
                                    "loss": run.loss, "grad norm": norm, "clipped": flags}))
        longest = int(np.argmax(run.step_length)) if run.step_length.size else 0
        summary[mode] = {
            "label": MODE_LABELS[mode], "n_clipped": run.n_clipped, "steps": len(run.step_length),
            "final_loss": float(run.loss[-1]), "diverged_at": run.diverged_at,
            "longest_step": float(run.step_length.max()) if run.step_length.size else 0.0,
            "longest_at": longest, "end": (float(run.w[-1]), float(run.b[-1])),
            "landing": (float(run.w[min(longest + 1, n - 1)]), float(run.b[min(longest + 1, n - 1)])),
            "leaves_window": not _inside(run.w, run.b),
        }
    return pd.concat(frames, ignore_index=True), summary


def _inside(w: np.ndarray, b: np.ndarray) -> bool:
    (w_lo, w_hi), (b_lo, b_hi) = cliff.WINDOW
    return bool(np.all((w >= w_lo) & (w <= w_hi) & (b >= b_lo) & (b <= b_hi)))


# ------------------------------------------------------------------------------------------- training
_RUNS: OrderedDict[tuple[training.TrainConfig, str], training.TrainLog] = OrderedDict()
_RUNS_LOCK = threading.Lock()
MAX_RUNS = 48
PAGE_WORK = 32_000_000  # multiply-adds of one run on the page: 1000 steps up to T = 25, fewer beyond


def run_key(config: training.TrainConfig, mode: str) -> tuple[training.TrainConfig, str]:
    """The cache key of one run: the unclipped run does not depend on τ, so τ is left out of its key."""
    return (replace(config, clip=training.TrainConfig.clip) if mode == "none" else config), mode


def training_is_cached(config: training.TrainConfig, mode: str) -> bool:
    with _RUNS_LOCK:
        return run_key(config, mode) in _RUNS


def training_run(config: training.TrainConfig, mode: str,
                 progress: Callable[[float], None] | None = None) -> training.TrainLog:
    """One run of ``config`` with clipping ``mode`` (computed once per process; ``progress`` is
    called on a miss). Moving τ retrains only the clipped runs."""
    key = run_key(config, mode)
    with _RUNS_LOCK:
        if key in _RUNS:
            _RUNS.move_to_end(key)
            return _RUNS[key]
    log = training.train(key[0], mode, progress)
    with _RUNS_LOCK:
        _RUNS[key] = log
        while len(_RUNS) > MAX_RUNS:
            _RUNS.popitem(last=False)
    return log


MODEL_LABELS = {"lstm": "LSTM", "rnn": "simple RNN"}


def training_frame(runs_by_model: dict[str, dict[str, training.TrainLog]]) -> pd.DataFrame:
    """Long frame: model, run, step, loss, running mean of the loss, ‖g‖ before clipping, clipped.
    Steps after a divergence (NaN) are left out."""
    frames = []
    for model, runs in runs_by_model.items():
        for mode, log in runs.items():
            loss = pd.Series(log.loss)
            frames.append(pd.DataFrame({
                "model": MODEL_LABELS[model], "run": RUN_LABELS[mode], "step": np.arange(1, len(log.loss) + 1),
                "loss": log.loss, "loss (running mean)": loss.rolling(SMOOTH, min_periods=1).mean().to_numpy(),
                "grad norm": log.grad_norm, "clipped": log.clipped,
            }))
    frame = pd.concat(frames, ignore_index=True)
    return frame[np.isfinite(frame["loss"]) & np.isfinite(frame["grad norm"])].reset_index(drop=True)


def training_configs(seq_len: int, lr: float, clip: float, seed: int,
                     with_rnn: bool) -> tuple[dict[str, training.TrainConfig], training.TrainConfig]:
    """The page's runs by model (the LSTM, and the simple RNN when ``with_rnn``) within the page's work
    budget, and the configuration asked for before the budget (its step count is what was cut)."""
    full = training.TrainConfig(seq_len=seq_len, lr=lr, clip=clip, seed=seed)
    config = training.within_budget(full, PAGE_WORK)
    return {"lstm": config, **({"rnn": replace(config, model="rnn")} if with_rnn else {})}, full
