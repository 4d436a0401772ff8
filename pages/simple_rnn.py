"""Simple RNN: forward propagation unfolded, back-propagation through time, vanishing gradients."""

from ui.frame import page
from ui.simple_rnn import sections, text

page("simple_rnn", text, sections)
