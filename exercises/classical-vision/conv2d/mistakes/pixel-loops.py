# Loops over every pixel in Python: right numbers, about 20 times too slow.
import numpy as np


def conv2d(img, kernel):
    img = np.asarray(img)
    kernel = np.asarray(kernel)
    if img.ndim != 2 or kernel.ndim != 2:
        raise ValueError("expected 2-D arrays")
    kh, kw = kernel.shape
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError("kernel sides must be odd")
    h, w = img.shape
    r, c = kh // 2, kw // 2
    padded = np.pad(img, ((r, r), (c, c)), mode="reflect")
    out = np.empty((h, w))
    for y in range(h):
        for x in range(w):
            out[y, x] = np.sum(padded[y:y + kh, x:x + kw] * kernel)
    return out
