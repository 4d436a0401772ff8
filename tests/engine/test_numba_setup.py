"""engine/_numba.py: the optimisation level every kernel compiles at (a cold start compiles them all)."""

import os
import subprocess
import sys

from tests.conftest import ROOT

PROBE = "import engine._numba, numba; print(int(numba.config.OPT))"


def _level(**env: str) -> int:
    clean = {k: v for k, v in os.environ.items() if k != "NUMBA_OPT"}
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env={**clean, **env}, capture_output=True,
                         text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def test_kernels_compile_at_level_two_unless_the_environment_says_otherwise():
    assert _level() == 2
    assert _level(NUMBA_OPT="3") == 3  # an explicit choice wins


def test_the_level_holds_when_numba_was_imported_first():
    probe = "import numba; import engine._numba; print(int(numba.config.OPT))"
    clean = {k: v for k, v in os.environ.items() if k != "NUMBA_OPT"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=clean, capture_output=True, text=True,
                         check=True)
    assert int(out.stdout.strip().splitlines()[-1]) == 2
