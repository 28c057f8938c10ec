"""2-D filtering that matches OpenCV's cv2.filter2D (reference solution)."""

import numpy as np


def conv2d(img, kernel):
    """Correlate img with kernel like cv2.filter2D with BORDER_REFLECT_101."""
    img = np.asarray(img)
    kernel = np.asarray(kernel)
    if img.ndim != 2 or kernel.ndim != 2:
        raise ValueError(f"expected a 2-D image and a 2-D kernel, got shapes {img.shape} and {kernel.shape}")
    kh, kw = kernel.shape
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError(f"kernel sides must be odd, got {kernel.shape}")
    h, w = img.shape
    r, c = kh // 2, kw // 2
    # mode="reflect" is OpenCV's BORDER_REFLECT_101 (edge not repeated), and
    # numpy keeps reflecting when the pad is wider than the image.
    padded = np.pad(img.astype(np.float64), ((r, r), (c, c)), mode="reflect")
    out = np.zeros((h, w), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            out += kernel[i, j] * padded[i:i + h, j:j + w]
    return out
