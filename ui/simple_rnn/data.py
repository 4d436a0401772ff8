"""The simple-RNN page's bounded caches around engine/rnn.py, and the long frames its charts draw.

The plain functions below the cached ones only reshape cached results into long frames for charts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from engine import rnn, sequences


@dataclass(frozen=True)
class RNNRun:
    """One seeded RNN on the character task, with everything the simple-RNN page draws."""

    task: sequences.CharTask
    params: rnn.RNNParams
    trace: rnn.RNNTrace
    grads: rnn.RNNGrads
    paths: rnn.GradientPaths
    jacobians: rnn.JacobianNorms


@st.cache_data(max_entries=16, show_spinner="Running the RNN…")
def rnn_run(seq_len: int, n_hidden: int, recurrent_scale: float, seed: int) -> RNNRun:
    task = sequences.char_task(seq_len)
    vocab = len(task.vocab)
    params = rnn.init_rnn(vocab, n_hidden, vocab, seed, recurrent_scale=recurrent_scale)
    trace = rnn.rnn_forward(params, task.x)
    with np.errstate(over="ignore", invalid="ignore"):
        grads = rnn.rnn_bptt(params, trace, task.targets)
        paths = rnn.gradient_paths(params, trace, task.targets)
    return RNNRun(task, params, trace, grads, paths, rnn.jacobian_norms(params, trace))


TRAIN_LEN = 240  # the long text of the training runs: the page's text repeated to 240 characters
LEARNING_RATE = 0.5  # η of every training run (on the steps' mean loss)
TRAIN_OPS = 150_000_000  # products with W (H² multiply-adds each) one training run may cost on this page
N_MEASURES = 120  # points per training curve


@dataclass(frozen=True)
class Training:
    """Three training runs on the long text from the page's seeded weights, one curve each: the
    article's chunks, the page's window, full BPTT; ``passes`` as run (``capped`` when below the asked)."""

    curves: pd.DataFrame  # kind, update, work, loss
    passes: dict[str, int]
    asked: int
    updates: dict[str, int]
    diverged: tuple[str, ...]
    vocab_size: int

    @property
    def capped(self) -> tuple[str, ...]:
        return tuple(kind for kind, n in self.passes.items() if n < self.asked)


def training_kinds(k: int) -> tuple[str, str, str]:
    """The three runs' names, in the order of their dashes (solid, dashed, dotted)."""
    return (f"chunks of k = {k} (the article)", f"window k = {k} (section 4)", "full BPTT")


def passes_within(n_hidden: int, chunk_len: int, truncation: int, asked: int) -> int:
    """The passes (≤ ``asked``, ≥ 1) one run may make within ``TRAIN_OPS``."""
    products, _ = rnn.sgd_products(TRAIN_LEN, chunk_len, truncation)
    return max(1, min(asked, TRAIN_OPS // (products * n_hidden * n_hidden)))


@st.cache_data(max_entries=16, show_spinner="Training…")
def training(n_hidden: int, recurrent_scale: float, seed: int, k: int, n_passes: int) -> Training:
    task = sequences.char_task(TRAIN_LEN)
    vocab = len(task.vocab)
    params = rnn.init_rnn(vocab, n_hidden, vocab, seed, recurrent_scale=recurrent_scale)
    kinds = training_kinds(k)
    setups = {kinds[0]: (k, TRAIN_LEN), kinds[1]: (TRAIN_LEN, k), kinds[2]: (TRAIN_LEN, TRAIN_LEN)}
    frames, passes, updates, diverged = [], {}, {}, []
    for kind, (chunk, window) in setups.items():
        passes[kind] = passes_within(n_hidden, chunk, window, n_passes)
        run = rnn.sgd_bptt(params, task.x, task.targets, lr=LEARNING_RATE, n_passes=passes[kind],
                           chunk_len=chunk, truncation=window, n_measures=N_MEASURES)
        frames.append(pd.DataFrame({"kind": kind, "update": run.updates, "work": run.work, "loss": run.loss}))
        updates[kind] = run.n_updates
        if run.diverged:
            diverged.append(kind)
    return Training(pd.concat(frames, ignore_index=True), passes, n_passes, updates, tuple(diverged), vocab)


@st.cache_data(max_entries=32, show_spinner=False)
def truncated(seq_len: int, n_hidden: int, recurrent_scale: float, seed: int, k: int) -> rnn.RNNGrads:
    run = rnn_run(seq_len, n_hidden, recurrent_scale, seed)
    with np.errstate(over="ignore", invalid="ignore"):
        return rnn.rnn_bptt(run.params, run.trace, run.task.targets, truncation=k)


# ----------------------------------------------------------------------------- frames for charts

def _grid(values: np.ndarray, name: str) -> pd.DataFrame:
    """(T, H) array → rows (t, unit, name) with t 1-based."""
    T, H = values.shape
    return pd.DataFrame({"t": np.repeat(np.arange(1, T + 1), H), "unit": np.tile(np.arange(1, H + 1), T),
                         name: values.ravel()})


def hidden_frame(run: RNNRun) -> pd.DataFrame:
    return _grid(run.trace.h, "h")


def loss_frame(run: RNNRun) -> pd.DataFrame:
    chars = run.task.chars
    return pd.DataFrame({"t": np.arange(1, run.trace.seq_len + 1), "loss": run.grads.loss_steps,
                         "input": list(chars[:-1]), "target": list(chars[1:])})


def error_norm_frame(full: rnn.RNNGrads, cut: rnn.RNNGrads) -> pd.DataFrame:
    t = np.arange(1, len(full.dh) + 1)
    rows = [pd.DataFrame({"t": t, "norm": np.linalg.norm(g.dh, axis=1), "kind": kind})
            for g, kind in ((full, "full BPTT"), (cut, f"truncated, k = {cut.truncation}"))]
    frame = pd.concat(rows, ignore_index=True)
    return frame[np.isfinite(frame["norm"]) & (frame["norm"] > 0)]


def contribution_steps(seq_len: int, step: int, n_panels: int = 11) -> list[int]:
    """Up to ``n_panels`` consecutive steps (1-based) containing ``step``."""
    n = min(seq_len, n_panels)
    first = min(max(1, step - n // 2), seq_len - n + 1)
    return list(range(first, first + n))


def contributions_frame(grads: rnn.RNNGrads, full: rnn.RNNGrads, steps: list[int]) -> pd.DataFrame:
    """Each listed step's contribution to ∂L/∂W (with window k), then the truncated and full sums."""
    panels = [(f"step {s}", grads.dW_steps[s - 1]) for s in steps]
    if len(steps) < len(grads.dW_steps):
        panels.append(("… other steps", grads.W - sum(grads.dW_steps[s - 1] for s in steps)))
    panels.append((f"Σ, k = {grads.truncation}", grads.W))
    if grads.truncation < len(grads.dW_steps):
        panels.append(("Σ, full BPTT", full.W))
    H = grads.W.shape[0]
    i, j = np.divmod(np.arange(H * H), H)
    return pd.concat([pd.DataFrame({"panel": name, "i": i, "j": j, "value": m.ravel(), "kept": True})
                      for name, m in panels], ignore_index=True)


def paths_frame(run: RNNRun, k: int) -> pd.DataFrame:
    """(t, s) pairs with s ≤ t, the log10 Frobenius norm of L_t's contribution through step s."""
    T = run.trace.seq_len
    t, s = np.tril_indices(T)
    norm = run.paths.norm[t, s]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_norm = np.log10(norm)
    frame = pd.DataFrame({"t": t + 1, "s": s + 1, "log10_norm": log_norm, "kept": (t - s) < k})
    return frame[np.isfinite(frame["log10_norm"])]


def truncation_error_frame(run: RNNRun) -> pd.DataFrame:
    err = run.paths.truncation_error
    frame = pd.DataFrame({"k": np.arange(1, len(err) + 1), "error": err})
    return frame[np.isfinite(frame["error"])]  # exact zeros stay: the chart marks them


@dataclass(frozen=True)
class ErrorStep:
    """One step back of the error at step t, with the page's numbers (all (H,) vectors).

    ``dh``: ∂L/∂h_t (full BPTT); ``scaled``: diag(1 − h_t²) ∂L/∂h_t = ∂L/∂a_t; ``back``: Wᵀ ∂L/∂a_t, what
    reaches h_{t−1} through W; ``own``: Vᵀ ∂L/∂o_{t−1}, what L_{t−1} adds there (zeros at t = 1);
    ``wrong``: diag(1 − h_t²) W ∂L/∂h_t, the Jacobian itself applied to the error (not the error)."""

    t: int
    dh: np.ndarray
    scaled: np.ndarray
    back: np.ndarray
    own: np.ndarray
    wrong: np.ndarray


def error_step(run: RNNRun, t: int) -> ErrorStep:
    """What going back from step ``t`` (1-based) to t − 1 does to the error vector."""
    W, V, h = run.params.W, run.params.V, run.trace.h[t - 1]
    dh = run.grads.dh[t - 1]
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = (1.0 - h**2) * dh
        back = W.T @ scaled
        wrong = (1.0 - h**2) * (W @ dh)
        own = np.zeros_like(dh) if t == 1 else V.T @ run.grads.dc_steps[t - 2]
    return ErrorStep(t, dh, scaled, back, own, wrong)


def entry_contributions(grads: rnn.RNNGrads) -> tuple[pd.DataFrame, tuple[int, int]]:
    """∂L/∂W^{(t)} at the entry (i, j) where the full gradient is largest, one row per step t (``t``,
    ``value``, ``running``: the sum over steps 1..t, which ends at ∂L/∂W_ij), and (i, j) 1-based."""
    with np.errstate(invalid="ignore"):
        size = np.where(np.isfinite(grads.W), np.abs(grads.W), -1.0)
    i, j = np.unravel_index(int(np.argmax(size)), size.shape)
    values = grads.dW_steps[:, i, j]
    frame = pd.DataFrame({"t": np.arange(1, len(values) + 1), "value": values, "running": np.cumsum(values)})
    return frame, (int(i) + 1, int(j) + 1)


def jacobian_frame(run: RNNRun) -> pd.DataFrame:
    jac = run.jacobians
    frame = pd.concat([pd.DataFrame({"lag": jac.lag, "value": jac.norm, "curve": "‖∂h_T/∂h_t‖₂"}),
                       pd.DataFrame({"lag": jac.lag, "value": jac.bound, "curve": "bound (‖W‖₂ γ)^(T−t)"})],
                      ignore_index=True)
    return frame[np.isfinite(frame["value"]) & (frame["value"] > 0)]


# ------------------------------------------------------------------ dense layers and one neuron

DENSE_SIZES = (3, 3, 2)  # the article's review of DCL back-propagation: 3 inputs → 3 hidden → 2 outputs


@st.cache_data(max_entries=16, show_spinner=False)
def dense_net(seed: int) -> rnn.DenseBackprop:
    """The small DCL of the page's seed, one example forward and its errors back."""
    return rnn.dense_backprop(seed, *DENSE_SIZES)


@dataclass(frozen=True)
class NeuronAt:
    """Hidden unit ``unit`` (1-based) at step ``t`` split in two halves: the pre-activation
    a = b_i + Σ_j W_ij h_{t−1,j} + Σ_k U_ik x_{t,k} (its parts ``bias``, ``recurrent``, ``input``; x_t is
    one-hot, so the input part is the one weight U_i,c of the character ``char``) and the
    post-activation h = tanh(a)."""

    t: int
    unit: int
    char: str
    bias: float
    recurrent: float
    input: float
    a: float
    h: float


def neuron_at(run: RNNRun, t: int, unit: int) -> NeuronAt:
    """The parts of hidden unit ``unit`` at step ``t`` (both 1-based), from the page's run."""
    i, s = unit - 1, t - 1
    h_prev = run.trace.h0 if s == 0 else run.trace.h[s - 1]
    return NeuronAt(t=t, unit=unit, char=run.task.chars[s], bias=float(run.params.b[i]),
                    recurrent=float(run.params.W[i] @ h_prev), input=float(run.params.U[i] @ run.task.x[s]),
                    a=float(run.trace.a[s, i]), h=float(run.trace.h[s, i]))
