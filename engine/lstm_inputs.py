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

from engine import rng

SOURCES = ("sine", "square", "impulse", "noise", "typed")
PERIOD = 12
NOISE_STREAM = 101
MAX_TYPED = 500
MAX_ABS_TYPED = 1e6
_SEPARATORS = re.compile(r"[,;\s]+")


def parse_sequence(text: str, max_len: int = MAX_TYPED) -> np.ndarray:
    """Numbers separated by commas, semicolons or spaces → (T,) float64; a ValueError says what is wrong."""
    items = [item for item in _SEPARATORS.split(str(text).strip()) if item]
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
    if source not in SOURCES or source == "typed":
        raise ValueError(f"source must be one of {SOURCES[:-1]}, got {source!r}")
    if not isinstance(seq_len, (int, np.integer)) or not 1 <= seq_len <= 100_000:
        raise ValueError(f"seq_len must be a whole number between 1 and 100000, got {seq_len!r}")
    t = np.arange(seq_len)
    if source == "sine":
        return np.sin(2 * np.pi * t / PERIOD)
    if source == "square":
        return np.where(np.sin(2 * np.pi * t / PERIOD) >= 0, 1.0, -1.0)  # 0 counts as the upper half
    if source == "impulse":
        return (t == 0).astype(np.float64)
    return rng.normals(seed, seq_len, NOISE_STREAM)


def delay_lines(signal, n_input: int) -> np.ndarray:
    """x (T, M) with x_t[k] = s_{t−k} (zeros before the start)."""
    s = np.ascontiguousarray(signal, dtype=np.float64).ravel()  # (T,)
    if not isinstance(n_input, (int, np.integer)) or n_input < 1:
        raise ValueError(f"n_input must be a whole number ≥ 1, got {n_input!r}")
    x = np.zeros((s.size, int(n_input)))  # (T, M)
    for k in range(min(int(n_input), s.size)):
        x[k:, k] = s[: s.size - k]
    return x


def make_input(source: str, seq_len: int, n_input: int, seed: int = 0, typed: str = "") -> np.ndarray:
    """The input x (T, M) of the page; for "typed", T is the number of typed values."""
    signal = parse_sequence(typed) if source == "typed" else base_signal(source, seq_len, seed)
    return delay_lines(signal, n_input)
