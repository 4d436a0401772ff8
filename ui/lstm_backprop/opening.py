"""The lstm backprop page's title and introduction: what it draws first, before its heavy imports
(:mod:`ui.opening`)."""

TITLE = "LSTM back-propagation and gradient clipping"
INTRO = (
    "Back-propagation is the chain rule applied on a graph: every variable collects the error of each "
    "arrow that leaves it, multiplied by that arrow's local derivative, and adds what arrives by different "
    "paths. In an LSTM one of those arrows, the cell's *highway* $c_{t-1} \\to c_t$, multiplies only by the "
    "forget gate; the cell also reaches $c_t$ through the gates, by $y_{t-1}$ and the peepholes, and the "
    "full $\\partial c_t/\\partial c_{t-1}$ mixes them. LSTMs *mitigate* vanishing gradients; they do not "
    "solve them. When errors grow instead, one gradient step can throw a network off a cliff: **clipping** "
    "bounds the step.")
