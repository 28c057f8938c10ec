"""Hysteresis thresholding, the last step of the Canny edge detector (reference solution)."""

import numpy as np


def hysteresis(mag, low, high):
    """Keep candidates (mag >= low) 8-connected to strong pixels (mag >= high)."""
    mag = np.asarray(mag)
    if mag.ndim != 2:
        raise ValueError(f"expected a 2-D array of magnitudes, got shape {mag.shape}")
    if low > high:
        raise ValueError(f"low ({low}) must not exceed high ({high})")
    h, w = mag.shape
    candidate = mag >= low
    kept = mag >= high
    # Depth-first search from every strong pixel through candidate pixels.
    stack = [tuple(p) for p in np.argwhere(kept)]
    while stack:
        y, x = stack.pop()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                ny, nx = y + dy, x + dx
                if 0 <= ny < h and 0 <= nx < w and candidate[ny, nx] and not kept[ny, nx]:
                    kept[ny, nx] = True
                    stack.append((ny, nx))
    return kept
