# Keeps the last t of a tie (>= in the running maximum) instead of the first.
import numpy as np


def otsu_threshold(img):
    img = np.asarray(img)
    if img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError("expected a 2-D uint8 image")
    h = np.bincount(img.ravel(), minlength=256).astype(np.int64)
    n = int(h.sum())
    best, best_t = -1.0, 0
    n0 = s0 = 0
    total = int((h * np.arange(256)).sum())
    for t in range(256):
        n0 += int(h[t])
        s0 += t * int(h[t])
        n1, s1 = n - n0, total - s0
        if n0 == 0 or n1 == 0:
            continue
        v = (s0 * n1 - s1 * n0) ** 2 / (n0 * n1)
        if v >= best:
            best, best_t = v, t
    return best_t
