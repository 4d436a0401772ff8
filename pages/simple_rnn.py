"""Simple RNN: forward propagation unfolded, back-propagation through time, vanishing gradients."""

import streamlit as st

from ui import controls, present
from ui.frame import frame
from ui.simple_rnn import data as cached
from ui.simple_rnn import sections as sections
from ui.simple_rnn.diagrams import folded_rnn_dot

fr = frame("simple_rnn")

st.title("Simple RNN and back-propagation through time")
st.markdown(
    "A simple RNN reads a sequence one step at a time and keeps a hidden state h_t, its memory. "
    "**Unfolded** in time it is an ordinary deep network whose layers all share the same weights, so "
    "back-propagation works on it: every step adds its own contribution to the gradient of the shared "
    "W, and the sum is applied **once**. Here an untrained RNN predicts the next character of a short "
    "text; move the sliders and watch the numbers."
)

left, mid, right = st.columns(3)
seq_len = controls.int_slider("Sequence length T (seq_len)", "seq_len", 1, 200, 20, where=left,
                              help="Number of time steps the network is unfolded over.")
n_hidden = controls.int_slider("Hidden size H", "hidden", 2, 32, 8, where=mid,
                               help="Number of hidden units (rows of W).")
rho = controls.float_slider("Recurrent scale ρ of W", "rho", 0.1, 3.0, 0.9, step=0.05, where=right,
                            help="W is ρ times a random orthogonal matrix: every singular value, and "
                                 "the spectral radius, equals ρ.")
run = cached.rnn_run(seq_len, n_hidden, rho, fr.seed)


present.section("1 · Forward propagation, unfolded", (
    "Folded, an RNN is one cell with a loop: the hidden state goes back in at the next step. "
    "Unfolding draws one copy per step. Pick a step to see its numbers."))
folded, explain = st.columns([1, 3])
with folded:
    st.graphviz_chart(folded_rnn_dot(), width="content")
with explain:
    present.formula(r"a_t = b + W h_{t-1} + U x_t,\qquad h_t = \tanh(a_t)")
    present.formula(r"o_t = c + V h_t,\qquad \hat y_t = \mathrm{softmax}(o_t),\qquad "
                    r"L = \sum_t -\log \hat y_t[\text{target}_t]")
    st.markdown(f"Text: `{run.task.chars}` · vocabulary of {len(run.task.vocab)} characters, so "
                f"x_t and ŷ_t have {len(run.task.vocab)} entries; U is {n_hidden}×{len(run.task.vocab)}, "
                f"W is {n_hidden}×{n_hidden}, V is {len(run.task.vocab)}×{n_hidden}.")
step = controls.index_slider("Time step t", "t", seq_len, seq_len,
                             help="Scrub through time: ← → after clicking the slider.")
sections.forward_section(run, step)

present.section("2 · Back-propagation through time", (
    "The error of each loss L_t flows back through every earlier step, because h_t depended on them "
    "all. Gradients differ from step to step; the parameters do not: the per-step contributions are "
    "summed into one gradient. **Truncated BPTT** stops each L_t's error after k steps."))
k = controls.index_slider("Truncation window k", "k", seq_len, max(1, seq_len // 4),
                             help="Each L_t back-propagates through steps t−k+1..t only; k = T is full BPTT.")
cut = cached.truncated(seq_len, n_hidden, rho, fr.seed, k)
sections.bptt_section(run, cut, step, k)

present.section("3 · Vanishing and exploding gradients", (
    "Going back one step multiplies the error by ∂h_t/∂h_{t−1} = diag(1 − h_t²) W. Over T − t steps "
    "these products shrink or grow exponentially, depending on the size of W: change ρ above."))
sections.vanishing_section(run)

present.references([
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, §10.1–10.2 (unfolding, BPTT) "
    "— [deeplearningbook.org](https://www.deeplearningbook.org/contents/rnn.html)",
    "Pascanu, Mikolov & Bengio (2013), On the difficulty of training recurrent neural networks, ICML",
    "Williams & Peng (1990), An efficient gradient-based algorithm for on-line training of recurrent "
    "network trajectories, *Neural Computation* 2(4) (truncated BPTT)",
    "Saxe, McClelland & Ganguli (2014), Exact solutions to the nonlinear dynamics of learning in deep "
    "linear neural networks, ICLR (orthogonal initialisation)",
])
