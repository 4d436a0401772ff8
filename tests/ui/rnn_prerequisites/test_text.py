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


# ------------------------------------------------------------------------ mappings, dense layer, CTC
def test_classifier_formula_counts_the_numbers_of_the_photo():
    assert r"3 \cdot 150^2\ =\ 67,500" in text.classifier(150)
    assert "(3, 150, 150) tensor: 67,500 numbers" in text.mapping_note(150)
    assert "At 32 × 32 pixels the input would be 3,072 numbers" in text.mapping_note(32)


def test_picture_description_reads_the_tensor():
    import numpy as np

    picture = np.zeros((3, 2, 4), dtype=int)
    picture[0, 0, 0] = 255
    found = text.picture_description(picture, ("red", "green", "blue"))
    assert "Three 2 × 4 grids" in found and "(3, 2, 4) tensor" in found and "red from 0 to 255, mean 32" in found


def test_order_options_name_their_words():
    assert text.order_label("312") == "dog, cat, cat (3 1 2)"
    assert text.order_permutation("231") == [1, 2, 0] and text.order_words([2, 0, 1]) == "dog, cat, cat"
    assert len(set(text.DENSE_ORDERS)) == 6


def test_dense_note_and_delta_say_what_moved():
    import numpy as np

    from engine import sequences

    x = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    W, b = sequences.init_dense(2, 6, 42)
    moved = sequences.dense_symmetry(W, b, x, [2, 0, 1])
    assert "exactly the same" in text.dense_note(moved, "312") and "changes" in text.dense_note(moved, "312")
    cats = sequences.dense_symmetry(W, b, x, [1, 0, 2])
    assert "two equal words" in text.dense_note(cats, "213")
    assert "as written" in text.dense_note(sequences.dense_symmetry(W, b, x, [0, 1, 2]), "123")
    assert text.change_vector([0.1, 0.2], [0.1, 0.2]) == "unchanged"
    assert text.change_vector([0.1, 0.2], [0.0, 0.2]) == "changed by (−0.1000, 0.0000)"


def test_ctc_text_shows_each_step_and_refuses_junk():
    from engine import sequences

    res = sequences.ctc_collapse("hh-e-ll-lll-oo")
    formula = text.ctc_formula(res)
    assert "14\\ \\text{frames}" in formula and "9\\ \\text{runs}" in formula and r"\texttt{hello}" in formula
    assert "h × 2, blank × 1, e × 1" in text.ctc_note(res)
    assert text.ctc_problem("hello world's-") is None
    assert "'<'" in text.ctc_problem("h<e>") and text.ctc_problem("h\nx") is not None
    assert "(empty)" in text.ctc_formula(sequences.ctc_collapse("")) and "nothing" in text.ctc_note(
        sequences.ctc_collapse(""))
    for example in text.CTC_EXAMPLES:
        assert text.ctc_problem(example) is None and len(example) <= text.CTC_MAX


def test_the_mapping_note_says_the_fixed_size_once_at_the_default_side():
    note = text.mapping_note(150)
    assert note.count("67,500") == 1 and "That is the side chosen above" in note
    assert text.mapping_note(151).count("67,500") == 1 and "68,403" in text.mapping_note(151)


def test_the_articles_one_hot_output_is_noted_against_chollets_sigmoid_unit():
    note = text.MAPPING_CORRECTION
    assert "§5.2" in note and "one sigmoid unit" in note and "Deep Learning with Python" in note
    assert "simplification" in note and "two-unit softmax" in note and "(1, 0)" in note


def test_the_dense_layers_order_is_noted_against_the_articles_words():
    note = text.DENSE_CORRECTION
    assert "the order of inputs does not matter" in note  # the article's words, quoted
    assert "**and** the weights together" in note and "exactly the same" in note and "no built-in notion" in note
    assert "**alone**" in note and "output changes" in note
    import numpy as np

    from engine import sequences

    x = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    W, b = sequences.init_dense(2, 6, 42)
    assert "not blind to order" in text.dense_note(sequences.dense_symmetry(W, b, x, [2, 0, 1]), "312")


# ---------------------------------------------------------------------------------------------- new figures
def test_the_spreadsheet_caption_says_each_shape():
    from ui.rnn_prerequisites import text

    said = text.spreadsheet_caption({"vector": (3,), "matrix": (3, 4), "tensor": (2, 3, 4)})
    assert "vector (3,)" in said and "matrix (3, 4)" in said and "(2, 3, 4) is a stack of 2 sheets" in said
    one = text.spreadsheet_caption({"vector": (1,), "matrix": (1, 1), "tensor": (1, 1, 1)})
    assert "1 cell;" in one and "1 row and 1 column" in one and "one sheet" in one
    described = text.spreadsheet_description({"vector": (6,), "matrix": (6, 6), "tensor": (4, 6, 6)})
    assert "A to F" in described and "4 such sheets" in described


def test_the_semantic_caption_tells_chollets_size_from_another():
    from ui.rnn_prerequisites import data, diagrams, text

    def view(side):
        return diagrams.SemanticView(side, data.feature_side(side), 128, data.semantic_length(side), 512, ("a",))

    at_150 = text.semantic_caption(view(150), 6272)
    assert at_150.startswith("Chollet's network, as built") and "7 × 7" in at_150 and "6,272 numbers" in at_150
    at_100 = text.semantic_caption(view(100), 6272)
    assert "built for 100 × 100" in at_100 and "2,048 numbers" in at_100 and "6,272" in at_100
    assert "too small" in text.semantic_caption(view(40), 6272)
    described = text.semantic_description(view(150))
    assert described.startswith("Top to bottom") and "6,272" in described and "“a”" in described


@pytest.mark.parametrize("first", ["cat", "dog"])
def test_each_language_says_what_its_sentence_means(first):
    from ui.rnn_prerequisites import data, text

    vectors = data.word_vectors(first, seed=42)
    for language in data.SENTENCE_LANGUAGES:
        meaning = text.sentence_meaning(language, first)
        words = vectors[vectors["language"] == language]
        joined = ("" if language == "Japanese" else " ").join(words.drop_duplicates("t")["token"])
        assert meaning.startswith(joined)  # the sentence as the chart spells it
        assert "shape (" in text.sentence_header(language, words, data.EMBED_DIM)
        described = text.sentence_description(language, words, data.EMBED_DIM)
        assert described.count(";") == int(words["t"].max()) - 1
    flipped = text.sentence_meaning("English", "dog")
    kept = [text.sentence_meaning(lang, "dog") for lang in ("German", "Japanese")]
    assert first == "cat" or ("dog does the chasing" in flipped and all("still the cat" in k for k in kept))
    note = text.sentences_note(vectors, first)
    assert "English 5, German 6, Japanese 7" in note and "who chased whom" in note


def test_the_task_lead_says_where_inputs_are_in_each_layout():
    from ui.rnn_prerequisites import text

    assert "inputs at the bottom" in text.tasks_lead(False)[1]
    projector = text.tasks_lead(True)[1]
    assert "time runs down the page" in projector and "inputs at the left" in projector
