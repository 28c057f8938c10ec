# Returns Adam with its defaults instead of SGD with momentum 0.9 and weight decay 1e-4.
import torch
from torch import nn


def prepare_fine_tuning(model, n_classes, lr):
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith("fc."))
    return torch.optim.Adam(model.fc.parameters(), lr=lr)


def train_mode(model):
    model.train()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            if not any(p.requires_grad for p in m.parameters()):
                m.eval()
    return model
