# Rounds the float formula with np.rint instead of using OpenCV's fixed-point weights.
import numpy as np


def to_gray(img):
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError("not an RGB image")
    x = img.astype(np.float64)
    y = 0.299 * x[..., 0] + 0.587 * x[..., 1] + 0.114 * x[..., 2]
    return np.rint(y).astype(np.uint8)
