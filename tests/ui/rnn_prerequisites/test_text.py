"""ui/rnn_prerequisites/text.py: the metric deltas and the formulas' live numbers."""

from __future__ import annotations

from ui.rnn_prerequisites import text


def test_a_change_in_the_last_bit_reads_unchanged():
    assert text.change(0.5, 0.5 + 1e-16) == "unchanged" and text.change(-3.0, -3.0) == "unchanged"
    assert text.change(0.5, 0.4) == "-0.1000" and text.change(0.0, 1e-9) == "+0.0000"


def test_record_caption_names_the_sample_its_steps_and_duration():
    assert text.record_caption(100, 145, 594, 576) == (
        "Ten days of synthetic weather, one reading every ten minutes. The shaded band is sample 100 of 145: "
        "steps 595–1170, 5,760 minutes (96 hours).")
    assert "step 7, 10 minutes (0.167 hours)" in text.record_caption(2, 9, 6, 1)


def test_tensor_formulas_show_the_count():
    assert r"(145,\ 576,\ 4)" in text.tensor_shape(145, 576)
    assert r"\frac{1440 - 576}{6} \Big\rfloor + 1 = 145" in text.sample_count(1440, 576, 6, 145)
    assert "**576**" in text.CORRECTION
