"""ui/simple_rnn/diagrams.py: DOT strings for the RNN folded and unfolded."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.ui.simple_rnn.dot_layout import COLUMN_PT, PROJECTOR_PT, svg_size
from ui.kit import dot as kit_dot
from ui.simple_rnn import diagrams as d

FOLDED_COLUMN_PT = 135  # the folded cell's column, a quarter of it less the gap: about 185 px = 139 pt


def nodes(dot: str) -> set[str]:
    return set(re.findall(r'^\s+(\w+) \[label=[<"]', dot, flags=re.M))  # drawn nodes


@pytest.mark.parametrize("seq_len", [1, 3, 5, 7, 576])
def test_unfolded_rnn_draws_its_window_around_t_and_balanced_braces(seq_len):
    dot = d.unfolded_rnn_dot(seq_len, step=seq_len)
    assert dot.startswith("digraph") and dot.count("{") == dot.count("}")
    names = nodes(dot)
    shown = [t for t in d.step_window(seq_len, seq_len) if t is not None]
    assert shown == list(range(max(1, seq_len - d.WINDOW + 1), seq_len + 1))  # the last WINDOW steps
    for t in shown:
        assert {f"x{t}", f"h{t}", f"o{t}", f"L{t}"} <= names
    assert ("h0" in names) == (shown[0] == 1) and ("⋯" in dot) == (seq_len > d.WINDOW)
    assert f'color="{kit_dot.ACCENT}", penwidth=2.6' in dot  # the scrubbed step is highlighted


@pytest.mark.parametrize(("seq_len", "t", "shown"), [
    (20, 1, [1, 2, 3, 4, 5, None]), (20, 10, [None, 8, 9, 10, 11, 12, None]), (20, 19, [None, 16, 17, 18, 19, 20]),
    (4, 2, [1, 2, 3, 4])])
def test_the_forward_window_holds_t_and_its_neighbours(seq_len, t, shown):
    assert d.step_window(seq_len, t) == shown


@pytest.mark.parametrize(("seq_len", "t", "k", "shown"), [
    (20, 20, 5, [None, 16, 17, 18, 19, 20]),  # the whole window k = 5
    (20, 20, 3, [None, 16, 17, 18, 19, 20]),  # the window and the step before it, where the error stops
    (20, 10, 7, [None, 3, 4, None, 9, 10, None]),  # a long window: its two ends
    (20, 20, 20, [1, 2, None, 19, 20]), (6, 6, 2, [None, 2, 3, 4, 5, 6])])
def test_the_backward_window_shows_where_the_error_stops(seq_len, t, k, shown):
    assert d.step_window(seq_len, backward=(t, k)) == shown
    assert sum(s is not None for s in shown) <= d.WINDOW


def test_backward_window_greys_states_it_does_not_reach():
    dot = d.unfolded_rnn_dot(6, backward=(6, 2))  # L_6 reaches h_6 and h_5 only
    for t in (5, 6):
        assert re.search(rf'h{t} \[label="h{d.u("", t)}".*fillcolor="{kit_dot.HIDDEN_FILL}"', dot)
    for t in (3, 4):
        assert re.search(rf'h{t} \[label="h{d.u("", t)}".*fillcolor="#f2f2f2"', dot)
    assert "h6 -> h5" in dot and "h5 -> h4" not in dot and "h1 " not in dot  # h_1 is left out: ⋯


def _unfolded_diagrams() -> dict[str, str]:
    """The folded cell and the unfolded network at their widest: long sequences, t in the middle."""
    out = {"folded": d.folded_rnn_dot()}
    for seq_len, t in ((200, 1), (200, 100), (200, 200), (3, 2)):
        out[f"forward T={seq_len} t={t}"] = d.unfolded_rnn_dot(seq_len, step=t)
    for seq_len, t, k in ((200, 100, 3), (200, 150, 60), (200, 200, 200), (20, 20, 5)):
        out[f"backward T={seq_len} t={t} k={k}"] = d.unfolded_rnn_dot(seq_len, backward=(t, k))
    return out


def test_unfolded_diagrams_use_projector_sized_text_without_sub():
    """Graphviz draws <SUB> smaller than its label: the unfolded diagrams use Unicode subscripts."""
    for name, dot in _unfolded_diagrams().items():
        after_header = dot.split(f"node [fontsize={d.STEP_FONT_PT}", 1)[1]  # the kit's smaller defaults first
        sizes = [float(size) for size in re.findall(r"fontsize=([\d.]+)", after_header)]
        assert sizes and min(sizes) >= PROJECTOR_PT, name
        assert "<SUB>" not in dot and "POINT-SIZE" not in dot, name
        assert "rankdir=BT" in dot, name  # inputs at the bottom, time to the right
        # nodes of a fixed size: the browser's Graphviz measures h₁₃₅ wider than dot does, and would widen
        # the diagram past the column (and so scale its labels below 18 px)
        assert "width=0.75, height=0.42, fixedsize=true" in dot, name


def test_unfolded_diagrams_fit_the_projector_column_without_being_scaled_down():
    for name, dot in _unfolded_diagrams().items():
        width, height, fonts = svg_size(dot)
        assert width <= COLUMN_PT and height <= 300, (name, width, height)
        assert min(fonts) >= PROJECTOR_PT, name
    assert svg_size(d.folded_rnn_dot())[0] <= FOLDED_COLUMN_PT  # beside the equations, a quarter of the column


def test_folded_rnn_has_a_self_loop():
    assert "h -> h" in d.folded_rnn_dot()




# ------------------------------------------------------------------------ neuron-level diagrams
def _dense(seed=42):
    from engine import rnn

    return rnn.dense_backprop(seed, 3, 3, 2)


def _balanced(dot: str) -> None:
    assert dot.startswith("digraph") and dot.rstrip().endswith("}") and dot.count("{") == dot.count("}")


@pytest.mark.parametrize("j", [1, 2, 3])
def test_dense_error_arrows_reach_neuron_j_labelled_with_w_kj_delta_k(j):
    net = _dense()
    dot = d.dense_backprop_dot(net, j)
    _balanced(dot)
    for k in (1, 2):
        arrow = next(line for line in dot.splitlines() if line.strip().startswith(f"h{j} -> y{k} ["))
        assert "dir=back" in arrow and kit_dot.ACCENT in arrow  # the error goes down, in red
        w, delta = net.W2[k - 1, j - 1], net.delta_out[k - 1]
        assert d.u("w", f"{k}{j}") + d.u("δ", k) in arrow
        assert f"= {d._num(w * delta)}>" in arrow  # w_kj δ_k with its value
    # the receiving neuron: the sum, the slope and δ_j
    total = net.terms[:, j - 1].sum()
    assert f"= {d._times(1 - net.h1[j - 1] ** 2, total)}" in dot
    assert f"<B>= {d._num(net.delta_hidden[j - 1])}</B>" in dot
    # every other hidden neuron only forwards (grey): no red arrow leaves it
    others = [h for h in (1, 2, 3) if h != j]
    assert not any(line.strip().startswith(f"h{h} -> y") and kit_dot.ACCENT in line
                   for h in others for line in dot.splitlines())
    assert dot.count(f'color="{kit_dot.ACCENT}", penwidth=2.4') == 2


def test_multi_line_labels_use_unicode_subscripts_not_graphviz_sub():
    """Graphviz's <SUB> is a separate lowered text run: in a multi-line label it lands on the next line."""
    from ui.simple_rnn.data import NeuronAt

    neuron = NeuronAt(t=137, unit=32, char=" ", bias=0.0, recurrent=-0.3, input=0.1, a=-0.2, h=-0.197)
    for dot in (d.dense_backprop_dot(_dense(), 2), d.folded_neurons_dot(17, 32, 17), d.unfolded_dcl_dot(200),
                d.split_neuron_dot(neuron)):
        _balanced(dot)
        assert "<SUB>" not in dot
    assert d.u("h", "t−1") == "hₜ₋₁" and d.u("w", 12) == "w₁₂"
    with pytest.raises(ValueError, match="subscript"):
        d.u("a", "q")


@pytest.mark.parametrize(("n", "shown"), [(1, [1]), (3, [1, 2, 3]), (4, [1, 2, None, 4]), (32, [1, 2, None, 32])])
def test_layers_show_at_most_three_neurons(n, shown):
    assert d.shown_units(n) == shown


def test_folded_neurons_have_full_connections_and_recurrent_arrows_from_one_neuron():
    dot = d.folded_neurons_dot(17, 8, 17)
    _balanced(dot)
    for a, b in (("x", "h"), ("h", "o")):
        for i in (1, 2, {"x": 17, "h": 8}[a]):
            for j in (1, 2, {"h": 8, "o": 17}[b]):
                assert f"  {a}{i} -> {b}{j} [" in dot
    recurrent = [line for line in dot.splitlines() if d.RECURRENT in line and "->" in line]
    assert len(recurrent) == 3 and all(line.strip().startswith("h1") for line in recurrent)
    assert "h1:n -> h1:ne" in dot  # the loop into itself
    assert "M = 17 units" in dot and "H = 8 units" in dot and "K = 17 units" in dot
    assert "x_gap" in dot and "h_gap" in dot


@pytest.mark.parametrize(("seq_len", "copies"), [(1, [1]), (3, [1, 2, 3]), (4, [1, 2, None, 4]),
                                                  (200, [1, 2, None, 200])])
def test_unfolding_copies_the_same_dense_net_with_the_same_weight_names(seq_len, copies):
    assert d.copies_shown(seq_len) == copies
    dot = d.unfolded_dcl_dot(seq_len)
    _balanced(dot)
    drawn = [t for t in copies if t is not None]
    for t in drawn:
        assert f'subgraph cluster_{t} {{ label="t = {t}"' in dot
        for r in "xho":
            assert all(f"  {r}{t}_{k} [" in dot for k in (1, 2))
        for a, b in (("x", "h"), ("h", "o")):  # every copy fully connected
            assert all(f"  {a}{t}_{p} -> {b}{t}_{q} [" in dot for p in (1, 2) for q in (1, 2))
        assert all(f"  bus{t} -> h{t}_{q} [" in dot for q in (1, 2))  # W into every hidden neuron
    assert dot.count("label=<U>") == dot.count("label=<V>") == dot.count("label=<W>") == len(drawn)
    assert "h0 -> bus1" in dot
    for before, after in itertools.pairwise(drawn):
        if after == before + 1:  # adjacent copies: every hidden neuron of one feeds the next's bus
            assert all(f"  h{before}_{p} -> bus{after} [" in dot for p in (1, 2))
    assert ("⋯" in dot) == (None in copies)


def test_split_neuron_shows_both_halves_with_their_numbers():
    from ui.simple_rnn.data import NeuronAt

    neuron = NeuronAt(t=5, unit=3, char="e", bias=0.01, recurrent=-0.25, input=0.5, a=0.26, h=0.254)
    dot = d.split_neuron_dot(neuron)
    _balanced(dot)
    assert 'PORT="pre"' in dot and 'PORT="post"' in dot
    assert "pre-activation" in dot and "= 0.260" in dot and "post-activation" in dot and "= 0.254" in dot
    assert "hidden unit i = 3 at step t = 5" in dot
    assert "h₄ (all H units)" in dot and "x₅ = onehot('e')" in dot and "a₆ (next step)" in dot
    assert "= −0.250" in dot and "U[3, 'e']" in dot and "b₃ = 0.010" in dot
    assert "-> neuron:pre:s" in dot and "neuron:post:n -> o" in dot
    first = d.split_neuron_dot(NeuronAt(t=1, unit=1, char=" ", bias=0, recurrent=0, input=0.1, a=0.1, h=0.1))
    assert "h₀ (all H units)" in first and "onehot(space)" in first


def _neuron_diagrams() -> dict[str, str]:
    """Each neuron-level diagram at its widest: long numbers, 32 hidden units, T = 200, step 200."""
    from ui.simple_rnn.data import NeuronAt

    wide = NeuronAt(t=200, unit=32, char=" ", bias=-0.123, recurrent=-1.234, input=-0.567, a=-1.924, h=-0.958)
    dense = {f"dense {seed} j={j}": d.dense_backprop_dot(_dense(seed), j) for seed in (3, 7, 38) for j in (1, 2, 3)}
    return {**dense, "folded": d.folded_neurons_dot(17, 32, 17), "copies": d.unfolded_dcl_dot(200),
            "split": d.split_neuron_dot(wide)}


def test_neuron_diagrams_ask_for_projector_sized_text():
    for name, dot in _neuron_diagrams().items():
        after_header = dot.split(f"node [fontsize={d.FONT_PT}]", 1)[1]  # the kit's smaller defaults come first
        sizes = [float(size) for size in re.findall(r"fontsize=([\d.]+)", after_header)]
        assert sizes and min(sizes) >= PROJECTOR_PT, name
        assert 'POINT-SIZE="' not in dot, name  # no label made smaller inside


def test_neuron_diagrams_fit_the_projector_column_without_being_scaled_down():
    """Laid out by Graphviz's dot (where installed), each stays narrower than the column, so the browser
    draws it at its own size and its labels at 18 px or more."""
    for name, dot in _neuron_diagrams().items():
        assert svg_size(dot)[0] <= COLUMN_PT, name
