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


# ---------------------------------------------------------------------------------------------
# Bad input: strategies and the one assertion the property tests make


def assert_refused(call: Callable[[], object], name: str) -> Exception:
    """``call()`` raises TypeError or ValueError (nothing else) whose message names ``name``."""
    import re

    import pytest

    with pytest.raises((TypeError, ValueError)) as info:
        call()
    message = str(info.value)
    assert re.search(rf"(^|[^\w.]){re.escape(name)}($|[^\w])", message), f"{name!r} not named in {message!r}"
    return info.value


def junk():
    """Values of the wrong kind for a number: None, text, bytes, lists, dicts, complex numbers."""
    from hypothesis import strategies as st

    return st.one_of(st.none(), st.text(max_size=4), st.binary(max_size=3), st.lists(st.integers(), max_size=2),
                     st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
                     st.complex_numbers(allow_nan=False, allow_infinity=False))


def bad_counts(lo: int, hi: int):
    """Counts outside [lo, hi], fractions and floats, bools, huge numbers and junk."""
    from hypothesis import strategies as st

    return st.one_of(st.integers(max_value=lo - 1, min_value=-(2**70)), st.integers(min_value=hi + 1, max_value=2**70),
                     st.floats(), st.booleans(), junk())


def bad_reals():
    """NaN, ±inf, bools and junk where a real number belongs."""
    from hypothesis import strategies as st

    return st.one_of(st.sampled_from([float("nan"), float("inf"), float("-inf")]), st.booleans(), junk())


def bad_streams():
    """Stream numbers a kernel cannot take: negative, past 2⁶³ − 1 (up to past 2⁶⁴), fractional, junk."""
    from hypothesis import strategies as st

    return st.one_of(st.integers(min_value=2**63, max_value=2**80), st.integers(max_value=-1, min_value=-(2**70)),
                     st.floats(), st.booleans(), junk())


def spoiled(array: np.ndarray, kind: str) -> object:
    """``array`` made bad: "nan", "inf", "complex", "text", "none", "ragged" or "flat" (one axis lost)."""
    out = np.array(array, dtype=np.float64, copy=True)
    if kind in ("nan", "inf"):
        out.flat[out.size // 2] = np.nan if kind == "nan" else -np.inf
        return out
    if kind == "complex":
        return out + 1j
    if kind == "text":
        return out.astype(str)
    if kind == "none":
        return None
    if kind == "ragged":
        return [[1.0, 2.0], [3.0]]
    return out.ravel()[:-1] if out.ndim == 1 else out.ravel()


SPOILS = ("nan", "inf", "complex", "text", "none", "ragged", "flat")


def junk_except(options):
    """``junk()`` without the valid choices ``options`` (short text may spell one, e.g. "sine")."""
    return junk().filter(lambda value: not (isinstance(value, str) and value in options))
