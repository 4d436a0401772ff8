"""Counter-based random numbers: every number is a pure function of (seed, stream, index).

    key(seed, stream) = splitmix64(splitmix64(seed) ^ (stream · φ64))
    bits(key, n)      = splitmix64(key + (n + 1) · φ64)           φ64 = 0x9E3779B97F4A7C15
    u(key, n)         = (bits >> 11) · 2⁻⁵³                       uniform on [0, 1)
    N(key, n)         = √(−2 ln(1 − u₁)) · cos(2π u₂),  u₁ = u(key, 2n), u₂ = u(key, 2n + 1)

splitmix64 is Steele, Lea & Flood's (2014) finaliser. No state is carried from one number to the
next, so a loop over n vectorises (with ``fastmath``), any thread computes the same number for the
same (seed, stream, index), and a picture depends only on its seed, never on which Streamlit thread
drew it. ``stream`` separates independent uses of one seed (e.g. the two vectors of a pair).
"""

from __future__ import annotations

import numpy as np

from engine import _checks
from engine._numba import inline_kernel, kernel

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_TWO_M53 = 1.0 / 9007199254740992.0
MAX_SEED = 2**31 - 1


@inline_kernel
def splitmix64(x):
    """z ← (z ⊕ z≫30)·M1, z ← (z ⊕ z≫27)·M2, z ⊕ z≫31: the splitmix64 finaliser of a uint64 scalar
    (a bijection with good avalanche; products wrap modulo 2⁶⁴)."""
    z = x
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@inline_kernel
def stream_key(seed, stream):
    """key = splitmix64(splitmix64(seed) ⊕ stream·φ64), a uint64 scalar; seed, stream: ints in [0, 2⁶⁴)."""
    return splitmix64(splitmix64(np.uint64(seed)) ^ (np.uint64(stream) * GOLDEN))


@inline_kernel
def uniform_at(key, n):
    """u = (splitmix64(key + (n + 1)·φ64) ≫ 11) · 2⁻⁵³, the n-th uniform on [0, 1) of a stream key
    (key: uint64 scalar, n: int ≥ 0; returns a float64 scalar)."""
    bits = splitmix64(key + (np.uint64(n) + np.uint64(1)) * GOLDEN)
    return np.float64(bits >> _S11) * _TWO_M53


@inline_kernel
def normal_at(key, n):
    """N = √(−2 ln(1 − u_{2n})) · cos(2π u_{2n+1}), the n-th standard normal of a stream key
    (Box–Muller; key: uint64 scalar, n: int ≥ 0; returns a float64 scalar)."""
    u1 = uniform_at(key, 2 * n)
    u2 = uniform_at(key, 2 * n + 1)
    return np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos(2.0 * np.pi * u2)


@kernel
def _uniform_kernel(seed, stream, n):
    """out[k] = u(key(seed, stream), k) for k = 0 … n−1, uniform on [0, 1).

    seed, stream: int64 ≥ 0; n: int64 ≥ 0. Returns out (n,) float64.
    """
    key = stream_key(seed, stream)
    out = np.empty(n)
    for k in range(n):
        out[k] = uniform_at(key, k)
    return out


@kernel
def _normal_kernel(seed, stream, n):
    """out[k] = N(key(seed, stream), k) = √(−2 ln(1 − u_{2k})) cos(2π u_{2k+1}) for k = 0 … n−1.

    seed, stream: int64 ≥ 0; n: int64 ≥ 0. Returns out (n,) float64, standard normal.
    """
    key = stream_key(seed, stream)
    out = np.empty(n)
    for k in range(n):
        out[k] = normal_at(key, k)
    return out


def check_seed(seed: int) -> int:
    """``seed`` as an int in [0, 2³¹ − 1]; ``TypeError`` for a non-number or a bool, ``ValueError``
    for a fraction or a number out of range."""
    return _checks.whole("seed", seed, 0, MAX_SEED)


def _count(n) -> int:
    """How many numbers to draw: 0 … ``MAX_WORK`` (0 gives an empty array)."""
    return _checks.whole("n", n, 0, _checks.MAX_WORK)


def uniforms(seed: int, n: int, stream: int = 0) -> np.ndarray:
    """``n`` uniforms on [0, 1) of ``(seed, stream)``; element k is ``u(key, k)``.

    ``n`` = 0 gives an empty array; more than the engine's work budget is refused, and so is a
    ``stream`` outside [0, 2⁶³ − 1].
    """
    return _uniform_kernel(check_seed(seed), _checks.stream("stream", stream), _count(n))


def normals(seed: int, n: int, stream: int = 0) -> np.ndarray:
    """``n`` standard normals of ``(seed, stream)`` (Box–Muller, see the module docstring); limits as
    :func:`uniforms`."""
    return _normal_kernel(check_seed(seed), _checks.stream("stream", stream), _count(n))


def warm_up() -> None:
    """Compile this module's kernels (a few ms once cached)."""
    uniforms(0, 4)
    normals(0, 4)
