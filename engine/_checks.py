"""The argument checks every public engine function uses, and the one work budget.

Every public function checks what it is given here before a kernel sees it, so that bad input gets
a clear error naming the argument, what was given and what is allowed — never a segfault, a hang,
a numba typing dump, a silent NaN or an allocation of gigabytes.

Conventions (one argument order everywhere: ``name`` first, then the value, then the limits):

- ``TypeError`` when the value is of the wrong kind (text where a number belongs, a complex
  array, ``None`` where an array belongs); ``ValueError`` when it is of the right kind but not
  allowed (out of range, fractional count, wrong shape, NaN or inf).
- Counts are whole numbers: ``3.0`` and ``True`` are refused, not truncated.
- Arrays come back as fresh C-contiguous float64 (or int64) copies, so nothing the caller writes
  afterwards can reach a kernel; ``frozen`` makes a copy read-only for parameter dataclasses.

Work budget: ``MAX_WORK`` float64 numbers (drawn, computed or allocated) is the most one call may
touch, ~0.4 GB and about a second on one core. Functions that can be asked for more say so with
``within_budget`` before they allocate. Loops that store little but compute much (k-NN distances,
an LSTM pass) count arithmetic operations instead, against ``MAX_OPS`` = 20 × ``MAX_WORK`` (the same
second of work: drawing or storing a number costs about 20 operations), with ``within_operations``.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Sequence

import numpy as np

MAX_WORK = 50_000_000  # the engine's one work budget: numbers one call may draw, compute or allocate
MAX_OPS = 20 * MAX_WORK  # arithmetic operations one call may do: storing a number costs about 20 of them
MAX_STREAM = 2**63 - 1  # streams and keys reach kernels as int64


def _given(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def whole(name: str, value, lo: int, hi: int) -> int:
    """``value`` as an int in [lo, hi]; bools, fractions and non-numbers are refused."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number, got {_given(value)}")
    if isinstance(value, (int, np.integer)):
        number = int(value)
    elif isinstance(value, (float, np.floating)):
        raise ValueError(f"{name} must be a whole number between {lo:,} and {hi:,}, got {_given(value)}")
    else:
        raise TypeError(f"{name} must be a whole number, got {_given(value)}")
    if not lo <= number <= hi:
        raise ValueError(f"{name} must be between {lo:,} and {hi:,}, got {number:,}")
    return number


def optional_whole(name: str, value, lo: int, hi: int) -> int | None:
    """``None`` stays ``None``; anything else is ``whole(name, value, lo, hi)``."""
    return None if value is None else whole(name, value, lo, hi)


def real(name: str, value, lo: float = -math.inf, hi: float = math.inf, *,
         lo_open: bool = False, hi_open: bool = False) -> float:
    """``value`` as a finite float in [lo, hi] (an end is excluded when ``*_open``)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_given(value)}")
    try:
        number = float(value)
    except OverflowError:  # an int or fraction beyond the doubles, e.g. 10**400
        raise ValueError(f"{name} must be finite, got a number beyond 1.8e308") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    below = number <= lo if lo_open else number < lo
    above = number >= hi if hi_open else number > hi
    if below or above:
        left, right = ("(" if lo_open else "["), (")" if hi_open else "]")
        raise ValueError(f"{name} must be in {left}{lo:g}, {hi:g}{right}, got {number:g}")
    return number


def choice(name: str, value, options: Sequence[str]) -> str:
    """``value`` if it is one of ``options``."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}, got {_given(value)}")
    return value


def stream(name: str, value) -> int:
    """A random stream number: a whole number in [0, 2⁶³ − 1] (kernels take it as int64)."""
    return whole(name, value, 0, MAX_STREAM)


def _to_array(name: str, value, dtype) -> np.ndarray:
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got {_given(value)}")
    try:
        array = np.array(value, copy=True)
    except (TypeError, ValueError) as err:  # ragged lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {err}") from None
    if array.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex values")
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be an array of numbers, got dtype {array.dtype}")
    return np.ascontiguousarray(array, dtype=dtype)


def _check_shape(name: str, array: np.ndarray, shape) -> None:
    if shape is None:
        return
    wanted = tuple(shape)
    if array.ndim != len(wanted) or any(w is not None and w != s for w, s in zip(wanted, array.shape, strict=True)):
        dims = ", ".join("any" if w is None else str(w) for w in wanted)
        shown = "(" + dims + ("," if len(wanted) == 1 else "") + ")"
        raise ValueError(f"{name} must have shape {shown}, got {array.shape}")


def array(name: str, value, shape=None, *, finite: bool = True) -> np.ndarray:
    """A fresh C-contiguous float64 copy of ``value``; ``shape`` may hold ``None`` for any length."""
    out = _to_array(name, value, np.float64)
    _check_shape(name, out, shape)
    if finite and not np.all(np.isfinite(out)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return out


def int_array(name: str, value, shape, lo: int, hi: int) -> np.ndarray:
    """A fresh int64 copy of whole numbers in [lo, hi] (class indices, counts)."""
    raw = _to_array(name, value, None)
    if raw.dtype.kind == "b":
        raise TypeError(f"{name} must hold whole numbers, got True/False values")
    fractional = raw.size and raw.dtype.kind == "f" and not np.all(np.isfinite(raw) & (raw == np.round(raw)))
    if fractional:
        raise ValueError(f"{name} must hold whole numbers")
    _check_shape(name, raw, shape)
    if raw.size and (raw.min() < lo or raw.max() > hi):  # before the cast: 2⁶³ and beyond would wrap
        raise ValueError(f"{name} must lie in {lo}..{hi}, got values from {raw.min()} to {raw.max()}")
    return np.ascontiguousarray(raw, dtype=np.int64)


def frozen(array_: np.ndarray) -> np.ndarray:
    """A read-only copy (for parameter dataclasses, which own their arrays)."""
    out = np.array(array_, copy=True)
    out.flags.writeable = False
    return out


def frozen_array(name: str, value, shape=None) -> np.ndarray:
    """:func:`array`'s checks and one read-only copy (what a parameter dataclass keeps of an argument)."""
    return frozen(array_view(name, value, shape))


def within_budget(what: str, n: int, budget: int = MAX_WORK) -> None:
    """Refuse a call that would touch more than ``budget`` numbers, saying how many it asked for."""
    if n > budget:
        raise ValueError(f"{what} = {n:,} numbers exceeds the engine's work budget of {budget:,}")


def array_view(name: str, value, shape=None, *, finite: bool = True) -> np.ndarray:
    """``value`` as a C-contiguous float64 array, copied only when it is not one already.

    For hot paths that hand an array straight to a kernel which only reads it (a batch loop calling
    the same kernel many times): the same refusals as :func:`array` (complex, text, ragged, wrong
    shape, NaN/inf), without a copy per call.
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64 and value.flags.c_contiguous:
        out = value
    elif isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        out = np.ascontiguousarray(value, dtype=np.float64)
    else:
        out = _to_array(name, value, np.float64)
    _check_shape(name, out, shape)
    if finite and not np.all(np.isfinite(out)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return out


def within_operations(what: str, n: int) -> None:
    """Refuse a call that would do more than ``MAX_OPS`` arithmetic operations (about a second)."""
    if n > MAX_OPS:
        raise ValueError(f"{what} = {n:,} operations exceeds the engine's work budget of {MAX_OPS:,}")


def boolean(name: str, value) -> bool:
    """``value`` if it is a bool (numpy's included); 0, 1, text and None are refused."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {_given(value)}")
    return bool(value)


def text(name: str, value, max_chars: int) -> str:
    """``value`` if it is a str of at most ``max_chars`` characters."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text, got {_given(value)}")
    if len(value) > max_chars:
        raise ValueError(f"{name} must be at most {max_chars:,} characters long, got {len(value):,}")
    return value


class Rebuilt:
    """Base of the parameter dataclasses whose ``__post_init__`` checks and freezes their arrays.

    Pickling (Streamlit's ``st.cache_data`` stores results pickled) would bring the arrays back
    writeable and unchecked, and a writeable array is another numba signature: a second compile of
    every kernel it reaches. An instance is therefore pickled as a call of its constructor, so it
    comes back checked and read-only, the kernels' types unchanged.
    """

    def __reduce__(self):
        return type(self), tuple(getattr(self, field.name) for field in dataclasses.fields(self))
