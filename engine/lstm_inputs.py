"""Input sequences for the LSTM page: a base signal s_t fed to the block through a tapped delay line.

    sine      s_t = sin(2π t / P)                        P = period (steps)
    square    s_t = +1 if sin(2π t / P) ≥ 0 else −1
    impulse   s_t = 1 at t = 0, else 0
    noise     s_t ~ N(0, 1), drawn from the seed (stream NOISE_STREAM)
    typed     s_t = the numbers a person typed ("0.5, -1, 2")

    x_t[k] = s_{t−k} for k = 0 … M−1 (zero before the start): input k sees the signal k steps late,
    so a block with M inputs sees the last M values of the signal at once.

Notation: T sequence length, M input size (number of taps), s (T,) base signal, x (T, M) input.
"""

from __future__ import annotations

import math
import re

import numpy as np

from engine import _checks, rng

SOURCES = ("sine", "square", "impulse", "noise", "typed")
PERIOD = 12
NOISE_STREAM = 101
MAX_TYPED = 500
MAX_ABS_TYPED = 1e6
MAX_SEQ_LEN = 100_000
MAX_TAPS = 256  # the LSTM's largest input size
_SEPARATORS = re.compile(r"[,;\s]+")


def parse_sequence(text: str, max_len: int = MAX_TYPED) -> np.ndarray:
    """Numbers separated by commas, semicolons or spaces → (T,) float64; a ValueError says what is wrong.

    ``text`` must be a str (TypeError otherwise); ``max_len`` in 1 … MAX_SEQ_LEN.
    """
    max_len = _checks.whole("max_len", max_len, 1, MAX_SEQ_LEN)
    text = _checks.text("text", text, 40 * max_len)
    items = [item for item in _SEPARATORS.split(text.strip()) if item]
    if not items:
        raise ValueError("type at least one number, e.g. 0.5, -1, 2")
    if len(items) > max_len:
        raise ValueError(f"at most {max_len} numbers, got {len(items)}")
    values = np.empty(len(items))
    for n, item in enumerate(items):
        try:
            number = float(item)
        except ValueError:
            raise ValueError(f"item {n + 1}, {item[:20]!r}, is not a number") from None
        if not math.isfinite(number) or abs(number) > MAX_ABS_TYPED:
            raise ValueError(f"item {n + 1}, {item[:20]!r}, must be a finite number within ±{MAX_ABS_TYPED:g}")
        values[n] = number
    return values


def base_signal(source: str, seq_len: int, seed: int = 0) -> np.ndarray:
    """The base signal s (T,) of a generated ``source`` (everything but "typed")."""
    source = _checks.choice("source", source, SOURCES[:-1])
    seq_len = _checks.whole("seq_len", seq_len, 1, MAX_SEQ_LEN)
    seed = rng.check_seed(seed)
    t = np.arange(seq_len)
    if source == "sine":
        return np.sin(2 * np.pi * t / PERIOD)
    if source == "square":
        return np.where(np.sin(2 * np.pi * t / PERIOD) >= 0, 1.0, -1.0)  # 0 counts as the upper half
    if source == "impulse":
        return (t == 0).astype(np.float64)
    return rng.normals(seed, seq_len, NOISE_STREAM)


def delay_lines(signal, n_input: int) -> np.ndarray:
    """x (T, M) with x_t[k] = s_{t−k} (zeros before the start); ``signal`` holds T ≥ 1 finite values."""
    s = _checks.array("signal", signal).ravel()  # (T,)
    if s.size == 0:
        raise ValueError("signal must hold at least one value, got none")
    n_input = _checks.whole("n_input", n_input, 1, MAX_TAPS)
    _checks.within_budget(f"signal length × n_input = {s.size:,} × {n_input}", s.size * n_input)
    x = np.zeros((s.size, n_input))  # (T, M)
    for k in range(min(int(n_input), s.size)):
        x[k:, k] = s[: s.size - k]
    return x


def make_input(source: str, seq_len: int, n_input: int, seed: int = 0, typed: str = "") -> np.ndarray:
    """The input x (T, M) of the page; for "typed", T is the number of typed values."""
    source = _checks.choice("source", source, SOURCES)
    typed = _checks.text("typed", typed, 40 * MAX_TYPED)
    signal = parse_sequence(typed) if source == "typed" else base_signal(source, seq_len, seed)
    return delay_lines(signal, n_input)
