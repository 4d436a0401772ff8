"""Numbers on screen: significant figures, ×10ⁿ instead of e-notation, inf and NaN named."""

import math

import pytest

from ui.kit.numbers import fixed, html_pow10, latex_pow10, latex_sci, latex_term, signed_text, text_sci


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
    from ui.history.text import gradient_reading

    text = gradient_reading(20, 1.5e-12)
    assert "1.5 × 10⁻¹²" in text and "each of the 19 steps" in text and f"{1.5e-12 ** (1 / 19):.2f}" in text
    assert "one step" in gradient_reading(2, 0.16)
    assert "gone" in gradient_reading(50, 0.0)


def test_latex_numbers_are_readable_and_honest():
    assert latex_sci(0.5, 4) == "0.5" and latex_sci(1234.5, 4) == "1{,}234"
    assert latex_sci(6.062e9, 4) == r"6.062 \times 10^{9}" and latex_sci(-2.5e-7, 2) == r"-2.5 \times 10^{-7}"
    assert latex_sci(float("inf")) == r"\infty" and latex_sci(float("nan")) == r"\text{NaN}"


def test_fixed_never_prints_a_negative_zero_and_takes_a_real_minus():
    assert fixed(-0.004, 2) == "0.00" and fixed(-0.0, 3) == "0.000" and fixed(-0.006, 2) == "-0.01"
    assert fixed(-1.23456, 3, minus="−") == "−1.235" and fixed(2.0, 1) == "2.0"


def test_terms_of_a_sum_put_later_negatives_in_parentheses():
    assert latex_term(-0.5, first=True) == "-0.500" and latex_term(-0.5) == "(-0.500)"
    assert latex_term(-0.0001) == "0.000"  # rounds to zero: no "(−0.000)"
    assert latex_term(-2.5e-7, sci=True) == r"(-2.5 \times 10^{-7})" and latex_term(0.0, sci=True) == "0"


def test_signed_text_always_writes_the_sign():
    assert signed_text(0.1234) == "+0.123" and signed_text(-4.56e-5) == "−4.56 × 10⁻⁵"
    assert signed_text(0.0) == "0" and signed_text(float("nan")) == "NaN" and signed_text(-math.inf) == "−inf"


def test_powers_of_ten_from_their_logarithm_go_past_the_doubles_range():
    assert latex_pow10(math.log10(0.785)) == "0.785"
    assert latex_pow10(-400.5) == r"3.16 \times 10^{-401}"  # 10^-400.5 underflows as a double
    assert html_pow10(math.log10(512)) == "512" and html_pow10(-400.5) == "3.16 × 10<sup>−401</sup>"
    assert html_pow10(20 * math.log10(20)) == "1.05 × 10<sup>26</sup>"


