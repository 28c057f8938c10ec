"""An MLP with an exact parameter count (reference solution)."""

import torch
from torch import nn


def mlp(sizes):
    """Linear layers between consecutive sizes, with ReLU between them."""
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(a, b))
    return nn.Sequential(*layers)


def count_parameters(model):
    """The number of trainable parameters (elements, not tensors)."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def hidden_width_for_budget(n_in, n_out, budget):
    """The widest hidden layer whose MLP fits in budget parameters."""
    # (n_in + 1) * h + (h + 1) * n_out <= budget
    return max(0, (budget - n_out) // (n_in + n_out + 1))
