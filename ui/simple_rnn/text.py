"""Formulas and their pieces for the simple-RNN page (LaTeX with live numbers)."""

from __future__ import annotations

import numpy as np

from ui.kit.numbers import fixed

SHOWN_UNITS = 5


def vec(values: np.ndarray, digits: int = 3) -> str:
    """A LaTeX column (as a transposed row) of the first few entries."""
    body = ", ".join(fixed(v, digits) for v in values[:SHOWN_UNITS])
    more = r", \dots" if len(values) > SHOWN_UNITS else ""
    return rf"\begin{{bmatrix}}{body}{more}\end{{bmatrix}}^\top"


def num(value: float, digits: int = 4) -> str:
    """A number for LaTeX: plain when moderate, m × 10^e when huge or tiny, ∞ / NaN as such."""
    if not np.isfinite(value):
        return r"\text{NaN}" if np.isnan(value) else (r"\infty" if value > 0 else r"-\infty")
    if value != 0 and not 1e-3 <= abs(value) < 1e4:
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return f"{value:.{digits}g}"


def char(c: str) -> str:
    """One character of the text in LaTeX (a space as ␣)."""
    return r"\text{␣}" if c == " " else rf"\text{{{c}}}"
