"""The data of the back-propagation page: the training cache (one entry per run, τ left out of the
unclipped run), the runs' budget, the cliff's window; and the notes said about diverged runs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from engine import cliff, training
from ui.lstm_backprop import data as cached
from ui.lstm_backprop.text import divergence_text

SMALL = training.TrainConfig(seq_len=4, n_hidden=2, n_steps=5, batch_size=2, seed=11)


@pytest.fixture
def calls(monkeypatch):
    seen = []
    real = training.train

    def counting(config, mode="none", progress=None):
        seen.append((config.clip, mode))
        return real(config, mode, progress)

    monkeypatch.setattr(training, "train", counting)
    monkeypatch.setattr(cached, "_RUNS", type(cached._RUNS)())
    return seen


def test_moving_tau_retrains_only_the_clipped_run(calls):
    first = {mode: cached.training_run(SMALL, mode) for mode in cached.RUN_LABELS}
    moved = replace(SMALL, clip=SMALL.clip * 3)
    assert cached.training_is_cached(moved, "none") and not cached.training_is_cached(moved, "norm")
    second = {mode: cached.training_run(moved, mode) for mode in cached.RUN_LABELS}
    assert second["none"] is first["none"]
    assert [mode for _, mode in calls] == ["none", "norm", "norm"]
    assert calls[-1][0] == moved.clip


def test_a_hit_does_not_call_progress_and_a_miss_reaches_one(calls):
    seen = []
    cached.training_run(SMALL, "norm", seen.append)
    assert seen and seen[-1] == 1.0
    again = []
    cached.training_run(SMALL, "norm", again.append)
    assert again == [] and len(calls) == 1


def test_the_cache_is_bounded(calls):
    for k in range(cached.MAX_RUNS + 3):
        cached.training_run(replace(SMALL, clip=0.1 + k), "norm")
    assert len(cached._RUNS) == cached.MAX_RUNS
    assert not cached.training_is_cached(replace(SMALL, clip=0.1), "norm")


def test_the_page_budget_keeps_the_default_run_and_caps_the_longest():
    assert training.within_budget(training.TrainConfig(), cached.PAGE_WORK) == training.TrainConfig()
    longest = training.within_budget(training.TrainConfig(seq_len=60, lr=2.0), cached.PAGE_WORK)
    assert longest.work <= cached.PAGE_WORK and 100 <= longest.n_steps < 1000


def test_training_configs_share_one_budgeted_config_and_keep_what_was_asked():
    configs, full = cached.training_configs(60, 2.0, 0.5, 7, with_rnn=True)
    assert set(configs) == {"lstm", "rnn"} and configs["rnn"] == replace(configs["lstm"], model="rnn")
    assert full == training.TrainConfig(seq_len=60, lr=2.0, clip=0.5, seed=7)
    assert configs["lstm"].work <= cached.PAGE_WORK < full.work
    assert configs["lstm"].n_steps < full.n_steps
    alone, _ = cached.training_configs(10, 0.8, 0.5, 7, with_rnn=False)
    assert list(alone) == ["lstm"] and alone["lstm"].n_steps == training.TrainConfig().n_steps


def test_cliff_window_widens_only_when_asked_to_hold_every_point():
    (w_lo, w_hi), (b_lo, b_hi) = cliff.WINDOW
    far = pd.DataFrame({"w": [w_lo + 0.1, w_hi + 10.0], "b": [b_lo - 4.0, b_hi - 0.1]})
    assert cached.cliff_window(False, far) == cliff.WINDOW
    assert cached.cliff_window(True, far.iloc[:0]) == cliff.WINDOW  # no runs: the default picture
    (wl, wh), (bl, bh) = cached.cliff_window(True, far)
    assert wl <= w_lo and bh >= b_hi  # never narrower than the default
    assert wh > w_hi + 10.0 and bl < b_lo - 4.0  # the far points sit inside, with a margin
    inside = far.assign(w=w_lo + 0.5, b=b_lo + 0.5)
    assert cached.cliff_window(True, inside) == cliff.WINDOW  # all inside already: the default picture


def test_the_descents_at_every_tau_are_each_tau_alone_with_the_plain_run_once():
    """The frame the cliff's charts filter in the browser: at each τ of the slider its clipped descents are
    ``cliff_runs(τ)``'s, row for row; the unclipped descent, the same at every τ, comes once with no τ."""
    runs, summaries = cached.cliff_runs_by_tau()
    stops = cached.cliff_stops()
    assert len(stops) == 100 and stops[:3] == [0.1, 0.2, 0.3] and stops[-1] == 10.0
    assert list(summaries) == stops and list(runs.columns[:2]) == ["tau", "run"]
    plain = runs[runs["tau"].isna()]
    assert set(plain["run"]) == {"no clipping"} and len(plain) == cliff.N_DESCENT + 1
    assert "no clipping" not in set(runs.loc[runs["tau"].notna(), "run"])
    for tau in (0.1, 0.3, 1.2, 7.7, 10.0):
        alone, summary = cached.cliff_runs(tau)
        at = runs[runs["tau"] == tau].drop(columns="tau").reset_index(drop=True)
        pd.testing.assert_frame_equal(at, alone[alone["run"] != "no clipping"].reset_index(drop=True))
        pd.testing.assert_frame_equal(plain.drop(columns="tau").reset_index(drop=True),
                                      alone[alone["run"] == "no clipping"].reset_index(drop=True))
        assert summaries[tau] == summary


def test_the_cliff_surface_row_of_cell_i_j_holds_the_loss_at_that_cells_centre():
    """Cell i runs along w, cell j along b (the chart draws them so): on a window that is not square,
    row (i, j) holds log₁₀ L at (w_lo + (i + ½)Δw, b_lo + (j + ½)Δb)."""
    window = ((4.0, 6.0), (-5.5, -1.5))
    surface = cached.cliff_surface(window)
    n = cached.SURFACE_POINTS
    assert len(surface) == n * n and surface["i"].max() == surface["j"].max() == n - 1
    for i, j in ((0, 0), (n - 1, 3), (7, n - 1), (60, 45)):
        w, b = 4.0 + (i + 0.5) * 2.0 / n, -5.5 + (j + 0.5) * 4.0 / n
        row = surface[(surface["i"] == i) & (surface["j"] == j)]
        expected = np.log10(max(float(cliff.loss_surface(np.array([w]), np.array([b]))[0, 0]), 1e-12))
        assert float(row["log10 loss"].iloc[0]) == pytest.approx(expected, abs=1e-5)


def test_divergence_text_says_where_the_curve_left_the_chart():
    left = divergence_text(np.array([1.0, 500.0, 1e300, np.inf]), 3)
    assert "step 4" in left and "left the top of the chart (above 100) at step 2" in left
    assert "curve ends" in divergence_text(np.array([1.0, 5.0, 7.0, np.inf]), 3)  # it stayed on the chart
