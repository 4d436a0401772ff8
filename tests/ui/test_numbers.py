"""Numbers on screen: significant figures, ×10ⁿ instead of e-notation, inf and NaN named."""

import math

import pytest

from ui.numbers import latex_sci, text_sci


@pytest.mark.parametrize(("x", "latex", "text"), [
    (0.785, "0.785", "0.79"),
    (146.3, "146", "146"),
    (12345.0, "12{,}345", "12,345"),
    (1.52e-12, r"1.52 \times 10^{-12}", "1.5 × 10⁻¹²"),
    (8.455367612542973e21, r"8.46 \times 10^{21}", "8.5 × 10²¹"),
    (-3.2e-9, r"-3.2 \times 10^{-9}", "-3.2 × 10⁻⁹"),
    (9.996e-9, r"1 \times 10^{-8}", "1 × 10⁻⁸"),  # rounding carries into the exponent
    (0.0, "0", "0"),
    (math.inf, r"\infty", "inf"),
    (math.nan, r"\text{NaN}", "NaN"),
])
def test_latex_and_text_forms(x, latex, text):
    assert latex_sci(x) == latex
    assert text_sci(x) == text


def test_no_e_notation_anywhere_in_a_wide_range():
    for exponent in range(-320, 309, 7):
        x = 1.234 * 10.0 ** exponent
        assert "e" not in text_sci(x).replace("×", "") and "e+" not in latex_sci(x) and "e-" not in latex_sci(x)


def test_vanishing_gradient_caption_reads_the_numbers_it_is_given():
    from ui.history_text import gradient_caption

    text = gradient_caption(20, 1.5e-12)
    assert "1.5 × 10⁻¹²" in text and "each of the 19 steps" in text and f"{1.5e-12 ** (1 / 19):.2f}" in text
    assert "one step" in gradient_caption(2, 0.16)
    assert "gone" in gradient_caption(50, 0.0)
