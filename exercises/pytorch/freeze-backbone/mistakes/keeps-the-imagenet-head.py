# Freezes the backbone and trains the old 1000-class head instead of replacing it.
import torch
from torch import nn


def prepare_fine_tuning(model, n_classes, lr):
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith("fc."))
    return torch.optim.SGD(model.fc.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)


def train_mode(model):
    model.train()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            if not any(p.requires_grad for p in m.parameters()):
                m.eval()
    return model
