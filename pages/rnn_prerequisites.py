"""Prerequisites for RNNs: sequence data as tensors, why order matters, the types of RNN tasks."""

from ui.opening import opening
from ui.rnn_prerequisites.opening import INTRO, TITLE

top = opening(TITLE, INTRO)  # on screen before the imports below (Altair, pandas, numba: seconds when cold)

from ui.frame import page  # noqa: E402
from ui.rnn_prerequisites import sections, text  # noqa: E402

page("rnn_prerequisites", text, sections, top=top)
