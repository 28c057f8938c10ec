# Loops over every pair of points in Python instead of broadcasting.
import torch


def pairwise_distances(a, b):
    out = torch.empty(a.shape[0], b.shape[0], dtype=a.dtype)
    for i in range(a.shape[0]):
        for j in range(b.shape[0]):
            out[i, j] = (a[i] - b[j]).pow(2).sum().sqrt()
    return out
