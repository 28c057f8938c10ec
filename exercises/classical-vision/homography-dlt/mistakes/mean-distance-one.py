# Scales the points to a mean distance of 1 from their centroid instead of sqrt(2).

import numpy as np


def _points(p, name):
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] != 2:
        raise ValueError(f"{name} must have shape (N, 2), got {p.shape}")
    return p


def _normalise(p):
    """T such that T @ [x, y, 1] has centroid 0 and mean distance sqrt(2)."""
    c = p.mean(axis=0)
    d = np.sqrt(((p - c) ** 2).sum(axis=1)).mean()
    if d == 0:
        raise ValueError("all the points coincide")
    s = 1 / d
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
    hn = vt[-1].reshape(3, 3)
    h = np.linalg.inv(td) @ hn @ ts
    return h / h[2, 2]
