# Reorders the caller's image to BGR in place, then weighs it as BGR: right pixels, ruined input.
import numpy as np


def to_gray(img):
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError("not an RGB image")
    img[...] = img[..., ::-1].copy()
    y = (img.astype(np.uint32) * np.array([3735, 19235, 9798], np.uint32)).sum(axis=2) + 16384
    return (y >> 15).astype(np.uint8)
