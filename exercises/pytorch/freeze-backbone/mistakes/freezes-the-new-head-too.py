# Replaces the head first, then freezes every parameter, the new head included.
import torch
from torch import nn


def prepare_fine_tuning(model, n_classes, lr):
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    for p in model.parameters():
        p.requires_grad_(False)
    return torch.optim.SGD([p for p in model.parameters() if p.requires_grad] or model.fc.parameters(),
                           lr=lr, momentum=0.9, weight_decay=1e-4)


def train_mode(model):
    model.train()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            if not any(p.requires_grad for p in m.parameters()):
                m.eval()
    return model
