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
