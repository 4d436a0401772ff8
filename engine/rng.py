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

from engine._numba import inline_kernel, kernel

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_TWO_M53 = 1.0 / 9007199254740992.0
MAX_SEED = 2**31 - 1


@inline_kernel
def splitmix64(x):
    """The splitmix64 finaliser of a uint64 (a bijection with good avalanche)."""
    z = x
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@inline_kernel
def stream_key(seed, stream):
    """Key of stream ``stream`` of ``seed`` (both non-negative ints)."""
    return splitmix64(splitmix64(np.uint64(seed)) ^ (np.uint64(stream) * GOLDEN))


@inline_kernel
def uniform_at(key, n):
    """The n-th uniform number on [0, 1) of a stream key."""
    bits = splitmix64(key + (np.uint64(n) + np.uint64(1)) * GOLDEN)
    return np.float64(bits >> _S11) * _TWO_M53


@inline_kernel
def normal_at(key, n):
    """The n-th standard normal of a stream key (Box–Muller on uniforms 2n and 2n+1)."""
    u1 = uniform_at(key, 2 * n)
    u2 = uniform_at(key, 2 * n + 1)
    return np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos(2.0 * np.pi * u2)


@kernel
def _uniform_kernel(seed, stream, n):
    key = stream_key(seed, stream)
    out = np.empty(n)
    for k in range(n):
        out[k] = uniform_at(key, k)
    return out


@kernel
def _normal_kernel(seed, stream, n):
    key = stream_key(seed, stream)
    out = np.empty(n)
    for k in range(n):
        out[k] = normal_at(key, k)
    return out


def check_seed(seed: int) -> int:
    """Return ``seed`` as an int in [0, 2³¹ − 1] or raise a ``ValueError`` that says why."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be a whole number, got {seed!r}")
    if not 0 <= int(seed) <= MAX_SEED:
        raise ValueError(f"seed must be between 0 and {MAX_SEED}, got {seed}")
    return int(seed)


def uniforms(seed: int, n: int, stream: int = 0) -> np.ndarray:
    """``n`` uniforms on [0, 1) of ``(seed, stream)``; element k is ``u(key, k)``."""
    return _uniform_kernel(check_seed(seed), int(stream), int(n))


def normals(seed: int, n: int, stream: int = 0) -> np.ndarray:
    """``n`` standard normals of ``(seed, stream)`` (Box–Muller, see the module docstring)."""
    return _normal_kernel(check_seed(seed), int(stream), int(n))


def warm_up() -> None:
    """Compile this module's kernels (a few ms once cached)."""
    uniforms(0, 4)
    normals(0, 4)
