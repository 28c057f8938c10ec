# Builds an nn.ModuleList with a forward that chains it, not the nn.Sequential the task asks for.
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            if i > 0:
                x = torch.relu(x)
            x = layer(x)
        return x


def mlp(sizes):
    return MLP(sizes)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def hidden_width_for_budget(n_in, n_out, budget):
    return max(0, (budget - n_out) // (n_in + n_out + 1))
