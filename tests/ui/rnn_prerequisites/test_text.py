"""ui/rnn_prerequisites/text.py: the metric deltas and the formulas' live numbers."""

from __future__ import annotations

import pytest

from ui.rnn_prerequisites import diagrams as d
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


# ------------------------------------------------------------------------ text alternatives of the figures
def test_weather_description_names_the_range_and_the_shaded_sample():
    found = text.weather_description("temperature", [-0.534, 12.0, 22.35], "°C", 100, (99.0, 195.0))
    assert found == ("Temperature over the ten-day record, from −0.5 to 22.4 °C; a band shades sample 100, "
                     "hours 99 to 195.")
    assert "from 45.5 to 100.0%;" in text.weather_description("humidity", [45.47, 100.0], "%", 1, (0.0, 96.0))


def test_order_description_follows_the_window():
    found = text.order_description([-1.224, 0.3, 2.151], 576, 3)
    assert "its 576 steps" in found and "sample 3" in found and "from −1.22 to 2.15" in found
    assert "solid" in found and "dashed" in found  # the second channel the chart draws besides hue
    assert "its one step" in text.order_description([0.5], 1, 1)


@pytest.mark.parametrize("seq_len", [1, 2, 5, 24, 576])
def test_task_descriptions_follow_the_sequence_length(seq_len):
    found = {spec.key: text.task_description(spec, seq_len, d.elided(spec.key, seq_len)) for spec in d.TASKS}
    assert len(set(found.values())) == len(d.TASKS)  # each diagram its own name
    assert "no time steps" in found["one_to_one"] and "“photo”" in found["one_to_one"]
    last = f"x{str(seq_len).translate(str.maketrans('0123456789', '₀₁₂₃₄₅₆₇₈₉'))}"
    for key in ("many_to_one", "many_to_many", "seq2seq", "bidirectional"):
        assert f"unfolded over {seq_len:,} step" in found[key] and last in found[key], key
        assert ("drawn as ⋯" in found[key]) == d.elided(key, seq_len)
    assert "“positive”" in found["many_to_one"] and "4 decoder states s₁ … s₄" in found["seq2seq"]
    if seq_len == 2:
        assert "(“Teddy Roosevelt”)" in found["many_to_many"] and "(“PER PER”)" in found["many_to_many"]
