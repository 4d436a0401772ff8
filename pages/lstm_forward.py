"""LSTM forward propagation, gate by gate: step a block through time and watch every number."""

from ui.lstm_forward.opening import INTRO, TITLE
from ui.opening import opening

top = opening(TITLE, INTRO)  # on screen before the imports below (Altair, pandas, numba: seconds when cold)

from ui.frame import page  # noqa: E402
from ui.lstm_forward import sections, text  # noqa: E402

page("lstm_forward", text, sections, top=top)
