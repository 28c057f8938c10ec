"""Image patches with view, permute and reshape (reference solution)."""

import torch


def to_patches(img, p):
    """The p x p patches of an (H, W) image, one flattened patch per row."""
    h, w = img.shape
    if h % p or w % p:
        raise ValueError(f"the image is {h} x {w}; both sides must be multiples of p = {p}")
    grid = img.reshape(h // p, p, w // p, p)     # [patch row, row in patch, patch col, col in patch]
    grid = grid.permute(0, 2, 1, 3)              # [patch row, patch col, row in patch, col in patch]
    return grid.reshape(-1, p * p)               # not contiguous: reshape copies, view would fail


def from_patches(patches, h, w):
    """The (h, w) image that to_patches cut into these patches."""
    p = round(patches.shape[1] ** 0.5)
    grid = patches.reshape(h // p, w // p, p, p).permute(0, 2, 1, 3)
    return grid.reshape(h, w)
