# Converts to float32 with .float(), so float64 inputs come back as float32.
import torch


def pairwise_distances(a, b):
    diff = a.float()[:, None, :] - b.float()[None, :, :]
    return diff.pow(2).sum(dim=-1).sqrt()
