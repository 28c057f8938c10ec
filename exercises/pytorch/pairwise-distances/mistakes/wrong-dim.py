# Sums over the points (dim=1) instead of the coordinates (dim=-1).
import torch


def pairwise_distances(a, b):
    diff = a[:, None, :] - b[None, :, :]
    return diff.pow(2).sum(dim=1).sqrt()
