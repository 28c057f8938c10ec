# Dilates before eroding (a closing): specks stay and nearby objects merge.
import numpy as np


def _shifts(fg, se, outside):
    """The foreground under each 1 of se: fg[y + i - r, x + j - c], outside filled in."""
    kh, kw = se.shape
    h, w = fg.shape
    padded = np.pad(fg, ((kh // 2, kh // 2), (kw // 2, kw // 2)), constant_values=outside)
    return [padded[i:i + h, j:j + w] for i, j in np.argwhere(se)]


def count_objects(img, se, min_area):
    """Open img with se, label 8-connected components, drop the small ones."""
    img = np.asarray(img)
    se = np.asarray(se)
    if img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError(f"expected a 2-D uint8 image, got shape {img.shape} and dtype {img.dtype}")
    if se.ndim != 2 or se.shape[0] % 2 == 0 or se.shape[1] % 2 == 0 or not np.any(se):
        raise ValueError(f"expected a 2-D structuring element with odd sides and a 1, got shape {se.shape}")
    if min_area < 1:
        raise ValueError(f"min_area must be at least 1, got {min_area}")
    # On a binary image the minimum is an "and" and the maximum an "or":
    # outside pixels are True for the erosion and False for the dilation.
    dilated = np.logical_or.reduce(_shifts(img > 0, se, False))
    fg = np.logical_and.reduce(_shifts(dilated, se, True))
    h, w = fg.shape
    labels = np.zeros((h, w), dtype=np.int32)
    seen = np.zeros((h, w), dtype=bool)
    n = 0
    for y, x in np.argwhere(fg):  # raster order: first pixels come in order
        if seen[y, x]:
            continue
        seen[y, x] = True
        stack, pixels = [(y, x)], []
        while stack:
            py, px = stack.pop()
            pixels.append((py, px))
            for ny in range(max(py - 1, 0), min(py + 2, h)):
                for nx in range(max(px - 1, 0), min(px + 2, w)):
                    if fg[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        if len(pixels) >= min_area:
            n += 1
            rows, cols = zip(*pixels)
            labels[rows, cols] = n
    return n, labels
