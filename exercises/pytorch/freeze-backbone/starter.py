"""Freeze a ResNet's backbone and train a new head.

1. prepare_fine_tuning(model, n_classes, lr) gets a torchvision ResNet (for
   example torchvision.models.resnet18(weights=None)) whose head is model.fc.
   - Replace model.fc with a new nn.Linear (with a bias) that takes as many
     inputs as the old head did (its in_features: 512 for ResNet-18) and
     gives n_classes outputs.
   - Freeze every parameter except the new head's weight and bias
     (requires_grad False); the head's two parameters stay trainable.
   - Return torch.optim.SGD over the head's parameters only, in one
     parameter group, with learning rate lr, momentum=0.9 and
     weight_decay=1e-4.
   The model may arrive with gradients left from earlier training: a step of
   the optimiser you return must not move any frozen parameter.

2. train_mode(model) puts the model in training mode, except every
   batch-norm layer whose parameters (weight and bias) are all frozen: those
   go to eval mode, so that their running mean and variance stay as they
   are. It returns the model (as model.train() does). Call it wherever a
   training loop would call model.train().
"""

import torch
from torch import nn


def prepare_fine_tuning(model, n_classes, lr):
    """Replace model.fc for n_classes, freeze the rest, return the head's optimiser."""
    raise NotImplementedError("prepare_fine_tuning is not written yet")


def train_mode(model):
    """Training mode, except batch-norm layers whose parameters are all frozen."""
    raise NotImplementedError("train_mode is not written yet")
