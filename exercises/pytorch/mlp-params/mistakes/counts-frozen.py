# Counts frozen parameters too (ignores requires_grad).
from torch import nn


def mlp(sizes):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(a, b))
    return nn.Sequential(*layers)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())


def hidden_width_for_budget(n_in, n_out, budget):
    return max(0, (budget - n_out) // (n_in + n_out + 1))
