# Puts the whole model in eval mode instead of training mode with frozen batch norm in eval.
import torch
from torch import nn


def prepare_fine_tuning(model, n_classes, lr):
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith("fc."))
    return torch.optim.SGD(model.fc.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)


def train_mode(model):
    return model.eval()
