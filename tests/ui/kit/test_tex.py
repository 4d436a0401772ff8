"""A long displayed formula cut into lines at its top-level separators (for a projector)."""

from __future__ import annotations

from ui.kit.tex import gathered, top_level_parts


def test_cuts_at_top_level_quads_and_keeps_the_commas():
    parts = top_level_parts(r"a = 1,\quad b = 2,\qquad c = 3 \qquad d")
    assert parts == ["a = 1,", "b = 2,", "c = 3", "d"]


def test_never_cuts_inside_braces_environments_or_left_right():
    latex = r"\begin{cases} a,\quad b \end{cases} \qquad \left( x,\quad y \right) \qquad \text{{p,\quad q}}"
    assert top_level_parts(latex) == [r"\begin{cases} a,\quad b \end{cases}", r"\left( x,\quad y \right)",
                                      r"\text{{p,\quad q}}"]


def test_escaped_braces_do_not_count_as_nesting():
    assert top_level_parts(r"\{ a \qquad b") == [r"\{ a", "b"]


def test_one_part_is_left_as_it_is_and_several_become_gathered_lines():
    assert gathered(r"x = \frac{1}{2}") == r"x = \frac{1}{2}"
    assert gathered(r"x = 1,\quad y = 2") == r"\begin{gathered}x = 1, \\ y = 2\end{gathered}"
