# Orders the patches column by column (permute(2, 0, 1, 3)) instead of row by row.
import torch


def to_patches(img, p):
    h, w = img.shape
    if h % p or w % p:
        raise ValueError("sides must be multiples of p")
    return img.reshape(h // p, p, w // p, p).permute(2, 0, 1, 3).reshape(-1, p * p)


def from_patches(patches, h, w):
    p = round(patches.shape[1] ** 0.5)
    return patches.reshape(w // p, h // p, p, p).permute(1, 2, 0, 3).reshape(h, w)
