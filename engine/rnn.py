"""Simple (Elman) RNN: forward pass, back-propagation through time, truncated BPTT, Jacobian norms.

Goodfellow, Bengio & Courville, *Deep Learning* (2016), §10.2, with steps t = 1..T::

    a_t = b + W h_{t-1} + U x_t          pre-activation
    h_t = tanh(a_t)                      hidden state
    o_t = c + V h_t                      output scores
    ŷ_t = softmax(o_t)                   output distribution
    L   = Σ_t L_t,  L_t = −log ŷ_t[target_t]

Back-propagation through time (the same U, W, V, b, c serve every step; their gradients are the sums
of per-step contributions, and the parameters are updated once)::

    ∂L/∂o_t = ŷ_t − onehot(target_t)
    ∂L/∂h_t = Vᵀ ∂L/∂o_t + Wᵀ ∂L/∂a_{t+1}          (∂L/∂a_{T+1} = 0)
    ∂L/∂a_t = (1 − h_t²) ⊙ ∂L/∂h_t
    ∂L/∂W   = Σ_t ∂L/∂a_t h_{t−1}ᵀ,   ∂L/∂U = Σ_t ∂L/∂a_t x_tᵀ,   ∂L/∂b = Σ_t ∂L/∂a_t
    ∂L/∂V   = Σ_t ∂L/∂o_t h_tᵀ,       ∂L/∂c = Σ_t ∂L/∂o_t

Truncated BPTT with window k: the gradient of each L_t keeps only the contributions of steps
t−k+1..t (as if h_{t−k} were a constant); k ≥ T is full BPTT.

Vanishing and exploding gradients (Pascanu, Mikolov & Bengio 2013)::

    ∂h_t/∂h_{t−1} = diag(1 − h_t²) W,    ‖∂h_T/∂h_t‖₂ ≤ (‖W‖₂ · γ)^{T−t},   γ = max_{s,i} (1 − h_{s,i}²) ≤ 1

Norms of matrices here are spectral norms (largest singular value) unless a name says Frobenius.

Notation and shapes (arrays are 0-based: row t−1 holds step t):

    ======  ==========  ==========================================
    name    shape       meaning
    ======  ==========  ==========================================
    x       (T, M)      inputs x_1..x_T
    h0      (H,)        initial hidden state h_0 (zeros by default)
    U       (H, M)      input → hidden weights
    W       (H, H)      hidden → hidden (recurrent) weights
    b       (H,)        hidden bias
    V       (K, H)      hidden → output weights
    c       (K,)        output bias
    a, h    (T, H)      pre-activations, hidden states
    o, ŷ    (T, K)      output scores, softmax probabilities
    ======  ==========  ==========================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import rng
from engine._numba import kernel

_STREAM_U, _STREAM_W, _STREAM_V = 11, 12, 13


@dataclass(frozen=True)
class RNNParams:
    """Weights of a simple RNN: U (H,M), W (H,H), b (H,), V (K,H), c (K,)."""

    U: np.ndarray
    W: np.ndarray
    b: np.ndarray
    V: np.ndarray
    c: np.ndarray

    @property
    def n_input(self) -> int:
        return self.U.shape[1]

    @property
    def n_hidden(self) -> int:
        return self.W.shape[0]

    @property
    def n_output(self) -> int:
        return self.V.shape[0]


@dataclass(frozen=True)
class RNNTrace:
    """Everything the forward pass computed: x (T,M), h0 (H,), a and h (T,H), o and yhat (T,K)."""

    x: np.ndarray
    h0: np.ndarray
    a: np.ndarray
    h: np.ndarray
    o: np.ndarray
    yhat: np.ndarray

    @property
    def seq_len(self) -> int:
        return self.x.shape[0]


@dataclass(frozen=True)
class RNNGrads:
    """Gradients of L = Σ_t L_t.

    ``U, W, b, V, c`` are the summed gradients (shaped like the parameters); ``dU_steps`` (T,H,M),
    ``dW_steps`` (T,H,H), ``db_steps`` (T,H), ``dV_steps`` (T,K,H), ``dc_steps`` (T,K) hold each
    step's contribution (their sums over axis 0 are the gradients). ``dh`` (T,H) is ∂L/∂h_t and
    ``da`` (T,H) is ∂L/∂a_t as back-propagated (within the window when truncated); ``loss_steps`` (T,)
    holds L_t; ``truncation`` is the window k used (T for full BPTT).
    """

    U: np.ndarray
    W: np.ndarray
    b: np.ndarray
    V: np.ndarray
    c: np.ndarray
    dU_steps: np.ndarray
    dW_steps: np.ndarray
    db_steps: np.ndarray
    dV_steps: np.ndarray
    dc_steps: np.ndarray
    dh: np.ndarray
    da: np.ndarray
    loss_steps: np.ndarray
    truncation: int

    @property
    def loss(self) -> float:
        return float(self.loss_steps.sum())


@dataclass(frozen=True)
class GradientPaths:
    """How each loss L_t reaches ∂L/∂W through each earlier step s.

    ``norm`` (T,T): row t, column s holds ‖∂L_t/∂a_s h_{s−1}ᵀ‖_F (Frobenius) for s ≤ t, NaN above the
    diagonal. ``W_by_lag`` (T,H,H): entry d sums those contributions over pairs with t − s = d, so
    truncation k keeps lags 0..k−1. ``truncation_error`` (T,): ‖∂L/∂W(k) − ∂L/∂W‖_F / ‖∂L/∂W‖_F for
    k = 1..T (0 at k = T; NaN when the full gradient is zero).
    """

    norm: np.ndarray
    W_by_lag: np.ndarray
    truncation_error: np.ndarray


@dataclass(frozen=True)
class JacobianNorms:
    """‖∂h_T/∂h_t‖₂ for t = T, T−1, .., 0, i.e. ``lag`` = T − t = 0..T (arrays of length T+1).

    ``bound`` = (‖W‖₂ γ)^lag with γ = ``gamma`` the largest tanh'(a) met on the trace;
    ``w_norm`` = ‖W‖₂, ``spectral_radius`` = max |eig W|. A Jacobian whose product overflowed float64
    (entries inf, or NaN from inf − inf further back) has norm ``inf``.
    """

    lag: np.ndarray
    norm: np.ndarray
    bound: np.ndarray
    w_norm: float
    gamma: float
    spectral_radius: float


# ---------------------------------------------------------------------------------------------
# kernels


@kernel
def _forward_kernel(U, W, b, V, c, x, h0):
    T, M = x.shape
    H = W.shape[0]
    K = V.shape[0]
    a = np.empty((T, H))
    h = np.empty((T, H))
    o = np.empty((T, K))
    yhat = np.empty((T, K))
    WT = np.ascontiguousarray(W.T)  # (H, H): row j is column j of W, so the loops below are axpys
    UT = np.ascontiguousarray(U.T)  # (M, H)
    VT = np.ascontiguousarray(V.T)  # (H, K)
    h_prev = h0.copy()
    for t in range(T):
        for i in range(H):
            a[t, i] = b[i]
        for j in range(H):
            hj = h_prev[j]
            for i in range(H):
                a[t, i] += WT[j, i] * hj
        for m in range(M):
            xm = x[t, m]
            for i in range(H):
                a[t, i] += UT[m, i] * xm
        for i in range(H):
            h[t, i] = np.tanh(a[t, i])
        for k in range(K):
            o[t, k] = c[k]
        for i in range(H):
            hi = h[t, i]
            for k in range(K):
                o[t, k] += VT[i, k] * hi
        top = -np.inf
        for k in range(K):
            top = max(top, o[t, k])
        z = 0.0
        for k in range(K):
            yhat[t, k] = np.exp(o[t, k] - top)
            z += yhat[t, k]
        for k in range(K):
            yhat[t, k] /= z
        for i in range(H):
            h_prev[i] = h[t, i]
    return a, h, o, yhat


@kernel
def _output_kernel(V, h, o, yhat, targets):
    """Per-step ∂L/∂o_t (T,K), ∂L/∂V contributions (T,K,H) and L_t = logsumexp(o_t) − o_t[target]."""
    T, K = o.shape
    H = h.shape[1]
    do = yhat.copy()
    dV_steps = np.empty((T, K, H))
    loss_steps = np.empty(T)
    for t in range(T):
        top = -np.inf
        for k in range(K):
            top = max(top, o[t, k])
        z = 0.0
        for k in range(K):
            z += np.exp(o[t, k] - top)
        loss_steps[t] = top + np.log(z) - o[t, targets[t]]
        do[t, targets[t]] -= 1.0
        for k in range(K):
            for i in range(H):
                dV_steps[t, k, i] = do[t, k] * h[t, i]
    return do, dV_steps, loss_steps


@kernel
def _accumulate_step(s, da_s, x, h0, h, dU_steps, dW_steps, db_steps):
    """Add ∂L/∂a_s ⊗ (x_s, h_{s−1}, 1) to step s's contributions."""
    H, M = dU_steps.shape[1], dU_steps.shape[2]
    h_prev = h0 if s == 0 else h[s - 1]
    for i in range(H):
        d = da_s[i]
        db_steps[s, i] += d
        for m in range(M):
            dU_steps[s, i, m] += d * x[s, m]
        for j in range(H):
            dW_steps[s, i, j] += d * h_prev[j]


@kernel
def _transposed_times(A, v, out):
    """out = Aᵀ v (as an axpy over the rows of A): the error sent back through V (from o_t to h_t)
    or through W (from a_{t+1} to h_t)."""
    out[:] = 0.0
    for k in range(A.shape[0]):
        d = v[k]
        for i in range(A.shape[1]):
            out[i] += A[k, i] * d


@kernel
def _bptt_full_kernel(W, V, x, h0, h, do):
    T, M = x.shape
    H = W.shape[0]
    dU_steps = np.zeros((T, H, M))
    dW_steps = np.zeros((T, H, H))
    db_steps = np.zeros((T, H))
    dh = np.empty((T, H))
    da = np.empty((T, H))
    carry = np.zeros(H)  # Wᵀ ∂L/∂a_{t+1}
    from_output = np.empty(H)  # Vᵀ ∂L/∂o_t
    for t in range(T - 1, -1, -1):
        _transposed_times(V, do[t], from_output)
        for i in range(H):
            dh[t, i] = carry[i] + from_output[i]
            da[t, i] = (1.0 - h[t, i] * h[t, i]) * dh[t, i]
        _accumulate_step(t, da[t], x, h0, h, dU_steps, dW_steps, db_steps)
        _transposed_times(W, da[t], carry)
    return dU_steps, dW_steps, db_steps, dh, da


@kernel
def _bptt_truncated_kernel(W, V, x, h0, h, do, window):
    """Each L_t back-propagates through steps t, t−1, .., t−window+1 only."""
    T, M = x.shape
    H = W.shape[0]
    dU_steps = np.zeros((T, H, M))
    dW_steps = np.zeros((T, H, H))
    db_steps = np.zeros((T, H))
    dh = np.zeros((T, H))
    da = np.zeros((T, H))
    delta_h = np.empty(H)  # ∂L_t/∂h_s
    delta_a = np.empty(H)  # ∂L_t/∂a_s
    for t in range(T):
        _transposed_times(V, do[t], delta_h)
        for step in range(t, max(-1, t - window), -1):
            for i in range(H):
                delta_a[i] = (1.0 - h[step, i] * h[step, i]) * delta_h[i]
                dh[step, i] += delta_h[i]
                da[step, i] += delta_a[i]
            _accumulate_step(step, delta_a, x, h0, h, dU_steps, dW_steps, db_steps)
            _transposed_times(W, delta_a, delta_h)
    return dU_steps, dW_steps, db_steps, dh, da


@kernel
def _paths_kernel(W, V, h0, h, do):
    """Frobenius norms of ∂L_t/∂a_s h_{s−1}ᵀ for s ≤ t, and their matrices summed by lag t − s."""
    T, H = h.shape
    norm = np.full((T, T), np.nan)
    W_by_lag = np.zeros((T, H, H))
    h_prev_norm = np.empty(T)
    for s in range(T):
        q = 0.0
        for j in range(H):
            v = h0[j] if s == 0 else h[s - 1, j]
            q += v * v
        h_prev_norm[s] = np.sqrt(q)
    delta_h = np.empty(H)
    delta_a = np.empty(H)
    for t in range(T):
        _transposed_times(V, do[t], delta_h)
        for step in range(t, -1, -1):
            q = 0.0
            for i in range(H):
                delta_a[i] = (1.0 - h[step, i] * h[step, i]) * delta_h[i]
                q += delta_a[i] * delta_a[i]
            norm[t, step] = np.sqrt(q) * h_prev_norm[step]
            lag = t - step
            h_prev = h0 if step == 0 else h[step - 1]
            for i in range(H):
                d = delta_a[i]
                for j in range(H):
                    W_by_lag[lag, i, j] += d * h_prev[j]
            _transposed_times(W, delta_a, delta_h)
    return norm, W_by_lag


@kernel
def _jacobians_kernel(W, h):
    """J[t] = ∂h_T/∂h_t for t = 0..T (J[T] = I), via J[t−1] = J[t] diag(1 − h_t²) W."""
    T, H = h.shape
    J = np.zeros((T + 1, H, H))
    for i in range(H):
        J[T, i, i] = 1.0
    scaled = np.empty(H)
    for t in range(T, 0, -1):
        for i in range(H):
            for m in range(H):
                scaled[m] = J[t, i, m] * (1.0 - h[t - 1, m] * h[t - 1, m])
            _transposed_times(W, scaled, J[t - 1, i])  # row i of J[t] D_t W
    return J


# ---------------------------------------------------------------------------------------------
# validation helpers


def _as_matrix(value, name: str, shape: tuple[int, ...]) -> np.ndarray:
    arr = np.ascontiguousarray(value, dtype=np.float64)
    if arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or inf")
    return arr


def _check_size(value, name: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a whole number ≥ 1, got {value!r}")
    return int(value)


def _checked_params(params: RNNParams) -> RNNParams:
    if not isinstance(params, RNNParams):
        raise ValueError(f"params must be RNNParams, got {type(params).__name__}")
    W = np.ascontiguousarray(params.W, dtype=np.float64)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] < 1:
        raise ValueError(f"W must be a square (H, H) matrix, got shape {W.shape}")
    U = np.ascontiguousarray(params.U, dtype=np.float64)
    V = np.ascontiguousarray(params.V, dtype=np.float64)
    if U.ndim != 2 or U.shape[1] < 1:
        raise ValueError(f"U must have shape (H, M), got {U.shape}")
    if V.ndim != 2 or V.shape[0] < 1:
        raise ValueError(f"V must have shape (K, H), got {V.shape}")
    H, M, K = W.shape[0], U.shape[1], V.shape[0]
    return RNNParams(
        U=_as_matrix(U, "U", (H, M)),
        W=_as_matrix(W, "W", (H, H)),
        b=_as_matrix(params.b, "b", (H,)),
        V=_as_matrix(V, "V", (K, H)),
        c=_as_matrix(params.c, "c", (K,)),
    )


def _checked_targets(params: RNNParams, trace: RNNTrace, targets) -> np.ndarray:
    if not isinstance(trace, RNNTrace):
        raise ValueError(f"trace must be the RNNTrace of rnn_forward, got {type(trace).__name__}")
    if trace.h.shape[1] != params.n_hidden or trace.o.shape[1] != params.n_output:
        raise ValueError("trace does not belong to these params (hidden or output size differs)")
    arr = np.asarray(targets)
    if arr.shape != (trace.seq_len,):
        raise ValueError(f"targets must have shape ({trace.seq_len},), got {arr.shape}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        raise ValueError("targets must be whole class indices")
    if arr.size and (arr.min() < 0 or arr.max() >= params.n_output):
        raise ValueError(f"targets must lie in 0..{params.n_output - 1}")
    return np.ascontiguousarray(arr, dtype=np.int64)


def spectral_radius(W: np.ndarray) -> float:
    """max |eigenvalue| of a square matrix."""
    return float(np.max(np.abs(np.linalg.eigvals(W)))) if W.size else 0.0


# ---------------------------------------------------------------------------------------------
# public API


def init_rnn(
    n_input: int, n_hidden: int, n_output: int, seed: int, recurrent_scale: float | None = None
) -> RNNParams:
    """Seeded weights: U, W, V Gaussian with variance 1/fan-in, b = c = 0.

    ``recurrent_scale`` = ρ ≥ 0, when given, makes W = ρ Q with Q a random orthogonal matrix (Saxe
    et al. 2014): every singular value of W, hence ‖W‖₂ and the spectral radius, equals ρ. Below 1
    the bound (‖W‖₂ γ)^{T−t} forces the gradients to vanish; above 1 they can explode.
    """
    M, H, K = (_check_size(v, n) for v, n in ((n_input, "n_input"), (n_hidden, "n_hidden"),
                                                (n_output, "n_output")))
    seed = rng.check_seed(seed)
    U = rng.normals(seed, H * M, _STREAM_U).reshape(H, M) / np.sqrt(M)  # (H*M,) -> (H, M)
    W = rng.normals(seed, H * H, _STREAM_W).reshape(H, H) / np.sqrt(H)  # (H*H,) -> (H, H)
    V = rng.normals(seed, K * H, _STREAM_V).reshape(K, H) / np.sqrt(H)  # (K*H,) -> (K, H)
    if recurrent_scale is not None:
        scale = float(recurrent_scale)
        if not np.isfinite(scale) or scale < 0:
            raise ValueError(f"recurrent_scale must be a finite number ≥ 0, got {recurrent_scale!r}")
        Q, R = np.linalg.qr(W)
        W = scale * Q * np.where(np.diag(R) < 0, -1.0, 1.0)  # signs fixed: Q uniform (Haar)
    return RNNParams(U=U, W=np.ascontiguousarray(W), b=np.zeros(H), V=V, c=np.zeros(K))


def rnn_forward(params: RNNParams, x, h0=None) -> RNNTrace:
    """Run the RNN over x (T, M) from h0 (zeros by default); returns the whole trace."""
    params = _checked_params(params)
    x = np.ascontiguousarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != params.n_input or x.shape[0] < 1:
        raise ValueError(f"x must have shape (T ≥ 1, {params.n_input}), got {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("x contains NaN or inf")
    H = params.n_hidden
    h0 = np.zeros(H) if h0 is None else _as_matrix(h0, "h0", (H,))
    a, h, o, yhat = _forward_kernel(params.U, params.W, params.b, params.V, params.c, x, h0)
    return RNNTrace(x=x, h0=h0, a=a, h=h, o=o, yhat=yhat)


def rnn_bptt(params: RNNParams, trace: RNNTrace, targets, truncation: int | None = None) -> RNNGrads:
    """Gradients of L = Σ_t −log ŷ_t[target_t] by back-propagation through time.

    ``truncation`` = k ≥ 1 keeps, for every L_t, only the contributions of steps t−k+1..t (k ≥ T is
    full BPTT, computed loss by loss); ``None`` runs the one-pass full recursion.
    """
    params = _checked_params(params)
    targets = _checked_targets(params, trace, targets)
    T = trace.seq_len
    do, dV_steps, loss_steps = _output_kernel(params.V, trace.h, trace.o, trace.yhat, targets)
    if truncation is None:
        window = T
        dU_s, dW_s, db_s, dh, da = _bptt_full_kernel(params.W, params.V, trace.x, trace.h0, trace.h, do)
    else:
        window = min(_check_size(truncation, "truncation"), T)
        dU_s, dW_s, db_s, dh, da = _bptt_truncated_kernel(
            params.W, params.V, trace.x, trace.h0, trace.h, do, window
        )
    return RNNGrads(
        U=dU_s.sum(axis=0), W=dW_s.sum(axis=0), b=db_s.sum(axis=0), V=dV_steps.sum(axis=0),
        c=do.sum(axis=0), dU_steps=dU_s, dW_steps=dW_s, db_steps=db_s, dV_steps=dV_steps,
        dc_steps=do, dh=dh, da=da, loss_steps=loss_steps, truncation=window,
    )


def gradient_paths(params: RNNParams, trace: RNNTrace, targets) -> GradientPaths:
    """Which (loss L_t, step s) pairs carry ∂L/∂W, and what truncating at each k would lose.

    Costs O(T² H²): meant for the sequence lengths a page draws (T ≤ a few hundred).
    """
    params = _checked_params(params)
    targets = _checked_targets(params, trace, targets)
    do, _, _ = _output_kernel(params.V, trace.h, trace.o, trace.yhat, targets)
    norm, W_by_lag = _paths_kernel(params.W, params.V, trace.h0, trace.h, do)
    partial = np.cumsum(W_by_lag, axis=0)  # (T, H, H): row k−1 is ∂L/∂W truncated at k
    full = partial[-1]
    full_norm = np.linalg.norm(full)
    missing = np.linalg.norm((partial - full).reshape(len(partial), -1), axis=1)  # (T,)
    with np.errstate(invalid="ignore", divide="ignore"):
        error = missing / full_norm if full_norm > 0 else np.full(len(partial), np.nan)
    return GradientPaths(norm=norm, W_by_lag=W_by_lag, truncation_error=error)


def _spectral_norms(J: np.ndarray) -> np.ndarray:
    """‖J[n]‖₂ for a stack (N, H, H); inf where the product overflowed (inputs are finite, so a
    non-finite entry can only come from overflow: inf, or inf − inf = NaN one step later)."""
    out = np.full(len(J), np.inf)
    finite = np.all(np.isfinite(J), axis=(1, 2))
    if finite.any():
        out[finite] = np.linalg.norm(J[finite], ord=2, axis=(1, 2))
    return out


def jacobian_norms(params: RNNParams, trace: RNNTrace) -> JacobianNorms:
    """Spectral norms ‖∂h_T/∂h_t‖₂ along a trace against the bound (‖W‖₂ γ)^{T−t}."""
    params = _checked_params(params)
    if not isinstance(trace, RNNTrace) or trace.h.shape[1] != params.n_hidden:
        raise ValueError("trace must be the RNNTrace of rnn_forward with these params")
    T = trace.seq_len
    J = _jacobians_kernel(params.W, trace.h)  # (T+1, H, H), J[t] = ∂h_T/∂h_t
    lag = np.arange(T + 1)
    norm = _spectral_norms(J)[::-1].copy()  # index by lag T − t
    w_norm = float(np.linalg.norm(params.W, 2))
    gamma = float(np.max(1.0 - trace.h**2))
    with np.errstate(over="ignore"):
        bound = (w_norm * gamma) ** lag.astype(np.float64)
    return JacobianNorms(lag=lag, norm=norm, bound=bound, w_norm=w_norm, gamma=gamma,
                         spectral_radius=spectral_radius(params.W))


def warm_up() -> None:
    """Compile every kernel of this module on tiny inputs."""
    params = init_rnn(2, 3, 2, seed=0, recurrent_scale=0.9)
    trace = rnn_forward(params, np.ones((3, 2)))
    targets = np.array([0, 1, 0])
    rnn_bptt(params, trace, targets)
    rnn_bptt(params, trace, targets, truncation=2)
    gradient_paths(params, trace, targets)
    jacobian_norms(params, trace)
