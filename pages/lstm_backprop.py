"""LSTM back-propagation as chain rules on a graph, gradients through time, and gradient clipping."""

from ui.frame import page
from ui.lstm_backprop import sections, text

page("lstm_backprop", text, sections)
