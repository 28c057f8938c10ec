# Builds the optimiser over every parameter, then freezes the backbone.
import torch
from torch import nn


def prepare_fine_tuning(model, n_classes, lr):
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith("fc."))
    return opt


def train_mode(model):
    model.train()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            if not any(p.requires_grad for p in m.parameters()):
                m.eval()
    return model
