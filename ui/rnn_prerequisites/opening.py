"""The rnn prerequisites page's title and introduction: what it draws first, before its heavy imports
(:mod:`ui.opening`)."""

TITLE = "Sequence data and RNN task types"
INTRO = (
    "A neural network is a mapping from inputs to outputs. A dense layer maps a fixed number of "
    "numbers in a fixed arrangement; **sequence data** (weather readings, words, notes) comes in "
    "varying lengths, and its **order** carries meaning. A recurrent network reads a sequence one time "
    "step at a time, so one set of weights handles any length and every order."
)
