# Gets to_patches right but inverts it with a plain reshape, which scrambles the patches.
import torch


def to_patches(img, p):
    h, w = img.shape
    if h % p or w % p:
        raise ValueError("sides must be multiples of p")
    return img.reshape(h // p, p, w // p, p).permute(0, 2, 1, 3).reshape(-1, p * p)


def from_patches(patches, h, w):
    return patches.reshape(h, w)
