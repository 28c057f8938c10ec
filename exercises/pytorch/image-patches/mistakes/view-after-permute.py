# Flattens with view after permute: the permuted tensor is not contiguous, so view raises.
import torch


def to_patches(img, p):
    h, w = img.shape
    if h % p or w % p:
        raise ValueError("sides must be multiples of p")
    return img.view(h // p, p, w // p, p).permute(0, 2, 1, 3).view(-1, p * p)


def from_patches(patches, h, w):
    p = round(patches.shape[1] ** 0.5)
    return patches.reshape(h // p, w // p, p, p).permute(0, 2, 1, 3).reshape(h, w)
