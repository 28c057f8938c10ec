# Crops the image to a multiple of p instead of raising ValueError.
import torch


def to_patches(img, p):
    h, w = img.shape
    h, w = h - h % p, w - w % p
    return img[:h, :w].reshape(h // p, p, w // p, p).permute(0, 2, 1, 3).reshape(-1, p * p)


def from_patches(patches, h, w):
    p = round(patches.shape[1] ** 0.5)
    return patches.reshape(h // p, w // p, p, p).permute(0, 2, 1, 3).reshape(h, w)
