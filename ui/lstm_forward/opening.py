"""The lstm forward page's title and introduction: what it draws first, before its heavy imports
(:mod:`ui.opening`)."""

TITLE = "LSTM forward propagation, gate by gate"
INTRO = (
    "An LSTM block reads a sequence one step at a time. At each step three **gates** — numbers between "
    "0 (shut) and 1 (open) — decide how much of the new **block input** z enters the **cell**, how much "
    "of the old cell is kept, and how much of the cell is shown as the **output** y. The cell is a "
    "*highway*: what the forget gate keeps travels on unchanged. Pick an input, then step through time."
)
