"""What several engine tests share: central finite differences and determinism under threads."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable

import numpy as np


def finite_difference(fun: Callable[[], float], array: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂fun/∂array by central differences, (f(a + h e_k) − f(a − h e_k)) / 2h, changing ``array`` in place.

    ``fun`` takes no argument and must read ``array`` afresh on every call; ``array`` is restored.
    """
    grad = np.zeros(np.shape(array), dtype=np.float64)
    for index in np.ndindex(np.shape(array)):
        keep = array[index]
        array[index] = keep + h
        up = fun()
        array[index] = keep - h
        down = fun()
        array[index] = keep
        grad[index] = (up - down) / (2 * h)
    return grad


def run_in_threads(work: Callable[[Hashable], object], keys: Iterable[Hashable]) -> dict:
    """``{key: work(key)}`` with one thread per key, all started before any is joined; errors re-raised."""
    results, errors = {}, []

    def run(key):
        try:
            results[key] = work(key)
        except Exception as exc:  # pragma: no cover - re-raised below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def assert_same_in_threads(work: Callable[[Hashable], object], keys: Iterable[Hashable]) -> None:
    """``work(key)`` gives the same numbers run alone and run concurrently in threads."""
    keys = list(keys)
    alone = {key: work(key) for key in keys}
    together = run_in_threads(work, keys)
    for key in keys:
        np.testing.assert_array_equal(np.asarray(together[key]), np.asarray(alone[key]), err_msg=f"key {key!r}")
