# Sizes the hidden layer from the weights alone, forgetting the biases.
from torch import nn


def mlp(sizes):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(a, b))
    return nn.Sequential(*layers)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def hidden_width_for_budget(n_in, n_out, budget):
    return budget // (n_in + n_out)
