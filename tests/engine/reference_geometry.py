"""Slow, obvious numpy versions of the geometry kernels, fed the same random numbers.

The engine draws coordinate k of row r from stream s as ``uniforms(seed, ·, s)[r · D + k]``; these
references rebuild those arrays with the public ``engine.rng`` functions and do the maths in numpy.
"""

import numpy as np

from engine.rng import normals, uniforms


def cube_points(dim, n, seed, stream):
    return (2.0 * uniforms(seed, n * dim, stream) - 1.0).reshape(n, dim)


def cube_angles(dim, n_pairs, seed):
    u, v = cube_points(dim, n_pairs, seed, 1), cube_points(dim, n_pairs, seed, 2)
    cos = np.einsum("ij,ij->i", u, v) / (np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1))
    return np.arccos(np.clip(cos, -1, 1))


def sphere_angles(dim, n_pairs, seed):
    u = normals(seed, n_pairs * dim, 1).reshape(n_pairs, dim)
    v = normals(seed, n_pairs * dim, 2).reshape(n_pairs, dim)
    cos = np.einsum("ij,ij->i", u, v) / (np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1))
    return np.arccos(np.clip(cos, -1, 1))


def cube_norms(dim, n, seed):
    return np.linalg.norm(cube_points(dim, n, seed, 3), axis=1)


def ball_norms(dim, n, seed):
    g = normals(seed, n * dim, 4).reshape(n, dim)
    e = -np.log(1.0 - uniforms(seed, n, 5))
    gg = (g * g).sum(axis=1)
    return np.sqrt(gg / (gg + 2.0 * e))


def grid_occupied(dim, bins, n, seed):
    cells = np.floor(uniforms(seed, n * dim, 6).reshape(n, dim) * bins).astype(np.int64)
    return len(np.unique(cells, axis=0))


def distances_from_query(dim, n, seed):
    q = 2.0 * uniforms(seed, dim, 7) - 1.0
    return np.linalg.norm(cube_points(dim, n, seed, 8) - q, axis=1)


def knn_accuracy(x_train, y_train, x_test, y_test, n_features, k):
    a, b = x_train[:, :n_features], x_test[:, :n_features]
    d2 = ((b[:, None, :] - a[None, :, :]) ** 2).sum(axis=2)  # (n_test, n_train)
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    predicted = (2 * y_train[nearest].sum(axis=1) > k).astype(int)
    return float(np.mean(predicted == y_test))


def cube_face_gaps(dim, n, seed):
    return 1.0 - np.abs(cube_points(dim, n, seed, 3)).max(axis=1)
