# Never checks the kernel: an even kernel has no centre, and it silently picks one.
import numpy as np


def conv2d(img, kernel):
    img = np.asarray(img)
    kernel = np.asarray(kernel)
    if img.ndim != 2 or kernel.ndim != 2:
        raise ValueError("expected 2-D arrays")
    kh, kw = kernel.shape
    h, w = img.shape
    r, c = kh // 2, kw // 2
    padded = np.pad(img, ((r, kh - 1 - r), (c, kw - 1 - c)), mode="reflect")
    out = np.zeros((h, w))
    for i in range(kh):
        for j in range(kw):
            out += kernel[i, j] * padded[i:i + h, j:j + w]
    return out
