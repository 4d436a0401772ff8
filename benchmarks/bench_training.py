"""The default training run of the back-propagation page (both runs: without and with clipping) against
the same SGD loop written with torch autograd (nn.LSTM without peepholes + a linear read-out,
``clip_grad_norm_``), same sizes, same batches, batch processed at once as a torch user would.

    python -m benchmarks.bench_training
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from benchmarks.common import HEADER, best_time, row
from engine import chainrule, cliff, training
from ui.lstm_backprop import data as cached_backprop


def torch_compare(config: training.TrainConfig, dtype_name: str) -> float:
    """Seconds for both runs of ``config`` with torch autograd (``None`` when torch is missing)."""
    import torch

    torch.set_num_threads(1)
    dtype = getattr(torch, dtype_name)
    batches = [training.adding_batch(config.seq_len, config.batch_size, config.seed, k)
               for k in range(config.n_steps)]
    batches = [(torch.tensor(x, dtype=dtype), torch.tensor(s, dtype=dtype)) for x, s in batches]
    start = time.perf_counter()
    for clip in (False, True):
        torch.manual_seed(config.seed)
        net = torch.nn.LSTM(training.N_INPUT, config.n_hidden, batch_first=True).to(dtype)
        head = torch.nn.Linear(config.n_hidden, 1).to(dtype)
        params = [*net.parameters(), *head.parameters()]
        opt = torch.optim.SGD(params, lr=config.lr)
        for x, s in batches:
            opt.zero_grad()
            out, _ = net(x)  # (B, T, H)
            loss = ((head(out[:, -1]).squeeze(1) - s) ** 2).mean()
            loss.backward()
            if clip:
                torch.nn.utils.clip_grad_norm_(params, config.clip)
            opt.step()
    return time.perf_counter() - start


def page_reruns() -> list[str]:
    """The page in AppTest (same process): first run (trains, fills caches), then warm reruns."""
    from tests.app.conftest import run_page

    start = time.perf_counter()
    at = run_page("pages/lstm_backprop.py")
    first = time.perf_counter() - start
    lines = ["| page action | time |", "|---|---|", f"| first run at the defaults (trains 4 runs) | {first:.2f} s |"]
    for label, key, value in (("move clip to 2.0", "clip", 2.0), ("move seq_len to 500", "seq_len", 500),
                              ("move the step t to 3", "step", 3),
                              ("move τ (tclip) to 1.0: retrains the 2 clipped runs", "tclip", 1.0),
                              ("move tlen to 60: retrains 4 runs, 400 steps each", "tlen", 60)):
        start = time.perf_counter()
        at.slider(key=key).set_value(value).run(timeout=60)
        lines.append(f"| {label} (warm rerun) | {time.perf_counter() - start:.2f} s |")
    start = time.perf_counter()
    run_page("pages/lstm_backprop.py", query={"seq_len": "500", "tlen": "55", "eta": "1.9"}, timeout=60)
    lines.append(f"| new session: seq_len=500&tlen=55&eta=1.9 (trains 4 runs) | {time.perf_counter() - start:.2f} s |")
    return lines


def main() -> None:
    training.warm_up()
    cliff.warm_up()
    config = training.TrainConfig()
    print(f"default run: {config}\n")
    print(HEADER)
    ours = best_time(lambda: training.compare(config), repeat=3)
    try:
        import torch  # noqa: F401

        for name in ("float64", "float32"):
            base = min(torch_compare(config, name) for _ in range(2))
            print(row(f"training.compare (2 × {config.n_steps} steps, B={config.batch_size}, "
                      f"T={config.seq_len}, H={config.n_hidden})", ours, base, f"torch {name} autograd"))
    except ImportError:
        print(row("training.compare (default)", ours))
    steps = 2 * config.n_steps
    print(f"\nper SGD step (batch of {config.batch_size}): {ours / steps * 1e3:.2f} ms")
    longest = training.within_budget(replace(config, seq_len=60), cached_backprop.PAGE_WORK)
    print(row(f"training.compare at T = 60 within the page's budget ({longest.n_steps} steps)",
              best_time(lambda: training.compare(longest), repeat=2)))
    rnn_config = replace(config, model="rnn")
    print(row("training.compare, simple RNN (same set-up, one batched backward pass)",
              best_time(lambda: training.compare(rnn_config), repeat=3)))
    print(row("cliff.trajectories (3 × 60 steps)", best_time(lambda: cliff.trajectories(threshold=1.0))))
    print(row("cliff.loss_surface (120 × 120, T = 20)",
              best_time(lambda: cliff.loss_surface(np.linspace(3, 7.5, 120), np.linspace(-6, -0.5, 120)))))
    demo = chainrule.chain_demo(42)
    print(row("chainrule.gradient_check (all 7 arrays, 296 forward passes)",
              best_time(lambda: chainrule.gradient_check(demo))))
    print()
    print("\n".join(page_reruns()))


if __name__ == "__main__":
    main()
