# Stops the loop one layer early (range(len(sizes) - 2)), so the output has the wrong width.
from torch import nn


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 2):
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
    return nn.Sequential(*layers)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def hidden_width_for_budget(n_in, n_out, budget):
    return max(0, (budget - n_out) // (n_in + n_out + 1))
