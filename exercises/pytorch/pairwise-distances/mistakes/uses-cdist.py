# Calls torch.cdist, which for more than 25 points also uses the expanded formula.
import torch


def pairwise_distances(a, b):
    return torch.cdist(a, b)
