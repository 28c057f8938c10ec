# Converts to uint8 without rounding, so 29.9 becomes 29.
import numpy as np


def to_gray(img):
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError("not an RGB image")
    y = img @ np.array([0.299, 0.587, 0.114])
    return y.astype(np.uint8)
