"""LaTeX of the LSTM delta equations (Greff et al. 2017) with the numbers of one unit and step.

``numbers`` is the dict of :func:`engine.chainrule.delta_terms` (one unit j, one step t).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ui.kit.numbers import latex_term

_term = partial(latex_term, sci=True)  # a number in a product or sum: 3 significant digits, (−x) in parentheses


def delta_equations(v: Mapping[str, float], t: int, last: bool) -> list[str]:
    """Six lines, δy, δō, δc, δf̄, δī, δz̄: symbols, then numbers, then the result (δy and δc split
    over two aligned rows)."""
    future = r"\text{(nothing comes from step } t+1 \text{: it is the last step)}" if last else ""
    sig_f, sig_i = v["f"] * (1 - v["f"]), v["i"] * (1 - v["i"])
    lines = [
        r"\delta y_t &= \Delta_t + R_z^\top\delta\bar z_{t+1} + R_i^\top\delta\bar\imath_{t+1}"
        r" + R_f^\top\delta\bar f_{t+1} + R_o^\top\delta\bar o_{t+1}"
        rf" \\ &= {_term(v['Delta'])} + {_term(v['rec_z'])} + {_term(v['rec_i'])}"
        rf" + {_term(v['rec_f'])} + {_term(v['rec_o'])}"
        rf" = \mathbf{{{_term(v['dy'])}}} \quad {future}",
        r"\delta\bar o_t = \delta y_t \odot h(c_t) \odot \sigma'(\bar o_t)"
        rf" = {_term(v['dy'])} \times {_term(v['h_c'])} \times {_term(v['sig_o'])} = \mathbf{{{_term(v['do'])}}}",
        r"\delta c_t &= \delta y_t \odot o_t \odot h'(c_t) + p_o \odot \delta\bar o_t"
        r" + p_i \odot \delta\bar\imath_{t+1} + p_f \odot \delta\bar f_{t+1} + \delta c_{t+1} \odot f_{t+1}"
        rf" \\ &= {_term(v['dc_direct'])} + {_term(v['p_o'] * v['do'])} + {_term(v['p_i'] * v['di_next'])}"
        rf" + {_term(v['p_f'] * v['df_next'])} + {_term(v['dc_next'] * v['f_next'])} = \mathbf{{{_term(v['dc'])}}}",
        r"\delta\bar f_t = \delta c_t \odot c_{t-1} \odot \sigma'(\bar f_t)"
        rf" = {_term(v['dc'])} \times {_term(v['c_prev'])} \times {_term(sig_f)} = \mathbf{{{_term(v['df'])}}}",
        r"\delta\bar\imath_t = \delta c_t \odot z_t \odot \sigma'(\bar\imath_t)"
        rf" = {_term(v['dc'])} \times {_term(v['z'])} \times {_term(sig_i)} = \mathbf{{{_term(v['di'])}}}",
        r"\delta\bar z_t = \delta c_t \odot i_t \odot g'(\bar z_t)"
        rf" = {_term(v['dc'])} \times {_term(v['i'])} \times {_term(1 - v['z'] ** 2)} = \mathbf{{{_term(v['dz'])}}}",
    ]
    return [rf"\begin{{aligned}}{line}\end{{aligned}}" if "&" in line else line for line in lines]


PARAMETER_GRADIENTS = (
    r"\begin{gathered}\delta W_\star = \sum_t \delta\bar\star_t\, x_t^\top,\quad"
    r"\delta R_\star = \sum_t \delta\bar\star_{t+1}\, y_t^\top,\quad"
    r"\delta b_\star = \sum_t \delta\bar\star_t \\"
    r"\delta p_i = \sum_t c_t \odot \delta\bar\imath_{t+1},\;"
    r"\delta p_f = \sum_t c_t \odot \delta\bar f_{t+1},\;"
    r"\delta p_o = \sum_t c_t \odot \delta\bar o_t\end{gathered}"
)

NORM_CLIPPING = (r"\text{if } \lVert g\rVert > \tau:\quad g \leftarrow \frac{\tau}{\lVert g\rVert + 10^{-6}}\,g"
                 r"\qquad\text{(same direction, step } \le \eta\tau\text{)}")
VALUE_CLIPPING = (r"g_k \leftarrow \min(\max(g_k, -v), v),\ \ v = \tau/\sqrt2"
                  r"\qquad\text{(each component; the direction changes)}")
CLIFF_MODEL = (r"x_t = w\,\sigma(x_{t-1}) + b,\quad t = 1\dots T,\qquad L(w, b) = \tfrac12 (x_T - x^*)^2")
