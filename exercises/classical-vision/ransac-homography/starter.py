"""RANSAC for a homography, with a seeded numpy Generator.

Implement ransac_homography(src, dst, threshold, iterations, rng) in numpy
only (no OpenCV, scipy or scikit-image). homography_dlt below is the
previous exercise's normalised DLT, written out; keep it (or paste yours)
and call it by that name: the checker replaces it with a stand-in in some
tests to see which points you pass it.

- src and dst: array-likes of shape (N, 2), N >= 4, point i of src matching
  point i of dst. threshold: a number > 0, in pixels. iterations: an int
  >= 1. rng: a numpy Generator (np.random.default_rng(seed)). Raise
  ValueError for points that are not (N, 2), shapes that differ, N < 4,
  threshold <= 0 or iterations < 1.
- Run exactly `iterations` iterations, with no early stop. In each:
  idx = rng.choice(N, size=4, replace=False), then
  h = homography_dlt(src[idx], dst[idx]). Draw from rng only, never from
  np.random or random: the global random state must stay as it was.
- The reprojection error of point i under h is the distance between
  (x', y') = (X / W, Y / W), where [X, Y, W] = h @ [x_i, y_i, 1], and
  dst[i]. Point i is an inlier when its error is <= threshold (at exactly
  the threshold it counts, as in OpenCV's RANSAC).
- Keep the model with the most inliers. On a tie keep the earlier one:
  replace the best only when a model has strictly more inliers.
- At the end, if the best model has at least 4 inliers, refit:
  H = homography_dlt(src[mask], dst[mask]) with mask its inlier mask, and
  return (H, mask). If it has fewer than 4, return (its h, its mask).
- inlier_mask is a bool numpy array of shape (N,): the inliers of the best
  sample model (it is not recomputed with the refit H). H is the (3, 3)
  float64 array homography_dlt returns (H[2, 2] == 1).
"""

import numpy as np


def _points(p, name):
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] != 2:
        raise ValueError(f"{name} must have shape (N, 2), got {p.shape}")
    return p


def _normalise(p):
    c = p.mean(axis=0)
    d = np.sqrt(((p - c) ** 2).sum(axis=1)).mean()
    if d == 0:
        raise ValueError("all the points coincide")
    s = np.sqrt(2) / d
    return np.array([[s, 0, -s * c[0]], [0, s, -s * c[1]], [0, 0, 1]])


def homography_dlt(src, dst):
    """H (3x3, H[2, 2] == 1) with dst ~ H @ src, by the normalised DLT."""
    src, dst = _points(src, "src"), _points(dst, "dst")
    if src.shape != dst.shape:
        raise ValueError(f"src and dst must have the same shape, got {src.shape} and {dst.shape}")
    if len(src) < 4:
        raise ValueError(f"need at least 4 correspondences, got {len(src)}")
    ts, td = _normalise(src), _normalise(dst)
    ones = np.ones((len(src), 1))
    x = np.hstack([src, ones]) @ ts.T
    u = np.hstack([dst, ones]) @ td.T
    a = np.zeros((2 * len(src), 9))
    a[0::2, 0:3] = -x
    a[0::2, 6:9] = u[:, :1] * x
    a[1::2, 3:6] = -x
    a[1::2, 6:9] = u[:, 1:2] * x
    _, _, vt = np.linalg.svd(a)
    h = np.linalg.inv(td) @ vt[-1].reshape(3, 3) @ ts
    return h / h[2, 2]


def ransac_homography(src, dst, threshold, iterations, rng):
    """(H, inlier_mask): the homography with the most inliers, refit on them."""
    raise NotImplementedError("ransac_homography is not written yet")
