"""LaTeX of the LSTM delta equations (Greff et al. 2017) with the numbers of one unit and step.

``numbers`` is the dict of :func:`engine.chainrule.delta_terms` (one unit j, one step t).
"""

from __future__ import annotations

from collections.abc import Mapping


def _n(value: float) -> str:
    """A number for LaTeX, signed terms in parentheses (−0.0 prints as 0)."""
    if value == 0:
        return "0"
    text = f"{value:.3g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa}\times 10^{{{int(exponent)}}}"
    return f"({text})" if value < 0 else text


def delta_equations(v: Mapping[str, float], t: int, last: bool) -> list[str]:
    """Six lines, δy, δō, δc, δf̄, δī, δz̄: symbols, then numbers, then the result (δy and δc split
    over two aligned rows)."""
    future = r"\text{(nothing comes from step } t+1 \text{: it is the last step)}" if last else ""
    sig_f, sig_i = v["f"] * (1 - v["f"]), v["i"] * (1 - v["i"])
    lines = [
        r"\delta y_t &= \Delta_t + R_z^\top\delta\bar z_{t+1} + R_i^\top\delta\bar\imath_{t+1}"
        r" + R_f^\top\delta\bar f_{t+1} + R_o^\top\delta\bar o_{t+1}"
        rf" \\ &= {_n(v['Delta'])} + {_n(v['rec_z'])} + {_n(v['rec_i'])} + {_n(v['rec_f'])} + {_n(v['rec_o'])}"
        rf" = \mathbf{{{_n(v['dy'])}}} \quad {future}",
        r"\delta\bar o_t = \delta y_t \odot h(c_t) \odot \sigma'(\bar o_t)"
        rf" = {_n(v['dy'])} \times {_n(v['h_c'])} \times {_n(v['sig_o'])} = \mathbf{{{_n(v['do'])}}}",
        r"\delta c_t &= \delta y_t \odot o_t \odot h'(c_t) + p_o \odot \delta\bar o_t"
        r" + p_i \odot \delta\bar\imath_{t+1} + p_f \odot \delta\bar f_{t+1} + \delta c_{t+1} \odot f_{t+1}"
        rf" \\ &= {_n(v['dc_direct'])} + {_n(v['p_o'] * v['do'])} + {_n(v['p_i'] * v['di_next'])}"
        rf" + {_n(v['p_f'] * v['df_next'])} + {_n(v['dc_next'] * v['f_next'])} = \mathbf{{{_n(v['dc'])}}}",
        r"\delta\bar f_t = \delta c_t \odot c_{t-1} \odot \sigma'(\bar f_t)"
        rf" = {_n(v['dc'])} \times {_n(v['c_prev'])} \times {_n(sig_f)} = \mathbf{{{_n(v['df'])}}}",
        r"\delta\bar\imath_t = \delta c_t \odot z_t \odot \sigma'(\bar\imath_t)"
        rf" = {_n(v['dc'])} \times {_n(v['z'])} \times {_n(sig_i)} = \mathbf{{{_n(v['di'])}}}",
        r"\delta\bar z_t = \delta c_t \odot i_t \odot g'(\bar z_t)"
        rf" = {_n(v['dc'])} \times {_n(v['i'])} \times {_n(1 - v['z'] ** 2)} = \mathbf{{{_n(v['dz'])}}}",
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
