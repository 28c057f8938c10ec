"""The Sobel gradient magnitude, as OpenCV computes it (reference solution)."""

import numpy as np


def sobel_magnitude(img):
    """sqrt(gx**2 + gy**2) of the 3 x 3 Sobel derivatives, reflect-101 borders."""
    img = np.asarray(img)
    if img.ndim != 2:
        raise ValueError(f"expected a 2-D gray image, got shape {img.shape}")
    f = img.astype(np.float64)  # uint8 differences would wrap around
    # mode="reflect" is BORDER_REFLECT_101; on a 1-pixel side it repeats it.
    p = np.pad(f, 1, mode="reflect")
    d = p[:, 2:] - p[:, :-2]             # central difference along each row
    gx = d[:-2] + 2 * d[1:-1] + d[2:]    # smoothed [1, 2, 1] down the columns
    e = p[2:, :] - p[:-2, :]             # central difference down each column
    gy = e[:, :-2] + 2 * e[:, 1:-1] + e[:, 2:]
    return np.sqrt(gx * gx + gy * gy)
