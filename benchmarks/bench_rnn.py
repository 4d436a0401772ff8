"""Time the simple-RNN engine (forward + BPTT) against torch autograd, measured in the same run.

    python -m benchmarks.bench_rnn            # about a minute on 2 cores
    python -m benchmarks.bench_rnn --quick    # fewer repeats

Batch 1 (one sequence), M = K = 16 (one-hot input, softmax output), float64 engine. The baseline is
``torch.nn.RNN`` (tanh) + ``nn.Linear`` + summed cross-entropy, forward and ``backward()``, in float64
and float32, with one torch thread like the engine's serial kernels. A ratio > 1 means the engine is
faster. The engine's BPTT also returns every step's contribution to each gradient (e.g. dW_steps of
shape (T, H, H)), which torch does not compute. The page-budget rows time what the simple-RNN page
adds on top: ``gradient_paths`` (O(T² H²)) and ``jacobian_norms`` (T products and SVDs).
"""

from __future__ import annotations

import argparse

import numpy as np

from benchmarks.common import adaptive_time, page_rerun_table
from engine import rnn

N_SYMBOLS = 16
CASES = [(8, 50), (8, 500), (64, 50), (64, 500)]


def problem(n_hidden: int, seq_len: int):
    params = rnn.init_rnn(N_SYMBOLS, n_hidden, N_SYMBOLS, seed=1, recurrent_scale=0.9)
    g = np.random.default_rng(0)
    symbols = g.integers(0, N_SYMBOLS, seq_len + 1)
    x = np.eye(N_SYMBOLS)[symbols[:-1]]  # (T, M) one-hot
    return params, x, symbols[1:]


def engine_step(params, x, targets):
    return rnn.rnn_bptt(params, rnn.rnn_forward(params, x), targets)


def torch_step_factory(torch, params, x, targets, dtype):
    net = torch.nn.RNN(params.n_input, params.n_hidden, nonlinearity="tanh").to(dtype)
    head = torch.nn.Linear(params.n_hidden, params.n_output).to(dtype)
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.tensor(params.U))
        net.weight_hh_l0.copy_(torch.tensor(params.W))
        net.bias_ih_l0.copy_(torch.tensor(params.b))
        net.bias_hh_l0.zero_()
        head.weight.copy_(torch.tensor(params.V))
        head.bias.copy_(torch.tensor(params.c))
    xs = torch.tensor(x, dtype=dtype)[:, None, :]  # (T, M) -> (T, 1, M)
    ys = torch.tensor(targets)

    def step():
        net.zero_grad(set_to_none=True)
        head.zero_grad(set_to_none=True)
        h, _ = net(xs)
        loss = torch.nn.functional.cross_entropy(head(h[:, 0]), ys, reduction="sum")
        loss.backward()
        return loss

    return step, net


def check_agreement(torch, params, x, targets) -> float:
    """Largest relative difference of ∂L/∂W between the engine and torch float64."""
    step, net = torch_step_factory(torch, params, x, targets, torch.float64)
    step()
    ours = engine_step(params, x, targets).W
    theirs = net.weight_hh_l0.grad.numpy()
    return float(np.max(np.abs(ours - theirs)) / np.max(np.abs(theirs)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    repeats = 3 if ap.parse_args().quick else 5
    import torch

    torch.set_num_threads(1)
    rnn.warm_up()
    print(f"torch {torch.__version__}, 1 thread; engine float64; M = K = {N_SYMBOLS}, batch 1\n")
    print("| H | T | engine fwd+BPTT | torch f64 | ratio f64 | torch f32 | ratio f32 | max rel. diff ∂L/∂W |")
    print("|---|---|---|---|---|---|---|---|")
    for n_hidden, seq_len in CASES:
        params, x, targets = problem(n_hidden, seq_len)
        ours = adaptive_time(lambda p=params, a=x, y=targets: engine_step(p, a, y), repeats=repeats)
        f64, _ = torch_step_factory(torch, params, x, targets, torch.float64)
        f32, _ = torch_step_factory(torch, params, x, targets, torch.float32)
        t64 = adaptive_time(f64, repeats=repeats)
        t32 = adaptive_time(f32, repeats=repeats)
        diff = check_agreement(torch, params, x, targets)
        print(f"| {n_hidden} | {seq_len} | {ours * 1e3:.3f} ms | {t64 * 1e3:.3f} ms | {t64 / ours:.1f}x | "
              f"{t32 * 1e3:.3f} ms | {t32 / ours:.1f}x | {diff:.1e} |")
    print("\n| page budget (H = 32, T = 200) | time |\n|---|---|")
    params, x, targets = problem(32, 200)
    trace = rnn.rnn_forward(params, x)
    for name, fn in (("rnn_bptt, truncation k = 20", lambda: rnn.rnn_bptt(params, trace, targets, 20)),
                     ("gradient_paths", lambda: rnn.gradient_paths(params, trace, targets)),
                     ("jacobian_norms", lambda: rnn.jacobian_norms(params, trace))):
        print(f"| {name} | {adaptive_time(fn, repeats=repeats) * 1e3:.2f} ms |")
    print()
    print("\n".join(page_reruns()))


def page_reruns() -> list[str]:
    """Both RNN pages under AppTest: defaults and the largest slider settings."""
    simple = page_rerun_table("pages/simple_rnn.py", {
        "simple RNN, defaults": {}, "simple RNN, worst: T = 200, H = 32, k = 200": {
            "seq_len": "200", "hidden": "32", "k": "200", "t": "200"}})
    prereq = page_rerun_table("pages/rnn_prerequisites.py", {
        "sequences, defaults": {}, "sequences, worst: seq_len = 1, stride = 1 (1,440 windows)": {
            "seq_len": "1", "stride": "1"}})
    return simple + prereq[2:]


if __name__ == "__main__":
    main()
