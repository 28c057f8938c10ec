# Puts a ReLU after the last Linear too, so the output can never be negative.
from torch import nn


def mlp(sizes):
    layers = []
    for a, b in zip(sizes, sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def hidden_width_for_budget(n_in, n_out, budget):
    return max(0, (budget - n_out) // (n_in + n_out + 1))
