# Uses permute(0, 2, 3, 1): each patch is flattened column by column (transposed).
import torch


def to_patches(img, p):
    h, w = img.shape
    if h % p or w % p:
        raise ValueError("sides must be multiples of p")
    return img.reshape(h // p, p, w // p, p).permute(0, 2, 3, 1).reshape(-1, p * p)


def from_patches(patches, h, w):
    p = round(patches.shape[1] ** 0.5)
    return patches.reshape(h // p, w // p, p, p).permute(0, 3, 1, 2).reshape(h, w)
