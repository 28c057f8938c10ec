# Never checks the shape, so a 4-channel image passes silently (alpha weighted by 0).
import numpy as np


def to_gray(img):
    w = np.array([9798, 19235, 3735, 0], np.uint32)[: img.shape[-1]]
    y = (img.astype(np.uint32) * w).sum(axis=-1) + 16384
    return (y >> 15).astype(np.uint8)
