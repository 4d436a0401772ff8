"""Time the LSTM engine against torch (measured in the same run) and the forward page's warm rerun.

    python -m benchmarks.bench_lstm            # everything (about a minute on 2 cores)
    python -m benchmarks.bench_lstm --quick    # fewer repeats

Batch 1 (one sequence), input size M = 4, float64 numpy/numba. torch runs with one thread, like the
engine (serial kernels), on the same machine in the same run; a ratio > 1 means the engine is faster.
Forward: ``lstm_forward`` (with its argument checks) against ``torch.nn.LSTM`` under ``no_grad``.
Forward + backward: ``lstm_forward`` + ``lstm_backward`` against ``nn.LSTM`` forward + autograd
backward of Σ dy ⊙ y (peepholes off in both, so the models are identical).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from benchmarks.common import ROOT, open_page
from benchmarks.common import adaptive_time as best_time
from engine import lstm

N_INPUT = 4


def _torch_net(torch, params, dtype):
    net = torch.nn.LSTM(params.n_input, params.n_hidden).to(dtype)
    order = [1, 2, 0, 3]  # torch gates i, f, g, o from the engine's z, i, f, o
    H, M = params.n_hidden, params.n_input
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.tensor(params.W[order].reshape(4 * H, M)))  # (4,H,M) -> (4H, M)
        net.weight_hh_l0.copy_(torch.tensor(params.R[order].reshape(4 * H, H)))  # (4,H,H) -> (4H, H)
        net.bias_ih_l0.copy_(torch.tensor(params.b[order].reshape(4 * H)))
        net.bias_hh_l0.zero_()
    return net


def bench_forward(torch, sizes, min_time):
    print("\nForward, one sequence: engine (numba, float64) vs torch.nn.LSTM (1 thread)")
    print(f"{'H':>4} {'T':>6} {'engine ms':>10} {'torch64 ms':>11} {'ratio64':>8} {'torch32 ms':>11} {'ratio32':>8}")
    for H, T in sizes:
        params = lstm.init_lstm(N_INPUT, H, seed=0, peepholes=False)
        x = np.random.default_rng(0).normal(size=(T, N_INPUT))
        ours = best_time(lambda params=params, x=x: lstm.lstm_forward(params, x), min_time)
        row = f"{H:>4} {T:>6} {ours * 1e3:>10.3f}"
        for dtype in (torch.float64, torch.float32):
            net = _torch_net(torch, params, dtype)
            xt = torch.tensor(x[:, None, :], dtype=dtype)  # (T, M) -> (T, 1, M)

            def run(net=net, xt=xt):
                with torch.no_grad():
                    net(xt)

            theirs = best_time(run, min_time)
            row += f" {theirs * 1e3:>11.3f} {theirs / ours:>8.1f}"
        print(row)


def bench_backward(torch, sizes, min_time):
    print("\nForward + backward, one sequence: engine vs torch autograd (1 thread)")
    print(f"{'H':>4} {'T':>6} {'engine ms':>10} {'torch64 ms':>11} {'ratio64':>8} {'torch32 ms':>11} {'ratio32':>8}")
    for H, T in sizes:
        params = lstm.init_lstm(N_INPUT, H, seed=0, peepholes=False)
        gen = np.random.default_rng(1)
        x, dy = gen.normal(size=(T, N_INPUT)), gen.normal(size=(T, H))

        def ours_fn(params=params, x=x, dy=dy):
            lstm.lstm_backward(params, lstm.lstm_forward(params, x), dy)

        ours = best_time(ours_fn, min_time)
        row = f"{H:>4} {T:>6} {ours * 1e3:>10.3f}"
        for dtype in (torch.float64, torch.float32):
            net = _torch_net(torch, params, dtype)
            xt = torch.tensor(x[:, None, :], dtype=dtype, requires_grad=True)  # (T, 1, M)
            dyt = torch.tensor(dy[:, None, :], dtype=dtype)  # (T, 1, H)

            def theirs_fn(net=net, xt=xt, dyt=dyt):
                net.zero_grad(set_to_none=True)
                out, _ = net(xt)
                out.backward(dyt)

            theirs = best_time(theirs_fn, min_time)
            row += f" {theirs * 1e3:>11.3f} {theirs / ours:>8.1f}"
        print(row)


def _rerun_times(at, step, reruns: int) -> list[float]:
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        step(at).run()
        times.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    return times


def bench_page(reruns: int):
    """The forward page's warm rerun when scrubbing (AppTest: Next clicked, the whole script reruns),
    against a rerun of the home page in the same run (AppTest's own overhead plus the frame)."""
    from streamlit.testing.v1 import AppTest

    print("\nThe page's warm rerun when scrubbing (AppTest, Next button; script run, no browser)")
    home = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    home.run()
    baseline = statistics.median(_rerun_times(home, lambda at: at, reruns))
    print(f"  baseline, home page rerun: median {baseline * 1e3:.0f} ms")
    for query in ({"seq_len": "20"}, {"seq_len": "500", "n_hidden": "32"}):
        at, first = open_page("pages/lstm_forward.py", query)  # as a server starts
        times = _rerun_times(at, lambda at: at.button(key="t_next").click(), reruns)
        label = "&".join(f"{k}={v}" for k, v in query.items())
        median = statistics.median(times)
        print(f"  ?{label}: first run {first * 1e3:.0f} ms (cache filled), scrubbing median "
              f"{median * 1e3:.0f} ms (best {min(times) * 1e3:.0f}) = {median / baseline:.1f}x the home rerun")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter timing rounds")
    args = parser.parse_args()
    min_time = 0.02 if args.quick else 0.1
    lstm.warm_up()
    try:
        import torch
    except ImportError:
        print("torch is not installed: no baseline; only the page timing runs")
        torch = None
    if torch is not None:
        torch.set_num_threads(1)
        print(f"torch {torch.__version__}, threads: {torch.get_num_threads()}, input size M = {N_INPUT}")
        bench_forward(torch, [(H, T) for H in (4, 16, 64) for T in (20, 200, 1000)], min_time)
        bench_backward(torch, [(H, T) for H in (16, 64) for T in (50, 200)], min_time)
    bench_page(reruns=5 if args.quick else 15)


if __name__ == "__main__":
    main()
