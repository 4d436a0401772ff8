"""ui/rnn_prerequisites/diagrams.py: DOT strings for the six RNN task types."""

from __future__ import annotations

import re

import pytest

from ui.rnn_prerequisites import diagrams as d


def nodes(dot: str) -> set[str]:
    return set(re.findall(r"^\s+(\w+) \[label=<", dot, flags=re.M))  # drawn nodes (HTML labels)


@pytest.mark.parametrize("key", d.TASK_KEYS)
@pytest.mark.parametrize("seq_len", [1, 5, 24, 576])
def test_every_task_type_draws(key, seq_len):
    dot = d.task_dot(key, seq_len)
    assert dot.startswith("digraph") and dot.count("{") == dot.count("}")
    assert "x1" in nodes(dot)


def test_task_types_have_their_shapes():
    many_to_one = nodes(d.task_dot("many_to_one", 5))
    assert "y5" in many_to_one and "y1" not in many_to_one and "x5" in many_to_one
    one_to_many = nodes(d.task_dot("one_to_many", 5))
    assert "x1" in one_to_many and "x2" not in one_to_many and "y5" in one_to_many
    seq2seq = d.task_dot("seq2seq", 4)
    assert "context" in seq2seq and "je" in seq2seq and "student" in seq2seq
    bidir = d.task_dot("bidirectional", 5)
    assert "g5 -> g1" not in bidir and "dir=back" in bidir and "bears" in bidir
    ner = d.task_dot("many_to_many", 6)
    assert "Roosevelt" in ner and "PER" in ner


def test_tokens_beyond_the_example_fall_back_to_symbols():
    dot = d.task_dot("many_to_many", 576)
    assert "<B>Teddy</B>" in dot and "x<SUB>576</SUB>" in dot and "⋯" in dot


def test_html_in_tokens_is_escaped():
    assert "&lt;eos&gt;" in d.task_dot("seq2seq", 4)


def test_unknown_task_raises():
    with pytest.raises(ValueError):
        d.task_dot("many_to_some", 3)


def test_drawn_columns_count_what_is_drawn():
    assert d.drawn_columns("one_to_one", 500) == 1
    assert d.drawn_columns("many_to_one", 3) == 3 and d.drawn_columns("many_to_one", 576) == 5
    assert d.drawn_columns("seq2seq", 576) == 3 + 4


@pytest.mark.parametrize("seq_len", [1, 5, 6, 7, 8, 576])
def test_elided_says_whether_a_diagram_draws_an_ellipsis(seq_len):
    for key in d.TASK_KEYS:
        assert d.elided(key, seq_len) == ("⋯" in d.task_dot(key, seq_len)), (key, seq_len)


def test_each_task_diagram_has_its_own_examples_length():
    """Not the weather window's: the sentiment diagram reads "this film was great fun", five steps, and
    every drawn input carries a word of its example (no x₅₇₆ after "fun")."""
    assert {key: d.task_steps(key) for key in d.TASK_KEYS} == {
        "one_to_one": 1, "one_to_many": 6, "many_to_one": 5, "many_to_many": 6, "seq2seq": 4, "bidirectional": 5}
    for spec in d.TASKS:
        steps = d.task_steps(spec.key)
        dot = d.task_dot(spec.key, steps)
        assert not d.elided(spec.key, steps) and "⋯" not in dot, spec.key
        words = spec.outputs if spec.key == "one_to_many" else spec.inputs
        assert f"<B>{words[-1]}</B>" in dot or spec.key == "one_to_one", spec.key
        drawn_inputs = {int(n) for n in re.findall(r"^\s+x(\d+) \[label=<", dot, flags=re.M)}
        assert drawn_inputs <= set(range(1, len(spec.inputs) + 1)), spec.key


# ----------------------------------------------------------------------------------- the CNN's semantic vector
def _view(side: int) -> d.SemanticView:
    from ui.rnn_prerequisites import data

    return d.SemanticView(side, data.feature_side(side), 128, data.semantic_length(side), 512,
                          d.task("one_to_many").outputs)


def test_the_semantic_vector_diagram_runs_from_the_photo_to_both_branches():
    dot = d.semantic_dot(_view(150))
    assert dot.startswith("digraph") and dot.count("{") == dot.count("}") and "rankdir=TB" in dot
    assert {"photo", "cnn", "sem", "dense", "label", "into"} <= nodes(dot)
    for a, b in [("photo", "cnn"), ("cnn", "sem"), ("sem", "dense"), ("dense", "label"), ("sem", "into"),
                 ("into", "h1"), ("h1", "h2"), ("h6", "w6")]:
        assert re.search(rf"^\s+{a} -> {b} \[", dot, flags=re.M), (a, b)
    for said in ("(3, 150, 150) tensor", "67,500 numbers", "(128, 7, 7) flattened", "6,272 numbers",
                 "feature extraction", "semantic vector", "dense classifier", "<B>dog</B>", "one to many"):
        assert said in dot, said
    words = [m for m in re.findall(r"w\d \[label=<<B>([^<]+)</B>>", dot)]
    assert words == list(d.task("one_to_many").outputs)  # the caption of section 4's one-to-many example
    assert "w5 -> h6" in dot  # each word is fed to the next step
    assert dot.index("cluster_classify") < dot.index("cluster_caption")  # the classifier drawn at the left


def test_the_semantic_vector_follows_the_photo_side():
    dot = d.semantic_dot(_view(100))
    assert "(3, 100, 100) tensor" in dot and "30,000 numbers" in dot and "(128, 4, 4)" in dot and "2,048" in dot
    small = d.semantic_dot(_view(40))
    assert "(3, 40, 40) tensor" in small and "no feature map left" in small and "too small" in small


@pytest.mark.parametrize("size", [12, 14])
def test_every_text_of_the_semantic_diagram_has_one_size(size):
    """A point is 4/3 px on screen: 14 pt gives 18.7 px, the projector's least; no text is set smaller."""
    dot = d.semantic_dot(_view(150), fontsize=size)
    assert set(re.findall(r"fontsize=(\d+)", dot)) == {str(size)}
    assert "POINT-SIZE" not in dot


@pytest.mark.parametrize("key", d.TASK_KEYS)
def test_a_task_diagram_for_a_projector_sets_every_text_at_14_points(key):
    """14 pt is 18.7 px at the diagram's own size; all but the bidirectional net turn to run down the page."""
    dot = d.task_dot(key, d.task_steps(key))
    turned = d.for_projector(key, dot)
    sizes = set(re.findall(r"fontsize=(\d+)", turned)) | set(re.findall(r'POINT-SIZE="(\d+)"', turned))
    assert sizes == {str(d.PROJECTOR_POINTS)}
    assert ("rankdir=LR" in turned) == (key not in d.RUNS_ACROSS)
    assert nodes(turned) == nodes(dot)  # the same graph, turned and set larger
