"""Numbers as people read them: 0.785, 1.52 × 10⁻¹², never 1.52e-12 or 8.455367612542973e+21."""

from __future__ import annotations

import math

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _split(x: float, digits: int) -> tuple[str, int | None]:
    """``x`` as (mantissa text, exponent), the exponent None where plain notation reads better."""
    exponent = math.floor(math.log10(abs(x)))
    if -3 <= exponent <= 4:
        decimals = max(0, digits - 1 - exponent)  # ``digits`` significant figures
        plain = f"{x:,.{decimals}f}"
        return (plain.rstrip("0").rstrip(".") if decimals else plain), None
    mantissa = x / 10 ** exponent
    if round(abs(mantissa), digits - 1) >= 10:  # 9.996 rounds up to 10.0: carry into the exponent
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.{digits}g}", exponent


def latex_sci(x: float, digits: int = 3) -> str:
    """LaTeX, to ``digits`` significant figures: ``0.785``, ``1.52 \\times 10^{-12}``; ``0``, ``\\infty``."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else (r"\text{NaN}" if math.isnan(x) else (r"-\infty" if x < 0 else r"\infty"))
    mantissa, exponent = _split(x, digits)
    return mantissa.replace(",", "{,}") if exponent is None else rf"{mantissa} \times 10^{{{exponent}}}"


def text_sci(x: float, digits: int = 2) -> str:
    """Plain text, to ``digits`` significant figures: ``0.785``, ``1.2 × 10⁻⁹``, ``inf``, ``NaN``."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else ("NaN" if math.isnan(x) else ("−inf" if x < 0 else "inf"))
    mantissa, exponent = _split(x, digits)
    return mantissa if exponent is None else f"{mantissa} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def fixed(x: float, digits: int = 3, *, minus: str = "-") -> str:
    """``digits`` decimals; what rounds to zero prints as 0.00… (never "−0.00"); ``minus="−"`` for a
    real minus sign (diagram labels)."""
    text = f"{0.0 if round(x, digits) == 0 else x:.{digits}f}"
    return text.replace("-", minus)


def latex_term(x: float, digits: int = 3, *, first: bool = False, sci: bool = False) -> str:
    """A term of a written-out sum in LaTeX: ``fixed`` (or ``latex_sci`` when ``sci``), a negative term
    after the first in parentheses: 0.500 + (−0.250)."""
    text = latex_sci(x, digits) if sci else fixed(x, digits)
    return f"({text})" if not first and text.startswith("-") else text


def signed_text(x: float, digits: int = 3) -> str:
    """Plain text with its sign always written: +0.123, −4.6 × 10⁻⁵ (error deltas on a graph)."""
    if x == 0 or math.isnan(x):
        return text_sci(x, digits)
    body = text_sci(abs(x), digits)
    return ("+" if x > 0 else "−") + body


def latex_pow10(log10_x: float, digits: int = 3) -> str:
    """10^log10_x in LaTeX from its logarithm: plain from 0.001 to 1,000, else a × 10^n (works past
    the doubles' range, 10^±308, where ``latex_sci`` of the number itself would underflow)."""
    if -3 <= log10_x < 3:
        return f"{10 ** log10_x:.{digits}g}"
    exponent = math.floor(log10_x)
    return rf"{10 ** (log10_x - exponent):.{digits}g} \times 10^{{{exponent}}}"


def html_pow10(log10_x: float, digits: int = 3) -> str:
    """10^log10_x in HTML from its logarithm, as :func:`latex_pow10`: ``512``, ``1.02 × 10<sup>13</sup>``."""
    if -3 <= log10_x < 3:
        return f"{10 ** log10_x:.{digits}g}"
    exponent = math.floor(log10_x)
    return f"{10 ** (log10_x - exponent):.{digits}g} × 10<sup>{str(exponent).replace('-', '−')}</sup>"


def nice_values(lo: int, hi: int) -> list[int]:
    """1, 2, …, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 120, … within [lo, hi]."""
    mantissas = (10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90)
    values = set(range(lo, min(hi, 10) + 1))
    scale = 1
    while scale * 10 <= hi:
        values.update(m * scale for m in mantissas if lo <= m * scale <= hi)
        scale *= 10
    values.add(hi)
    return sorted(v for v in values if lo <= v <= hi)
