# Rounds and clips the result to uint8 like an image, instead of returning float64.
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
    out = np.zeros((h, w))
    for i in range(kh):
        for j in range(kw):
            out += kernel[i, j] * padded[i:i + h, j:j + w]
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)
