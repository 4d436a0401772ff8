"""Words and formulas of the history page that depend on live numbers (pure functions, no ``st.*``)."""

from __future__ import annotations

import pandas as pd

from ui.history.opening import INTRO, TITLE  # noqa: F401 (the page draws them first, see ui.opening)
from ui.kit.numbers import fixed, latex_sci, text_sci

# One name per category, the same on the filter, the timeline's rows, its tooltips, the event card
# and the table.
CATEGORY_NAMES = {"algorithm": "Algorithms", "hardware": "Hardware", "culture": "Culture",
                  "theory/critique": "Theory & critique", "milestone": "Milestones"}
# Filter options are URL-safe words (links carry the option or its label); each is shown with the
# category's name. "Critique" stays the option of "Theory & critique" so older links keep working.
CATEGORY_OPTIONS = {"All": "all", "Algorithms": "algorithm", "Hardware": "hardware", "Culture": "culture",
                    "Critique": "theory/critique", "Milestones": "milestone"}
OPTION_LABELS = {option: CATEGORY_NAMES.get(category, option) for option, category in CATEGORY_OPTIONS.items()}
GATE_OPTIONS = ("XOR", "AND", "OR")
# The vanishing-gradient chart's curves, in the order of their dashes: solid, dashed, dotted.
GRADIENT_CURVES = ("measured", "bound Π ¼‖W_k‖₂", "¼^(n−l)")

TIMELINE = ("1 · Booms and winters", (
    "Each point is a dated event with its source; shaded, labelled bands are the booms (orange) and winters "
    "(blue). **Click a point** to read why it matters here. The second winter runs from 1990 to 2006 as in the "
    "article (neural nets stalled, partly from vanishing gradients); general AI histories date it 1987–1993."))

# The article's storyline, in its order (its history section, not the order of the dates): (event id, short
# label, what this step adds to the story). Each event the article tells in a sentence or a paragraph of its
# own is a step; what it mentions inside another step's telling (Dennett's robots in the frame problem, Toy
# Story beside Jurassic Park, the forget gate and peepholes after the LSTM, autoencoders after pre-training,
# dropout, Adam and batch normalisation beside ReLU) is named in that step's text.
STORYLINE = (
    ("georgetown-ibm", "Translation hype",
     "First boom: rule-based machine translation (English–Russian, in the Cold War) is shown in public and the "
     "hype starts; statistical and then neural translation (around 2014) came much later."),
    ("mark-i-perceptron", "Perceptron",
     "Rosenblatt's perceptron, built as the Mark I: 20×20 cadmium-sulphide photocells and randomly connected "
     "wires for one trainable layer."),
    ("perceptrons-book", "Minsky & Papert",
     "A single layer only separates linearly separable data; the critique was read as if multi-layer nets "
     "failed too (section 2 re-runs it)."),
    ("lighthill", "First winter",
     "Disappointment with 'electronic brains': budgets are cut and AI research enters its first winter."),
    ("frame-problem", "Frame problem",
     "McCarthy & Hayes, told as an icon of the end of the first boom: how can a program tell what is relevant "
     "to an action without checking everything? Dennett's robots (1984) tell it as a story: R1 pulls the bomb "
     "out with the battery, R1D1 weighs every side effect, R2D1 every irrelevance — and the bomb goes off each "
     "time."),
    ("chinese-room", "Chinese room",
     "Searle's Chinese room (1980), one of the other problems the article lists beside the frame problem as "
     "hardships for AI, before it leaves them aside."),
    ("symbol-grounding", "Symbol grounding",
     "Harnad's symbol grounding problem (1990), the second problem the article names there and omits."),
    ("hal-9000", "HAL 9000",
     "2001: A Space Odyssey (1968), at the end of the first boom: a realistic AI, unlike Metropolis's Maria; "
     "a HAL would need RNNs for voice recognition, conversation and lip reading."),
    ("neocognitron", "Neocognitron",
     "Second boom: Fukushima's model of the visual cortex (after Hubel & Wiesel), the origin of the CNN."),
    ("zip-code-cnn", "Zip-code CNN",
     "LeCun's group at AT&T Bell Labs (1989): the first practical CNN, reading handwritten digits."),
    ("backprop", "Backpropagation",
     "The other turning point of the second boom: backpropagation trains multi-layer nets, LeCun's CNN among "
     "them."),
    ("lenet-5", "LeNet-5",
     "LeCun's deeper net for practical uses (1998); in the winter that had begun it drew little attention."),
    ("hochreiter-thesis", "Vanishing gradients",
     "From the beginning of the 1990s neural nets stall, partly because gradients vanish or explode through "
     "many layers or time steps (section 3)."),
    ("lstm", "LSTM",
     "Hochreiter & Schmidhuber's answer to vanishing gradients (1997), inside the second winter; exploding "
     "gradients are left to clipping. The forget gate and peepholes came after, and it took some 20 years, "
     "more hardware and more data before the LSTM was widely used."),
    ("www-public-domain", "The Web",
     "In the middle of the winter the Internet spreads for commercial use and the Web's code is released "
     "(1993): the datasets machine learning needs start to become reachable."),
    ("xbox", "Xbox",
     "“We could not get HAL 9000 by the end of 2001, but instead we got Xbox console”: the bridge to the "
     "hardware that deep learning would run on."),
    ("jurassic-park", "Jurassic Park",
     "Computer-generated dinosaurs (1993) and Toy Story (1995), the first computer-animated feature: graphics "
     "is numerous linear transformations done in parallel."),
    ("star-wars", "Star Wars",
     "Earlier, the Death Star's wireframe briefing (1977): graphics made and displayed by computers on screen."),
    ("vertigo", "Vertigo",
     "Earlier still, a title sequence drawn with a machine's help (1958): among the first film graphics made "
     "by a computer."),
    ("final-fantasy-vii", "Final Fantasy VII",
     "3-D games, released the year of the LSTM: real-time graphics are many linear maps done in parallel."),
    ("geforce-3", "GeForce 3",
     "NVIDIA's NV20 (GeForce 3), whose kind went into the Xbox, leaves room to program the GPU: a risky change "
     "that opened GPUs to uses beyond graphics."),
    ("cuda", "CUDA",
     "With CUDA (2006) programmable GPUs serve other sciences: deep learning, and supercomputers too."),
    ("tpu", "TPU",
     "The GPU's rivals in deep learning: Google's Tensor Processing Unit, built for it."),
    ("fpga", "FPGA",
     "And the FPGA, a customisable circuit, efficient for the electricity deep learning uses."),
    ("deep-belief-nets", "Pre-training",
     "Hinton's layer-by-layer pre-training of deep belief nets (2006), a way past vanishing gradients (later "
     "done with autoencoders), is where some researchers date the third boom."),
    ("relu", "ReLU, Adam…",
     "Then the methods that replaced pre-training, in the article's list: ReLU (2010), Adam (2014), dropout "
     "(2012), batch normalisation (2015)."),
)
STORY_IDS = tuple(step[0] for step in STORYLINE)
# The turning points the timeline names on the chart itself (the rest have a tooltip): the events the
# article's story turns on, one per boom, winter or method this series teaches. (event id, label)
KEY_EVENTS = (
    ("perceptron-paper", "Perceptron"),
    ("perceptrons-book", "Minsky & Papert"),
    ("neocognitron", "Neocognitron"),
    ("backprop", "Backprop"),
    ("hochreiter-thesis", "Vanishing gradient"),
    ("lstm", "LSTM"),
    ("deep-belief-nets", "Deep belief nets"),
    ("alexnet", "AlexNet"),
)
STORY_HINT = ("The article tells the history in this order, which is not always the order of the dates (its "
              "graphics line runs back from Jurassic Park to Vertigo); each button opens its event on the "
              "timeline and its card says what that step adds.")


def story_step(event_id: str) -> int | None:
    """The 1-based place of ``event_id`` in the article's storyline, or None."""
    return STORY_IDS.index(event_id) + 1 if event_id in STORY_IDS else None


def story_button(index: int) -> str:
    """The label of storyline step ``index`` (0-based): "3 · Minsky & Papert"."""
    return f"{index + 1} · {STORYLINE[index][1]}"


def story_note(event_id: str) -> str:
    """The card's line for an event of the storyline ("" for the others)."""
    step = story_step(event_id)
    if step is None:
        return ""
    return f"**The article's storyline, step {step} of {len(STORYLINE)}:** {STORYLINE[step - 1][2]}"

PICK_HINT = (":material/touch_app: Click a point on the timeline to see what happened, why it matters for "
             "this series, and the source. Double-click the chart to clear.")

REFERENCES = [
    "Rosenblatt, F. (1958). The perceptron: a probabilistic model for information storage and organization "
    "in the brain. *Psychological Review* 65(6), 386–408.",
    "Minsky, M. & Papert, S. (1969). *Perceptrons: An Introduction to Computational Geometry*. MIT Press.",
    "Rumelhart, D. E., Hinton, G. E. & Williams, R. J. (1986). Learning representations by back-propagating "
    "errors. *Nature* 323, 533–536.",
    "Hochreiter, S. (1991). *Untersuchungen zu dynamischen neuronalen Netzen*. Diploma thesis, TU München.",
    "Glorot, X. & Bengio, Y. (2010). Understanding the difficulty of training deep feedforward neural "
    "networks. *AISTATS 2010*, 249–256.",
    "Schmidhuber, J. (2015). Deep learning in neural networks: an overview. *Neural Networks* 61, 85–117.",
    "Crevier, D. (1993). *AI: The Tumultuous History of the Search for Artificial Intelligence*. Basic Books.",
    "Every event on the timeline carries its own source: click it, or download the table as CSV.",
]


def markdown_safe(text: str) -> str:
    """``text`` with its backslashes kept visible in Markdown (a search for "\\" would vanish)."""
    return text.replace("\\", "\\\\")


def search_ignored(problem: Exception | str) -> str:
    """The note for a search the engine refused (Markdown-safe: the query may hold backslashes)."""
    return markdown_safe(f"Search ignored: {problem}.")


def no_match(query: str, option: str) -> str:
    """The note for a search that found nothing, naming the category filter when one is set."""
    where = "" if option == "All" else f" in {OPTION_LABELS[option]}"
    also = "" if option == "All" else " or the category “All”"
    return markdown_safe(f"No event matches “{query.strip()}”{where}; try another word{also}.")


def unknown_event(event_id: str) -> str:
    """The note for a link's ``?event=`` that names no event (cut to 40 characters)."""
    return f"No event with id `{event_id[:40]}`; click a point on the timeline."


def category_of(option: str) -> str:
    """The data's category for a filter option ("All" gives "all")."""
    return CATEGORY_OPTIONS[option]


def neighbour(ids: list[str], current: str, step: int, dates: list | None = None,
              current_date=None) -> str | None:
    """The id ``step`` places after ``current`` in ``ids`` (oldest first), or None past either end.

    With ``current`` not among ``ids`` (filtered out) but its date known, the nearest shown event on
    that side of the date (``dates`` runs beside ``ids``); with nothing known, "later" starts at the
    oldest event and "earlier" at the newest.
    """
    if not ids:
        return None
    if current not in ids and dates is not None and current_date is not None:
        after = [i for i, d in zip(ids, dates, strict=True) if (d > current_date if step > 0 else d < current_date)]
        return (after[0] if step > 0 else after[-1]) if after else None
    if current not in ids:
        return ids[0] if step > 0 else ids[-1]
    k = ids.index(current) + step
    return ids[k] if 0 <= k < len(ids) else None


def event_card(event: pd.Series) -> str:
    """Markdown for the selected event: date, category, era, why it matters, source (its title an h3, the
    level under the section's h2)."""
    return (
        f"### {event['title']}\n"
        f"**{event['when']}** · {CATEGORY_NAMES.get(event['category'], event['category'])} · {event['era_name']}\n\n"
        f"{event['why']}\n\n"
        + (f"{story_note(event['id'])}\n\n" if story_note(event["id"]) else "")
        + f":material/menu_book: *Source:* {event['source']}"
    )


def perceptron_formula(w: list[float], b: float, eta: float) -> str:
    """Rosenblatt's rule and the line it ended on."""
    return (
        rf"y = H(w\cdot x + b),\quad w \leftarrow w + \eta\,(t - y)\,x,\ \ \eta = {eta:g}"
        rf"\\[4pt] \text{{last line: }} {w[0]:.2f}\,x_1 {w[1]:+.2f}\,x_2 {b:+.2f} = 0"
    )


def mlp_formula(n_hidden: int, loss: float) -> str:
    """The two-layer net and its final loss."""
    return (
        rf"\hat y = \sigma\big(w_2^\top \tanh(W_1 x + b_1) + b_2\big),\ \ "
        rf"W_1 \in \mathbb{{R}}^{{{n_hidden}\times 2}}\\[4pt] L = -\tfrac14\sum_i \big[t_i\log\hat y_i"
        rf" + (1-t_i)\log(1-\hat y_i)\big] = {latex_sci(loss)}"
    )


# The chain rule through n sigmoid layers: the formula over the vanishing-gradient chart, the same at every depth
# (the measured ratio at layer 1, which the depth moves, is its live line: :func:`gradient_line`)
GRADIENT_FORMULA = (
    r"\delta_l = \sigma'(a_l)\odot\big(W_{l+1}^\top\delta_{l+1}\big),\quad \sigma'\le\tfrac14\\[4pt]"
    r"\Rightarrow\ \frac{\|\delta_l\|}{\|\delta_n\|}\le\prod_{k=l+1}^{n}\tfrac14\|W_k\|_2"
)
GRADIENT_CAPTION = "Error per layer relative to the last layer, under its bound."


def gradient_line(depth: int, first: float) -> str:
    """The formula's live line at depth n (HTML, variables in italics): the measured ratio ‖δ₁‖/‖δ_n‖."""
    return (f"<i>n</i> = {depth} layers: &nbsp; ‖<i>δ</i><sub>1</sub>‖ / ‖<i>δ</i><sub><i>n</i></sub>‖ = "
            f"{text_sci(first, 3)}")


def gradient_reading(depth: int, first: float) -> str:
    """What the vanishing-gradient chart shows at this depth: the error left at layer 1, per layer."""
    if not first > 0:
        return f"It underflowed to 0 before reaching layer 1 of {depth}: it is not small there, it is gone."
    per_layer = first ** (1 / (depth - 1))
    steps = "one step" if depth == 2 else f"each of the {depth - 1} steps"
    return (f"Layer 1 gets {text_sci(first)} of the top layer's error: on the way down {steps} multiplied it by "
            f"about {per_layer:.2f} (σ′ is at most ¼). Larger weights slow the decay while the bound grows "
            "useless — the balance careful initialisation (Glorot & Bengio 2010) seeks.")


def line_crosses_square(w: list[float], b: float, lo: float, hi: float) -> bool:
    """Whether the line w·x + b = 0 passes through the square [lo, hi]² (the corners' signs differ)."""
    signs = {w[0] * x1 + w[1] * x2 + b > 0 for x1 in (lo, hi) for x2 in (lo, hi)}
    return len(signs) == 2


def perceptron_caption(gate: str, accuracy: float, line_in_view: bool) -> str:
    """What to notice in the perceptron's decision regions, for this truth table and this run."""
    if accuracy == 1:
        return (f"{gate} is linearly separable: one straight line puts the 1s on one side and the 0s on the "
                "other, and Rosenblatt's rule finds it (✓ on every corner).")
    text = (f"No straight line splits {gate}: at least one corner is always on the wrong side (✗). Dashed: "
            "the line after each of the last epochs — it keeps jumping and never settles.")
    if not line_in_view:
        text += " Its last line (below) lies outside this square: every point gets the same answer."
    return text


def hidden_units(n_hidden: int) -> str:
    return f"{n_hidden} hidden unit{'' if n_hidden == 1 else 's'}"


def mlp_caption(gate: str, n_hidden: int, accuracy: float) -> str:
    """What to notice in the two-layer net's regions: solved, or why not."""
    if accuracy == 1:
        if gate == "XOR":
            return ("Each hidden unit draws a line; the output combines them into a band that holds (0,1) "
                    "and (1,0): the bend no single line can make.")
        return f"Each hidden unit draws a line; {gate} needs only one, and the net finds a boundary too."
    if n_hidden == 1:
        return (f"With 1 hidden unit the net draws one line, so on {gate} it fails like the perceptron "
                f"({accuracy:.0%}).")
    return (f"With {hidden_units(n_hidden)} the net gets {accuracy:.0%} so far: give it more epochs or another "
            "learning rate.")


def first_perfect_epoch(curve: pd.DataFrame) -> int | None:
    """The first recorded epoch at which every corner is right (None if never)."""
    perfect = curve.loc[curve["accuracy"] >= 1, "epoch"]
    return int(perfect.iloc[0]) if len(perfect) else None


def accuracy_caption(gate: str, perceptron_curve: pd.DataFrame, mlp_curve: pd.DataFrame) -> str:
    """The accuracy chart's caption, read from both curves."""
    best, solved = float(perceptron_curve["accuracy"].max()), first_perfect_epoch(perceptron_curve)
    per = (f"The perceptron reaches 100% on {gate} by epoch {solved}." if solved is not None else
           f"The perceptron keeps fixing one mistake by making another: it never passes {best:.0%} on {gate}.")
    net_solved = first_perfect_epoch(mlp_curve)
    net = (f"The net reaches 100% by epoch {net_solved:,}." if net_solved is not None else
           f"The net ends at {float(mlp_curve['accuracy'].iloc[-1]):.0%}.")
    return f"{per} {net}"


def loss_caption(accuracy: float) -> str:
    if accuracy == 1:
        return ("Cross-entropy of the two-layer net. It keeps falling after all four points are right: "
                "training pushes the outputs towards 0 and 1.")
    return "Cross-entropy of the two-layer net: not every corner is right yet, and the loss says by how much."


def timeline_caption(shown: pd.DataFrame, total: int, eras: pd.DataFrame) -> str:
    """How many events are shown, and how densely the booms and the winters hold them (per decade)."""
    if shown.empty:
        return f"0 of {total} events match."
    counts = shown["era"].value_counts()

    def density(kind: str) -> tuple[int, float]:
        spans = eras[eras["key"].str.startswith(kind)]
        years = float(((spans["end"] - spans["start"]).dt.days / 365.25).sum())
        n = int(sum(counts.get(key, 0) for key in spans["key"]))
        return n, 10 * n / years

    (n_boom, boom), (n_winter, winter) = density("boom"), density("winter")
    return (f"{len(shown)} of {total} events. The booms hold {n_boom} ({boom:.1f} a decade), the winters "
            f"{n_winter} ({winter:.1f} a decade): counts of the events chosen here, not a measure of the field. "
            "The second winter follows the article, 1990–2006, with the LSTM (1997) and the Web inside it; "
            "general AI histories date it 1987–1993.")


# ------------------------------------------------------------------ text alternatives of the charts
# Each says what its chart shows with today's numbers, for a screen reader (the chart's accessible
# name); the caption beside it says what to notice.

def _years(eras: pd.DataFrame, kind: str) -> str:
    """The spans of the eras of one kind: "1956–1974, 1980–1990 and 2006–2022"."""
    spans = [f"{int(a)}–{int(b)}" for a, b in eras.loc[eras["kind"] == kind, ["start_year", "end_year"]].to_numpy()]
    return spans[0] if len(spans) == 1 else ", ".join(spans[:-1]) + " and " + spans[-1]


def timeline_description(shown: pd.DataFrame, total: int, eras: pd.DataFrame, event: pd.Series | None) -> str:
    """The timeline's text alternative: how many events, which years, per category, the eras, the selection."""
    bands = (f"over shaded eras labelled on the chart: booms {_years(eras, 'boom')}, winters "
             f"{_years(eras, 'winter')}")
    if shown.empty:
        return f"Timeline with no event (none of the {total} matches), {bands}."
    counts = shown["category"].value_counts()
    rows = ", ".join(f"{name} {counts[c]}" for c, name in CATEGORY_NAMES.items() if c in counts)
    years = shown["date"].dt.year
    hidden = "" if event is None or event["id"] in set(shown["id"]) else ", not among the events shown"
    picked = (f" Selected: {event['title']} ({event['when']}, {event['era_name']}){hidden}." if event is not None
              else " No event selected.")
    how_many = f"all {total}" if len(shown) == total else f"{len(shown)} of {total}"
    return (f"Timeline of {how_many} events from {years.min()} to {years.max()}, one row per category "
            f"({rows}), {bands}.{picked}")


def line(w: list[float], b: float) -> str:
    """The line w₁x₁ + w₂x₂ + b in plain text, with real minus signs: "1.17 x₁ + 1.13 x₂ − 2.04"."""
    def term(v: float) -> str:
        return f" {'−' if round(v, 2) < 0 else '+'} {abs(v):.2f}"
    return f"{fixed(w[0], 2, minus='−')} x₁{term(w[1])} x₂{term(b)}"


def _corner(row) -> str:
    return f"({row.x1:g}, {row.x2:g})"


def _corners(points: pd.DataFrame) -> str:
    """Which corners a model gets right and which wrong."""
    right = [_corner(r) for r in points.itertuples() if r.right == "yes"]
    wrong = [_corner(r) for r in points.itertuples() if r.right != "yes"]
    said = [f"right at {', '.join(right)}" if right else "", f"wrong at {', '.join(wrong)}" if wrong else ""]
    return f"{len(right)} of {len(points)} corners right: " + "; ".join(s for s in said if s)


def perceptron_description(gate: str, points: pd.DataFrame, w: list[float], b: float, n_epochs: int,
                           line_in_view: bool) -> str:
    """The perceptron's decision regions in words: its last line and the corners it gets right."""
    where = "" if line_in_view else " (outside the square: every point gets the same answer)"
    return (f"Decision regions of Rosenblatt's perceptron on {gate} after {n_epochs} epochs: pink where it answers "
            f"1, dark blue where 0, split by its last line {line(w, b)} = 0{where}, earlier lines "
            f"dashed. Squares mark target 0, circles target 1; {_corners(points)}.")


def mlp_description(gate: str, n_hidden: int, n_epochs: int, points: pd.DataFrame) -> str:
    """The two-layer net's decision regions in words: its outputs at the corners."""
    outputs = ", ".join(f"{_corner(r)} {r.output:.2f}" for r in points.itertuples())
    return (f"Decision regions of the two-layer net with {hidden_units(n_hidden)} on {gate} after {n_epochs:,} "
            f"epochs, shaded from dark blue (output 0) through white to pink (output 1); outputs at the corners "
            f"{outputs}. "
            f"Squares mark target 0, circles target 1; {_corners(points)}.")


def accuracy_description(gate: str, perceptron_curve: pd.DataFrame, mlp_curve: pd.DataFrame, n_epochs: int) -> str:
    """The accuracy chart in words: how far each model got, and when."""
    best, end = float(perceptron_curve["accuracy"].max()), float(perceptron_curve["accuracy"].iloc[-1])
    net_solved = first_perfect_epoch(mlp_curve)
    net = (f"reaches 100% at epoch {net_solved:,}" if net_solved is not None
           else f"ends at {float(mlp_curve['accuracy'].iloc[-1]):.0%}")
    return (f"Line chart of accuracy on the 4 {gate} inputs per epoch, epochs on a log scale: the perceptron "
            f"(solid line) over {len(perceptron_curve)} epochs ends at {end:.0%}, best {best:.0%}; the two-layer "
            f"net (dashed line) over {n_epochs:,} epochs {net}.")


def loss_description(loss: pd.DataFrame, n_epochs: int, final: float) -> str:
    """The loss chart in words: where the cross-entropy starts and ends."""
    first = float(loss["loss"].iloc[0])
    way = "down" if final <= first else "up"
    return (f"Line chart, log scale, of the two-layer net's cross-entropy over {n_epochs:,} epochs: from "
            f"{text_sci(first, 3)} at epoch 1 {way} to {text_sci(final, 3)} at the last.")


# The gradient chart's steady name (``present.show_chart``'s ``label``): depth and gain move it through its data
# only; a new name would make the browser build it anew. Its numbers follow in the caption.
GRADIENT_LABEL = ("Line chart, log scale, of the error signal's size ‖δ_l‖/‖δ_n‖ at every layer l of a deep "
                  "sigmoid network, from the output back to the first layer.")


def gradient_description(depth: int, gain: float, grads: pd.DataFrame, first: float) -> str:
    """The vanishing-gradient chart in words: the measured ratio at layer 1 against the two bounds."""
    at_one = grads[grads["layer"] == 1].set_index("curve")["ratio"]

    def value(curve: str) -> str:
        return text_sci(float(at_one[curve]), 3) if curve in at_one else "0 (underflow)"

    bound, quarter = GRADIENT_CURVES[1], GRADIENT_CURVES[2]
    return (f"Line chart, log scale, of ‖δ_l‖/‖δ_n‖ for layers 1 to {depth} (depth n = {depth}) of a fresh sigmoid "
            f"net with weight scale {gain:g}: at layer 1 the measured ratio (solid, circles) is "
            f"{text_sci(first, 3)}, the {bound} (dashed, squares) {value(bound)} and {quarter} (dotted, triangles) "
            f"{value(quarter)}.")


def hero_caption(eras: pd.DataFrame) -> str:
    """What to notice in the opening figure: the article's turning points over the booms and winters."""
    return (f"The article's turning points over the booms ({_years(eras, 'boom')}) and the winters "
            f"({_years(eras, 'winter')}): a promise, a proof of a limit, a revival, a wall (gradients that "
            "vanish), the LSTM against that wall, then the hardware and data that ended the second winter. "
            "Section 1 holds every event, with its source.")
