"""Prerequisites for RNNs: sequence data as tensors, why order matters, the types of RNN tasks."""

from ui.frame import page
from ui.rnn_prerequisites import sections, text

page("rnn_prerequisites", text, sections)
