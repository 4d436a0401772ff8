"""The simple rnn page's title and introduction: what it draws first, before its heavy imports
(:mod:`ui.opening`)."""

TITLE = "Simple RNN and back-propagation through time"
INTRO = (
    "A simple RNN reads a sequence one step at a time and keeps a hidden state h_t, its memory. "
    "**Unfolded** in time it is an ordinary deep network whose layers all share the same weights, so "
    "back-propagation works on it: every step adds its own contribution to the gradient of the shared "
    "W, and the sum is applied **once**. Here an untrained RNN predicts the next character of a short "
    "text; move the sliders and watch the numbers."
)
