"""Pairwise Euclidean distances by broadcasting (reference solution)."""

import torch


def pairwise_distances(a, b):
    """The (n, m) matrix of distances between the rows of a and of b."""
    diff = a[:, None, :] - b[None, :, :]  # (n, 1, d) - (1, m, d) -> (n, m, d)
    return diff.pow(2).sum(dim=-1).sqrt()
