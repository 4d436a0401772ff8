"""Graphviz DOT builders of the simple-RNN page: the RNN folded (one cell and its loop) and unfolded
over time, with one step highlighted and the error of L_t flowing back through a truncation window.
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
    header,
    node,
    rank_row,
    shown_steps,
    sub_label,
)


def unfolded_rnn_dot(seq_len: int, step: int | None = None, backward: tuple[int, int] | None = None) -> str:
    """The simple RNN unfolded over ``seq_len`` steps: x_t →U→ h_t →V→ o_t → L_t, h_{t−1} →W→ h_t.

    ``step`` highlights one time step (the scrubber). ``backward=(t, k)`` draws the error of L_t
    flowing back through steps t..t−k+1 in the accent colour, dashed, from L_t's thick outline, and greys
    (with a dashed outline) the hidden states it does not reach: none of it rests on colour alone.
    """
    focus = [s for s in (step, *(backward[:1] if backward else ())) if s]
    if backward:
        focus.append(max(1, backward[0] - backward[1] + 1))
    steps = shown_steps(seq_len, focus)
    lo, hi = (backward[0] - backward[1] + 1, backward[0]) if backward else (None, None)
    lines = header()
    lines.append(node("h0", "<h<SUB>0</SUB>>", "#ffffff", dashed=True))
    rows = {"x": [], "h": ["h0"], "o": [], "L": []}
    prev_h = "h0"
    for n, t in enumerate(steps):
        if t is ELLIPSIS:
            for row in "xhoL":
                name = f"gap{row}{n}"
                lines.append(ellipsis(name))
                rows[row].append(name)
            lines.append(edge(prev_h, f"gaph{n}", "W", dashed=True))
            prev_h = f"gaph{n}"
            continue
        hot = t == step
        color, width = (ACCENT, 2.6) if hot else ("#444444", 1.2)
        reached = backward is None or lo <= t <= hi
        names = {r: f"{r}{t}" for r in "xhoL"}
        lines.append(node(names["x"], sub_label("x", t), INPUT_FILL, color=color, width=width))
        lines.append(node(names["h"], sub_label("h", t), HIDDEN_FILL if reached else "#f2f2f2",
                           color=color if reached else GREY, width=width, dashed=not reached))
        lines.append(node(names["o"], sub_label("o", t), OUTPUT_FILL, color=color, width=width))
        loss_hot = backward is not None and t == hi
        lines.append(node(names["L"], sub_label("L", t), ACCENT_FILL if loss_hot else "#ffffff",
                           color=ACCENT if loss_hot else color, shape="ellipse", width=2.6 if loss_hot else width))
        for row in "xhoL":
            rows[row].append(names[row])
        lines.append(edge(names["x"], names["h"], "U"))
        lines.append(edge(names["h"], names["o"], "V"))
        lines.append(edge(names["o"], names["L"], color=ACCENT if loss_hot else "#555555",
                           width=2.0 if loss_hot else 1.2))
        lines.append(edge(prev_h, names["h"], "W"))
        if backward is not None and lo < t <= hi:
            back_to = prev_h
            lines.append(edge(names["h"], back_to, "", color=ACCENT, dashed=True, constraint=False,
                               width=2.0))
        prev_h = names["h"]
    lines += [rank_row(rows[r]) for r in "xhoL"]
    lines.append("}")
    return "\n".join(lines)


def folded_rnn_dot() -> str:
    """The RNN before unfolding: one cell with a loop W on itself."""
    lines = header()
    lines += [node("x", "<x<SUB>t</SUB>>", INPUT_FILL), node("h", "<h<SUB>t</SUB>>", HIDDEN_FILL),
              node("o", "<o<SUB>t</SUB>>", OUTPUT_FILL),
              node("L", "<L<SUB>t</SUB>>", "#ffffff", shape="ellipse"),
              edge("x", "h", "U"), edge("h", "o", "V"), edge("o", "L"),
              '  h -> h [label=<W (delay 1)>, color="#555555", fontcolor="#555555"];', "}"]
    return "\n".join(lines)
