# Reads one row and column too few of the structuring element (range(-r, r) instead of range(-r, r + 1)).
import numpy as np


def binary_erode(img, se):
    """Erode img with the structuring element se, like cv2.erode."""
    img = np.asarray(img)
    se = np.asarray(se)
    if img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError(f"expected a 2-D uint8 image, got shape {img.shape} and dtype {img.dtype}")
    if se.ndim != 2:
        raise ValueError(f"expected a 2-D structuring element, got shape {se.shape}")
    kh, kw = se.shape
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError(f"the structuring element's sides must be odd, got {se.shape}")
    if not np.any(se):
        raise ValueError("the structuring element holds no 1")
    h, w = img.shape
    r, c = kh // 2, kw // 2
    # Outside the image counts as 255: it never lowers a minimum.
    padded = np.pad(img, ((r, r), (c, c)), mode="constant", constant_values=255)
    out = np.full((h, w), 255, dtype=np.uint8)
    for i, j in np.argwhere(se[:-1, :-1]):
        out = np.minimum(out, padded[i:i + h, j:j + w])
    return out
