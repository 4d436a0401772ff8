"""Input sequences of the LSTM page (engine/lstm_inputs.py): generators, delay lines, the number parser."""

from __future__ import annotations

import numpy as np
import pytest

from engine import lstm_inputs as li


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.5, -1, 2", [0.5, -1.0, 2.0]), ("1;2 3,,4\n5", [1, 2, 3, 4, 5]), ("  -3e-1 ", [-0.3]), ("7", [7.0])],
)
def test_parse_sequence_reads_numbers_with_any_separator(text, expected):
    np.testing.assert_allclose(li.parse_sequence(text), expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one number"),
        (" , ; ", "at least one number"),
        ("0.5, abc, 2", "item 2, 'abc', is not a number"),
        ("1, nan", "item 2, 'nan', must be a finite number"),
        ("inf", "item 1"),
        ("1, 2e9", "within"),
        (", ".join(["1"] * 501), "at most 500"),
    ],
)
def test_parse_sequence_says_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        li.parse_sequence(text)


def test_generated_signals():
    t = np.arange(30)
    np.testing.assert_allclose(li.base_signal("sine", 30), np.sin(2 * np.pi * t / li.PERIOD))
    square = li.base_signal("square", 30)
    assert set(np.unique(square)) == {-1.0, 1.0} and square[0] == 1.0 and square[li.PERIOD // 2 + 1] == -1.0
    impulse = li.base_signal("impulse", 30)
    assert impulse[0] == 1.0 and impulse.sum() == 1.0
    noise = li.base_signal("noise", 2000, seed=3)
    np.testing.assert_array_equal(noise, li.base_signal("noise", 2000, seed=3))
    assert not np.array_equal(noise, li.base_signal("noise", 2000, seed=4))
    assert abs(noise.mean()) < 4 / np.sqrt(2000) and abs(noise.std() - 1) < 0.1


def test_delay_lines_shift_each_input_by_one_more_step():
    x = li.delay_lines([1.0, 2.0, 3.0, 4.0], 3)
    np.testing.assert_array_equal(x, [[1, 0, 0], [2, 1, 0], [3, 2, 1], [4, 3, 2]])
    assert li.delay_lines([5.0], 4).tolist() == [[5.0, 0.0, 0.0, 0.0]]


def test_make_input_uses_typed_length_and_ignores_seq_len_for_typed():
    x = li.make_input("typed", 99, 2, typed="1, 2, 3")
    np.testing.assert_array_equal(x, [[1, 0], [2, 1], [3, 2]])
    assert li.make_input("sine", 40, 3).shape == (40, 3)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: li.base_signal("triangle", 10), "source must be one of"),
        (lambda: li.base_signal("typed", 10), "source must be one of"),
        (lambda: li.base_signal("sine", 0), "seq_len"),
        (lambda: li.base_signal("sine", 2.5), "seq_len"),
        (lambda: li.delay_lines([1.0], 0), "n_input"),
    ],
)
def test_bad_arguments_raise(call, message):
    with pytest.raises(ValueError, match=message):
        call()
