"""Graphviz DOT builders of the six RNN task types (one-to-one … bidirectional), unfolded over a
number of steps (on the page: each example's own length, :func:`task_steps`) with the kit's fills and rows.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ui.kit.dot import (
    ACCENT,
    ACCENT_FILL,
    DECODER_FILL,
    ELLIPSIS,
    FONT,
    GREY,
    HIDDEN_FILL,
    INPUT_FILL,
    OUTPUT_FILL,
    edge,
    ellipsis,
    escape,
    header,
    node,
    rank_row,
    shown_steps,
    sub_label,
)


@dataclass(frozen=True)
class TaskType:
    key: str
    title: str
    example: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]


TASKS: tuple[TaskType, ...] = (
    TaskType("one_to_one", "One to one", "A plain feed-forward net: one photo in, one class out.",
             ("photo",), ("cat",)),
    TaskType("one_to_many", "One to many (generation)",
             "One input starts a whole sequence: a photo's semantic vector, from a CNN's convolutional part "
             "(section 1 draws it), becomes a caption; a first note becomes a melody. Each output is fed back as "
             "the next input.",
             ("photo",), ("a", "teddy", "bear", "on", "a", "bed")),
    TaskType("many_to_one", "Many to one (sentiment, forecasting)",
             "A whole sequence becomes one answer: a review becomes its sentiment, 96 hours of weather "
             "become tomorrow's temperature.",
             ("this", "film", "was", "great", "fun"), ("positive",)),
    TaskType("many_to_many", "Many to many, aligned (named-entity recognition)",
             "One label per word. \"Teddy Roosevelt\" is a person; in \"Teddy bears\" the same first "
             "word is not: the label depends on words around it.",
             ("Teddy", "Roosevelt", "was", "a", "great", "president"),
             ("PER", "PER", "O", "O", "O", "O")),
    TaskType("seq2seq", "Encoder–decoder (seq2seq, translation)",
             "An encoder reads the whole sentence into its last state; a decoder writes a sentence of "
             "another length from it.",
             ("I", "am", "a", "student"), ("je", "suis", "étudiant", "<eos>")),
    TaskType("bidirectional", "Bidirectional",
             "One RNN reads left to right, another right to left; each output sees both sides, so "
             "\"Teddy\" can look ahead to \"bears\".",
             ("Teddy", "bears", "are", "on", "sale"), ("O", "O", "O", "O", "O")),
)
TASK_KEYS = tuple(task.key for task in TASKS)


def task(key: str) -> TaskType:
    for item in TASKS:
        if item.key == key:
            return item
    raise ValueError(f"unknown task type {key!r}; known: {list(TASK_KEYS)}")


def task_steps(key: str) -> int:
    """The steps a task diagram is unfolded over: its example's length, one step a word (one to many:
    the caption's words; one to one: a single step). The weather window's length is not used: a
    576-step sentence would be no example."""
    spec = task(key)
    if key == "one_to_one":
        return 1
    return len(spec.outputs if key == "one_to_many" else spec.inputs)


def drawn_columns(key: str, seq_len: int) -> int:
    """How many time columns a task diagram draws (ellipses included): small ones are not stretched."""
    if key == "one_to_one":
        return 1
    if key == "seq2seq":
        return len(shown_steps(seq_len, edge=1, max_full=5)) + len(task(key).outputs)
    return len(shown_steps(seq_len))


def elided(key: str, seq_len: int) -> bool:
    """Whether a task diagram draws its middle steps as ⋯ (a long sequence)."""
    if key == "one_to_one":
        return False
    steps = shown_steps(seq_len, edge=1, max_full=5) if key == "seq2seq" else shown_steps(seq_len)
    return ELLIPSIS in steps


def _token(tokens: Sequence[str], t: int) -> str | None:
    return tokens[t - 1] if t <= len(tokens) else None


def task_dot(key: str, seq_len: int) -> str:
    """One task type unfolded over ``seq_len`` steps (the decoder of seq2seq keeps its own length)."""
    spec = task(key)
    if key == "one_to_one":
        lines = header()
        lines += [node("x1", sub_label("x", 1, spec.inputs[0]), INPUT_FILL),
                  node("h1", sub_label("h", 1), HIDDEN_FILL), node("y1", sub_label("y", 1, spec.outputs[0]),
                                                                   OUTPUT_FILL),
                  edge("x1", "h1"), edge("h1", "y1"), "}"]
        return "\n".join(lines)
    if key == "seq2seq":
        return _seq2seq_dot(spec, seq_len)
    steps = shown_steps(seq_len)
    has_input = (lambda t: t == 1) if key == "one_to_many" else (lambda t: True)
    has_output = (lambda t: t == seq_len) if key == "many_to_one" else (lambda t: True)
    lines = header()
    rows = {"x": [], "h": [], "g": [], "y": []}
    prev, prev_y = None, None
    for n, t in enumerate(steps):
        if t is ELLIPSIS:
            for row in ("x", "h", "g", "y") if key == "bidirectional" else ("x", "h", "y"):
                lines.append(ellipsis(f"gap{row}{n}"))
                rows[row].append(f"gap{row}{n}")
            if prev:
                lines.append(edge(prev, f"gaph{n}", dashed=True))
            prev = f"gaph{n}"
            continue
        out_token = (spec.outputs[-1] if key == "many_to_one" else _token(spec.outputs, t))
        if has_input(t):
            lines.append(node(f"x{t}", sub_label("x", t, _token(spec.inputs, t)), INPUT_FILL))
            lines.append(edge(f"x{t}", f"h{t}"))
            if key == "bidirectional":
                lines.append(edge(f"x{t}", f"g{t}"))
        else:
            lines.append(f'  x{t} [label="", shape=point, style=invis];')
        rows["x"].append(f"x{t}")
        lines.append(node(f"h{t}", sub_label("h→" if key == "bidirectional" else "h", t), HIDDEN_FILL))
        rows["h"].append(f"h{t}")
        if prev:
            lines.append(edge(prev, f"h{t}"))
        prev = f"h{t}"
        top = f"h{t}"
        if key == "bidirectional":
            lines.append(node(f"g{t}", sub_label("h←", t), DECODER_FILL))
            rows["g"].append(f"g{t}")
            lines.append(f"  h{t} -> g{t} [style=invis];")  # keeps the two chains in their rows
            top = f"g{t}"
        if has_output(t):
            lines.append(node(f"y{t}", sub_label("y", t, out_token), OUTPUT_FILL))
            lines.append(edge(top, f"y{t}"))
            if key == "bidirectional":
                lines.append(edge(f"h{t}", f"y{t}"))
            if key == "one_to_many" and prev_y:
                lines.append(edge(prev_y, f"h{t}", color=GREY, dashed=True, constraint=False))
            prev_y = f"y{t}"
        else:
            lines.append(f'  y{t} [label="", shape=point, style=invis];')
            lines.append(f"  {top} -> y{t} [style=invis];")
        rows["y"].append(f"y{t}")
    if key == "bidirectional":  # h←_{t+1} → h←_t, drawn as a reversed edge to keep left-to-right order
        for a, b in itertools.pairwise(rows["g"]):
            style = ", style=dashed" if "gap" in a + b else ""
            lines.append(f'  {a} -> {b} [dir=back, color="#7b4fa0", penwidth=1.2{style}];')
    lines += [rank_row(names) for names in rows.values() if names]
    lines.append("}")
    return "\n".join(lines)


PROJECTOR_POINTS = 14  # 18.7 px on screen at the diagram's own size (a point is 4/3 px)


RUNS_ACROSS = ("bidirectional",)  # on a projector too: its two chains keep their rows only across the page


def for_projector(key: str, dot: str) -> str:
    """Task ``key``'s diagram for a projector: every text, subscripts and edge labels too, set at
    ``PROJECTOR_POINTS``, and, but for the ``RUNS_ACROSS`` ones, time running down the page instead of
    across it (inputs at the left, outputs at the right), so even the encoder–decoder is narrow enough to
    be drawn at its own size."""
    if key not in RUNS_ACROSS:
        dot = dot.replace("rankdir=BT", "rankdir=LR", 1)
    dot = re.sub(r"nodesep=[0-9.]+", "nodesep=0.2", dot, count=1)  # the larger type needs the room
    dot = re.sub(r"fontsize=1[0-9]\b", f"fontsize={PROJECTOR_POINTS}", dot)
    return re.sub(r'POINT-SIZE="\d+"', f'POINT-SIZE="{PROJECTOR_POINTS}"', dot)


def _seq2seq_dot(spec: TaskType, seq_len: int) -> str:
    lines = header()
    enc = shown_steps(seq_len, edge=1, max_full=5)  # compact: the decoder needs the room
    rows = {"x": [], "h": [], "y": []}
    prev = None
    for n, t in enumerate(enc):
        if t is ELLIPSIS:
            lines += [ellipsis(f"gapx{n}"), ellipsis(f"gaph{n}"),
                      f'  gapy{n} [label="", shape=point, style=invis];']
            rows["x"].append(f"gapx{n}")
            rows["h"].append(f"gaph{n}")
            rows["y"].append(f"gapy{n}")
            lines.append(edge(prev, f"gaph{n}", dashed=True))
            prev = f"gaph{n}"
            continue
        lines.append(node(f"x{t}", sub_label("x", t, _token(spec.inputs, t)), INPUT_FILL))
        lines.append(node(f"h{t}", sub_label("h", t), HIDDEN_FILL))
        lines.append(f'  y{t} [label="", shape=point, style=invis];')
        lines.append(f"  h{t} -> y{t} [style=invis];")
        lines.append(edge(f"x{t}", f"h{t}"))
        if prev:
            lines.append(edge(prev, f"h{t}"))
        prev = f"h{t}"
        rows["x"].append(f"x{t}")
        rows["h"].append(f"h{t}")
        rows["y"].append(f"y{t}")
    prev_y = None
    for t, word in enumerate(spec.outputs, start=1):
        lines.append(f'  dx{t} [label="", shape=point, style=invis];')
        lines.append(node(f"s{t}", sub_label("s", t), DECODER_FILL))
        lines.append(node(f"dy{t}", sub_label("y", t, word), OUTPUT_FILL))
        lines.append(edge(prev, f"s{t}", "context" if t == 1 else ""))
        lines.append(edge(f"s{t}", f"dy{t}"))
        lines.append(f"  dx{t} -> s{t} [style=invis];")
        if prev_y:
            lines.append(edge(prev_y, f"s{t}", color=GREY, dashed=True, constraint=False))
        prev, prev_y = f"s{t}", f"dy{t}"
        rows["x"].append(f"dx{t}")
        rows["h"].append(f"s{t}")
        rows["y"].append(f"dy{t}")
    lines += [rank_row(names) for names in rows.values()]
    lines.append("}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------- the CNN's semantic vector
CNN_FILL = "#f1f3f5"  # the convolutional part


@dataclass(frozen=True)
class SemanticView:
    """What the semantic-vector diagram writes: the photo's side, the last feature maps' side and channels
    (side 0: the photo is too small for the convolutional part), the semantic vector's length, the dense
    classifier's units, the caption's words."""

    side: int
    feature_side: int
    channels: int
    length: int
    dense_units: int
    words: tuple[str, ...]


def _html(*lines: str) -> str:
    return "<" + "<BR/>".join(lines) + ">"


def semantic_dot(view: SemanticView, *, fontsize: int = 12) -> str:
    """An image through the CNN's convolutional part (feature extraction) to one vector, the semantic
    vector; from it a dense classifier says dog or cat, and, after a transformation, an image-captioning
    RNN (one to many) writes the caption one word a step. Top to bottom and narrow, so it is drawn at its
    own size; every text at ``fontsize`` points (a point is 4/3 px on screen: 14 gives 18.7 px)."""
    s, k, n = view.side, view.feature_side, view.length
    maps = f"({view.channels}, {k}, {k}) flattened" if k else "no feature map left"
    cluster = (f'labelloc=b; labeljust=l; fontname="{FONT}"; fontsize={fontsize}; color="#adb5bd"; '
               "style=rounded; margin=10;")
    lines = ["digraph G {",
             '  rankdir=TB; nodesep=0.3; ranksep=0.3; bgcolor="transparent"; newrank=true;',
             f'  node [fontname="{FONT}", fontsize={fontsize}, margin="0.12,0.06"];',
             f'  edge [fontname="{FONT}", fontsize={fontsize}, color="#555555", penwidth=1.2];',
             node("photo", _html("<B>photo</B>", f"(3, {s}, {s}) tensor", f"{3 * s * s:,} numbers"), INPUT_FILL),
             node("cnn", _html("<B>feature extraction</B>", "the CNN's convolutional part:",
                               "4 × (3×3 convolution, 2×2 pool)"), CNN_FILL),
             node("sem", _html("<B>semantic vector</B>", f"{n:,} numbers" if n else "none: photo too small"),
                  ACCENT_FILL, color=ACCENT, width=2.2),
             edge("photo", "cnn"),
             edge("cnn", "sem", f"&nbsp;{maps}"),
             # the dog-or-cat classifier, at the left
             node("dense", _html("<B>dense classifier</B>", f"{view.dense_units} units → 1 unit"), HIDDEN_FILL),
             node("label", _html("<B>dog</B> (1, 0)", "or <B>cat</B> (0, 1)"), OUTPUT_FILL),
             edge("sem", "dense"), edge("dense", "label"),
             # the captioning RNN, at the right: one hidden state a word, the word fed to the next step
             node("into", _html("transformation", "(a learned map)"), "#ffffff", dashed=True),
             edge("sem", "into")]
    previous = "into"
    for t, word in enumerate(view.words, start=1):
        lines += [node(f"h{t}", sub_label("h", t), HIDDEN_FILL),
                  node(f"w{t}", f"<<B>{escape(word)}</B>>", OUTPUT_FILL),
                  edge(previous, f"h{t}", "&nbsp;x₁" if t == 1 else ""),
                  edge(f"h{t}", f"w{t}"),
                  f"  {{ rank=same; h{t}; w{t}; }}"]
        if t > 1:
            lines.append(edge(f"w{t - 1}", f"h{t}", color=GREY, dashed=True, constraint=False))
        previous = f"h{t}"
    steps = " ".join(f"h{t}; w{t};" for t in range(1, len(view.words) + 1))
    lines += ["  subgraph cluster_classify { style=invis; dense; label; }",  # declared first: drawn at the left
              f"  subgraph cluster_caption {{ label=<<B>image-captioning RNN</B><BR/>one to many>; "
              f"{cluster} into; {steps} }}",
              "}"]
    return "\n".join(lines)
