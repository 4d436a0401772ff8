"""Run every benchmark script in turn: ``python -m benchmarks.run_all``."""

import importlib
import pathlib
import runpy

HERE = pathlib.Path(__file__).resolve().parent

if __name__ == "__main__":
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"## {script.stem}\n", flush=True)
        importlib.invalidate_caches()
        runpy.run_module(f"benchmarks.{script.stem}", run_name="__main__")
        print(flush=True)
