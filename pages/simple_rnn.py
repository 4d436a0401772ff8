"""Simple RNN: forward propagation unfolded, back-propagation through time, vanishing gradients."""

from ui.opening import opening
from ui.simple_rnn.opening import INTRO, TITLE

top = opening(TITLE, INTRO)  # on screen before the imports below (Altair, pandas, numba: seconds when cold)

from ui.frame import page  # noqa: E402
from ui.simple_rnn import sections, text  # noqa: E402

page("simple_rnn", text, sections, top=top)
