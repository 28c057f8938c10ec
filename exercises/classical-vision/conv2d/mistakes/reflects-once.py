# Builds the reflect-101 border by slicing once, which breaks when the image is smaller than the kernel.
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
    padded = img
    if r:
        padded = np.concatenate([padded[r:0:-1], padded, padded[-2:-r - 2:-1]], axis=0)
    if c:
        padded = np.concatenate([padded[:, c:0:-1], padded, padded[:, -2:-c - 2:-1]], axis=1)
    out = np.zeros((h, w))
    for i in range(kh):
        for j in range(kw):
            out += kernel[i, j] * padded[i:i + h, j:j + w]
    return out
