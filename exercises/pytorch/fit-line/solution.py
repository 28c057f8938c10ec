"""A training loop that fits a line (reference solution)."""

import torch
from torch import nn

LEARNING_RATE = 0.5


def fit(model, x, y, steps, lr):
    """Full-batch SGD on the mean squared error; the loss of each step as floats."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    model.train()
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model.eval()
    return losses


def evaluate(model, x, y):
    """The mean squared error of model on (x, y) in evaluation mode, as a float."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        loss = nn.functional.mse_loss(model(x), y).item()
    model.train(was_training)
    return loss
