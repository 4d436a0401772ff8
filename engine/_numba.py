"""Numba environment for the engine: imported before numba anywhere in the package.

* ``NUMBA_CACHE_DIR``: respected when set; otherwise a writable temp folder whose name holds a hash
  of the engine sources, so a read-only checkout still caches and an edited helper in another file
  never reuses a stale compiled kernel.
* ``NUMBA_OPT``: respected when set; otherwise 2 (numba's default is 3). Every cloud wake-up compiles
  every kernel anew, and LLVM's third level took a quarter of that time (all engines: 40.6 s at 3,
  29.6 s at 2, one thread of this 2-core machine) for no speed the benchmarks could measure (the
  geometry, LSTM and RNN kernels ran as fast, within this machine's noise).
* Kernels are serial (no ``parallel=True``): the default ``workqueue`` threading layer aborts the
  whole server when two Streamlit script threads enter a parallel kernel at once. ``nogil=True``
  lets two sessions use both cores instead.

``kernel`` is the decorator for every jitted function of the engine; ``fast_kernel`` adds
``fastmath=True`` for loops that must vectorise (random-number streams, reductions).
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import tempfile

_ENGINE_DIR = pathlib.Path(__file__).resolve().parent


def engine_sources_hash() -> str:
    """Short SHA-256 over every ``engine/*.py`` file (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(_ENGINE_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _configure_cache_dir() -> str:
    if os.environ.get("NUMBA_CACHE_DIR"):
        return os.environ["NUMBA_CACHE_DIR"]
    folder = pathlib.Path(tempfile.gettempdir()) / f"dim-lstm-numba-{engine_sources_hash()}"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    return str(folder)


CACHE_DIR = _configure_cache_dir()
OPT_LEVEL = "2"
os.environ.setdefault("NUMBA_OPT", OPT_LEVEL)

import numba  # noqa: E402  (must come after the cache folder and the level are set)

if int(numba.config.OPT) != int(os.environ["NUMBA_OPT"]):  # numba was imported before the engine
    numba.core.config.reload_config()

kernel = numba.njit(cache=True, nogil=True)
fast_kernel = numba.njit(cache=True, nogil=True, fastmath=True)
inline_kernel = numba.njit(inline="always", nogil=True)
