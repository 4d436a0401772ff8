"""engine.chainrule: the small graph's sum over paths, and the split of a cell-Jacobian entry."""

from __future__ import annotations

import numpy as np
import pytest

from engine import chainrule, lstm


@pytest.mark.parametrize("n", range(1, chainrule.MAX_PATHS + 1))
@pytest.mark.parametrize(("x1", "x2"), [(0.5, -0.3), (-2.0, 1.5), (0.0, 0.0), (3.0, 3.0)])
def test_the_sum_over_paths_is_the_derivative(n, x1, x2):
    ps = chainrule.path_sum(x1, x2, n)
    assert ps.paths.shape == (n,)
    assert ps.derivative == pytest.approx(ps.finite_difference, rel=1e-7, abs=1e-9)
    assert ps.rel_error < 1e-6 or abs(ps.derivative) < 1e-9


def test_one_path_is_the_product_of_two_local_derivatives():
    ps = chainrule.path_sum(0.7, 0.2, 1)
    a, b = chainrule.PATH_WEIGHTS[0]
    y = np.tanh(a * 0.7 + b * 0.2)
    assert ps.derivative == pytest.approx(y * (1 - y**2) * a, rel=1e-14)


def test_torch_autograd_agrees_with_the_sum_over_paths():
    torch = pytest.importorskip("torch")
    x1 = torch.tensor(0.4, dtype=torch.float64, requires_grad=True)
    w = torch.tensor(chainrule.PATH_WEIGHTS[:4])
    z = 0.5 * torch.sum(torch.tanh(w[:, 0] * x1 + w[:, 1] * -1.1) ** 2)
    z.backward()
    assert chainrule.path_sum(0.4, -1.1, 4).derivative == pytest.approx(float(x1.grad), rel=1e-13)


def test_path_sum_refuses_bad_input():
    for args, match in (((0.5, 0.5, 0), "n"), ((0.5, 0.5, 7), "n"), ((np.nan, 0.5, 2), "x1"),
                        ((0.5, 11.0, 2), "x2"), (("a", 0.5, 2), "x1"), ((0.5, 0.5, 2.0), "n")):
        with pytest.raises((ValueError, TypeError), match=match):
            chainrule.path_sum(*args)


def test_cell_jacobian_terms_add_up_to_the_engines_entry():
    demo = chainrule.chain_demo(42)
    for t in range(demo.trace.seq_len):
        J = lstm.cell_jacobian(demo.params, demo.trace, t)
        for j in range(4):
            v = chainrule.cell_jacobian_terms(demo, t, j)
            assert v["total"] == pytest.approx(J[j, j], rel=1e-12, abs=1e-15)
            assert v["f"] + v["forget"] + v["input"] + v["block"] == pytest.approx(v["total"], rel=1e-12, abs=1e-15)
            assert v["forget"] == pytest.approx(v["c_prev"] * v["sig_f"] * (v["p_f"] + v["R_f"] * v["d_y"]), rel=1e-12,
                                                abs=1e-15)
            assert v["block"] == pytest.approx(v["i"] * v["g_z"] * v["R_z"] * v["d_y"], rel=1e-12, abs=1e-15)
            assert v["off_diagonal"] == pytest.approx(np.abs(np.delete(J[j], j)).sum(), rel=1e-12)


def test_the_issues_numbers_unit_1_step_5_seed_42():
    """The page's default: unit 1 at t = 5 of the seed-42 demo has diagonal 0.454 against f_t = 0.600."""
    v = chainrule.cell_jacobian_terms(chainrule.chain_demo(42), 4, 0)
    assert round(v["total"], 3) == 0.454 and round(v["f"], 3) == 0.600


def test_cell_jacobian_terms_refuses_bad_input():
    demo = chainrule.chain_demo(0)
    with pytest.raises(TypeError, match="demo"):
        chainrule.cell_jacobian_terms("demo", 0, 0)
    with pytest.raises(ValueError, match="t must"):
        chainrule.cell_jacobian_terms(demo, 8, 0)
    with pytest.raises(ValueError, match="j must"):
        chainrule.cell_jacobian_terms(demo, 0, 4)
