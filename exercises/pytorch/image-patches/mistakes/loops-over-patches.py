# Cuts the patches with a comprehension over patch positions.
import torch


def to_patches(img, p):
    h, w = img.shape
    if h % p or w % p:
        raise ValueError("sides must be multiples of p")
    return torch.stack([img[i:i + p, j:j + p].reshape(-1) for i in range(0, h, p) for j in range(0, w, p)])


def from_patches(patches, h, w):
    p = round(patches.shape[1] ** 0.5)
    return patches.reshape(h // p, w // p, p, p).permute(0, 2, 1, 3).reshape(h, w)
