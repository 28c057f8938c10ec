# Divides by 255 for float32 images too.

import numpy as np

# Sobel kernels: smoothing across the derivative, and the derivative itself.
SMOOTH = {1: [1.0], 3: [1.0, 2.0, 1.0], 5: [1.0, 4.0, 6.0, 4.0, 1.0], 7: [1.0, 6.0, 15.0, 20.0, 15.0, 6.0, 1.0]}
DERIV = {1: [-1.0, 0.0, 1.0], 3: [-1.0, 0.0, 1.0], 5: [-1.0, -2.0, 0.0, 2.0, 1.0],
         7: [-1.0, -4.0, -5.0, 0.0, 5.0, 4.0, 1.0]}


def _correlate(a, rows, cols):
    """Separable correlation: rows down the columns, cols along the rows, reflect-101 borders."""
    h, w = a.shape
    r, c = len(rows) // 2, len(cols) // 2
    p = np.pad(a, ((r, r), (c, c)), mode="reflect")
    tmp = np.zeros((h + 2 * r, w))
    for j, wt in enumerate(cols):
        tmp += wt * p[:, j:j + w]
    out = np.zeros((h, w))
    for i, wt in enumerate(rows):
        out += wt * tmp[i:i + h, :]
    return out


def _window_sum(a, size):
    """Sum over a size x size window whose anchor is at offset size // 2 (reflect-101 borders)."""
    h, w = a.shape
    before = size // 2
    after = size - 1 - before
    p = np.pad(a, ((before, after), (before, after)), mode="reflect")
    tmp = np.zeros((h + size - 1, w))
    for j in range(size):
        tmp += p[:, j:j + w]
    out = np.zeros((h, w))
    for i in range(size):
        out += tmp[i:i + h, :]
    return out


def harris_response(img, block_size, ksize, k):
    """R = det(M) - k * trace(M)**2 at every pixel, float32, as cv2.cornerHarris."""
    img = np.asarray(img)
    if img.ndim != 2 or img.dtype not in (np.uint8, np.float32):
        raise ValueError(f"expected a 2-D uint8 or float32 image, got shape {img.shape} and dtype {img.dtype}")
    if isinstance(block_size, bool) or not isinstance(block_size, (int, np.integer)) or block_size < 1:
        raise ValueError(f"block_size must be a positive integer, got {block_size!r}")
    if ksize not in SMOOTH:
        raise ValueError(f"ksize must be 1, 3, 5 or 7, got {ksize!r}")
    f = img.astype(np.float64)
    scale = 1.0 / (2 ** (ksize - 1) * block_size)
    if True:
        scale /= 255.0
    dx = _correlate(f, SMOOTH[ksize], DERIV[ksize]) * scale
    dy = _correlate(f, DERIV[ksize], SMOOTH[ksize]) * scale
    a = _window_sum(dx * dx, block_size)
    b = _window_sum(dx * dy, block_size)
    c = _window_sum(dy * dy, block_size)
    return (a * c - b * b - k * (a + c) ** 2).astype(np.float32)
