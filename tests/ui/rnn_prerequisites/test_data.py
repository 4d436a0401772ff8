"""ui/rnn_prerequisites/data.py: the record's windows and the order demo the page draws."""

from __future__ import annotations

import numpy as np
import pytest

from ui.rnn_prerequisites import data as cached


@pytest.mark.parametrize(("seq_len", "stride"), [(576, 6), (1, 144), (864, 1), (24, 7)])
def test_every_window_lies_in_the_record_and_one_more_would_not(seq_len, stride):
    n, count = cached.record_steps(), cached.window_count(seq_len, stride)
    last = cached.window_start(count, stride)
    assert last + seq_len <= n < cached.window_start(count + 1, stride) + seq_len
    first, end = cached.window_hours(last, seq_len)
    assert end - first == pytest.approx(seq_len / 6) and end <= cached.RECORD_HOURS


def test_the_article_window_gives_145_samples():
    assert cached.record_steps() == 1440 and cached.window_count(576, 6) == 145
    assert cached.window_start(100, 6) == 594  # sample 100 covers steps 595–1170


def test_order_demo_shuffles_the_same_readings():
    demo = cached.order_demo(cached.window_start(3, 6), 24, 42)
    kept = demo.frame[demo.frame["order"] == "in time order"]["value"].to_numpy()
    shuffled = demo.frame[demo.frame["order"] == "shuffled"]["value"].to_numpy()
    np.testing.assert_array_equal(np.sort(kept), np.sort(shuffled))
    assert not np.array_equal(kept, shuffled) and not demo.in_order and demo.n_steps == 24
    record = cached.weather(42)
    temperature = record["temperature"].to_numpy()
    standardised = (temperature - temperature.mean()) / temperature.std()
    np.testing.assert_allclose(kept, standardised[12:36], atol=1e-12)  # the window of sample 3, steps 13–36
    assert demo.blind_original == pytest.approx(demo.blind_shuffled, abs=1e-12)
    assert demo.rnn_original != demo.rnn_shuffled


# ---------------------------------------------------------------------------------------------- spreadsheet
@pytest.mark.parametrize(("sheets", "rows", "cols"), [(2, 3, 4), (1, 1, 1), (4, 6, 6)])
def test_the_spreadsheet_nests_the_vector_in_the_matrix_in_the_tensor(sheets, rows, cols):
    cells = cached.spreadsheet(sheets, rows, cols, seed=7)
    parts = {p: cells[cells["part"] == p] for p in cached.SHEET_PARTS}
    for part, frame in parts.items():
        shape = cached.part_shape(part, sheets, rows, cols)
        assert len(frame) == int(np.prod(shape))
    tensor = parts["tensor"].sort_values(["sheet", "row", "column"])["value"].to_numpy().reshape(sheets, rows, cols)
    assert parts["matrix"].sort_values(["row", "column"])["value"].tolist() == tensor[0].ravel().tolist()
    assert parts["vector"].sort_values("row")["value"].tolist() == tensor[0, :, 0].tolist()
    assert cells["value"].between(0, 9).all()
    assert cells.equals(cached.spreadsheet(sheets, rows, cols, seed=7))


def test_shapes_are_written_as_python_writes_them():
    assert [cached.shape_text(cached.part_shape(p, 2, 3, 4)) for p in cached.SHEET_PARTS] == [
        "(3,)", "(3, 4)", "(2, 3, 4)"]
    assert cached.shape_text(np.zeros((3,)).shape) == str(np.zeros((3,)).shape)


# ---------------------------------------------------------------------------------- the CNN's semantic vector
def _keras_side(side: int) -> int:
    """Keras's own size rules, layer by layer: Conv2D 'valid' n − k + 1, MaxPooling2D ⌊(n − p)/s⌋ + 1; a
    layer whose input is smaller than its window fails (0 here)."""
    n = side
    for _ in range(4):
        if n < 3:
            return 0
        n = n - 3 + 1
        if n < 2:
            return 0
        n = (n - 2) // 2 + 1
    return n


def test_chollets_network_leaves_7_by_7_maps_and_6272_numbers_at_150():
    # Deep Learning with Python, listing 5.5's summary: (7, 7, 128) → Flatten 6272 → Dense 512 (3,211,776 weights)
    assert cached.feature_side(150) == 7 and cached.semantic_length(150) == 6272
    assert cached.semantic_length(150) * cached.DENSE_UNITS + cached.DENSE_UNITS == 3_211_776


def test_feature_side_follows_keras_size_rules_at_every_side_of_the_slider():
    assert [cached.feature_side(side) for side in range(16, 513)] == [_keras_side(side) for side in range(16, 513)]


def test_the_smallest_photo_the_network_takes_is_46_pixels():
    assert cached.feature_side(45) == 0 and cached.semantic_length(45) == 0
    assert cached.feature_side(46) == 1 and cached.semantic_length(46) == 128


# ---------------------------------------------------------------------------------- one sentence, three languages
def test_the_sentence_has_a_different_length_in_each_language():
    for first in cached.SENTENCES:
        vectors = cached.word_vectors(first, seed=42)
        lengths = vectors.groupby("language", sort=False)["t"].max().to_dict()
        assert lengths == {"English": 5, "German": 6, "Japanese": 7}
        assert (vectors.groupby(["language", "t"]).size() == cached.EMBED_DIM).all()


def _columns(vectors, language: str) -> dict[str, tuple]:
    one = vectors[vectors["language"] == language]
    return {token.lower(): tuple(g.sort_values("dim")["value"]) for token, g in one.groupby("token")}


def test_words_that_translate_each_other_share_a_vector_and_others_do_not():
    vectors = cached.word_vectors("cat", seed=3)
    en, de, ja = (_columns(vectors, lang) for lang in cached.SENTENCE_LANGUAGES)
    assert en["cat"] == de["katze"] == ja["猫"] and en["dog"] == de["hund"] == ja["犬"]
    assert en["chased"] == de["gejagt"] == ja["追いかけ"]
    every = [v for lang in (en, de, ja) for v in lang.values()]
    assert len(set(every)) == len(cached.sentence_concepts())  # one vector a concept, all different


def test_naming_the_dog_first_reorders_the_same_vectors():
    """Each language's two orders hold the same multiset of vectors (a sum over the steps is the same),
    in another order."""
    cat, dog = cached.word_vectors("cat", seed=9), cached.word_vectors("dog", seed=9)
    for language in cached.SENTENCE_LANGUAGES:
        a, b = (v[v["language"] == language] for v in (cat, dog))
        steps_a = [tuple(g["value"]) for _, g in a.groupby("t")]
        steps_b = [tuple(g["value"]) for _, g in b.groupby("t")]
        assert sorted(steps_a) == sorted(steps_b) and steps_a != steps_b
        assert np.array_equal(a.groupby("dim")["value"].sum().round(9), b.groupby("dim")["value"].sum().round(9))


def test_word_vectors_are_seeded_tenths_in_range_with_no_negative_zero():
    vectors = cached.word_vectors("cat", seed=11)
    assert vectors.equals(cached.word_vectors("cat", seed=11))
    assert not vectors["value"].equals(cached.word_vectors("cat", seed=12)["value"])
    values = vectors["value"].to_numpy()
    assert np.all(np.abs(values) <= 1) and np.allclose(values * 10, np.round(values * 10))
    assert not np.any(np.signbit(values[values == 0]))
    with pytest.raises(ValueError, match="first"):
        cached.word_vectors("bird", seed=1)


def test_ctc_cells_put_each_output_character_over_its_frames():
    from engine import sequences
    from ui.rnn_prerequisites import charts
    from ui.rnn_prerequisites import data as prereq

    res = sequences.ctc_collapse("hh-e-ll-lll-oo")
    cells = prereq.ctc_cells(res)
    frames = cells[cells["row"] == "frames"]
    runs = cells[cells["row"] == "runs merged"]
    out = cells[cells["row"] == "blanks dropped"]
    assert "".join(frames["symbol"]) == res.frames and (frames["end"] - frames["start"] == 1).all()
    assert "".join(runs["symbol"]) == res.merged and runs["end"].iloc[-1] == len(res.frames)
    assert "".join(out["symbol"]) == res.output == "hello"
    assert list(zip(out["start"], out["end"], strict=True)) == [(0, 2), (3, 4), (5, 7), (8, 11), (12, 14)]
    assert not out["blank"].any() and runs["blank"].sum() == res.merged.count("-")
    spec = charts.ctc_chart(cells, prereq.CTC_ROWS).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == list(prereq.CTC_ROWS)
