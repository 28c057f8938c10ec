# Returns the rounded luminance as float64 instead of uint8.
import numpy as np


def to_gray(img):
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError("not an RGB image")
    return np.rint(img @ np.array([0.299, 0.587, 0.114]))
