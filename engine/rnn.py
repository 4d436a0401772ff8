"""Simple RNN (Goodfellow et al. §10.2, not Elman's context-unit net): forward pass, back-propagation through time,
truncated BPTT, Jacobian norms.

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

Training by gradient descent (:func:`sgd_bptt`), two ways to truncate. Chunks of n steps: the
sequence is cut into parts s..s+n−1, each part is run forward from the hidden state the previous
part ended in (carried forward, not back-propagated into), back-propagated on its own and followed by
one update; or one update per pass over the whole sequence with each L_t's error kept within a
window k. With the steps' mean loss of the part, L̄ = (1/n) Σ_{t in part} L_t::

    θ ← θ − η ∂L̄/∂θ    for θ = U, W, b, V, c,   after every part (n = T: one update per pass)

One backward pass serves every use: :func:`rnn_bptt` (softmax outputs, full or truncated), the batch
training of :mod:`engine.training` and the error-flow chart of :mod:`engine.gradflow` (an error
that enters at h_T only) all back-propagate an error ε_t = ∂L_t/∂h_t that reaches h_t directly
(Vᵀ ∂L/∂o_t above) through the recurrence with :func:`rnn_hidden_backward`'s kernel.

Vanishing and exploding gradients (Pascanu, Mikolov & Bengio 2013)::

    ∂h_t/∂h_{t−1} = diag(1 − h_t²) W,    ‖∂h_T/∂h_t‖₂ ≤ (‖W‖₂ · γ)^{T−t},   γ = max_{s,i} (1 − h_{s,i}²) ≤ 1

The dense layer (DCL) the article reviews before the RNN (:func:`dense_backprop`), one example through
three layers x (M) → h (H) → y (K) with a linear output and a squared error::

    a_j = Σ_i w_ji x_i + b_j,   h_j = tanh(a_j),   y_k = Σ_j w_kj h_j + b_k,   L = ½ Σ_k (y_k − d_k)²
    δ_k = ∂L/∂y_k = y_k − d_k,   δ_j = ∂L/∂a_j = f'(a_j) Σ_k w_kj δ_k,   f'(a_j) = 1 − h_j²
    ∂L/∂w_kj = δ_k h_j,   ∂L/∂b_k = δ_k,   ∂L/∂w_ji = δ_j x_i,   ∂L/∂b_j = δ_j

A layer of n inputs and m outputs has m·n weights and m biases.

Norms of matrices here are spectral norms (largest singular value) unless a name says Frobenius.
Gradients that overflow float64 (exploding gradients) come back as inf or NaN; the inputs are
checked, so nothing else can make them so.

Notation and shapes (arrays are 0-based: row t−1 holds step t):

    ======  ==========  ==========================================
    name    shape       meaning
    ======  ==========  ==========================================
    x       (T, M)      inputs x_1..x_T ((B, T, M) for a batch)
    h0      (H,)        initial hidden state h_0 (zeros by default)
    U       (H, M)      input → hidden weights
    W       (H, H)      hidden → hidden (recurrent) weights
    b       (H,)        hidden bias
    V       (K, H)      hidden → output weights
    c       (K,)        output bias
    a, h    (T, H)      pre-activations, hidden states
    o, ŷ    (T, K)      output scores, softmax probabilities
    ε       (T, H)      error entering h_t directly (∂L_t/∂h_t)
    ======  ==========  ==========================================

Limits: ``n_input`` and ``n_output`` ≤ ``MAX_INPUT``, ``n_hidden`` ≤ ``MAX_HIDDEN``, sequences of
1..``MAX_SEQ_LEN`` steps, and no call computes or stores more than the engine's work budget
(``_checks.MAX_WORK`` numbers stored, ``_checks.MAX_OPS`` multiply-adds).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import _checks, rng
from engine._numba import kernel

_STREAM_U, _STREAM_W, _STREAM_V = 11, 12, 13
_STREAM_DENSE = 20  # dense_backprop draws x, W1, b1, W2, b2, d from streams 20..25
MAX_DENSE = 64  # units in each layer of dense_backprop's net
MAX_INPUT = 4096  # n_input and n_output
MAX_HIDDEN = 512  # n_hidden (the orthogonal start costs a QR of W: H³ operations)
MAX_SEQ_LEN = 100_000
MAX_BATCH = 100_000


@dataclass(frozen=True)
class RNNParams(_checks.Rebuilt):
    """Weights of a simple RNN: U (H,M), W (H,H), b (H,), V (K,H), c (K,).

    The shapes must agree and every value must be finite; the instance keeps read-only float64 copies,
    so nothing the caller writes into its own arrays afterwards reaches a kernel.
    """

    U: np.ndarray
    W: np.ndarray
    b: np.ndarray
    V: np.ndarray
    c: np.ndarray

    def __post_init__(self) -> None:
        W = _checks.array_view("W", self.W, (None, None))
        H = W.shape[0]
        if W.shape != (H, H) or H < 1:
            raise ValueError(f"W must be a square (H, H) matrix with H ≥ 1, got shape {W.shape}")
        _checks.whole("n_hidden (rows of W)", H, 1, MAX_HIDDEN)
        U = _checks.array_view("U", self.U, (H, None))
        V = _checks.array_view("V", self.V, (None, H))
        _checks.whole("n_input (columns of U)", U.shape[1], 1, MAX_INPUT)
        _checks.whole("n_output (rows of V)", V.shape[0], 1, MAX_INPUT)
        b = _checks.array_view("b", self.b, (H,))
        c = _checks.array_view("c", self.c, (V.shape[0],))
        for name, value in (("U", U), ("W", W), ("b", b), ("V", V), ("c", c)):
            object.__setattr__(self, name, _checks.frozen(value))

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
class HiddenGrads:
    """What :func:`rnn_hidden_backward` returns for a batch of B sequences.

    ``U`` (H,M), ``W`` (H,H), ``b`` (H,): gradients summed over steps and sequences; ``dh`` (B,T,H):
    ∂L/∂h_t of every sequence, the error that entered at h_t plus what came back from later steps
    (within the window when truncated).
    """

    U: np.ndarray
    W: np.ndarray
    b: np.ndarray
    dh: np.ndarray


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
class SGDRun:
    """What :func:`sgd_bptt` returns: the trained weights and the loss along the way.

    ``loss`` (E,): the mean loss per step over the whole sequence (run from h0) before training and
    after some of the updates; ``updates`` (E,) and ``work`` (E,) say after how many updates and how
    many products with W or Wᵀ (H² multiply-adds each, forward and backward) each was measured.
    ``chunk_len`` and ``truncation`` are those used (T when not given); ``n_updates`` the updates
    done; ``diverged`` is True when a weight or the loss overflowed float64: training stopped, and
    ``params`` are then the weights given.
    """

    params: RNNParams
    loss: np.ndarray
    updates: np.ndarray
    work: np.ndarray
    chunk_len: int
    truncation: int
    n_updates: int
    diverged: bool


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


@dataclass(frozen=True)
class DenseBackprop:
    """One example through a three-layer DCL x (M,) → h (H,) → y (K,), forward and back.

    ``W1`` (H,M), ``b1`` (H,), ``a1`` = W1 x + b1 and ``h1`` = tanh(a1) (H,); ``W2`` (K,H), ``b2`` (K,),
    ``y`` = W2 h1 + b2 (K,), the target ``d`` (K,), ``loss`` = ½‖y − d‖². Errors: ``delta_out`` (K,)
    = y − d, ``delta_hidden`` (H,) = (1 − h1²) ⊙ W2ᵀ delta_out. Gradients ``dW1, db1, dW2, db2`` like
    the weights. ``fd_delta_hidden`` (H,): δ_j again, as the central difference (L(b_j + ε) − L(b_j − ε)) / 2ε
    of the loss in the bias b_j (∂L/∂b_j = δ_j), with ε = ``fd_step``.
    """

    x: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    a1: np.ndarray
    h1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    y: np.ndarray
    d: np.ndarray
    loss: float
    delta_out: np.ndarray
    delta_hidden: np.ndarray
    dW1: np.ndarray
    db1: np.ndarray
    dW2: np.ndarray
    db2: np.ndarray
    fd_delta_hidden: np.ndarray
    fd_step: float

    @property
    def terms(self) -> np.ndarray:
        """(K, H): entry (k, j) is w_kj δ_k, what output neuron k sends back to hidden neuron j."""
        return self.W2 * self.delta_out[:, None]

    @property
    def shape(self) -> tuple[int, int, int]:
        """(M, H, K): the units of the input, hidden and output layers."""
        return len(self.x), len(self.b1), len(self.b2)


# ---------------------------------------------------------------------------------------------
# kernels


@kernel
def _recurrence(UT, WT, b, x, h0, a, h):
    """a_t = b + W h_{t−1} + U x_t, h_t = tanh(a_t) for t = 1..T, written into ``a`` and ``h`` (T, H).

    UT (M, H) = Uᵀ and WT (H, H) = Wᵀ (transposed, so that the loops are axpys over contiguous rows),
    b (H,), x (T, M), h0 (H,). Each a_t sums b, then W h_{t−1} column by column, then U x_t.
    """
    T, M = x.shape
    H = WT.shape[0]
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
            h_prev[i] = h[t, i]


@kernel
def _hidden_kernel(U, W, b, x, h0):
    """The recurrence of every sequence of a batch: returns a, h (B, T, H).

    U (H, M), W (H, H), b (H,), x (B, T, M), h0 (H,) shared by all sequences.
    """
    B, T, _ = x.shape
    H = W.shape[0]
    WT = np.ascontiguousarray(W.T)  # (H, H): row j is column j of W
    UT = np.ascontiguousarray(U.T)  # (M, H)
    a = np.empty((B, T, H))
    h = np.empty((B, T, H))
    for k in range(B):
        _recurrence(UT, WT, b, x[k], h0, a[k], h[k])
    return a, h


@kernel
def _forward_kernel(U, W, b, V, c, x, h0):
    """The whole forward pass of one sequence: a, h (T, H) by the recurrence, then
    o_t = c + V h_t and ŷ_t = softmax(o_t) = exp(o_t − max o_t) / Σ exp(o_t − max o_t), (T, K).

    U (H, M), W (H, H), b (H,), V (K, H), c (K,), x (T, M), h0 (H,).
    """
    T = x.shape[0]
    H = W.shape[0]
    K = V.shape[0]
    a = np.empty((T, H))
    h = np.empty((T, H))
    o = np.empty((T, K))
    yhat = np.empty((T, K))
    _recurrence(np.ascontiguousarray(U.T), np.ascontiguousarray(W.T), b, x, h0, a, h)
    VT = np.ascontiguousarray(V.T)  # (H, K)
    for t in range(T):
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
    return a, h, o, yhat


@kernel
def _transposed_times(A, v, out):
    """out = Aᵀ v for A (R, C), v (R,), out (C,), as an axpy over the rows of A (out[i] sums
    A[0, i] v[0] + A[1, i] v[1] + … in that order): the error sent back through V (from o_t to h_t)
    or through W (from a_{t+1} to h_t)."""
    out[:] = 0.0
    for k in range(A.shape[0]):
        d = v[k]
        for i in range(A.shape[1]):
            out[i] += A[k, i] * d


@kernel
def _step_loss(o_t, target):
    """L_t = logsumexp(o_t) − o_t[target], computed from the largest score so exp never overflows.

    o_t (K,) scores, target an int in 0..K−1. Returns a float."""
    top = -np.inf
    for k in range(o_t.shape[0]):
        top = max(top, o_t[k])
    z = 0.0
    for k in range(o_t.shape[0]):
        z += np.exp(o_t[k] - top)
    return top + np.log(z) - o_t[target]


@kernel
def _output_kernel(V, h, o, yhat, targets):
    """The softmax output layer's part of BPTT, step by step.

    ∂L/∂o_t = ŷ_t − onehot(target_t) (T, K); ∂L/∂V contributions ∂L/∂o_t h_tᵀ (T, K, H);
    L_t = logsumexp(o_t) − o_t[target_t] (T,); and ε_t = Vᵀ ∂L/∂o_t (T, H), the error that reaches
    h_t directly. V (K, H), h (T, H), o and yhat (T, K), targets (T,) int64 in 0..K−1.
    """
    T, K = o.shape
    H = h.shape[1]
    do = yhat.copy()
    dV_steps = np.empty((T, K, H))
    loss_steps = np.empty(T)
    eps = np.empty((T, H))
    for t in range(T):
        loss_steps[t] = _step_loss(o[t], targets[t])
        do[t, targets[t]] -= 1.0
        for k in range(K):
            for i in range(H):
                dV_steps[t, k, i] = do[t, k] * h[t, i]
        _transposed_times(V, do[t], eps[t])
    return do, dV_steps, loss_steps, eps


@kernel
def _accumulate_step(row, da_s, x_s, h_prev, dU, dW, db):
    """dU[row] += ∂L/∂a_s x_sᵀ, dW[row] += ∂L/∂a_s h_{s−1}ᵀ, db[row] += ∂L/∂a_s.

    da_s (H,), x_s (M,), h_prev (H,); dU (N, H, M), dW (N, H, H), db (N, H) with row < N.
    """
    H, M = dU.shape[1], dU.shape[2]
    for i in range(H):
        d = da_s[i]
        db[row, i] += d
        for m in range(M):
            dU[row, i, m] += d * x_s[m]
        for j in range(H):
            dW[row, i, j] += d * h_prev[j]


@kernel
def _bptt_kernel(W, x, h0, h, eps, window, dU, dW, db, dh, da):
    """THE backward pass of the simple RNN (full and truncated BPTT, batch training, error flow).

    For every sequence of the batch, with ε_t (the error entering h_t directly) and window k ≥ 1::

        ∂L/∂h_s = Σ_{t = s}^{min(s+k−1, T)} (∂h_t/∂h_s)ᵀ ε_t,     ∂h_t/∂h_{t−1} = diag(1 − h_t²) W
        ∂L/∂a_s = (1 − h_s²) ⊙ ∂L/∂h_s
        dW += ∂L/∂a_s h_{s−1}ᵀ,  dU += ∂L/∂a_s x_sᵀ,  db += ∂L/∂a_s

    computed from s = T down to 1 by δ ← Wᵀ((1 − h_s²) ⊙ δ). The errors ε_t with t < k reach step 1
    inside their window: they are summed into one carried vector, so k ≥ T is the one-pass recursion
    ∂L/∂h_s = ε_s + Wᵀ ∂L/∂a_{s+1} (O(T H²)). An error with t ≥ k is carried on its own, in slot
    t mod k of a ring, until its window closes: O(T k H²) for truncation k < T.

    Shapes: W (H, H); x (B, T, M); h0 (H,) shared by all sequences; h and eps (B, T, H); window ≥ 1.
    Accumulated into (the caller zeroes them): dU (N, H, M), dW (N, H, H), db (N, H), with N = T
    for each step's contribution in its own row (summed over the batch) or N = 1 for the sums.
    Written: dh = ∂L/∂h_s and da = ∂L/∂a_s, (B, T, H).
    """
    B, T, _ = x.shape
    H = W.shape[0]
    per_step = dW.shape[0] > 1
    k_w = min(window, T)
    carry = np.empty(H)  # errors ε_t with t < k, carried back together
    ring = np.empty((k_w, H))  # errors ε_t with t ≥ k, carried back one by one
    scaled = np.empty(H)
    for n in range(B):
        carry[:] = 0.0
        for s in range(T - 1, -1, -1):
            if s < k_w:
                for i in range(H):
                    carry[i] += eps[n, s, i]
            else:
                for i in range(H):
                    ring[s % k_w, i] = eps[n, s, i]
            first, last = max(s, k_w), min(s + k_w - 1, T - 1)  # live errors of the ring at step s
            for i in range(H):
                dh[n, s, i] = carry[i]
            for t in range(first, last + 1):
                for i in range(H):
                    dh[n, s, i] += ring[t % k_w, i]
            for i in range(H):
                da[n, s, i] = (1.0 - h[n, s, i] * h[n, s, i]) * dh[n, s, i]
            h_prev = h0 if s == 0 else h[n, s - 1]
            _accumulate_step(s if per_step else 0, da[n, s], x[n, s], h_prev, dU, dW, db)
            if s == 0:
                break
            for i in range(H):
                scaled[i] = (1.0 - h[n, s, i] * h[n, s, i]) * carry[i]
            _transposed_times(W, scaled, carry)
            for t in range(first, min(last, s + k_w - 2) + 1):  # still inside their window at s − 1
                for i in range(H):
                    scaled[i] = (1.0 - h[n, s, i] * h[n, s, i]) * ring[t % k_w, i]
                _transposed_times(W, scaled, ring[t % k_w])


@kernel
def _paths_kernel(W, h0, h, eps):
    """Per-path contributions: ‖∂L_t/∂a_s h_{s−1}ᵀ‖_F for every pair s ≤ t (T, T; NaN above the
    diagonal), and the matrices ∂L_t/∂a_s h_{s−1}ᵀ summed by lag t − s (T, H, H).

    ∂L_t/∂a_s = (1 − h_s²) ⊙ (∂h_t/∂h_s)ᵀ ε_t, one error at a time. The norm of an outer product is
    ‖∂L_t/∂a_s‖ ‖h_{s−1}‖. W (H, H), h0 (H,), h and eps (T, H).
    """
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
        delta_h[:] = eps[t]
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
    """J[t] = ∂h_T/∂h_t for t = 0..T (J[T] = I), via J[t−1] = J[t] diag(1 − h_t²) W.

    W (H, H), h (T, H); returns J (T+1, H, H).
    """
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


@kernel
def _mean_loss(U, W, b, V, c, x, h0, targets):
    """(1/T) Σ_t L_t with L_t = logsumexp(o_t) − o_t[target_t], o from the forward pass over x (T, M)
    from h0 (H,); U (H, M), W (H, H), b (H,), V (K, H), c (K,), targets (T,) int64."""
    _, _, o, _ = _forward_kernel(U, W, b, V, c, x, h0)
    T = o.shape[0]
    total = 0.0
    for t in range(T):
        total += _step_loss(o[t], targets[t])
    return total / T


@kernel
def _sgd_kernel(U, W, b, V, c, x, h0, targets, chunk, window, lr, n_passes, measure, loss):
    """Gradient descent over ``n_passes`` passes through x (T, M), one update per part of ``chunk`` steps.

    Each part s..s+n−1 runs forward from the hidden state the previous part ended in (h0 at the start
    of a pass), back-propagates the steps' mean loss (1/n) Σ L_t with window ``window`` inside the part
    (the one backward pass of :func:`_bptt_kernel`), and updates θ ← θ − η ∂L̄/∂θ in place for
    U (H, M), W (H, H), b (H,), V (K, H), c (K,). ``measure`` (N + 1,) bool, N = passes × parts: where
    True, ``loss`` (N + 1,) gets the mean loss over the whole sequence from h0 after that many updates.
    Returns the number of updates done (fewer than N when a weight or the loss overflowed: training
    stops there, and that update does not count).
    """
    T, M = x.shape
    H = W.shape[0]
    n_parts = (T + chunk - 1) // chunk
    dU, dW, db = np.zeros((1, H, M)), np.zeros((1, H, H)), np.zeros((1, H))
    if measure[0]:
        loss[0] = _mean_loss(U, W, b, V, c, x, h0, targets)
    done = 0
    for _ in range(n_passes):
        h_start = h0.copy()
        for part in range(n_parts):
            lo = part * chunk
            hi = min(T, lo + chunk)
            n = hi - lo
            xs = np.ascontiguousarray(x[lo:hi])
            ts = np.ascontiguousarray(targets[lo:hi])
            _, h, o, yhat = _forward_kernel(U, W, b, V, c, xs, h_start)
            do, dV_steps, _, eps = _output_kernel(V, h, o, yhat, ts)
            dU[:] = 0.0
            dW[:] = 0.0
            db[:] = 0.0
            dh = np.empty((1, n, H))
            da = np.empty((1, n, H))
            _bptt_kernel(W, xs.reshape((1, n, M)), h_start, h.reshape((1, n, H)), eps.reshape((1, n, H)),
                         window, dU, dW, db, dh, da)
            step = lr / n
            U -= step * dU[0]
            W -= step * dW[0]
            b -= step * db[0]
            for t in range(n):
                V -= step * dV_steps[t]
                c -= step * do[t]
            h_start = h[n - 1].copy()
            done += 1
            if not (np.all(np.isfinite(W)) and np.all(np.isfinite(U)) and np.all(np.isfinite(V))
                    and np.all(np.isfinite(b)) and np.all(np.isfinite(c))):
                return done
            if measure[done]:
                loss[done] = _mean_loss(U, W, b, V, c, x, h0, targets)
                if not np.isfinite(loss[done]):
                    return done - 1
    return done


# ---------------------------------------------------------------------------------------------
# checks


def _params(params) -> RNNParams:
    if not isinstance(params, RNNParams):
        raise TypeError(f"params must be RNNParams, got {type(params).__name__}")
    return params


def _weights(params: RNNParams) -> tuple[np.ndarray, ...]:
    """U, W, b, V, c as writable copies, the one kind of array the kernels are compiled for. The
    parameters are frozen (read-only), but the training kernel updates its own copies in place, and a
    read-only array is another numba signature: every kernel the two reach would compile twice (about
    3 s of every cold start). The copies are small: H·(M + H + K) numbers."""
    return tuple(np.array(getattr(params, name)) for name in ("U", "W", "b", "V", "c"))


def _steps(name: str, T: int) -> int:
    return _checks.whole(f"sequence length (steps of {name})", T, 1, MAX_SEQ_LEN)


def _inputs(params: RNNParams, x) -> np.ndarray:
    """x (T, M) as a fresh float64 copy (the trace keeps it), finite, T ≥ 1."""
    x = _checks.array("x", x, (None, params.n_input))
    _steps("x", x.shape[0])
    return x


def _batch_inputs(params: RNNParams, x) -> np.ndarray:
    """x (B, T, M) as float64, finite, B ≥ 1, T ≥ 1."""
    x = _checks.array_view("x", x, (None, None, params.n_input))
    _checks.whole("batch size (sequences in x)", x.shape[0], 1, MAX_BATCH)
    _steps("x", x.shape[1])
    return x


def _h0(params: RNNParams, h0) -> np.ndarray:
    return np.zeros(params.n_hidden) if h0 is None else _checks.array_view("h0", h0, (params.n_hidden,))


def _no_nan(name: str, values: np.ndarray, why: str) -> None:
    if np.isnan(values).any():
        raise ValueError(f"{name} overflowed float64 ({why})")


def _checked_trace(params: RNNParams, trace) -> RNNTrace:
    """The trace's arrays, checked against ``params``: a trace of another model is refused."""
    if not isinstance(trace, RNNTrace):
        raise TypeError(f"trace must be the RNNTrace of rnn_forward, got {type(trace).__name__}")
    M, H, K = params.n_input, params.n_hidden, params.n_output
    x = _checks.array_view("trace.x", trace.x, (None, None))
    T = _steps("trace.x", x.shape[0])
    if x.shape[1] != M:
        raise ValueError(f"trace.x has {x.shape[1]} inputs per step but params have n_input = {M}: "
                         "the trace belongs to another model")
    arrays = {"h0": (H,), "a": (T, H), "h": (T, H), "o": (T, K), "yhat": (T, K)}
    out = {}
    for name, shape in arrays.items():
        value = getattr(trace, name)
        got = np.shape(value)
        if got != shape:
            raise ValueError(f"trace.{name} has shape {got} but these params (n_hidden = {H}, n_output = {K}) "
                             f"and trace.x ({T} steps) need {shape}: the trace belongs to another model")
        out[name] = _checks.array_view(f"trace.{name}", value, shape)
    return RNNTrace(x=x, **out)


def _checked_targets(params: RNNParams, trace: RNNTrace, targets) -> np.ndarray:
    return _checks.int_array("targets", targets, (trace.seq_len,), 0, params.n_output - 1)


def spectral_radius(W) -> float:
    """max |eigenvalue| of a square matrix W (H, H) of finite real numbers."""
    W = _checks.array("W", W, (None, None))
    if W.shape[0] != W.shape[1] or W.shape[0] < 1:
        raise ValueError(f"W must be a square (H, H) matrix with H ≥ 1, got shape {W.shape}")
    _checks.within_operations(f"spectral_radius of a {W.shape[0]}×{W.shape[0]} W (10 H³)", 10 * W.shape[0] ** 3)
    return float(np.max(np.abs(np.linalg.eigvals(W))))


# ---------------------------------------------------------------------------------------------
# public API


def init_rnn(
    n_input: int, n_hidden: int, n_output: int, seed: int, recurrent_scale: float | None = None
) -> RNNParams:
    """Seeded weights: U, W, V Gaussian with variance 1/fan-in, b = c = 0.

    ``recurrent_scale`` = ρ ≥ 0, when given, makes W = ρ Q with Q a random orthogonal matrix (Saxe
    et al. 2014): every singular value of W, hence ‖W‖₂ and the spectral radius, equals ρ. Below 1
    the bound (‖W‖₂ γ)^{T−t} forces the gradients to vanish; above 1 they can explode.
    Sizes: 1 ≤ ``n_input``, ``n_output`` ≤ ``MAX_INPUT``, 1 ≤ ``n_hidden`` ≤ ``MAX_HIDDEN``.
    """
    M = _checks.whole("n_input", n_input, 1, MAX_INPUT)
    H = _checks.whole("n_hidden", n_hidden, 1, MAX_HIDDEN)
    K = _checks.whole("n_output", n_output, 1, MAX_INPUT)
    seed = rng.check_seed(seed)
    scale = None if recurrent_scale is None else _checks.real("recurrent_scale", recurrent_scale, 0.0)
    _checks.within_budget(f"init_rnn weights (H·(M + H + K) with H = {H})", H * (M + H + K))
    U = rng.normals(seed, H * M, _STREAM_U).reshape(H, M) / np.sqrt(M)  # (H*M,) -> (H, M)
    W = rng.normals(seed, H * H, _STREAM_W).reshape(H, H) / np.sqrt(H)  # (H*H,) -> (H, H)
    V = rng.normals(seed, K * H, _STREAM_V).reshape(K, H) / np.sqrt(H)  # (K*H,) -> (K, H)
    if scale is not None:
        Q, R = np.linalg.qr(W)
        W = scale * Q * np.where(np.diag(R) < 0, -1.0, 1.0)  # signs fixed: Q uniform (Haar)
    return RNNParams(U=U, W=W, b=np.zeros(H), V=V, c=np.zeros(K))


def rnn_forward(params: RNNParams, x, h0=None) -> RNNTrace:
    """Run the RNN over x (T, M) from h0 (zeros by default); returns the whole trace."""
    params = _params(params)
    x = _inputs(params, x)
    T, M, H, K = x.shape[0], params.n_input, params.n_hidden, params.n_output
    _checks.within_budget(f"rnn_forward arrays (2 T·(H + K) with T = {T:,}, H = {H}, K = {K})", 2 * T * (H + K))
    _checks.within_operations(f"rnn_forward (T·H·(H + M + K) with T = {T:,}, H = {H})", T * H * (H + M + K))
    h0 = _h0(params, h0)
    a, h, o, yhat = _forward_kernel(*_weights(params), x, h0)
    _no_nan("the pre-activations a = b + W h + U x", a, "x or h0 is too large")
    if not np.isfinite(o).all():
        raise ValueError("the output scores o = c + V h overflowed float64 (V or c is too large)")
    return RNNTrace(x=x, h0=h0, a=a, h=h, o=o, yhat=yhat)


def rnn_bptt(params: RNNParams, trace: RNNTrace, targets, truncation: int | None = None) -> RNNGrads:
    """Gradients of L = Σ_t −log ŷ_t[target_t] by back-propagation through time.

    ``truncation`` = k ≥ 1 keeps, for every L_t, only the contributions of steps t−k+1..t (k ≥ T is
    full BPTT); ``None`` is full BPTT. ``trace`` must come from ``rnn_forward`` with these params and
    ``targets`` (T,) holds class indices in 0..K−1.
    """
    params = _params(params)
    trace = _checked_trace(params, trace)
    targets = _checked_targets(params, trace, targets)
    T, M, H, K = trace.seq_len, params.n_input, params.n_hidden, params.n_output
    window = T if truncation is None else min(_checks.whole("truncation", truncation, 1, MAX_SEQ_LEN), T)
    stored = T * (H * M + H * H + K * H + K + 4 * H)
    _checks.within_budget(f"rnn_bptt per-step gradients (T·(H·M + H² + K·H) with T = {T:,}, H = {H})", stored)
    _checks.within_operations(f"rnn_bptt with truncation {window:,} ((T − k)·k·H² + T·H·(2H + M + 2K), T = {T:,})",
                              (T - window) * window * H * H + T * H * (2 * H + M + 2 * K))
    _, W, _, V, _ = _weights(params)
    do, dV_steps, loss_steps, eps = _output_kernel(V, trace.h, trace.o, trace.yhat, targets)
    dU_s, dW_s, db_s = np.zeros((T, H, M)), np.zeros((T, H, H)), np.zeros((T, H))
    dh, da = np.empty((1, T, H)), np.empty((1, T, H))
    _bptt_kernel(W, trace.x[None], trace.h0, trace.h[None], eps[None], window, dU_s, dW_s, db_s, dh, da)
    return RNNGrads(
        U=dU_s.sum(axis=0), W=dW_s.sum(axis=0), b=db_s.sum(axis=0), V=dV_steps.sum(axis=0),
        c=do.sum(axis=0), dU_steps=dU_s, dW_steps=dW_s, db_steps=db_s, dV_steps=dV_steps,
        dc_steps=do, dh=dh[0], da=da[0], loss_steps=loss_steps, truncation=window,
    )


def rnn_hidden(params: RNNParams, x, h0=None) -> np.ndarray:
    """Hidden states h (B, T, H) of a batch x (B, T, M), every sequence from h0 (H,) (zeros by default).

    The recurrence only: the output layer V, c is not used (a model with another read-out, as in
    :mod:`engine.training`, back-propagates its error with :func:`rnn_hidden_backward`).
    """
    params = _params(params)
    x = _batch_inputs(params, x)
    B, T, _ = x.shape
    H, M = params.n_hidden, params.n_input
    _checks.within_budget(f"rnn_hidden arrays (2 B·T·H with B = {B:,}, T = {T:,}, H = {H})", 2 * B * T * H)
    _checks.within_operations(f"rnn_hidden (B·T·H·(H + M) with B = {B:,}, T = {T:,}, H = {H})", B * T * H * (H + M))
    U, W, b, _, _ = _weights(params)
    a, h = _hidden_kernel(U, W, b, x, _h0(params, h0))
    _no_nan("the pre-activations a = b + W h + U x", a, "x or h0 is too large")
    return h


def rnn_hidden_backward(params: RNNParams, x, h, dh, h0=None, truncation: int | None = None) -> HiddenGrads:
    """Back-propagate errors that enter the hidden states directly, for a batch of sequences.

    ``dh`` (B, T, H) holds ε_t = ∂L_t/∂h_t, the error each step's own loss sends into h_t (e.g. only
    at t = T for a read-out of the last state); ``x`` (B, T, M) and ``h`` (B, T, H) are the inputs and
    the :func:`rnn_hidden` states of these ``params`` from ``h0``. ``truncation`` = k as in
    :func:`rnn_bptt`. Returns ∂L/∂U, ∂L/∂W, ∂L/∂b summed over steps and sequences, and ∂L/∂h_t.
    """
    params = _params(params)
    x = _batch_inputs(params, x)
    B, T, _ = x.shape
    H, M = params.n_hidden, params.n_input
    h = _checks.array_view("h", h, (B, T, H))
    dh = _checks.array_view("dh", dh, (B, T, H))
    window = T if truncation is None else min(_checks.whole("truncation", truncation, 1, MAX_SEQ_LEN), T)
    _checks.within_budget(f"rnn_hidden_backward arrays (2 B·T·H with B = {B:,}, T = {T:,}, H = {H})", 2 * B * T * H)
    _checks.within_operations(f"rnn_hidden_backward with truncation {window:,} (B·((T − k)·k·H² + T·H·(2H + M)))",
                              B * ((T - window) * window * H * H + T * H * (2 * H + M)))
    dU, dW, db = np.zeros((1, H, M)), np.zeros((1, H, H)), np.zeros((1, H))
    dh_total, da = np.empty((B, T, H)), np.empty((B, T, H))
    _bptt_kernel(_weights(params)[1], x, _h0(params, h0), h, dh, window, dU, dW, db, dh_total, da)
    return HiddenGrads(U=dU[0], W=dW[0], b=db[0], dh=dh_total)


def gradient_paths(params: RNNParams, trace: RNNTrace, targets) -> GradientPaths:
    """Which (loss L_t, step s) pairs carry ∂L/∂W, and what truncating at each k would lose.

    Not a gradient but its parts: every pair (t, s) is back-propagated on its own, O(T² H²), which the
    one backward pass (all losses summed) cannot give. Meant for the sequence lengths a page draws
    (T ≤ a few hundred); the work budget refuses more.
    """
    params = _params(params)
    trace = _checked_trace(params, trace)
    targets = _checked_targets(params, trace, targets)
    T, H = trace.seq_len, params.n_hidden
    _checks.within_budget(f"gradient_paths arrays (T·H² + T² with T = {T:,}, H = {H})", T * H * H + T * T)
    _checks.within_operations(f"gradient_paths (2 T²·H² with T = {T:,}, H = {H})", 2 * T * T * H * H)
    _, W, _, V, _ = _weights(params)
    _, _, _, eps = _output_kernel(V, trace.h, trace.o, trace.yhat, targets)
    norm, W_by_lag = _paths_kernel(W, trace.h0, trace.h, eps)
    partial = np.cumsum(W_by_lag, axis=0)  # (T, H, H): row k−1 is ∂L/∂W truncated at k
    full = partial[-1]
    full_norm = np.linalg.norm(full)
    missing = np.linalg.norm((partial - full).reshape(len(partial), -1), axis=1)  # (T,)
    with np.errstate(invalid="ignore", divide="ignore"):
        error = missing / full_norm if full_norm > 0 else np.full(len(partial), np.nan)
    return GradientPaths(norm=norm, W_by_lag=W_by_lag, truncation_error=error)


MAX_PASSES = 1000
MAX_MEASURES = 1000


def sgd_products(seq_len: int, chunk_len: int, truncation: int) -> tuple[int, int]:
    """Products with W or Wᵀ (H² multiply-adds each) of one pass of :func:`sgd_bptt`, and its updates.

    A part of n steps costs n forward products and, backward, n − 1 for the errors carried together
    plus (w − 1) for each of the n − w losses whose window w < n closes inside the part (carried on
    their own). ``seq_len`` = T, ``chunk_len`` and ``truncation`` ≥ 1 (capped at T and at the part).
    """
    T = _steps("the sequence", seq_len)
    n_chunk = min(_checks.whole("chunk_len", chunk_len, 1, MAX_SEQ_LEN), T)
    window = _checks.whole("truncation", truncation, 1, MAX_SEQ_LEN)
    total, parts = 0, 0
    for lo in range(0, T, n_chunk):
        n = min(T, lo + n_chunk) - lo
        w = min(window, n)
        total += n + (n - 1) + (n - w) * (w - 1)
        parts += 1
    return total, parts


def sgd_bptt(params: RNNParams, x, targets, lr: float, n_passes: int, chunk_len: int | None = None,
             truncation: int | None = None, h0=None, n_measures: int = 200) -> SGDRun:
    """Train the RNN on x (T, M) and ``targets`` (T,) by gradient descent on the steps' mean loss.

    ``chunk_len`` = n cuts the sequence into parts of n steps with one update after each, the hidden
    state carried from part to part (truncated BPTT as "renewing the parameters on parts of a long
    text"); ``None`` is one part, one update per pass. ``truncation`` = k keeps each L_t's error within
    k steps inside its part (``None``: the whole part). ``lr`` = η > 0, 1 ≤ ``n_passes`` ≤ MAX_PASSES.
    The whole-sequence loss is measured before training and after about ``n_measures`` evenly spaced
    updates (the last one included). The weights given are not changed: the result holds new ones.
    """
    params = _params(params)
    x = _inputs(params, x)
    T, M, H, K = x.shape[0], params.n_input, params.n_hidden, params.n_output
    targets = _checks.int_array("targets", targets, (T,), 0, K - 1)
    lr = _checks.real("lr", lr, 0.0, lo_open=True)
    n_passes = _checks.whole("n_passes", n_passes, 1, MAX_PASSES)
    n_chunk = T if chunk_len is None else min(_checks.whole("chunk_len", chunk_len, 1, MAX_SEQ_LEN), T)
    window = T if truncation is None else min(_checks.whole("truncation", truncation, 1, MAX_SEQ_LEN), T)
    n_measures = _checks.whole("n_measures", n_measures, 1, MAX_MEASURES)
    h0 = _h0(params, h0)
    products, parts = sgd_products(T, n_chunk, window)
    n_updates = n_passes * parts
    every = -(-n_updates // n_measures)
    measure = np.zeros(n_updates + 1, dtype=np.bool_)
    measure[::every] = True
    measure[-1] = True
    n_measured = int(measure.sum())
    _checks.within_budget(f"sgd_bptt arrays (updates + chunk·(K·H + 4 H), {n_updates:,} updates)",
                          n_updates + 1 + n_chunk * (K * H + 4 * H + M))
    _checks.within_operations(
        f"sgd_bptt ({n_passes:,} passes × {products:,} products × H² + {n_measured:,} measures × T·H·(H + M + K), "
        f"H = {H}, T = {T:,})",
        n_passes * (products * H * H + T * H * (2 * M + 3 * K)) + n_measured * T * H * (H + M + K))
    U, W, b, V, c = _weights(params)
    loss = np.full(n_updates + 1, np.nan)
    done = _sgd_kernel(U, W, b, V, c, x, h0, targets, n_chunk, window, lr, n_passes, measure, loss)
    diverged = done < n_updates
    if diverged:  # the weights overflowed: keep those measured before
        U, W, b, V, c = _weights(params)
        measure[done + 1:] = False
    kept = np.flatnonzero(measure & np.isfinite(loss))  # all measured ones unless it diverged
    per_update = np.array([0] + [n + (n - 1) + (n - min(window, n)) * (min(window, n) - 1)
                                 for n in (min(T, lo + n_chunk) - lo for lo in range(0, T, n_chunk))])
    work = np.concatenate([[0], np.cumsum(np.tile(per_update[1:], n_passes))])
    trained = params if diverged else RNNParams(U=U, W=W, b=b, V=V, c=c)
    return SGDRun(params=trained, loss=loss[kept], updates=kept, work=work[kept], chunk_len=n_chunk,
                  truncation=window, n_updates=done, diverged=diverged)


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
    params = _params(params)
    trace = _checked_trace(params, trace)
    T, H = trace.seq_len, params.n_hidden
    _checks.within_budget(f"jacobian_norms arrays ((T + 1)·H² with T = {T:,}, H = {H})", (T + 1) * H * H)
    _checks.within_operations(f"jacobian_norms (12 (T + 1)·H³ with T = {T:,}, H = {H})", 12 * (T + 1) * H**3)
    J = _jacobians_kernel(_weights(params)[1], trace.h)  # (T+1, H, H), J[t] = ∂h_T/∂h_t
    lag = np.arange(T + 1)
    norm = _spectral_norms(J)[::-1].copy()  # index by lag T − t
    w_norm = float(np.linalg.norm(params.W, 2))
    gamma = float(np.max(1.0 - trace.h**2))
    with np.errstate(over="ignore"):
        bound = (w_norm * gamma) ** lag.astype(np.float64)
    return JacobianNorms(lag=lag, norm=norm, bound=bound, w_norm=w_norm, gamma=gamma,
                         spectral_radius=spectral_radius(params.W))


def _dense_loss(x, W1, b1, W2, b2, d) -> float:
    """½‖W2 tanh(W1 x + b1) + b2 − d‖²."""
    r = W2 @ np.tanh(W1 @ x + b1) + b2 - d
    return 0.5 * float(r @ r)


def dense_backprop(seed: int, n_input: int = 3, n_hidden: int = 3, n_output: int = 2,
                   fd_step: float = 1e-6) -> DenseBackprop:
    """The article's review of DCL back-propagation on a seeded three-layer net and one example.

    x ~ N(0, 1), W1 ~ N(0, 1/M), W2 ~ N(0, 1/H), biases ~ N(0, 0.1²), the target d uniform on (−1, 1);
    equations in the module docstring. Sizes 1 … ``MAX_DENSE`` each; ``fd_step`` = ε in (0, 0.1].
    """
    seed = rng.check_seed(seed)
    M = _checks.whole("n_input", n_input, 1, MAX_DENSE)
    H = _checks.whole("n_hidden", n_hidden, 1, MAX_DENSE)
    K = _checks.whole("n_output", n_output, 1, MAX_DENSE)
    eps = _checks.real("fd_step", fd_step, 0.0, 0.1, lo_open=True)
    s = _STREAM_DENSE
    x = rng.normals(seed, M, s)
    W1 = rng.normals(seed, H * M, s + 1).reshape(H, M) / np.sqrt(M)  # (H*M,) -> (H, M)
    b1 = 0.1 * rng.normals(seed, H, s + 2)
    W2 = rng.normals(seed, K * H, s + 3).reshape(K, H) / np.sqrt(H)  # (K*H,) -> (K, H)
    b2 = 0.1 * rng.normals(seed, K, s + 4)
    d = 2.0 * rng.uniforms(seed, K, s + 5) - 1.0
    a1 = W1 @ x + b1
    h1 = np.tanh(a1)
    y = W2 @ h1 + b2
    delta_out = y - d
    delta_hidden = (1.0 - h1**2) * (W2.T @ delta_out)
    fd = np.empty(H)
    for j in range(H):
        step = np.zeros(H)
        step[j] = eps
        fd[j] = (_dense_loss(x, W1, b1 + step, W2, b2, d) - _dense_loss(x, W1, b1 - step, W2, b2, d)) / (2 * eps)
    return DenseBackprop(x=x, W1=W1, b1=b1, a1=a1, h1=h1, W2=W2, b2=b2, y=y, d=d,
                         loss=0.5 * float(delta_out @ delta_out), delta_out=delta_out, delta_hidden=delta_hidden,
                         dW1=np.outer(delta_hidden, x), db1=delta_hidden.copy(), dW2=np.outer(delta_out, h1),
                         db2=delta_out.copy(), fd_delta_hidden=fd, fd_step=eps)


def warm_up() -> None:
    """Compile every kernel of this module on tiny inputs."""
    params = init_rnn(2, 3, 2, seed=0, recurrent_scale=0.9)
    trace = rnn_forward(params, np.ones((3, 2)))
    targets = np.array([0, 1, 0])
    rnn_bptt(params, trace, targets)
    rnn_bptt(params, trace, targets, truncation=2)
    gradient_paths(params, trace, targets)
    jacobian_norms(params, trace)
    sgd_bptt(params, np.ones((3, 2)), targets, lr=0.1, n_passes=1, chunk_len=2, truncation=1)
    x = np.ones((2, 3, 2))
    rnn_hidden_backward(params, x, rnn_hidden(params, x), np.ones((2, 3, 3)))
