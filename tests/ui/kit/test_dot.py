"""ui/kit/dot.py: the DOT pieces the diagrams share."""

from ui.kit import dot


def test_shown_steps_keep_ends_focus_and_mark_gaps():
    assert dot.shown_steps(5) == [1, 2, 3, 4, 5]
    assert dot.shown_steps(50) == [1, 2, None, 49, 50]
    assert dot.shown_steps(50, focus=[20]) == [1, 2, None, 19, 20, 21, None, 49, 50]
    assert dot.shown_steps(10, focus=[4]) == [1, 2, 3, 4, 5, None, 9, 10]  # a gap of one step is drawn


