"""Grayscale conversion that matches OpenCV (reference solution)."""

import numpy as np

# OpenCV 4.6 computes RGB2GRAY on uint8 images in fixed point: the BT.601
# weights scaled by 2**15 (they sum to 32768), plus half for rounding.
_SHIFT = 15
_WEIGHTS = np.array([9798, 19235, 3735], dtype=np.uint32)  # R, G, B


def to_gray(img):
    """The BT.601 luminance of an RGB uint8 image, as uint8, like OpenCV."""
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError(f"expected an RGB image of shape (height, width, 3), got {img.shape}")
    # uint32 holds 255 * 32768 + 16384; uint8 (and uint16) would wrap around.
    y = (img.astype(np.uint32) * _WEIGHTS).sum(axis=2) + (1 << (_SHIFT - 1))
    return (y >> _SHIFT).astype(np.uint8)
