"""Freeze a ResNet's backbone and train a new head (reference solution)."""

import torch
from torch import nn


def prepare_fine_tuning(model, n_classes, lr):
    """Replace model.fc for n_classes, freeze the rest, return the head's optimiser."""
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith("fc."))
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.SGD(trainable, lr=lr, momentum=0.9, weight_decay=1e-4)


def train_mode(model):
    """Training mode, except batch-norm layers whose parameters are all frozen."""
    model.train()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            params = list(m.parameters())
            if params and not any(p.requires_grad for p in params):
                m.eval()
    return model
