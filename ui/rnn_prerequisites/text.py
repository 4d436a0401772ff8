"""Text of the RNN-prerequisites page: title, intro, section leads, captions and formulas with live numbers."""

from __future__ import annotations

from engine import sequences

N_FEATURES = len(sequences.FEATURES)

TITLE = "Sequence data and RNN task types"
INTRO = (
    "A neural network is a mapping from inputs to outputs. A dense layer maps a fixed number of "
    "numbers in a fixed arrangement; **sequence data** (weather readings, words, notes) comes in "
    "varying lengths, and its **order** carries meaning. A recurrent network reads a sequence one time "
    "step at a time, so one set of weights handles any length and every order."
)
REFERENCES = (
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, ch. 10 "
    "— [deeplearningbook.org](https://www.deeplearningbook.org/contents/rnn.html)",
    "Karpathy (2015), The unreasonable effectiveness of recurrent neural networks (one-to-many … "
    "many-to-many) — [karpathy.github.io](https://karpathy.github.io/2015/05/21/rnn-effectiveness/)",
    "Sutskever, Vinyals & Le (2014), Sequence to sequence learning with neural networks, NeurIPS",
    "Schuster & Paliwal (1997), Bidirectional recurrent neural networks, *IEEE Trans. Signal Processing* 45(11)",
    "Chollet (2017), *Deep Learning with Python*, §6.3 (weather windows every ten minutes, Jena record)",
)

# ----------------------------------------------------------------------- 1 · sequence data as a tensor
SEQUENCES = ("1 · Sequence data as a tensor", (
    "A weather station writes temperature, pressure, wind and humidity every ten minutes. To learn "
    "from it, the record is cut into windows of equal length: samples × time steps × features."))


def record_caption(sample: int, count: int, start: int, seq_len: int) -> str:
    """What the shaded band of the record is: which sample, which steps, how long."""
    steps = f"step {start + 1}" if seq_len == 1 else f"steps {start + 1}–{start + seq_len}"
    hours = seq_len / sequences.STEPS_PER_HOUR
    return (f"Ten days of synthetic weather, one reading every ten minutes. The shaded band is sample "
            f"{sample} of {count}: {steps}, {seq_len * 10:,} minutes ({hours:.3g} hours).")


def tensor_shape(count: int, seq_len: int) -> str:
    return (rf"\text{{windows}}:\ \underbrace{{({count},\ {seq_len},\ {N_FEATURES})}}_{{\text{{samples}}"
            rf"\ \times\ \text{{time steps}}\ \times\ \text{{features}}}}")


def sample_count(n: int, seq_len: int, stride: int, count: int) -> str:
    return (rf"\text{{samples}} = \Big\lfloor \frac{{N - L}}{{s}} \Big\rfloor + 1 = "
            rf"\Big\lfloor \frac{{{n} - {seq_len}}}{{{stride}}} \Big\rfloor + 1 = {count}")


def tensor_note(n: int, seq_len: int, stride: int) -> str:
    return (f"A record of N = {n:,} steps and {N_FEATURES} features, cut into windows of "
            f"L = {seq_len} steps every s = {stride} steps, is a 3-D tensor. One sample is a "
            f"{seq_len} × {N_FEATURES} table: the RNN reads its rows one time step at a time.")


def first_rows_caption(sample: int) -> str:
    return f"The first rows (up to one hour) of sample {sample}: its first time steps, one column per feature."


CORRECTION = (f"96 hours sampled every ten minutes are 96 × 6 = **{sequences.steps_for_hours(96)}** time "
              "steps, not 574. Set the sequence length to 576 to see that window.")


# ------------------------------------------------------------------------------ 2 · order matters
def order_lead(seq_len: int) -> tuple[str, str]:
    """Section 2's header and idea, with the dense layer's input count for this sequence length."""
    return ("2 · Why dense layers and CNNs don't fit: order matters", (
        f"A dense layer on a flattened window needs exactly {seq_len} × 4 = {seq_len * 4:,} inputs, each with "
        "its own weights: a window of another length does not fit, and nothing is shared between time "
        "steps. Models that pool over the steps (a bag of readings) accept any length but are blind to "
        "order. Below, the same window goes in as recorded and with its steps shuffled."))


ORDER_BLIND = r"\text{order-blind: } o = c + V \tanh\Big(U \tfrac{1}{T}\textstyle\sum_t x_t + b\Big)"
RNN_OUTPUT = r"\text{RNN: } o_T = c + V h_T,\ h_t = \tanh(\dots + W h_{t-1})"


def change(before: float, after: float) -> str:
    """The metric delta: the change, or "unchanged" when shuffling left the answer as it was (a mean over
    the steps summed in another order may differ in the last bit: that is not a change)."""
    return "unchanged" if abs(after - before) <= 1e-12 * max(1.0, abs(before)) else f"{after - before:+.4f}"


def order_chart_caption(in_order: bool) -> str:
    return ("The temperature of the shaded window in time order and after shuffling its steps. "
            + ("Same values, a different sequence." if not in_order else
               "This shuffle happened to keep the order: try another seed."))


def order_note(demo) -> str:
    """What shuffling did to each model's answer (``demo``: data.OrderDemo)."""
    same = demo.blind_original == demo.blind_shuffled
    return (f"Both use the same U, b, V, c (untrained, seeded). The order-blind answer is "
            f"{'exactly' if same else 'not'} the same after shuffling; the RNN's answer "
            f"{'changes' if demo.rnn_original != demo.rnn_shuffled else 'does not change'}"
            f"{' (one step has no order to change)' if demo.n_steps == 1 else ''}"
            f"{' (this shuffle happened to keep the order: try another seed)' if demo.in_order else ''}.")


# ----------------------------------------------------------------------------------- 3 · task types
def tasks_lead(seq_len: int) -> tuple[str, str]:
    """Section 3's header and idea, naming the number of steps the diagrams are unfolded over."""
    return ("3 · Types of RNN tasks, unfolded", (
        f"The same recurrent cell, wired differently. Each diagram is unfolded over the chosen "
        f"{seq_len} time step{'s' if seq_len != 1 else ''} (long sequences are drawn with ⋯); inputs at the "
        "bottom, hidden states in the middle, outputs on top."))
