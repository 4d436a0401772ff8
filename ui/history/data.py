"""Bounded caches around ``engine.history`` and ``engine.xor`` for the history page (frames out)."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import streamlit as st

from engine import history, xor
from ui.history import text as ht

N_GRID = 41
LO, HI = -0.5, 1.5
PERCEPTRON_EPOCHS = 50
STEP = (HI - LO) / (N_GRID - 1)  # spacing of the decision-region grid
RECENT_LINES = 8  # the perceptron's line at the end of each of its last epochs


@st.cache_data(max_entries=2, show_spinner=False)
def events() -> pd.DataFrame:
    """Every event with its era, oldest first."""
    return history.load_events()


@st.cache_data(max_entries=2, show_spinner=False)
def eras() -> pd.DataFrame:
    """The booms and winters as spans."""
    return history.eras_frame()


@st.cache_data(max_entries=64, show_spinner=False)
def filtered(category: str, query: str) -> pd.DataFrame:
    """Events of ``category`` ("all" for every one) matching ``query``; ``ValueError`` for junk queries."""
    categories = None if category == "all" else [category]
    return history.filter_events(history.load_events(), categories, query)


def _points(targets: np.ndarray, outputs: np.ndarray) -> pd.DataFrame:
    right = (outputs > 0.5) == (targets > 0.5)
    return pd.DataFrame(
        {
            "x1": xor.X_XOR[:, 0],
            "x2": xor.X_XOR[:, 1],
            "target": targets.astype(int).astype(str),
            "output": outputs,
            "right": np.where(right, "yes", "no"),
            "verdict": np.where(right, "✓", "✗"),
        }
    )


def _region(values: np.ndarray, points: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"x1": points[:, 0], "x2": points[:, 1], "p": values})


def _recent_lines(history: np.ndarray) -> pd.DataFrame:
    rows = []
    first = len(history) - min(RECENT_LINES, len(history))
    for epoch in range(first, len(history)):
        ends = xor.boundary_segment(*history[epoch], LO, HI)
        if ends is not None:
            rows.append((epoch + 1, *ends, epoch == len(history) - 1))
    return pd.DataFrame(rows, columns=["epoch", "x1", "x2", "x1_end", "x2_end", "last"])


@st.cache_data(max_entries=64, show_spinner=False)
def perceptron_run(gate: str, eta: float, seed: int) -> dict:
    """Rosenblatt's perceptron: region, points, per-epoch accuracy, weights, accuracy, milliseconds."""
    start = time.perf_counter()
    result = xor.train_perceptron(n_epochs=PERCEPTRON_EPOCHS, eta=eta, seed=seed, gate=gate)
    ms = 1000 * (time.perf_counter() - start)
    _, grid = xor.grid_points(N_GRID, LO, HI)
    return {
        "region": _region(xor.perceptron_predict(result, grid), grid),
        "points": _points(result.targets, result.predictions),
        "lines": _recent_lines(result.history),
        "curve": pd.DataFrame(
            {"epoch": np.arange(1, PERCEPTRON_EPOCHS + 1), "accuracy": result.accuracy, "model": "perceptron"}
        ),
        "w": result.w.tolist(),
        "b": result.b,
        "accuracy": result.final_accuracy,
        "ms": ms,
    }


@st.cache_data(max_entries=64, show_spinner=False)
def mlp_run(gate: str, n_hidden: int, n_epochs: int, eta: float, seed: int) -> dict:
    """The two-layer net trained with backprop: region, points, curves, loss, accuracy, milliseconds."""
    start = time.perf_counter()
    result = xor.train_mlp(n_hidden=n_hidden, n_epochs=n_epochs, eta=eta, seed=seed, gate=gate)
    ms = 1000 * (time.perf_counter() - start)
    _, grid = xor.grid_points(N_GRID, LO, HI)
    epochs = np.arange(1, n_epochs + 1)
    stride = max(1, n_epochs // 400)  # at most ~400 points per curve sent to the browser
    return {
        "region": _region(xor.mlp_predict(result.params, grid), grid),
        "points": _points(result.targets, result.probabilities),
        "curve": pd.DataFrame({"epoch": epochs, "accuracy": result.accuracy, "model": "two-layer net"})[::stride],
        "loss": pd.DataFrame({"epoch": epochs, "loss": result.loss})[::stride],
        "final_loss": float(result.loss[-1]),
        "accuracy": result.final_accuracy,
        "ms": ms,
    }


DEPTHS = range(2, 51)  # the depth slider's values, every one held by the vanishing-gradient chart


@st.cache_data(max_entries=16, show_spinner=False)
def gradients_by_depth(gain: float, seed: int) -> tuple[pd.DataFrame, dict[int, float]]:
    """Long frame (depth, layer, ratio, curve ∈ {measured, bound Π ¼‖W_k‖₂, ¼^(n−l)}) of a fresh net at every
    depth n of :data:`DEPTHS`, and each depth's ‖δ₁‖/‖δ_n‖."""
    runs = xor.deep_sigmoid_gradients_by_depth(DEPTHS, width=32, gain=gain, seed=seed)
    frames = [pd.DataFrame({"depth": depth, "layer": g.layer, "ratio": values, "curve": name})
              for depth, g in runs.items()
              for name, values in zip(ht.GRADIENT_CURVES, (g.delta_norm, g.bound, g.quarter_power), strict=True)]
    out = pd.concat(frames, ignore_index=True)
    # a log axis cannot show an underflow to 0
    return out[out["ratio"] > 0].reset_index(drop=True), {depth: float(g.delta_norm[0]) for depth, g in runs.items()}


def accuracy_curves(perceptron: dict, mlp: dict) -> pd.DataFrame:
    """Both models' accuracy per epoch in one long frame (epoch, accuracy, model)."""
    return pd.concat([perceptron["curve"], mlp["curve"]], ignore_index=True)
