"""Text of the RNN-prerequisites page: title, intro, section leads, captions and formulas with live numbers."""

from __future__ import annotations

from engine import sequences
from ui.kit.numbers import fixed
from ui.rnn_prerequisites.opening import INTRO, TITLE  # noqa: F401 (the page draws them first, see ui.opening)

N_FEATURES = len(sequences.FEATURES)

REFERENCES = (
    "Goodfellow, Bengio & Courville (2016), *Deep Learning*, ch. 10 "
    "— [deeplearningbook.org](https://www.deeplearningbook.org/contents/rnn.html)",
    "Karpathy (2015), The unreasonable effectiveness of recurrent neural networks (one-to-many … "
    "many-to-many) — [karpathy.github.io](https://karpathy.github.io/2015/05/21/rnn-effectiveness/)",
    "Sutskever, Vinyals & Le (2014), Sequence to sequence learning with neural networks, NeurIPS",
    "Schuster & Paliwal (1997), Bidirectional recurrent neural networks, *IEEE Trans. Signal Processing* 45(11)",
    "Chollet (2017), *Deep Learning with Python*, §5.2 (a CNN that tells dogs from cats on 150 × 150 colour "
    "images) and §6.3 (weather windows every ten minutes, Jena record)",
    "Graves, Fernández, Gomez & Schmidhuber (2006), Connectionist temporal classification: labelling "
    "unsegmented sequence data with recurrent neural networks, ICML — the collapsing function B",
    "Vinyals, Toshev, Bengio & Erhan (2015), Show and tell: a neural image caption generator, CVPR — a CNN's "
    "image vector starts the caption-writing RNN",
)

# ------------------------------------------------------------------------- 1 · networks as mappings
MAPPINGS = ("1 · A network is a mapping of tensors", (
    "Forget spider webs and brain tissue: a neural network is a mapping, like y = ax + b, only its x and y "
    "are vectors or tensors. Picture a spreadsheet: a **vector** is one column, a **matrix** is one sheet "
    "of rows and columns, a **tensor** is a stack of sheets. A colour image is a (3, height, width) "
    "tensor: one sheet of pixel values per colour channel, red, green and blue."))


def picture_description(picture, channels: tuple[str, ...]) -> str:
    """The toy picture's channels: shape and each channel's range and mean (``picture``: (3, H, W) ints)."""
    c, h, w = picture.shape
    parts = "; ".join(f"{name} from {int(picture[k].min())} to {int(picture[k].max())}, mean "
                      f"{picture[k].mean():.0f}" for k, name in enumerate(channels))
    return (f"Three {h} × {w} grids of numbers, one per colour channel of a toy picture (a ({c}, {h}, {w}) "
            f"tensor), each cell labelled with its value from 0 to 255: {parts}.")


def composite_description(picture) -> str:
    """The toy picture drawn from its three channels."""
    _, h, w = picture.shape
    return (f"The toy picture the three sheets make, {h} by {w} pixels: a blue sky over green ground, with a "
            "yellow sun in the top right corner.")


def classifier(side: int) -> str:
    """The dog-or-cat CNN as a mapping, with the input's size for an image of ``side`` × ``side`` pixels."""
    return (rf"\underbrace{{(3,\ {side},\ {side})}}_{{3 \cdot {side}^2\ =\ {3 * side * side:,}\ \text{{numbers}}}}"
            r"\ \xrightarrow{\ \text{CNN}\ }\ \text{semantic vector}"
            r"\ \xrightarrow{\ \text{dense}\ }\ \begin{cases} (1, 0) & \text{dog} \\ (0, 1) & \text{cat}"
            r"\end{cases}")


def mapping_note(side: int) -> str:
    """What the classifier maps, with the input size of the photo side chosen (the fixed 150 said once)."""
    fixed_size = 3 * 150 * 150
    if side == 150:
        size = "That is the side chosen above; at any other side the count would differ, and "
    else:
        size = f"At {side} × {side} pixels the input would be {3 * side * side:,} numbers; "
    return (f"Chollet's dog-or-cat classifier first moulds every photo, whatever its size, into a (3, 150, 150) "
            f"tensor: {fixed_size:,} numbers. {size}the network takes one fixed size only. Its convolutional part "
            "extracts features and ends in a vector the article calls a **semantic vector**: pictures that mean "
            "similar things get nearby vectors even when their pixels differ. A dense classifier maps that vector "
            "to the class, in the article's words (1, 0) for a dog or (0, 1) for a cat (see the note). The same "
            "semantic vector, after a transformation, is the one input an image-captioning RNN starts from (one "
            "to many, section 4). An RNN is a mapping too: from sequences to sequences.")


MAPPING_CORRECTION = (
    "it writes the classifier's output as the pair (1, 0) for a dog or (0, 1) for a cat. The network in "
    "Chollet's *Deep Learning with Python* (§5.2) ends in **one sigmoid unit**: a single number p in (0, 1), the "
    "probability of one class, trained with binary cross-entropy. The one-hot pair is the article's "
    "simplification; it is what a two-unit softmax would aim for, and such a softmax is equivalent: its pair "
    "(p, 1 − p) is a sigmoid of the difference of its two inputs.")


# ----------------------------------------------------------------------- 2 · sequence data as a tensor
SEQUENCES = ("2 · Sequence data as a tensor", (
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


def tensor_sentence(count: int, seq_len: int) -> str:
    """The tensor the windows make, in words: its shape and what each axis counts."""
    return (f"Cut into windows, the record is one tensor of shape **({count:,}, {seq_len:,}, {N_FEATURES})**: "
            f"{count:,} samples × {seq_len:,} time steps × {N_FEATURES} features (two of them drawn here, all "
            "four in section 2).")


def sample_count(n: int, seq_len: int, stride: int, count: int) -> str:
    return (rf"\text{{samples}} = \Big\lfloor \frac{{N - L}}{{s}} \Big\rfloor + 1 \qquad = "
            rf"\Big\lfloor \frac{{{n} - {seq_len}}}{{{stride}}} \Big\rfloor + 1 = {count}")


def tensor_note(n: int, seq_len: int, stride: int) -> str:
    return (f"A record of N = {n:,} steps and {N_FEATURES} features, cut into windows of "
            f"L = {seq_len} steps every s = {stride} steps, is a 3-D tensor. One sample is a "
            f"{seq_len} × {N_FEATURES} table: the RNN reads its rows one time step at a time.")


def first_rows_caption(sample: int) -> str:
    return f"The first rows (up to one hour) of sample {sample}: its first time steps, one column per feature."


def first_rows_alt(sample: int, rows: int) -> str:
    """The first-rows table's accessible name."""
    return (f"Table of the first {rows} time step{'s' if rows != 1 else ''} of sample {sample}: hour, "
            "temperature, pressure, wind and humidity, one row a step.")


CORRECTION = (f"96 hours sampled every ten minutes are 96 × 6 = **{sequences.steps_for_hours(96)}** time "
              "steps, not 574. Set the sequence length to 576 to see that window.")


# ------------------------------------------------------------------------------ 3 · order matters
def order_lead(seq_len: int) -> tuple[str, str]:
    """Section 2's header and idea, with the dense layer's input count for this sequence length."""
    return ("3 · Why dense layers and CNNs don't fit: size and order", (
        f"A dense layer on a flattened window needs exactly {seq_len} × 4 = {seq_len * 4:,} inputs, each with "
        "its own weights: a window of another length does not fit, and nothing is shared between time "
        "steps. And its inputs are slots without an order: nothing in the layer says that slot 2 comes after "
        "slot 1. The article's examples first, one sentence in three languages and three words through a "
        "dense layer; then a model that pools over the steps."))


DENSE_WORDS = ("cat", "cat", "dog")  # the article's sequence; one-hot (dog, cat)
DENSE_ORDERS = ("123", "132", "213", "231", "312", "321")  # new position k holds word int(option[k])
DENSE_LEAD = (
    "**The article's argument.** Three words, *cat, cat, dog*, each a one-hot vector (dog, cat), flattened "
    "into six inputs of a dense layer y = tanh(W x + b) with seeded weights. Reorder the words. Move W's "
    "columns with them, as training would if every example were shuffled the same way, and the output does "
    "not change at all: the layer is symmetric in its inputs. Keep W as it is, and the same layer gives "
    "another answer.")


def order_words(permutation) -> str:
    """The article's three words in the order ``permutation`` gives."""
    return ", ".join(DENSE_WORDS[k] for k in permutation)


def order_permutation(option: str) -> list[int]:
    """An order option ("312") as a 0-based permutation of the steps ([2, 0, 1])."""
    return [int(ch) - 1 for ch in option]


def order_label(option: str) -> str:
    """An order option as its words, with the positions they came from ("dog, cat, cat (3 1 2)")."""
    return f"{order_words(order_permutation(option))} ({' '.join(option)})"


# Two lines: on one, the formula ran past a 1024 px laptop's column.
DENSE_FORMULA = (r"\begin{gathered} y = \tanh(W x + b),\quad x = (x_1;\ x_2;\ x_3) \in \mathbb{R}^6 \\ "
                 r"(W P^\top)(P x) = W (P^\top P)\, x = W x \end{gathered}")


def vector(values) -> str:
    """A short vector as text with real minus signs: (0.0087, −0.4420)."""
    return "(" + ", ".join(f"{v:.4f}".replace("-", "−") for v in values) + ")"


DENSE_CORRECTION = (
    "for a dense layer it says “the order of inputs does not matter”. This page says a dense layer is not "
    "blind to order, and both hold once said precisely. Reorder the inputs **and** the weights together "
    "(x → P x, W → W Pᵀ) and the output is exactly the same: that is the article's point, the layer has no "
    "built-in notion of order, and nothing in it says that slot 2 comes after slot 1. Reorder the inputs "
    "**alone**, with the trained weights fixed, and the output changes: the layer does tell one arrangement "
    "from another. The three outputs above show both.")


def dense_note(res, option: str) -> str:
    """What the three outputs show (``res``: engine.sequences.DenseSymmetry)."""
    if list(res.permutation) == [0, 1, 2]:
        return "This is the order as written: pick another order above."
    same_steps = res.inputs_permuted.tolist() == res.original.tolist()
    alone = ("is unchanged too, because this order only swaps the two equal words"
             if same_steps else "changes: the trained layer sees a different input")
    return (f"In the order {order_words(res.permutation)}: with the weights moved along, y is exactly the same, "
            f"so the layer cannot tell which word came first. With the weights fixed, y {alone}. A dense layer is "
            "not blind to order, but order is no part of its structure, and it takes exactly three words.")


POOLING_LEAD = ("**A model that pools over the steps.** Averaging the steps before a dense layer accepts any "
                "length, but now the answer cannot depend on the order at all. Below, the weather window of "
                "section 2 goes in as recorded and with its steps shuffled, to that model and to an RNN.")


ORDER_BLIND = r"\text{order-blind:} \qquad o = c + V \tanh\Big(U \tfrac{1}{T}\textstyle\sum_t x_t + b\Big)"
RNN_OUTPUT = r"\text{RNN: } o_T = c + V h_T,\quad h_t = \tanh(\dots + W h_{t-1})"


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


# ----------------------------------------------------------------------------------- 4 · task types
def tasks_lead(presenting: bool) -> tuple[str, str]:
    """Section 4's header and idea; on a projector most diagrams run down the page (diagrams.for_projector)."""
    layout = ("time runs down the page, inputs at the left, hidden states in the middle, outputs at the right "
              "(the bidirectional net runs across, inputs at the bottom)" if presenting else
              "inputs at the bottom, hidden states in the middle, outputs on top")
    return ("4 · Types of RNN tasks, unfolded", (
        "The same recurrent cell, wired differently. Each diagram is unfolded over its own example, one time step "
        f"a word (a weather window would be unfolded the same way over its L steps); {layout}."))


# ------------------------------------------------------------------------------ 5 · CTC collapsing
CTC = ("5 · Voice recognition: collapsing frames with CTC", (
    "In voice recognition the input is air pressure sampled many times a second, so an RNN reading it "
    "writes one symbol per short frame: far more symbols than the words have letters. A collapsing "
    "function from connectionist temporal classification (CTC) shortens that output: first merge every run "
    "of a repeated symbol into one, then drop the blank “-”. A blank between two runs keeps a double "
    "letter: “ll” needs “l-l”."))
CTC_DEFAULT = "hh-e-ll-lll-oo"
CTC_EXAMPLES = ("hh-e-ll-lll-oo", "hheelllloo", "--c-aa-t--", "tt-ee-dd-yy  bb-ee-aa-rr")
CTC_MAX = 60
CTC_ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-")


def ctc_problem(frames: str) -> str | None:
    """Why ``frames`` cannot be collapsed here (characters other than letters, space, ' and the blank -)."""
    bad = sorted({ch for ch in frames if ch not in CTC_ALLOWED})
    if bad:
        shown = " ".join(repr(ch) for ch in bad[:5])
        return f"holds characters other than letters, spaces, ' and the blank -: {shown}"
    return None


def _tex_string(text: str) -> str:
    """A string as LaTeX typewriter text, its blanks and spaces visible."""
    if not text:
        return r"\text{(empty)}"
    return r"\texttt{" + "".join({"-": "{-}", " ": r"\char32{}", "'": "{'}"}.get(ch, ch) for ch in text) + "}"


def ctc_caption(res) -> str:
    """What to notice in the collapse picture."""
    return (f"Each output character sits above the frames it came from: {len(res.frames)} frames, "
            f"{len(res.runs)} runs, {len(res.output)} characters. A blank (grey) between two equal letters is "
            "what keeps them apart (“ll-l” gives “ll”); without it they merge.")


def ctc_description(res) -> str:
    """The collapse picture's text alternative."""
    return (f"CTC collapse of the {len(res.frames)} frames “{res.frames[:60]}”: merged into {len(res.runs)} runs "
            f"“{res.merged[:60]}”, then blanks dropped to “{res.output[:60]}”.")


def ctc_formula(res) -> str:
    """B on the frames, step by step (``res``: engine.sequences.CTCCollapse)."""
    return (rf"\underbrace{{{_tex_string(res.frames)}}}_{{{len(res.frames)}\ \text{{frames}}}}"
            rf"\ \xrightarrow{{\text{{merge repeats}}}}\ \underbrace{{{_tex_string(res.merged)}}}_{{{len(res.runs)}"
            rf"\ \text{{runs}}}}\ \xrightarrow{{\text{{drop blanks}}}}\ \underbrace{{{_tex_string(res.output)}}}"
            rf"_{{{len(res.output)}\ \text{{characters}}}}")


def _symbol(ch: str) -> str:
    return {"-": "blank", " ": "space"}.get(ch, ch)


def ctc_note(res) -> str:
    """The collapse in words: how many frames, the runs in order, the result."""
    if not res.frames:
        return "No frames: nothing to collapse."
    runs = ", ".join(f"{_symbol(ch)} × {n}" for ch, n in res.runs)
    return f"{len(res.frames)} frames collapse to “{res.output}”. The runs, in order: {runs}."


# ----------------------------------------------------------------------------------- text alternatives
# One description per chart and diagram: what it draws, with the numbers of this view, for a screen
# reader (the caption under it says what to notice).
def weather_description(feature: str, values, unit: str, sample: int, hours: tuple[float, float]) -> str:
    """One panel of the weather record: the feature's range and the shaded window."""
    unit = f" {unit}" if unit and unit != "%" else unit
    low, high = fixed(min(values), 1, minus="−"), fixed(max(values), 1, minus="−")
    return (f"{feature.capitalize()} over the ten-day record, from {low} to {high}{unit}; "
            f"a band shades sample {sample}, hours {hours[0]:.3g} to {hours[1]:.3g}.")


def weather_label(feature: str) -> str:
    """A weather panel's steady name (the window's band moves in its data; its numbers come in the caption)."""
    return f"{feature.capitalize()} over the ten-day record, a band shading the sample shown."


ORDER_LABEL = ("Two lines over the sample's steps: its standardised temperature in time order (solid) and "
               "shuffled (dashed).")


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


def change_vector(before, after) -> str:
    """A metric delta for a vector output: "unchanged" when every entry is equal to the last bit."""
    if list(before) == list(after):
        return "unchanged"
    return "changed by " + vector([a - b for a, b in zip(after, before, strict=True)])


# ----------------------------------------------------------------------------------- the spreadsheet picture
def _shape(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else "(" + ", ".join(str(n) for n in shape) + ")"


def spreadsheet_caption(shapes: dict[str, tuple[int, ...]]) -> str:
    """What the spreadsheet picture shows, with its live shapes."""
    (rows,), (_, cols), (sheets, *_) = shapes["vector"], shapes["matrix"], shapes["tensor"]
    stack = "one sheet, still a stack: its shape keeps the 1" if sheets == 1 else f"{sheets} sheets"
    return (f"A vector {_shape(shapes['vector'])} is one column of {rows} cell{'s' if rows != 1 else ''}; a matrix "
            f"{_shape(shapes['matrix'])} is a sheet of {rows} row{'s' if rows != 1 else ''} and {cols} "
            f"column{'s' if cols != 1 else ''}; a 3-D tensor {_shape(shapes['tensor'])} is a stack of {stack}. "
            "The shaded column is the same numbers each time: the vector is a column of the front sheet. "
            "A shape lists the sizes from the outside in: sheets, then rows, then columns.")


def spreadsheet_description(shapes: dict[str, tuple[int, ...]]) -> str:
    """The spreadsheet picture for a screen reader."""
    (rows,), (_, cols), (sheets, *_) = shapes["vector"], shapes["matrix"], shapes["tensor"]
    return (f"Three spreadsheet drawings side by side. A vector of shape {_shape(shapes['vector'])}: one column of "
            f"{rows} numbers. A matrix of shape {_shape(shapes['matrix'])}: a sheet of {rows} rows and {cols} "
            f"columns, headed A to {'ABCDEF'[cols - 1]}. A 3-D tensor of shape {_shape(shapes['tensor'])}: "
            f"{sheets} such sheet{'s' if sheets != 1 else ''} stacked, each behind the last, offset up and to "
            "the right. The vector's column is shaded in all three.")


# ----------------------------------------------------------------------------------- the semantic vector
def semantic_caption(view, chollet_length: int) -> str:
    """What the semantic-vector diagram shows, with the sizes of a network built for this photo side
    (``view``: diagrams.SemanticView; ``chollet_length``: the vector's length at Chollet's 150 × 150)."""
    s = view.side
    if not view.length:
        return (f"A {s} × {s} photo is too small for this network: four 3×3 convolutions and 2×2 poolings "
                "leave no feature map, so there is no semantic vector to classify or caption. Chollet's "
                "photos are 150 × 150.")
    built = ("Chollet's network, as built" if s == 150 else
             f"The same layers built for {s} × {s} photos; at 150 × 150 the vector has {chollet_length:,} numbers, "
             "and a dense layer trained on one length cannot take another: every photo is resized first")
    return (f"{built}. Its convolutional part turns the (3, {s}, {s}) photo into {view.channels} feature maps of "
            f"{view.feature_side} × {view.feature_side}: flattened, one vector of {view.length:,} numbers, the "
            "semantic vector. Left, a dense classifier maps it to dog or cat; right, after a transformation, it is "
            "the one input x₁ of a captioning RNN, which writes a word a step and feeds each word to the next "
            "step (dashed).")


def semantic_description(view) -> str:
    """The semantic-vector diagram for a screen reader."""
    s = view.side
    vector = f"the semantic vector, {view.length:,} numbers" if view.length else "no semantic vector (too small)"
    words = " ".join(view.words)
    return (f"Top to bottom: a photo, a (3, {s}, {s}) tensor of {3 * s * s:,} numbers, goes through feature "
            f"extraction, the CNN's convolutional part, to {vector}. It branches: a dense classifier of "
            f"{view.dense_units} units gives dog (1, 0) or cat (0, 1); and a transformation makes it the input "
            f"x₁ of a captioning RNN whose hidden states h₁ to h{len(view.words)} write “{words}”, one word a "
            "step, each word fed to the next step.")


# ----------------------------------------------------------------------- one sentence, three languages
SENTENCES_LEAD = (
    "**One sentence, three languages.** The article lines up one sentence in German, English and Japanese, "
    "cut into parts, one vector a part: a sentence is sequence data, and its parts are the time steps. Its "
    "three sentences are pictures lost from its text; the one below is this page's own and makes the same "
    "two points. The same meaning takes a different number of steps T in each language, and the order of "
    "the steps carries meaning, each language in its own way. The vectors are toys: d = 4 seeded numbers a "
    "word, shared by words that translate each other (cat, Katze, 猫).")
FIRST_LABELS = {"cat": "the cat", "dog": "the dog"}
_MEANINGS = {
    ("English", "cat"): "The cat chased the dog.",
    ("English", "dog"): ("The dog chased the cat: the same five vectors in another order, and now the dog does "
                         "the chasing. In English the order is the grammar."),
    ("German", "cat"): "Die Katze hat den Hund gejagt: the cat chased the dog. The verb hat stands second.",
    ("German", "dog"): ("Den Hund hat die Katze gejagt: still the cat chasing the dog. The case of den marks the "
                        "dog as the object wherever it stands; the verb hat keeps the second place."),
    ("Japanese", "cat"): ("猫が犬を追いかけました (neko ga inu o oikakemashita): the cat chased the dog. The verb "
                          "comes last, cut into its stem and two endings."),
    ("Japanese", "dog"): ("犬を猫が追いかけました (inu o neko ga oikakemashita): still the cat chasing the dog. "
                          "The particles が (subject) and を (object) carry the roles wherever the words stand."),
}


def sentence_header(language: str, words, dim: int) -> str:
    """A language's sentence as its length and shape: "**English**: T = 5 steps of d = 4, shape (5, 4)"."""
    steps = int(words["t"].max())
    return f"**{language}**: T = {steps} steps of d = {dim}, a sequence of shape ({steps}, {dim})"


def sentence_meaning(language: str, first: str) -> str:
    """What the sentence of ``language`` means with ``first`` ("cat" or "dog") named first."""
    return _MEANINGS[(language, first)]


def sentence_description(language: str, words, dim: int) -> str:
    """One language's word vectors for a screen reader: the tokens in order and each one's entries."""
    steps = int(words["t"].max())
    parts = []
    for (t, token), group in words.groupby(["t", "token"], sort=True):
        reading = group["reading"].iloc[0]
        name = f"{token} ({reading})" if reading else token
        parts.append(f"x{_sub('', t)} {name}: " + ", ".join(fixed(v, 1, minus="−") for v in group["value"]))
    return (f"The {language} sentence as {steps} word vectors of {dim} entries each, shape ({steps}, {dim}), "
            f"one column a time step, coloured blue below zero and red above: " + "; ".join(parts) + ".")


def sentences_note(vectors, first: str) -> str:
    """The lengths compared and what an order-blind sum keeps (``vectors``: data.word_vectors' frame)."""
    lengths = vectors.groupby("language", sort=False)["t"].max()
    said = ", ".join(f"{language} {int(t)}" for language, t in lengths.items())
    other = "dog" if first == "cat" else "cat"
    return (f"Steps T: {said}. A dense layer built for one of these lengths cannot take the others. Added up "
            f"over the steps, each sentence gives the same vector whether the {first} or the {other} is named "
            "first: a sum keeps which words came, not in what order. In German and Japanese that loses nothing "
            "here, since case and particles keep the meaning; in English the sum cannot tell who chased whom. "
            "The article's footnote makes the same contrast: English word order is strict, Japanese free as "
            "long as the particles are right, and German in between, with the verb in second place.")
