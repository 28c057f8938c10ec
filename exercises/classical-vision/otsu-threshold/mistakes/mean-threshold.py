# Uses the mean gray value as the threshold: right for symmetric histograms only.
import numpy as np


def otsu_threshold(img):
    img = np.asarray(img)
    if img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError("expected a 2-D uint8 image")
    if img.min() == img.max():
        return 0
    return int(img.mean())
