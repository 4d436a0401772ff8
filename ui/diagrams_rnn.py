"""Graphviz DOT builders for the RNN pages: the unfolded simple RNN and the six RNN task types.

Pure functions returning DOT strings for ``st.graphviz_chart``. Time runs left to right; inputs sit at
the bottom, hidden states in the middle, outputs on top (Goodfellow et al., fig. 10.3). Long sequences
are drawn with their first and last steps (and the focused step) and an ellipsis in between.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

ACCENT = "#d6336c"
ACCENT_FILL = "#fbe3ec"
INPUT_FILL = "#e7f0fa"
HIDDEN_FILL = "#fff3df"
OUTPUT_FILL = "#e6f4e6"
DECODER_FILL = "#efe6f7"
GREY = "#b0b0b0"
ELLIPSIS = None  # marks a gap in a list of shown steps


def shown_steps(seq_len: int, focus: Sequence[int] = (), edge: int = 2, max_full: int = 7) -> list:
    """Steps 1..T to draw: all when T ≤ max_full, else the first and last ``edge`` steps, the focused
    steps and their neighbours, with ``ELLIPSIS`` for every gap of more than one step."""
    if seq_len <= max_full:
        return list(range(1, seq_len + 1))
    keep = set(range(1, edge + 1)) | set(range(seq_len - edge + 1, seq_len + 1))
    for t in focus:
        keep |= {s for s in (t - 1, t, t + 1) if 1 <= s <= seq_len}
    out: list = []
    for t in sorted(keep):
        if out and t - out[-1] == 2:
            out.append(t - 1)
        elif out and t - out[-1] > 2:
            out.append(ELLIPSIS)
        out.append(t)
    return out


def _label(symbol: str, t: int | str, token: str | None = None) -> str:
    sub = f"{symbol}<SUB>{t}</SUB>"
    if token is None:
        return f"<{sub}>"
    return f'<<B>{_escape(token)}</B><BR/><FONT POINT-SIZE="10">{sub}</FONT>>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _node(name: str, label: str, fill: str, *, color: str = "#444444", shape: str = "box",
          width: float = 1.5, dashed: bool = False) -> str:
    style = '"rounded,filled,dashed"' if dashed else '"rounded,filled"'
    return (f'  {name} [label={label}, shape={shape}, style={style}, fillcolor="{fill}", '
            f'color="{color}", penwidth={width}];')


def _edge(a: str, b: str, label: str = "", *, color: str = "#555555", dashed: bool = False,
          constraint: bool = True, width: float = 1.2) -> str:
    attrs = [f'color="{color}"', f"penwidth={width}"]
    if label:
        attrs.append(f'label=<{label}>, fontcolor="{color}"')
    if dashed:
        attrs.append("style=dashed")
    if not constraint:
        attrs.append("constraint=false")
    return f"  {a} -> {b} [{', '.join(attrs)}];"


def _header(title: str | None = None) -> list[str]:
    lines = ["digraph G {", '  rankdir=BT; nodesep=0.35; ranksep=0.45; bgcolor="transparent";',
             '  node [fontname="Helvetica", fontsize=13, height=0.4];',
             '  edge [fontname="Helvetica", fontsize=11];']
    if title:
        lines.append(f'  labelloc="t"; label=<{title}>; fontname="Helvetica"; fontsize=14;')
    return lines


def _rank(names: Sequence[str]) -> str:
    """One row: same rank, kept in time order by invisible left-to-right edges."""
    order = "".join(f"  {a} -> {b} [style=invis];\n" for a, b in itertools.pairwise(names))
    return order + "  { rank=same; " + "; ".join(names) + "; }"


def _ellipsis(name: str) -> str:
    return f'  {name} [label="⋯", shape=plaintext, fontsize=20];'


def unfolded_rnn_dot(seq_len: int, step: int | None = None, backward: tuple[int, int] | None = None) -> str:
    """The simple RNN unfolded over ``seq_len`` steps: x_t →U→ h_t →V→ o_t → L_t, h_{t−1} →W→ h_t.

    ``step`` highlights one time step (the scrubber). ``backward=(t, k)`` draws the error of L_t
    flowing back through steps t..t−k+1 in the accent colour and greys the steps it no longer reaches.
    """
    focus = [s for s in (step, *(backward[:1] if backward else ())) if s]
    if backward:
        focus.append(max(1, backward[0] - backward[1] + 1))
    steps = shown_steps(seq_len, focus)
    lo, hi = (backward[0] - backward[1] + 1, backward[0]) if backward else (None, None)
    lines = _header()
    lines.append(_node("h0", "<h<SUB>0</SUB>>", "#ffffff", dashed=True))
    rows = {"x": [], "h": ["h0"], "o": [], "L": []}
    prev_h = "h0"
    for n, t in enumerate(steps):
        if t is ELLIPSIS:
            for row in "xhoL":
                name = f"gap{row}{n}"
                lines.append(_ellipsis(name))
                rows[row].append(name)
            lines.append(_edge(prev_h, f"gaph{n}", "W", dashed=True))
            prev_h = f"gaph{n}"
            continue
        hot = t == step
        color, width = (ACCENT, 2.6) if hot else ("#444444", 1.2)
        reached = backward is None or lo <= t <= hi
        names = {r: f"{r}{t}" for r in "xhoL"}
        lines.append(_node(names["x"], _label("x", t), INPUT_FILL, color=color, width=width))
        lines.append(_node(names["h"], _label("h", t), HIDDEN_FILL if reached else "#f2f2f2",
                           color=color if reached else GREY, width=width))
        lines.append(_node(names["o"], _label("o", t), OUTPUT_FILL, color=color, width=width))
        loss_hot = backward is not None and t == hi
        lines.append(_node(names["L"], _label("L", t), ACCENT_FILL if loss_hot else "#ffffff",
                           color=ACCENT if loss_hot else color, shape="ellipse", width=width))
        for row in "xhoL":
            rows[row].append(names[row])
        lines.append(_edge(names["x"], names["h"], "U"))
        lines.append(_edge(names["h"], names["o"], "V"))
        lines.append(_edge(names["o"], names["L"], color=ACCENT if loss_hot else "#555555",
                           width=2.0 if loss_hot else 1.2))
        lines.append(_edge(prev_h, names["h"], "W"))
        if backward is not None and lo < t <= hi:
            back_to = prev_h
            lines.append(_edge(names["h"], back_to, "", color=ACCENT, dashed=True, constraint=False,
                               width=2.0))
        prev_h = names["h"]
    lines += [_rank(rows[r]) for r in "xhoL"]
    lines.append("}")
    return "\n".join(lines)


def folded_rnn_dot() -> str:
    """The RNN before unfolding: one cell with a loop W on itself."""
    lines = _header()
    lines += [_node("x", "<x<SUB>t</SUB>>", INPUT_FILL), _node("h", "<h<SUB>t</SUB>>", HIDDEN_FILL),
              _node("o", "<o<SUB>t</SUB>>", OUTPUT_FILL),
              _node("L", "<L<SUB>t</SUB>>", "#ffffff", shape="ellipse"),
              _edge("x", "h", "U"), _edge("h", "o", "V"), _edge("o", "L"),
              '  h -> h [label=<W (delay 1)>, color="#555555", fontcolor="#555555"];', "}"]
    return "\n".join(lines)


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
             "One input starts a whole sequence: a photo becomes a caption, a first note becomes a melody. "
             "Each output is fed back as the next input.",
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


def drawn_columns(key: str, seq_len: int) -> int:
    """How many time columns a task diagram draws (ellipses included): small ones are not stretched."""
    if key == "one_to_one":
        return 1
    if key == "seq2seq":
        return len(shown_steps(seq_len, edge=1, max_full=5)) + len(task(key).outputs)
    return len(shown_steps(seq_len))


def _token(tokens: Sequence[str], t: int) -> str | None:
    return tokens[t - 1] if t <= len(tokens) else None


def task_dot(key: str, seq_len: int) -> str:
    """One task type unfolded over ``seq_len`` steps (the decoder of seq2seq keeps its own length)."""
    spec = task(key)
    if key == "one_to_one":
        lines = _header()
        lines += [_node("x1", _label("x", 1, spec.inputs[0]), INPUT_FILL),
                  _node("h1", _label("h", 1), HIDDEN_FILL), _node("y1", _label("y", 1, spec.outputs[0]),
                                                                   OUTPUT_FILL),
                  _edge("x1", "h1"), _edge("h1", "y1"), "}"]
        return "\n".join(lines)
    if key == "seq2seq":
        return _seq2seq_dot(spec, seq_len)
    steps = shown_steps(seq_len)
    has_input = (lambda t: t == 1) if key == "one_to_many" else (lambda t: True)
    has_output = (lambda t: t == seq_len) if key == "many_to_one" else (lambda t: True)
    lines = _header()
    rows = {"x": [], "h": [], "g": [], "y": []}
    prev, prev_y = None, None
    for n, t in enumerate(steps):
        if t is ELLIPSIS:
            for row in ("x", "h", "g", "y") if key == "bidirectional" else ("x", "h", "y"):
                lines.append(_ellipsis(f"gap{row}{n}"))
                rows[row].append(f"gap{row}{n}")
            if prev:
                lines.append(_edge(prev, f"gaph{n}", dashed=True))
            prev = f"gaph{n}"
            continue
        out_token = (spec.outputs[-1] if key == "many_to_one" else _token(spec.outputs, t))
        if has_input(t):
            lines.append(_node(f"x{t}", _label("x", t, _token(spec.inputs, t)), INPUT_FILL))
            lines.append(_edge(f"x{t}", f"h{t}"))
            if key == "bidirectional":
                lines.append(_edge(f"x{t}", f"g{t}"))
        else:
            lines.append(f'  x{t} [label="", shape=point, style=invis];')
        rows["x"].append(f"x{t}")
        lines.append(_node(f"h{t}", _label("h→" if key == "bidirectional" else "h", t), HIDDEN_FILL))
        rows["h"].append(f"h{t}")
        if prev:
            lines.append(_edge(prev, f"h{t}"))
        prev = f"h{t}"
        top = f"h{t}"
        if key == "bidirectional":
            lines.append(_node(f"g{t}", _label("h←", t), DECODER_FILL))
            rows["g"].append(f"g{t}")
            lines.append(f"  h{t} -> g{t} [style=invis];")  # keeps the two chains in their rows
            top = f"g{t}"
        if has_output(t):
            lines.append(_node(f"y{t}", _label("y", t, out_token), OUTPUT_FILL))
            lines.append(_edge(top, f"y{t}"))
            if key == "bidirectional":
                lines.append(_edge(f"h{t}", f"y{t}"))
            if key == "one_to_many" and prev_y:
                lines.append(_edge(prev_y, f"h{t}", color=GREY, dashed=True, constraint=False))
            prev_y = f"y{t}"
        else:
            lines.append(f'  y{t} [label="", shape=point, style=invis];')
            lines.append(f"  {top} -> y{t} [style=invis];")
        rows["y"].append(f"y{t}")
    if key == "bidirectional":  # h←_{t+1} → h←_t, drawn as a reversed edge to keep left-to-right order
        for a, b in itertools.pairwise(rows["g"]):
            style = ", style=dashed" if "gap" in a + b else ""
            lines.append(f'  {a} -> {b} [dir=back, color="#7b4fa0", penwidth=1.2{style}];')
    lines += [_rank(names) for names in rows.values() if names]
    lines.append("}")
    return "\n".join(lines)


def _seq2seq_dot(spec: TaskType, seq_len: int) -> str:
    lines = _header()
    enc = shown_steps(seq_len, edge=1, max_full=5)  # compact: the decoder needs the room
    rows = {"x": [], "h": [], "y": []}
    prev = None
    for n, t in enumerate(enc):
        if t is ELLIPSIS:
            lines += [_ellipsis(f"gapx{n}"), _ellipsis(f"gaph{n}"),
                      f'  gapy{n} [label="", shape=point, style=invis];']
            rows["x"].append(f"gapx{n}")
            rows["h"].append(f"gaph{n}")
            rows["y"].append(f"gapy{n}")
            lines.append(_edge(prev, f"gaph{n}", dashed=True))
            prev = f"gaph{n}"
            continue
        lines.append(_node(f"x{t}", _label("x", t, _token(spec.inputs, t)), INPUT_FILL))
        lines.append(_node(f"h{t}", _label("h", t), HIDDEN_FILL))
        lines.append(f'  y{t} [label="", shape=point, style=invis];')
        lines.append(f"  h{t} -> y{t} [style=invis];")
        lines.append(_edge(f"x{t}", f"h{t}"))
        if prev:
            lines.append(_edge(prev, f"h{t}"))
        prev = f"h{t}"
        rows["x"].append(f"x{t}")
        rows["h"].append(f"h{t}")
        rows["y"].append(f"y{t}")
    prev_y = None
    for t, word in enumerate(spec.outputs, start=1):
        lines.append(f'  dx{t} [label="", shape=point, style=invis];')
        lines.append(_node(f"s{t}", _label("s", t), DECODER_FILL))
        lines.append(_node(f"dy{t}", _label("y", t, word), OUTPUT_FILL))
        lines.append(_edge(prev, f"s{t}", "context" if t == 1 else ""))
        lines.append(_edge(f"s{t}", f"dy{t}"))
        lines.append(f"  dx{t} -> s{t} [style=invis];")
        if prev_y:
            lines.append(_edge(prev_y, f"s{t}", color=GREY, dashed=True, constraint=False))
        prev, prev_y = f"s{t}", f"dy{t}"
        rows["x"].append(f"dx{t}")
        rows["h"].append(f"s{t}")
        rows["y"].append(f"dy{t}")
    lines += [_rank(names) for names in rows.values()]
    lines.append("}")
    return "\n".join(lines)
