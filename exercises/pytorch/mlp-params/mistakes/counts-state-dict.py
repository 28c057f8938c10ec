# Counts the numbers in the state_dict: buffers and frozen parameters too, and a shared layer twice.
from torch import nn


def mlp(sizes):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(a, b))
    return nn.Sequential(*layers)


def count_parameters(model):
    return sum(t.numel() for t in model.state_dict().values())


def hidden_width_for_budget(n_in, n_out, budget):
    return max(0, (budget - n_out) // (n_in + n_out + 1))
