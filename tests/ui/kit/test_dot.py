"""ui/kit/dot.py: the DOT pieces the diagrams share."""

import shutil
import subprocess

import pytest

from ui.kit import dot


def test_shown_steps_keep_ends_focus_and_mark_gaps():
    assert dot.shown_steps(5) == [1, 2, 3, 4, 5]
    assert dot.shown_steps(50) == [1, 2, None, 49, 50]
    assert dot.shown_steps(50, focus=[20]) == [1, 2, None, 19, 20, 21, None, 49, 50]
    assert dot.shown_steps(10, focus=[4]) == [1, 2, 3, 4, 5, None, 9, 10]  # a gap of one step is drawn




def _title(svg: str) -> str:
    """The graph's <title> in Graphviz's SVG (what the browser keys every element under)."""
    start = svg.index('class="graph"')
    return svg[svg.index("<title>", start) + 7:svg.index("</title>", start)]


def test_marked_names_a_graph_by_its_content_invisibly():
    one = "digraph circuit {\n  a -> b;\n}"
    two = "digraph circuit {\n  a -> c;\n}"
    marked_one, marked_two = dot.marked(one), dot.marked(two)
    assert dot.marked(one) == marked_one  # the same drawing keeps its keys
    assert marked_one != marked_two
    assert marked_one.startswith("digraph circuit") and marked_one.endswith(" {\n  a -> b;\n}")
    mark = marked_one[len("digraph circuit"):marked_one.index(" {")]
    assert len(mark) == 24 and set(mark) <= {"\u200b", "\u200c"}  # zero-width: nothing shows
    with pytest.raises(ValueError, match="digraph"):
        dot.marked("graph { a -- b }")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_takes_the_mark_into_the_graphs_title():
    svgs = [subprocess.run(["dot", "-Tsvg"], input=dot.marked(f"digraph G {{ a -> {b}; }}"), text=True,
                           capture_output=True, check=True).stdout for b in "bc"]
    titles = [_title(svg) for svg in svgs]
    assert titles[0] != titles[1] and all(t.startswith("G\u200b") or t.startswith("G\u200c") for t in titles)
