# Returns the image itself for a 1 x 1 kernel of 1 (a shortcut), so the result aliases the input.
import numpy as np


def conv2d(img, kernel):
    img = np.asarray(img)
    kernel = np.asarray(kernel)
    if img.ndim != 2 or kernel.ndim != 2:
        raise ValueError("expected 2-D arrays")
    kh, kw = kernel.shape
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError("kernel sides must be odd")
    if kernel.shape == (1, 1) and kernel[0, 0] == 1:
        return img
    h, w = img.shape
    r, c = kh // 2, kw // 2
    padded = np.pad(img, ((r, r), (c, c)), mode="reflect")
    out = np.zeros((h, w))
    for i in range(kh):
        for j in range(kw):
            out += kernel[i, j] * padded[i:i + h, j:j + w]
    return out
