"""LSTM back-propagation as chain rules on a graph, gradients through time, and gradient clipping."""

from dataclasses import replace

import streamlit as st

from engine import training
from ui import controls, present
from ui.frame import frame
from ui.lstm_backprop import charts as charts
from ui.lstm_backprop import data as cached
from ui.lstm_backprop import diagrams as diagrams
from ui.lstm_backprop import sections as sections
from ui.lstm_backprop import text as eq

fr = frame("lstm_backprop")
st.title("LSTM back-propagation and gradient clipping")
st.markdown(
    "Back-propagation is the chain rule applied on a graph: every variable collects the error of each "
    "arrow that leaves it, multiplied by that arrow's local derivative. In an LSTM one of those arrows, "
    "the cell's *highway* $c_{t-1} \\to c_t$, only multiplies by the forget gate, so errors can travel far "
    "back in time. When they grow instead, one gradient step can throw a network off a cliff: "
    "**clipping** bounds the step.")

# ------------------------------------------------------------------------------------------ chain rule
present.section("1 · Chain rules on a graph", "The variables of one step, and every path by which the "
                "error of the loss reaches $c_{t-1}$, $y_{t-1}$ or the parameters. Back-propagation multiplies "
                "along each path and adds where paths meet. Pick a unit and a step: the numbers below are "
                "that unit's deltas in a small seeded LSTM (4 units, 8 steps, peepholes on).")
left, mid, right = st.columns(3)
t = controls.int_slider("Time step t", "step", 1, 8, 5, where=left)
unit = controls.int_slider("Unit j", "j", 1, 4, 1, where=mid)
source = controls.choice("Paths to", "path", list(diagrams.SOURCES), "c_prev", labels=diagrams.SOURCES,
                         where=right)
numbers = cached.delta_terms(fr.seed, t, unit)
st.graphviz_chart(diagrams.step_graph_dot(source, numbers, unit=unit, t=t), width="stretch")
st.caption(f"Step t = {t}, unit {unit}; δ = the error each variable collects. Errors flow against the "
           "arrows; highlighted are those that carry an error back to the chosen variable. The only arrow "
           "from $c_{t-1}$ that avoids every gate derivative is the highway, $\\odot f_t$.")
for line in eq.delta_equations(numbers, t, last=t == 8):
    present.formula(line)
present.formula(eq.PARAMETER_GRADIENTS)
sections.gradient_check_badge(fr.seed)

# ------------------------------------------------------------------------------------------ through time
present.section("2 · Gradients through time", "A loss at the last step sends an error of size 1 back "
                "through time. In a simple RNN every step multiplies it by $\\mathrm{diag}(1 - h_t^2)\\,W$; "
                "in the LSTM the cell's share is multiplied by the forget gates. Raise the forget-gate bias to open "
                "the highway; scale the recurrent weights to make the RNN's error vanish or explode.")
left, mid, right = st.columns(3)
seq_len = controls.int_slider("Sequence length T", "seq_len", 10, 500, 100, step=10, where=left)
forget_bias = controls.float_slider("Forget-gate bias b_f", "fbias", -3.0, 6.0, 1.0, step=0.5, where=mid)
scale = controls.float_slider("Recurrent weight scale ρ", "rscale", 0.1, 3.0, 1.0, step=0.1, where=right,
                              help="Simple RNN: W = ρQ with Q orthogonal (‖W‖₂ = ρ). LSTM: R ← ρR.")
flow, summary = cached.flow_frame(seq_len, forget_bias, scale, fr.seed)
caption = sections.flow_notes(summary, seq_len)
present.show_chart(charts.flow_chart(flow, seq_len), flow, name="gradient_flow", caption=caption)
present.formula(r"\begin{gathered}\frac{\partial c_t}{\partial c_{t-1}} \supseteq \operatorname{diag}(f_t)"
                r"\;\Rightarrow\;\prod_{k=t+1}^{T} f_k \\ \frac{\partial h_t}{\partial h_{t-1}} = "
                r"\operatorname{diag}(1-h_t^2)\,W,\quad \Big\lVert\frac{\partial h_T}{\partial h_t}\Big\rVert"
                r" \le (\lVert W\rVert_2\,\gamma)^{T-t}\end{gathered}")

# ------------------------------------------------------------------------------------------ cliff
present.section("3 · Clipping on the cliff", "A one-unit recurrent net, $x_t = w\\,\\sigma(x_{t-1}) + b$ over 20 "
                "steps, has a loss surface with a wall: on one side $x_T$ settles on one fixed point, on the "
                "other on another. Gradient descent ($\\eta = 0.05$) walks towards the wall from the same "
                "start three times: plain, with the norm clipped at $\\tau$, and with each component clipped "
                "at $\\tau/\\sqrt2$.")
left, right = st.columns([2, 1])
clip = controls.float_slider("Clipping threshold τ", "clip", 0.1, 10.0, 1.0, step=0.1, where=left)
wide = controls.toggle("Show every point", "zoom", False, where=right,
                       help="Widen the picture until it holds every point the runs visited.")
runs, run_summary = cached.cliff_runs(clip)
window = cached.cliff_window(wide, runs)
surface = cached.cliff_surface(window)
present.show_chart(charts.cliff_chart(surface, runs, window), runs, name="cliff_trajectories",
                   key="cliff_chart",
                   caption="Dark is high loss. Where the shading jumps is the cliff: a step that lands "
                           "on it gets a gradient hundreds of times larger than on the plain. Diamonds "
                           "are clipped steps.")
left, right = st.columns([2, 1] if fr.present else [3, 1])  # metrics readable at 1024 px on a projector
with left:
    present.show_chart(charts.cliff_loss_chart(runs), None, name="cliff_loss",
                       caption="The loss along each descent. The plain run's jump up is the step that landed "
                               "on the wall; its gradient there was hundreds of times the usual size. A clipped "
                               "run that reaches the wall bounces back: its steps stay ≤ η·τ.")
sections.cliff_metrics(run_summary, wide, right)
present.formula(eq.CLIFF_MODEL)
present.formula(eq.NORM_CLIPPING)
present.formula(eq.VALUE_CLIPPING)

# ------------------------------------------------------------------------------------------ training
present.section("4 · Clipping in training", "An LSTM (8 units, solid lines) learns the adding problem of Hochreiter & "
                "Schmidhuber: two numbers in a sequence are marked, the answer is their sum. Both runs "
                "start from the same weights and see the same batches; one clips the global gradient "
                "norm at $\\tau$ after each back-propagation pass. A simple RNN of the same size (dashed) "
                "gets the same treatment.")
left, mid, right, last = st.columns(4)
train_clip = controls.float_slider("Threshold τ", "tclip", 0.05, 5.0, 0.5, step=0.05, where=left)
lr = controls.float_slider("Learning rate η", "eta", 0.1, 2.0, 0.8, step=0.1, where=mid)
train_len = controls.int_slider("Sequence length", "tlen", 5, 60, 10, step=5, where=right)
with_rnn = controls.toggle("Simple RNN", "rnn", True, where=last,
                           help="Train a simple RNN of the same size on the same batches (dashed lines).")
full = training.TrainConfig(seq_len=train_len, lr=lr, clip=train_clip, seed=fr.seed)
config = training.within_budget(full, cached.PAGE_WORK)
configs = {"lstm": config, **({"rnn": replace(config, model="rnn")} if with_rnn else {})}
train_runs = sections.training_runs(configs)
present.budget_note(f"{2 * len(configs)} runs of {config.n_steps} steps, {config.batch_size} sequences per "
                    f"step (an LSTM run is {config.work / 1e6:.0f} million multiply-adds); each run is "
                    "trained once and kept, and moving τ retrains only the clipped runs."
                    + (f" Sequences of {train_len} steps get {config.n_steps} steps instead of {full.n_steps} "
                       "so the page answers in about a second; at this length both counts are far too few to "
                       "learn the sum, so watch the gradient norms rather than the loss."
                       if config.n_steps < full.n_steps else ""))
log = cached.training_frame(train_runs)
sections.training_metrics(train_runs)
present.show_chart(charts.training_loss_chart(log, training.MEAN_BASELINE), log, name="training_loss",
                   caption="Faint: the loss of each batch; bold: its running mean. Below the dashed line a "
                           "run has learned more than 'always answer 1'. One huge early step can saturate "
                           "the gates: the unclipped run then sits on that line.")
present.show_chart(charts.training_norm_chart(log, train_clip), log, name="training_grad_norm",
                   caption="Gradient norm before clipping; a tick along the top for every clipped step (its "
                           "length was cut to η·τ). The clipped run sees norms above τ all along and still "
                           "moves at a bounded pace.")

present.references([
    "Greff, Srivastava, Koutník, Steunebrink & Schmidhuber (2017), *LSTM: A Search Space Odyssey*, "
    "IEEE TNNLS 28(10) — the forward and backward equations used here.",
    "Pascanu, Mikolov & Bengio (2013), *On the difficulty of training recurrent neural networks*, "
    "ICML — the cliff, vanishing and exploding gradients, norm clipping (Algorithm 1).",
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, §10.2, §10.7, §10.11 and fig. 10.17.",
    "Hochreiter & Schmidhuber (1997), *Long short-term memory*, Neural Computation 9(8) — the adding "
    "problem (experiment 4).",
    "PyTorch `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`: the clipping rules reproduced here.",
])
