"""engine/sequences.py: the article's dense-layer argument (permute inputs and weights together) and the
CTC collapsing function, each against an independent computation."""

import itertools

import numpy as np
import pytest

from engine import sequences as s


def test_dense_layer_is_tanh_of_w_x_plus_b():
    W, b = s.init_dense(4, 6, 3)
    x = np.arange(6.0) / 6
    assert np.allclose(s.dense_layer(W, b, x), np.tanh(W @ x + b), atol=1e-15)


@pytest.mark.parametrize("perm", list(itertools.permutations(range(3))))
def test_permuting_inputs_and_weights_together_changes_nothing(perm):
    x = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])  # cat, cat, dog as one-hot (dog, cat)
    W, b = s.init_dense(3, 6, 42)
    res = s.dense_symmetry(W, b, x, list(perm))
    assert np.array_equal(res.both_permuted, res.original)  # exactly: the same products, summed exactly
    # an independent construction: a permutation matrix on the flattened input
    P = np.kron(np.eye(3)[list(perm)], np.eye(2))
    assert np.allclose(res.inputs_permuted, np.tanh(W @ (P @ x.ravel()) + b))
    assert np.allclose(res.both_permuted, np.tanh((W @ P.T) @ (P @ x.ravel()) + b))
    moved_equal_steps = np.array_equal(x[list(perm)], x)
    assert np.array_equal(res.inputs_permuted, res.original) == moved_equal_steps


def test_dense_symmetry_refuses_what_is_not_a_permutation():
    W, b = s.init_dense(2, 6, 0)
    x = np.zeros((3, 2))
    with pytest.raises(ValueError, match="permutation"):
        s.dense_symmetry(W, b, x, [0, 0, 1])
    with pytest.raises(ValueError, match="W must have"):
        s.dense_symmetry(W[:, :4], b, x, [0, 1, 2])
    with pytest.raises(ValueError, match="n_in"):
        s.init_dense(2, 0, 0)


def naive_collapse(frames, blank="-"):
    """B by its definition in two passes over a list: keep a symbol when it differs from the one before,
    then keep the non-blanks."""
    kept = [c for i, c in enumerate(frames) if i == 0 or c != frames[i - 1]]
    return "".join(c for c in kept if c != blank)


@pytest.mark.parametrize(("frames", "merged", "output"), [
    ("hh-e-ll-lll-oo", "h-e-l-l-o", "hello"),
    ("hheelllloo", "helo", "helo"),  # without a blank the double l merges
    ("--c-aa-t--", "-c-a-t-", "cat"),
    ("", "", ""),
    ("----", "-", ""),
])
def test_ctc_collapse_merges_repeats_then_drops_blanks(frames, merged, output):
    res = s.ctc_collapse(frames)
    assert (res.merged, res.output) == (merged, output)
    assert res.output == naive_collapse(frames)
    assert sum(n for _, n in res.runs) == len(frames)


def test_ctc_collapse_matches_the_naive_version_on_random_strings():
    gen = np.random.default_rng(0)
    for _ in range(200):
        frames = "".join(gen.choice(list("ab-"), size=gen.integers(0, 30)))
        assert s.ctc_collapse(frames).output == naive_collapse(frames)


def test_ctc_collapse_refuses_long_or_non_text_input():
    with pytest.raises(ValueError, match="at most"):
        s.ctc_collapse("a" * (s.MAX_FRAMES + 1))
    with pytest.raises(TypeError, match="text"):
        s.ctc_collapse(None)
    with pytest.raises(ValueError, match="single character"):
        s.ctc_collapse("ab", blank="")
