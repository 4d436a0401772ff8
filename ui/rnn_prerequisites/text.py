"""Text of the RNN-prerequisites page: title, intro, section leads, captions and formulas with live numbers."""

from __future__ import annotations

from engine import sequences
from ui.kit.numbers import fixed

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


# ----------------------------------------------------------------------------------- text alternatives
# One description per chart and diagram: what it draws, with the numbers of this view, for a screen
# reader (the caption under it says what to notice).
def weather_description(feature: str, values, unit: str, sample: int, hours: tuple[float, float]) -> str:
    """One panel of the weather record: the feature's range and the shaded window."""
    unit = f" {unit}" if unit and unit != "%" else unit
    low, high = fixed(min(values), 1, minus="−"), fixed(max(values), 1, minus="−")
    return (f"{feature.capitalize()} over the ten-day record, from {low} to {high}{unit}; "
            f"a band shades sample {sample}, hours {hours[0]:.3g} to {hours[1]:.3g}.")


def order_description(values, n_steps: int, sample: int) -> str:
    """The order chart: the window's temperature in its own order and shuffled."""
    steps = "its one step" if n_steps == 1 else f"its {n_steps:,} steps"
    return (f"Two lines over {steps}: the standardised temperature of sample {sample} in time order (solid) "
            f"and with the steps shuffled (dashed), the same values from {fixed(min(values), 2, minus='−')} to "
            f"{fixed(max(values), 2, minus='−')} in two orders.")


_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(symbol: str, t: int) -> str:
    return f"{symbol}{str(t).translate(_SUBSCRIPT)}"


def _chain(symbol: str, steps: int) -> str:
    """x₁ for one step, x₁, x₂ for two, x₁ … x₅₇₆ for more."""
    if steps == 1:
        return _sub(symbol, 1)
    return f"{_sub(symbol, 1)}, {_sub(symbol, 2)}" if steps == 2 else f"{_sub(symbol, 1)} … {_sub(symbol, steps)}"


def _words(tokens, steps: int) -> str:
    """The example's words the diagram writes on its first ``steps`` nodes."""
    shown = list(tokens[:steps])
    return "“" + " ".join(shown) + (" …" if steps > len(tokens) else "") + "”"


def task_description(spec, seq_len: int, elided: bool) -> str:
    """A task diagram (``spec``: diagrams.TaskType) unfolded over ``seq_len`` steps; ``elided``: its middle
    steps are drawn as ⋯."""
    steps = f"unfolded over {seq_len:,} step{'s' if seq_len != 1 else ''}"
    gap = " (the middle steps drawn as ⋯)" if elided else ""
    x, h, y = _chain("x", seq_len), _chain("h", seq_len), _chain("y", seq_len)
    ins, outs = _words(spec.inputs, seq_len), _words(spec.outputs, seq_len)
    if spec.key == "one_to_one":
        return (f"{spec.title}: one input x₁ ({_words(spec.inputs, 1)}) feeds one hidden state h₁, which "
                f"gives one output y₁ ({_words(spec.outputs, 1)}); no time steps.")
    if spec.key == "one_to_many":
        body = (f"one input x₁ ({_words(spec.inputs, 1)}) starts the hidden states {h}; each gives an output, "
                f"{y} ({outs}), fed back as the next step's input")
    elif spec.key == "many_to_one":
        body = (f"inputs {x} ({ins}) feed the hidden states {h}; only the last gives an output, "
                f"{_sub('y', seq_len)} (“{spec.outputs[0]}”)")
    elif spec.key == "many_to_many":
        body = f"inputs {x} ({ins}) feed the hidden states {h}; each gives its own label, {y} ({outs})"
    elif spec.key == "seq2seq":
        n_out = len(spec.outputs)
        return (f"{spec.title}, the encoder {steps}{gap}: inputs {x} ({ins}) feed the encoder states {h}; the "
                f"last is the context from which {n_out} decoder states {_chain('s', n_out)} write {n_out} "
                f"outputs {_chain('y', n_out)} ({_words(spec.outputs, n_out)}), each fed to the next decoder step.")
    else:  # bidirectional
        body = (f"inputs {x} ({ins}) feed a forward chain h→ from step 1 to {seq_len:,} and a backward chain "
                f"h← from step {seq_len:,} to 1; each output {y} ({outs}) reads both")
    return f"{spec.title}, {steps}{gap}: {body}."
