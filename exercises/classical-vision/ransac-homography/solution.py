"""RANSAC for a homography (reference solution)."""

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


def reprojection_error(h, src, dst):
    """|| project(H, src_i) - dst_i || for every i, dividing by w."""
    p = np.hstack([src, np.ones((len(src), 1))]) @ h.T
    with np.errstate(divide="ignore", invalid="ignore"):
        proj = p[:, :2] / p[:, 2:3]
    return np.sqrt(((proj - dst) ** 2).sum(axis=1))


def ransac_homography(src, dst, threshold, iterations, rng):
    """(H, inlier_mask): the homography with the most inliers, refit on them."""
    src, dst = _points(src, "src"), _points(dst, "dst")
    if src.shape != dst.shape:
        raise ValueError(f"src and dst must have the same shape, got {src.shape} and {dst.shape}")
    n = len(src)
    if n < 4:
        raise ValueError(f"need at least 4 correspondences, got {n}")
    if not threshold > 0:
        raise ValueError(f"threshold must be > 0, got {threshold}")
    if iterations < 1:
        raise ValueError(f"iterations must be at least 1, got {iterations}")
    best_h, best_mask, best_count = None, None, -1
    for _ in range(iterations):
        idx = rng.choice(n, size=4, replace=False)
        h = homography_dlt(src[idx], dst[idx])
        mask = reprojection_error(h, src, dst) <= threshold
        count = int(mask.sum())
        if count > best_count:           # the first model with the most inliers
            best_h, best_mask, best_count = h, mask, count
    if best_count < 4:
        return best_h, best_mask
    return homography_dlt(src[best_mask], dst[best_mask]), best_mask
