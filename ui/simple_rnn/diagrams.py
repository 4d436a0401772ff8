"""Graphviz DOT builders of the simple-RNN page: the RNN folded (one cell and its loop) and unfolded
over time, with one step highlighted and the error of L_t flowing back through a truncation window;
the article's neuron-level figures (a dense layer's errors flowing back to one neuron, the RNN as
neurons with recurrent arrows, unfolding as copies of one dense network, one neuron split into its
pre- and post-activation halves).

The neuron-level diagrams are drawn for a projector: inputs at the bottom (as the article asks), few
neurons per layer, labels at 15 pt (20 px on screen when the SVG keeps its size, as it does at
1024 px: each stays narrower than the page's column).
"""

from __future__ import annotations

from ui.kit.dot import (
    ACCENT,
    ACCENT_FILL,
    ELLIPSIS,
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
)
from ui.kit.numbers import fixed

WINDOW = 5  # step columns the unfolded diagrams draw at most: 14 pt labels keep them inside 1024 px
STEP_FONT_PT = 14  # every label of the folded and unfolded diagrams: 18.7 px at the SVG's own size


def step_window(seq_len: int, step: int | None = None, backward: tuple[int, int] | None = None) -> list:
    """Steps the unfolded diagram draws, in order, with ``ELLIPSIS`` for each run of steps left out
    (at the start, between, at the end).

    Forward (``step``): the ``WINDOW`` steps around t (t − 2 … t + 2, moved inside 1..T). Backward
    (``backward=(t, k)``, window t − k + 1 … t): all of it, with the step before it (where the error
    stops) when that fits, in ``WINDOW`` columns; a longer window by its two ends: t − k, t − k + 1, ⋯,
    t − 1, t (from the start of the sequence: 1, 2, ⋯, t − 1, t).
    """
    if backward is None:
        t = step or seq_len
        start = min(max(1, t - WINDOW // 2), max(1, seq_len - WINDOW + 1))
        keep = set(range(start, min(seq_len, start + WINDOW - 1) + 1))
    else:
        t, k = backward
        lo = max(1, t - k + 1)
        if t - lo + 1 <= WINDOW:
            start = max(1, lo - 1) if t - lo + 2 <= WINDOW else lo
            end = min(seq_len, start + WINDOW - 1)
            keep = set(range(max(1, end - WINDOW + 1), end + 1))
        else:
            keep = {lo - 1, lo, t - 1, t} if lo > 1 else {lo, lo + 1, t - 1, t}
    out: list = []
    for s in sorted(keep):
        if (out and s - out[-1] > 1) or (not out and s > 1):
            out.append(ELLIPSIS)
        out.append(s)
    return out + ([ELLIPSIS] if out[-1] < seq_len else [])


def _step_header() -> list[str]:
    """The kit's header (inputs at the bottom, time to the right) with projector-sized text."""
    return [*header(), f"  node [fontsize={STEP_FONT_PT}, width=0.75, height=0.42, fixedsize=true]; "
            f"edge [fontsize={STEP_FONT_PT}, arrowsize=0.7];", "  nodesep=0.25; ranksep=0.4;"]


def _gap(name: str) -> str:
    return f'  {name} [label="⋯", shape=plaintext, fontsize=20, width=0.3];'


def unfolded_rnn_dot(seq_len: int, step: int | None = None, backward: tuple[int, int] | None = None) -> str:
    """The simple RNN unfolded over ``seq_len`` steps: x_t →U→ h_t →V→ o_t → L_t, h_{t−1} →W→ h_t,
    drawn for the window of steps :func:`step_window` picks (⋯ for the steps left out).

    ``step`` highlights one time step (the scrubber). ``backward=(t, k)`` draws the error of L_t
    flowing back through steps t..t−k+1 in the accent colour, dashed, from L_t's thick outline, and greys
    (with a dashed outline) the hidden states it does not reach: none of it rests on colour alone.
    Labels are 14 pt with Unicode subscripts (Graphviz draws ``<SUB>`` smaller).
    """
    lo, hi = (backward[0] - backward[1] + 1, backward[0]) if backward else (None, None)
    lines = _step_header()
    rows = {"x": [], "h": [], "o": [], "L": []}
    prev_h = None
    shown = step_window(seq_len, step, backward)
    if shown[0] == 1:
        lines.append(node("h0", f'"{u("h", 0)}"', "#ffffff", dashed=True))
        rows["h"].append("h0")
        prev_h = "h0"
    for n, t in enumerate(shown):
        if t is ELLIPSIS:
            for row in "xhoL":
                lines.append(_gap(f"gap{row}{n}"))
                rows[row].append(f"gap{row}{n}")
            if prev_h is not None:
                lines.append(edge(prev_h, f"gaph{n}", "W", dashed=True))
            prev_h = f"gaph{n}"
            continue
        hot = t == step
        color, width = (ACCENT, 2.6) if hot else ("#444444", 1.2)
        reached = backward is None or lo <= t <= hi
        names = {r: f"{r}{t}" for r in "xhoL"}
        lines.append(node(names["x"], f'"{u("x", t)}"', INPUT_FILL, color=color, width=width))
        lines.append(node(names["h"], f'"{u("h", t)}"', HIDDEN_FILL if reached else "#f2f2f2",
                          color=color if reached else GREY, width=width, dashed=not reached))
        lines.append(node(names["o"], f'"{u("o", t)}"', OUTPUT_FILL, color=color, width=width))
        loss_hot = backward is not None and t == hi
        lines.append(node(names["L"], f'"{u("L", t)}"', ACCENT_FILL if loss_hot else "#ffffff",
                          color=ACCENT if loss_hot else color, shape="ellipse", width=2.6 if loss_hot else width))
        for row in "xhoL":
            rows[row].append(names[row])
        first = t == next(s for s in shown if s is not ELLIPSIS)  # U and V named once: the columns stay narrow
        lines.append(edge(names["x"], names["h"], "U" if first else ""))
        lines.append(edge(names["h"], names["o"], "V" if first else ""))
        lines.append(edge(names["o"], names["L"], color=ACCENT if loss_hot else "#555555",
                          width=2.0 if loss_hot else 1.2))
        if prev_h is not None:
            lines.append(edge(prev_h, names["h"], "W"))
            if backward is not None and lo < t <= hi:
                lines.append(edge(names["h"], prev_h, "", color=ACCENT, dashed=True, constraint=False, width=2.0))
        prev_h = names["h"]
    lines += [rank_row(rows[r]) for r in "xhoL"]
    lines.append("}")
    return "\n".join(lines)


def folded_rnn_dot() -> str:
    """The RNN before unfolding: one cell with a loop W on itself (one step's delay)."""
    lines = _step_header()
    lines += [node("x", f'"{u("x", "t")}"', INPUT_FILL), node("h", f'"{u("h", "t")}"', HIDDEN_FILL),
              node("o", f'"{u("o", "t")}"', OUTPUT_FILL),
              node("L", f'"{u("L", "t")}"', "#ffffff", shape="ellipse"),
              edge("x", "h", "U"), edge("h", "o", "V"), edge("o", "L"),
              '  h -> h [label=<W<BR/>delay 1>, color="#555555", fontcolor="#555555"];', "}"]
    return "\n".join(lines)


# ------------------------------------------------------------------------ neuron-level diagrams
FONT_PT = 15  # node text; edge labels one point less: ≥ 18 px on screen at the SVG's own size
RECURRENT = "#b06f00"  # the article's yellow recurrent arrows, dark enough to read on white (4.6:1)
MAX_SHOWN_UNITS = 3  # neurons drawn per layer: 1, 2 and the last, with ⋯ between when there are more
MAX_COPIES = 3  # copies of the dense network drawn in the unfolded view: the first two and the last
UNITS_PER_COPY = 2  # neurons drawn per layer in each copy of the unfolded view
FORWARD_GREY = {"color": "#8a8a8a", "width": 0.8}
# Graphviz's <SUB> is drawn as a separate, lowered text run that lands on the next line of a multi-line
# label and away from its symbol: these labels use Unicode subscripts (one text run) instead.
_UNICODE_SUB = str.maketrans("0123456789tkji−+", "₀₁₂₃₄₅₆₇₈₉ₜₖⱼᵢ₋₊")


def u(symbol: str, index: int | str) -> str:
    """``symbol`` with ``index`` in Unicode subscripts: u("h", 12) = "h₁₂", u("h", "t−1") = "hₜ₋₁"."""
    index = str(index)
    lowered = index.translate(_UNICODE_SUB)
    if any(c == o for c, o in zip(lowered, index, strict=True)):
        raise ValueError(f"no Unicode subscript for some character of {index!r}")
    return symbol + lowered


def _header(ranksep: float, nodesep: float, title: str | None = None) -> list[str]:
    """The kit's header (inputs at the bottom) with projector-sized text."""
    return [*header(title), f"  node [fontsize={FONT_PT}]; edge [fontsize={FONT_PT - 1}, arrowsize=0.7];",
            f"  ranksep={ranksep}; nodesep={nodesep};"]


def _num(x: float, digits: int = 3) -> str:
    return fixed(x, digits, minus="−")


def _term(x: float, *, first: bool) -> str:
    """A term of a written-out sum: a negative one after the first in parentheses."""
    said = _num(x)
    return f"({said})" if not first and said.startswith("−") else said


def _times(a: float, b: float) -> str:
    """a × b with a negative second factor in parentheses: 0.372 × (−0.318)."""
    return f"{_num(a)} × {_term(b, first=False)}"


def _neuron(name: str, label: str, fill: str, *, color: str = "#444444", size: float = 0.55) -> str:
    return (f'  {name} [label="{label}", shape=circle, style=filled, fillcolor="{fill}", color="{color}", '
            f"penwidth=1.2, width={size}, fixedsize=true];")


def _side(name: str, label: str) -> str:
    """A layer's name at the left of its row (plain text)."""
    return f'  {name} [label=<{label}>, shape=plaintext, fontcolor="#333333"];'


def _arrow(a: str, b: str, label: str = "", *, color: str, width: float = 1.6, extra: str = "") -> str:
    attrs = [f'color="{color}"', f"penwidth={width}"]
    if label:
        attrs.append(f'label=<{label}>, fontcolor="{color}"')
    if extra:
        attrs.append(extra)
    return f"  {a} -> {b} [{', '.join(attrs)}];"


def shown_units(n: int) -> list[int | None]:
    """Units 1..n to draw as neurons: all when n ≤ MAX_SHOWN_UNITS, else 1, 2, None (⋯) and n."""
    if n <= MAX_SHOWN_UNITS:
        return list(range(1, n + 1))
    return [*range(1, MAX_SHOWN_UNITS), None, n]


def dense_backprop_dot(net, j: int) -> str:
    """The article's red arrows: the errors δ_k of every output neuron flow back to hidden neuron ``j``
    (1-based), each labelled w_kj δ_k with its numbers; neuron j adds them and multiplies by f'(a_j).

    ``net``: :class:`engine.rnn.DenseBackprop`. Forward connections are thin grey arrows (upwards, inputs
    at the bottom); the error arrows point down, thick, dashed, in the accent colour.
    """
    M, H, K = net.shape
    jj = j - 1
    lines = _header(0.75, 0.3)
    rows = {"x": [], "h": [], "y": []}
    for i in range(1, M + 1):
        lines.append(_neuron(f"x{i}", u("x", i), INPUT_FILL))
        rows["x"].append(f"x{i}")
    terms = [float(v) for v in net.terms[:, jj]]
    slope = 1.0 - float(net.h1[jj]) ** 2
    for h in range(1, H + 1):
        rows["h"].append(f"h{h}")
        if h != j:
            lines.append(_neuron(f"h{h}", u("h", h), HIDDEN_FILL, color=GREY))
            continue
        symbols = " + ".join(u("w", f"{k}{j}") + u("δ", k) for k in range(1, K + 1))
        label = (f"<<B>neuron j = {j}</B><BR/>{u('δ', j)} = f′({u('a', j)}) · ({symbols})<BR/>"
                 f"= {_times(slope, sum(terms))}<BR/><B>= {_num(float(net.delta_hidden[jj]))}</B>>")
        lines.append(node(f"h{h}", label, ACCENT_FILL, color=ACCENT, width=2.6))
    for k in range(1, K + 1):
        rows["y"].append(f"y{k}")
        y, d, e = (float(v[k - 1]) for v in (net.y, net.d, net.delta_out))
        label = (f"<{u('y', k)} = {_num(y)}<BR/>target {u('d', k)} = {_num(d)}<BR/>"
                 f"<B>{u('δ', k)} = {u('y', k)} − {u('d', k)} = {_num(e)}</B>>")
        lines.append(node(f"y{k}", label, OUTPUT_FILL))
    lines += [edge(f"x{i}", f"h{h}", **FORWARD_GREY) for i in range(1, M + 1) for h in range(1, H + 1)]
    for h in range(1, H + 1):
        for k in range(1, K + 1):
            if h != j:
                lines.append(edge(f"h{h}", f"y{k}", **FORWARD_GREY))
                continue
            w, d = float(net.W2[k - 1, jj]), float(net.delta_out[k - 1])
            label = f"{u('w', f'{k}{j}')}{u('δ', k)}<BR/>= {_times(w, d)}<BR/>= {_num(w * d)}"
            lines.append(_arrow(f"h{j}", f"y{k}", label, color=ACCENT, width=2.4, extra="dir=back, style=dashed"))
    lines += [rank_row(rows[r]) for r in "xhy"]
    lines.append("}")
    return "\n".join(lines)


def folded_neurons_dot(n_input: int, n_hidden: int, n_output: int) -> str:
    """The folded simple RNN drawn as neurons, inputs at the bottom: the input layer x_t, the hidden
    layer h_t with the article's recurrent arrows (from hidden neuron 1 to every hidden neuron,
    itself included: they carry h_t into the next step through W), the output layer o_t. Layers of
    more than three units show 1, 2, ⋯ and the last."""
    lines = _header(0.8, 0.32)
    layers = (("x", n_input, "M", INPUT_FILL, "input layer"), ("h", n_hidden, "H", HIDDEN_FILL, "hidden layer"),
              ("o", n_output, "K", OUTPUT_FILL, "output layer"))
    rows, neurons = {}, {}
    for key, n, letter, fill, title in layers:
        lines.append(_side(f"side_{key}", f"{title} {u(key, 't')}<BR/>{letter} = {n} units"))
        rows[key], neurons[key] = [f"side_{key}"], []
        for unit in shown_units(n):
            if unit is None:
                lines.append(ellipsis(f"{key}_gap"))
                rows[key].append(f"{key}_gap")
                continue
            lines.append(_neuron(f"{key}{unit}", u(key, unit), fill))
            rows[key].append(f"{key}{unit}")
            neurons[key].append(f"{key}{unit}")
    for a, b, w in (("x", "h", "U"), ("h", "o", "V")):
        for src in neurons[a]:
            for dst in neurons[b]:
                first = src == neurons[a][0] and dst == neurons[b][0]
                lines.append(edge(src, dst, w if first else "", **FORWARD_GREY))
    source = neurons["h"][0]
    for dst in neurons["h"]:
        if dst == source:
            lines.append(_arrow(f"{source}:n", f"{source}:ne", color=RECURRENT, width=2.2))
        else:
            label = "W (next step)" if dst == neurons["h"][1] else ""
            lines.append(_arrow(source, dst, label, color=RECURRENT, width=2.2))
    lines += [rank_row(rows[r]) for r in "xho"]
    lines.append("}")
    return "\n".join(lines)


def copies_shown(seq_len: int) -> list[int | None]:
    """Steps whose dense-network copy is drawn: all up to MAX_COPIES, else the first MAX_COPIES − 1,
    None (⋯) and the last."""
    if seq_len <= MAX_COPIES:
        return list(range(1, seq_len + 1))
    return [*range(1, MAX_COPIES), None, seq_len]


def unfolded_dcl_dot(seq_len: int) -> str:
    """Unfolding as the article draws it: the same three-layer dense network copied once per step,
    side by side (:func:`copies_shown`), each copy in a box named after its step, every copy with the
    same weight names U and V, and the arrows W from each copy's hidden layer to the next copy's, from
    h_0 at the left. Each layer of a copy is drawn with two neurons."""
    lines = _header(0.5, 0.1)
    lines.append("  newrank=true;")  # rows of the same rank across the copies' boxes
    rows = {"x": ["side_x"], "h": ["side_h"], "o": ["side_o"]}
    lines += [_side("side_x", f"input {u('x', 't')}"),
              _side("side_h", f"hidden {u('h', 't')}"), _side("side_o", f"output {u('o', 't')}")]
    lines.append(node("h0", f'"{u("h", 0)}"', "#ffffff", dashed=True))
    rows["h"].append("h0")
    prev, buses = ["h0"], []
    fills = {"x": INPUT_FILL, "h": HIDDEN_FILL, "o": OUTPUT_FILL}
    for n, t in enumerate(copies_shown(seq_len)):
        if t is None:
            lines += [ellipsis(f"gap{r}{n}") for r in "xho"]
            for r in "xho":
                rows[r].append(f"gap{r}{n}")
            lines.append(_arrow(prev[-1], f"gaph{n}", color=RECURRENT, extra="style=dashed"))
            prev = [f"gaph{n}"]
            continue
        units = {r: [f"{r}{t}_{k}" for k in range(1, UNITS_PER_COPY + 1)] for r in "xho"}
        lines.append(f'  subgraph cluster_{t} {{ label="t = {t}"; labelloc="b"; style="rounded,dashed"; '
                     f'color="#9a9a9a"; fontcolor="#333333"; fontsize={FONT_PT}; margin=5;')
        for r in "xho":
            lines += ["  " + _neuron(name, "", fills[r], size=0.3) for name in units[r]]
        lines.append(f'    bus{t} [label="", shape=point, width=0.06, color="{RECURRENT}"];')
        lines.append("  }")
        for a, b, w in (("x", "h", "U"), ("h", "o", "V")):
            for src in units[a]:
                for dst in units[b]:
                    last = src == units[a][-1] and dst == units[b][-1]  # the names on the right: W's curves
                    lines.append(edge(src, dst, w if last else "", **FORWARD_GREY))  # arrive from the left
        # W: every hidden neuron of the copy before to every hidden neuron of this one, drawn as a bus
        # (the arrows meet in one point and fan out again), which keeps H × H arrows from crossing
        bus = f"bus{t}"
        lines += [f'  {src} -> {bus} [color="{RECURRENT}", penwidth=1.4, dir=none];' for src in prev]
        lines += [_arrow(bus, dst, "W" if dst == units["h"][0] else "", color=RECURRENT, width=1.4)
                  for dst in units["h"]]
        prev = units["h"]
        buses.append(bus)
        for r in "xho":
            rows[r] += units[r]
    lines += [rank_row(rows[r]) for r in "xho"]
    lines.append("  { rank=same; " + "; ".join([rows["h"][1], *buses]) + "; }")  # each bus in the hidden row
    lines.append("}")
    return "\n".join(lines)


def split_neuron_dot(n) -> str:
    """One hidden neuron split in two halves, as the article's note draws it: the pre-activation
    a = Σ w x + b (left) and the post-activation h = tanh(a) (right), with the step's numbers; its
    three inputs come from below (h_{t−1} through row i of W, x_t through U, the bias b_i) and h goes
    up to o_t (through V) and on to the next step (through W).

    ``n`` has ``t, unit, char, bias, recurrent, input, a, h`` (``data.NeuronAt``)."""
    t, i = n.t, n.unit
    char = "space" if n.char == " " else f"'{escape(n.char)}'"
    lines = _header(0.6, 0.3, title=f"<B>hidden unit i = {i} at step t = {t}</B>")
    neuron = (f'<<TABLE BORDER="1" COLOR="{ACCENT}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="8" STYLE="rounded">'
              f'<TR><TD PORT="pre" BGCOLOR="{HIDDEN_FILL}">pre-activation<BR/>a = Σ w x + b<BR/>'
              f"<B>= {_num(n.a)}</B></TD>"
              f'<TD BGCOLOR="#ffffff">→</TD>'
              f'<TD PORT="post" BGCOLOR="{HIDDEN_FILL}">post-activation<BR/>h = tanh(a)<BR/>'
              f"<B>= {_num(n.h)}</B></TD>"
              "</TR></TABLE>>")
    lines.append(f"  neuron [label={neuron}, shape=plaintext];")
    lines.append(node("hprev", f'"{u("h", t - 1)} (all H units)"', HIDDEN_FILL, dashed=t == 1))
    lines.append(node("x", f'"{u("x", t)} = onehot({char})"', INPUT_FILL))
    lines.append(node("b", f'"bias {u("b", i)}"', "#ffffff"))
    lines.append(node("o", f'"{u("o", t)}"', OUTPUT_FILL))
    lines.append(node("next", f'"{u("a", t + 1)} (next step)"', "#ffffff", dashed=True))
    ins = (("hprev", f"Σⱼ {u('W', i)}ⱼ {u('h', t - 1)},ⱼ<BR/>= {_num(n.recurrent)}"),
           ("x", f"U[{i}, {char}]<BR/>= {_num(n.input)}"),
           ("b", f"{u('b', i)} = {_num(n.bias)}"))
    lines += [_arrow(src, "neuron:pre:s", label, color="#444444", width=1.2) for src, label in ins]
    lines.append(_arrow("neuron:post:n", "o", "V", color="#444444", width=1.2))
    lines.append(_arrow("neuron:post:n", "next", "W", color=RECURRENT))
    lines += ["  { rank=same; hprev; x; b; }", "  { rank=same; o; next; }", "}"]
    return "\n".join(lines)
