"""LSTM forward propagation, gate by gate: step a block through time and watch every number."""

from ui.frame import page
from ui.lstm_forward import sections, text

page("lstm_forward", text, sections)
