"""The history page's title and introduction: what it draws first, before its heavy imports
(:mod:`ui.opening`)."""

TITLE = "A brief history of neural nets"
INTRO = (
    "Neural nets have been declared the future three times and dead twice. A single trainable neuron "
    "(1958) promised thinking machines; a proof of what it **cannot** do (1969) helped end the first "
    "boom; backpropagation (1986) revived the field until, in the 1990s, gradients that **vanish** through "
    "time and depth — with too little hardware and data — stalled it again; the LSTM (1997) was invented "
    "against exactly that. Follow the article's storyline on the timeline, then re-run two of its turning "
    "points yourself.")
