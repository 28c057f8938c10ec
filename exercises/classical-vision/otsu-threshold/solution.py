"""Otsu's threshold, as cv2.threshold returns it (reference solution)."""

import numpy as np


def otsu_threshold(img):
    """The threshold Otsu's method picks for a uint8 gray image."""
    img = np.asarray(img)
    if img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError(f"expected a 2-D uint8 image, got shape {img.shape} and dtype {img.dtype}")
    h = np.bincount(img.ravel(), minlength=256).astype(np.int64)
    n = int(h.sum())
    n0 = np.cumsum(h)                       # pixels <= t
    s0 = np.cumsum(h * np.arange(256))      # their sum
    n1, s1 = n - n0, s0[-1] - s0            # pixels > t
    valid = (n0 > 0) & (n1 > 0)
    if not valid.any():
        return 0                            # a constant image, as OpenCV
    # N^2 * w0 * w1 * (mu0 - mu1)^2 = (s0 * n1 - s1 * n0)^2 / (n0 * n1);
    # the difference is exact in int64, so equal variances compare equal.
    d = (s0 * n1 - s1 * n0).astype(np.float64)
    between = np.full(256, -1.0)
    between[valid] = d[valid] ** 2 / (n0[valid] * n1[valid])
    return int(np.argmax(between))          # the first (smallest) maximum
