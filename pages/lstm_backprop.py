"""LSTM back-propagation as chain rules on a graph, gradients through time, and gradient clipping."""

from ui.lstm_backprop.opening import INTRO, TITLE
from ui.opening import opening

top = opening(TITLE, INTRO)  # on screen before the imports below (Altair, pandas, numba: seconds when cold)

from ui.frame import page  # noqa: E402
from ui.lstm_backprop import sections, text  # noqa: E402

page("lstm_backprop", text, sections, top=top)
