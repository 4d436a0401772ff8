"""LaTeX helpers that need no Streamlit: a long displayed formula cut into lines for a projector."""

from __future__ import annotations

import re

# Where a displayed formula may be cut: the wide spaces that already separate its parts, at the top level
# (not inside braces, \left … \right or an environment). ``,\quad`` keeps its comma on the first line.
_BREAK = re.compile(r"(,?\s*\\qquad\s*|,\s*\\quad\s*)")
_OPEN = re.compile(r"\\begin\{|\\left\b")
_CLOSE = re.compile(r"\\end\{|\\right\b")


def _depth_changes(text: str) -> int:
    """Net nesting a piece opens: braces, ``\\left``/``\\right`` and environments (escaped braces aside)."""
    plain = text.replace(r"\{", "").replace(r"\}", "")
    return (plain.count("{") - plain.count("}") + len(_OPEN.findall(plain)) - len(_CLOSE.findall(plain)))


def top_level_parts(latex: str) -> list[str]:
    """``latex`` cut at its top-level ``\\qquad`` and ``,\\quad`` separators (a comma stays with its part)."""
    pieces = _BREAK.split(latex)
    parts, current, depth = [], "", 0
    for n, piece in enumerate(pieces):
        if n % 2 == 1:  # a separator
            if depth == 0:
                parts.append(current + (",", "")[piece.strip().startswith("\\")])
                current = ""
            else:
                current += piece
            continue
        current += piece
        depth += _depth_changes(piece)
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def gathered(latex: str) -> str:
    """``latex`` as one centred line per top-level part (KaTeX ``gathered``); unchanged when it has one."""
    parts = top_level_parts(latex)
    if len(parts) < 2:
        return latex
    return r"\begin{gathered}" + r" \\ ".join(parts) + r"\end{gathered}"
